//! `garnet.Design`: a design file editable by the dotted paths of `docs/design.md`.

use std::path::PathBuf;

use garnet_cell::edit::{fields, FieldKind};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyString, PyTuple};

use crate::errors;

/// A cell design (the TOML of `docs/design.md`), editable by dotted field path.
///
/// ```python
/// d = garnet.Design.from_toml("examples/designs/kurian2024-lco.toml")
/// d["separator.thickness"] = "30 um"     # a quantity with its unit
/// d["cathode.contact_fraction"] = 0.5    # a plain number (or a quantity in SI)
/// d.get("separator.thickness")           # '30 um'
/// ```
#[pyclass(name = "Design", module = "garnet", from_py_object)]
#[derive(Clone)]
pub struct PyDesign {
    /// The design.
    pub inner: garnet_cell::Design,
}

/// The text of a design given as a path or as TOML text, with the label errors use.
fn read_design(obj: &Bound<'_, PyAny>) -> PyResult<(String, String)> {
    if let Ok(text) = obj.cast::<PyString>() {
        let text = text.to_cow()?;
        let path = std::path::Path::new(text.as_ref());
        if !text.contains('\n') && !text.contains('=') || path.is_file() {
            let text_of = std::fs::read_to_string(path)
                .map_err(|e| errors::DesignError::new_err(format!("reading design {text}: {e}")))?;
            return Ok((text.to_string(), text_of));
        }
        return Ok(("design".to_string(), text.to_string()));
    }
    let path: PathBuf = obj.extract().map_err(|_| {
        PyTypeError::new_err("design: expected a garnet.Design, a path or TOML text")
    })?;
    let label = path.display().to_string();
    let text = std::fs::read_to_string(&path)
        .map_err(|e| errors::DesignError::new_err(format!("reading design {label}: {e}")))?;
    Ok((label, text))
}

/// A design from a `garnet.Design`, a path (str or `os.PathLike`) or TOML text.
pub fn design_of(obj: &Bound<'_, PyAny>) -> PyResult<garnet_cell::Design> {
    if let Ok(d) = obj.cast::<PyDesign>() {
        return Ok(d.borrow().inner.clone());
    }
    let (label, text) = read_design(obj)?;
    garnet_cell::Design::from_toml(&label, &text).map_err(errors::cell)
}

/// A TOML value as a Python object (strings, numbers, booleans; tables and arrays as
/// dicts and lists through their JSON form).
fn toml_to_py<'py>(py: Python<'py>, v: &toml::Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        toml::Value::String(s) => PyString::new(py, s).into_any(),
        toml::Value::Integer(i) => i.into_pyobject(py)?.into_any(),
        toml::Value::Float(x) => PyFloat::new(py, *x).into_any(),
        toml::Value::Boolean(b) => PyBool::new(py, *b).to_owned().into_any(),
        other => crate::convert::to_py(py, other)?,
    })
}

fn kind_name(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Quantity { .. } => "quantity",
        FieldKind::Number => "number",
        FieldKind::Integer => "integer",
        FieldKind::Text => "text",
        FieldKind::Bool => "bool",
    }
}

#[pymethods]
impl PyDesign {
    /// A design from a path (str or `os.PathLike`) or from TOML text (a string with a
    /// newline or an `=` that names no file).
    #[staticmethod]
    fn from_toml(path_or_text: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self {
            inner: design_of(path_or_text)?,
        })
    }

    /// A design from TOML text; `label` names it in error messages.
    #[staticmethod]
    #[pyo3(signature = (text, label="design"))]
    fn from_text(text: &str, label: &str) -> PyResult<Self> {
        Ok(Self {
            inner: garnet_cell::Design::from_toml(label, text).map_err(errors::cell)?,
        })
    }

    /// The label errors use (the path it was read from, or `design`).
    #[getter]
    fn label(&self) -> String {
        self.inner.label().to_string()
    }

    /// The design's `name`.
    #[getter]
    fn name(&self) -> Option<String> {
        self.inner.file().name.clone()
    }

    /// The value at a dotted path as written (`'50 um'`, `0.5`), `default` when the
    /// design does not set it (the model then uses its default or the knowledge base).
    #[pyo3(signature = (path, default=None))]
    fn get<'py>(
        &self,
        py: Python<'py>,
        path: &str,
        default: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self.inner.get(path).map_err(errors::cell)? {
            Some(v) => Ok(Some(toml_to_py(py, &v)?)),
            None => Ok(default),
        }
    }

    fn __getitem__<'py>(&self, py: Python<'py>, path: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.get(py, path, None)
    }

    /// Set a field: a string is parsed as typed (`"30 um"`, `"LLZTO"`, `"true"`); a
    /// float is a plain number, or a quantity's SI value; an int an integer; a bool a
    /// boolean. The unit's dimension, the field and the whole design are checked.
    fn set(&mut self, path: &str, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let result = if let Ok(b) = value.cast::<PyBool>() {
            self.inner
                .set_value(path, toml::Value::Boolean(b.is_true()))
        } else if let Ok(i) = value.cast::<PyInt>() {
            self.inner
                .set_value(path, toml::Value::Integer(i.extract::<i64>()?))
        } else if let Ok(s) = value.cast::<PyString>() {
            self.inner.set_text(path, &s.to_cow()?)
        } else if let Ok(x) = value.extract::<f64>() {
            self.inner.set_number(path, x)
        } else {
            return Err(errors::DesignError::new_err(format!(
                "{}: field '{path}': expected a string, number or boolean, got {}",
                self.inner.label(),
                value.get_type().name()?
            )));
        };
        result.map_err(errors::cell)
    }

    fn __setitem__(&mut self, path: &str, value: &Bound<'_, PyAny>) -> PyResult<()> {
        self.set(path, value)
    }

    /// Remove a field (back to its default or the knowledge base's value).
    fn unset(&mut self, path: &str) -> PyResult<()> {
        self.inner.unset(path).map_err(errors::cell)
    }

    fn __delitem__(&mut self, path: &str) -> PyResult<()> {
        self.unset(path)
    }

    fn __contains__(&self, path: &str) -> PyResult<bool> {
        Ok(self.inner.get(path).map_err(errors::cell)?.is_some())
    }

    /// The design as TOML text (comments of the original are not kept).
    fn to_toml(&self) -> String {
        self.inner.to_toml_string()
    }

    /// Every editable field: a list of dicts with `path`, `kind` (`quantity`, `number`,
    /// `integer`, `text`, `bool`) and, for quantities, `unit` (the unit SI values are
    /// written back in).
    #[staticmethod]
    fn fields<'py>(py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        fields()
            .iter()
            .map(|f| {
                let d = PyDict::new(py);
                d.set_item("path", f.path)?;
                d.set_item("kind", kind_name(f.kind))?;
                if let FieldKind::Quantity { unit, .. } = f.kind {
                    d.set_item("unit", unit)?;
                }
                Ok(d)
            })
            .collect()
    }

    /// A copy to edit without changing this one.
    fn copy(&self) -> Self {
        self.clone()
    }

    fn __copy__(&self) -> Self {
        self.clone()
    }

    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.clone()
    }

    /// Pickled as its TOML text and label (for multiprocessing and Dask).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let ctor = slf.get_type().getattr("from_text")?;
        let d = slf.borrow();
        let args = PyTuple::new(py, [d.inner.to_toml_string(), d.inner.label().to_string()])?;
        PyTuple::new(py, [ctor, args.into_any()])
    }

    fn __repr__(&self) -> String {
        format!(
            "garnet.Design(name={:?}, label={:?})",
            self.inner.file().name,
            self.inner.label()
        )
    }
}
