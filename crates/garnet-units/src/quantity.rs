//! Quantities: an SI value with its dimension, parsed from `"50 um"` or `"0.5C"`.

use std::fmt;

use crate::{Dimension, Unit, UnitError};

/// A physical quantity in SI units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    /// The value in SI base units (K for temperatures).
    pub value: f64,
    /// Its dimension.
    pub dimension: Dimension,
}

impl Quantity {
    /// A quantity from an SI value.
    pub fn new(value: f64, dimension: Dimension) -> Self {
        Self { value, dimension }
    }

    /// Parse `"<number> <unit>"` (the space is optional: `"50um"`, `"60 degC"`).
    ///
    /// A bare number is dimensionless. `"0.5C"` parses as 0.5 coulomb here; use
    /// [`Quantity::parse_as`] with [`Dimension::C_RATE`] where a C-rate is meant.
    pub fn parse(text: &str) -> Result<Self, UnitError> {
        let (value, unit) = split_number(text)?;
        let unit = Unit::parse(unit).map_err(|e| shift_column(e, text, unit))?;
        Ok(Self {
            value: unit.to_si(value),
            dimension: unit.dimension,
        })
    }

    /// Parse a value for the field `field` that must have dimension `expected`.
    ///
    /// A dimensionless expectation also accepts a bare number. A C-rate expectation
    /// accepts `"0.5C"`, `"2 C"` and `"C/10"`.
    pub fn parse_as(field: &str, text: &str, expected: Dimension) -> Result<Self, UnitError> {
        let in_field = |e: UnitError| UnitError::InField {
            field: field.to_string(),
            source: Box::new(e),
        };
        if expected == Dimension::C_RATE {
            return parse_c_rate(text).map_err(in_field);
        }
        let q = Self::parse(text).map_err(in_field)?;
        if q.dimension != expected {
            return Err(UnitError::WrongDimension {
                field: field.to_string(),
                expected,
                found: q.dimension,
                input: text.trim().to_string(),
            });
        }
        Ok(q)
    }

    /// The value expressed in `unit` (e.g. `"S/cm"`); `None` if the dimensions differ
    /// or the unit does not parse.
    pub fn value_in(&self, unit: &str) -> Option<f64> {
        let u = Unit::parse(unit).ok()?;
        (u.dimension == self.dimension).then(|| u.from_si(self.value))
    }

    /// Format as `"<value> <unit>"` in the given unit, with the shortest decimal
    /// representation that parses back to the same number.
    pub fn format_in(&self, unit: &str) -> Result<String, UnitError> {
        if self.dimension == Dimension::C_RATE && unit.trim() == "C" {
            return Ok(format!("{}C", self.value));
        }
        let u = Unit::parse(unit)?;
        if u.dimension != self.dimension {
            return Err(UnitError::WrongDimension {
                field: "format".to_string(),
                expected: u.dimension,
                found: self.dimension,
                input: unit.to_string(),
            });
        }
        let v = u.from_si(self.value);
        Ok(if u.symbol.is_empty() {
            format!("{v}")
        } else {
            format!("{v} {}", u.symbol)
        })
    }

    /// The unit a person would expect for this dimension (e.g. `S/cm` for
    /// conductivity), or `None` to print SI base units.
    pub fn preferred_unit(&self) -> Option<&'static str> {
        preferred_unit(self.dimension)
    }
}

