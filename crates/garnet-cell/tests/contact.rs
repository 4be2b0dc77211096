//! Issue 14 item 9: contact loss that does more than scale the area — the
//! constriction resistance of a partial contact, and active material cut off from the
//! networks (percolation) — each against its closed form or a conservation law.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

mod common;
use common::params;

use garnet_cell::contact::{chemical_resistivity, constriction_per_contact_area, diffusion_factor};
use garnet_cell::percolation::connectivity;
use garnet_cell::{resistance_breakdown, CellError, CellParams, Protocol, Simulator, Summary};

/// A thin-film LiCoO2 cathode on a garnet separator (`extra` lines in `[cathode]`).
fn thin_film(extra: &str) -> String {
    format!(
        r#"
version = 1
temperature = "25 degC"
area = "1 cm2"
nominal_capacity = "0.02 mAh"
voltage_min = "3.0 V"
voltage_max = "4.2 V"
initial_soc = 0.5
[separator]
material = "LLZTO"
thickness = "20 um"
[cathode]
material = "LiCoO2"
structure = "thin-film"
thickness = "0.5 um"
electronic_conductivity = "1 S/m"
diffusivity = "1e-11 m2/s"
{extra}
[anode]
interface_resistance = "10 ohm cm2"
[mesh]
particle = 10
"#
    )
}

/// An NMC811 | LLZTO composite (`extra` lines in `[cathode]`).
fn composite(extra: &str) -> String {
    format!(
        r#"
version = 1
temperature = "25 degC"
area = "1 cm2"
voltage_min = "3.6 V"
voltage_max = "4.2 V"
[separator]
material = "LLZTO"
thickness = "30 um"
[cathode]
material = "NMC811"
thickness = "20 um"
active_fraction = 0.6
electrolyte_fraction = 0.3
particle_radius = "1 um"
electrolyte_conductivity = "1 S/m"
electronic_conductivity = "10 S/m"
{extra}
[anode]
interface_resistance = "1 ohm cm2"
"#
    )
}

/// The constriction of a film touching the garnet on a quarter of its face through
/// 0.2 µm spots: R_c = ρ_sep·π·a·(1 − √f)^1.5/4 per contact area on the garnet side
/// (Cooper, Mikic & Yovanovich 1969 with Holm's ρ/(4a) spot), which in the C/10 pulse
/// appears as R_c/f per electrode area (one planar face per film); the particle side
/// slows the diffusion by 1/(1 + 3πaψ/(4fL)).
#[test]
fn issue14_thin_film_constriction_matches_the_closed_form() {
    let p = params(&thin_film(
        "contact_fraction = 0.25\ncontact_spot_radius = \"0.2 um\"",
    ))
    .unwrap();
    let psi = (1.0 - 0.25_f64.sqrt()).powf(1.5);
    let expected = std::f64::consts::PI * 0.2e-6 * psi / (4.0 * p.sigma_sep);
    assert!(
        (p.constriction_resistance - expected).abs() < 1e-12 * expected,
        "{} vs {expected}",
        p.constriction_resistance
    );
    assert_eq!(
        p.constriction_resistance,
        constriction_per_contact_area(1.0 / p.sigma_sep, 0.0, 0.2e-6, 0.25)
    );
    let factor = 1.0 / (1.0 + 3.0 * std::f64::consts::PI * 0.2e-6 * psi / (4.0 * 0.25 * 0.5e-6));
    assert!((p.contact_diffusion_factor - factor).abs() < 1e-12);
    assert_eq!(
        p.contact_diffusion_factor,
        diffusion_factor(0.2e-6, 0.25, 0.5e-6, false)
    );
    // Its steady state is the particle-side constriction in series with the film's
    // uniform diffusion resistance ρ_chem·L/3 (ρ_chem = |dU/dc|/(F·D̃)).
    let du_dc = p.ocv.dvoltage_dx(0.5) / p.c_max;
    let (rho, rho_eff) = (
        chemical_resistivity(du_dc, p.diffusivity),
        chemical_resistivity(du_dc, p.diffusivity * p.contact_diffusion_factor),
    );
    let spreading = constriction_per_contact_area(0.0, rho, 0.2e-6, 0.25) / 0.25;
    assert!((rho_eff * 0.5e-6 / 3.0 - (rho * 0.5e-6 / 3.0 + spreading)).abs() < 1e-9 * spreading);
    let r = resistance_breakdown(&p, None, 1.0).unwrap();
    let per_electrode = p.constriction_resistance / 0.25 * 1e4; // Ω cm²
    assert!(
        (r.r_constriction_ohm_cm2 / per_electrode - 1.0).abs() < 0.01,
        "{} vs {per_electrode} Ω cm²",
        r.r_constriction_ohm_cm2
    );
    // It is part of the interface term, not of the films.
    assert!(r.r_cathode_films_ohm_cm2.abs() < 1e-9 * r.r_constriction_ohm_cm2);
    assert!(r.r_interface_ohm_cm2 > r.r_constriction_ohm_cm2);
    // A full contact has none.
    let full = params(&thin_film("contact_spot_radius = \"0.2 um\"")).unwrap();
    assert_eq!(full.constriction_resistance, 0.0);
    assert_eq!(full.contact_diffusion_factor, 1.0);
    assert_eq!(
        resistance_breakdown(&full, None, 1.0)
            .unwrap()
            .r_constriction_ohm_cm2,
        0.0
    );
}

