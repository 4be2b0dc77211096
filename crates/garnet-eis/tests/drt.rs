#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! DRT acceptance test of issue 7 on pyDRTtools' 2XZARCequal.csv.

use garnet_eis::drt::{drt, DrtOptions};
use garnet_eis::readers::read;

#[test]
fn two_zarcs_give_two_peaks_of_fifty_ohms() {
    // R∞ = 10 Ω, two ZARCs of 50 Ω at τ = 1e-4 s and 0.1 s, φ = 0.8, noise σ = 0.5 Ω.
    let text = include_str!("fixtures/2XZARCequal.csv");
    let s = read("2XZARCequal.csv", text).unwrap();
    let r = drt(&s, &DrtOptions::default()).unwrap();
    let big: Vec<_> = r.peaks.iter().filter(|p| p.resistance_ohm > 5.0).collect();
    assert_eq!(big.len(), 2, "{:?}", r.peaks);
    for (p, tau) in big.iter().zip([1e-4, 0.1]) {
        assert!((p.tau_s / tau - 1.0).abs() < 0.10, "{p:?}");
        assert!((p.resistance_ohm - 50.0).abs() < 5.0, "{p:?}");
    }
    assert!((r.r_inf_ohm - 10.0).abs() < 1.0, "{}", r.r_inf_ohm);
    // The fit is at the noise level: RMS |Z − Ẑ| ≈ √2·0.5 Ω.
    assert!(r.rms_residual_ohm < 1.0, "{}", r.rms_residual_ohm);
}
