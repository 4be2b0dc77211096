//! One swept field: `PATH=VALUES`, parsed with the field's kind and dimension from
//! the design schema (`garnet_cell::edit::fields()`).

use garnet_cell::edit::{fields, FieldKind};
use garnet_units::{parse_values, Dimension};
use serde::Serialize;

use crate::SweepError;

/// What a swept field holds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum VariedKind {
    /// A quantity, given with units and kept in SI.
    Quantity {
        /// Its dimension.
        #[serde(skip)]
        dimension: Dimension,
        /// The SI unit written after the path in column names (`m`, `S_per_m`, …).
        si_unit: &'static str,
    },
    /// A plain number (fractions, exponents, tolerances).
    Number,
    /// A whole number (mesh sizes); Latin-hypercube values are rounded.
    Integer,
}

/// One swept field and its values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variation {
    /// Dotted design path, e.g. `separator.thickness`.
    pub path: String,
    /// What the field holds.
    pub kind: VariedKind,
    /// The values of a full-factorial sweep, in SI, in the order given (empty for a
    /// bare range `A..B`, which only a Latin hypercube can use).
    pub values: Vec<f64>,
    /// The ends `(A, B)` when the values were given as one range `A..B[:N]`: the
    /// interval a Latin hypercube samples. `None` for a single value or a list.
    pub bounds: Option<(f64, f64)>,
}

/// The SI unit of a dimension as a column-name suffix (`S_per_m`, not `S/m`, so
/// that the name is a valid identifier in pandas, polars and SQL).
pub fn si_suffix(d: Dimension) -> &'static str {
    let areal_capacitance = Dimension::CAPACITANCE.mul(Dimension::AREA.inv());
    const TABLE: &[(Dimension, &str)] = &[
        (Dimension::LENGTH, "m"),
        (Dimension::MASS, "kg"),
        (Dimension::TIME, "s"),
        (Dimension::CURRENT, "A"),
        (Dimension::TEMPERATURE, "K"),
        (Dimension::CHARGE, "C"),
        (Dimension::VOLTAGE, "V"),
        (Dimension::RESISTANCE, "ohm"),
        (Dimension::AREA_SPECIFIC_RESISTANCE, "ohm_m2"),
        (Dimension::CONDUCTIVITY, "S_per_m"),
        (Dimension::PRESSURE, "Pa"),
        (Dimension::AREA, "m2"),
        (Dimension::VOLUME, "m3"),
        (Dimension::DENSITY, "kg_per_m3"),
        (Dimension::AREAL_MASS, "kg_per_m2"),
        (Dimension::SPECIFIC_CAPACITY, "C_per_kg"),
        (Dimension::AREAL_CAPACITY, "C_per_m2"),
        (Dimension::CURRENT_DENSITY, "A_per_m2"),
        (Dimension::DIFFUSIVITY, "m2_per_s"),
        (Dimension::CONCENTRATION, "mol_per_m3"),
        (Dimension::CAPACITANCE, "F"),
        (Dimension::FREQUENCY, "Hz"),
    ];
    if d == areal_capacitance {
        return "F_per_m2";
    }
    TABLE
        .iter()
        .find(|(dim, _)| *dim == d)
        .map_or("si", |(_, s)| s)
}

impl Variation {
    /// Parse `PATH=VALUES`: VALUES is a value (`50um`), a list (`20um,50um`), a
    /// range `A..B:N` (N evenly spaced values, ends included), or a mix of these
    /// separated by commas. A range without `:N` (`A..B`) gives only its bounds, for
    /// Latin-hypercube sampling (no factorial values).
    pub fn parse(spec: &str) -> Result<Self, SweepError> {
        let (path, values) = spec.split_once('=').ok_or_else(|| SweepError::Spec {
            spec: spec.to_string(),
        })?;
        let (path, values) = (path.trim(), values.trim());
        if path.is_empty() || values.is_empty() {
            return Err(SweepError::Spec {
                spec: spec.to_string(),
            });
        }
        Self::parse_values(path, values)
    }

