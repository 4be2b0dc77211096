//! Unit expressions: parsing `"S/cm"`, `"ohm cm2"`, `"MPa m^0.5"`, `"(m3/mol)^1.5"`.
//!
//! Grammar (whitespace, `*` and `·` multiply; `/` divides the factor that follows it):
//!
//! ```text
//! unit    := factor ( ( ' ' | '*' | '·' | '/' ) factor )*
//! factor  := atom power?
//! atom    := symbol | '1' | '(' unit ')'
//! power   := '^' number | digits-or-sign-directly-after-symbol   (cm2, m-3, m^0.5)
//! symbol  := prefix? base     (prefixes y z a f p n u µ m c d k M G T)
//! ```
//!
//! Temperatures in degrees Celsius (`degC`, `°C`) are affine and allowed only as a
//! whole unit, never inside a product.

use crate::{Dimension, UnitError};

/// A parsed unit: multiply a number by `factor` (and add `offset`) to get SI.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The unit as the user wrote it (trimmed).
    pub symbol: String,
    /// SI value of one of this unit.
    pub factor: f64,
    /// Additive offset to SI (non-zero only for °C).
    pub offset: f64,
    /// Dimension of this unit.
    pub dimension: Dimension,
}

impl Unit {
    /// Convert a number in this unit to SI.
    pub fn to_si(&self, value: f64) -> f64 {
        value * self.factor + self.offset
    }

    /// Convert an SI number to this unit.
    pub fn from_si(&self, si: f64) -> f64 {
        (si - self.offset) / self.factor
    }

    /// Parse a unit expression.
    pub fn parse(text: &str) -> Result<Unit, UnitError> {
        let trimmed = text.trim();
        if matches!(trimmed, "degC" | "°C" | "deg C" | "celsius") {
            return Ok(Unit {
                symbol: trimmed.to_string(),
                factor: 1.0,
                offset: 273.15,
                dimension: Dimension::TEMPERATURE,
            });
        }
        if trimmed.is_empty() {
            return Ok(Unit {
                symbol: String::new(),
                factor: 1.0,
                offset: 0.0,
                dimension: Dimension::NONE,
            });
        }
        let mut parser = Parser {
            chars: trimmed.char_indices().collect(),
            pos: 0,
            text: trimmed,
        };
        let (factor, dimension) = parser.product()?;
        if parser.pos < parser.chars.len() {
            return Err(parser.error("an operator or the end of the unit"));
        }
        Ok(Unit {
            symbol: trimmed.to_string(),
            factor,
            offset: 0.0,
            dimension,
        })
    }
}

/// Base symbols: (symbol, SI factor, dimension, accepts SI prefixes).
const BASES: &[(&str, f64, Dimension, bool)] = &[
    ("m", 1.0, Dimension::LENGTH, true),
    ("g", 1e-3, Dimension::MASS, true),
    ("s", 1.0, Dimension::TIME, true),
    ("min", 60.0, Dimension::TIME, false),
    ("h", 3600.0, Dimension::TIME, false),
    ("A", 1.0, Dimension::CURRENT, true),
    ("K", 1.0, Dimension::TEMPERATURE, true),
    ("mol", 1.0, Dimension::AMOUNT, true),
    ("C", 1.0, Dimension::CHARGE, true),
    ("Ah", 3600.0, Dimension::CHARGE, true),
    ("J", 1.0, Dimension::ENERGY, true),
    ("Wh", 3600.0, Dimension::ENERGY, true),
    ("eV", 1.602_176_634e-19, Dimension::ENERGY, true),
    ("V", 1.0, Dimension::VOLTAGE, true),
    ("ohm", 1.0, Dimension::RESISTANCE, true),
    ("Ohm", 1.0, Dimension::RESISTANCE, true),
    ("Ω", 1.0, Dimension::RESISTANCE, true),
    ("S", 1.0, Dimension::RESISTANCE.inv(), true),
    ("F", 1.0, Dimension::CAPACITANCE, true),
    ("Hz", 1.0, Dimension::FREQUENCY, true),
    ("Pa", 1.0, Dimension::PRESSURE, true),
    ("bar", 1e5, Dimension::PRESSURE, false),
    ("N", 1.0, Dimension::PRESSURE.mul(Dimension::AREA), true),
    ("W", 1.0, Dimension::ENERGY.mul(Dimension::TIME.inv()), true),
    ("L", 1e-3, Dimension::VOLUME, true),
    ("angstrom", 1e-10, Dimension::LENGTH, false),
    ("Å", 1e-10, Dimension::LENGTH, false),
    ("%", 0.01, Dimension::NONE, false),
    ("ppm", 1e-6, Dimension::NONE, false),
];

