#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! DRT acceptance tests: issue 7 on pyDRTtools' 2XZARCequal.csv, and issue 15 (item 6):
//! scale-free λ, the L-curve on a measured ceramic spectrum, the series L and
//! blocking C/CPE terms, negative peaks and the suggested circuit.

use garnet_eis::drt::{drt, suggest_circuit, Blocking, DrtOptions, Lambda};
use garnet_eis::readers::read;
use garnet_eis::{Complex64, Spectrum};

fn two_zarc() -> Spectrum {
    read("2XZARCequal.csv", include_str!("fixtures/2XZARCequal.csv")).unwrap()
}

/// ZARC: Z = R/(1 + (jωτ)^n) (closed form, Cole & Cole 1941).
fn zarc(r: f64, tau: f64, n: f64, w: f64) -> Complex64 {
    r / (1.0 + (Complex64::new(0.0, w * tau)).powf(n))
}

/// 1 MHz … 0.1 Hz, 10 points per decade, of `z(ω)`.
fn synthetic(z: impl Fn(f64) -> Complex64) -> Spectrum {
    let f: Vec<f64> = (0..=70)
        .map(|k| 1e6 * 10f64.powf(-k as f64 / 10.0))
        .collect();
    let zs = f
        .iter()
        .map(|f| z(2.0 * std::f64::consts::PI * f))
        .collect();
    Spectrum::new(f, zs).unwrap()
}

fn scaled(s: &Spectrum, k: f64) -> Spectrum {
    Spectrum::new(
        s.frequency_hz().to_vec(),
        s.z().iter().map(|z| z * k).collect(),
    )
    .unwrap()
}

#[test]
fn two_zarcs_give_two_peaks_of_fifty_ohms() {
    // R∞ = 10 Ω, two ZARCs of 50 Ω at τ = 1e-4 s and 0.1 s, φ = 0.8, noise σ = 0.5 Ω.
    let r = drt(&two_zarc(), &DrtOptions::default()).unwrap();
    assert_eq!(r.lambda_method, "l-curve");
    let big: Vec<_> = r.peaks.iter().filter(|p| p.resistance_ohm > 5.0).collect();
    assert_eq!(big.len(), 2, "{:?}", r.peaks);
    // τ within 15 %: with this noise the centroid of the 0.1 s peak lies at 0.107–0.115 s
    // for every λ from pyDRTtools' 1e-3 to 2e-2 (the L-curve picks 1.8e-2).
    for (p, tau) in big.iter().zip([1e-4, 0.1]) {
        assert!((p.tau_s / tau - 1.0).abs() < 0.15, "{p:?}");
        assert!((p.resistance_ohm - 50.0).abs() < 5.0, "{p:?}");
    }
    assert!((r.r_inf_ohm - 10.0).abs() < 1.0, "{}", r.r_inf_ohm);
    // The fit is at the noise level: RMS |Z − Ẑ| ≈ √2·0.5 Ω.
    assert!(r.rms_residual_ohm < 1.0, "{}", r.rms_residual_ohm);
}

