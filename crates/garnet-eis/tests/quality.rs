#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Fit quality (issue 15, item 5) and time-constant ordering (item 3) on constructed
//! cases with known answers.

use garnet_eis::{fit, Circuit, Complex64, FitOptions, Spectrum};
use garnet_random::SplitMix64;

fn normal(rng: &mut SplitMix64) -> f64 {
    let (u1, u2) = (rng.next_f64().max(1e-300), rng.next_f64());
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// `circuit` at `p`, 6 points per decade from 1 MHz to 0.1 Hz, Gaussian noise of
/// `noise`·|Z| per component.
fn synthetic(circuit: &str, p: &[f64], noise: f64) -> Spectrum {
    let c = Circuit::parse(circuit).unwrap();
    let f: Vec<f64> = (0..=42).map(|i| 10f64.powf(6.0 - i as f64 / 6.0)).collect();
    let mut rng = SplitMix64::new(11);
    let z: Vec<Complex64> = c
        .spectrum(p, &f)
        .into_iter()
        .map(|z| z + Complex64::new(normal(&mut rng), normal(&mut rng)) * noise * z.norm())
        .collect();
    Spectrum::new(f, z).unwrap()
}

#[test]
fn issue_15_a_good_fit_is_not_flagged() {
    let s = synthetic("R0-p(R1,C1)", &[20.0, 1000.0, 1e-7], 0.005);
    let r = fit(
        &Circuit::parse("R0-p(R1,C1)").unwrap(),
        &s,
        &FitOptions::default(),
    )
    .unwrap();
    let q = &r.quality;
    assert!(q.stderr_reliable, "{q:?}");
    assert!(q.condition_number < 1e3, "{q:?}");
    assert!(
        q.undetermined.is_empty() && q.correlated.is_empty(),
        "{q:?}"
    );
    let kk = q.residuals.as_ref().unwrap();
    // Right circuit, noise only: the fit's residuals are those of the KK model (ratio
    // ≈ √((2N − M − 1)/(2N − k)) ≤ 1.3), not systematic.
    assert!(!kk.systematic_misfit && kk.residual_ratio < 1.5, "{kk:?}");
    assert!(q.warnings().is_empty(), "{:?}", q.warnings());
}

#[test]
fn issue_15_a_redundant_parameter_is_flagged() {
    // R0 and R1 in series: the data fix only R0 + R1 (correlation −1, JᵀJ singular).
    let s = synthetic("R0-p(R1,C1)", &[20.0, 1000.0, 1e-7], 0.005);
    let c = Circuit::parse("R0-R9-p(R1,C1)").unwrap();
    let r = fit(&c, &s, &FitOptions::default()).unwrap();
    let q = &r.quality;
    assert!(!q.stderr_reliable, "{q:?}");
    assert!(
        q.condition_number > garnet_eis::quality::CONDITION_LIMIT,
        "{q:?}"
    );
    let named = |n: &str| {
        q.undetermined.iter().any(|u| u == n) || q.correlated.iter().any(|p| p.a == n || p.b == n)
    };
    assert!(named("R0") && named("R9"), "{q:?}");
    assert!(!q.warnings().is_empty());
}

#[test]
fn issue_15_a_missing_arc_is_a_systematic_misfit() {
    // Two well-separated arcs fitted with one: the residuals are far above those of
    // the Kramers–Kronig-compliant model on the same data.
    let s = synthetic(
        "R0-p(R1,C1)-p(R2,C2)",
        &[20.0, 1000.0, 1e-8, 2000.0, 1e-6],
        0.002,
    );
    let r = fit(
        &Circuit::parse("R0-p(R1,C1)").unwrap(),
        &s,
        &FitOptions::default(),
    )
    .unwrap();
    let kk = r.quality.residuals.as_ref().unwrap();
    assert!(kk.systematic_misfit && kk.residual_ratio > 10.0, "{kk:?}");
}

#[test]
fn issue_15_interchangeable_blocks_come_out_in_time_constant_order() {
    // Bulk τ = (R Q)^(1/n) = 1e-6 s, grain boundary 1e-3 s.
    let truth = [10.0, 1000.0, 1e-9, 1.0, 5000.0, 2e-7, 1.0];
    let circuit = "R0-p(R1,CPE1)-p(R2,CPE2)";
    let s = synthetic(circuit, &truth, 0.0);
    let c = Circuit::parse(circuit).unwrap();
    // Start with the arcs the other way round, one start: the fit lands on the
    // swapped labelling and is put back.
    let swapped = vec![10.0, 5000.0, 2e-7, 0.95, 1000.0, 1e-9, 0.95];
    let r = fit(
        &c,
        &s,
        &FitOptions {
            initial: Some(swapped.clone()),
            starts: 1,
            ..FitOptions::default()
        },
    )
    .unwrap();
    assert!(r.blocks_reordered);
    for (v, t) in r.values().iter().zip(truth) {
        assert!((v / t - 1.0).abs() < 1e-6, "{:?}", r.values());
    }
    // A bound on R1 pins the labels: the user's assignment is kept.
    let pinned = fit(
        &c,
        &s,
        &FitOptions {
            initial: Some(swapped),
            starts: 1,
            bounds: vec![("R1".into(), 1e3, 1e4)],
            ..FitOptions::default()
        },
    )
    .unwrap();
    assert!(!pinned.blocks_reordered);
    assert!(
        (pinned.value("R1").unwrap() / 5000.0 - 1.0).abs() < 1e-6,
        "{:?}",
        pinned.values()
    );
}
