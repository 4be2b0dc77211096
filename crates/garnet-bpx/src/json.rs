//! Path-tracking access to a JSON document, so that every error names where it is.

use serde_json::{Map, Value};

use crate::expr::Expr;
use crate::BpxError;

/// A JSON value and its path from the root (`Parameterisation.Cell.Electrode area [m2]`).
#[derive(Debug, Clone)]
pub(crate) struct Owned<'a> {
    pub path: String,
    pub value: &'a Value,
}

impl<'a> Owned<'a> {
    pub fn root(value: &'a Value) -> Self {
        Owned {
            path: String::new(),
            value,
        }
    }

    fn child_path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    pub fn object(&self) -> Result<&'a Map<String, Value>, BpxError> {
        self.value.as_object().ok_or_else(|| BpxError::Type {
            path: self.path_or_root(),
            expected: "an object",
        })
    }

    fn path_or_root(&self) -> String {
        if self.path.is_empty() {
            "(document)".to_string()
        } else {
            self.path.clone()
        }
    }

    /// A child that may be absent.
    pub fn opt(&self, key: &str) -> Result<Option<Owned<'a>>, BpxError> {
        Ok(self.object()?.get(key).map(|v| Owned {
            path: self.child_path(key),
            value: v,
        }))
    }

    /// A required child.
    pub fn get(&self, key: &str) -> Result<Owned<'a>, BpxError> {
        self.opt(key)?.ok_or_else(|| BpxError::Missing {
            path: self.child_path(key),
        })
    }

    /// A required number.
    pub fn number(&self, key: &str) -> Result<f64, BpxError> {
        self.get(key)?.as_number()
    }

    /// An optional number.
    pub fn opt_number(&self, key: &str) -> Result<Option<f64>, BpxError> {
        self.opt(key)?.map(|n| n.as_number()).transpose()
    }

    /// A required positive number.
    pub fn positive(&self, key: &str) -> Result<f64, BpxError> {
        let v = self.number(key)?;
        if v > 0.0 {
            Ok(v)
        } else {
            Err(BpxError::Value {
                path: self.child_path(key),
                message: format!("must be positive, got {v}"),
            })
        }
    }

    /// A required number in [0, 1] (`open`: in (0, 1)).
    pub fn fraction(&self, key: &str, open: bool) -> Result<f64, BpxError> {
        let v = self.number(key)?;
        let ok = if open {
            v > 0.0 && v < 1.0
        } else {
            (0.0..=1.0).contains(&v)
        };
        if ok {
            Ok(v)
        } else {
            Err(BpxError::Value {
                path: self.child_path(key),
                message: format!("{v} is outside {}", if open { "(0, 1)" } else { "[0, 1]" }),
            })
        }
    }

    pub fn as_number(&self) -> Result<f64, BpxError> {
        match self.value.as_f64() {
            Some(v) if v.is_finite() => Ok(v),
            _ => Err(BpxError::Type {
                path: self.path.clone(),
                expected: "a number",
            }),
        }
    }

    /// An optional string.
    pub fn opt_string(&self, key: &str) -> Result<Option<&'a str>, BpxError> {
        match self.opt(key)? {
            None => Ok(None),
            Some(n) => n.value.as_str().map(Some).ok_or(BpxError::Type {
                path: n.path,
                expected: "a string",
            }),
        }
    }
}

/// A BPX `FloatFunctionTable`: a number, an expression in x, or a table {x, y}.
#[derive(Debug, Clone, PartialEq)]
pub enum FloatFunctionTable {
    /// A constant.
    Number(f64),
    /// An expression in x, and its text.
    Expression(Expr, String),
    /// A table: x (sorted increasing) and y.
    Table(Vec<f64>, Vec<f64>),
}

impl FloatFunctionTable {
    /// Read one at `node`.
    pub(crate) fn read(node: &Owned) -> Result<Self, BpxError> {
        match node.value {
            Value::Number(_) => Ok(FloatFunctionTable::Number(node.as_number()?)),
            Value::String(s) => {
                let e = Expr::parse(s).map_err(|error| BpxError::Expression {
                    path: node.path.clone(),
                    expression: s.clone(),
                    error,
                })?;
                Ok(FloatFunctionTable::Expression(e, s.clone()))
            }
            Value::Object(_) => {
                let array = |key: &str| -> Result<Vec<f64>, BpxError> {
                    let a = node.get(key)?;
                    let items = a.value.as_array().ok_or_else(|| BpxError::Type {
                        path: a.path.clone(),
                        expected: "an array of numbers",
                    })?;
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| match v.as_f64() {
                            Some(v) if v.is_finite() => Ok(v),
                            _ => Err(BpxError::Type {
                                path: format!("{}[{i}]", a.path),
                                expected: "a number",
                            }),
                        })
                        .collect()
                };
                if let Some(k) = node.object()?.keys().find(|k| *k != "x" && *k != "y") {
                    return Err(BpxError::Value {
                        path: format!("{}.{k}", node.path),
                        message: "unexpected key: a BPX table has only \"x\" and \"y\"".to_string(),
                    });
                }
                let (x, y) = (array("x")?, array("y")?);
                if x.len() != y.len() {
                    return Err(BpxError::Value {
                        path: format!("{}.y", node.path),
                        message: format!("{} values for {} x values", y.len(), x.len()),
                    });
                }
                if x.len() < 2 {
                    return Err(BpxError::Value {
                        path: format!("{}.x", node.path),
                        message: "a table needs at least 2 points".to_string(),
                    });
                }
                let mut pairs: Vec<(f64, f64)> = x.into_iter().zip(y).collect();
                pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
                if let Some(w) = pairs.windows(2).find(|w| w[0].0 == w[1].0) {
                    return Err(BpxError::Value {
                        path: format!("{}.x", node.path),
                        message: format!("x = {} appears twice", w[0].0),
                    });
                }
                Ok(FloatFunctionTable::Table(
                    pairs.iter().map(|p| p.0).collect(),
                    pairs.iter().map(|p| p.1).collect(),
                ))
            }
            _ => Err(BpxError::Type {
                path: node.path.clone(),
                expected: "a number, an expression string or a table {\"x\": [...], \"y\": [...]}",
            }),
        }
    }

    /// Value at x (tables: linear interpolation, constant beyond the ends).
    pub fn eval(&self, x: f64) -> f64 {
        match self {
            FloatFunctionTable::Number(v) => *v,
            FloatFunctionTable::Expression(e, _) => e.eval(x),
            FloatFunctionTable::Table(xs, ys) => {
                let n = xs.len();
                if x <= xs[0] {
                    return ys[0];
                }
                if x >= xs[n - 1] {
                    return ys[n - 1];
                }
                let i = xs.partition_point(|&v| v <= x) - 1;
                let t = (x - xs[i]) / (xs[i + 1] - xs[i]);
                ys[i] + t * (ys[i + 1] - ys[i])
            }
        }
    }

    /// Whether the value depends on x.
    pub fn is_constant(&self) -> bool {
        match self {
            FloatFunctionTable::Number(_) => true,
            FloatFunctionTable::Expression(e, _) => !e.uses_x(),
            FloatFunctionTable::Table(_, y) => y.iter().all(|v| *v == y[0]),
        }
    }
}
