//! Issue 14 items 4 and 7: the composite's electronic path (carbon fraction,
//! state-of-charge-dependent σ_s), the current-weighted §5.1 breakdown, the pulse's
//! linearity and the comparison with a reported impedance through the spectrum.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

mod common;
use common::{params, root};

use garnet_cell::compare::{
    arc_end, arc_end_with, comparison_frequencies, without_arcs_above_the_band, ArcEnd,
};
use garnet_cell::{
    compare_with_report, parse_design, resistance_breakdown, resolve, simulate_impedance,
    CellParams, Model, Protocol, Simulator, StepEnd,
};
use garnet_materials::MaterialDb;
use garnet_units::constants::{FARADAY, GAS};

/// An NMC111 | LLZTO composite; `cathode` adds lines to `[cathode]`.
fn nmc111(cathode: &str) -> String {
    format!(
        r#"
version = 1
temperature = "25 degC"
area = "1 cm2"
nominal_capacity = "0.5 mAh"
voltage_min = "3.5 V"
voltage_max = "4.2 V"
initial_soc = 1.0
[separator]
material = "LLZTO"
thickness = "30 um"
conductivity = "0.05 S/m"
[cathode]
material = "NMC111"
ocv = "NMC532-Xu2019"
thickness = "20 um"
active_fraction = 0.5
electrolyte_fraction = 0.4
electrolyte_conductivity = "0.05 S/m"
particle_radius = "2 um"
diffusivity = "1e-14 m2/s"
max_concentration = "48230 mol/m3"
exchange_current_density = "1 A/m2"
{cathode}
[anode]
exchange_current_density = "10 A/m2"
[mesh]
cathode = 10
particle = 8
"#
    )
}

#[test]
fn the_electron_path_is_active_material_plus_carbon() {
    // Closed form σ_s,eff = σ_s·(ε_am + ε_carbon)^b_s; without carbon only ε_am conducts.
    let p = params(&nmc111(
        "electronic_conductivity = \"10 S/m\"\nbruggeman = 1.5",
    ))
    .unwrap();
    assert_eq!(p.sigma_s_eff, 10.0 * 0.5_f64.powf(1.5));
    let p = params(&nmc111(
        "electronic_conductivity = \"10 S/m\"\ncarbon_fraction = 0.05\nelectronic_bruggeman = 2.0",
    ))
    .unwrap();
    assert_eq!(p.sigma_s_eff, 10.0 * 0.55_f64.powf(2.0));
    assert_eq!(p.carbon_fraction, 0.05);
    // Fractions must leave room: 0.5 + 0.4 + 0.2 > 1 names the carbon field.
    let e = params(&nmc111(
        "electronic_conductivity = \"10 S/m\"\ncarbon_fraction = 0.2",
    ))
    .unwrap_err();
    assert!(e.to_string().contains("cathode.carbon_fraction"), "{e}");
    // The PyBaMM example gets PyBaMM's (1 − ε_e)^b exactly: carbon = 1 − 0.518 − 0.331.
    let text =
        std::fs::read_to_string(root().join("examples/pybamm-xu2019-halfcell.toml")).unwrap();
    let p = params(&text).unwrap();
    assert_eq!(p.sigma_s_eff, 100.0 * (1.0 - 0.331_f64).powf(1.5));
}

