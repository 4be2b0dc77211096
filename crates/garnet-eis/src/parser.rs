//! The circuit language: tokens → syntax tree with column spans → typed [`Circuit`].
//!
//! Grammar (impedance.py's circuit strings; whitespace is ignored):
//!
//! ```text
//! circuit  := series EOF
//! series   := term ( '-' term )*
//! term     := 'p' '(' series ( ',' series )+ ')'     parallel connection
//!           | ELEMENT                                 e.g. R0, CPE1, Wo1
//! ELEMENT  := PREFIX INDEX
//! PREFIX   := R | C | L | CPE | W | Wo | Ws | G | K | Zarc | TLMQ   (the leading letters)
//! INDEX    := [0-9_A-Za-z]*                           (the rest of the name)
//! ```
//!
//! Element names must be unique in a circuit. Errors give the 1-based column and say
//! what was expected and what was found; an unknown prefix gets a did-you-mean.

use crate::circuit::{Circuit, Element, Node};
use crate::element::{ElementKind, ALL};
use crate::error::EisError;

/// A token with its 0-based character position.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    LParen,
    RParen,
    Comma,
    Dash,
    End,
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => format!("'{s}'"),
            Tok::LParen => "'('".to_string(),
            Tok::RParen => "')'".to_string(),
            Tok::Comma => "','".to_string(),
            Tok::Dash => "'-'".to_string(),
            Tok::End => "the end of the circuit".to_string(),
        }
    }
}

/// The syntax tree, before element names are checked; `col` is 0-based.
#[derive(Debug, Clone, PartialEq)]
enum Ast {
    Element { name: String, col: usize },
    Series(Vec<Ast>),
    Parallel(Vec<Ast>),
}

fn tokenize(input: &str) -> Result<Vec<(Tok, usize)>, EisError> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let tok = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' => Tok::LParen,
            ')' => Tok::RParen,
            ',' => Tok::Comma,
            '-' => Tok::Dash,
            c if c.is_ascii_alphabetic() => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                out.push((Tok::Ident(chars[start..i].iter().collect()), start));
                continue;
            }
            other => {
                return Err(EisError::Syntax {
                    input: input.to_string(),
                    column: i + 1,
                    message: format!("expected an element, 'p(', '-', ',' or ')', found '{other}'"),
                })
            }
        };
        out.push((tok, i));
        i += 1;
    }
    out.push((Tok::End, chars.len()));
    Ok(out)
}

