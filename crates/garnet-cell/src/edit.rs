//! Editing a design by the dotted field paths of `docs/design.md`
//! (`separator.thickness`, `cathode.contact_fraction`, …): what sweeps and the Python
//! API use to make variants of one design.
//!
//! A [`Design`] keeps the TOML document as written, so an edited design still reads
//! like the original (units in strings) and can be saved again. Every edit is checked
//! three ways: the path must be a field of the schema (with a did-you-mean), the value
//! must have the field's kind and dimension, and the whole document must still parse.

use garnet_materials::MaterialDb;
use garnet_units::{Dimension, Quantity};

use crate::schema::{parse_design, DesignFile};
use crate::{resolve, CellError, CellParams};

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldKind {
    /// A quantity with units, written as a string (`"50 um"`); `unit` is the unit an
    /// SI value is written back in.
    Quantity {
        /// Dimension the value must have.
        dimension: Dimension,
        /// Unit used when a value is set from SI.
        unit: &'static str,
    },
    /// A plain number (fractions, exponents).
    Number,
    /// A whole number (mesh sizes, version).
    Integer,
    /// Text (names, material ids).
    Text,
    /// true/false.
    Bool,
}

/// One field of the design schema.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    /// Dotted path, e.g. `separator.thickness`.
    pub path: &'static str,
    /// What it holds.
    pub kind: FieldKind,
}

const fn q(path: &'static str, dimension: Dimension, unit: &'static str) -> Field {
    Field {
        path,
        kind: FieldKind::Quantity { dimension, unit },
    }
}

const fn f(path: &'static str, kind: FieldKind) -> Field {
    Field { path, kind }
}

const AREAL_CAPACITANCE: Dimension = Dimension::CAPACITANCE.mul(Dimension::AREA.inv());

use FieldKind::{Bool, Integer, Number, Text};