#[test]
fn nmc111_conductivity_follows_amin_and_chiang_2016() {
    // Amin & Chiang, J. Electrochem. Soc. 163 (2016) A1512, abstract: ~1e-7 S/cm at full
    // lithiation, ~1e-2 S/cm at Li0.25 (x = 0.75 extracted); ln σ linear in between.
    let p = params(&nmc111("")).unwrap();
    let f = 0.5_f64.powf(1.5);
    let t = &p.sigma_s_eff_table;
    assert_eq!(t.len(), 2);
    assert!((t[0].0 - 0.25).abs() < 1e-15 && (t[1].0 - 1.0).abs() < 1e-15);
    assert!((t[0].1 / (1e-2 * 100.0 * f) - 1.0).abs() < 1e-12, "{t:?}");
    assert!((t[1].1 / (1e-7 * 100.0 * f) - 1.0).abs() < 1e-12, "{t:?}");
    // Charged below x = 0.25, σ_s holds the table's end value …
    assert!(p.x_init < 0.25);
    assert_eq!(p.sigma_s_eff, t[0].1);
    // … and half-way through the window it is interpolated: 1 S/m·(1e-5)^((x − ¼)/¾).
    let p = params(&nmc111("").replace("initial_soc = 1.0", "initial_soc = 0.4")).unwrap();
    let x = p.x_init;
    assert!(x > 0.25 && x < 1.0, "{x}");
    let by_hand = (1e-2 * 100.0 * f) * 1e-5_f64.powf((x - 0.25) / 0.75);
    assert!(
        (p.sigma_s_eff / by_hand - 1.0).abs() < 1e-9,
        "{} vs {by_hand}",
        p.sigma_s_eff
    );
    // A design value stays constant.
    let p = params(&nmc111("electronic_conductivity = \"10 S/m\"")).unwrap();
    assert!(p.sigma_s_eff_table.is_empty());
}

#[test]
fn a_flat_table_gives_the_constant_conductivity_results() {
    // The per-face path (σ_s from a table whose two points are equal) must reproduce
    // the constant-σ path: same residual, same voltage, to rounding.
    let p = params(&nmc111("electronic_conductivity = \"0.05 S/m\"")).unwrap();
    let mut flat = p.clone();
    flat.sigma_s_eff_table = vec![(0.2, p.sigma_s_eff), (1.0, p.sigma_s_eff)];
    let protocol = Protocol::discharge(1.0);
    let run = |p: &CellParams| {
        let mut sim = Simulator::new(p.clone());
        let mut y = sim.initial_state();
        sim.run(&protocol, &mut y).unwrap()
    };
    let (a, b) = (run(&p), run(&flat));
    let (ta, tb) = (
        a.samples.last().unwrap().time,
        b.samples.last().unwrap().time,
    );
    assert!((ta / tb - 1.0).abs() < 1e-6, "{ta} vs {tb}");
    let mid = |r: &garnet_cell::Run| {
        let s = &r.samples[r.samples.len() / 2];
        (s.time, s.breakdown.voltage)
    };
    let (t_mid, _) = mid(&a);
    let v_at = |r: &garnet_cell::Run| {
        let w = r.samples.windows(2).find(|w| w[1].time >= t_mid).unwrap();
        let f = (t_mid - w[0].time) / (w[1].time - w[0].time);
        w[0].breakdown.voltage + f * (w[1].breakdown.voltage - w[0].breakdown.voltage)
    };
    assert!(
        (v_at(&a) - v_at(&b)).abs() < 1e-5,
        "{} vs {}",
        v_at(&a),
        v_at(&b)
    );
}

