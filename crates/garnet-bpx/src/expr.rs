//! BPX `Function` expressions: arithmetic in one variable `x`.
//!
//! BPX (`bpx.Function`) allows numbers, `+ - * / **`, parentheses, the functions
//! `exp`, `tanh` and `cosh`, and the single variable `x`; the string is Python
//! syntax and BPX tools evaluate it as Python, so the precedence here is Python's:
//!
//! ```text
//! expr   := term (('+' | '-') term)*
//! term   := unary (('*' | '/') unary)*
//! unary  := ('+' | '-') unary | power
//! power  := atom ('**' unary)?          (right-associative; -x**2 = -(x**2))
//! atom   := number | 'x' | name '(' expr ')' | '(' expr ')'
//! ```
//!
//! Anything else (other variables such as `T`, other functions, several arguments)
//! is an [`ExprError`] that names the character position and what was expected.

/// Why a BPX expression does not parse: the 1-based character position and the
/// problem there. The message is the one garnet has always printed, e.g. "at
/// character 5: unsupported function 'log' (BPX allows exp, tanh and cosh)".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct ExprError {
    /// 1-based character position (one past the last character at the end).
    pub position: usize,
    /// What is wrong there.
    pub problem: ExprProblem,
}

/// What is wrong at an [`ExprError`]'s position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprProblem {
    /// Something else was expected (`found`: the character there; `None` at the end).
    Expected {
        /// What the grammar allows here, e.g. "')'" or "a number, x, a function or '('".
        expected: String,
        /// The character found.
        found: Option<char>,
    },
    /// A function other than exp, tanh and cosh.
    UnsupportedFunction(String),
    /// A variable other than x.
    UnsupportedVariable(String),
    /// A function called with more than one argument.
    OneArgument(String),
    /// Digits that do not make a number.
    NotANumber(String),
}

impl ExprError {
    fn message(&self) -> String {
        let at = self.position;
        match &self.problem {
            ExprProblem::Expected {
                expected,
                found: Some(c),
            } => format!("at character {at}: expected {expected}, found '{c}'"),
            ExprProblem::Expected {
                expected,
                found: None,
            } => format!("at the end: expected {expected}"),
            ExprProblem::UnsupportedFunction(name) => format!(
                "at character {at}: unsupported function '{name}' (BPX allows exp, tanh and cosh)"
            ),
            ExprProblem::UnsupportedVariable(name) => format!(
                "at character {at}: unsupported variable '{name}' (BPX expressions have one variable, x; temperature dependence is given by activation energies)"
            ),
            ExprProblem::OneArgument(name) => {
                format!("at character {at}: {name} takes one argument")
            }
            ExprProblem::NotANumber(text) => format!("at character {at}: '{text}' is not a number"),
        }
    }
}

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A number.
    Num(f64),
    /// The variable `x`.
    X,
    /// −a.
    Neg(Box<Expr>),
    /// a ∘ b.
    Bin(Op, Box<Expr>, Box<Expr>),
    /// f(a).
    Call(Func, Box<Expr>),
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// +
    Add,
    /// −
    Sub,
    /// ×
    Mul,
    /// ÷
    Div,
    /// ** (power)
    Pow,
}

/// A function BPX allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// exp
    Exp,
    /// tanh
    Tanh,
    /// cosh
    Cosh,
}

impl Expr {
    /// Parse a BPX expression; the error message names the character position.
    pub fn parse(text: &str) -> Result<Expr, ExprError> {
        let mut p = Parser {
            chars: text.chars().collect(),
            pos: 0,
        };
        let e = p.expr()?;
        p.skip_ws();
        if p.pos < p.chars.len() {
            return Err(p.error("an operator or the end of the expression"));
        }
        Ok(e)
    }

    /// Value at `x`.
    pub fn eval(&self, x: f64) -> f64 {
        match self {
            Expr::Num(v) => *v,
            Expr::X => x,
            Expr::Neg(a) => -a.eval(x),
            Expr::Bin(op, a, b) => {
                let (a, b) = (a.eval(x), b.eval(x));
                match op {
                    Op::Add => a + b,
                    Op::Sub => a - b,
                    Op::Mul => a * b,
                    Op::Div => a / b,
                    Op::Pow => a.powf(b),
                }
            }
            Expr::Call(f, a) => {
                let a = a.eval(x);
                match f {
                    Func::Exp => a.exp(),
                    Func::Tanh => a.tanh(),
                    Func::Cosh => a.cosh(),
                }
            }
        }
    }

