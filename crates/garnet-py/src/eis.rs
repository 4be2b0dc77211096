//! `garnet.eis.fit`: equivalent-circuit fitting (`garnet eis fit`).

use std::collections::BTreeMap;

use garnet_eis::{
    fit, Circuit, Complex64, EisError, FitOption, FitOptions, FitResult, Spectrum, Weighting,
};
use pyo3::prelude::*;
use serde_json::json;

use crate::convert::to_py_stamped;
use crate::errors;

/// The fit as `garnet eis fit --json` prints it (less the file and its metadata), plus
/// `values` and `stderr`: the parameters by name.
fn fit_json(r: &FitResult) -> serde_json::Value {
    let values: BTreeMap<&str, f64> = r
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.value))
        .collect();
    let stderr: BTreeMap<&str, Option<f64>> = r
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.stderr))
        .collect();
    let mut v = r.to_json();
    if let Some(obj) = v.as_object_mut() {
        obj.insert("values".into(), json!(values));
        obj.insert("stderr".into(), json!(stderr));
    }
    v
}

/// A set-up error of garnet-eis as a `FitError` naming the argument it came from
/// (`bounds`, `fixed`, `starts`, `initial`), as the CLI names its flag.
fn setup_error(e: EisError, options: &FitOptions) -> PyErr {
    let argument = match options.option_of(&e) {
        Some(FitOption::Bounds(_)) => "bounds",
        Some(FitOption::Fixed(_)) => "fixed",
        Some(FitOption::Starts) => "starts",
        Some(FitOption::Initial) => "initial",
        None => return errors::eis(e),
    };
    errors::FitError::new_err(format!("{argument}: {e}"))
}

/// Fit `circuit` to the spectrum (frequencies in Hz, Z = re + j·im in Ω).
///
/// The Python wrapper `garnet.eis.fit` turns a complex array into `re`, `im`.
#[pyfunction]
#[pyo3(signature = (frequency_hz, re, im, circuit, initial=None, fixed=None, bounds=None,
    weighting="unit", starts=None, seed=None, max_iterations=None, fmin=None, fmax=None,
    capacitive_only=false))]
#[allow(clippy::too_many_arguments)]
pub fn eis_fit<'py>(
    py: Python<'py>,
    frequency_hz: Vec<f64>,
    re: Vec<f64>,
    im: Vec<f64>,
    circuit: &str,
    initial: Option<Vec<f64>>,
    fixed: Option<BTreeMap<String, f64>>,
    bounds: Option<BTreeMap<String, (f64, f64)>>,
    weighting: &str,
    starts: Option<usize>,
    seed: Option<u64>,
    max_iterations: Option<usize>,
    fmin: Option<f64>,
    fmax: Option<f64>,
    capacitive_only: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let circuit =
        Circuit::parse(circuit).map_err(|e| errors::FitError::new_err(format!("circuit: {e}")))?;
    if re.len() != frequency_hz.len() || im.len() != frequency_hz.len() {
        return Err(errors::FitError::new_err(format!(
            "z: {} impedances for {} frequencies",
            re.len(),
            frequency_hz.len()
        )));
    }
    let z: Vec<Complex64> = re
        .iter()
        .zip(&im)
        .map(|(&a, &b)| Complex64::new(a, b))
        .collect();
    let mut spectrum = Spectrum::new(frequency_hz, z).map_err(errors::eis)?;
    if fmin.is_some() || fmax.is_some() {
        spectrum = spectrum.band(fmin, fmax).map_err(errors::eis)?;
    }
    if capacitive_only {
        spectrum = spectrum.capacitive_only().map_err(errors::eis)?;
    }
    let defaults = FitOptions::default();
    let options = FitOptions {
        weighting: weighting.parse::<Weighting>().map_err(errors::eis)?,
        initial,
        fixed: fixed.unwrap_or_default().into_iter().collect(),
        bounds: bounds
            .unwrap_or_default()
            .into_iter()
            .map(|(n, (lo, hi))| (n, lo, hi))
            .collect(),
        starts: starts.unwrap_or(defaults.starts),
        seed: seed.unwrap_or(defaults.seed),
        max_iterations: max_iterations.unwrap_or(defaults.max_iterations),
        ..defaults
    };
    // The one check of the set-up (garnet-eis); the message gets the argument's name.
    options
        .validate(&circuit)
        .map_err(|e| setup_error(e, &options))?;
    let result = py
        .detach(|| fit(&circuit, &spectrum, &options))
        .map_err(errors::eis)?;
    let model_options = options.model_options(&circuit, fmin, fmax, capacitive_only);
    to_py_stamped(
        py,
        &fit_json(&result),
        "garnet.eis.fit",
        Some(model_options),
    )
}

/// The impedance of `circuit` with `params` (in parameter order, SI) at `frequency_hz`,
/// as (re, im) lists; `garnet.eis.impedance` returns a complex array.
#[pyfunction]
pub fn eis_impedance(
    circuit: &str,
    params: Vec<f64>,
    frequency_hz: Vec<f64>,
) -> PyResult<(Vec<f64>, Vec<f64>)> {
    let circuit =
        Circuit::parse(circuit).map_err(|e| errors::FitError::new_err(format!("circuit: {e}")))?;
    let names = circuit.parameter_names();
    if params.len() != names.len() {
        return Err(errors::FitError::new_err(format!(
            "params: {} has {} parameters ({}), {} given",
            circuit,
            names.len(),
            names.join(", "),
            params.len()
        )));
    }
    let z = circuit.spectrum(&params, &frequency_hz);
    Ok((
        z.iter().map(|c| c.re).collect(),
        z.iter().map(|c| c.im).collect(),
    ))
}

/// The parameter names of `circuit`, in order (e.g. `R0, R1, C1` for `R0-p(R1,C1)`).
#[pyfunction]
pub fn eis_parameter_names(circuit: &str) -> PyResult<Vec<String>> {
    Ok(Circuit::parse(circuit)
        .map_err(|e| errors::FitError::new_err(format!("circuit: {e}")))?
        .parameter_names())
}
