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