    /// Whether the expression contains `x` (if not, it is a constant).
    pub fn uses_x(&self) -> bool {
        match self {
            Expr::Num(_) => false,
            Expr::X => true,
            Expr::Neg(a) | Expr::Call(_, a) => a.uses_x(),
            Expr::Bin(_, a, b) => a.uses_x() || b.uses_x(),
        }
    }
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn error(&self, wanted: &str) -> ExprError {
        ExprError {
            position: self.pos + 1,
            problem: ExprProblem::Expected {
                expected: wanted.to_string(),
                found: self.chars.get(self.pos).copied(),
            },
        }
    }

    fn skip_ws(&mut self) {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_ws();
        self.chars.get(self.pos).copied()
    }

    fn starts_with(&mut self, s: &str) -> bool {
        self.skip_ws();
        let n = s.chars().count();
        self.chars.len() >= self.pos + n
            && self.chars[self.pos..self.pos + n]
                .iter()
                .copied()
                .eq(s.chars())
    }

    fn expr(&mut self) -> Result<Expr, ExprError> {
        let mut a = self.term()?;
        loop {
            let op = match self.peek() {
                Some('+') => Op::Add,
                Some('-') => Op::Sub,
                _ => return Ok(a),
            };
            self.pos += 1;
            let b = self.term()?;
            a = Expr::Bin(op, Box::new(a), Box::new(b));
        }
    }

    fn term(&mut self) -> Result<Expr, ExprError> {
        let mut a = self.unary()?;
        loop {
            let op = if self.starts_with("**") {
                return Ok(a);
            } else {
                match self.peek() {
                    Some('*') => Op::Mul,
                    Some('/') => Op::Div,
                    _ => return Ok(a),
                }
            };
            self.pos += 1;
            let b = self.unary()?;
            a = Expr::Bin(op, Box::new(a), Box::new(b));
        }
    }

    fn unary(&mut self) -> Result<Expr, ExprError> {
        match self.peek() {
            Some('-') => {
                self.pos += 1;
                Ok(Expr::Neg(Box::new(self.unary()?)))
            }
            Some('+') => {
                self.pos += 1;
                self.unary()
            }
            _ => self.power(),
        }
    }

    fn power(&mut self) -> Result<Expr, ExprError> {
        let base = self.atom()?;
        if self.starts_with("**") {
            self.pos += 2;
            let exponent = self.unary()?;
            return Ok(Expr::Bin(Op::Pow, Box::new(base), Box::new(exponent)));
        }
        Ok(base)
    }

    fn atom(&mut self) -> Result<Expr, ExprError> {
        match self.peek() {
            Some('(') => {
                self.pos += 1;
                let e = self.expr()?;
                if self.peek() != Some(')') {
                    return Err(self.error("')'"));
                }
                self.pos += 1;
                Ok(e)
            }
            Some(c) if c.is_ascii_digit() || c == '.' => self.number(),
            Some(c) if c.is_alphabetic() || c == '_' => {
                let start = self.pos;
                while self
                    .chars
                    .get(self.pos)
                    .is_some_and(|c| c.is_alphanumeric() || *c == '_')
                {
                    self.pos += 1;
                }
                let name: String = self.chars[start..self.pos].iter().collect();
                if name == "x" {
                    return Ok(Expr::X);
                }
                let func = match name.as_str() {
                    "exp" => Func::Exp,
                    "tanh" => Func::Tanh,
                    "cosh" => Func::Cosh,
                    _ => {
                        let problem = if self.peek() == Some('(') {
                            ExprProblem::UnsupportedFunction(name)
                        } else {
                            ExprProblem::UnsupportedVariable(name)
                        };
                        return Err(ExprError {
                            position: start + 1,
                            problem,
                        });
                    }
                };
                if self.peek() != Some('(') {
                    return Err(self.error(&format!("'(' after {name}")));
                }
                self.pos += 1;
                let arg = self.expr()?;
                match self.peek() {
                    Some(')') => self.pos += 1,
                    Some(',') => {
                        return Err(ExprError {
                            position: self.pos + 1,
                            problem: ExprProblem::OneArgument(name),
                        })
                    }
                    _ => return Err(self.error("')'")),
                }
                Ok(Expr::Call(func, Box::new(arg)))
            }
            _ => Err(self.error("a number, x, a function or '('")),
        }
    }

