//! Garnet-specific physics (issue 6): each new term against an analytic check.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use garnet_cell::{
    parse_design, resistance_breakdown, resolve, CellError, CellParams, Protocol, Simulator,
};
use garnet_materials::{physics::ConductivityModel, MaterialDb};

fn params(text: &str) -> Result<CellParams, CellError> {
    resolve(
        "t.toml",
        &parse_design("t.toml", text)?,
        &MaterialDb::embedded().unwrap(),
    )
}

/// A thin-film LiCoO2 cathode on a garnet separator, with placeholders to edit.
fn thin_film(extra_cathode: &str, extra_top: &str) -> String {
    format!(
        r#"
version = 1
temperature = "25 degC"
area = "1 cm2"
nominal_capacity = "0.02 mAh"
voltage_min = "3.0 V"
voltage_max = "4.2 V"
initial_soc = 0.5
{extra_top}
[separator]
material = "LLZTO"
thickness = "20 um"
[cathode]
material = "LiCoO2"
structure = "thin-film"
thickness = "0.5 um"
electronic_conductivity = "1 S/m"
diffusivity = "1e-11 m2/s"
{extra_cathode}
[anode]
interface_resistance = "10 ohm cm2"
[mesh]
particle = 10
"#
    )
}

fn r_pulse(p: &CellParams) -> garnet_cell::ResistanceBreakdown {
    resistance_breakdown(p, None, 1.0).unwrap()
}

#[test]
fn thin_film_with_fast_diffusion_follows_the_ocv() {
    let p = params(&thin_film("", "")).unwrap();
    assert!(p.thin_film);
    let mut sim = Simulator::new(p.clone());
    let mut y = sim.initial_state();
    let run = sim
        .run(
            &Protocol::from_strings(&["Discharge at C/10 for 2 h"], 1).unwrap(),
            &mut y,
        )
        .unwrap();
    // V − U(x̄) stays at −I·R (no diffusion or transport limitation to grow).
    let i = run.samples[1].current / p.area;
    let r = r_pulse(&p).r_pulse_ohm_cm2 * 1e-4;
    for s in run.samples.iter().skip(2) {
        let gap = s.breakdown.voltage - s.breakdown.ocv;
        assert!(
            (gap + i * r).abs() < 2e-4 + 0.02 * (i * r).abs(),
            "t {}: {gap} vs {}",
            s.time,
            -i * r
        );
        assert!(
            s.breakdown.particle.abs() < 1e-4,
            "diffusion overpotential {}",
            s.breakdown.particle
        );
    }
}

#[test]
fn interlayer_adds_thickness_over_conductivity() {
    let bare = params(&thin_film("", "")).unwrap();
    let coated_text = thin_film(
        "interlayer = \"Li3BO3\"\ninterlayer_thickness = \"20 nm\"",
        "",
    );
    let coated = params(&coated_text).unwrap();
    let li3bo3 = MaterialDb::embedded().unwrap();
    let sigma = ConductivityModel::of(li3bo3.get("Li3BO3").unwrap())
        .unwrap()
        .at(298.15);
    let expected = 20e-9 / sigma * 1e4; // Ω cm²
    assert!((coated.interlayer_resistance * 1e4 - expected).abs() < 1e-9 * expected);
    let added = r_pulse(&coated).r_pulse_ohm_cm2 - r_pulse(&bare).r_pulse_ohm_cm2;
    assert!(
        (added / expected - 1.0).abs() < 0.01,
        "added {added} Ω cm² vs t/σ = {expected}"
    );
    let films = r_pulse(&coated).r_cathode_films_ohm_cm2;
    assert!(
        (films / expected - 1.0).abs() < 0.01,
        "{films} vs {expected}"
    );
}

#[test]
fn contact_fraction_scales_charge_transfer_by_one_over_f() {
    let full = r_pulse(&params(&thin_film("", "")).unwrap());
    let third = r_pulse(&params(&thin_film("contact_fraction = 0.25", "")).unwrap());
    let ct = |r: &garnet_cell::ResistanceBreakdown| {
        r.r_interface_ohm_cm2
            - r.r_anode_interface_ohm_cm2
            - r.r_cathode_films_ohm_cm2
            - r.r_constriction_ohm_cm2
    };
    assert!(
        (ct(&third) / ct(&full) - 4.0).abs() < 0.04,
        "{} vs {}",
        ct(&third),
        ct(&full)
    );
    // everything else unchanged
    assert!((third.r_separator_ohm_cm2 - full.r_separator_ohm_cm2).abs() < 1e-9);
}

#[test]
fn separator_term_follows_the_arrhenius_law() {
    let cold = r_pulse(&params(&thin_film("", "")).unwrap());
    let hot = r_pulse(
        &params(
            &thin_film("", "").replace("temperature = \"25 degC\"", "temperature = \"80 degC\""),
        )
        .unwrap(),
    );
    let db = MaterialDb::embedded().unwrap();
    let m = ConductivityModel::of(db.get("LLZTO").unwrap()).unwrap();
    let expected = m.at(298.15) / m.at(353.15);
    let got = hot.r_separator_ohm_cm2 / cold.r_separator_ohm_cm2;
    assert!((got / expected - 1.0).abs() < 1e-6, "{got} vs {expected}");
    // 20 µm / σ(25 °C), by hand
    assert!((cold.r_separator_ohm_cm2 - 20e-6 / m.at(298.15) * 1e4).abs() < 1e-9);
}