#[test]
fn the_drt_is_scale_free() {
    // Issue 15: Z × 1e5 must give γ × 1e5 — the same peaks τ, R/1e5 and the same λ —
    // for a given λ and for the automatic choices (the objective ‖Ax − Z‖² + λxᵀMx is
    // homogeneous of degree 2 in (x, Z)). Before, λ was multiplied by max|Z|² and the
    // ×1e5 spectrum lost its peaks.
    let s = two_zarc();
    let big = scaled(&s, 1e5);
    for lambda in [Lambda::Value(1e-3), Lambda::LCurve, Lambda::Gcv] {
        let o = DrtOptions {
            lambda,
            ..DrtOptions::default()
        };
        let (a, b) = (drt(&s, &o).unwrap(), drt(&big, &o).unwrap());
        assert_eq!(a.lambda, b.lambda, "{lambda:?}");
        assert_eq!(a.peaks.len(), b.peaks.len(), "{lambda:?}");
        assert!(a.peaks.len() >= 2);
        for (p, q) in a.peaks.iter().zip(&b.peaks) {
            assert!((q.tau_s / p.tau_s - 1.0).abs() < 1e-9, "{p:?} {q:?}");
            assert!((q.resistance_ohm / (1e5 * p.resistance_ohm) - 1.0).abs() < 1e-9);
        }
        assert!((b.r_inf_ohm / (1e5 * a.r_inf_ohm) - 1.0).abs() < 1e-9);
        assert!((b.rms_relative_residual - a.rms_relative_residual).abs() < 1e-12);
    }
    // The series terms scale too: L × k, Q / k (Z_CPE = 1/(Q (jω)ⁿ)), n unchanged, on
    // the two-ZARC circuit with L = 1 µH and a CPE (Q = 1e-5 Ω⁻¹ s^0.8, n = 0.8).
    let s = synthetic(|w| {
        arcs(w) + Complex64::new(0.0, w * 1e-6) + 1.0 / (1e-5 * Complex64::new(0.0, w).powf(0.8))
    });
    let big = scaled(&s, 1e5);
    let o = DrtOptions {
        inductance: true,
        blocking: Blocking::Cpe,
        ..DrtOptions::default()
    };
    let (a, b) = (drt(&s, &o).unwrap(), drt(&big, &o).unwrap());
    assert_eq!(a.series.cpe_n, b.series.cpe_n);
    let (qa, qb) = (a.series.cpe_q.unwrap(), b.series.cpe_q.unwrap());
    assert!((qb * 1e5 / qa - 1.0).abs() < 1e-9, "{qa} {qb}");
    let (la, lb) = (
        a.series.inductance_h.unwrap(),
        b.series.inductance_h.unwrap(),
    );
    assert!(
        (lb - 1e5 * la).abs() <= 1e-9 * (1e5 * la).max(1e-30),
        "{la} {lb}"
    );
}

#[test]
fn a_measured_ceramic_spectrum_gets_its_arcs() {
    // EISFitpython Example2c (a ceramic sample, header `s04147-120deg`, 1 MHz – 0.04 Hz): before,
    // one 25 Ω peak, R∞ = 5 MΩ, RMS misfit 3.9 MΩ. The spectrum's own numbers: the
    // high-frequency intercept is below Z′(1 MHz) = 17.4 kΩ, the large arc has its
    // apex (largest −Z″) at 1297 Hz, τ = 1/(2π·1297 Hz) = 1.23e-4 s, and Z′ reaches
    // ~7.3 MΩ at its low-frequency foot (70 Hz).
    let s = read("Example2c.txt", include_str!("fixtures/Example2c.txt")).unwrap();
    for blocking in [Blocking::None, Blocking::Cpe] {
        let r = drt(
            &s,
            &DrtOptions {
                blocking,
                ..DrtOptions::default()
            },
        )
        .unwrap();
        assert!(r.r_inf_ohm < 17.4e3, "{}", r.r_inf_ohm);
        assert!(
            r.rms_relative_residual < 0.02,
            "{}",
            r.rms_relative_residual
        );
        let gb = r
            .peaks
            .iter()
            .max_by(|a, b| a.resistance_ohm.total_cmp(&b.resistance_ohm))
            .unwrap();
        assert!(!gb.at_edge);
        assert!((gb.tau_s / 1.23e-4).log10().abs() < 0.25, "{gb:?}");
        // Bulk and grain-boundary arcs together make up the 7.3 MΩ foot within 15 %.
        let arcs: f64 = r
            .peaks
            .iter()
            .filter(|p| p.tau_s < 1e-3)
            .map(|p| p.resistance_ohm)
            .sum::<f64>()
            + r.r_inf_ohm;
        assert!((arcs / 7.3e6 - 1.0).abs() < 0.15, "{arcs} {:?}", r.peaks);
    }
}

