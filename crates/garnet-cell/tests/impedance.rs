//! The small-signal impedance of a design against its analytic limits.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use garnet_cell::{ohmic_resistance, parse_design, resolve, simulate_impedance, CellParams};
use garnet_materials::MaterialDb;
use garnet_units::constants::FARADAY;

fn example_with_double_layers() -> CellParams {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/pybamm-xu2019-halfcell.toml"
    ))
    .unwrap()
    .replace(
        "double_layer_capacitance = \"0 F/m2\"",
        "double_layer_capacitance = \"0.2 F/m2\"",
    )
    .replace(
        "initial_stoichiometry = 0.0960190753",
        "initial_stoichiometry = 0.5",
    );
    resolve(
        "t.toml",
        &parse_design("t.toml", &text).unwrap(),
        &MaterialDb::embedded().unwrap(),
    )
    .unwrap()
}

#[test]
fn high_frequency_intercept_is_the_ohmic_resistance() {
    // Above the double-layer arcs the model is its ohmic resistance, except that the
    // separator (issue 14 item 12) is R_s ∥ C_s, C_s = ε₀ε_r/L_s: at 1 GHz
    // Z = R_ohm − R_s + R_s/(1 + jωR_sC_s), the closed form of that arc.
    let p = example_with_double_layers();
    let f = 1e9;
    let z = simulate_impedance(&p, None, &[f]).unwrap()[0];
    assert_eq!(p.series_layers.len(), 1);
    let (r_s, c_s) = (
        p.series_layers[0].resistance,
        p.series_layers[0].capacitance,
    );
    assert_eq!(r_s, p.l_sep / p.sigma_sep);
    let wrc = 2.0 * std::f64::consts::PI * f * r_s * c_s;
    let arc = num_complex::Complex64::new(r_s, 0.0) / num_complex::Complex64::new(1.0, wrc);
    let r = ohmic_resistance(&p) * 1e4;
    let expect_re = r - (r_s - arc.re) * 1e4;
    let expect_im = arc.im * 1e4;
    assert!(
        (z.z_real_ohm_cm2 / expect_re - 1.0).abs() < 1e-3,
        "{} vs {expect_re} Ω cm²",
        z.z_real_ohm_cm2
    );
    assert!((z.z_imag_ohm_cm2 - expect_im).abs() < 1e-2 * r);
    // With the separator's capacitance removed, the intercept is the ohmic resistance.
    let mut plain = p.clone();
    plain.series_layers.clear();
    let z = simulate_impedance(&plain, None, &[f]).unwrap()[0];
    assert!(
        (z.z_real_ohm_cm2 / r - 1.0).abs() < 1e-3,
        "{} vs {r}",
        z.z_real_ohm_cm2
    );
    assert!(z.z_imag_ohm_cm2.abs() < 1e-2 * r);
}

#[test]
fn low_frequency_branch_is_the_solid_diffusion_limit() {
    let p = example_with_double_layers();
    let x: f64 = 0.5;
    let f = 1e-7;
    let z = simulate_impedance(&p, None, &[f]).unwrap()[0];
    let omega = 2.0 * std::f64::consts::PI * f;
    // Capacitive branch: Z ≈ R + 1/(jωC), C = F·c_max·ε_am·L/|dU/dx| per area.
    let du = p.ocv.dvoltage_dx(x).abs();
    let c_int = FARADAY * p.c_max * p.reacting_fraction() * p.l_cat / du;
    let slope = -omega * z.z_imag_ohm_cm2 * 1e-4;
    assert!(
        (slope * c_int - 1.0).abs() < 1e-3,
        "ω·(−Im Z) = {slope} vs 1/C = {}",
        1.0 / c_int
    );
    // Real part: at low frequency the large intercalation capacitance makes the reaction
    // uniform, so the ionic and electronic paths of the composite count a third of their
    // resistance (dissipation of i_e = I(1 − x/L), i_s = I·x/L), and each interface
    // carries I/(aL) through its charge-transfer resistance RT/(F·j₀) and the
    // finite-sphere diffusion resistance |dU/dx|·R/(5·D·F·c_max):
    // R_LF = R_Li + L_s/σ_sep + L/(3σ_e) + L/(3σ_s) + (R_ct + R_D)/(a·L).
    let t = p.temperature;
    let rt_f = garnet_units::constants::GAS * t / FARADAY;
    let j0 = 2.0 * p.j0_cathode * (x * (1.0 - x)).sqrt();
    let r_ct = rt_f / j0;
    let r_d = du * p.radius / (5.0 * p.diffusivity * FARADAY * p.c_max);
    let r_li = rt_f / p.j0_anode;
    let r_expected = (r_li
        + p.l_sep / p.sigma_sep
        + p.l_cat / (3.0 * p.sigma_e_eff)
        + p.l_cat / (3.0 * p.sigma_s_eff)
        + (r_ct + r_d) / (p.specific_area() * p.l_cat))
        * 1e4;
    let dev = z.z_real_ohm_cm2 / r_expected - 1.0;
    assert!(
        dev.abs() < 0.02,
        "{} vs {r_expected} Ω cm² ({:+.2} %)",
        z.z_real_ohm_cm2,
        100.0 * dev
    );
}

#[test]
fn spectrum_is_passive_and_continuous() {
    let p = example_with_double_layers();
    let freqs: Vec<f64> = (0..61)
        .map(|k| 10f64.powf(-3.0 + 0.15 * k as f64))
        .collect();
    let zs = simulate_impedance(&p, Some(0.5), &freqs).unwrap();
    for z in &zs {
        assert!(z.z_real_ohm_cm2 > 0.0 && z.z_imag_ohm_cm2 <= 1e-9, "{z:?}");
    }
    // Re Z falls monotonically from the diffusion-dominated low end to the ohmic limit.
    assert!(zs
        .windows(2)
        .all(|w| w[1].z_real_ohm_cm2 <= w[0].z_real_ohm_cm2 + 1e-9));
}

#[test]
fn state_of_charge_is_checked_once_for_spectrum_and_pulse() {
    let p = example_with_double_layers();
    for bad in [-0.1, 1.5] {
        let e = simulate_impedance(&p, Some(bad), &[1.0]).unwrap_err();
        assert_eq!(e, garnet_cell::CellError::StateOfCharge { value: bad });
        let e = garnet_cell::resistance_breakdown(&p, Some(bad), 1.0).unwrap_err();
        assert_eq!(e, garnet_cell::CellError::StateOfCharge { value: bad });
        assert!(!e.to_string().contains("--soc"), "{e}");
    }
    // A valid state of charge sets the stoichiometry of the window linearly.
    let r = garnet_cell::resistance_breakdown(&p, Some(0.25), 1.0).unwrap();
    assert!((r.soc - 0.25).abs() < 1e-12, "{}", r.soc);
}
