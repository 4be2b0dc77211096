//! Fitting several spectra with one circuit: a parallel batch, a series in which each fit
//! starts from the previous result (a temperature series), the timing bench of one
//! fit, and the conductivity series behind an Arrhenius plot.
//!
//! ```text
//! [Spectrum] + Circuit + FitOptions ──fit_batch (rayon, any order)──▶ [TimedFit] (input order)
//!                                   ──fit_series (in order, p₀ ← previous result)──▶ [TimedFit]
//! [Spectrum] + temperatures + Geometry ──conductivity_series──▶ [ConductivityPoint]
//!                                      ──arrhenius_by_contribution──▶ Eₐ per bulk / grain boundary / total
//! ```
//!
//! `garnet eis fit FILES…` (`--series`, `--all-spectra`), `garnet eis bench`,
//! `garnet eis arrhenius` and the Python bindings call these; they read the files and
//! print. Each fit is [`crate::fit`] unchanged, so a batch gives exactly the results of
//! the same fits done one by one.

use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use crate::circuit::Circuit;
use crate::conductivity::{conductivities, ArrheniusFit, Conductivities, Geometry};
use crate::error::EisError;
use crate::fit::{fit, FitOptions, FitResult};
use crate::spectrum::Spectrum;

/// One fit of several: the result or its error, and the wall time of the fit.
#[derive(Debug, Clone, PartialEq)]
pub struct TimedFit {
    /// The fit, or why it failed.
    pub outcome: Result<FitResult, EisError>,
    /// Wall time of the fit (ms).
    pub time_ms: f64,
}

/// [`fit`] with its wall time.
pub fn fit_timed(circuit: &Circuit, spectrum: &Spectrum, options: &FitOptions) -> TimedFit {
    let t0 = Instant::now();
    let outcome = fit(circuit, spectrum, options);
    TimedFit {
        outcome,
        time_ms: t0.elapsed().as_secs_f64() * 1e3,
    }
}

/// Fit every spectrum independently, in parallel (rayon's pool); the results are in the
/// order of `spectra`, one per spectrum, failures included.
pub fn fit_batch(circuit: &Circuit, spectra: &[Spectrum], options: &FitOptions) -> Vec<TimedFit> {
    fit_batch_with_progress(circuit, spectra, options, &|| {})
}

/// [`fit_batch`], calling `progress` after each fit (from the worker threads).
pub fn fit_batch_with_progress(
    circuit: &Circuit,
    spectra: &[Spectrum],
    options: &FitOptions,
    progress: &(dyn Fn() + Sync),
) -> Vec<TimedFit> {
    spectra
        .par_iter()
        .map(|s| {
            let t = fit_timed(circuit, s, options);
            progress();
            t
        })
        .collect()
}

/// Fit the spectra in order, each starting from the values of the last successful fit
/// before it; the first starts from `options.initial` (or the automatic guess). A failed
/// fit is reported and the next one starts from the last good result.
pub fn fit_series(circuit: &Circuit, spectra: &[Spectrum], options: &FitOptions) -> Vec<TimedFit> {
    fit_series_with_progress(circuit, spectra, options, &|| {})
}

/// [`fit_series`], calling `progress` after each fit.
pub fn fit_series_with_progress(
    circuit: &Circuit,
    spectra: &[Spectrum],
    options: &FitOptions,
    progress: &(dyn Fn() + Sync),
) -> Vec<TimedFit> {
    let mut previous: Option<Vec<f64>> = None;
    spectra
        .iter()
        .map(|s| {
            let opts = FitOptions {
                initial: previous.clone().or_else(|| options.initial.clone()),
                ..options.clone()
            };
            let t = fit_timed(circuit, s, &opts);
            if let Ok(r) = &t.outcome {
                previous = Some(r.values());
            }
            progress();
            t
        })
        .collect()
}

/// How the fits of several spectra relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Chain {
    /// Each fit on its own, in parallel ([`fit_batch`]).
    #[default]
    Independent,
    /// In order, each from the previous result ([`fit_series`]).
    Series,
}

