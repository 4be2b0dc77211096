//! The robustness starts shared by `tests/robustness.rs` and `tests/impedance_py.rs`:
//! 50 random starts on the two-arc spectrum 2XZARCequal.csv, drawn with garnet's
//! SplitMix64 (uniform from the top 53 bits; `scripts/compare_impedance.py` has the same
//! generator and gave the same starts to impedance.py, stored in
//! `fixtures/impedance_py_fits.json`).
#![allow(dead_code, clippy::unwrap_used)]

use garnet_eis::{fit, Circuit, FitOptions, Spectrum};
use garnet_random::SplitMix64;

pub const CIRCUIT: &str = "R0-p(R1,CPE1)-p(R2,CPE2)";
/// A good guess for 2XZARCequal.csv (R∞ = 10 Ω, 2 × 50 Ω at τ = 1e-4 s and 0.1 s,
/// φ = 0.8, so Q = τ^φ/R ≈ 1.3e-5 and 3.2e-3).
pub const GOOD: [f64; 7] = [10.0, 50.0, 1e-5, 0.8, 50.0, 3e-3, 0.8];
pub const SEED: u64 = 20240607;
pub const N_STARTS: usize = 50;

/// The starts: resistances and CPE coefficients log-uniform in 0.1×–10× of the good
/// guess, CPE exponents uniform in [0.5, 1]; one draw per parameter in order.
pub fn starts() -> Vec<Vec<f64>> {
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

/// The spectrum the starts are for.
pub fn spectrum() -> Spectrum {
    garnet_eis::readers::read(
        "2XZARCequal.csv",
        include_str!("../fixtures/2XZARCequal.csv"),
    )
    .unwrap()
}

/// garnet's χ² from each start, one single-start fit each (dead-element revival on, as
/// by default); ∞ where a fit fails.
pub fn chi2_of_each_start() -> Vec<f64> {
    let s = spectrum();
    let c = Circuit::parse(CIRCUIT).unwrap();
    starts()
        .into_iter()
        .map(|p0| {
            let opts = FitOptions {
                initial: Some(p0),
                starts: 1,
                ..FitOptions::default()
            };
            fit(&c, &s, &opts).map(|r| r.chi2).unwrap_or(f64::INFINITY)
        })
        .collect()
}
