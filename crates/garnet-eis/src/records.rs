//! The results of the impedance commands as records: what `garnet eis fit | bench |
//! conductivity | arrhenius --json` print, field for field and in that order, so the
//! CLI (and any other front end) serialises them and builds nothing itself. The CLI
//! prints them through `serde_json::Value` (`serde_json::to_value`), whose objects
//! keep their keys sorted, as these outputs always have.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::batch::{Bench, ConductivityPoint, ContributionArrhenius};
use crate::conductivity::{ArrheniusFit, Conductivities, Geometry};
use crate::{Circuit, FitResult, Spectrum};

/// A fit of one spectrum with its origin: the fields of [`FitResult::to_json`], then
/// `file`, `fit_time_ms` and the spectrum's `metadata`.
pub fn fit_record(r: &FitResult, time_ms: f64, s: &Spectrum, file: &str) -> serde_json::Value {
    let mut v = r.to_json();
    if let Some(obj) = v.as_object_mut() {
        obj.insert("file".into(), serde_json::json!(file));
        obj.insert("fit_time_ms".into(), serde_json::json!(time_ms));
        obj.insert("metadata".into(), serde_json::json!(s.metadata));
    }
    v
}

/// The timing of a fit problem ([`crate::bench`]) with what was fitted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchRecord {
    /// The file (as given).
    pub file: String,
    /// The circuit.
    pub circuit: String,
    /// Points fitted.
    pub n_points: usize,
    /// Starts of each fit.
    pub starts: usize,
    /// Timed fits.
    pub repeat: usize,
    /// Median wall time (ms).
    pub median_ms: f64,
    /// Fastest (ms).
    pub min_ms: f64,
    /// Slowest (ms).
    pub max_ms: f64,
    /// χ² of the fit.
    pub chi2: f64,
    /// Iterations of the fit.
    pub iterations: usize,
    /// Model evaluations of the fit.
    pub evaluations: usize,
}

impl BenchRecord {
    /// The record of `bench` on `file`'s spectrum `s`, fitted with `starts` starts.
    pub fn new(file: &str, s: &Spectrum, starts: usize, bench: &Bench) -> Self {
        let fit = &bench.fit;
        Self {
            file: file.to_string(),
            circuit: fit.circuit.clone(),
            n_points: s.len(),
            starts,
            repeat: bench.repeat,
            median_ms: bench.median_ms,
            min_ms: bench.min_ms,
            max_ms: bench.max_ms,
            chi2: fit.chi2,
            iterations: fit.iterations,
            evaluations: fit.evaluations,
        }
    }
}

/// The conductivities of a pellet from one fitted spectrum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConductivityRecord<'a> {
    /// The fit ([`fit_record`]).
    pub fit: serde_json::Value,
    /// The pellet.
    pub geometry: &'a Geometry,
    /// Its conductivities.
    pub conductivity: &'a Conductivities,
}

/// One spectrum of an Arrhenius series: its file, temperature and conductivities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesFile<'a> {
    /// The file (as given).
    pub file: String,
    /// Temperature (K).
    pub temperature_k: f64,
    /// Conductivities at that temperature.
    pub conductivity: &'a Conductivities,
    /// The circuit fit at that temperature ([`FitResult::to_json`]).
    pub fit: serde_json::Value,
}

/// Activation energies of a temperature series: each file's conductivities and the
/// Arrhenius fit of each contribution found at two temperatures or more.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArrheniusRecord<'a> {
    /// The circuit fitted.
    pub circuit: String,
    /// The pellet.
    pub geometry: &'a Geometry,
    /// Each file in order.
    pub files: Vec<SeriesFile<'a>>,
    /// The fit of each contribution, by name (`bulk`, `grain_boundary`, `total`, and
    /// `grain_boundary_specific` when asked).
    pub contributions: BTreeMap<&'static str, ArrheniusFit>,
}

impl<'a> ArrheniusRecord<'a> {
    /// The record of a series fitted from `files` (one name per point, in order).
    pub fn new(
        circuit: &Circuit,
        geometry: &'a Geometry,
        files: &[String],
        points: &'a [ConductivityPoint],
        fits: &[ContributionArrhenius],
    ) -> Self {
        Self {
            circuit: circuit.to_string(),
            geometry,
            files: files
                .iter()
                .zip(points)
                .map(|(f, p)| SeriesFile {
                    file: f.clone(),
                    temperature_k: p.temperature_k,
                    conductivity: &p.conductivities,
                    fit: p.fit.to_json(),
                })
                .collect(),
            contributions: fits.iter().map(|c| (c.contribution, c.fit)).collect(),
        }
    }
}

/// The temperature of a spectrum read from a file: its metadata, else a temperature in
/// the file name's stem such as `-140deg` ([`crate::readers::temperature_from_name`]).
pub fn temperature_of(s: &Spectrum, file_stem: Option<&str>) -> Option<f64> {
    s.metadata
        .temperature_k
        .or_else(|| file_stem.and_then(crate::readers::temperature_from_name))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::batch::{arrhenius_by_contribution, conductivity_series};
    use crate::FitOptions;

    fn series() -> (Circuit, Vec<Spectrum>) {
        let c = Circuit::parse("R0-p(R1,C1)").unwrap();
        let f: Vec<f64> = (0..31).map(|i| 10f64.powf(6.0 - 0.2 * i as f64)).collect();
        let spectra = [100.0, 50.0]
            .iter()
            .map(|&r| Spectrum::new(f.clone(), c.spectrum(&[10.0, r, 1e-10], &f)).unwrap())
            .collect();
        (c, spectra)
    }

    #[test]
    fn records_carry_the_results_fields_in_print_order() {
        let (c, spectra) = series();
        let opts = FitOptions::default();
        let b = crate::bench(&c, &spectra[0], &opts, 2).unwrap();
        let r = BenchRecord::new("a.csv", &spectra[0], 1, &b);
        assert_eq!((r.n_points, r.repeat, r.chi2), (31, 2, b.fit.chi2));
        let fit = fit_record(&b.fit, 1.5, &spectra[0], "a.csv");
        assert_eq!(fit["file"], "a.csv");
        assert_eq!(fit["fit_time_ms"], 1.5);

        let g = Geometry::from_diameter(1e-3, 1e-2).unwrap();
        let points = conductivity_series(&c, &spectra, &[300.0, 350.0], &g, &opts).unwrap();
        let fits = arrhenius_by_contribution(&points).unwrap();
        let names = vec!["a".to_string(), "b".to_string()];
        let a = ArrheniusRecord::new(&c, &g, &names, &points, &fits);
        assert_eq!(a.files[1].file, "b");
        assert_eq!(a.files[1].temperature_k, 350.0);
        assert_eq!(a.contributions.len(), fits.len());
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(v["circuit"], "R0-p(R1,C1)");
    }

    #[test]
    fn the_temperature_comes_from_the_metadata_else_the_name() {
        let (_, mut spectra) = series();
        let s = &mut spectra[0];
        assert_eq!(temperature_of(s, Some("pellet")), None);
        assert!(temperature_of(s, Some("pellet-140deg")).is_some());
        s.metadata.temperature_k = Some(400.0);
        assert_eq!(temperature_of(s, Some("pellet-140deg")), Some(400.0));
    }
}
