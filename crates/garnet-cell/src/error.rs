//! Errors of the cell layer.

use garnet_solve::SolveError;

/// Everything that can go wrong building or simulating a cell.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CellError {
    /// A design file that does not parse (line and column from the TOML parser).
    #[error("{file}: {message}")]
    Parse {
        /// File name.
        file: String,
        /// Parser message.
        message: String,
    },
    /// A design field with a bad value.
    #[error("{file}: field '{field}': {message}")]
    Field {
        /// File name.
        file: String,
        /// Dotted field path, e.g. `cathode.active_fraction`.
        field: String,
        /// What is wrong and what was expected.
        message: String,
    },
    /// A name that is not one of a field's options (e.g. `cathode.structure`).
    #[error(
        "{field}: '{value}' is not {what}; expected {}{}",
        .known.join(" or "),
        .suggestion.as_ref().map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default()
    )]
    UnknownOption {
        /// Dotted field path.
        field: String,
        /// What the file says.
        value: String,
        /// What the field names, e.g. "a cathode structure".
        what: &'static str,
        /// The spellings accepted.
        known: Vec<&'static str>,
        /// The closest of them, if one is close.
        suggestion: Option<String>,
    },
    /// A state of charge outside [0, 1] (the resistance pulse, the impedance spectrum).
    #[error("state of charge {value}: expected a value between 0 and 1")]
    StateOfCharge {
        /// The value given.
        value: f64,
    },
    /// A count that must be at least 1 was 0.
    #[error("{what}: must be at least 1")]
    ZeroCount {
        /// What was counted.
        what: &'static str,
    },
    /// A protocol step that does not parse.
    #[error("protocol step {index} \"{text}\": {message}")]
    Protocol {
        /// 1-based step number.
        index: usize,
        /// The step text.
        text: String,
        /// What is wrong.
        message: String,
    },
    /// The solver failed.
    #[error("solver failed in protocol step {step} (\"{description}\"): {source}")]
    Solver {
        /// 1-based step number.
        step: usize,
        /// The step.
        description: String,
        /// Why.
        #[source]
        source: SolveError,
    },
}