    fn number(&mut self) -> Result<Expr, ExprError> {
        let start = self.pos;
        let digits = |p: &mut Parser| {
            while p.chars.get(p.pos).is_some_and(|c| c.is_ascii_digit()) {
                p.pos += 1;
            }
        };
        digits(self);
        if self.chars.get(self.pos) == Some(&'.') {
            self.pos += 1;
            digits(self);
        }
        if matches!(self.chars.get(self.pos), Some('e' | 'E')) {
            let save = self.pos;
            self.pos += 1;
            if matches!(self.chars.get(self.pos), Some('+' | '-')) {
                self.pos += 1;
            }
            if self.chars.get(self.pos).is_some_and(|c| c.is_ascii_digit()) {
                digits(self);
            } else {
                self.pos = save;
            }
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        text.parse::<f64>().map(Expr::Num).map_err(|_| ExprError {
            position: start + 1,
            problem: ExprProblem::NotANumber(text),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn ev(s: &str, x: f64) -> f64 {
        Expr::parse(s).unwrap().eval(x)
    }

    #[test]
    fn python_precedence() {
        assert_eq!(ev("1 + 2 * 3", 0.0), 7.0);
        assert_eq!(ev("-2**2", 0.0), -4.0); // Python: -(2**2)
        assert_eq!(ev("2**3**2", 0.0), 512.0); // right-associative
        assert_eq!(ev("2**-1", 0.0), 0.5);
        assert_eq!(ev("8 / 4 / 2", 0.0), 1.0);
        assert_eq!(ev("(1 - x) * 2", 0.25), 1.5);
        assert_eq!(ev("3.3e-14", 0.0), 3.3e-14);
        assert_eq!(ev("1E+2 - .5", 0.0), 99.5);
    }

    #[test]
    fn functions_of_x() {
        let x: f64 = 0.3;
        let v = ev(
            "1.9793 * exp(-39.3631 * x) + tanh(x) - cosh(2*x) + x**0.5",
            x,
        );
        let want = 1.9793 * (-39.3631 * x).exp() + x.tanh() - (2.0 * x).cosh() + x.sqrt();
        assert!((v - want).abs() < 1e-15);
        assert!(Expr::parse("exp(x)").unwrap().uses_x());
        assert!(!Expr::parse("2 * exp(1)").unwrap().uses_x());
    }

    #[test]
    fn errors_carry_position_and_problem() {
        let e = Expr::parse("1 + log(x)").unwrap_err();
        assert_eq!(e.position, 5);
        assert_eq!(e.problem, ExprProblem::UnsupportedFunction("log".into()));
        let e = Expr::parse("(1 + x").unwrap_err();
        assert_eq!(
            e,
            ExprError {
                position: 7,
                problem: ExprProblem::Expected {
                    expected: "')'".into(),
                    found: None
                }
            }
        );
        let e = Expr::parse("exp(x, 2)").unwrap_err();
        assert_eq!(
            (e.position, e.problem),
            (6, ExprProblem::OneArgument("exp".into()))
        );
        let e = Expr::parse("1 2").unwrap_err();
        assert_eq!(
            e.to_string(),
            "at character 3: expected an operator or the end of the expression, found '2'"
        );
        let e = Expr::parse("3e-14 * exp(-1000 / T)").unwrap_err();
        assert_eq!(
            (e.position, e.problem),
            (21, ExprProblem::UnsupportedVariable("T".into()))
        );
    }

    #[test]
    fn errors_name_the_position() {
        let e = Expr::parse("1 + log(x)").unwrap_err().to_string();
        assert!(
            e.contains("character 5") && e.contains("function 'log'"),
            "{e}"
        );
        let e = Expr::parse("3e-14 * exp(-1000 / T)")
            .unwrap_err()
            .to_string();
        assert!(e.contains("variable 'T'"), "{e}");
        let e = Expr::parse("(1 + x").unwrap_err().to_string();
        assert!(e.contains("')'"), "{e}");
        let e = Expr::parse("1 + ").unwrap_err().to_string();
        assert!(e.contains("at the end"), "{e}");
        let e = Expr::parse("1 2").unwrap_err().to_string();
        assert!(e.contains("character 3"), "{e}");
    }
}