const PREFIXES: &[(&str, f64)] = &[
    ("y", 1e-24),
    ("z", 1e-21),
    ("a", 1e-18),
    ("f", 1e-15),
    ("p", 1e-12),
    ("n", 1e-9),
    ("u", 1e-6),
    ("µ", 1e-6),
    ("μ", 1e-6),
    ("m", 1e-3),
    ("c", 1e-2),
    ("d", 1e-1),
    ("k", 1e3),
    ("M", 1e6),
    ("G", 1e9),
    ("T", 1e12),
];

/// Every symbol the parser knows, for did-you-mean suggestions.
pub(crate) fn known_symbols() -> Vec<String> {
    let mut out: Vec<String> = BASES.iter().map(|b| b.0.to_string()).collect();
    for common in [
        "cm", "mm", "um", "nm", "mAh", "mS", "kJ", "GPa", "MPa", "mg", "kg", "degC",
    ] {
        out.push(common.to_string());
    }
    out
}

fn lookup_symbol(symbol: &str) -> Option<(f64, Dimension)> {
    if let Some(&(_, f, d, _)) = BASES.iter().find(|b| b.0 == symbol) {
        return Some((f, d));
    }
    for &(p, pf) in PREFIXES {
        if let Some(rest) = symbol.strip_prefix(p) {
            if let Some(&(_, f, d, _)) = BASES.iter().find(|b| b.0 == rest && b.3) {
                return Some((pf * f, d));
            }
        }
    }
    None
}

struct Parser<'a> {
    chars: Vec<(usize, char)>,
    pos: usize,
    text: &'a str,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).map(|c| c.1)
    }

    /// Column (1-based, in characters) of the current position.
    fn column(&self) -> usize {
        self.pos + 1
    }

    fn error(&self, expected: &str) -> UnitError {
        UnitError::Syntax {
            input: self.text.to_string(),
            column: self.column(),
            expected: expected.to_string(),
        }
    }

    fn skip_spaces(&mut self) -> bool {
        let start = self.pos;
        while matches!(self.peek(), Some(c) if c.is_whitespace()) {
            self.pos += 1;
        }
        self.pos > start
    }

    fn product(&mut self) -> Result<(f64, Dimension), UnitError> {
        self.skip_spaces();
        let (mut factor, mut dim) = self.factor()?;
        loop {
            let had_space = self.skip_spaces();
            match self.peek() {
                Some('*') | Some('·') => {
                    self.pos += 1;
                    self.skip_spaces();
                    let (f, d) = self.factor()?;
                    factor *= f;
                    dim = dim.mul(d);
                }
                Some('/') => {
                    self.pos += 1;
                    self.skip_spaces();
                    let (f, d) = self.factor()?;
                    factor /= f;
                    dim = dim.mul(d.inv());
                }
                Some(')') | None => return Ok((factor, dim)),
                Some(_) if had_space => {
                    let (f, d) = self.factor()?;
                    factor *= f;
                    dim = dim.mul(d);
                }
                Some(_) => return Err(self.error("'*', '/', a space or the end of the unit")),
            }
        }
    }

    fn factor(&mut self) -> Result<(f64, Dimension), UnitError> {
        let (base_factor, base_dim) = match self.peek() {
            Some('(') => {
                self.pos += 1;
                let inner = self.product()?;
                if self.peek() != Some(')') {
                    return Err(self.error("')'"));
                }
                self.pos += 1;
                inner
            }
            Some('1') => {
                self.pos += 1;
                (1.0, Dimension::NONE)
            }
            Some(c) if is_symbol_char(c) => {
                let start = self.pos;
                while matches!(self.peek(), Some(c) if is_symbol_char(c)) {
                    self.pos += 1;
                }
                let symbol: String = self.chars[start..self.pos].iter().map(|c| c.1).collect();
                match lookup_symbol(&symbol) {
                    Some(found) => found,
                    None => {
                        return Err(UnitError::UnknownUnit {
                            input: self.text.to_string(),
                            column: start + 1,
                            suggestion: crate::suggest::closest(&symbol, &known_symbols()),
                            symbol,
                        })
                    }
                }
            }
            _ => return Err(self.error("a unit symbol, '1' or '('")),
        };
        let power = self.power()?;
        match power {
            None => Ok((base_factor, base_dim)),
            Some(p) => {
                let dim = base_dim
                    .powf(p)
                    .ok_or_else(|| self.error("a power that is a multiple of 1/2"))?;
                Ok((base_factor.powf(p), dim))
            }
        }
    }

    fn power(&mut self) -> Result<Option<f64>, UnitError> {
        let explicit = self.peek() == Some('^');
        if explicit {
            self.pos += 1;
        }
        let start = self.pos;
        if matches!(self.peek(), Some('-') | Some('+')) {
            self.pos += 1;
        }
        while matches!(self.peek(), Some(c) if c.is_ascii_digit() || c == '.') {
            self.pos += 1;
        }
        let digits: String = self.chars[start..self.pos].iter().map(|c| c.1).collect();
        if digits.is_empty() || digits == "-" || digits == "+" {
            if explicit || !digits.is_empty() {
                self.pos = start;
                return Err(self.error("a number after '^'"));
            }
            return Ok(None);
        }
        digits.parse::<f64>().map(Some).map_err(|_| {
            self.pos = start;
            self.error("a power such as 2, -1 or 0.5")
        })
    }
}

