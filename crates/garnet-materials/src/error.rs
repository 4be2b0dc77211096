//! Errors of the materials layer.

use garnet_units::UnitError;

/// Everything that can go wrong reading or querying materials.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MaterialsError {
    /// A file that is not valid TOML or does not follow the schema.
    #[error("{file}: {message}")]
    Parse {
        /// File name.
        file: String,
        /// Parser message (with line and column where the parser gives them).
        message: String,
    },
    /// A value that is wrong for its field.
    #[error("{file}: {field}: {message}")]
    Field {
        /// File name.
        file: String,
        /// Dotted field path, e.g. `material "LLZTO".properties.density.value`.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// A unit or dimension error in a field.
    #[error("{file}: {source}")]
    Unit {
        /// File name.
        file: String,
        /// The unit error (names the field).
        #[source]
        source: UnitError,
    },
    /// A property name not in the registry.
    #[error("{file}: material \"{material}\": unknown property '{property}'{}", suggestion.as_ref().map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default())]
    UnknownProperty {
        /// File name.
        file: String,
        /// Material name.
        material: String,
        /// The unknown property.
        property: String,
        /// A close registered name.
        suggestion: Option<String>,
    },
    /// A material name or formula garnet does not know.
    #[error("unknown material '{name}'{}", suggestion.as_ref().map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default())]
    UnknownMaterial {
        /// What was asked for.
        name: String,
        /// A close known name.
        suggestion: Option<String>,
    },
    /// A tabulated OCV curve that is not usable.
    #[error("{array}: {message}")]
    OcvTable {
        /// Which array is wrong: `stoichiometry` or `voltage`.
        array: &'static str,
        /// What is wrong, with the index.
        message: String,
    },
    /// A material lacks what a calculation needs.
    #[error("material '{material}' has no {what}")]
    Missing {
        /// Material name.
        material: String,
        /// What is missing.
        what: String,
    },
}
