//! Conversions between Rust values and Python objects.

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::errors;

/// [`to_py`] with the provenance stamp `generated_by` (garnet's version, the Python
/// function, and the model options where a model ran), as in every CLI output.
pub fn to_py_stamped<'py, T: serde::Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
    function: &str,
    model_options: Option<serde_json::Value>,
) -> PyResult<Bound<'py, PyAny>> {
    let stamp = garnet_io::stamp::generated_by(function, model_options);
    to_py(py, &garnet_io::stamp::Stamped::new(value, &stamp))
}

/// The model options of a cell simulation (mesh, solver, structure) as JSON.
pub fn cell_options(params: &garnet_cell::CellParams) -> PyResult<serde_json::Value> {
    serde_json::to_value(garnet_cell::ModelOptions::of(params)).map_err(errors::json)
}

/// A serialisable value as plain Python objects (dicts, lists, str, float, int, bool,
/// None), through its JSON text: the same field names as the CLI's `--json` output.
pub fn to_py<'py, T: serde::Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(errors::json)?;
    py.import("json")?
        .call_method1("loads", (PyString::new(py, &text),))
}
