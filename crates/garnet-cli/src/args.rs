//! Flag → quantity conversion, once for every command: the text is parsed in the
//! dimension the flag wants (`garnet_units`, SI inside), and a failure is a usage error
//! whose message names the flag.

use garnet_units::{parse_values, Dimension, Quantity};

use crate::UsageError;

/// The SI value of `--flag TEXT` in dimension `dim`.
pub fn quantity(flag: &str, text: &str, dim: Dimension) -> Result<f64, UsageError> {
    Quantity::parse_as(flag, text, dim)
        .map(|q| q.value)
        .map_err(|e| UsageError(e.to_string()))
}

/// [`quantity`] of a flag that may be absent.
pub fn optional(flag: &str, text: Option<&str>, dim: Dimension) -> Result<Option<f64>, UsageError> {
    text.map(|t| quantity(flag, t, dim)).transpose()
}

/// [`quantity`] that must be finite and above zero.
pub fn positive(flag: &str, text: &str, dim: Dimension) -> Result<f64, UsageError> {
    let v = quantity(flag, text, dim)?;
    if v > 0.0 && v.is_finite() {
        Ok(v)
    } else {
        Err(UsageError(format!("{flag}: must be positive")))
    }
}

/// The SI values of a comma-separated list (`--temperature 25degC,60degC`).
pub fn values(flag: &str, text: &str, dim: Dimension) -> Result<Vec<f64>, UsageError> {
    let values = parse_values(flag, text, dim).map_err(|e| UsageError(e.to_string()))?;
    Ok(values.iter().map(|q| q.value).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_become_si_values_or_usage_errors_naming_the_flag() {
        assert_eq!(quantity("--x", "2mm", Dimension::LENGTH).ok(), Some(0.002));
        assert_eq!(optional("--x", None, Dimension::LENGTH).ok(), Some(None));
        let e = quantity("--fmin", "10", Dimension::FREQUENCY)
            .err()
            .map(|e| e.0);
        assert!(e.is_some_and(|m| m.contains("--fmin")));
        let e = positive("--fmin", "0Hz", Dimension::FREQUENCY)
            .err()
            .map(|e| e.0);
        assert_eq!(e.as_deref(), Some("--fmin: must be positive"));
        assert_eq!(
            values("--t", "1V,2V", Dimension::VOLTAGE).ok(),
            Some(vec![1.0, 2.0])
        );
    }
}