/// A spectrum with its fit and the fit's wall time.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// The spectrum fitted.
    pub spectrum: Spectrum,
    /// The fit.
    pub fit: FitResult,
    /// Wall time of the fit (ms).
    pub time_ms: f64,
}

/// Fit inputs some of which failed before there was a spectrum (a file that could not
/// be read): those keep their error in their place, the others are fitted as `chain`
/// says (a series skips the failed inputs: the next fit starts from the last good
/// result) and `progress` is called after each fit. One result per input, in order.
pub fn fit_inputs<E: From<EisError>>(
    circuit: &Circuit,
    inputs: Vec<Result<Spectrum, E>>,
    options: &FitOptions,
    chain: Chain,
    progress: &(dyn Fn() + Sync),
) -> Vec<Result<Fitted, E>> {
    let mut spectra = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        match input {
            Ok(s) => {
                spectra.push(s);
                errors.push(None);
            }
            Err(e) => errors.push(Some(e)),
        }
    }
    let fits = match chain {
        Chain::Independent => fit_batch_with_progress(circuit, &spectra, options, progress),
        Chain::Series => fit_series_with_progress(circuit, &spectra, options, progress),
    };
    let mut done = fits.into_iter().zip(spectra);
    errors
        .into_iter()
        .filter_map(|error| match error {
            Some(e) => Some(Err(e)),
            None => done.next().map(|(t, spectrum)| {
                let time_ms = t.time_ms;
                t.outcome.map_err(E::from).map(|fit| Fitted {
                    spectrum,
                    fit,
                    time_ms,
                })
            }),
        })
        .collect()
}

/// The statistics columns of the batch table, after its first column (the file).
const TABLE_COLUMNS: [&str; 8] = [
    "n_points",
    "chi2",
    "reduced_chi2",
    "aic",
    "bic",
    "converged",
    "iterations",
    "fit_time_ms",
];

/// The header of the batch table (`garnet eis fit FILES… -o fits.csv`), one row per
/// fit: `file`, the statistics, each parameter and its `_stderr`, and `error`.
pub fn table_header(circuit: &Circuit) -> Vec<String> {
    let mut header = vec!["file".to_string()];
    header.extend(TABLE_COLUMNS.iter().map(|s| s.to_string()));
    for n in circuit.parameter_names() {
        let stderr = format!("{n}_stderr");
        header.extend([n, stderr]);
    }
    header.push("error".to_string());
    header
}

/// The row of a fit under [`table_header`], after the file: values in Rust's `{:e}`
/// (shortest round-trip), AIC/BIC as `{}`, the time to 0.1 µs; the error column empty.
pub fn table_row(r: &FitResult, time_ms: f64) -> Vec<String> {
    let num = |v: f64| format!("{v:e}");
    let mut row = vec![
        r.n_points.to_string(),
        num(r.chi2),
        num(r.reduced_chi2),
        r.aic.to_string(),
        r.bic.to_string(),
        r.converged.to_string(),
        r.iterations.to_string(),
        format!("{time_ms:.4}"),
    ];
    for p in &r.parameters {
        row.push(num(p.value));
        row.push(p.stderr.map(num).unwrap_or_default());
    }
    row.push(String::new());
    row
}

/// The row of a failed fit under [`table_header`], after the file: empty cells and the
/// message in the error column.
pub fn failed_table_row(circuit: &Circuit, message: &str) -> Vec<String> {
    let cells = TABLE_COLUMNS.len() + 2 * circuit.parameter_names().len();
    let mut row = vec![String::new(); cells];
    row.push(message.to_string());
    row
}

/// The timing of one fit problem repeated ([`bench`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Bench {
    /// The result of the untimed warm-up fit (every timed fit gives the same).
    pub fit: FitResult,
    /// Number of timed fits.
    pub repeat: usize,
    /// Median wall time of the timed fits (ms).
    pub median_ms: f64,
    /// Fastest (ms).
    pub min_ms: f64,
    /// Slowest (ms).
    pub max_ms: f64,
}

