//! Errors of the sweep layer.

/// What can go wrong defining a sweep (running one design never fails the sweep:
/// a design that fails becomes a row with status `failed`).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SweepError {
    /// A `--vary` specification without `=`, or with nothing on one side.
    #[error("--vary {spec}: expected PATH=VALUES, e.g. separator.thickness=20um..200um:10")]
    Spec {
        /// The text given.
        spec: String,
    },
    /// A field path that the design schema does not have.
    #[error("--vary {path}: no such design field{}", suggestion.as_ref().map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default())]
    UnknownPath {
        /// The path given.
        path: String,
        /// The closest known path.
        suggestion: Option<String>,
    },
    /// A field that is not a number or quantity (text, a switch).
    #[error("--vary {path}: the field is {kind}, not a number or a quantity; it cannot be swept")]
    NotNumeric {
        /// The path.
        path: String,
        /// What it is.
        kind: String,
    },
    /// Values that do not parse, or have the wrong dimension (the message names the
    /// path and the dimension wanted).
    #[error("--vary {path}: {message}")]
    Values {
        /// The path.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The same path varied twice.
    #[error("--vary {path} is given twice")]
    Duplicate {
        /// The path.
        path: String,
    },
    /// A plan that cannot be made (no samples, a Latin hypercube over a list…).
    #[error("{0}")]
    Plan(String),
    /// The base design does not parse, or the rate is not a positive number.
    #[error("{0}")]
    Design(String),
    /// A table with ragged or duplicate columns, or tables that do not stack.
    #[error("table: {0}")]
    Table(String),
}
