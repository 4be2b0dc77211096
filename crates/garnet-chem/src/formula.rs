//! Chemical formulas: `Li6.4La3Zr1.4Ta0.6O12`, `Ca3(PO4)2`, `Li2CO3·H2O`.
//!
//! Grammar:
//!
//! ```text
//! formula := part ( ('·' | '.' | '*') count? part )*      hydrate dots; a leading count multiplies the part
//! part    := group+
//! group   := element count? | '(' part ')' count? | '[' part ']' count?
//! element := uppercase lowercase?          (must be a known element)
//! count   := decimal number                (e.g. 2, 0.25, 1.75)
//! ```

use std::fmt;

use crate::elements::{element, Element, ELEMENTS};
use crate::ChemError;

/// A parsed formula: elements with their amounts per formula unit, in order of first
/// appearance.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    text: String,
    amounts: Vec<(&'static Element, f64)>,
}

impl Formula {
    /// Parse a formula; errors give the column and what was expected.
    pub fn parse(text: &str) -> Result<Self, ChemError> {
        let trimmed = text.trim();
        let chars: Vec<char> = trimmed.chars().collect();
        if chars.is_empty() {
            return Err(ChemError::Syntax {
                input: trimmed.to_string(),
                column: 1,
                expected: "a chemical formula such as Li7La3Zr2O12".to_string(),
            });
        }
        let mut p = Parser {
            chars: &chars,
            pos: 0,
            text: trimmed,
        };
        let mut amounts = Vec::new();
        loop {
            let multiplier = if p.pos > 0 {
                p.count()?.unwrap_or(1.0)
            } else {
                1.0
            };
            let part = p.part(0)?;
            merge(
                &mut amounts,
                part.into_iter().map(|(e, n)| (e, n * multiplier)),
            );
            match p.peek() {
                Some('·') | Some('*') | Some('.') => p.pos += 1,
                None => break,
                Some(_) => return Err(p.unexpected("an element symbol, a number, '(' or the end")),
            }
        }
        Ok(Self {
            text: trimmed.to_string(),
            amounts,
        })
    }

