//! Errors of the sweep layer.
//!
//! The messages name what the library knows: a sweep field by its path, the number of
//! samples of a Latin hypercube. The command line and the Python bindings word them
//! with their own spelling (`--vary PATH`, `--samples`; `vary[PATH]`, `samples=`).

use garnet_cell::CellError;

/// What can go wrong defining a sweep, and why one design failed (running one design
/// never fails the sweep: a design that fails becomes a row with status `failed` and
/// the message of its [`SweepError::Edit`], [`SweepError::Resolve`],
/// [`SweepError::Discharge`], [`SweepError::ResistancePulse`] or [`SweepError::Panic`]).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SweepError {
    /// A `PATH=VALUES` specification without `=`, or with nothing on one side.
    #[error("sweep field '{spec}': expected PATH=VALUES, e.g. separator.thickness=20um..200um:10")]
    Spec {
        /// The text given.
        spec: String,
    },
    /// A field path that the design schema does not have.
    #[error("sweep field '{path}': no such design field{}", suggestion.as_ref().map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default())]
    UnknownPath {
        /// The path given.
        path: String,
        /// The closest known path.
        suggestion: Option<String>,
    },
    /// A field that is not a number or quantity (text, a switch).
    #[error(
        "sweep field '{path}': the field is {kind}, not a number or a quantity; it cannot be swept"
    )]
    NotNumeric {
        /// The path.
        path: String,
        /// What it is.
        kind: String,
    },
    /// Values that do not parse, or have the wrong dimension (the message names the
    /// path and the dimension wanted).
    #[error("sweep field '{path}': {message}")]
    Values {
        /// The path.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A range `A..B:` whose count N is missing or not a whole number.
    #[error("sweep field '{path}': {message}: write A..B:N for N evenly spaced values, or A..B for a Latin hypercube")]
    MissingCount {
        /// The path.
        path: String,
        /// The parser's message.
        message: String,
    },
    /// A bare range `A..B` in a full-factorial sweep (it only bounds a Latin hypercube).
    #[error("sweep field '{path}': a range A..B without :N only bounds a Latin hypercube; write A..B:N for N values in a full-factorial sweep")]
    RangeWithoutCount {
        /// The path.
        path: String,
    },
    /// A list of values in a Latin hypercube (which needs a range or one value).
    #[error("sweep field '{path}': a Latin hypercube needs a range A..B (or one fixed value), not a list")]
    ListInLatinHypercube {
        /// The path.
        path: String,
    },
    /// The same path varied twice.
    #[error("sweep field '{path}' is given twice")]
    Duplicate {
        /// The path.
        path: String,
    },
    /// A Latin hypercube of no samples.
    #[error("number of samples: must be at least 1")]
    NoSamples,
    /// A Latin hypercube of more samples than a plan may hold.
    #[error("number of samples {samples}: at most {max}")]
    TooManySamples {
        /// Samples asked for.
        samples: usize,
        /// The limit ([`crate::plan::MAX_POINTS`]).
        max: usize,
    },
    /// A full factorial of more designs than a plan may hold.
    #[error(
        "the full factorial has more than {max} designs; use fewer values or a Latin hypercube"
    )]
    TooManyDesigns {
        /// The limit ([`crate::plan::MAX_POINTS`]).
        max: usize,
    },
    /// A shard that does not exist.
    #[error("shard {shard} of {of}: expected 0 ≤ shard < of")]
    Shard {
        /// The shard asked for (0-based).
        shard: usize,
        /// The number of shards.
        of: usize,
    },
    /// A rate that is not a positive finite C-rate.
    #[error("rate {rate}C: expected a positive C-rate")]
    Rate {
        /// The rate given.
        rate: f64,
    },
    /// A point with a different number of values from the sweep's variations.
    #[error("the point has {values} values for {variations} variations")]
    PointSize {
        /// Values of the point.
        values: usize,
        /// Variations of the sweep.
        variations: usize,
    },
    /// A design: setting a varied value failed.
    #[error("{0}")]
    Edit(CellError),
    /// A design: resolving it into parameters failed (an impossible combination).
    #[error("{0}")]
    Resolve(CellError),
    /// A design: the constant-current discharge failed.
    #[error("{0}")]
    Discharge(CellError),
    /// A design: the §5.1 resistance pulse failed.
    #[error("resistance pulse: {0}")]
    ResistancePulse(CellError),
    /// A design: a panic deep in the numerics, caught (its message).
    #[error("internal error: {0}")]
    Panic(String),
    /// A table with ragged or duplicate columns, or tables that do not stack.
    #[error("table: {0}")]
    Table(String),
}
