//! Reading material files (TOML) into typed records, with errors naming the file and
//! the field.

use std::collections::BTreeMap;

use garnet_chem::Formula;
use garnet_cite::{Citation, Provenance};
use garnet_units::{Dimension, Quantity, Unit};
use serde::Deserialize;

use crate::record::{ArrheniusForm, Kind, Material, PhaseTag, Property, Value};
use crate::MaterialsError;

/// A registered property: its display unit, dimension and meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyDef {
    /// Display unit, e.g. "S/cm".
    pub unit: String,
    /// Dimension every value must have.
    pub dimension: Dimension,
    /// What the property means.
    pub description: String,
}

/// The registry of property names (data/materials/properties.toml).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Registry {
    defs: BTreeMap<String, PropertyDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDef {
    unit: String,
    description: String,
}

impl Registry {
    /// Parse the registry file.
    pub fn parse(file: &str, text: &str) -> Result<Self, MaterialsError> {
        let raw: BTreeMap<String, RawDef> =
            toml::from_str(text).map_err(|e| MaterialsError::Parse {
                file: file.to_string(),
                message: e.to_string(),
            })?;
        let mut defs = BTreeMap::new();
        for (name, def) in raw {
            let unit = Unit::parse(&def.unit).map_err(|e| MaterialsError::Field {
                file: file.to_string(),
                field: format!("{name}.unit"),
                message: e.to_string(),
            })?;
            defs.insert(
                name,
                PropertyDef {
                    unit: def.unit,
                    dimension: unit.dimension,
                    description: def.description,
                },
            );
        }
        Ok(Self { defs })
    }

    /// The definition of a property.
    pub fn get(&self, name: &str) -> Option<&PropertyDef> {
        self.defs.get(name)
    }