#[test]
fn modified_newton_converges_with_soc_dependent_conductivity() {
    // NMC111's σ_s falls 10⁵× towards full lithiation: the discharge must converge to
    // its cut-off, conserve charge (C_dl = 0: ∫I dt = F·ΔLi), keep the breakdown exact,
    // and end earlier than with σ_s frozen at its charged value.
    let p = params(&nmc111("")).unwrap();
    assert!(!p.sigma_s_eff_table.is_empty());
    let mut sim = Simulator::new(p.clone());
    let y0 = sim.initial_state();
    let mut y = y0.clone();
    let run = sim.run(&Protocol::discharge(0.2), &mut y).unwrap();
    assert_eq!(run.step_ends.last().copied(), Some(StepEnd::Voltage));
    let m = &sim.model;
    let q = run.state[Model::CHARGE];
    let d_li = m.lithium_per_area(&run.state) - m.lithium_per_area(&y0);
    assert!(
        (FARADAY * d_li - q).abs() <= 1e-6 * q.abs(),
        "{} vs {q}",
        FARADAY * d_li
    );
    for s in &run.samples {
        let b = s.breakdown;
        let sum = b.ocv + b.terms().iter().sum::<f64>();
        assert!(
            (sum - b.voltage).abs() < 1e-9,
            "t = {}: {sum} vs {}",
            s.time,
            b.voltage
        );
    }
    let mut frozen = p.clone();
    frozen.sigma_s_eff = p.sigma_s_eff_table[0].1;
    frozen.sigma_s_eff_table.clear();
    let mut sim2 = Simulator::new(frozen);
    let mut y2 = sim2.initial_state();
    let run2 = sim2.run(&Protocol::discharge(0.2), &mut y2).unwrap();
    let (t1, t2) = (
        run.samples.last().unwrap().time,
        run2.samples.last().unwrap().time,
    );
    assert!(t1 < t2, "σ_s(x) {t1} s vs charged σ_s {t2} s");
}

#[test]
fn breakdown_weights_volumes_by_their_reaction_current() {
    // Two control volumes, uniform stoichiometry, Δφ_0 − U = 10 mV, Δφ_1 − U = 30 mV:
    // by hand, j_i = f·2j₀(x)·sinh(Fη_i/2RT), w_i = j_i/(j_0 + j_1), and the reaction
    // term is Σ w_i η_i (not the volume mean 20 mV).
    let text = nmc111("electronic_conductivity = \"1 S/m\"").replace("cathode = 10", "cathode = 2");
    let p = params(&text).unwrap();
    let m = Model::new(p.clone());
    let x = 0.6;
    let mut y = m.initial_state(x);
    let u = p.ocv.voltage(x);
    let (eta0, eta1) = (0.010, 0.030);
    y[m.phi(0)] = u + eta0;
    y[m.phi(1)] = u + eta1;
    let cur = 5.0;
    y[m.current()] = cur;
    let b = m.breakdown(&y);
    let k = FARADAY / (2.0 * GAS * p.temperature);
    let j0 = 2.0 * p.j0_cathode * (x * (1.0 - x)).sqrt();
    let j = |eta: f64| p.contact_fraction * 2.0 * j0 * (k * eta).sinh();
    let (w0, w1) = (j(eta0) / (j(eta0) + j(eta1)), j(eta1) / (j(eta0) + j(eta1)));
    let reaction = w0 * eta0 + w1 * eta1;
    assert!(
        (b.reaction - reaction).abs() < 1e-12,
        "{} vs {reaction}",
        b.reaction
    );
    assert!(
        (b.reaction - 0.5 * (eta0 + eta1)).abs() > 1e-3,
        "differs from the volume mean"
    );
    // φ_e at the two centres, from the separator face, by Ohm's law.
    let dx = p.l_cat / 2.0;
    let kappa = 1.0 / (1.0 / p.sigma_e_eff + 1.0 / p.sigma_s_eff);
    let ie = kappa * ((eta1 - eta0) / dx + cur / p.sigma_s_eff);
    let phi_e0 = -0.5 * dx * cur / p.sigma_e_eff;
    let phi_e1 = phi_e0 - dx * ie / p.sigma_e_eff;
    let electrolyte = w0 * phi_e0 + w1 * phi_e1;
    assert!(
        (b.electrolyte - electrolyte).abs() < 1e-12,
        "{} vs {electrolyte}",
        b.electrolyte
    );
    let sum = b.ocv + b.terms().iter().sum::<f64>();
    assert!((sum - b.voltage).abs() < 1e-12, "{sum} vs {}", b.voltage);
}

/// A thin film whose only non-linear element is its Butler–Volmer kinetics.
fn kinetic_thin_film() -> String {
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
conductivity = "1000 S/m"
[cathode]
material = "LiCoO2"
structure = "thin-film"
thickness = "0.5 um"
electronic_conductivity = "1e6 S/m"
diffusivity = "1e-6 m2/s"
exchange_current_density = "0.005 A/m2"
[anode]
exchange_current_density = "1e5 A/m2"
[mesh]
particle = 10
"#
    .to_string()
}