struct Parser<'a> {
    input: &'a str,
    toks: Vec<(Tok, usize)>,
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> &(Tok, usize) {
        // The token list always ends with End and the parser never moves past it.
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    fn bump(&mut self) -> (Tok, usize) {
        let t = self.peek().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn error(&self, col: usize, expected: &str, found: &Tok) -> EisError {
        EisError::Syntax {
            input: self.input.to_string(),
            column: col + 1,
            message: format!("expected {expected}, found {}", found.describe()),
        }
    }

    fn series(&mut self) -> Result<Ast, EisError> {
        let mut items = vec![self.term()?];
        while self.peek().0 == Tok::Dash {
            self.bump();
            items.push(self.term()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Ast::Series(items)
        })
    }

    fn term(&mut self) -> Result<Ast, EisError> {
        let (tok, col) = self.bump();
        match tok {
            Tok::Ident(name) if name == "p" => {
                let (open, c) = self.bump();
                if open != Tok::LParen {
                    return Err(self.error(c, "'(' after 'p'", &open));
                }
                let mut items = vec![self.series()?];
                loop {
                    let (t, c) = self.bump();
                    match t {
                        Tok::Comma => items.push(self.series()?),
                        Tok::RParen if items.len() >= 2 => break,
                        Tok::RParen => {
                            return Err(self.error(
                                c,
                                "',' and a second branch (p(…) needs at least two)",
                                &t,
                            ))
                        }
                        other => return Err(self.error(c, "'-', ',' or ')'", &other)),
                    }
                }
                Ok(Ast::Parallel(items))
            }
            Tok::Ident(name) => Ok(Ast::Element { name, col }),
            other => Err(self.error(col, "an element or 'p('", &other)),
        }
    }
}

/// Parse a circuit string such as `R0-p(R1,CPE1)-Wo1`.
pub fn parse(input: &str) -> Result<Circuit, EisError> {
    let toks = tokenize(input)?;
    let mut parser = Parser {
        input,
        toks,
        pos: 0,
    };
    let ast = parser.series()?;
    let (end, col) = parser.bump();
    if end != Tok::End {
        return Err(parser.error(col, "'-' or the end of the circuit", &end));
    }
    let mut seen = Vec::new();
    let root = typed(input, ast, &mut seen)?;
    Ok(Circuit::from_root(root))
}

fn typed(input: &str, ast: Ast, seen: &mut Vec<String>) -> Result<Node, EisError> {
    Ok(match ast {
        Ast::Element { name, col } => {
            let split = name
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(name.len());
            let (prefix, index) = name.split_at(split);
            let Some(kind) = ElementKind::from_prefix(prefix) else {
                let candidates = ALL.iter().map(|k| k.prefix());
                return Err(EisError::UnknownElement {
                    input: input.to_string(),
                    column: col + 1,
                    name: prefix.to_string(),
                    suggestion: garnet_units::suggest::closest_str(prefix, candidates),
                });
            };
            if seen.contains(&name) {
                return Err(EisError::DuplicateElement {
                    input: input.to_string(),
                    column: col + 1,
                    name,
                });
            }
            seen.push(name.clone());
            Node::Element(Element {
                kind,
                index: index.to_string(),
            })
        }
        Ast::Series(items) => Node::Series(
            items
                .into_iter()
                .map(|a| typed(input, a, seen))
                .collect::<Result<_, _>>()?,
        ),
        Ast::Parallel(items) => Node::Parallel(
            items
                .into_iter()
                .map(|a| typed(input, a, seen))
                .collect::<Result<_, _>>()?,
        ),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    fn column_of(err: EisError) -> (usize, String) {
        let text = err.to_string();
        match err {
            EisError::Syntax { column, .. }
            | EisError::UnknownElement { column, .. }
            | EisError::DuplicateElement { column, .. } => (column, text),
            other => panic!("unexpected error {other:?}"),
        }
    }

    #[test]
    fn parses_impedance_py_strings() {
        let c = parse("R0-p(R1,CPE1)-p(R2,CPE2)-Wo1").unwrap();
        assert_eq!(
            c.parameter_names(),
            ["R0", "R1", "CPE1_0", "CPE1_1", "R2", "CPE2_0", "CPE2_1", "Wo1_0", "Wo1_1"]
        );
        let c = parse(" R0 - p( R1 , C1 ) - p(R2-Wo1, C2) ").unwrap();
        assert_eq!(c.to_string(), "R0-p(R1,C1)-p(R2-Wo1,C2)");
        assert_eq!(c.n_params(), 7);
    }

    #[test]
    fn errors_point_at_the_column() {
        let (col, text) = column_of(parse("R0-p(R1,C1").unwrap_err());
        assert_eq!(col, 11);
        assert!(
            text.contains("expected '-', ',' or ')', found the end"),
            "{text}"
        );
        let (col, text) = column_of(parse("R0--C1").unwrap_err());
        assert_eq!(col, 4);
        assert!(
            text.contains("expected an element or 'p(', found '-'"),
            "{text}"
        );
        let (col, text) = column_of(parse("R0-p(R1)").unwrap_err());
        assert_eq!(col, 8);
        assert!(text.contains("at least two"), "{text}");
        let (col, _) = column_of(parse("R0 C1").unwrap_err());
        assert_eq!(col, 4);
        let (col, text) = column_of(parse("R0-p(R1,C1)-CEP2").unwrap_err());
        assert_eq!(col, 13);
        assert!(text.contains("unknown element 'CEP'"), "{text}");
        assert!(text.contains("did you mean 'CPE'"), "{text}");
        let (col, text) = column_of(parse("R1-p(R1,C1)").unwrap_err());
        assert_eq!(col, 6);
        assert!(text.contains("used twice"), "{text}");
        let (col, _) = column_of(parse("R0+C1").unwrap_err());
        assert_eq!(col, 3);
    }
}
