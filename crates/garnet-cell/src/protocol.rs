//! Protocols: constant current until a voltage, constant voltage until a current,
//! rest, repeated cycles — from TOML or from short strings such as
//! `"Discharge at 1C until 3.5 V"`.
//!
//! Step grammar (case-insensitive; units as anywhere in garnet):
//!
//! ```text
//! Discharge at <rate> [until <voltage>] [for <time>]   rate: 1C, C/10, 2 mA/cm2, 0.5 mA
//! Charge at <rate> [until <voltage>] [for <time>]
//! Hold at <voltage> until <current> [for <time>]        current: C/20, 0.05 mA/cm2
//! Rest for <time>                                        time: 10 min, 1 h, 30 s
//! ```
//! A discharge without `until` stops at the design's `voltage_min`, a charge at
//! `voltage_max`.

use garnet_units::{Dimension, Quantity};
use serde::Deserialize;

use crate::CellError;

/// How a current is given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CurrentSpec {
    /// Multiple of the nominal capacity per hour.
    CRate(f64),
    /// Current density (A/m²).
    Density(f64),
    /// Total current (A).
    Total(f64),
}

/// One protocol step.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Constant current; `discharge` gives the direction.
    ConstantCurrent {
        /// Discharge (true) or charge.
        discharge: bool,
        /// Magnitude.
        current: CurrentSpec,
        /// Stop at this voltage (V); `None`: the design's cut-off.
        until_voltage: Option<f64>,
        /// Stop after this time (s).
        max_time: Option<f64>,
    },
    /// Constant voltage until the current magnitude falls to a limit.
    ConstantVoltage {
        /// Voltage (V).
        voltage: f64,
        /// Stop when |I| falls below this.
        until_current: CurrentSpec,
        /// Stop after this time (s).
        max_time: Option<f64>,
    },
    /// Open circuit.
    Rest {
        /// Duration (s).
        duration: f64,
    },
}

impl Step {
    /// Parse one step from text.
    pub fn parse(index: usize, text: &str) -> Result<Step, CellError> {
        let err = |message: &str| CellError::Protocol {
            index,
            text: text.to_string(),
            message: message.to_string(),
        };
        let lower = text.trim().to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let verb = *words.first().ok_or_else(|| err("empty step"))?;
        // Split "… until X … for Y" into its parts.
        let find = |kw: &str| lower.find(&format!(" {kw} "));
        let part = |start: usize, stops: &[Option<usize>]| -> String {
            let end = stops
                .iter()
                .flatten()
                .copied()
                .filter(|&e| e > start)
                .min()
                .unwrap_or(lower.len());
            lower[start..end].trim().to_string()
        };
        let at = find("at");
        let until = find("until");
        let for_ = find("for");
        let max_time = match for_ {
            Some(p) => Some(parse_time(&part(p + 5, &[until, at]), &err)?),
            None => None,
        };
        match verb {
            "discharge" | "charge" => {
                let p = at.ok_or_else(|| {
                    err("expected 'at <rate>', e.g. \"Discharge at 1C until 3.5 V\"")
                })?;
                let current = parse_current(&part(p + 4, &[until, for_]), &err)?;
                let until_voltage = match until {
                    Some(u) => Some(parse_quantity(
                        &part(u + 7, &[for_]),
                        Dimension::VOLTAGE,
                        "a voltage such as 3.5 V",
                        &err,
                    )?),
                    None => None,
                };
                Ok(Step::ConstantCurrent {
                    discharge: verb == "discharge",
                    current,
                    until_voltage,
                    max_time,
                })
            }
            "hold" => {
                let p = at.ok_or_else(|| err("expected 'Hold at <voltage> until <current>'"))?;
                let voltage = parse_quantity(
                    &part(p + 4, &[until, for_]),
                    Dimension::VOLTAGE,
                    "a voltage such as 4.2 V",
                    &err,
                )?;
                let u = until.ok_or_else(|| err("expected 'until <current>', e.g. until C/20"))?;
                let until_current = parse_current(&part(u + 7, &[for_]), &err)?;
                Ok(Step::ConstantVoltage {
                    voltage,
                    until_current,
                    max_time,
                })
            }
            "rest" => {
                let duration = max_time
                    .ok_or_else(|| err("expected 'Rest for <time>', e.g. Rest for 10 min"))?;
                Ok(Step::Rest { duration })
            }
            other => Err(err(&format!(
                "unknown action '{other}': expected Discharge, Charge, Hold or Rest"
            ))),
        }
    }

