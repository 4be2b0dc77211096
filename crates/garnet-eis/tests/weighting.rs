#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The field's weightings (issue 15, item 1).
//!
//! `modulus` is impedance.py's `weight_by_modulus=True` (σ = |Z|, wᵢ = 1/|Zᵢ|² on both
//! components; Boukamp, *J. Electrochem. Soc.* 142 (1995) 1885): garnet's fits from the
//! same initial values reproduce impedance.py's stored fits
//! (`fixtures/impedance_py_modulus.json`, written by `scripts/impedance_py_modulus.py`
//! with impedance.py 1.7.1, scipy 1.17.1) to 0.1 % in every parameter.

use garnet_eis::{fit, Circuit, Complex64, FitOptions, Spectrum, Weighting};
use serde_json::Value;

fn fixture_text(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    }
}

#[test]
fn issue_15_modulus_weighting_reproduces_impedance_py_weight_by_modulus_to_0_1_percent() {
    let doc: Value = serde_json::from_str(&fixture_text("impedance_py_modulus.json")).unwrap();
    assert_eq!(doc["weight_by_modulus"], true);
    let fits = doc["fits"].as_array().unwrap();
    assert!(fits.len() >= 2);
    for case in fits {
        let file = case["file"].as_str().unwrap();
        let circuit = Circuit::parse(case["circuit"].as_str().unwrap()).unwrap();
        let s = garnet_eis::readers::read(file, &fixture_text(file)).unwrap();
        assert_eq!(s.len() as u64, case["n_points"].as_u64().unwrap(), "{file}");
        let initial: Vec<f64> = serde_json::from_value(case["initial_guess"].clone()).unwrap();
        let reference: Vec<f64> = serde_json::from_value(case["parameters"].clone()).unwrap();
        let opts = FitOptions {
            weighting: Weighting::Modulus,
            initial: Some(initial),
            starts: 1,
            ..FitOptions::default()
        };
        let r = fit(&circuit, &s, &opts).unwrap();
        let chi2_py = case["chi2"].as_f64().unwrap();
        eprintln!("{file}: χ² garnet {} impedance.py {chi2_py}", r.chi2);
        assert!(
            (r.chi2 / chi2_py - 1.0).abs() < 1e-3,
            "{file}: χ² {} vs {chi2_py}",
            r.chi2
        );
        // A series resistance that both fits send to ~0 beside megaohm arcs (Example2c)
        // is compared in absolute terms: within 10⁻⁶ of the largest value.
        let scale = reference.iter().fold(0.0f64, |a, b| a.max(b.abs()));
        for (p, want) in r.parameters.iter().zip(&reference) {
            let close = if want.abs() < 1e-6 * scale {
                (p.value - want).abs() < 1e-6 * scale
            } else {
                (p.value / want - 1.0).abs() < 1e-3
            };
            assert!(
                close,
                "{file}: {} = {} vs impedance.py {want}",
                p.name, p.value
            );
        }
    }
}

/// One point Z = 3 − 4j (|Z| = 5) and the weights of each scheme.
#[test]
fn the_weights_are_the_field_definitions() {
    let z = Complex64::new(3.0, -4.0);
    assert_eq!(Weighting::Unit.weights(z), (1.0, 1.0));
    assert_eq!(Weighting::Modulus.weights(z), (1.0 / 25.0, 1.0 / 25.0));
    assert_eq!(Weighting::Proportional.weights(z), (1.0 / 9.0, 1.0 / 16.0));
    assert_eq!(Weighting::InverseModulus.weights(z), (0.2, 0.2));
    // A component crossing zero is floored at 1 % of |Z|: σ″ = 0.05, w″ = 400.
    let (wr, wi) = Weighting::Proportional.weights(Complex64::new(5.0, 0.0));
    assert_eq!(wr, 1.0 / 25.0);
    assert!((wi - 400.0).abs() < 1e-9);
    for (name, w) in [
        ("unit", Weighting::Unit),
        ("modulus", Weighting::Modulus),
        ("proportional", Weighting::Proportional),
        ("inverse-modulus", Weighting::InverseModulus),
    ] {
        assert_eq!(name.parse::<Weighting>().unwrap(), w);
        assert_eq!(w.to_string(), name);
        assert_eq!(serde_json::to_value(w).unwrap(), name);
    }
    let e = "modulous".parse::<Weighting>().unwrap_err().to_string();
    assert!(e.contains("did you mean 'modulus'"), "{e}");
}

/// With proportional weights χ² = Σ (ΔZ′/Z′)² + (ΔZ″/Z″)²: a model off by exactly 1 %
/// in both components gives χ² = 2N × 10⁻⁴ (closed form).
#[test]
fn proportional_chi2_is_the_sum_of_squared_relative_component_errors() {
    let c = Circuit::parse("R0-p(R1,C1)").unwrap();
    let p = [10.0, 100.0, 1e-6];
    // 10 kHz–100 Hz, where |Z″| > 5 % of |Z| (no floor).
    let f: Vec<f64> = (0..21).map(|i| 10f64.powf(4.0 - i as f64 / 10.0)).collect();
    let z: Vec<Complex64> = c.spectrum(&p, &f).into_iter().map(|z| z / 1.01).collect();
    let s = Spectrum::new(f, z).unwrap();
    let opts = FitOptions {
        weighting: Weighting::Proportional,
        initial: Some(p.to_vec()),
        fixed: vec![
            ("R0".into(), 10.0),
            ("R1".into(), 100.0),
            ("C1".into(), 1e-6),
        ],
        starts: 1,
        ..FitOptions::default()
    };
    let r = fit(&c, &s, &opts).unwrap();
    assert!((r.chi2 / (42.0 * 1e-4) - 1.0).abs() < 1e-9, "{}", r.chi2);
}