    /// The formula as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Elements and amounts per formula unit, in order of first appearance.
    pub fn amounts(&self) -> &[(&'static Element, f64)] {
        &self.amounts
    }

    /// Amount of an element per formula unit (0 if absent).
    pub fn amount(&self, symbol: &str) -> f64 {
        self.amounts
            .iter()
            .find(|(e, _)| e.symbol == symbol)
            .map_or(0.0, |(_, n)| *n)
    }

    /// Molar mass M = Σ nᵢ·Aᵣ,ᵢ in g/mol (IUPAC 2021 standard atomic weights).
    pub fn molar_mass_g_per_mol(&self) -> f64 {
        self.amounts.iter().map(|(e, n)| e.atomic_weight * n).sum()
    }

    /// Total atoms per formula unit.
    pub fn atoms_per_formula_unit(&self) -> f64 {
        self.amounts.iter().map(|(_, n)| n).sum()
    }

    /// True if any element has no standard atomic weight (molar mass then rests on a
    /// mass number).
    pub fn has_nonstandard_weights(&self) -> bool {
        self.amounts.iter().any(|(e, _)| !e.standard)
    }

    /// A canonical text: elements in order of appearance with amounts (no parentheses).
    pub fn canonical(&self) -> String {
        let mut s = String::new();
        for (e, n) in &self.amounts {
            s.push_str(e.symbol);
            if (n - 1.0).abs() > 1e-12 {
                s.push_str(&format_amount(*n));
            }
        }
        s
    }
}

impl fmt::Display for Formula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Shortest decimal text for an amount (`2`, `0.25`, `1.75`).
fn format_amount(n: f64) -> String {
    let rounded = (n * 1e9).round() / 1e9;
    format!("{rounded}")
}

fn merge(
    into: &mut Vec<(&'static Element, f64)>,
    items: impl IntoIterator<Item = (&'static Element, f64)>,
) {
    for (e, n) in items {
        match into.iter_mut().find(|(x, _)| x.z == e.z) {
            Some(entry) => entry.1 += n,
            None => into.push((e, n)),
        }
    }
}

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
    text: &'a str,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn unexpected(&self, expected: &str) -> ChemError {
        let found = self.peek();
        let hint = match found {
            Some('x') | Some('y') | Some('δ') => {
                " (a formula with a variable such as x needs a number in its place)"
            }
            Some('-') | Some('+') => " (arithmetic in amounts is not supported; write the value)",
            _ => "",
        };
        ChemError::Syntax {
            input: self.text.to_string(),
            column: self.pos + 1,
            expected: format!(
                "{expected}, found {}{hint}",
                found.map_or("the end".to_string(), |c| format!("'{c}'"))
            ),
        }
    }

    fn part(&mut self, depth: usize) -> Result<Vec<(&'static Element, f64)>, ChemError> {
        let mut out = Vec::new();
        let start = self.pos;
        loop {
            match self.peek() {
                Some(c) if c.is_ascii_uppercase() => {
                    let col = self.pos + 1;
                    let mut sym = String::from(c);
                    self.pos += 1;
                    if let Some(l) = self.peek().filter(char::is_ascii_lowercase) {
                        // Prefer a two-letter symbol; fall back to one letter if the pair
                        // is unknown but the single letter is (none in practice for our
                        // elements, but keeps "Co" vs "C"+"o" unambiguous).
                        let two = format!("{sym}{l}");
                        if element(&two).is_some() || element(&sym).is_none() {
                            sym = two;
                            self.pos += 1;
                        }
                    }
                    let el = element(&sym).ok_or_else(|| ChemError::UnknownElement {
                        input: self.text.to_string(),
                        column: col,
                        suggestion: garnet_units::suggest::closest_str(
                            &sym,
                            ELEMENTS.iter().map(|e| e.symbol),
                        ),
                        symbol: sym.clone(),
                    })?;
                    let n = self.count()?.unwrap_or(1.0);
                    merge(&mut out, [(el, n)]);
                }
                Some(open @ ('(' | '[')) => {
                    let close = if open == '(' { ')' } else { ']' };
                    let open_col = self.pos + 1;
                    self.pos += 1;
                    let inner = self.part(depth + 1)?;
                    if self.peek() != Some(close) {
                        return Err(ChemError::Syntax {
                            input: self.text.to_string(),
                            column: self.pos + 1,
                            expected: format!("'{close}' to close '{open}' at column {open_col}"),
                        });
                    }
                    self.pos += 1;
                    let n = self.count()?.unwrap_or(1.0);
                    merge(&mut out, inner.into_iter().map(|(e, k)| (e, k * n)));
                }
                Some(')') | Some(']') if depth > 0 => break,
                _ => break,
            }
        }
        if self.pos == start {
            return Err(self.unexpected("an element symbol or '('"));
        }
        Ok(out)
    }

    fn count(&mut self) -> Result<Option<f64>, ChemError> {
        let start = self.pos;
        while matches!(self.peek(), Some(c) if c.is_ascii_digit() || c == '.') {
            // A '.' followed by an uppercase letter is a hydrate dot, not a decimal.
            if self.peek() == Some('.')
                && !matches!(self.chars.get(self.pos + 1), Some(c) if c.is_ascii_digit())
            {
                break;
            }
            self.pos += 1;
        }
        if self.pos == start {
            return Ok(None);
        }
        let s: String = self.chars[start..self.pos].iter().collect();
        match s.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Some(v)),
            _ => Err(ChemError::Syntax {
                input: self.text.to_string(),
                column: start + 1,
                expected: format!("a number such as 2 or 0.25, found '{s}'"),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mass(f: &str) -> f64 {
        Formula::parse(f).unwrap().molar_mass_g_per_mol()
    }

    #[test]
    fn issue_formulas_parse() {
        for f in [
            "Li6.4La3Zr1.4Ta0.6O12",
            "Li6.25Al0.25La3Zr2O12",
            "Li7La2.75Ca0.25Zr1.75Nb0.25O12",
            "LiNi0.8Mn0.1Co0.1O2",
            "Li2.3C0.7B0.3O3",
            "Ca3(PO4)2",
        ] {
            Formula::parse(f).unwrap();
        }
        let f = Formula::parse("Ca3(PO4)2").unwrap();
        assert_eq!(f.amount("O"), 8.0);
        assert_eq!(f.amount("P"), 2.0);
    }

    #[test]
    fn molar_masses_by_hand() {
        // Li6.4La3Zr1.4Ta0.6O12: 6.4·6.94 + 3·138.90547 + 1.4·91.224 + 0.6·180.94788 + 12·15.999
        assert!((mass("Li6.4La3Zr1.4Ta0.6O12") - 889.40).abs() < 0.005);
        // LiCoO2: 6.94 + 58.933194 + 2·15.999 = 97.871194
        assert!((mass("LiCoO2") - 97.871194).abs() < 1e-9);
        // LiFePO4: 6.94 + 55.845 + 30.973761998 + 4·15.999 = 157.754762
        assert!((mass("LiFePO4") - 157.754761998).abs() < 1e-9);
        // Ca3(PO4)2: 3·40.078 + 2·30.973761998 + 8·15.999 = 310.173523996
        assert!((mass("Ca3(PO4)2") - 310.173523996).abs() < 1e-9);
        // A hydrate dot adds its part: CuSO4·5H2O = CuSO9H10
        assert!((mass("CuSO4·5H2O") - mass("CuSO9H10")).abs() < 1e-9);
    }

    #[test]
    fn errors_point_at_column() {
        match Formula::parse("Li7La3Xx2O12") {
            Err(ChemError::UnknownElement { column, symbol, .. }) => {
                assert_eq!(column, 7);
                assert_eq!(symbol, "Xx");
            }
            other => panic!("{other:?}"),
        }
        match Formula::parse("Li7-xLa3Zr2-xTaxO12") {
            Err(ChemError::Syntax {
                column, expected, ..
            }) => {
                assert_eq!(column, 4);
                assert!(expected.contains("arithmetic"), "{expected}");
            }
            other => panic!("{other:?}"),
        }
        match Formula::parse("Ca3(PO4") {
            Err(ChemError::Syntax {
                column, expected, ..
            }) => {
                assert_eq!(column, 8);
                assert!(expected.contains("')'"));
            }
            other => panic!("{other:?}"),
        }
        assert!(Formula::parse("").is_err());
        assert!(Formula::parse("li7").is_err());
        assert!(Formula::parse("Li1.2.3").is_err());
    }
}