fn is_symbol_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '%' | 'Ω' | 'µ' | 'μ' | 'Å')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn si(text: &str) -> (f64, Dimension) {
        let u = Unit::parse(text).unwrap();
        (u.factor, u.dimension)
    }

    #[test]
    fn compound_units() {
        let (f, d) = si("S/cm");
        assert!((f - 100.0).abs() < 1e-12);
        assert_eq!(d, Dimension::CONDUCTIVITY);
        let (f, d) = si("ohm cm2");
        assert!((f - 1e-4).abs() < 1e-18);
        assert_eq!(d, Dimension::AREA_SPECIFIC_RESISTANCE);
        let (f, d) = si("mAh/g");
        assert!((f - 3600.0).abs() < 1e-9);
        assert_eq!(d, Dimension::SPECIFIC_CAPACITY);
        let (f, d) = si("MPa m^0.5");
        assert!((f - 1e6).abs() < 1e-6);
        assert_eq!(d, Dimension::FRACTURE_TOUGHNESS);
        let (f, d) = si("J/mol/K");
        assert!((f - 1.0).abs() < 1e-12);
        assert_eq!(
            d,
            Dimension::ENERGY
                .mul(Dimension::AMOUNT.inv())
                .mul(Dimension::TEMPERATURE.inv())
        );
        let (f, d) = si("(m3/mol)^1.5");
        assert!((f - 1.0).abs() < 1e-12);
        assert_eq!(
            d,
            Dimension::VOLUME
                .mul(Dimension::AMOUNT.inv())
                .powf(1.5)
                .unwrap()
        );
        let (f, d) = si("1/K");
        assert!((f - 1.0).abs() < 1e-12);
        assert_eq!(d, Dimension::THERMAL_EXPANSION);
        let (f, _) = si("uA/cm2");
        assert!((f - 1e-2).abs() < 1e-15);
        let (f, _) = si("mg/cm2");
        assert!((f - 1e-2).abs() < 1e-15);
    }

    #[test]
    fn unknown_symbol_suggests() {
        match Unit::parse("S/cn") {
            Err(UnitError::UnknownUnit {
                symbol,
                column,
                suggestion,
                ..
            }) => {
                assert_eq!(symbol, "cn");
                assert_eq!(column, 3);
                assert_eq!(suggestion.as_deref(), Some("cm"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn celsius_only_alone() {
        for text in ["degC", "°C", " deg C "] {
            let u = Unit::parse(text).unwrap();
            assert_eq!(u.dimension, Dimension::TEMPERATURE, "{text}");
            assert_eq!((u.factor, u.offset), (1.0, 273.15), "{text}");
            assert_eq!(u.to_si(25.0), 298.15);
        }
        assert!(Unit::parse("degC/s").is_err());
    }
}
