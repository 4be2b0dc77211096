//! The one validation of a fit's set-up: per-parameter bounds and what must hold before
//! any spectrum is seen.
//!
//! A fit keeps each parameter in a range ([`Bound`]): the element's default (positive
//! resistances and capacitances, CPE exponents in (0, 1], …) unless the caller gives an
//! interval `name → (lower, upper)`. The CLI (`--bounds NAME=LO..HI`) and Python
//! (`bounds={"R1": (lo, hi)}`) only parse their syntax into such pairs; the checks —
//! the name is a parameter of the circuit (with the closest name when it is not),
//! finite ends, lower < upper, each name once — are [`parameter_bounds`], and the rest
//! of [`FitOptions`] (starts ≥ 1, the number of initial values, fixed names, initial and
//! fixed values inside their bounds) is [`FitOptions::validate`], which [`crate::fit`]
//! runs first.

use crate::circuit::Circuit;
use crate::element::Bound;
use crate::error::EisError;
use crate::fit::FitOptions;

/// The bound of every parameter of `circuit`, in parameter order: the element's default
/// range, replaced by the given intervals `(name, lower, upper)`.
///
/// Errors: [`EisError::UnknownParameter`] (with the closest name), then per interval
/// [`EisError::NonFiniteBounds`], [`EisError::EmptyBounds`] (lower ≥ upper) and
/// [`EisError::DuplicateBounds`].
pub fn parameter_bounds(
    circuit: &Circuit,
    intervals: &[(String, f64, f64)],
) -> Result<Vec<Bound>, EisError> {
    let mut bounds: Vec<Bound> = circuit.parameter_specs().iter().map(|s| s.bound).collect();
    let mut seen = vec![false; bounds.len()];
    for (name, lower, upper) in intervals {
        let i = circuit.parameter_index(name)?;
        let (lower, upper) = (*lower, *upper);
        if !(lower.is_finite() && upper.is_finite()) {
            return Err(EisError::NonFiniteBounds {
                name: name.clone(),
                lower,
                upper,
            });
        }
        if lower >= upper {
            return Err(EisError::EmptyBounds {
                name: name.clone(),
                lower,
                upper,
            });
        }
        if seen[i] {
            return Err(EisError::DuplicateBounds { name: name.clone() });
        }
        seen[i] = true;
        bounds[i] = Bound::Interval(lower, upper);
    }
    Ok(bounds)
}

/// The part of [`FitOptions`] a set-up error is about ([`FitOptions::option_of`]), so
/// that the CLI can name its flag and Python its argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FitOption {
    /// `starts`.
    Starts,
    /// `bounds[k]`.
    Bounds(usize),
    /// `initial`.
    Initial,
    /// `fixed[k]`.
    Fixed(usize),
}

impl FitOptions {
    /// Check the options against `circuit` before fitting and return the bounds of every
    /// parameter ([`parameter_bounds`]). In order: at least one start, the bounds, the
    /// number of initial values, the names of fixed parameters, and every value the fit
    /// must start from (fixed values; with initial values, all of them) inside its
    /// bounds ([`EisError::ParameterOutOfRange`]). A guessed start outside a bound is not
    /// an error: the fit starts that parameter in the middle of its interval.
    pub fn validate(&self, circuit: &Circuit) -> Result<Vec<Bound>, EisError> {
        if self.starts == 0 {
            return Err(EisError::ZeroCount {
                what: "number of starts",
            });
        }
        let bounds = parameter_bounds(circuit, &self.bounds)?;
        let names = circuit.parameter_names();
        let np = names.len();
        if let Some(v) = &self.initial {
            if v.len() != np {
                return Err(EisError::ParameterCount {
                    circuit: circuit.to_string(),
                    expected: np,
                    found: v.len(),
                    names: names.join(", "),
                });
            }
        }
        let mut start: Vec<Option<f64>> = match &self.initial {
            Some(v) => v.iter().copied().map(Some).collect(),
            None => vec![None; np],
        };
        for (name, value) in &self.fixed {
            start[circuit.parameter_index(name)?] = Some(*value);
        }
        for (i, value) in start.iter().enumerate() {
            if let Some(value) = *value {
                if !bounds[i].contains(value) {
                    return Err(EisError::ParameterOutOfRange {
                        name: names[i].clone(),
                        value,
                        range: bounds[i].describe(),
                    });
                }
            }
        }
        Ok(bounds)
    }

