#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Robustness of a single fit (issue 7, "Beside the peers"): from 50 random starts on
//! a two-arc spectrum, the fraction of fits that reach the best χ² (within 1e-6
//! relative) must be at least 95 %. Each fit is one start (`starts: 1`, multi-start
//! off); dead-element revival (`FitOptions::revive`, on by default) is part of a single
//! fit. `scripts/compare_impedance.py` draws the same starts (same generator and seed)
//! for impedance.py and stores them, with impedance.py's χ² for each, in
//! `fixtures/impedance_py_fits.json`.

use garnet_eis::{fit, Circuit, FitOptions};

// Starts drawn with garnet's SplitMix64 (uniform from the top 53 bits; the script
// scripts/compare_impedance.py has the same generator).
use garnet_random::SplitMix64;

const CIRCUIT: &str = "R0-p(R1,CPE1)-p(R2,CPE2)";
/// A good guess for 2XZARCequal.csv (R∞ = 10 Ω, 2 × 50 Ω at τ = 1e-4 s and 0.1 s,
/// φ = 0.8, so Q = τ^φ/R ≈ 1.3e-5 and 3.2e-3).
const GOOD: [f64; 7] = [10.0, 50.0, 1e-5, 0.8, 50.0, 3e-3, 0.8];
const SEED: u64 = 20240607;
const N_STARTS: usize = 50;

/// The starts: resistances and CPE coefficients log-uniform in 0.1×–10× of the good
/// guess, CPE exponents uniform in [0.5, 1]; one draw per parameter in order.
fn starts() -> Vec<Vec<f64>> {
    let mut rng = SplitMix64::new(SEED);
    (0..N_STARTS)
        .map(|_| {
            GOOD.iter()
                .enumerate()
                .map(|(i, g)| {
                    let r = rng.next_f64();
                    if i == 3 || i == 6 {
                        0.5 + 0.5 * r
                    } else {
                        g * 10f64.powf(2.0 * r - 1.0)
                    }
                })
                .collect()
        })
        .collect()
}

#[test]
fn issue_7_two_arc_fits_reach_the_best_chi2_from_95_percent_of_random_starts() {
    let s = garnet_eis::readers::read("2XZARCequal.csv", include_str!("fixtures/2XZARCequal.csv"))
        .unwrap();
    let c = Circuit::parse(CIRCUIT).unwrap();
    let chi2: Vec<f64> = starts()
        .into_iter()
        .map(|p0| {
            let opts = FitOptions {
                initial: Some(p0),
                starts: 1,
                ..FitOptions::default()
            };
            fit(&c, &s, &opts).map(|r| r.chi2).unwrap_or(f64::INFINITY)
        })
        .collect();
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