#[test]
fn carbonate_layers_add_their_resistance() {
    let bare = r_pulse(&params(&thin_film("", "")).unwrap());
    let text = thin_film("", "").replace(
        "thickness = \"20 um\"",
        "thickness = \"20 um\"\ncarbonate_anode_side = \"2 nm\"",
    );
    let p = params(&text).unwrap();
    let added = r_pulse(&p).r_anode_interface_ohm_cm2 - bare.r_anode_interface_ohm_cm2;
    assert!(added > 0.0);
    assert!(
        (added - p.anode_resistance * 1e4).abs() / added < 0.01,
        "{added} vs {}",
        p.anode_resistance * 1e4
    );
}

#[test]
fn the_four_contributions_sum_to_the_pulse_resistance() {
    // A composite with fast solid diffusion (the PyBaMM example with D = 1e-9 m²/s).
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/pybamm-xu2019-halfcell.toml"
    ))
    .unwrap()
    .replace(
        "diffusivity = \"1e-14 m2/s\"",
        "diffusivity = \"1e-9 m2/s\"",
    );
    let r = r_pulse(&params(&text).unwrap());
    assert!(
        (r.r_total_ohm_cm2 / r.r_pulse_ohm_cm2 - 1.0).abs() < 0.05,
        "{r:?}"
    );
}

#[test]
fn anode_interlayer_sets_the_interface_resistance() {
    let text = thin_film("", "").replace(
        "interface_resistance = \"10 ohm cm2\"",
        "interlayer = \"Al2O3\"",
    );
    let p = params(&text).unwrap();
    // Al2O3: 1 Ω cm² (Han et al. 2017): an ohmic interface (issue 14), whose
    // small-signal equivalent j₀ gives R_ct = RT/(F·j₀) = R.
    assert_eq!(p.anode_interface_model, garnet_cell::InterfaceModel::Ohmic);
    assert!((p.anode_interface_resistance * 1e4 - 1.0).abs() < 1e-9);
    let r_ct = garnet_units::constants::GAS * p.temperature
        / (garnet_units::constants::FARADAY * p.j0_anode);
    assert!((r_ct * 1e4 - 1.0).abs() < 1e-9);
    let r = r_pulse(&p);
    assert!(
        (r.r_anode_interface_ohm_cm2 - 1.0).abs() < 0.02,
        "{}",
        r.r_anode_interface_ohm_cm2
    );
}

#[test]
fn bare_anode_uses_the_median_of_reported_bare_interfaces() {
    let text = thin_film("", "").replace(
        "interface_resistance = \"10 ohm cm2\"",
        "interlayer = \"bare\"",
    );
    let p = params(&text).unwrap();
    let r_ct = garnet_units::constants::GAS * p.temperature
        / (garnet_units::constants::FARADAY * p.j0_anode)
        * 1e4;
    // Al2O3 study 1710 Ω cm², Al study 950 Ω cm² (knowledge base, §4)
    assert!(r_ct > 100.0 && r_ct < 2000.0, "{r_ct}");
    assert!(p.warnings.iter().any(|w| w.contains("median")));
}

#[test]
fn bad_garnet_designs_name_the_field() {
    let cases = [
        (
            thin_film("contact_fraction = 1.5", ""),
            "cathode.contact_fraction",
        ),
        (
            thin_film(
                "interlayer = \"Li9BO9\"\ninterlayer_thickness = \"10 nm\"",
                "",
            ),
            "cathode.interlayer",
        ),
        (
            thin_film("interlayer = \"Li3BO3\"", ""),
            "cathode.interlayer_thickness",
        ),
        (
            thin_film("", "").replace("thickness = \"0.5 um\"", "thickness = \"-0.5 um\""),
            "cathode.thickness",
        ),
        (
            thin_film("particle_radius = \"1 um\"", ""),
            "cathode.structure",
        ),
        (
            thin_film("", "").replace("structure = \"thin-film\"", "structure = \"film\""),
            "cathode.structure",
        ),
        (
            thin_film("", "").replace(
                "interface_resistance = \"10 ohm cm2\"",
                "interlayer = \"LLZTO\"",
            ),
            "anode.interlayer",
        ),
        (
            thin_film("", "").replace(
                "interface_resistance = \"10 ohm cm2\"",
                "interface_resistance = \"10 ohm\"",
            ),
            "anode.interface_resistance",
        ),
    ];
    for (text, field) in cases {
        let err = params(&text).unwrap_err().to_string();
        assert!(err.contains(field), "{field}: {err}");
    }
}

/// Issue 14 item 5: the separator enters as one series resistance, so `mesh.separator`
/// changes nothing: the same discharge (bit for bit) and the same §5.1 separator term
/// L/σ, with a deprecation warning for the key.
#[test]
fn issue14_mesh_separator_changes_nothing_and_is_deprecated() {
    let base = thin_film("", "");
    let with = base.replace(
        "[mesh]\nparticle = 10",
        "[mesh]\nparticle = 10\nseparator = 50",
    );
    assert_ne!(base, with);
    let (p0, p1) = (params(&base).unwrap(), params(&with).unwrap());
    assert!(p1
        .warnings
        .iter()
        .any(|w| w.starts_with("mesh.separator is deprecated")));
    assert!(!p0.warnings.iter().any(|w| w.starts_with("mesh.separator")));
    let run = |p: &CellParams| {
        let mut sim = Simulator::new(p.clone());
        let mut y = sim.initial_state();
        let protocol = Protocol::discharge(1.0);
        sim.run(&protocol, &mut y).unwrap()
    };
    let (a, b) = (run(&p0), run(&p1));
    assert_eq!(a.samples.len(), b.samples.len());
    for (x, y) in a.samples.iter().zip(&b.samples) {
        assert_eq!(x.breakdown.voltage, y.breakdown.voltage);
    }
    // L/σ of 20 µm LLZTO, per cm², is the same for both.
    assert_eq!(
        r_pulse(&p0).r_separator_ohm_cm2,
        r_pulse(&p1).r_separator_ohm_cm2
    );
}