    /// Text of the step (for outputs and messages).
    pub fn describe(&self) -> String {
        let cur = |c: &CurrentSpec| match c {
            CurrentSpec::CRate(r) => format!("{r}C"),
            CurrentSpec::Density(d) => format!("{} mA/cm2", d / 10.0),
            CurrentSpec::Total(a) => format!("{} mA", a * 1e3),
        };
        match self {
            Step::ConstantCurrent {
                discharge,
                current,
                until_voltage,
                max_time,
            } => {
                let mut s = format!(
                    "{} at {}",
                    if *discharge { "Discharge" } else { "Charge" },
                    cur(current)
                );
                if let Some(v) = until_voltage {
                    s += &format!(" until {v} V");
                }
                if let Some(t) = max_time {
                    s += &format!(" for {t} s");
                }
                s
            }
            Step::ConstantVoltage {
                voltage,
                until_current,
                max_time,
            } => {
                let mut s = format!("Hold at {voltage} V until {}", cur(until_current));
                if let Some(t) = max_time {
                    s += &format!(" for {t} s");
                }
                s
            }
            Step::Rest { duration } => format!("Rest for {duration} s"),
        }
    }
}

fn parse_quantity(
    text: &str,
    dim: Dimension,
    expected: &str,
    err: &dyn Fn(&str) -> CellError,
) -> Result<f64, CellError> {
    let cleaned = text.replace(" v", " V").replace("mv", "mV");
    let cleaned = if cleaned.ends_with('v') {
        format!("{}V", &cleaned[..cleaned.len() - 1])
    } else {
        cleaned
    };
    Quantity::parse_as("step", &cleaned, dim)
        .map(|q| q.value)
        .map_err(|e| err(&format!("expected {expected}: {e}")))
}

fn parse_time(text: &str, err: &dyn Fn(&str) -> CellError) -> Result<f64, CellError> {
    let t = text
        .replace("minutes", "min")
        .replace("minute", "min")
        .replace("hours", "h")
        .replace("hour", "h")
        .replace("seconds", "s")
        .replace("second", "s");
    let v = parse_quantity(&t, Dimension::TIME, "a time such as 10 min or 1 h", err)?;
    if v > 0.0 {
        Ok(v)
    } else {
        Err(err("the time must be positive"))
    }
}

fn parse_current(text: &str, err: &dyn Fn(&str) -> CellError) -> Result<CurrentSpec, CellError> {
    let upper = text.replace('c', "C");
    if let Ok(q) = Quantity::parse_as("step", &upper, Dimension::C_RATE) {
        return positive(CurrentSpec::CRate(q.value), err);
    }
    let t = text.replace("ma", "mA").replace("ua", "uA");
    let t = if t.ends_with(" a") {
        format!("{}A", &t[..t.len() - 1])
    } else {
        t
    };
    if let Ok(q) = Quantity::parse_as("step", &t, Dimension::CURRENT_DENSITY) {
        return positive(CurrentSpec::Density(q.value), err);
    }
    if let Ok(q) = Quantity::parse_as("step", &t, Dimension::CURRENT) {
        return positive(CurrentSpec::Total(q.value), err);
    }
    Err(err(&format!("'{text}' is not a current: expected a C-rate (1C, C/10), a current density (2 mA/cm2) or a current (0.5 mA)")))
}

fn positive(c: CurrentSpec, err: &dyn Fn(&str) -> CellError) -> Result<CurrentSpec, CellError> {
    let v = match c {
        CurrentSpec::CRate(v) | CurrentSpec::Density(v) | CurrentSpec::Total(v) => v,
    };
    if v > 0.0 && v.is_finite() {
        Ok(c)
    } else {
        Err(err(
            "the current must be positive (the verb gives the direction)",
        ))
    }
}