    /// Which option an error of [`FitOptions::validate`] is about; `None` for an error
    /// that is not about the set-up.
    pub fn option_of(&self, e: &EisError) -> Option<FitOption> {
        let same = |a: f64, b: f64| a.to_bits() == b.to_bits();
        let bound = |pick: &dyn Fn(&(String, f64, f64)) -> bool| {
            self.bounds.iter().position(pick).map(FitOption::Bounds)
        };
        let fixed = |name: &str| {
            self.fixed
                .iter()
                .rposition(|(n, _)| n == name)
                .map(FitOption::Fixed)
        };
        match e {
            EisError::ZeroCount {
                what: "number of starts",
            } => Some(FitOption::Starts),
            EisError::NonFiniteBounds { name, lower, upper }
            | EisError::EmptyBounds { name, lower, upper } => {
                bound(&|b| &b.0 == name && same(b.1, *lower) && same(b.2, *upper))
            }
            EisError::DuplicateBounds { name } => self
                .bounds
                .iter()
                .rposition(|b| &b.0 == name)
                .map(FitOption::Bounds),
            EisError::UnknownParameter { name, .. } => {
                bound(&|b| &b.0 == name).or_else(|| fixed(name))
            }
            EisError::ParameterCount { .. } => Some(FitOption::Initial),
            EisError::ParameterOutOfRange { name, .. } => {
                fixed(name).or(self.initial.as_ref().map(|_| FitOption::Initial))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn rc() -> Circuit {
        Circuit::parse("R0-p(R1,CPE1)").unwrap()
    }

    fn one(name: &str, lo: f64, hi: f64) -> Vec<(String, f64, f64)> {
        vec![(name.to_string(), lo, hi)]
    }

    #[test]
    fn intervals_replace_the_element_defaults() {
        let b = parameter_bounds(&rc(), &one("CPE1_1", 0.6, 0.9)).unwrap();
        assert_eq!(
            b,
            [
                Bound::Positive,
                Bound::Positive,
                Bound::Positive,
                Bound::Interval(0.6, 0.9)
            ]
        );
        let defaults = parameter_bounds(&rc(), &[]).unwrap();
        assert_eq!(defaults[3], Bound::Exponent);
    }

    #[test]
    fn bad_bounds_are_typed_errors_naming_the_parameter() {
        let e = parameter_bounds(&rc(), &one("CPE1_2", 0.6, 1.0)).unwrap_err();
        assert!(
            matches!(&e, EisError::UnknownParameter { name, suggestion: Some(s), .. }
                if name == "CPE1_2" && s.starts_with("CPE1_")),
            "{e:?}"
        );
        assert!(e.to_string().contains("did you mean"), "{e}");
        let e = parameter_bounds(&rc(), &one("R1", 1e6, 1e3)).unwrap_err();
        assert_eq!(
            e,
            EisError::EmptyBounds {
                name: "R1".into(),
                lower: 1e6,
                upper: 1e3
            }
        );
        assert_eq!(
            e.to_string(),
            "the lower bound of R1 (1000000) is not below the upper bound (1000)"
        );
        assert!(matches!(
            parameter_bounds(&rc(), &one("R1", 1.0, 1.0)),
            Err(EisError::EmptyBounds { .. })
        ));
        for (lo, hi) in [(f64::NAN, 1.0), (0.0, f64::INFINITY)] {
            assert!(matches!(
                parameter_bounds(&rc(), &one("R1", lo, hi)),
                Err(EisError::NonFiniteBounds { .. })
            ));
        }
        let twice = [one("R1", 1.0, 2.0), one("R1", 3.0, 4.0)].concat();
        assert_eq!(
            parameter_bounds(&rc(), &twice),
            Err(EisError::DuplicateBounds { name: "R1".into() })
        );
    }

    #[test]
    fn errors_say_which_option_they_are_about() {
        let c = rc();
        let check = |o: FitOptions, want: FitOption| {
            let e = o.validate(&c).unwrap_err();
            assert_eq!(o.option_of(&e), Some(want), "{e}");
        };
        let bounds = vec![("R1".to_string(), 1.0, 2.0), ("R0".to_string(), 3.0, 2.0)];
        check(
            FitOptions {
                bounds: bounds.clone(),
                ..FitOptions::default()
            },
            FitOption::Bounds(1),
        );
        let twice = [bounds[..1].to_vec(), bounds[..1].to_vec()].concat();
        check(
            FitOptions {
                bounds: twice,
                ..FitOptions::default()
            },
            FitOption::Bounds(1),
        );
        check(
            FitOptions {
                starts: 0,
                ..FitOptions::default()
            },
            FitOption::Starts,
        );
        check(
            FitOptions {
                initial: Some(vec![1.0]),
                ..FitOptions::default()
            },
            FitOption::Initial,
        );
        let fixed = vec![("R0".to_string(), 1.0), ("R7".to_string(), 1.0)];
        check(
            FitOptions {
                fixed,
                ..FitOptions::default()
            },
            FitOption::Fixed(1),
        );
        check(
            FitOptions {
                fixed: vec![("CPE1_1".to_string(), 2.0)],
                ..FitOptions::default()
            },
            FitOption::Fixed(0),
        );
        check(
            FitOptions {
                initial: Some(vec![1.0, -2.0, 1e-6, 0.8]),
                ..FitOptions::default()
            },
            FitOption::Initial,
        );
        let other = EisError::BadSpectrum("x".into());
        assert_eq!(FitOptions::default().option_of(&other), None);
    }

    #[test]
    fn options_are_checked_before_any_spectrum() {
        let c = rc();
        let ok = FitOptions {
            initial: Some(vec![1.0, 2.0, 1e-6, 0.8]),
            bounds: one("R1", 1.0, 3.0),
            ..FitOptions::default()
        };
        assert_eq!(ok.validate(&c).unwrap()[1], Bound::Interval(1.0, 3.0));
        let zero = FitOptions {
            starts: 0,
            ..FitOptions::default()
        };
        assert_eq!(
            zero.validate(&c),
            Err(EisError::ZeroCount {
                what: "number of starts"
            })
        );
        let short = FitOptions {
            initial: Some(vec![1.0]),
            ..FitOptions::default()
        };
        assert!(matches!(
            short.validate(&c),
            Err(EisError::ParameterCount {
                expected: 4,
                found: 1,
                ..
            })
        ));
        // An initial value outside its (user) bounds, a fixed value outside the
        // element's range, a fixed name the circuit does not have.
        let outside = FitOptions {
            bounds: one("R1", 5.0, 6.0),
            ..ok.clone()
        };
        assert!(matches!(
            outside.validate(&c),
            Err(EisError::ParameterOutOfRange { name, value, .. }) if name == "R1" && value == 2.0
        ));
        let fixed = FitOptions {
            fixed: vec![("CPE1_1".into(), 1.5)],
            ..FitOptions::default()
        };
        assert!(matches!(
            fixed.validate(&c),
            Err(EisError::ParameterOutOfRange { name, .. }) if name == "CPE1_1"
        ));
        let unknown = FitOptions {
            fixed: vec![("R9".into(), 1.0)],
            ..FitOptions::default()
        };
        assert!(matches!(
            unknown.validate(&c),
            Err(EisError::UnknownParameter { name, .. }) if name == "R9"
        ));
    }
}
