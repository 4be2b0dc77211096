//! The JSON form of a material record, shared by `garnet materials show --json` and the
//! Python `garnet.materials.get`: every property under its name with the display unit as
//! a suffix (`ionic_conductivity_s_per_cm`), ranges as `_min`/`_max`, the unit, the
//! temperature in °C and the provenance.

use garnet_units::{constants::ZERO_CELSIUS, Quantity};
use serde_json::{json, Map};

use crate::physics::theoretical_capacity;
use crate::{Kind, Material, Value};

/// A property value in its display unit (SI when the unit does not parse).
pub fn in_unit(q: Quantity, unit: &str) -> f64 {
    q.value_in(unit).unwrap_or(q.value)
}

/// JSON field name for a property: its name plus its unit as a suffix.
pub fn json_field(name: &str, unit: &str) -> String {
    let suffix = unit_suffix(unit);
    if suffix.is_empty() {
        name.to_string()
    } else {
        format!("{name}_{suffix}")
    }
}

/// `S/cm` → `s_per_cm`, `ohm cm2` → `ohm_cm2`, `MPa m^0.5` → `mpa_m_0_5`, `1` → ``.
pub fn unit_suffix(unit: &str) -> String {
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

/// The record as JSON (see the module doc).
pub fn material_json(m: &Material) -> serde_json::Value {
    let capacity = theoretical_capacity(m)
        .ok()
        .filter(|_| matches!(m.kind, Kind::Cathode | Kind::Anode));
    let molar_mass = m.parsed_formula.as_ref().map(|f| f.molar_mass_g_per_mol());
    let prov = |p| serde_json::to_value(p).unwrap_or(serde_json::Value::Null);
    let mut obj = Map::new();
    obj.insert("name".into(), json!(m.name));
    obj.insert("formula".into(), json!(m.formula));
    obj.insert("kind".into(), json!(m.kind));
    obj.insert("aliases".into(), json!(m.aliases));
    obj.insert("phase".into(), json!(m.phase));
    obj.insert("conductivity_form".into(), json!(m.conductivity_form));
    obj.insert("notes".into(), json!(m.notes));
    obj.insert("molar_mass_g_per_mol".into(), json!(molar_mass));
    if let Some((q, p)) = &capacity {
        obj.insert("theoretical_capacity_mah_per_g".into(), json!(q / 3600.0));
        obj.insert("theoretical_capacity_source".into(), prov(p));
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
        entry.insert("provenance".into(), prov(&p.provenance));
        props.insert(pname.clone(), serde_json::Value::Object(entry));
    }
    obj.insert("properties".into(), serde_json::Value::Object(props));
    serde_json::Value::Object(obj)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_and_llzo_record() {
        assert_eq!(
            json_field("ionic_conductivity", "S/cm"),
            "ionic_conductivity_s_per_cm"
        );
        assert_eq!(
            json_field("fracture_toughness", "MPa m^0.5"),
            "fracture_toughness_mpa_m_0_5"
        );
        assert_eq!(json_field("poisson_ratio", "1"), "poisson_ratio");
        let db = crate::MaterialDb::embedded().unwrap();
        let v = material_json(db.get("LLZO").unwrap());
        let a = &v["properties"]["lattice_parameter_a"];
        assert_eq!(a["unit"], "angstrom");
        assert!((a["lattice_parameter_a_angstrom"].as_f64().unwrap() - 12.9727).abs() < 1e-9);
        assert_eq!(a["provenance"]["key"], "buschmann2011");
        let lco = material_json(db.get("LiCoO2").unwrap());
        let q = lco["theoretical_capacity_mah_per_g"].as_f64().unwrap();
        assert!((q - 273.8).abs() < 0.1, "{q}");
    }
}