/// Charge conservation with isolated material: only the connected share χ reacts, so
/// a slow full discharge delivers χ of the capacity of the fully connected composite,
/// and the specific capacity per gram of all the active material falls by χ too
/// (the mass stays the full active mass).
#[test]
fn issue14_capacity_scales_with_the_connected_fraction() {
    let slow = Protocol::from_strings(&["Discharge at C/20 until 3.6 V"], 1).unwrap();
    let run = |p: &CellParams| {
        let mut sim = Simulator::new(p.clone());
        let mut y = sim.initial_state();
        Summary::of(&sim.run(&slow, &mut y).unwrap(), p)
    };
    let all = params(&composite("connected_fraction = 1.0")).unwrap();
    let half = params(&composite("connected_fraction = 0.5")).unwrap();
    assert_eq!(all.active_mass, half.active_mass);
    assert_eq!(all.nominal_capacity, half.nominal_capacity);
    assert!((half.stoichiometric_capacity() / all.stoichiometric_capacity() - 0.5).abs() < 1e-12);
    let (s1, s2) = (run(&all), run(&half));
    let ratio = s2.capacity_mah / s1.capacity_mah;
    assert!((ratio - 0.5).abs() < 0.02, "capacity ratio {ratio}");
    let per_gram = s2.capacity_mah_per_g.unwrap() / s1.capacity_mah_per_g.unwrap();
    assert!((per_gram - ratio).abs() < 1e-12);
}

/// The default χ is the percolation estimate of the design's fractions, radii and
/// contact; it falls with the garnet fraction and with the contact fraction, and the
/// resolved design says so in a warning.
#[test]
fn issue14_default_connected_fraction_is_the_percolation_estimate() {
    let p = params(&composite("contact_fraction = 0.6")).unwrap();
    let k = connectivity(0.6, 0.3, 1e-6, 1e-6, 0.6);
    assert!((p.connected_fraction - k.connected).abs() < 1e-15);
    assert!(p.connected_fraction > 0.0 && p.connected_fraction < 1.0);
    assert!(
        p.warnings.iter().any(|w| w.contains("connected")),
        "{:?}",
        p.warnings
    );
    let more_garnet = params(
        &composite("contact_fraction = 0.6")
            .replace("active_fraction = 0.6", "active_fraction = 0.55")
            .replace("electrolyte_fraction = 0.3", "electrolyte_fraction = 0.4"),
    )
    .unwrap();
    assert!(more_garnet.connected_fraction > p.connected_fraction);
    let poorer = params(&composite("contact_fraction = 0.3")).unwrap();
    assert!(poorer.connected_fraction < p.connected_fraction);
    // Poor contact costs capacity, not only resistance.
    assert!(poorer.stoichiometric_capacity() < p.stoichiometric_capacity());
}

/// Below the garnet's percolation threshold the design is an error naming the field,
/// never a NaN or a panic.
#[test]
fn issue14_no_ionic_path_is_an_error() {
    let e =
        params(&composite("").replace("electrolyte_fraction = 0.3", "electrolyte_fraction = 0.15"))
            .unwrap_err();
    match &e {
        CellError::Field { field, message, .. } => {
            assert_eq!(field, "cathode.electrolyte_fraction");
            assert!(message.contains("percolation threshold"), "{message}");
        }
        other => panic!("{other}"),
    }
}