    /// All property names.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.defs.keys().map(String::as_str)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    material: Vec<RawMaterial>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMaterial {
    name: String,
    formula: Option<String>,
    kind: String,
    #[serde(default)]
    aliases: Vec<String>,
    phase: Option<String>,
    conductivity_form: Option<String>,
    notes: Option<String>,
    #[serde(default)]
    properties: BTreeMap<String, RawProperty>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum NumOrText {
    Num(f64),
    Text(String),
}

impl NumOrText {
    fn text(&self) -> String {
        match self {
            NumOrText::Num(n) => format!("{n}"),
            NumOrText::Text(t) => t.clone(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProperty {
    value: Option<NumOrText>,
    min: Option<NumOrText>,
    max: Option<NumOrText>,
    temperature: Option<String>,
    source: Option<String>,
    locator: Option<String>,
    estimated: Option<String>,
    note: Option<String>,
}

/// Parse one material file into records, checking every field.
pub fn parse_materials(
    file: &str,
    text: &str,
    registry: &Registry,
) -> Result<Vec<Material>, MaterialsError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| MaterialsError::Parse {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    raw.material
        .into_iter()
        .map(|m| convert(file, m, registry))
        .collect()
}

fn field_err(file: &str, field: String, message: impl Into<String>) -> MaterialsError {
    MaterialsError::Field {
        file: file.to_string(),
        field,
        message: message.into(),
    }
}

fn convert(file: &str, raw: RawMaterial, registry: &Registry) -> Result<Material, MaterialsError> {
    let here = format!("material \"{}\"", raw.name);
    let kind = Kind::parse(&raw.kind).ok_or_else(|| {
        field_err(
            file,
            format!("{here}.kind"),
            format!(
                "'{}' is not a kind; expected one of {}",
                raw.kind,
                Kind::ALL.map(Kind::as_str).join(", ")
            ),
        )
    })?;
    let parsed_formula = match &raw.formula {
        Some(f) => Some(
            Formula::parse(f)
                .map_err(|e| field_err(file, format!("{here}.formula"), e.to_string()))?,
        ),
        None => None,
    };
    let phase = match raw.phase.as_deref() {
        None => None,
        Some("cubic") => Some(PhaseTag::Cubic),
        Some("tetragonal") => Some(PhaseTag::Tetragonal),
        Some("amorphous") => Some(PhaseTag::Amorphous),
        Some(other) => {
            return Err(field_err(
                file,
                format!("{here}.phase"),
                format!("'{other}' is not a phase; expected cubic, tetragonal or amorphous"),
            ))
        }
    };
    let conductivity_form = match raw.conductivity_form.as_deref() {
        None | Some("sigma-t") => ArrheniusForm::SigmaT,
        Some("sigma") => ArrheniusForm::Sigma,
        Some(other) => {
            return Err(field_err(
                file,
                format!("{here}.conductivity_form"),
                format!("'{other}' is not a form; expected sigma-t or sigma"),
            ))
        }
    };
    let mut properties = BTreeMap::new();
    for (name, p) in raw.properties {
        let def = registry
            .get(&name)
            .ok_or_else(|| MaterialsError::UnknownProperty {
                file: file.to_string(),
                material: raw.name.clone(),
                property: name.clone(),
                suggestion: garnet_units::suggest::closest_str(&name, registry.names()),
            })?;
        let path = format!("{here}.properties.{name}");
        properties.insert(name, convert_property(file, &path, p, def)?);
    }
    Ok(Material {
        name: raw.name,
        formula: raw.formula,
        parsed_formula,
        kind,
        aliases: raw.aliases,
        phase,
        conductivity_form,
        notes: raw.notes,
        properties,
        origin: file.to_string(),
    })
}

fn quantity(
    file: &str,
    field: &str,
    text: &str,
    dim: Dimension,
) -> Result<Quantity, MaterialsError> {
    Quantity::parse_as(field, text, dim).map_err(|source| MaterialsError::Unit {
        file: file.to_string(),
        source,
    })
}

fn convert_property(
    file: &str,
    path: &str,
    p: RawProperty,
    def: &PropertyDef,
) -> Result<Property, MaterialsError> {
    let value = match (&p.value, &p.min, &p.max) {
        (Some(v), None, None) => Value::Single(quantity(
            file,
            &format!("{path}.value"),
            &v.text(),
            def.dimension,
        )?),
        (None, Some(lo), Some(hi)) => {
            let min = quantity(file, &format!("{path}.min"), &lo.text(), def.dimension)?;
            let max = quantity(file, &format!("{path}.max"), &hi.text(), def.dimension)?;
            if min.value > max.value {
                return Err(field_err(file, path.to_string(), "min is greater than max"));
            }
            Value::Range { min, max }
        }
        _ => {
            return Err(field_err(
                file,
                path.to_string(),
                "give either `value`, or both `min` and `max`",
            ))
        }
    };
    let temperature = match &p.temperature {
        Some(t) => Some(quantity(
            file,
            &format!("{path}.temperature"),
            t,
            Dimension::TEMPERATURE,
        )?),
        None => None,
    };
    let provenance = match (p.source, p.estimated) {
        (Some(key), None) => Provenance::Cited(Citation {
            key,
            locator: p.locator,
        }),
        (None, Some(reason)) => Provenance::Estimated { reason },
        _ => {
            return Err(field_err(
                file,
                path.to_string(),
                "give exactly one of `source` (a citation key) or `estimated` (the reason)",
            ))
        }
    };
    let _ = p.note;
    Ok(Property {
        value,
        temperature,
        provenance,
        unit: def.unit.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REG: &str = "[density]\nunit = \"g/cm3\"\ndescription = \"d\"\n[ionic_conductivity]\nunit = \"S/cm\"\ndescription = \"s\"\n";

    fn reg() -> Registry {
        Registry::parse("properties.toml", REG).unwrap()
    }

    #[test]
    fn good_file_parses_to_si() {
        let text = r#"
[[material]]
name = "X"
formula = "Li3BO3"
kind = "interlayer"
[material.properties.density]
value = "2.1 g/cm3"
source = "kurian2024"
"#;
        let m = parse_materials("user.toml", text, &reg()).unwrap();
        assert_eq!(m.len(), 1);
        let x = &m[0];
        assert_eq!(x.name, "X");
        assert_eq!(x.formula.as_deref(), Some("Li3BO3"));
        assert!(x.parsed_formula.is_some());
        assert_eq!(x.kind, crate::Kind::Interlayer);
        assert_eq!(x.origin, "user.toml");
        assert_eq!(x.properties.len(), 1);
        assert!((x.si("density").unwrap() - 2100.0).abs() < 1e-9);
        let keys: Vec<&str> = x
            .property("density")
            .unwrap()
            .provenance
            .citations()
            .iter()
            .map(|c| c.key.as_str())
            .collect();
        assert_eq!(keys, ["kurian2024"]);
    }

    #[test]
    fn bad_input_names_file_and_field() {
        let cases = [
            ("kind = \"catode\"", "kind"),
            ("kind = \"cathode\"\n[material.properties.density]\nvalue = \"2 S/cm\"\nsource = \"k\"", "properties.density.value"),
            ("kind = \"cathode\"\n[material.properties.densty]\nvalue = \"2 g/cm3\"\nsource = \"k\"", "did you mean 'density'"),
            ("kind = \"cathode\"\n[material.properties.density]\nvalue = \"2 g/cm3\"", "exactly one of"),
            ("kind = \"cathode\"\n[material.properties.density]\nsource = \"k\"", "either `value`"),
        ];
        for (body, needle) in cases {
            let text = format!("[[material]]\nname = \"X\"\n{body}\n");
            let err = parse_materials("user.toml", &text, &reg())
                .unwrap_err()
                .to_string();
            assert!(err.contains("user.toml"), "{err}");
            assert!(err.contains(needle), "{needle}: {err}");
        }
        let err = parse_materials("user.toml", "[[material]]\nname = 3", &reg())
            .unwrap_err()
            .to_string();
        assert!(err.contains("line"), "{err}");
    }
}
