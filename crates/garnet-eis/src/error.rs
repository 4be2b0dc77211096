//! The one error type of `garnet-eis`.

use std::fmt;

/// Everything that can go wrong in the impedance toolkit.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EisError {
    /// A circuit string does not follow the grammar.
    #[error("circuit '{input}', column {column}: {message}")]
    Syntax {
        /// The circuit string.
        input: String,
        /// 1-based column of the offending character.
        column: usize,
        /// What was expected and what was found.
        message: String,
    },
    /// An element prefix that the registry does not know.
    #[error("circuit '{input}', column {column}: unknown element '{name}'{}", did_you_mean(.suggestion))]
    UnknownElement {
        /// The circuit string.
        input: String,
        /// 1-based column where the element name starts.
        column: usize,
        /// The element name as written.
        name: String,
        /// The closest known element, if any.
        suggestion: Option<String>,
    },
    /// Two elements share a name (`R1-p(R1,C1)`).
    #[error("circuit '{input}', column {column}: element name '{name}' is used twice")]
    DuplicateElement {
        /// The circuit string.
        input: String,
        /// 1-based column of the second use.
        column: usize,
        /// The repeated name.
        name: String,
    },
    /// The number of parameter values does not match the circuit.
    #[error("circuit {circuit} has {expected} parameters ({names}), {found} values were given")]
    ParameterCount {
        /// The circuit.
        circuit: String,
        /// How many it needs.
        expected: usize,
        /// How many were given.
        found: usize,
        /// The parameter names, comma-separated.
        names: String,
    },
    /// A parameter name that the circuit does not have.
    #[error("circuit {circuit} has no parameter '{name}'{}", did_you_mean(.suggestion))]
    UnknownParameter {
        /// The circuit.
        circuit: String,
        /// The name given.
        name: String,
        /// The closest parameter name, if any.
        suggestion: Option<String>,
    },
    /// A parameter value outside its allowed range (e.g. a negative resistance).
    #[error("parameter {name} = {value} is outside its allowed range {range}")]
    ParameterOutOfRange {
        /// Parameter name.
        name: String,
        /// The value.
        value: f64,
        /// The allowed range in words.
        range: String,
    },
    /// Bounds of a parameter that are not finite numbers.
    #[error("the bounds of {name} must be finite numbers, got {lower}..{upper}")]
    NonFiniteBounds {
        /// Parameter name.
        name: String,
        /// The lower bound given.
        lower: f64,
        /// The upper bound given.
        upper: f64,
    },
    /// Bounds of a parameter whose lower end is not below the upper one.
    #[error("the lower bound of {name} ({lower}) is not below the upper bound ({upper})")]
    EmptyBounds {
        /// Parameter name.
        name: String,
        /// The lower bound given.
        lower: f64,
        /// The upper bound given.
        upper: f64,
    },
    /// A parameter given bounds twice.
    #[error("{name} is bounded twice")]
    DuplicateBounds {
        /// Parameter name.
        name: String,
    },
    /// A count that must be at least one (the number of starts of a fit, of timed fits).
    #[error("the {what} must be at least 1, got 0")]
    ZeroCount {
        /// What is counted, in words ("number of starts").
        what: &'static str,
    },
    /// A spectrum that cannot be used (too few points, non-finite values …).
    #[error("spectrum: {0}")]
    BadSpectrum(String),
    /// A fit or a linear solve failed.
    #[error("{what}: {reason}")]
    Numerical {
        /// What was being computed.
        what: String,
        /// Why it failed.
        reason: String,
    },
    /// A data file could not be read; the line is 1-based (0 when the file as a whole is wrong).
    #[error("{file}, line {line}: {message}")]
    Parse {
        /// File name (or a description of the source).
        file: String,
        /// 1-based line number, 0 for the whole file.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A binary data file could not be read; `offset` is the byte where it went wrong.
    #[error("{file}, byte offset {offset}: {message}")]
    Binary {
        /// File name.
        file: String,
        /// 0-based byte offset in the file.
        offset: usize,
        /// What is wrong.
        message: String,
    },
    /// An invalid input value (geometry, temperatures …).
    #[error("{field}: {message}")]
    Invalid {
        /// Which input.
        field: String,
        /// What is wrong.
        message: String,
    },
}

impl EisError {
    /// Whether the error is in a fit's set-up — a parameter name the circuit lacks, the
    /// wrong number of values, a value outside its bounds — that is, in the caller's
    /// input rather than in the data or the numerics.
    pub fn is_setup(&self) -> bool {
        matches!(
            self,
            Self::UnknownParameter { .. }
                | Self::ParameterCount { .. }
                | Self::ParameterOutOfRange { .. }
        )
    }
}

fn did_you_mean(suggestion: &Option<String>) -> DidYouMean<'_> {
    DidYouMean(suggestion.as_deref())
}

struct DidYouMean<'a>(Option<&'a str>);

impl fmt::Display for DidYouMean<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(s) => write!(f, " (did you mean '{s}'?)"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_up_errors_are_told_from_data_errors() {
        let unknown = EisError::UnknownParameter {
            circuit: "R0".into(),
            name: "R9".into(),
            suggestion: None,
        };
        assert!(unknown.is_setup());
        let data = EisError::Invalid {
            field: "temperatures".into(),
            message: "2 values for 1 spectra".into(),
        };
        assert!(!data.is_setup());
    }
}
