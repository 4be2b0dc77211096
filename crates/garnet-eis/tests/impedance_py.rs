#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! garnet's fits against impedance.py's on the same files, circuits and initial
//! guesses, as stored by `scripts/compare_impedance.py` in
//! `fixtures/impedance_py_fits.json` (impedance.py 1.7.1, scipy 1.17.1).
//!
//! Criterion: every parameter agrees within 1 % of impedance.py's value, OR within one
//! of garnet's standard errors (whichever is looser). The second branch is for
//! loosely determined parameters where scipy stops early: on exampleData.csv
//! Wo1_1 = 232.5 (impedance.py) against 237.8 ± 17.2 (garnet), 2.3 % apart, with
//! garnet's χ² the lower. garnet's χ² must not exceed impedance.py's by more than
//! 1e-6 relative (both use unit weights, χ² = Σ|Z − Ẑ|²).

mod common;

use garnet_eis::{fit, Circuit, FitOptions};
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
fn fits_agree_with_impedance_py() {
    let doc: Value = serde_json::from_str(&fixture_text("impedance_py_fits.json")).unwrap();
    let fits = doc["fits"].as_array().unwrap();
    assert!(fits.len() >= 8, "{} cases", fits.len());
    let mut compared = 0;
    for case in fits {
        let file = case["file"].as_str().unwrap();
        let Some(reference) = case["parameters"].as_array() else {
            // impedance.py failed on this case: nothing to compare.
            continue;
        };
        let reference: Vec<f64> = reference.iter().map(|v| v.as_f64().unwrap()).collect();
        let circuit = Circuit::parse(case["circuit"].as_str().unwrap()).unwrap();
        let mut s = garnet_eis::readers::read(file, &fixture_text(file)).unwrap();
        if case["capacitive_only"].as_bool().unwrap_or(false) {
            s = s.capacitive_only().unwrap();
        }
        assert_eq!(s.len() as u64, case["n_points"].as_u64().unwrap(), "{file}");
        let initial: Vec<f64> = serde_json::from_value(case["initial_guess"].clone()).unwrap();
        let opts = FitOptions {
            initial: Some(initial),
            starts: 1,
            ..FitOptions::default()
        };
        let r = fit(&circuit, &s, &opts).unwrap();
        let chi2_py = case["chi2"].as_f64().unwrap();
        assert!(
            r.chi2 <= chi2_py * (1.0 + 1e-6),
            "{file}: χ² garnet {} > impedance.py {chi2_py}",
            r.chi2
        );
        for (p, want) in r.parameters.iter().zip(&reference) {
            let se = p.stderr.unwrap_or(0.0);
            let diff = (p.value - want).abs();
            assert!(
                diff <= 0.01 * want.abs() || diff <= se,
                "{file}: {} = {} ± {se} vs impedance.py {want}",
                p.name,
                p.value
            );
        }
        compared += 1;
    }
    assert!(compared >= 8, "only {compared} cases compared");
}

/// Issue 13 item 8: garnet fits the 50 robustness starts (`tests/common`, the starts the
/// script gave impedance.py) and its best χ² must be impedance.py's stored best: not
/// above it by more than 1e-6 relative (the criterion of `fits_agree_with_impedance_py`)
/// and within 1e-8 relative of it, i.e. both find the same minimum. 1e-8 is two orders
/// above what the two stopping rules leave (garnet's χ² is within ~1e-9 of its limit,
/// see `COST_TOLERANCE` in src/fit.rs; at the time of writing the two differ by 2e-11).
#[test]
fn garnet_reaches_impedance_py_best_on_the_robustness_starts() {
    let doc: Value = serde_json::from_str(&fixture_text("impedance_py_fits.json")).unwrap();
    let rob = &doc["robustness"];
    assert_eq!(rob["circuit"], common::CIRCUIT);
    assert_eq!(rob["seed"].as_u64(), Some(common::SEED));
    let good: Vec<f64> = serde_json::from_value(rob["good_guess"].clone()).unwrap();
    assert_eq!(good, common::GOOD);
    let best_py = rob["best_chi2_impedance_py"].as_f64().unwrap();
    let chi2 = common::chi2_of_each_start();
    assert_eq!(chi2.len(), common::N_STARTS);
    let best = chi2.iter().copied().fold(f64::INFINITY, f64::min);
    assert!(
        best <= best_py * (1.0 + 1e-6),
        "garnet's best χ² {best} is above impedance.py's {best_py}"
    );
    assert!(
        (best / best_py - 1.0).abs() < 1e-8,
        "garnet's best χ² {best} and impedance.py's {best_py} are different minima"
    );
}