/// R0 = 10 Ω, ZARCs (50 Ω, 1e-4 s, 0.8) and (50 Ω, 0.1 s, 0.8): pyDRTtools' 2XZARC
/// circuit without noise.
fn arcs(w: f64) -> Complex64 {
    10.0 + zarc(50.0, 1e-4, 0.8, w) + zarc(50.0, 0.1, 0.8, w)
}

#[test]
fn a_series_inductance_is_recovered() {
    // Issue 15: a 5 µH lead (ωL = 31 Ω at 1 MHz) on the two-ZARC circuit.
    let l = 5e-6;
    let s = synthetic(|w| arcs(w) + Complex64::new(0.0, w * l));
    let without = drt(&s, &DrtOptions::default()).unwrap();
    let with = drt(
        &s,
        &DrtOptions {
            inductance: true,
            ..DrtOptions::default()
        },
    )
    .unwrap();
    let fitted = with.series.inductance_h.unwrap();
    assert!((fitted / l - 1.0).abs() < 0.02, "{fitted}");
    assert!(
        with.rms_relative_residual < 0.01,
        "{}",
        with.rms_relative_residual
    );
    assert!(without.rms_relative_residual > 5.0 * with.rms_relative_residual);
    let big: Vec<_> = with
        .peaks
        .iter()
        .filter(|p| p.resistance_ohm > 5.0)
        .collect();
    assert_eq!(big.len(), 2, "{:?}", with.peaks);
    for p in big {
        assert!((p.resistance_ohm - 50.0).abs() < 2.5, "{p:?}");
    }
}

#[test]
fn a_blocking_capacitor_and_cpe_are_recovered() {
    // The two-ZARC circuit in series with an ideal 10 µF blocking capacitor, then with
    // a CPE of Q = 1e-5 Ω⁻¹ s^0.8, n = 0.8: the tail is the series term, not a peak.
    let c = 1e-5;
    let s = synthetic(|w| arcs(w) + Complex64::new(0.0, -1.0 / (w * c)));
    let r = drt(
        &s,
        &DrtOptions {
            blocking: Blocking::Capacitor,
            ..DrtOptions::default()
        },
    )
    .unwrap();
    let fitted = r.series.capacitance_f.unwrap();
    assert!((fitted / c - 1.0).abs() < 0.03, "{fitted}");
    let big: Vec<_> = r.peaks.iter().filter(|p| p.resistance_ohm > 5.0).collect();
    assert_eq!(big.len(), 2, "{:?}", r.peaks);
    for (p, tau) in big.iter().zip([1e-4, 0.1]) {
        assert!((p.resistance_ohm - 50.0).abs() < 2.5, "{p:?}");
        assert!((p.tau_s / tau - 1.0).abs() < 0.1, "{p:?}");
    }
    let (q, n) = (1e-5, 0.8);
    let cpe = |w: f64| 1.0 / (q * Complex64::new(0.0, w).powf(n));
    let s = synthetic(|w| arcs(w) + cpe(w));
    let r = drt(
        &s,
        &DrtOptions {
            blocking: Blocking::Cpe,
            ..DrtOptions::default()
        },
    )
    .unwrap();
    assert!(
        (r.series.cpe_n.unwrap() - n).abs() <= 0.02,
        "{:?}",
        r.series
    );
    assert!(
        (r.series.cpe_q.unwrap() / q - 1.0).abs() < 0.1,
        "{:?}",
        r.series
    );
    assert!(r.rms_relative_residual < 0.01);
    // Without the term the CPE tail is one peak at the low-frequency edge, flagged.
    let r = drt(&s, &DrtOptions::default()).unwrap();
    assert!(r.peaks.last().unwrap().at_edge, "{:?}", r.peaks);
}

