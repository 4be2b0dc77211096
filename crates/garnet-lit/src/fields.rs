//! The one list of a reported cell's fields by their JSON names: which can be sorted,
//! plotted or coloured by, and which are the columns of the CSV export.
//!
//! Everything that names a field of a [`CellView`] — `cells list --sort`, `cells plot
//! --x/--y/--color`, the CSV columns, did-you-mean suggestions, the CSV reader's
//! number columns — reads [`FIELDS`], so a field added here is available everywhere.

use crate::view::CellView;
use crate::LitError;

/// How a field's value is read for sorting and plotting.
#[derive(Debug, Clone, Copy)]
pub enum FieldValue {
    /// A number (stored or derived); `None` when the cell does not report it.
    Number(fn(&CellView) -> Option<f64>),
    /// A category (text) to colour or sort by.
    Category(fn(&CellView) -> String),
    /// Text that is exported but neither sorted nor plotted by.
    Text,
}

/// One field of a reported cell.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The JSON name (as in `cells list --json`).
    pub name: &'static str,
    /// How its value is read.
    pub value: FieldValue,
    /// Whether it is a column of the CSV export.
    pub csv: bool,
}

const fn number(name: &'static str, get: fn(&CellView) -> Option<f64>) -> Field {
    Field {
        name,
        value: FieldValue::Number(get),
        csv: true,
    }
}

const fn category(name: &'static str, get: fn(&CellView) -> String) -> Field {
    Field {
        name,
        value: FieldValue::Category(get),
        csv: true,
    }
}

const fn text(name: &'static str) -> Field {
    Field {
        name,
        value: FieldValue::Text,
        csv: true,
    }
}

/// The fields, in the order of the CSV columns: the fields of the review's Table 2,
/// then the classification and derived numbers.
pub const FIELDS: &[Field] = &[
    category("id", |v| v.id.clone()),
    category("architecture", |v| v.architecture.as_str().to_string()),
    category("strategy", |v| v.strategy.as_str().to_string()),
    category("cathode", |v| v.cathode.clone()),
    category("method", |v| v.method.clone().unwrap_or_default()),
    number("process_temperature_c", |v| v.process_temperature_c),
    category("interlayer", |v| {
        v.interlayer
            .as_ref()
            .map(|v| v.join("+"))
            .unwrap_or_else(|| "unknown".to_string())
    }),
    text("impurity_phase"),
    category("electrolyte", |v| v.electrolyte.clone()),
    number("impedance_ohm_cm2", |v| v.impedance_ohm_cm2),
    number("capacity_value", |v| v.capacity_value),
    category("capacity_unit", |v| {
        v.capacity_unit.clone().unwrap_or_default()
    }),
    number("cycles", |v| v.cycles.map(f64::from)),
    number("retention_pct", |v| v.retention_pct),
    number("c_rate", |v| v.c_rate),
    number("current_ua_cm2", |v| v.current_ua_cm2),
    number("specific_current_ma_g", |v| v.specific_current_ma_g),
    number("loading_min_mg_cm2", |v| v.loading_min_mg_cm2),
    number("loading_max_mg_cm2", |v| v.loading_max_mg_cm2),
    number("temperature_c", |v| v.temperature_c),
    number("review_ref", |v| v.review_ref.map(f64::from)),
    category("confidence", |v| v.confidence.as_str().to_string()),
    text("notes"),
    category("solid_state_class", |v| {
        v.solid_state_class.as_str().to_string()
    }),
    number("areal_capacity_mah_cm2", |v| {
        v.derived.areal_capacity_mah_cm2
    }),
    number("current_ma_cm2", |v| v.derived.current_ma_cm2),
    number("capacity_ratio", |v| v.derived.capacity_ratio),
    text("reference_key"),
    Field {
        name: "theoretical_capacity_mah_g",
        value: FieldValue::Number(|v| v.derived.theoretical_capacity_mah_g),
        csv: false,
    },
];

/// Names of the numeric fields (sortable, plottable on an axis).
pub fn numeric_fields() -> impl Iterator<Item = &'static str> {
    FIELDS
        .iter()
        .filter(|f| matches!(f.value, FieldValue::Number(_)))
        .map(|f| f.name)
}

/// Names of the categorical fields (sortable, usable as a plot's colour).
pub fn category_fields() -> impl Iterator<Item = &'static str> {
    FIELDS
        .iter()
        .filter(|f| matches!(f.value, FieldValue::Category(_)))
        .map(|f| f.name)
}

