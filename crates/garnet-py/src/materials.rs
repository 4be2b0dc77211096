//! `garnet.materials`: the knowledge base, as `garnet materials show NAME --json` prints it.

use std::path::PathBuf;

use garnet_materials::physics::theoretical_capacity;
use garnet_materials::{Kind, MaterialDb, Value};
use garnet_units::{constants::ZERO_CELSIUS, Quantity};
use pyo3::prelude::*;
use serde_json::{json, Map};

use crate::convert::to_py;
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

/// A property value in the unit of its registry entry.
fn in_unit(q: Quantity, unit: &str) -> f64 {
    q.value_in(unit).unwrap_or(q.value)
}

/// JSON field name for a property: its name plus its unit as a suffix (as the CLI).
fn json_field(name: &str, unit: &str) -> String {
    let suffix = unit_suffix(unit);
    if suffix.is_empty() {
        name.to_string()
    } else {
        format!("{name}_{suffix}")
    }
}

/// `S/cm` → `s_per_cm`, `ohm cm2` → `ohm_cm2`, `MPa m^0.5` → `mpa_m0_5`, `1` → ``.
fn unit_suffix(unit: &str) -> String {
    match unit.trim() {
        "1" | "" => String::new(),
        "%" => "pct".to_string(),
        "degC" => "c".to_string(),
        u => {
            let s = u
                .replace(" / ", "/")
                .replace('/', "_per_")
                .replace([' ', '^'], "_")
                .replace('.', "_")
                .to_lowercase();
            s.replace("__", "_")
        }
    }
}

/// The JSON object of `garnet materials show NAME --json`.
pub fn show_json(db: &MaterialDb, name: &str) -> PyResult<serde_json::Value> {
    let m = db.get(name).map_err(errors::materials)?;
    let capacity = theoretical_capacity(m)
        .ok()
        .filter(|_| matches!(m.kind, Kind::Cathode | Kind::Anode));
    let molar_mass = m.parsed_formula.as_ref().map(|f| f.molar_mass_g_per_mol());
    let mut obj = Map::new();
    obj.insert("name".into(), json!(m.name));
    obj.insert("formula".into(), json!(m.formula));
    obj.insert("kind".into(), json!(m.kind));
    obj.insert("aliases".into(), json!(m.aliases));
    obj.insert("phase".into(), json!(m.phase));
    obj.insert("conductivity_form".into(), json!(m.conductivity_form));
    obj.insert("notes".into(), json!(m.notes));
    obj.insert("molar_mass_g_per_mol".into(), json!(molar_mass));
    if let Some((q, prov)) = &capacity {
        obj.insert("theoretical_capacity_mah_per_g".into(), json!(q / 3600.0));
        obj.insert(
            "theoretical_capacity_source".into(),
            serde_json::to_value(prov).map_err(errors::json)?,
        );
    }
    let mut props = Map::new();
    for (pname, p) in &m.properties {
        let mut entry = Map::new();
        let field = json_field(pname, &p.unit);
        match p.value {
            Value::Single(q) => {
                entry.insert(field.clone(), json!(in_unit(q, &p.unit)));
            }
            Value::Range { min, max } => {
                entry.insert(format!("{field}_min"), json!(in_unit(min, &p.unit)));
                entry.insert(format!("{field}_max"), json!(in_unit(max, &p.unit)));
            }
        }
        entry.insert("unit".into(), json!(p.unit));
        if let Some(t) = p.temperature {
            entry.insert("temperature_c".into(), json!(t.value - ZERO_CELSIUS));
        }
        entry.insert(
            "provenance".into(),
            serde_json::to_value(&p.provenance).map_err(errors::json)?,
        );
        props.insert(pname.clone(), serde_json::Value::Object(entry));
    }
    obj.insert("properties".into(), serde_json::Value::Object(props));
    Ok(serde_json::Value::Object(obj))
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
    to_py(py, &show_json(&db, name)?)
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
