#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Robustness of a single fit (issue 7, "Beside the peers"): from 50 random starts on
//! a two-arc spectrum, the fraction of fits that reach the best χ² (within 1e-6
//! relative) must be at least 95 %. Each fit is one start (`starts: 1`, multi-start
//! off); dead-element revival (`FitOptions::revive`, on by default) is part of a single
//! fit. `scripts/compare_impedance.py` draws the same starts (same generator and seed)
//! for impedance.py and stores them, with impedance.py's χ² for each, in
//! `fixtures/impedance_py_fits.json`.

mod common;

use common::{starts, CIRCUIT, N_STARTS, SEED};

#[test]
fn issue_7_two_arc_fits_reach_the_best_chi2_from_95_percent_of_random_starts() {
    let chi2 = common::chi2_of_each_start();
    let best = chi2.iter().copied().fold(f64::INFINITY, f64::min);
    let reached = chi2.iter().filter(|&&x| x <= best * (1.0 + 1e-6)).count();
    eprintln!("garnet: {reached}/{N_STARTS} starts reach χ² = {best}");
    // 49 of 50 at the time of writing (the one miss ends in the one-arc minimum,
    // χ² = 3871); over 300 starts (seeds 20240607, 1–5) 292 reach the best.
    assert!(
        reached * 100 >= 95 * N_STARTS,
        "{reached}/{N_STARTS} reach the best χ² {best}: {chi2:?}"
    );
    // The best is the known minimum of this spectrum (noise σ = 0.5 Ω on 2 × 81 values).
    assert!((best / 46.645_068_967_5 - 1.0).abs() < 1e-8, "{best}");
}

#[test]
fn the_starts_are_those_the_comparison_script_gave_impedance_py() {
    let text = include_str!("fixtures/impedance_py_fits.json");
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    let rob = &v["robustness"];
    assert_eq!(rob["circuit"], CIRCUIT);
    assert_eq!(rob["seed"].as_u64(), Some(SEED));
    let theirs: Vec<Vec<f64>> = serde_json::from_value(rob["starts"].clone()).unwrap();
    let ours = starts();
    assert_eq!(theirs.len(), ours.len());
    for (a, b) in theirs.iter().zip(&ours) {
        for (x, y) in a.iter().zip(b) {
            assert!((x / y - 1.0).abs() < 1e-12, "{a:?} vs {b:?}");
        }
    }
}
