//! `garnet.simulate`: one run of a design, as `garnet simulate` computes it.

use std::path::PathBuf;

use garnet_cell::{Protocol, Run, Summary};
use garnet_units::{parse_values, Dimension};
use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::convert::to_py_stamped;
use crate::design::design_of;
use crate::errors;
use crate::materials::load_db;

/// One C-rate from `rate`: a number (C-rate) or text such as `"0.5C"`.
pub fn parse_rate(rate: &Bound<'_, PyAny>) -> PyResult<(String, f64)> {
    let value = if let Ok(s) = rate.cast::<PyString>() {
        let text = s.to_cow()?;
        let values = parse_values("rate", &text, Dimension::C_RATE).map_err(errors::unit)?;
        if values.len() != 1 {
            return Err(errors::UnitError::new_err(format!(
                "rate: '{text}' gives {} rates; simulate runs one (call it once per rate)",
                values.len()
            )));
        }
        values[0].value
    } else {
        rate.extract::<f64>().map_err(|_| {
            errors::UnitError::new_err("rate: expected a C-rate such as 1, 0.5 or \"0.5C\"")
        })?
    };
    if value > 0.0 && value.is_finite() {
        Ok((format!("{value}C"), value))
    } else {
        Err(errors::UnitError::new_err(format!(
            "rate: {value}C is not a positive rate"
        )))
    }
}

/// The protocol and its label (`1C`, or `protocol` for steps as in summary.json's `run`).
fn protocol_of(
    protocol: Option<&Bound<'_, PyAny>>,
    rate: Option<&Bound<'_, PyAny>>,
    cycles: usize,
) -> PyResult<(String, Protocol)> {
    match (protocol, rate) {
        (Some(_), Some(_)) => Err(errors::ProtocolError::new_err(
            "give either protocol (steps) or rate, not both",
        )),
        (Some(p), None) => {
            let steps: Vec<String> = if let Ok(s) = p.cast::<PyString>() {
                vec![s.to_cow()?.to_string()]
            } else {
                p.extract().map_err(|_| {
                    errors::ProtocolError::new_err(
                        "protocol: expected a list of steps such as [\"Discharge at 1C until 3.5 V\"]",
                    )
                })?
            };
            let refs: Vec<&str> = steps.iter().map(String::as_str).collect();
            let protocol = Protocol::from_strings(&refs, cycles).map_err(errors::cell)?;
            Ok(("protocol".to_string(), protocol))
        }
        (None, Some(r)) => {
            let (label, c) = parse_rate(r)?;
            Ok((label, Protocol::discharge(c)))
        }
        (None, None) => Ok(("1C".to_string(), Protocol::discharge(1.0))),
    }
}

/// The time series as columns (the CLI's timeseries.csv).
fn columns<'py>(py: Python<'py>, run: &Run) -> PyResult<Bound<'py, PyDict>> {
    let s = &run.samples;
    let col = |f: &dyn Fn(&garnet_cell::Sample) -> f64| -> Vec<f64> { s.iter().map(f).collect() };
    let d = PyDict::new(py);
    d.set_item("time_s", PyArray1::from_vec(py, col(&|x| x.time)))?;
    d.set_item(
        "voltage_v",
        PyArray1::from_vec(py, col(&|x| x.breakdown.voltage)),
    )?;
    d.set_item("current_a", PyArray1::from_vec(py, col(&|x| x.current)))?;
    d.set_item(
        "capacity_mah",
        PyArray1::from_vec(py, col(&|x| x.capacity_mah)),
    )?;
    d.set_item("soc", PyArray1::from_vec(py, col(&|x| x.soc)))?;
    d.set_item("ocv_v", PyArray1::from_vec(py, col(&|x| x.breakdown.ocv)))?;
    for (k, name) in garnet_cell::Breakdown::COLUMNS.iter().enumerate() {
        d.set_item(
            *name,
            PyArray1::from_vec(py, col(&|x| x.breakdown.terms()[k])),
        )?;
    }
    let steps: Vec<i64> = s.iter().map(|x| x.step as i64).collect();
    d.set_item("step", PyArray1::from_vec(py, steps))?;
    Ok(d)
}

/// Simulate a design: returns `(columns, summary, warnings)`, the columns a dict of
/// NumPy arrays named as the CLI's timeseries.csv, the summary a dict named as its
/// summary.json (with the §5.1 resistance breakdown and `run`).
#[pyfunction]
#[pyo3(signature = (design, protocol=None, rate=None, cycles=1, temperature=None,
    materials=None))]
#[allow(clippy::type_complexity)]
pub fn simulate<'py>(
    py: Python<'py>,
    design: &Bound<'py, PyAny>,
    protocol: Option<Bound<'py, PyAny>>,
    rate: Option<Bound<'py, PyAny>>,
    cycles: usize,
    temperature: Option<&str>,
    materials: Option<PathBuf>,
) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyAny>, Bound<'py, PyList>)> {
    let mut design = design_of(design)?;
    if let Some(t) = temperature {
        design.set_text("temperature", t).map_err(errors::cell)?;
    }
    if cycles == 0 {
        return Err(errors::ProtocolError::new_err("cycles must be at least 1"));
    }
    let (label, protocol) = protocol_of(protocol.as_ref(), rate.as_ref(), cycles)?;
    let db = load_db(materials.as_ref())?;
    let params = design.resolve(&db).map_err(errors::cell)?;
    let warnings = PyList::new(py, &params.warnings)?;
    let options = crate::convert::cell_options(&params)?;
    let (run, summary) = py
        .detach(|| -> Result<(Run, Summary), garnet_cell::CellError> {
            // The run and summary of `garnet simulate` (one function for both).
            let resistance = garnet_cell::resistance_breakdown(&params, None, 1.0)?;
            garnet_cell::summary::simulate_summarised(&params, &protocol, &resistance)
        })
        .map_err(errors::cell)?;
    let mut summary_json = serde_json::to_value(&summary).map_err(errors::json)?;
    if let Some(o) = summary_json.as_object_mut() {
        o.insert("run".into(), serde_json::Value::String(label));
    }
    let summary = to_py_stamped(py, &summary_json, "garnet.simulate", Some(options))?;
    Ok((columns(py, &run)?, summary, warnings))
}