/// One untimed warm-up fit, then `repeat` timed fits of the same problem: the median,
/// fastest and slowest wall times. The first failing fit is the error.
pub fn bench(
    circuit: &Circuit,
    spectrum: &Spectrum,
    options: &FitOptions,
    repeat: usize,
) -> Result<Bench, EisError> {
    if repeat == 0 {
        return Err(EisError::ZeroCount {
            what: "number of timed fits",
        });
    }
    let warm = fit(circuit, spectrum, options)?;
    let mut times = Vec::with_capacity(repeat);
    for _ in 0..repeat {
        let t = fit_timed(circuit, spectrum, options);
        t.outcome?;
        times.push(t.time_ms);
    }
    times.sort_by(f64::total_cmp);
    let median = if repeat % 2 == 1 {
        times[repeat / 2]
    } else {
        0.5 * (times[repeat / 2 - 1] + times[repeat / 2])
    };
    Ok(Bench {
        fit: warm,
        repeat,
        median_ms: median,
        min_ms: times[0],
        max_ms: times[repeat - 1],
    })
}

/// One spectrum of a temperature series ([`conductivity_series`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ConductivityPoint {
    /// Temperature (K).
    pub temperature_k: f64,
    /// The circuit fit.
    pub fit: FitResult,
    /// Conductivities from the fitted values.
    pub conductivities: Conductivities,
}

/// Fit a temperature series as [`fit_series`] does (each spectrum from the previous
/// result) and turn each fit into conductivities on `geometry`; the first failing fit
/// or assignment is the error.
pub fn conductivity_series(
    circuit: &Circuit,
    spectra: &[Spectrum],
    temperatures_k: &[f64],
    geometry: &Geometry,
    options: &FitOptions,
) -> Result<Vec<ConductivityPoint>, EisError> {
    if spectra.len() != temperatures_k.len() {
        return Err(EisError::Invalid {
            field: "temperatures".to_string(),
            message: format!(
                "{} values for {} spectra",
                temperatures_k.len(),
                spectra.len()
            ),
        });
    }
    let mut previous: Option<Vec<f64>> = None;
    let mut out = Vec::with_capacity(spectra.len());
    for (s, &t) in spectra.iter().zip(temperatures_k) {
        let opts = FitOptions {
            initial: previous.clone().or_else(|| options.initial.clone()),
            ..options.clone()
        };
        let r = fit(circuit, s, &opts)?;
        previous = Some(r.values());
        let c = conductivities(circuit, &r.values(), geometry)?;
        out.push(ConductivityPoint {
            temperature_k: t,
            fit: r,
            conductivities: c,
        });
    }
    Ok(out)
}

/// The Arrhenius fit of one contribution to the conductivity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContributionArrhenius {
    /// `bulk`, `grain_boundary` or `total`.
    pub contribution: &'static str,
    /// The temperatures at which the series has this contribution (K).
    pub temperatures_k: Vec<f64>,
    /// Its conductivities (S/m).
    pub sigma_s_per_m: Vec<f64>,
    /// The fit σT = A exp(−Eₐ/(k_B T)).
    pub fit: ArrheniusFit,
}