    /// Parse the VALUES of a path (see [`Variation::parse`]).
    pub fn parse_values(path: &str, text: &str) -> Result<Self, SweepError> {
        let kind = kind_of(path)?;
        let dimension = match kind {
            VariedKind::Quantity { dimension, .. } => dimension,
            VariedKind::Number | VariedKind::Integer => Dimension::NONE,
        };
        let bad = |message: String| SweepError::Values {
            path: path.to_string(),
            message,
        };
        let dimension_hint = || match kind {
            VariedKind::Quantity { dimension, .. } => format!(
                "expected values with units of {dimension}, e.g. {}",
                example(dimension)
            ),
            _ => "expected plain numbers, e.g. 0.2..1:9 or 0.3,0.5".to_string(),
        };
        let items: Vec<&str> = text.split(',').map(str::trim).collect();
        let single_range = items.len() == 1 && items[0].contains("..");
        let (values, bounds) = if single_range && !items[0].contains(':') {
            // `A..B`: the ends only (a Latin hypercube's interval).
            let ends = parse_values(path, &format!("{}:2", items[0]), dimension).map_err(|e| {
                let msg = e.to_string();
                if msg.contains("expected") {
                    bad(msg)
                } else {
                    bad(format!("{msg}; {}", dimension_hint()))
                }
            })?;
            let (a, b) = (ends[0].value, ends[1].value);
            (Vec::new(), Some((a, b)))
        } else {
            let qs = parse_values(path, text, dimension).map_err(|e| {
                let msg = e.to_string();
                if msg.contains("missing ':N'") {
                    SweepError::MissingCount {
                        path: path.to_string(),
                        message: msg,
                    }
                } else if msg.contains("expected") {
                    bad(msg)
                } else {
                    bad(format!("{msg}; {}", dimension_hint()))
                }
            })?;
            let values: Vec<f64> = qs.iter().map(|q| q.value).collect();
            let bounds = match (single_range, values.first(), values.last()) {
                (true, Some(&a), Some(&b)) => Some((a, b)),
                _ => None,
            };
            (values, bounds)
        };
        check(path, kind, &values, bounds)?;
        Ok(Variation {
            path: path.to_string(),
            kind,
            values,
            bounds,
        })
    }

    /// A variation from SI values given directly (for programs, e.g. the Python
    /// bindings); `bounds` as in [`Variation::bounds`].
    pub fn from_values(
        path: &str,
        values: Vec<f64>,
        bounds: Option<(f64, f64)>,
    ) -> Result<Self, SweepError> {
        let kind = kind_of(path)?;
        if values.is_empty() && bounds.is_none() {
            return Err(SweepError::Values {
                path: path.to_string(),
                message: "no values".to_string(),
            });
        }
        check(path, kind, &values, bounds)?;
        Ok(Variation {
            path: path.to_string(),
            kind,
            values,
            bounds,
        })
    }

    /// The output column of this field: the path, plus `_` and the SI unit for a
    /// quantity (`separator.thickness_m`); a plain number keeps its path
    /// (`cathode.contact_fraction`).
    pub fn column_name(&self) -> String {
        match self.kind {
            VariedKind::Quantity { si_unit, .. } => format!("{}_{si_unit}", self.path),
            VariedKind::Number | VariedKind::Integer => self.path.clone(),
        }
    }
}

/// Values must be finite, and whole numbers for an integer field.
fn check(
    path: &str,
    kind: VariedKind,
    values: &[f64],
    bounds: Option<(f64, f64)>,
) -> Result<(), SweepError> {
    let bad = |message: String| SweepError::Values {
        path: path.to_string(),
        message,
    };
    let ends = bounds.map(|(a, b)| [a, b]).unwrap_or([0.0; 2]);
    if let Some(v) = values.iter().chain(&ends).find(|v| !v.is_finite()) {
        return Err(bad(format!("{v} is not a finite value")));
    }
    if kind == VariedKind::Integer {
        if let Some(v) = values.iter().find(|v| v.fract() != 0.0) {
            return Err(bad(format!(
                "{v} is not a whole number (the field is an integer; choose N so that the range steps by whole numbers)"
            )));
        }
    }
    Ok(())
}

