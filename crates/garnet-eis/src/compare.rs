//! Measured against designed: one circuit fitted to two spectra at the same frequencies
//! (a measured spectrum and a design's simulated one), element by element.
//!
//! ```text
//! measured Spectrum ─┐
//!                    ├─ fit (same Circuit, same FitOptions) ─▶ two FitResults ─▶ [ParameterComparison]
//! simulated Spectrum ┘            (ratio = measured / simulated, per parameter)
//! ```
//!
//! The design is simulated by the caller (`garnet eis compare` calls
//! `garnet_cell::simulate_impedance` at the measured frequencies), so this crate needs
//! no cell model: it only checks that the two spectra share their frequencies and fits
//! them alike. A ratio far from 1 for, say, the grain-boundary R says that layer's
//! resistance differs between the cell and its design.

use serde::Serialize;

use crate::circuit::Circuit;
use crate::error::EisError;
use crate::fit::{fit, FitOptions, FitResult};
use crate::spectrum::Spectrum;

/// One parameter of the circuit in both fits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParameterComparison {
    /// impedance.py's name (`R1`, `CPE1_0`).
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Fitted to the measured spectrum.
    pub measured: f64,
    /// Its standard error.
    pub measured_stderr: Option<f64>,
    /// Fitted to the simulated spectrum.
    pub simulated: f64,
    /// Its standard error.
    pub simulated_stderr: Option<f64>,
    /// measured / simulated.
    pub ratio: f64,
}

/// The comparison of a measured and a simulated spectrum.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The fit to the measured spectrum.
    pub measured: FitResult,
    /// The fit to the simulated spectrum.
    pub simulated: FitResult,
    /// Each parameter side by side, in circuit order.
    pub parameters: Vec<ParameterComparison>,
}

/// Fit `circuit` to both spectra with the same options and put the parameters side by
/// side. The spectra must have the same frequencies (the simulated one computed at the
/// measured frequencies), to a relative 1e-9.
pub fn compare(
    circuit: &Circuit,
    measured: &Spectrum,
    simulated: &Spectrum,
    options: &FitOptions,
) -> Result<Comparison, EisError> {
    let (fm, fs) = (measured.frequency_hz(), simulated.frequency_hz());
    let same = fm.len() == fs.len()
        && fm
            .iter()
            .zip(fs)
            .all(|(a, b)| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()));
    if !same {
        return Err(EisError::Invalid {
            field: "simulated spectrum".to_string(),
            message: format!(
                "its {} frequencies are not the {} measured ones",
                fs.len(),
                fm.len()
            ),
        });
    }
    let m = fit(circuit, measured, options)?;
    let s = fit(circuit, simulated, options)?;
    let parameters = m
        .parameters
        .iter()
        .zip(&s.parameters)
        .map(|(a, b)| ParameterComparison {
            name: a.name.clone(),
            unit: a.unit.clone(),
            measured: a.value,
            measured_stderr: a.stderr,
            simulated: b.value,
            simulated_stderr: b.stderr,
            ratio: a.value / b.value,
        })
        .collect();
    Ok(Comparison {
        measured: m,
        simulated: s,
        parameters,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn spectrum(c: &Circuit, p: &[f64], f: &[f64]) -> Spectrum {
        Spectrum::new(f.to_vec(), c.spectrum(p, f)).unwrap()
    }

    #[test]
    fn a_doubled_grain_boundary_resistance_shows_as_a_ratio_of_two() {
        // Exact data: the fit recovers each spectrum's parameters, so the ratios are
        // the ratios of the true values (2 for R2, 1 elsewhere).
        let c = Circuit::parse("R0-p(R1,C1)-p(R2,C2)").unwrap();
        let f: Vec<f64> = (0..61).map(|i| 10f64.powf(7.0 - 0.1 * i as f64)).collect();
        let design = [10.0, 100.0, 1e-10, 400.0, 1e-7];
        let mut cell = design;
        cell[3] = 800.0;
        let opts = FitOptions {
            weighting: crate::Weighting::Proportional,
            initial: Some(design.to_vec()),
            ..FitOptions::default()
        };
        let r = compare(
            &c,
            &spectrum(&c, &cell, &f),
            &spectrum(&c, &design, &f),
            &opts,
        )
        .unwrap();
        let want = [1.0, 1.0, 1.0, 2.0, 1.0];
        for (p, w) in r.parameters.iter().zip(want) {
            assert!((p.ratio / w - 1.0).abs() < 1e-6, "{}: {}", p.name, p.ratio);
        }
        assert_eq!(r.parameters[3].name, "R2");
        // Another frequency grid is an error.
        let other = spectrum(&c, &design, &f[1..]);
        let e = compare(&c, &spectrum(&c, &cell, &f), &other, &opts).unwrap_err();
        assert!(e.to_string().contains("simulated spectrum"), "{e}");
    }
}