/// Arrhenius fits of the bulk, grain-boundary and total conductivities of a series, in
/// that order, each over the points that have it; a contribution found at fewer than
/// two temperatures is left out.
pub fn arrhenius_by_contribution(
    points: &[ConductivityPoint],
) -> Result<Vec<ContributionArrhenius>, EisError> {
    crate::arrhenius::arrhenius_fits(points, false)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::element::Bound;

    /// R0-p(R1,C1) with R1 = 100, 150, 200 Ω (a pellet warming up), exact data.
    fn three_spectra() -> (Circuit, Vec<Spectrum>, Vec<[f64; 3]>) {
        let c = Circuit::parse("R0-p(R1,C1)").unwrap();
        let f: Vec<f64> = (0..31).map(|i| 10f64.powf(6.0 - 0.2 * i as f64)).collect();
        let truths: Vec<[f64; 3]> = [100.0, 150.0, 200.0]
            .iter()
            .map(|&r| [10.0, r, 1e-6])
            .collect();
        let spectra = truths
            .iter()
            .map(|p| Spectrum::new(f.clone(), c.spectrum(p, &f)).unwrap())
            .collect();
        (c, spectra, truths)
    }

    fn values(t: &TimedFit) -> Vec<f64> {
        t.outcome.as_ref().unwrap().values()
    }

    #[test]
    fn a_batch_equals_the_fits_one_by_one_exactly() {
        let (c, spectra, _) = three_spectra();
        let opts = FitOptions {
            starts: 3,
            ..FitOptions::default()
        };
        let batch = fit_batch(&c, &spectra, &opts);
        assert_eq!(batch.len(), 3);
        for (t, s) in batch.iter().zip(&spectra) {
            assert_eq!(t.outcome, fit(&c, s, &opts), "bit for bit, in input order");
            assert!(t.time_ms >= 0.0);
        }
    }

    #[test]
    fn a_series_starts_each_fit_from_the_previous_result() {
        let (c, spectra, truths) = three_spectra();
        let opts = FitOptions::default();
        let series = fit_series(&c, &spectra, &opts);
        let alone = fit_batch(&c, &spectra, &opts);
        // The first starts from the guess, as alone; each later one from the values
        // fitted just before it.
        assert_eq!(series[0].outcome, alone[0].outcome);
        for k in 1..3 {
            let r = series[k].outcome.as_ref().unwrap();
            assert_eq!(r.initial, values(&series[k - 1]), "fit {k}");
            let from_previous = FitOptions {
                initial: Some(values(&series[k - 1])),
                ..opts.clone()
            };
            assert_eq!(series[k].outcome, fit(&c, &spectra[k], &from_previous));
        }
        // Both reach the true parameters (exact data): same minimum, another path.
        for ((s, a), truth) in series.iter().zip(&alone).zip(&truths) {
            for ((x, y), t) in values(s).iter().zip(values(a)).zip(truth) {
                assert!((x / t - 1.0).abs() < 1e-6, "series {x} vs truth {t}");
                assert!((x / y - 1.0).abs() < 1e-6, "series {x} vs alone {y}");
            }
        }
    }

    #[test]
    fn a_failed_fit_in_a_series_leaves_the_previous_start() {
        let (c, mut spectra, _) = three_spectra();
        // Too few points for three parameters: the middle fit fails.
        spectra[1] = Spectrum::new(vec![1e3], vec![crate::Complex64::new(50.0, -5.0)]).unwrap();
        let series = fit_series(&c, &spectra, &FitOptions::default());
        assert!(matches!(series[1].outcome, Err(EisError::BadSpectrum(_))));
        let third = series[2].outcome.as_ref().unwrap();
        assert_eq!(third.initial, values(&series[0]));
    }

    #[test]
    fn inputs_that_failed_keep_their_place() {
        let (c, spectra, _) = three_spectra();
        let opts = FitOptions::default();
        let inputs: Vec<Result<Spectrum, EisError>> = vec![
            Ok(spectra[0].clone()),
            Err(EisError::BadSpectrum("unreadable".into())),
            Ok(spectra[2].clone()),
        ];
        let count = std::sync::atomic::AtomicUsize::new(0);
        let tick = || {
            count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        };
        let out = fit_inputs(&c, inputs.clone(), &opts, Chain::Series, &tick);
        assert_eq!(out.len(), 3);
        assert_eq!(
            count.load(std::sync::atomic::Ordering::Relaxed),
            2,
            "two fits"
        );
        assert_eq!(out[1], Err(EisError::BadSpectrum("unreadable".into())));
        let (first, third) = (out[0].as_ref().unwrap(), out[2].as_ref().unwrap());
        assert_eq!(first.spectrum, spectra[0]);
        assert_eq!(
            third.fit.initial,
            first.fit.values(),
            "the series skips the gap"
        );
        let alone = fit_inputs(&c, inputs, &opts, Chain::Independent, &|| {});
        assert_eq!(
            alone[2].as_ref().unwrap().fit,
            fit(&c, &spectra[2], &opts).unwrap()
        );
    }

    #[test]
    fn a_series_with_bounds_keeps_every_fit_inside_them() {
        let (c, spectra, _) = three_spectra();
        let opts = FitOptions {
            bounds: vec![("R0".into(), 9.0, 11.0)],
            ..FitOptions::default()
        };
        assert_eq!(opts.validate(&c).unwrap()[0], Bound::Interval(9.0, 11.0));
        for t in fit_series(&c, &spectra, &opts) {
            let r0 = values(&t)[0];
            assert!((9.0..=11.0).contains(&r0), "{r0}");
        }
    }

    #[test]
    fn table_rows_line_up_with_the_header() {
        let (c, spectra, _) = three_spectra();
        let header = table_header(&c);
        assert_eq!(header[..3], ["file", "n_points", "chi2"]);
        assert_eq!(
            header[9..],
            [
                "R0",
                "R0_stderr",
                "R1",
                "R1_stderr",
                "C1",
                "C1_stderr",
                "error"
            ]
        );
        let r = fit(&c, &spectra[0], &FitOptions::default()).unwrap();
        let row = table_row(&r, 1.5);
        assert_eq!(row.len() + 1, header.len());
        assert_eq!(row[0], "31");
        assert_eq!(row[7], "1.5000");
        assert_eq!(row[8], format!("{:e}", r.parameters[0].value));
        assert_eq!(row.last().map(String::as_str), Some(""));
        let failed = failed_table_row(&c, "no file");
        assert_eq!(failed.len() + 1, header.len());
        assert_eq!(failed.last().map(String::as_str), Some("no file"));
        let grid = spectra[0].log_grid(5);
        assert_eq!(grid.len(), 5);
        assert!((grid[0] - 1.0).abs() < 1e-12 && (grid[4] / 1e6 - 1.0).abs() < 1e-12);
        assert!((grid[2] / 1e3 - 1.0).abs() < 1e-12, "{grid:?}");
    }

    #[test]
    fn bench_reports_ordered_times_of_the_same_fit() {
        let (c, spectra, _) = three_spectra();
        let opts = FitOptions::default();
        let b = bench(&c, &spectra[0], &opts, 3).unwrap();
        assert_eq!(b.fit, fit(&c, &spectra[0], &opts).unwrap());
        assert!(b.min_ms <= b.median_ms && b.median_ms <= b.max_ms);
        assert_eq!(
            bench(&c, &spectra[0], &opts, 0),
            Err(EisError::ZeroCount {
                what: "number of timed fits"
            })
        );
    }

    #[test]
    fn a_conductivity_series_gives_the_activation_energy() {
        // Bulk σT Arrhenius with Eₐ = 0.35 eV, σ(25 °C) = 1e-3 S/m, 30 pF on a 1.2 mm
        // pellet with ⌀10 mm electrodes (as tests/conductivity.rs), exact data.
        let c = Circuit::parse("R0-p(R1,C1)").unwrap();
        let f: Vec<f64> = (0..71).map(|i| 10f64.powf(7.0 - i as f64 / 10.0)).collect();
        let g = Geometry::from_diameter(1.2e-3, 10e-3).unwrap();
        let temps = [298.15, 313.15, 328.15];
        let kb = 8.617_333_262e-5;
        let spectra: Vec<Spectrum> = temps
            .iter()
            .map(|&t: &f64| {
                let sigma = 1e-3 * 298.15 / t * (-0.35 / kb * (1.0 / t - 1.0 / 298.15)).exp();
                let r = g.thickness_m / (sigma * g.area_m2);
                Spectrum::new(f.clone(), c.spectrum(&[5.0, r, 30e-12], &f)).unwrap()
            })
            .collect();
        let opts = FitOptions::default();
        let points = conductivity_series(&c, &spectra, &temps, &g, &opts).unwrap();
        assert_eq!(points[1].fit.initial, points[0].fit.values());
        let fits = arrhenius_by_contribution(&points).unwrap();
        let bulk = fits.iter().find(|f| f.contribution == "bulk").unwrap();
        assert_eq!(bulk.temperatures_k, temps);
        let ea = bulk.fit.activation_energy_ev;
        assert!((ea - 0.35).abs() < 1e-5, "{:?}", bulk.fit);
        assert!(conductivity_series(&c, &spectra, &temps[..2], &g, &opts).is_err());
    }
}