/// Every scalar field of the schema (`docs/design.md`). `cathode.ocv_table` and
/// `[reported]` are not editable by path.
const FIELDS: &[Field] = &[
    f("version", Integer),
    f("name", Text),
    f("description", Text),
    q("temperature", Dimension::TEMPERATURE, "degC"),
    q("area", Dimension::AREA, "cm2"),
    q("nominal_capacity", Dimension::CHARGE, "mAh"),
    q("voltage_min", Dimension::VOLTAGE, "V"),
    q("voltage_max", Dimension::VOLTAGE, "V"),
    f("initial_soc", Number),
    f("separator.material", Text),
    q("separator.thickness", Dimension::LENGTH, "um"),
    q("separator.conductivity", Dimension::CONDUCTIVITY, "S/m"),
    q("separator.carbonate_cathode_side", Dimension::LENGTH, "nm"),
    q("separator.carbonate_anode_side", Dimension::LENGTH, "nm"),
    f("separator.relative_density", Number),
    q("separator.density", Dimension::DENSITY, "g/cm3"),
    q("separator.grain_size", Dimension::LENGTH, "um"),
    q(
        "separator.grain_boundary_conductivity",
        Dimension::CONDUCTIVITY,
        "S/m",
    ),
    q(
        "separator.grain_boundary_activation_energy",
        Dimension::ENERGY,
        "eV",
    ),
    q(
        "separator.grain_boundary_thickness",
        Dimension::LENGTH,
        "nm",
    ),
    f("separator.relative_permittivity", Number),
    f("separator.carbonate_cathode_location", Text),
    q("separator.air_exposure", Dimension::TIME, "h"),
    f("separator.air_humidity", Number),
    f("separator.surface_treatment", Text),
    f("cathode.material", Text),
    q("cathode.thickness", Dimension::LENGTH, "um"),
    q("cathode.loading", Dimension::AREAL_MASS, "mg/cm2"),
    f("cathode.active_fraction", Number),
    f("cathode.electrolyte_fraction", Number),
    f("cathode.bruggeman", Number),
    f("cathode.electrolyte_material", Text),
    q(
        "cathode.electrolyte_conductivity",
        Dimension::CONDUCTIVITY,
        "S/m",
    ),
    q(
        "cathode.electronic_conductivity",
        Dimension::CONDUCTIVITY,
        "S/m",
    ),
    f("cathode.electronic_bruggeman", Number),
    q("cathode.particle_radius", Dimension::LENGTH, "um"),
    q("cathode.diffusivity", Dimension::DIFFUSIVITY, "m2/s"),
    q(
        "cathode.exchange_current_density",
        Dimension::CURRENT_DENSITY,
        "A/m2",
    ),
    q(
        "cathode.max_concentration",
        Dimension::CONCENTRATION,
        "mol/m3",
    ),
    q(
        "cathode.diffusivity_activation_energy",
        Dimension::ENERGY,
        "eV",
    ),
    q("cathode.kinetic_activation_energy", Dimension::ENERGY, "eV"),
    q(
        "cathode.double_layer_capacitance",
        AREAL_CAPACITANCE,
        "F/m2",
    ),
    f("cathode.initial_stoichiometry", Number),
    f("cathode.ocv", Text),
    q(
        "cathode.practical_capacity",
        Dimension::SPECIFIC_CAPACITY,
        "mAh/g",
    ),
    q("cathode.density", Dimension::DENSITY, "g/cm3"),
    f("cathode.structure", Text),
    f("cathode.contact_fraction", Number),
    f("cathode.interlayer", Text),
    q("cathode.interlayer_thickness", Dimension::LENGTH, "nm"),
    q(
        "cathode.interlayer_conductivity",
        Dimension::CONDUCTIVITY,
        "S/m",
    ),
    q("cathode.contact_spot_radius", Dimension::LENGTH, "um"),
    f("cathode.connected_fraction", Number),
    q(
        "cathode.electrolyte_particle_radius",
        Dimension::LENGTH,
        "um",
    ),
    f("cathode.kinetics", Text),
    f("cathode.carbon_fraction", Number),
    q(
        "cathode.electronic_activation_energy",
        Dimension::ENERGY,
        "eV",
    ),
    f("anode.material", Text),
    q(
        "anode.exchange_current_density",
        Dimension::CURRENT_DENSITY,
        "A/m2",
    ),
    q("anode.double_layer_capacitance", AREAL_CAPACITANCE, "F/m2"),
    f("anode.interlayer", Text),
    q(
        "anode.interface_resistance",
        Dimension::AREA_SPECIFIC_RESISTANCE,
        "ohm cm2",
    ),
    q("anode.thickness", Dimension::LENGTH, "um"),
    f("anode.excess", Number),
    q("anode.interlayer_thickness", Dimension::LENGTH, "nm"),
    f("anode.interface_model", Text),
    q("anode.interface_activation_energy", Dimension::ENERGY, "eV"),
    f("stack.cathode_current_collector", Text),
    q(
        "stack.cathode_current_collector_thickness",
        Dimension::LENGTH,
        "um",
    ),
    f("stack.anode_current_collector", Text),
    q(
        "stack.anode_current_collector_thickness",
        Dimension::LENGTH,
        "um",
    ),
    f("stack.bipolar", Bool),
    f("mesh.separator", Integer),
    f("mesh.cathode", Integer),
    f("mesh.particle", Integer),
    f("solver.rtol", Number),
    f("solver.atol", Number),
];