#[test]
fn pulse_linearity_against_butler_volmer() {
    // η = (2RT/F)·asinh(j/2j₀): R(I)/R(I/2) − 1 = asinh(u)/(2·asinh(u/2)) − 1, u = j/2j₀.
    // At C/10 u ≈ 2.3 (error ≈ −18 %), so the pulse drops to C/100 (u ≈ 0.23).
    let p = params(&kinetic_thin_film()).unwrap();
    let r = resistance_breakdown(&p, None, 1.0).unwrap();
    assert!((r.pulse_c_rate - 0.01).abs() < 1e-12, "{}", r.pulse_c_rate);
    let j = p.c_rate_to_current_density(r.pulse_c_rate);
    let x = p.x_init;
    let j0 = 2.0 * p.j0_cathode * (x * (1.0 - x)).sqrt();
    let u = j / (2.0 * j0);
    let closed = u.asinh() / (2.0 * (0.5 * u).asinh()) - 1.0;
    assert!(closed.abs() < 0.01 && closed.abs() > 0.003, "{closed}");
    assert!(
        (r.pulse_linear_error - closed).abs() < 3e-4,
        "{} vs {closed}",
        r.pulse_linear_error
    );
    assert!(
        (r.pulse_eta_reaction_over_2rt_f - u.asinh()).abs() < 1e-3 * u.asinh(),
        "{} vs {}",
        r.pulse_eta_reaction_over_2rt_f,
        u.asinh()
    );
    // The C/10 pulse alone would have been far from linear: the closed form there.
    let u10 = 10.0 * u;
    assert!(u10.asinh() / (2.0 * (0.5 * u10).asinh()) - 1.0 < -0.1);
}