/// The customary display unit of a dimension in battery and ceramics work.
pub fn preferred_unit(dimension: Dimension) -> Option<&'static str> {
    const TABLE: &[(Dimension, &str)] = &[
        (Dimension::NONE, ""),
        (Dimension::LENGTH, "um"),
        (Dimension::MASS, "g"),
        (Dimension::TIME, "s"),
        (Dimension::CURRENT, "mA"),
        (Dimension::TEMPERATURE, "degC"),
        (Dimension::CHARGE, "mAh"),
        (Dimension::ENERGY, "eV"),
        (Dimension::VOLTAGE, "V"),
        (Dimension::RESISTANCE, "ohm"),
        (Dimension::AREA_SPECIFIC_RESISTANCE, "ohm cm2"),
        (Dimension::CONDUCTIVITY, "S/cm"),
        (Dimension::PRESSURE, "MPa"),
        (Dimension::AREA, "cm2"),
        (Dimension::DENSITY, "g/cm3"),
        (Dimension::AREAL_MASS, "mg/cm2"),
        (Dimension::SPECIFIC_CAPACITY, "mAh/g"),
        (Dimension::AREAL_CAPACITY, "mAh/cm2"),
        (Dimension::CURRENT_DENSITY, "mA/cm2"),
        (Dimension::DIFFUSIVITY, "cm2/s"),
        (Dimension::CONCENTRATION, "mol/m3"),
        (Dimension::FRACTURE_TOUGHNESS, "MPa m^0.5"),
        (Dimension::THERMAL_EXPANSION, "1/K"),
        (Dimension::MOLAR_MASS, "g/mol"),
        (Dimension::CAPACITANCE, "F"),
        (Dimension::FREQUENCY, "Hz"),
        (Dimension::SPECIFIC_ENERGY, "Wh/kg"),
        (Dimension::ENERGY_DENSITY, "Wh/L"),
        (Dimension::C_RATE, "C"),
    ];
    TABLE.iter().find(|(d, _)| *d == dimension).map(|(_, u)| *u)
}

impl fmt::Display for Quantity {
    /// Writes the value in its preferred unit (SI base units where none is set).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.dimension == Dimension::C_RATE {
            return write!(f, "{}C", self.value);
        }
        match self.preferred_unit().and_then(|u| self.format_in(u).ok()) {
            Some(s) => f.write_str(&s),
            None => write!(f, "{} [{}]", self.value, self.dimension),
        }
    }
}

/// Split `"<number><unit>"` into the number and the (untrimmed) unit text.
fn split_number(text: &str) -> Result<(f64, &str), UnitError> {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let bytes = trimmed.as_bytes();
    let mut end = 0;
    if matches!(bytes.first(), Some(b'+') | Some(b'-')) {
        end += 1;
    }
    let digits_start = end;
    while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'.') {
        end += 1;
    }
    if end == digits_start {
        return Err(UnitError::Syntax {
            input: text.trim().to_string(),
            column: 1,
            expected: "a number, e.g. \"50 um\"".to_string(),
        });
    }
    // Exponent, only if digits follow (so "5 eV" keeps its unit).
    if end < bytes.len() && (bytes[end] == b'e' || bytes[end] == b'E') {
        let mut k = end + 1;
        if k < bytes.len() && (bytes[k] == b'+' || bytes[k] == b'-') {
            k += 1;
        }
        if k < bytes.len() && bytes[k].is_ascii_digit() {
            while k < bytes.len() && bytes[k].is_ascii_digit() {
                k += 1;
            }
            end = k;
        }
    }
    let number = &trimmed[..end];
    let value: f64 = number.parse().map_err(|_| UnitError::Syntax {
        input: text.trim().to_string(),
        column: 1,
        expected: "a number such as 50, 3.2e-4 or -0.5".to_string(),
    })?;
    let _ = lead;
    Ok((value, &trimmed[end..]))
}

/// Make a unit error's column count from the start of the whole quantity string.
fn shift_column(e: UnitError, whole: &str, unit_text: &str) -> UnitError {
    let whole_trim = whole.trim();
    let offset = whole_trim.chars().count() - unit_text.trim_start().chars().count();
    match e {
        UnitError::Syntax {
            column, expected, ..
        } => UnitError::Syntax {
            input: whole_trim.to_string(),
            column: column + offset,
            expected,
        },
        UnitError::UnknownUnit {
            column,
            symbol,
            suggestion,
            ..
        } => UnitError::UnknownUnit {
            input: whole_trim.to_string(),
            column: column + offset,
            symbol,
            suggestion,
        },
        other => other,
    }
}