/// A protocol: steps, repeated `cycles` times.
#[derive(Debug, Clone, PartialEq)]
pub struct Protocol {
    /// The steps of one cycle.
    pub steps: Vec<Step>,
    /// How many times to run them.
    pub cycles: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProtocolFile {
    steps: Vec<String>,
    #[serde(default = "one")]
    cycles: usize,
}

fn one() -> usize {
    1
}

impl Protocol {
    /// One constant-current discharge to the design's cut-off.
    pub fn discharge(c_rate: f64) -> Self {
        Self {
            steps: vec![Step::ConstantCurrent {
                discharge: true,
                current: CurrentSpec::CRate(c_rate),
                until_voltage: None,
                max_time: None,
            }],
            cycles: 1,
        }
    }

    /// Parse step strings.
    pub fn from_strings(steps: &[&str], cycles: usize) -> Result<Self, CellError> {
        let steps = steps
            .iter()
            .enumerate()
            .map(|(i, s)| Step::parse(i + 1, s))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self { steps, cycles })
    }

    /// Parse a protocol TOML file: `steps = ["Charge at C/2 until 4.2 V", …]`, `cycles = 3`.
    pub fn from_toml(file: &str, text: &str) -> Result<Self, CellError> {
        let raw: ProtocolFile = toml::from_str(text).map_err(|e| CellError::Parse {
            file: file.to_string(),
            message: e.to_string(),
        })?;
        if raw.steps.is_empty() {
            return Err(CellError::Field {
                file: file.to_string(),
                field: "steps".to_string(),
                message: "no steps".to_string(),
            });
        }
        if raw.cycles == 0 || raw.cycles > 100_000 {
            return Err(CellError::Field {
                file: file.to_string(),
                field: "cycles".to_string(),
                message: format!("{}: expected 1–100000", raw.cycles),
            });
        }
        let refs: Vec<&str> = raw.steps.iter().map(String::as_str).collect();
        Self::from_strings(&refs, raw.cycles)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_usual_steps() {
        let s = Step::parse(1, "Discharge at 1C until 3.5 V").unwrap();
        assert_eq!(
            s,
            Step::ConstantCurrent {
                discharge: true,
                current: CurrentSpec::CRate(1.0),
                until_voltage: Some(3.5),
                max_time: None
            }
        );
        let s = Step::parse(1, "Charge at C/10 until 4.2V").unwrap();
        assert!(
            matches!(s, Step::ConstantCurrent { discharge: false, current: CurrentSpec::CRate(r), until_voltage: Some(v), .. } if (r - 0.1).abs() < 1e-12 && (v - 4.2).abs() < 1e-12)
        );
        let s = Step::parse(1, "Hold at 4.2 V until C/20").unwrap();
        assert!(
            matches!(s, Step::ConstantVoltage { until_current: CurrentSpec::CRate(r), .. } if (r - 0.05).abs() < 1e-12)
        );
        assert_eq!(
            Step::parse(1, "Rest for 10 min").unwrap(),
            Step::Rest { duration: 600.0 }
        );
        let s = Step::parse(1, "Discharge at 2 mA/cm2 until 3 V").unwrap();
        assert!(
            matches!(s, Step::ConstantCurrent { current: CurrentSpec::Density(d), .. } if (d - 20.0).abs() < 1e-9)
        );
        let s = Step::parse(1, "Discharge at 0.5 mA for 1 h").unwrap();
        assert!(
            matches!(s, Step::ConstantCurrent { current: CurrentSpec::Total(a), max_time: Some(t), .. } if (a - 5e-4).abs() < 1e-12 && (t - 3600.0).abs() < 1e-9)
        );
    }

    #[test]
    fn bad_steps_say_why() {
        for (text, needle) in [
            ("Dance at 1C", "unknown action"),
            ("Discharge until 3 V", "at <rate>"),
            ("Discharge at 1 V until 3 V", "not a current"),
            ("Hold at 4.2 V", "until <current>"),
            ("Rest", "Rest for"),
            ("Discharge at -1C", "positive"),
        ] {
            let e = Step::parse(3, text).unwrap_err().to_string();
            assert!(e.contains(needle) && e.contains("step 3"), "{text}: {e}");
        }
    }
}