#[test]
fn compared_impedance_is_re_z_at_the_end_of_the_arcs() {
    let path = root().join("examples/table2-lco-linbo3-thin-film.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let design = parse_design("t.toml", &text).unwrap();
    let p = resolve("t.toml", &design, &MaterialDb::embedded().unwrap()).unwrap();
    let c = compare_with_report("t.toml", &design, &p).unwrap();
    let f = c.simulated_impedance_frequency_hz;
    // The compared value is Re Z of the simulated spectrum at the stated frequency …
    let z = simulate_impedance(&p, None, &[f]).unwrap()[0];
    assert_eq!(c.simulated_impedance_ohm_cm2, z.z_real_ohm_cm2);
    // … which is the minimum of −Im Z before the diffusion tail: −Im Z rises on both
    // sides within a decade, and keeps rising towards low frequency.
    // (Searched with the arcs above the band — the separator bulk's — as the plain
    // resistances they are at these frequencies.)
    let grid = comparison_frequencies();
    let spectrum = without_arcs_above_the_band(&p, &simulate_impedance(&p, None, &grid).unwrap());
    let end = arc_end(&spectrum).unwrap();
    assert_eq!(end.frequency_hz, f);
    let k = grid.iter().position(|&g| g == f).unwrap();
    assert!(k > 0 && k + 1 < grid.len(), "an interior point: {f} Hz");
    let neg_im = |i: usize| -spectrum[i].z_imag_ohm_cm2;
    assert!(neg_im(k - 1) > neg_im(k) && neg_im(k + 1) > neg_im(k));
    assert!((k + 1..grid.len()).all(|i| neg_im(i) >= neg_im(i - 1)));
    assert_eq!(
        c.impedance_ratio,
        c.reported_impedance_ohm_cm2.map(|r| z.z_real_ohm_cm2 / r)
    );
}

#[test]
fn merged_arcs_are_read_at_the_45_degree_point() {
    // LiFePO4's arcs run into its tail (−Im Z falls monotonically with frequency): the
    // compared point is the last one, going down in frequency, with −arg Z ≤ 45°.
    let path = root().join("examples/table2-lfp-direct-coated.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let p = params(&text).unwrap();
    let spectrum = without_arcs_above_the_band(
        &p,
        &simulate_impedance(&p, None, &comparison_frequencies()).unwrap(),
    );
    let (z, how) = arc_end_with(&spectrum).unwrap();
    assert_eq!(how, ArcEnd::Phase45);
    let k = spectrum
        .iter()
        .position(|q| q.frequency_hz == z.frequency_hz)
        .unwrap();
    let phase = |i: usize| (-spectrum[i].z_imag_ohm_cm2).atan2(spectrum[i].z_real_ohm_cm2);
    let quarter = std::f64::consts::FRAC_PI_4;
    assert!(
        phase(k) <= quarter && phase(k + 1) > quarter,
        "{} {}",
        phase(k),
        phase(k + 1)
    );
    assert!((0..=k).all(|i| phase(i) <= quarter));
    // A spectrum with a valley keeps the minimum rule.
    let thin =
        std::fs::read_to_string(root().join("examples/table2-lco-linbo3-thin-film.toml")).unwrap();
    let p = params(&thin).unwrap();
    let spectrum = without_arcs_above_the_band(
        &p,
        &simulate_impedance(&p, None, &comparison_frequencies()).unwrap(),
    );
    assert_eq!(arc_end_with(&spectrum).unwrap().1, ArcEnd::Minimum);
    // Without that, the foot of the LiFePO4 cell's separator-bulk arc (apex far above
    // 1 MHz) is a minimum of −Im Z at the top of the band.
    let p = params(&text).unwrap();
    assert!(p
        .series_layers
        .iter()
        .any(|l| l.capacitance > 0.0 && l.apex_frequency() > 1e6));
    let raw = simulate_impedance(&p, None, &comparison_frequencies()).unwrap();
    let (foot, how) = arc_end_with(&raw).unwrap();
    assert_eq!(how, ArcEnd::Minimum);
    assert!(foot.frequency_hz > 1e4, "{}", foot.frequency_hz);
}

#[test]
fn linearity_estimate_matches_two_simulated_pulses() {
    // The estimate from one pulse (BV closed form at its overpotentials) against the
    // measured R(I)/R(I/2) − 1 of two simulated 1 s pulses, for the PyBaMM example
    // (both interfaces kinetic) and the kinetics-only thin film at C/10 (ε ≈ −18 %).
    for (text, c_rate) in [
        (
            std::fs::read_to_string(root().join("examples/pybamm-xu2019-halfcell.toml")).unwrap(),
            0.1,
        ),
        (kinetic_thin_film(), 0.1),
    ] {
        let p = params(&text).unwrap();
        let pulse = |rate: f64| {
            let mut sim = Simulator::new(p.clone());
            let mut y = sim.initial_state();
            let v0 = sim.model.voltage(&y);
            let step = format!("Discharge at {rate}C for 1 s");
            let run = sim
                .run(
                    &Protocol::from_strings(&[step.as_str()], 1).unwrap(),
                    &mut y,
                )
                .unwrap();
            let end = *run.samples.last().unwrap();
            let i = end.current / p.area;
            let r = (v0 - end.breakdown.voltage) / i;
            let interfaces = [
                (-end.breakdown.reaction / i, end.breakdown.reaction),
                (run.state[Model::ANODE] / i, run.state[Model::ANODE]),
            ];
            (
                r,
                garnet_cell::resistance::linearity_error(r, &interfaces, p.temperature),
            )
        };
        let (r_full, estimate) = pulse(c_rate);
        let (r_half, _) = pulse(0.5 * c_rate);
        let measured = r_full / r_half - 1.0;
        assert!(
            (estimate - measured).abs() < 0.05 * measured.abs() + 2e-4,
            "estimate {estimate} vs measured {measured}"
        );
    }
}
