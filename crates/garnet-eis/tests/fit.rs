#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Fitting: recovery of known parameters from noisy synthetic spectra, and agreement
//! with impedance.py on its own example.

use garnet_eis::{fit, Circuit, FitOptions, Spectrum, Weighting};
use num_complex::Complex64;

/// Deterministic standard-normal numbers (SplitMix64 + Box–Muller).
struct Normal(garnet_random::SplitMix64);
impl Normal {
    fn sample(&mut self) -> f64 {
        let (u1, u2) = (self.0.next_f64().max(1e-300), self.0.next_f64());
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

fn log_frequencies(hi_exp: f64, lo_exp: f64, per_decade: usize) -> Vec<f64> {
    let n = ((hi_exp - lo_exp) * per_decade as f64).round() as usize + 1;
    (0..n)
        .map(|i| 10f64.powf(hi_exp - i as f64 / per_decade as f64))
        .collect()
}

fn synthetic(circuit: &Circuit, p: &[f64], f: &[f64], rel_noise: f64, seed: u64) -> Spectrum {
    let mut rng = Normal(garnet_random::SplitMix64::new(seed));
    let z: Vec<Complex64> = circuit
        .spectrum(p, f)
        .into_iter()
        .map(|z| z + Complex64::new(rng.sample(), rng.sample()) * rel_noise * z.norm())
        .collect();
    Spectrum::new(f.to_vec(), z).unwrap()
}

#[test]
fn recovers_a_two_arc_garnet_spectrum_within_three_standard_errors() {
    // A garnet pellet: R0 = 50 Ω leads, bulk 2 kΩ (CPE apex near 1.7 MHz), grain boundary
    // 5 kΩ (apex near 80 kHz); 1 % proportional noise; guesses from the spectrum.
    let c = Circuit::parse("R0-p(R1,CPE1)-p(R2,CPE2)").unwrap();
    let truth = [50.0, 2000.0, 1e-10, 0.95, 5000.0, 3e-9, 0.85];
    let f = log_frequencies(7.0, 0.0, 10);
    for seed in [1, 2, 3] {
        let s = synthetic(&c, &truth, &f, 0.01, seed);
        let opts = FitOptions {
            weighting: Weighting::Modulus,
            ..FitOptions::default()
        };
        let r = fit(&c, &s, &opts).unwrap();
        assert!(r.converged);
        for (p, t) in r.parameters.iter().zip(truth) {
            let se = p
                .stderr
                .unwrap_or_else(|| panic!("seed {seed}: {:?}", r.values()));
            assert!(
                (p.value - t).abs() < 3.0 * se,
                "seed {seed}: {} = {} ± {se}, true {t}",
                p.name,
                p.value
            );
        }
        // Reduced χ² with proportional weights estimates the noise variance per
        // component, (1 %)² = 1e-4, within the sampling spread of 2N − k = 135 values.
        assert!(
            (r.reduced_chi2 / 1e-4 - 1.0).abs() < 0.35,
            "{}",
            r.reduced_chi2
        );
    }
}

#[test]
fn fixed_parameters_stay_and_exact_data_fit_exactly() {
    let c = Circuit::parse("R0-p(R1,C1)-W1").unwrap();
    let truth = [12.5, 300.0, 2e-6, 40.0];
    let f = log_frequencies(6.0, -1.0, 8);
    let s = Spectrum::new(f.clone(), c.spectrum(&truth, &f)).unwrap();
    let opts = FitOptions {
        fixed: vec![("R0".to_string(), 12.5)],
        ..FitOptions::default()
    };
    let r = fit(&c, &s, &opts).unwrap();
    assert_eq!(r.value("R0"), Some(12.5));
    assert!(r.parameters[0].fixed && r.parameters[0].stderr.is_none());
    for (p, t) in r.values().iter().zip(truth) {
        assert!((p / t - 1.0).abs() < 1e-6, "{p} vs {t}");
    }
    assert!(r.max_relative_residual < 1e-7);
    // A wrong name is an error with a suggestion.
    let bad = FitOptions {
        fixed: vec![("R9".to_string(), 1.0)],
        ..FitOptions::default()
    };
    assert!(fit(&c, &s, &bad)
        .unwrap_err()
        .to_string()
        .contains("no parameter 'R9'"));
}

fn example_data() -> Spectrum {
    let text = include_str!("fixtures/exampleData.csv");
    let (mut f, mut z) = (Vec::new(), Vec::new());
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Vec<f64> = line.split(',').map(|x| x.trim().parse().unwrap()).collect();
        f.push(v[0]);
        z.push(Complex64::new(v[1], v[2]));
    }
    Spectrum::new(f, z).unwrap()
}

#[test]
fn agrees_with_impedance_py_on_its_example() {
    // impedance.py 1.7 (CustomCircuit.fit, scipy curve_fit, unit weights) on
    // exampleData.csv after ignoreBelowX, initial guess [.01, .01, 100, .01, .05, 100, 1]:
    // R0 = 1.65187e-2, R1 = 8.67655e-3, C1 = 3.32143, R2 = 5.38996e-3,
    // Wo1_0 = 6.30927e-2, Wo1_1 = 232.520, C2 = 0.219542; χ² = 1.94302e-5.
    let s = example_data().capacitive_only().unwrap();
    assert_eq!(s.len(), 57);
    let c = Circuit::parse("R0-p(R1,C1)-p(R2-Wo1,C2)").unwrap();
    let reference = [
        1.65187261e-02,
        8.67655050e-03,
        3.32142558e+00,
        5.38996278e-03,
        6.30927425e-02,
        2.32520427e+02,
        2.19541827e-01,
    ];
    let opts = FitOptions {
        initial: Some(vec![0.01, 0.01, 100.0, 0.01, 0.05, 100.0, 1.0]),
        starts: 1,
        ..FitOptions::default()
    };
    let r = fit(&c, &s, &opts).unwrap();
    // The Warburg parameters are loosely determined (Wo1_1 ± 7 %); garnet stops at a
    // slightly lower χ² than scipy, within half a standard error of every value.
    assert!(
        r.chi2 <= 1.9430171674e-5 && r.chi2 > 0.999 * 1.9430171674e-5,
        "{}",
        r.chi2
    );
    for (p, t) in r.parameters.iter().zip(reference) {
        let se = p.stderr.unwrap();
        assert!(
            (p.value - t).abs() < 0.5 * se,
            "{} = {} ± {se} vs {t}",
            p.name,
            p.value
        );
    }
    // impedance.py's standard errors (conf_): R0 1.542e-4, C1 0.1895, Wo1_1 16.23.
    let se = |i: usize| r.parameters[i].stderr.unwrap();
    assert!((se(0) / 1.54227644e-04 - 1.0).abs() < 0.02, "{}", se(0));
    assert!((se(2) / 1.89536692e-01 - 1.0).abs() < 0.02, "{}", se(2));
    assert!((se(5) / 1.62269551e+01 - 1.0).abs() < 0.1, "{}", se(5));
    // With no initial guess at all, the automatic guess and ten starts find a deeper
    // minimum than impedance.py's (χ² 1.40e-5 against 1.94e-5).
    let multi = FitOptions {
        starts: 10,
        ..FitOptions::default()
    };
    let auto = fit(&c, &s, &multi).unwrap();
    assert!(auto.chi2 < 0.75 * r.chi2, "{} vs {}", auto.chi2, r.chi2);
    eprintln!("{:?}", auto.values());
}