/// The kind of a sweepable path, or an error with a did-you-mean.
fn kind_of(path: &str) -> Result<VariedKind, SweepError> {
    let all = fields();
    let Some(field) = all.iter().find(|f| f.path == path) else {
        let names: Vec<String> = all.iter().map(|f| f.path.to_string()).collect();
        return Err(SweepError::UnknownPath {
            path: path.to_string(),
            suggestion: garnet_units::suggest::closest(path, &names),
        });
    };
    match field.kind {
        FieldKind::Quantity { dimension, .. } => Ok(VariedKind::Quantity {
            dimension,
            si_unit: si_suffix(dimension),
        }),
        FieldKind::Number => Ok(VariedKind::Number),
        FieldKind::Integer => Ok(VariedKind::Integer),
        FieldKind::Text => Err(SweepError::NotNumeric {
            path: path.to_string(),
            kind: "text".to_string(),
        }),
        FieldKind::Bool => Err(SweepError::NotNumeric {
            path: path.to_string(),
            kind: "true/false".to_string(),
        }),
    }
}

/// An example value of a dimension for messages (`20um..200um:10`).
fn example(d: Dimension) -> String {
    match garnet_units::preferred_unit(d) {
        Some(u) if !u.is_empty() => format!("'1 {u}' or a range like '1{u}..2{u}:5'"),
        _ => "a value in SI units".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantity_range_in_si_with_unit_suffix() {
        let v = Variation::parse("separator.thickness=20um..200um:10").unwrap();
        assert_eq!(v.values.len(), 10);
        // Within rounding of the unit conversion (200 µm = 200 × 1e-6 m).
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-15 * b.abs();
        assert!(close(v.values[0], 20e-6));
        assert!(close(v.values[1], 40e-6));
        assert!(close(v.values[9], 200e-6));
        assert_eq!(v.bounds, Some((v.values[0], v.values[9])));
        assert_eq!(v.column_name(), "separator.thickness_m");
        let c = Variation::parse("cathode.electronic_conductivity=0.1 S/cm").unwrap();
        assert!((c.values[0] - 10.0).abs() < 1e-12);
        assert_eq!(c.column_name(), "cathode.electronic_conductivity_S_per_m");
        assert_eq!(c.bounds, None);
    }

    #[test]
    fn plain_numbers_lists_and_open_ranges() {
        let v = Variation::parse("cathode.contact_fraction=0.2..1:9").unwrap();
        assert_eq!(v.values.len(), 9);
        assert!((v.values[4] - 0.6).abs() < 1e-15);
        assert_eq!(v.column_name(), "cathode.contact_fraction");
        let l = Variation::parse("cathode.contact_fraction = 0.3, 0.5").unwrap();
        assert_eq!(l.values, vec![0.3, 0.5]);
        assert_eq!(l.bounds, None);
        let ends = Variation::parse("separator.thickness=20..200um").unwrap();
        let (a, b) = ends.bounds.unwrap();
        assert!((a - 20e-6).abs() < 1e-20 && (b - 200e-6).abs() < 1e-19);
        assert!(ends.values.is_empty());
        let mesh = Variation::parse("mesh.cathode=4..10:4").unwrap();
        assert_eq!(mesh.values, vec![4.0, 6.0, 8.0, 10.0]);
    }

    #[test]
    fn errors_name_the_path_and_say_what_was_wanted() {
        let e = Variation::parse("separator.thicknes=20um").unwrap_err();
        assert_eq!(
            e,
            SweepError::UnknownPath {
                path: "separator.thicknes".into(),
                suggestion: Some("separator.thickness".into())
            }
        );
        assert!(e.to_string().contains("did you mean 'separator.thickness'"));
        let e = Variation::parse("separator.thickness=0.1 S/cm").unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("separator.thickness") && msg.contains("length"),
            "{msg}"
        );
        let e = Variation::parse("cathode.contact_fraction=20um").unwrap_err();
        assert!(e.to_string().contains("cathode.contact_fraction"), "{e}");
        let e = Variation::parse("separator.thickness=20um..200um:x").unwrap_err();
        assert!(e.to_string().contains("whole number"), "{e}");
        let e = Variation::parse("mesh.cathode=4..9:3").unwrap_err();
        assert!(e.to_string().contains("not a whole number"), "{e}");
        let e = Variation::parse("cathode.material=NMC811").unwrap_err();
        assert!(matches!(e, SweepError::NotNumeric { .. }), "{e}");
        assert!(matches!(
            Variation::parse("separator.thickness").unwrap_err(),
            SweepError::Spec { .. }
        ));
        let e = Variation::parse("separator.thickness=20um..200um:2,5um").unwrap();
        assert_eq!(e.values.len(), 3);
        let e = Variation::parse("separator.thickness=20um..200um:3,").unwrap_err();
        assert!(e.to_string().contains("empty item"), "{e}");
    }
}