fn parse_c_rate(text: &str) -> Result<Quantity, UnitError> {
    let t = text.trim();
    let bad = || UnitError::Syntax {
        input: t.to_string(),
        column: 1,
        expected: "a C-rate such as \"0.5C\", \"2 C\" or \"C/10\"".to_string(),
    };
    if let Some(rest) = t.strip_prefix("C/") {
        let d: f64 = rest.trim().parse().map_err(|_| bad())?;
        if d == 0.0 {
            return Err(bad());
        }
        return Ok(Quantity::new(1.0 / d, Dimension::C_RATE));
    }
    let (value, unit) = split_number(t).map_err(|_| bad())?;
    if unit.trim() == "C" {
        Ok(Quantity::new(value, Dimension::C_RATE))
    } else {
        Err(bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_examples_parse_to_si() {
        let cases: &[(&str, f64, Dimension)] = &[
            ("50 um", 50e-6, Dimension::LENGTH),
            ("3.2e-4 S/cm", 3.2e-2, Dimension::CONDUCTIVITY),
            ("0.31 eV", 0.31 * 1.602_176_634e-19, Dimension::ENERGY),
            ("60 degC", 333.15, Dimension::TEMPERATURE),
            ("333 K", 333.0, Dimension::TEMPERATURE),
            ("2 mAh/cm2", 2.0 * 3.6 / 1e-4, Dimension::AREAL_CAPACITY),
            (
                "150 mAh/g",
                150.0 * 3.6 / 1e-3,
                Dimension::SPECIFIC_CAPACITY,
            ),
            ("5 mg/cm2", 5e-6 / 1e-4, Dimension::AREAL_MASS),
            ("1.5 MPa", 1.5e6, Dimension::PRESSURE),
            ("40 ohm cm2", 40e-4, Dimension::AREA_SPECIFIC_RESISTANCE),
            ("22 uA/cm2", 22e-6 / 1e-4, Dimension::CURRENT_DENSITY),
            ("50um", 50e-6, Dimension::LENGTH),
            ("12.97 angstrom", 12.97e-10, Dimension::LENGTH),
        ];
        for &(text, si, dim) in cases {
            let q = Quantity::parse(text).unwrap();
            assert_eq!(q.dimension, dim, "{text}");
            assert!(
                (q.value - si).abs() <= 1e-12 * si.abs(),
                "{text}: {} vs {si}",
                q.value
            );
        }
    }

    #[test]
    fn c_rates() {
        for (text, v) in [("0.5C", 0.5), ("2 C", 2.0), ("C/10", 0.1), ("1C", 1.0)] {
            let q = Quantity::parse_as("rate", text, Dimension::C_RATE).unwrap();
            assert!((q.value - v).abs() < 1e-15);
        }
        assert!(Quantity::parse_as("rate", "0.5 mA", Dimension::C_RATE).is_err());
    }

    #[test]
    fn wrong_dimension_names_field_and_dimensions() {
        let err = Quantity::parse_as("separator.thickness", "50 S/cm", Dimension::LENGTH)
            .unwrap_err()
            .to_string();
        assert!(err.contains("separator.thickness"), "{err}");
        assert!(err.contains("length"), "{err}");
        assert!(err.contains("conductivity"), "{err}");
    }

    #[test]
    fn errors_point_at_column() {
        match Quantity::parse("50 uX") {
            Err(UnitError::UnknownUnit { column, .. }) => assert_eq!(column, 4),
            other => panic!("{other:?}"),
        }
        match Quantity::parse("abc") {
            Err(UnitError::Syntax { column, .. }) => assert_eq!(column, 1),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn display_uses_preferred_units() {
        let q = Quantity::parse("3e-4 S/cm").unwrap();
        assert_eq!(q.to_string(), "0.0003 S/cm");
        let t = Quantity::parse("333.15 K").unwrap();
        assert_eq!(
            t.value_in("degC").map(|v| (v * 1e6).round() / 1e6),
            Some(60.0)
        );
    }
}
