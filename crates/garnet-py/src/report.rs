//! `garnet.report`: the report of a design, as `garnet report` computes it.

use std::path::PathBuf;

use garnet_report::{error_chain, ReportError};
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::design::design_of;
use crate::errors;
use crate::materials::load_db;

/// A report error as the matching Python exception, with the CLI's message.
fn error(e: ReportError) -> PyErr {
    match e {
        ReportError::Cell(c) => errors::cell(c),
        e @ ReportError::Discharge { .. } => errors::SimulationError::new_err(error_chain(&e)),
        e => errors::GarnetError::new_err(error_chain(&e)),
    }
}

/// The report of a design: a dict with the numbers of `garnet report --json` (the same
/// JSON, parsed), and, when `path` is given, the HTML page written there (atomically).
///
/// `design` is a `garnet.Design`, a path or TOML text (as for `garnet.simulate`);
/// `materials` merges a user materials file (as `--materials`).
#[pyfunction]
#[pyo3(signature = (design, path=None, *, materials=None))]
pub fn report<'py>(
    py: Python<'py>,
    design: &Bound<'py, PyAny>,
    path: Option<PathBuf>,
    materials: Option<PathBuf>,
) -> PyResult<Bound<'py, PyAny>> {
    let design = design_of(design)?;
    let db = load_db(materials.as_ref())?;
    let params = design.resolve(&db).map_err(errors::cell)?;
    let json = py
        .detach(|| -> Result<String, ReportError> {
            let data = garnet_report::compute(&design, &params, &db)?;
            if let Some(path) = &path {
                garnet_report::write_html(&data, path)?;
            }
            data.to_json()
        })
        .map_err(error)?;
    py.import("json")?
        .call_method1("loads", (PyString::new(py, &json),))
}
