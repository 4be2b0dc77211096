//! Issue 15, item 4: a synthetic three-arc temperature series of a garnet pellet (bulk,
//! grain boundary, blocking electrode) with 0.5 % noise, the bulk arc leaving the
//! 1 MHz window at the hottest temperatures; the series fit must recover the bulk and
//! grain-boundary activation energies within 2σ and 0.01 eV.
//!
//! The pellet (stated, garnet-like; Irvine, Sinclair & West 1990 for the ranges):
//! - L = 1 mm, electrode ⌀ 10 mm: L/A = 12.73 m⁻¹ (0.1273 cm⁻¹).
//! - Bulk: σ_b(25 °C) = 1e-4 S/cm, Eₐ = 0.38 eV (σT Arrhenius), R ∥ CPE with α = 0.95
//!   and Q such that C_eff = ε₀ε_r A/L = 4.17e-11 F (ε_r = 60) at 25 °C.
//! - Grain boundary: R_gb = 2 R_b at 25 °C, Eₐ = 0.45 eV, α = 0.85, C_eff = 5e-9 F at
//!   25 °C (normalised 6.4e-10 F: grain boundary).
//! - Electrode: CPE Q = 1e-6 F s^(α−1), α = 0.8; leads R0 = 0.1 Ω.
//! - −60 … +30 °C in 10 K steps; 1 MHz … 0.1 Hz, 10 points per decade. The bulk apex
//!   1/(2πτ) is 11 kHz at −60 °C, above f_max/√10 (out of the window, see
//!   `conductivity::RESOLVED_DECADES`) from −10 °C and above 1 MHz from +10 °C.
//! - Noise: Re and Im each + N(0, (0.005 |Z|)²), seeded.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use garnet_eis::arrhenius::{arrhenius_fits, fit_temperature_series, ArrheniusOptions};
use garnet_eis::conductivity::Geometry;
use garnet_eis::{Circuit, Complex64, FitOptions, Spectrum, Weighting};
use garnet_random::SplitMix64;

const KB: f64 = 8.617_333_262e-5;
const T0: f64 = 298.15;
const EA_BULK: f64 = 0.38;
const EA_GB: f64 = 0.45;
const CIRCUIT: &str = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3";

fn geometry() -> Geometry {
    Geometry::from_diameter(1e-3, 10e-3).unwrap()
}

/// R(T) of a contribution with σ(T0) = L/(A R0) and σT Arrhenius with `ea`.
fn resistance(r0: f64, ea: f64, t: f64) -> f64 {
    r0 * (t / T0) * (ea / KB * (1.0 / t - 1.0 / T0)).exp()
}

/// Q of a CPE with effective capacitance `c` beside `r` (Hsu–Mansfeld inverted):
/// Q = C^α / R^(1−α).
fn q_of(c: f64, r: f64, alpha: f64) -> f64 {
    c.powf(alpha) / r.powf(1.0 - alpha)
}

fn temperatures() -> Vec<f64> {
    (0..10).map(|k| 213.15 + 10.0 * k as f64).collect()
}

/// True parameters at T, in the circuit's order.
fn truth(t: f64) -> Vec<f64> {
    let g = geometry();
    let rb0 = g.thickness_m / (1e-2 * g.area_m2); // σ_b(25 °C) = 1e-4 S/cm = 1e-2 S/m
    let c_bulk = 8.854_187_812_8e-12 * 60.0 * g.area_m2 / g.thickness_m;
    let (qb, qgb) = (q_of(c_bulk, rb0, 0.95), q_of(5e-9, 2.0 * rb0, 0.85));
    vec![
        0.1,
        resistance(rb0, EA_BULK, t),
        qb,
        0.95,
        resistance(2.0 * rb0, EA_GB, t),
        qgb,
        0.85,
        1e-6,
        0.8,
    ]
}