#[test]
fn an_inductive_loop_is_a_negative_peak() {
    // R0 = 10 Ω, a ZARC (50 Ω, 1e-4 s, 0.9) and p(R, L) with R = 5 Ω, τ = L/R = 0.1 s:
    // Z_RL = R − R/(1 + jωτ), a negative Debye term of −5 Ω at 0.1 s (closed form).
    let (rl, tau) = (5.0, 0.1);
    let s = synthetic(|w| 10.0 + zarc(50.0, 1e-4, 0.9, w) + rl - rl / Complex64::new(1.0, w * tau));
    let r = drt(
        &s,
        &DrtOptions {
            negative: true,
            lambda: Lambda::Value(1e-2),
            ..DrtOptions::default()
        },
    )
    .unwrap();
    let neg: Vec<_> = r.peaks.iter().filter(|p| p.resistance_ohm < -1.0).collect();
    assert_eq!(neg.len(), 1, "{:?}", r.peaks);
    // Within 15 %: the free-sign solution spreads the lobe (−5.65 Ω at λ = 1e-2).
    assert!(
        (neg[0].resistance_ohm + rl).abs() < 0.15 * rl,
        "{:?}",
        neg[0]
    );
    assert!((neg[0].tau_s / tau).log10().abs() < 0.1, "{:?}", neg[0]);
    let sg = suggest_circuit(&r).unwrap();
    assert!(sg.circuit.contains("p(R2,L2)"), "{}", sg.circuit);
}

#[test]
fn the_suggestion_recovers_a_two_arc_circuit() {
    // R0 = 10 Ω, ZARCs (50 Ω, 1e-4 s, 0.8) and (50 Ω, 0.1 s, 0.8): the suggested
    // circuit is R0-p(R1,CPE1)-p(R2,CPE2) with R within 5 %, τ = (R Q)^{1/n} within
    // 10 % and n within 0.1 (regularisation widens the peaks, so n is low).
    let s = synthetic(arcs);
    let r = drt(&s, &DrtOptions::default()).unwrap();
    let sg = suggest_circuit(&r).unwrap();
    assert_eq!(sg.circuit, "R0-p(R1,CPE1)-p(R2,CPE2)");
    let v = sg.values();
    assert!((v[0] - 10.0).abs() < 0.5, "{v:?}");
    for (k, tau) in [(1, 1e-4), (4, 0.1)] {
        let (r, q, n) = (v[k], v[k + 1], v[k + 2]);
        assert!((r / 50.0 - 1.0).abs() < 0.05, "{v:?}");
        assert!(((r * q).powf(1.0 / n) / tau - 1.0).abs() < 0.1, "{v:?}");
        assert!((n - 0.8).abs() < 0.1, "{v:?}");
    }
    // The circuit parses and the names follow its parameter order.
    let c = garnet_eis::Circuit::parse(&sg.circuit).unwrap();
    assert_eq!(
        c.parameter_names(),
        sg.initial
            .iter()
            .map(|(n, _)| n.clone())
            .collect::<Vec<_>>()
    );
}

#[test]
fn missing_series_terms_are_hinted() {
    use garnet_eis::drt::Hint;
    // A 5 µH lead makes Im Z > 0 at 1 MHz (ωL = 31 Ω against −Im Z of the arcs < 1 Ω);
    // a 10 µF blocking capacitor makes −Im Z rise at the lowest frequencies.
    let lead = synthetic(|w| arcs(w) + Complex64::new(0.0, w * 5e-6));
    let r = drt(&lead, &DrtOptions::default()).unwrap();
    assert_eq!(r.hints, vec![Hint::SeriesInductance]);
    let o = DrtOptions {
        inductance: true,
        ..DrtOptions::default()
    };
    assert!(drt(&lead, &o).unwrap().hints.is_empty());
    let blocked = synthetic(|w| arcs(w) + Complex64::new(0.0, -1.0 / (w * 1e-5)));
    let r = drt(&blocked, &DrtOptions::default()).unwrap();
    assert_eq!(r.hints, vec![Hint::BlockingTerm], "{:?}", r.peaks);
    assert!(drt(&synthetic(arcs), &DrtOptions::default())
        .unwrap()
        .hints
        .is_empty());
}
