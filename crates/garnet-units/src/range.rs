//! Ranges `A..B:N` (N evenly spaced values from A to B inclusive) and lists `A,B,C`.

use crate::{Dimension, Quantity, UnitError};

/// Parse a single value, a range `A..B:N`, or a comma-separated list of either,
/// each value with dimension `expected`.
///
/// In a range, A may omit its unit and take B's (`25..100degC:4`). Temperatures
/// are spaced evenly in kelvin, which is the same as evenly in °C.
pub fn parse_values(
    field: &str,
    text: &str,
    expected: Dimension,
) -> Result<Vec<Quantity>, UnitError> {
    let mut out = Vec::new();
    for part in text.split(',') {
        let part = part.trim();
        if part.is_empty() {
            return Err(UnitError::Range {
                input: text.to_string(),
                reason: "empty item in list".to_string(),
            });
        }
        if part.contains("..") {
            out.extend(parse_range(field, part, expected)?);
        } else {
            out.push(Quantity::parse_as(field, part, expected)?);
        }
    }
    Ok(out)
}

/// Parse `A..B:N` into N evenly spaced quantities from A to B inclusive.
pub fn parse_range(
    field: &str,
    text: &str,
    expected: Dimension,
) -> Result<Vec<Quantity>, UnitError> {
    let range_err = |reason: &str| UnitError::Range {
        input: text.to_string(),
        reason: reason.to_string(),
    };
    let (ends, count) = match text.rsplit_once(':') {
        Some((ends, n)) => {
            let n: usize = n
                .trim()
                .parse()
                .map_err(|_| range_err("N after ':' must be a whole number"))?;
            (ends, n)
        }
        None => return Err(range_err("missing ':N' (the number of values)")),
    };
    let (a, b) = ends
        .split_once("..")
        .ok_or_else(|| range_err("missing '..' between the ends"))?;
    if count == 0 {
        return Err(range_err("N must be at least 1"));
    }
    let end = Quantity::parse_as(field, b, expected)?;
    let start = match Quantity::parse_as(field, a, expected) {
        Ok(q) => q,
        Err(first_error) => {
            // "25..100degC:4": give A the unit of B.
            let unit = b.trim().trim_start_matches(|c: char| {
                c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')
            });
            let a_bare = a.trim();
            if !unit.is_empty() && a_bare.parse::<f64>().is_ok() {
                Quantity::parse_as(field, &format!("{a_bare} {unit}"), expected)?
            } else {
                return Err(first_error);
            }
        }
    };
    if count == 1 {
        if (start.value - end.value).abs() > f64::EPSILON * start.value.abs().max(1.0) {
            return Err(range_err("N = 1 needs A = B"));
        }
        return Ok(vec![start]);
    }
    let step = (end.value - start.value) / (count - 1) as f64;
    Ok((0..count)
        .map(|i| {
            let v = if i + 1 == count {
                end.value
            } else {
                start.value + step * i as f64
            };
            Quantity::new(v, expected)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temperature_range_from_product_md() {
        let qs = parse_values("temperature", "25degC..100degC:4", Dimension::TEMPERATURE).unwrap();
        let c: Vec<f64> = qs.iter().map(|q| q.value - 273.15).collect();
        for (got, want) in c.iter().zip([25.0, 50.0, 75.0, 100.0]) {
            assert!((got - want).abs() < 1e-9, "{c:?}");
        }
    }

    #[test]
    fn start_takes_unit_of_end_and_lists_mix() {
        let qs = parse_values("t", "20..200um:10", Dimension::LENGTH).unwrap();
        assert_eq!(qs.len(), 10);
        assert!((qs[0].value - 20e-6).abs() < 1e-15);
        let rates = parse_values("rate", "1C,2C", Dimension::C_RATE).unwrap();
        assert_eq!(rates.len(), 2);
        let single = parse_values("t", "60 degC", Dimension::TEMPERATURE).unwrap();
        assert_eq!(single.len(), 1);
    }

    #[test]
    fn malformed_ranges_are_errors() {
        for bad in ["1..2", "1..2:x", "1..2:0", "1um..2S:3", ",", "1..1:1um"] {
            assert!(parse_values("f", bad, Dimension::LENGTH).is_err(), "{bad}");
        }
    }
}