fn gaussian(rng: &mut SplitMix64) -> f64 {
    // Box–Muller.
    let u1 = rng.next_f64().max(1e-300);
    let u2 = rng.next_f64();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

fn spectra(seed: u64) -> Vec<Spectrum> {
    let c = Circuit::parse(CIRCUIT).unwrap();
    let f: Vec<f64> = (0..=70).map(|i| 10f64.powf(6.0 - 0.1 * i as f64)).collect();
    let mut rng = SplitMix64::new(seed);
    temperatures()
        .iter()
        .map(|&t| {
            let z: Vec<Complex64> = c
                .spectrum(&truth(t), &f)
                .into_iter()
                .map(|z| {
                    let s = 0.005 * z.norm();
                    z + Complex64::new(s * gaussian(&mut rng), s * gaussian(&mut rng))
                })
                .collect();
            Spectrum::new(f.clone(), z).unwrap()
        })
        .collect()
}

/// The series fit of one noise seed: (bulk Eₐ, its σ, gb Eₐ, its σ, points whose bulk
/// came from the intercept).
fn recover(seed: u64) -> (f64, f64, f64, f64, usize) {
    let c = Circuit::parse(CIRCUIT).unwrap();
    let temps = temperatures();
    // The first (coldest) fit starts from values off the truth by ×1.5 and ×0.7.
    let initial: Vec<f64> = truth(temps[0])
        .iter()
        .enumerate()
        .map(|(i, v)| match i {
            3 | 6 | 8 => *v,
            _ if i % 2 == 0 => v * 1.5,
            _ => v * 0.7,
        })
        .collect();
    let options = ArrheniusOptions {
        fit: FitOptions {
            weighting: Weighting::Proportional,
            initial: Some(initial),
            ..FitOptions::default()
        },
        series: true,
        specific_grain_boundary: true,
    };
    let s = spectra(seed);
    // Given hottest first: the series sorts by temperature.
    let (rs, rt): (Vec<Spectrum>, Vec<f64>) = s.into_iter().zip(temps).rev().unzip();
    let series = fit_temperature_series(&c, &rs, &rt, &geometry(), &options).unwrap();
    assert_eq!(series.input[0], 9, "coldest first");
    let fits = arrhenius_fits(&series.points, true).unwrap();
    let get = |name: &str| {
        let f = fits.iter().find(|f| f.contribution == name).unwrap();
        assert_eq!(f.temperatures_k.len(), 10, "{name} at every temperature");
        (
            f.fit.activation_energy_ev,
            f.fit.activation_energy_stderr_ev.unwrap(),
        )
    };
    let (b, sb) = get("bulk");
    let (g, sg) = get("grain_boundary");
    let intercept = series.summary().bulk_from_intercept;
    (b, sb, g, sg, intercept)
}

/// Every seed within 0.01 eV of both Eₐ's and within 3σ of its own fit; the mean error
/// over the seeds within 2σ (no bias); and at least `min_within_2sigma` of the seeds
/// within 2σ. For an unbiased estimator the error over its σ follows Student's t with
/// 10 − 2 = 8 degrees of freedom, which puts 92 % of the seeds within 2σ (and 98.3 %
/// within 3σ): asking every seed to be within 2σ would fail one seed in twelve by
/// chance alone.
fn check(seeds: &[u64], min_within_2sigma: f64) {
    let mut z = Vec::new();
    let (mut bias, mut sigma) = ([0.0; 2], [0.0; 2]);
    for &seed in seeds {
        let (b, sb, g, sg, intercept) = recover(seed);
        let msg = format!("seed {seed}: bulk {b} ± {sb}, gb {g} ± {sg}, {intercept} intercepts");
        for (k, (e, se, truth)) in [(b, sb, EA_BULK), (g, sg, EA_GB)].into_iter().enumerate() {
            assert!((e - truth).abs() < 0.01, "{msg}");
            assert!((e - truth).abs() <= 3.0 * se, "{msg}");
            z.push((e - truth) / se);
            bias[k] += (e - truth) / seeds.len() as f64;
            sigma[k] += se / seeds.len() as f64;
        }
        // The true bulk apex is within half a decade of 1 MHz or above it from −10 °C
        // up (five temperatures; see the module doc).
        assert!((4..=6).contains(&intercept), "{msg}");
    }
    for k in 0..2 {
        assert!(
            bias[k].abs() <= 2.0 * sigma[k],
            "mean error {} vs σ {}",
            bias[k],
            sigma[k]
        );
    }
    let within = z.iter().filter(|z| z.abs() <= 2.0).count() as f64 / z.len() as f64;
    assert!(
        within >= min_within_2sigma,
        "{within} of the errors within 2σ: {z:?}"
    );
}

#[test]
fn the_apex_of_the_bulk_arc_leaves_the_window_at_the_hottest_temperatures() {
    // Closed form: apex 1/(2π (R Q)^(1/α)) of the true bulk arc.
    let apex = |t: f64| {
        let p = truth(t);
        1.0 / (2.0 * std::f64::consts::PI * (p[1] * p[2]).powf(1.0 / p[3]))
    };
    let temps = temperatures();
    assert!(apex(temps[0]) < 2e4, "{}", apex(temps[0]));
    let edge = 1e6 / garnet_eis::conductivity::RESOLVED_DECADES;
    assert!(apex(temps[4]) < edge && apex(temps[5]) > edge);
    assert!(apex(temps[6]) < 1e6 && apex(temps[7]) > 1e6);
}

#[test]
fn issue_15_bulk_and_grain_boundary_activation_energies_a_few_seeds() {
    check(&[1, 2, 3], 0.8);
}

#[test]
#[ignore = "20 noise seeds: cargo test -p garnet-eis --test arrhenius -- --ignored"]
fn issue_15_bulk_and_grain_boundary_activation_energies_20_seeds() {
    let seeds: Vec<u64> = (100..120).collect();
    check(&seeds, 0.85);
}

#[test]
fn without_the_window_the_out_of_band_bulk_arc_would_be_misread() {
    // The same exact spectrum at +30 °C, analysed with and without its highest
    // frequency: with it, the bulk arc (apex above 1 MHz) is counted in the intercept.
    let c = Circuit::parse(CIRCUIT).unwrap();
    let t = temperatures()[9];
    let p = truth(t);
    let k =
        garnet_eis::conductivity::conductivities_in_band(&c, &p, &geometry(), Some(1e6)).unwrap();
    assert!(k.bulk_from_intercept);
    let r = k.bulk_resistance_ohm.unwrap();
    assert!((r / (p[0] + p[1]) - 1.0).abs() < 1e-12, "R0 + R1");
    assert!(k
        .notes
        .iter()
        .any(|n| n.contains("the highest measured frequency")));
    // Without a window the true bulk arc is the bulk.
    let k = garnet_eis::conductivity::conductivities(&c, &p, &geometry()).unwrap();
    assert!(!k.bulk_from_intercept);
    assert!((k.bulk_resistance_ohm.unwrap() / p[1] - 1.0).abs() < 1e-12);
    // Brick layer: σ_gb,sp = (L/A)/R_gb · C_b/C_gb, with Hsu–Mansfeld C of each arc.
    let g = geometry();
    let cb = (p[2] * p[1].powf(1.0 - p[3])).powf(1.0 / p[3]);
    let cgb = (p[5] * p[4].powf(1.0 - p[6])).powf(1.0 / p[6]);
    let expect = g.thickness_m / g.area_m2 / p[4] * cb / cgb;
    let got = k.grain_boundary_specific_s_per_m.unwrap();
    assert!((got / expect - 1.0).abs() < 1e-12);
}
