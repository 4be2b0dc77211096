//! Errors of unit and quantity parsing.

use crate::Dimension;

/// Everything that can go wrong turning a string into a quantity.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum UnitError {
    /// The text does not follow the grammar.
    #[error("in \"{input}\" at column {column}: expected {expected}")]
    Syntax {
        /// The text being parsed.
        input: String,
        /// 1-based character column of the problem.
        column: usize,
        /// What the parser expected there.
        expected: String,
    },
    /// A unit symbol the parser does not know.
    #[error(
        "in \"{input}\" at column {column}: unknown unit '{symbol}'{}",
        did_you_mean(suggestion)
    )]
    UnknownUnit {
        /// The text being parsed.
        input: String,
        /// 1-based character column of the symbol.
        column: usize,
        /// The unknown symbol.
        symbol: String,
        /// A close known symbol.
        suggestion: Option<String>,
    },
    /// The quantity parsed but has the wrong dimension for where it is used.
    #[error("field '{field}': expected {expected}, got \"{input}\" which is {found}")]
    WrongDimension {
        /// The field (dotted path or flag) the value was given for.
        field: String,
        /// The dimension the field needs.
        expected: Dimension,
        /// The dimension of what was given.
        found: Dimension,
        /// The text given.
        input: String,
    },
    /// A problem with a value given for a named field.
    #[error("field '{field}': {source}")]
    InField {
        /// The field (dotted path or flag) the value was given for.
        field: String,
        /// What was wrong.
        #[source]
        source: Box<UnitError>,
    },
    /// A range `A..B:N` that is malformed.
    #[error("in range \"{input}\": {reason} (expected A..B:N, e.g. 25degC..100degC:4)")]
    Range {
        /// The text being parsed.
        input: String,
        /// What is wrong.
        reason: String,
    },
}

fn did_you_mean(suggestion: &Option<String>) -> String {
    match suggestion {
        Some(s) => format!(" (did you mean '{s}'?)"),
        None => String::new(),
    }
}