/// Names of the CSV export's columns, in order.
pub fn csv_fields() -> impl Iterator<Item = &'static str> {
    FIELDS.iter().filter(|f| f.csv).map(|f| f.name)
}

/// A numeric field by name, resolved once (an unknown name is an error with a
/// did-you-mean over the numeric fields).
#[derive(Debug, Clone, Copy)]
pub struct NumericField {
    /// The JSON name.
    pub name: &'static str,
    get: fn(&CellView) -> Option<f64>,
}

impl NumericField {
    /// The numeric field called `name`.
    pub fn named(name: &str) -> Result<Self, LitError> {
        FIELDS
            .iter()
            .find_map(|f| match f.value {
                FieldValue::Number(get) if f.name == name => Some(Self { name: f.name, get }),
                _ => None,
            })
            .ok_or_else(|| LitError::UnknownField {
                field: name.to_string(),
                suggestion: garnet_units::suggest::closest_str(name, numeric_fields()),
                expected: "a numeric field",
            })
    }

    /// Its value for a cell.
    pub fn of(&self, v: &CellView) -> Option<f64> {
        (self.get)(v)
    }
}

/// A categorical field by name, resolved once (an unknown name is an error with a
/// did-you-mean over the categorical fields).
#[derive(Debug, Clone, Copy)]
pub struct CategoryField {
    /// The JSON name.
    pub name: &'static str,
    get: fn(&CellView) -> String,
}

impl CategoryField {
    /// The categorical field called `name`.
    pub fn named(name: &str) -> Result<Self, LitError> {
        FIELDS
            .iter()
            .find_map(|f| match f.value {
                FieldValue::Category(get) if f.name == name => Some(Self { name: f.name, get }),
                _ => None,
            })
            .ok_or_else(|| LitError::UnknownField {
                field: name.to_string(),
                suggestion: garnet_units::suggest::closest_str(name, category_fields()),
                expected: "a categorical field",
            })
    }

    /// Its value for a cell.
    pub fn of(&self, v: &CellView) -> String {
        (self.get)(v)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use crate::CellDb;
    use garnet_cite::Bibliography;
    use garnet_materials::MaterialDb;

    #[test]
    fn every_field_is_a_json_field_of_the_view() {
        let db = CellDb::embedded().unwrap();
        let m = MaterialDb::embedded().unwrap();
        let bib = Bibliography::embedded().unwrap();
        let v = CellView::new(&db.cells()[36], &m, &bib);
        let j = serde_json::to_value(&v).unwrap();
        for f in FIELDS {
            assert!(j.get(f.name).is_some(), "{} is not a JSON field", f.name);
        }
        let mut names: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FIELDS.len(), "a field is listed twice");
    }

    #[test]
    fn accessors_read_the_field_of_their_name() {
        let db = CellDb::embedded().unwrap();
        let m = MaterialDb::embedded().unwrap();
        let bib = Bibliography::embedded().unwrap();
        for c in db.cells() {
            let v = CellView::new(c, &m, &bib);
            let j = serde_json::to_value(&v).unwrap();
            for name in numeric_fields() {
                let got = NumericField::named(name).unwrap().of(&v);
                assert_eq!(got, j[name].as_f64(), "{} {name}", v.id);
            }
        }
        let v = CellView::new(&db.cells()[36], &m, &bib);
        assert_eq!(CategoryField::named("id").unwrap().of(&v), "T2-37");
        assert_eq!(CategoryField::named("interlayer").unwrap().of(&v), "LiNbO3");
    }

    #[test]
    fn kinds_and_csv_columns() {
        assert_eq!(numeric_fields().count(), 16);
        assert_eq!(category_fields().count(), 10);
        let csv: Vec<&str> = csv_fields().collect();
        assert_eq!(csv.len(), 28);
        assert_eq!(&csv[..4], ["id", "architecture", "strategy", "cathode"]);
        assert_eq!(csv.last(), Some(&"reference_key"));
        assert!(!csv.contains(&"theoretical_capacity_mah_g"));
        let e = NumericField::named("impedance").unwrap_err();
        assert!(
            e.to_string().contains("did you mean 'impedance_ohm_cm2'"),
            "{e}"
        );
        assert!(CategoryField::named("impedance_ohm_cm2").is_err());
    }
}
