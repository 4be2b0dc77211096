//! What every layer resolver shares: the file name for errors, and the provenance and
//! warnings collected in the order the fields are resolved.

use garnet_cite::Provenance;
use garnet_materials::Material;
use garnet_units::{Dimension, Quantity};

use crate::CellError;

/// The resolution in progress: errors name `file` and the dotted field; provenance and
/// warnings accumulate in resolution order (the report lists them in that order).
pub(crate) struct Ctx<'a> {
    pub(crate) file: &'a str,
    pub(crate) prov: Vec<(String, Provenance)>,
    pub(crate) warnings: Vec<String>,
}

impl<'a> Ctx<'a> {
    /// A fresh context for design file `file`.
    pub(crate) fn new(file: &'a str) -> Self {
        Self {
            file,
            prov: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The error for a design field.
    pub(crate) fn err(&self, field: &str, message: impl Into<String>) -> CellError {
        CellError::Field {
            file: self.file.to_string(),
            field: field.to_string(),
            message: message.into(),
        }
    }

    /// A quantity string parsed in SI, of dimension `dim`.
    pub(crate) fn q(&self, field: &str, text: &str, dim: Dimension) -> Result<f64, CellError> {
        Quantity::parse_as(field, text, dim)
            .map(|q| q.value)
            .map_err(|e| self.err(field, crate::edit::without_field(e)))
    }

    /// A quantity given in the design (recorded as such), or `None`.
    pub(crate) fn given(
        &mut self,
        field: &str,
        text: &Option<String>,
        dim: Dimension,
    ) -> Result<Option<f64>, CellError> {
        match text {
            Some(t) => {
                let v = self.q(field, t, dim)?;
                self.prov.push((
                    field.to_string(),
                    Provenance::Estimated {
                        reason: "given in the design file".to_string(),
                    },
                ));
                Ok(Some(v))
            }
            None => Ok(None),
        }
    }

    /// `v` if finite and above 0.
    pub(crate) fn positive(&self, field: &str, v: f64) -> Result<f64, CellError> {
        if v.is_finite() && v > 0.0 {
            Ok(v)
        } else {
            Err(self.err(field, format!("must be positive, got {v}")))
        }
    }

    /// `v` if in [0, 1].
    pub(crate) fn fraction(&self, field: &str, v: f64) -> Result<f64, CellError> {
        if (0.0..=1.0).contains(&v) {
            Ok(v)
        } else {
            Err(self.err(field, format!("must be between 0 and 1, got {v}")))
        }
    }

    /// A design value, or the knowledge-base property, or an error.
    pub(crate) fn value_or_kb(
        &mut self,
        field: &str,
        text: &Option<String>,
        dim: Dimension,
        material: &Material,
        property: &str,
    ) -> Result<f64, CellError> {
        if let Some(v) = self.given(field, text, dim)? {
            return self.positive(field, v);
        }
        match material.property(property) {
            Some(p) => {
                self.prov.push((field.to_string(), p.provenance.clone()));
                self.positive(field, p.value.representative().value)
            }
            None => Err(self.err(
                field,
                format!("not given, and the knowledge base has no {property} for {}; set it in the design", material.name),
            )),
        }
    }

    /// An activation energy (J per particle): given in the design (an energy such as
    /// "0.3 eV", or per mole such as "30 kJ/mol", divided by N_A), else the knowledge
    /// base's, else 0.
    pub(crate) fn activation_energy(
        &mut self,
        field: &str,
        text: &Option<String>,
        material: &Material,
        property: &str,
    ) -> Result<f64, CellError> {
        let Some(t) = text else {
            return Ok(material.si(property).unwrap_or(0.0));
        };
        self.energy(field, t)
    }

    /// An activation energy given in the design (J per particle): an energy such as
    /// "0.3 eV", or per mole such as "30 kJ/mol" divided by N_A; not negative; recorded
    /// as given.
    pub(crate) fn energy(&mut self, field: &str, t: &str) -> Result<f64, CellError> {
        let molar = Dimension::ENERGY.mul(Dimension::AMOUNT.inv());
        let v = match Quantity::parse_as(field, t, Dimension::ENERGY) {
            Ok(q) => q.value,
            Err(e) => match Quantity::parse_as(field, t, molar) {
                Ok(q) => q.value / garnet_units::constants::AVOGADRO,
                Err(_) => return Err(self.err(field, crate::edit::without_field(e))),
            },
        };
        if !(v.is_finite() && v >= 0.0) {
            return Err(self.err(field, format!("must not be negative, got {t}")));
        }
        self.prov.push((
            field.to_string(),
            Provenance::Estimated {
                reason: "given in the design file".to_string(),
            },
        ));
        Ok(v)
    }
}

/// Helpers for the resolvers' unit tests: the embedded knowledge base and designs
/// from TOML snippets.
#[cfg(test)]
pub(crate) mod testing {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use garnet_materials::MaterialDb;

    use crate::schema::{parse_design, DesignFile};

    /// The embedded knowledge base.
    pub(crate) fn db() -> MaterialDb {
        MaterialDb::embedded().unwrap()
    }

    /// A complete composite design (NMC811 | LLZTO, 30 µm at 25 °C) with `extra`
    /// lines appended to the `[cathode]` table and `replace` pairs applied first.
    pub(crate) fn design(replace: &[(&str, &str)], extra: &str) -> DesignFile {
        let mut text = BASE.to_string();
        for (from, to) in replace {
            assert!(text.contains(from), "{from} not in the base design");
            text = text.replace(from, to);
        }
        text = text.replace("# cathode extra", extra);
        parse_design("test.toml", &text).expect("test design parses")
    }

    /// The field named by a resolution error.
    pub(crate) fn field_of(e: &crate::CellError) -> &str {
        match e {
            crate::CellError::Field { field, .. } => field,
            other => panic!("not a field error: {other}"),
        }
    }

    const BASE: &str = r#"
name = "unit"
temperature = "25 degC"
area = "1 cm2"

[separator]
material = "LLZTO"
thickness = "30 um"

[cathode]
material = "NMC811"
thickness = "50 um"
active_fraction = 0.6
electrolyte_fraction = 0.3
particle_radius = "2.5 um"
# cathode extra

[anode]
interface_resistance = "10 ohm cm2"
"#;
}
