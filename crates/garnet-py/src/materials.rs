//! `garnet.materials`: the knowledge base, as `garnet materials show NAME --json` prints it.

use std::path::PathBuf;

use garnet_materials::{Kind, MaterialDb};
use pyo3::prelude::*;

use crate::convert::to_py_stamped;
use crate::errors;

/// The embedded database, with a user's materials file merged in (as `--materials`).
pub fn load_db(materials: Option<&PathBuf>) -> PyResult<MaterialDb> {
    let mut db = MaterialDb::embedded().map_err(|e| {
        errors::MaterialError::new_err(format!("loading the embedded materials: {e}"))
    })?;
    if let Some(path) = materials {
        let text = std::fs::read_to_string(path).map_err(|e| {
            errors::MaterialError::new_err(format!(
                "reading materials file {}: {e}",
                path.display()
            ))
        })?;
        db.merge_user_file(&path.display().to_string(), &text)
            .map_err(errors::materials)?;
    }
    Ok(db)
}

/// The JSON object of `garnet materials show NAME --json`.
pub fn show_json(db: &MaterialDb, name: &str) -> PyResult<serde_json::Value> {
    let m = db.get(name).map_err(errors::materials)?;
    Ok(garnet_materials::json::material_json(m))
}

/// `garnet.materials.get(name, materials=None)`: one material with every property, its
/// unit and provenance (the fields of `garnet materials show NAME --json`).
#[pyfunction]
#[pyo3(signature = (name, materials=None))]
pub fn materials_get<'py>(
    py: Python<'py>,
    name: &str,
    materials: Option<PathBuf>,
) -> PyResult<Bound<'py, PyAny>> {
    let db = load_db(materials.as_ref())?;
    to_py_stamped(py, &show_json(&db, name)?, "garnet.materials.get", None)
}

/// `garnet.materials.names(kind=None)`: the canonical names of the known materials.
#[pyfunction]
#[pyo3(signature = (kind=None, materials=None))]
pub fn materials_names(kind: Option<&str>, materials: Option<PathBuf>) -> PyResult<Vec<String>> {
    let db = load_db(materials.as_ref())?;
    let kinds: Vec<Kind> = match kind {
        None => Kind::ALL.to_vec(),
        Some(k) => {
            let found: Vec<Kind> = Kind::ALL
                .iter()
                .copied()
                .filter(|c| c.to_string().eq_ignore_ascii_case(k.trim()))
                .collect();
            if found.is_empty() {
                let names: Vec<String> = Kind::ALL.iter().map(|c| c.to_string()).collect();
                return Err(errors::MaterialError::new_err(format!(
                    "kind: '{k}' is not one of {}",
                    names.join(", ")
                )));
            }
            found
        }
    };
    Ok(kinds
        .into_iter()
        .flat_map(|k| db.list(Some(k)).map(|m| m.name.clone()).collect::<Vec<_>>())
        .collect())
}
