//! Errors of the BPX layer.

use crate::expr::ExprError;

/// Everything that can go wrong reading or writing a BPX file. Paths are the JSON
/// keys from the root, joined by dots as BPX names them, e.g.
/// `Parameterisation.Positive electrode.Particle radius [m]`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BpxError {
    /// Not JSON at all.
    #[error("not valid JSON: {message}")]
    Json {
        /// The JSON parser's message, with line and column.
        message: String,
    },
    /// A required key is absent.
    #[error("{path}: missing")]
    Missing {
        /// Where it should be.
        path: String,
    },
    /// A value of the wrong JSON type.
    #[error("{path}: expected {expected}")]
    Type {
        /// Where.
        path: String,
        /// What was expected ("a number", "an object", …).
        expected: &'static str,
    },
    /// A value of the right type that is out of range or inconsistent.
    #[error("{path}: {message}")]
    Value {
        /// Where.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A BPX expression (a `Function` string) that does not parse or that garnet
    /// cannot evaluate.
    #[error("{path}: expression \"{expression}\": {error}")]
    Expression {
        /// Where.
        path: String,
        /// The expression.
        expression: String,
        /// What is wrong, with the character position.
        #[source]
        error: ExprError,
    },
    /// Valid BPX that garnet cannot use (e.g. a blended positive electrode).
    #[error("{path}: not supported: {message}")]
    Unsupported {
        /// Where.
        path: String,
        /// Why.
        message: String,
    },
    /// A garnet design that cannot be written as BPX.
    #[error("export: {field}: {message}")]
    Export {
        /// The design field.
        field: String,
        /// Why.
        message: String,
    },
}
