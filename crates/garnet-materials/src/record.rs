//! Typed material records: a material, its properties, and each value's provenance.

use std::collections::BTreeMap;
use std::fmt;

use garnet_chem::Formula;
use garnet_cite::Provenance;
use garnet_units::Quantity;
use serde::Serialize;

/// What a material is for in a garnet cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A garnet solid electrolyte.
    Electrolyte,
    /// A cathode active material.
    Cathode,
    /// An artificial CEI (cathode-side interlayer) material.
    Interlayer,
    /// The anode (Li metal).
    Anode,
    /// A Li|garnet interlayer on the anode side (§4).
    AnodeInterlayer,
}

impl Kind {
    /// All kinds.
    pub const ALL: [Kind; 5] = [
        Kind::Electrolyte,
        Kind::Cathode,
        Kind::Interlayer,
        Kind::Anode,
        Kind::AnodeInterlayer,
    ];

    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Electrolyte => "electrolyte",
            Kind::Cathode => "cathode",
            Kind::Interlayer => "interlayer",
            Kind::Anode => "anode",
            Kind::AnodeInterlayer => "anode-interlayer",
        }
    }

    /// Parse the file/CLI name.
    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The structural phase recorded for an electrolyte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PhaseTag {
    /// Cubic garnet.
    Cubic,
    /// Tetragonal garnet.
    Tetragonal,
    /// Amorphous film.
    Amorphous,
}

/// How a source fitted the temperature dependence of the ionic conductivity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArrheniusForm {
    /// σ·T = A·exp(−Ea/(k_B·T)) — the usual form for ionic conductors (PRODUCT.md).
    #[default]
    SigmaT,
    /// σ = σ₀·exp(−Ea/(k_B·T)).
    Sigma,
}

/// A property's value: one number or a reported range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A single value.
    Single(Quantity),
    /// A range reported in the source.
    Range {
        /// Lower end.
        min: Quantity,
        /// Upper end.
        max: Quantity,
    },
}

impl Value {
    /// The value, or the middle of the range (the geometric mean where both ends are
    /// positive and span more than a factor of 3, as for conductivities).
    pub fn representative(&self) -> Quantity {
        match *self {
            Value::Single(q) => q,
            Value::Range { min, max } => {
                let v = if min.value > 0.0 && max.value > 3.0 * min.value {
                    (min.value * max.value).sqrt()
                } else {
                    0.5 * (min.value + max.value)
                };
                Quantity::new(v, min.dimension)
            }
        }
    }
}

/// One property value with its unit for display and its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// The value.
    pub value: Value,
    /// The temperature the value refers to, if stated.
    pub temperature: Option<Quantity>,
    /// Where it came from.
    pub provenance: Provenance,
    /// Display unit from the property registry.
    pub unit: String,
}

/// A material record.
#[derive(Debug, Clone, PartialEq)]
pub struct Material {
    /// Canonical name (alias or formula).
    pub name: String,
    /// Chemical formula as written in the data.
    pub formula: Option<String>,
    /// Parsed formula (for molar mass and capacity).
    pub parsed_formula: Option<Formula>,
    /// What it is.
    pub kind: Kind,
    /// Other names it is known by.
    pub aliases: Vec<String>,
    /// Structural phase, for electrolytes.
    pub phase: Option<PhaseTag>,
    /// Arrhenius form of the conductivity data.
    pub conductivity_form: ArrheniusForm,
    /// Free-text notes.
    pub notes: Option<String>,
    /// Property values by registered name.
    pub properties: BTreeMap<String, Property>,
    /// Which file it came from (embedded file name or user path).
    pub origin: String,
}

impl Material {
    /// A property by name.
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.get(name)
    }

    /// The representative SI value of a property.
    pub fn si(&self, name: &str) -> Option<f64> {
        self.property(name).map(|p| p.value.representative().value)
    }

    /// Every name this material answers to.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .chain(self.formula.as_deref())
    }
}
