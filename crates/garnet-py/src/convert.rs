//! Conversions between Rust values and Python objects.

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::errors;

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