/// A unit error's message without the "field '…':" prefix (the caller's error names
/// the field already).
pub(crate) fn without_field(e: garnet_units::UnitError) -> String {
    match e {
        garnet_units::UnitError::WrongDimension {
            expected,
            found,
            input,
            ..
        } => format!("expected {expected}, got \"{input}\" which is {found}"),
        garnet_units::UnitError::InField { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

/// Every editable field of the design schema, by dotted path.
pub fn fields() -> &'static [Field] {
    FIELDS
}

/// The field at a dotted path, or an error with a did-you-mean.
pub fn field(path: &str) -> Result<&'static Field, CellError> {
    FIELDS.iter().find(|f| f.path == path).ok_or_else(|| {
        let names: Vec<String> = FIELDS.iter().map(|f| f.path.to_string()).collect();
        let hint = garnet_units::suggest::closest(path, &names)
            .map(|s| format!("; did you mean '{s}'?"))
            .unwrap_or_default();
        CellError::Field {
            file: "design".to_string(),
            field: path.to_string(),
            message: format!("not a design field{hint} (see docs/design.md)"),
        }
    })
}

/// A design as written, editable by dotted path.
#[derive(Debug, Clone)]
pub struct Design {
    label: String,
    doc: toml::Table,
    file: DesignFile,
}

impl Design {
    /// Parse a design's TOML text; `label` names it in errors (usually its path).
    pub fn from_toml(label: &str, text: &str) -> Result<Self, CellError> {
        let file = parse_design(label, text)?;
        let doc: toml::Table = toml::from_str(text).map_err(|e| CellError::Parse {
            file: label.to_string(),
            message: e.to_string(),
        })?;
        Ok(Self {
            label: label.to_string(),
            doc,
            file,
        })
    }

    /// The label errors use (usually the file path).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The parsed design.
    pub fn file(&self) -> &DesignFile {
        &self.file
    }

    /// The design as TOML text (comments of the original are not kept).
    pub fn to_toml_string(&self) -> String {
        // Serialising a table of strings, numbers and booleans cannot fail; fall
        // back to the Display form (same text) rather than panic.
        toml::to_string(&self.doc).unwrap_or_else(|_| self.doc.to_string())
    }

    /// The value at a dotted path, `None` when the design does not set it.
    pub fn get(&self, path: &str) -> Result<Option<toml::Value>, CellError> {
        field(path)?;
        let mut parts = path.split('.');
        let Some(first) = parts.next() else {
            return Ok(None);
        };
        let mut node = match self.doc.get(first) {
            Some(v) => v,
            None => return Ok(None),
        };
        for part in parts {
            node = match node.get(part) {
                Some(v) => v,
                None => return Ok(None),
            };
        }
        Ok(Some(node.clone()))
    }

    /// Set a field from text as a user types it: a quantity with units (`"50 um"`),
    /// a number, an integer, `true`/`false`, or a name.
    pub fn set_text(&mut self, path: &str, text: &str) -> Result<(), CellError> {
        let fld = field(path)?;
        let bad = |what: &str| CellError::Field {
            file: self.label.clone(),
            field: path.to_string(),
            message: format!("expected {what}, got '{text}'"),
        };
        let value = match fld.kind {
            FieldKind::Quantity { dimension, .. } => {
                Quantity::parse_as(path, text, dimension).map_err(|e| CellError::Field {
                    file: self.label.clone(),
                    field: path.to_string(),
                    message: without_field(e),
                })?;
                toml::Value::String(text.trim().to_string())
            }
            FieldKind::Number => {
                toml::Value::Float(text.trim().parse::<f64>().map_err(|_| bad("a number"))?)
            }
            FieldKind::Integer => toml::Value::Integer(
                text.trim()
                    .parse::<i64>()
                    .map_err(|_| bad("a whole number"))?,
            ),
            FieldKind::Bool => toml::Value::Boolean(
                text.trim()
                    .parse::<bool>()
                    .map_err(|_| bad("true or false"))?,
            ),
            FieldKind::Text => toml::Value::String(text.to_string()),
        };
        self.put(path, value)
    }

    /// Set a field from a number: a plain number or integer field takes it as is; a
    /// quantity field takes it as an SI value and stores it in the field's unit.
    pub fn set_number(&mut self, path: &str, value: f64) -> Result<(), CellError> {
        let fld = field(path)?;
        if !value.is_finite() {
            return Err(CellError::Field {
                file: self.label.clone(),
                field: path.to_string(),
                message: format!("expected a finite number, got {value}"),
            });
        }
        let v = match fld.kind {
            FieldKind::Quantity { dimension, unit } => {
                let v = Quantity::new(value, dimension)
                    .value_in(unit)
                    .ok_or_else(|| CellError::Field {
                        file: self.label.clone(),
                        field: path.to_string(),
                        message: format!("cannot express {value} (SI) in {unit}"),
                    })?;
                // 12 significant digits: SI → unit conversions leave float noise
                // (30e-6 m is 30.000000000000004 µm) that a design file should not show.
                let rounded: f64 = format!("{v:.11e}").parse().unwrap_or(v);
                toml::Value::String(format!("{rounded} {unit}"))
            }
            FieldKind::Number => toml::Value::Float(value),
            FieldKind::Integer if value.fract() == 0.0 && value.abs() < 9.0e15 => {
                toml::Value::Integer(value as i64)
            }
            FieldKind::Integer => {
                return Err(CellError::Field {
                    file: self.label.clone(),
                    field: path.to_string(),
                    message: format!("expected a whole number, got {value}"),
                })
            }
            FieldKind::Bool | FieldKind::Text => {
                return Err(CellError::Field {
                    file: self.label.clone(),
                    field: path.to_string(),
                    message: format!("is not numeric; got {value}"),
                })
            }
        };
        self.put(path, v)
    }

    /// Set a field to a TOML value (checked like [`Design::set_text`]).
    pub fn set_value(&mut self, path: &str, value: toml::Value) -> Result<(), CellError> {
        match value {
            toml::Value::String(s) => self.set_text(path, &s),
            toml::Value::Float(x) => self.set_number(path, x),
            toml::Value::Integer(i) => match field(path)?.kind {
                FieldKind::Integer => self.put(path, toml::Value::Integer(i)),
                _ => self.set_number(path, i as f64),
            },
            toml::Value::Boolean(b) => self.set_text(path, &b.to_string()),
            other => Err(CellError::Field {
                file: self.label.clone(),
                field: path.to_string(),
                message: format!("expected a string, number or boolean, got {other}"),
            }),
        }
    }

    /// Remove a field (back to its default or the knowledge base's value).
    pub fn unset(&mut self, path: &str) -> Result<(), CellError> {
        field(path)?;
        let mut doc = self.doc.clone();
        let (parent, key) = match path.rsplit_once('.') {
            Some((section, key)) => match doc.get_mut(section) {
                Some(toml::Value::Table(t)) => (t, key),
                _ => return Ok(()),
            },
            None => (&mut doc, path),
        };
        parent.remove(key);
        self.commit(doc)
    }

    /// Resolve into model parameters with the knowledge base.
    pub fn resolve(&self, db: &MaterialDb) -> Result<CellParams, CellError> {
        resolve(&self.label, &self.file, db)
    }

    fn put(&mut self, path: &str, value: toml::Value) -> Result<(), CellError> {
        let mut doc = self.doc.clone();
        match path.split_once('.') {
            Some((section, key)) => {
                let entry = doc
                    .entry(section.to_string())
                    .or_insert_with(|| toml::Value::Table(toml::Table::new()));
                match entry {
                    toml::Value::Table(t) => {
                        t.insert(key.to_string(), value);
                    }
                    _ => {
                        return Err(CellError::Field {
                            file: self.label.clone(),
                            field: section.to_string(),
                            message: "expected a table".to_string(),
                        })
                    }
                }
            }
            None => {
                doc.insert(path.to_string(), value);
            }
        }
        self.commit(doc)
    }

    fn commit(&mut self, doc: toml::Table) -> Result<(), CellError> {
        let file: DesignFile =
            toml::Value::Table(doc.clone())
                .try_into()
                .map_err(|e: toml::de::Error| CellError::Parse {
                    file: self.label.clone(),
                    message: e.to_string(),
                })?;
        self.doc = doc;
        self.file = file;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"
name = "t"
[separator]
material = "LLZTO"
thickness = "50 um"
[cathode]
material = "NMC532"
thickness = "40 um"
active_fraction = 0.5
electrolyte_fraction = 0.3
particle_radius = "5 um"
"#;

    #[test]
    fn set_quantity_from_text_and_si() {
        let mut d = Design::from_toml("t.toml", TEXT).unwrap();
        d.set_text("separator.thickness", "30 um").unwrap();
        assert_eq!(d.file().separator.thickness, "30 um");
        d.set_number("separator.thickness", 2.0e-5).unwrap();
        let q = Quantity::parse(&d.file().separator.thickness).unwrap();
        assert!((q.value - 2.0e-5).abs() < 1e-15);
        d.set_number("separator.thickness", 30e-6).unwrap();
        assert_eq!(d.file().separator.thickness, "30 um");
        d.set_number("temperature", 333.15).unwrap();
        let t = Quantity::parse(d.file().temperature.as_deref().unwrap()).unwrap();
        assert!((t.value - 333.15).abs() < 1e-9);
    }

    #[test]
    fn set_number_and_new_section() {
        let mut d = Design::from_toml("t.toml", TEXT).unwrap();
        d.set_number("cathode.contact_fraction", 0.4).unwrap();
        assert_eq!(d.file().cathode.contact_fraction, Some(0.4));
        d.set_number("mesh.cathode", 8.0).unwrap();
        assert_eq!(d.file().mesh.cathode, 8);
        d.set_text("stack.bipolar", "true").unwrap();
        assert_eq!(d.file().stack.bipolar, Some(true));
        assert_eq!(
            d.get("cathode.contact_fraction").unwrap(),
            Some(toml::Value::Float(0.4))
        );
        assert_eq!(d.get("anode.excess").unwrap(), None);
        let again = Design::from_toml("t2", &d.to_toml_string()).unwrap();
        assert_eq!(again.file().mesh.cathode, 8);
        d.unset("cathode.contact_fraction").unwrap();
        assert_eq!(d.file().cathode.contact_fraction, None);
    }

    #[test]
    fn errors_name_the_field() {
        let mut d = Design::from_toml("t.toml", TEXT).unwrap();
        let e = d.set_text("separator.thicknes", "3 um").unwrap_err();
        assert!(
            e.to_string().contains("did you mean 'separator.thickness'"),
            "{e}"
        );
        let e = d.set_text("separator.thickness", "3 S/cm").unwrap_err();
        assert_eq!(
            e.to_string().matches("separator.thickness").count(),
            1,
            "{e}"
        );
        let e = d.set_number("mesh.cathode", 2.5).unwrap_err();
        assert!(e.to_string().contains("whole number"), "{e}");
        let e = d.set_number("cathode.material", 1.0).unwrap_err();
        assert!(e.to_string().contains("cathode.material"), "{e}");
        // Resolving a unit of the wrong dimension names the field once, too.
        let bad = TEXT.replace("\"5 um\"", "\"5 S\"");
        let db = MaterialDb::embedded().unwrap();
        let e = Design::from_toml("t.toml", &bad)
            .unwrap()
            .resolve(&db)
            .unwrap_err();
        let text = e.to_string();
        assert_eq!(text.matches("cathode.particle_radius").count(), 1, "{text}");
        // the failed edits left the design unchanged
        assert_eq!(d.file().separator.thickness, "50 um");
    }

    /// One valid spelling of each option field (an enum in the schema).
    fn option_spelling(path: &str) -> Option<&'static str> {
        match path {
            "cathode.structure" => Some("thin-film"),
            "separator.carbonate_cathode_location" => Some("particles"),
            "separator.surface_treatment" => Some("polished"),
            "anode.interface_model" => Some("kinetic"),
            "cathode.kinetics" => Some("liquid"),
            _ => None,
        }
    }

    #[test]
    fn every_field_path_is_in_the_schema() {
        // Setting each field to a value of its kind must parse as a DesignFile
        // (deny_unknown_fields catches a path that the schema does not have).
        for fld in fields() {
            let mut d = Design::from_toml("t.toml", TEXT).unwrap();
            let r = match fld.kind {
                FieldKind::Quantity { dimension, .. } => {
                    let r = d.set_number(fld.path, 1.0);
                    if r.is_ok() {
                        match d.get(fld.path).unwrap() {
                            Some(toml::Value::String(s)) => {
                                assert_eq!(Quantity::parse(&s).unwrap().dimension, dimension)
                            }
                            other => panic!("{}: {other:?}", fld.path),
                        }
                    }
                    r
                }
                FieldKind::Number => d.set_number(fld.path, 0.5),
                FieldKind::Integer => d.set_number(fld.path, 3.0),
                FieldKind::Bool => d.set_text(fld.path, "false"),
                // An option field takes one of its spellings; other text anything.
                FieldKind::Text if option_spelling(fld.path).is_some() => {
                    d.set_text(fld.path, option_spelling(fld.path).unwrap_or_default())
                }
                FieldKind::Text if fld.path == "cathode.kinetics" => d.set_text(fld.path, "liquid"),
                FieldKind::Text => d.set_text(fld.path, "x"),
            };
            assert!(r.is_ok(), "{}: {r:?}", fld.path);
            // What was set is what the document now holds.
            let held = d.get(fld.path).unwrap();
            let want = match fld.kind {
                FieldKind::Quantity { .. } => held.clone().filter(|v| v.is_str()),
                FieldKind::Number => Some(toml::Value::Float(0.5)),
                FieldKind::Integer => Some(toml::Value::Integer(3)),
                FieldKind::Bool => Some(toml::Value::Boolean(false)),
                FieldKind::Text if option_spelling(fld.path).is_some() => Some(
                    toml::Value::String(option_spelling(fld.path).unwrap_or_default().into()),
                ),
                FieldKind::Text => Some(toml::Value::String("x".into())),
            };
            assert!(held.is_some() && held == want, "{}: {held:?}", fld.path);
        }
    }
}
