//! The reported-cell database: Table 2 embedded, plus a lab's own cells from TOML or CSV.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::cell::Cell;
use crate::LitError;

const TABLE2: &str = include_str!("../../../data/cells/table2.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CellFile {
    #[serde(default)]
    cell: Vec<Cell>,
}

/// Input format of a user cell file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellFormat {
    /// `[[cell]]` tables, as `data/cells/table2.toml`.
    Toml,
    /// One row per cell; columns named as the JSON fields; lists separated by `;`.
    Csv,
}

impl CellFormat {
    /// The format from a file name's extension.
    pub fn from_path(path: &str) -> Option<Self> {
        let lower = path.to_lowercase();
        if lower.ends_with(".toml") {
            Some(CellFormat::Toml)
        } else if lower.ends_with(".csv") {
            Some(CellFormat::Csv)
        } else {
            None
        }
    }
}

/// All reported cells, in order: Table 2 first, then user cells.
#[derive(Debug, Clone)]
pub struct CellDb {
    cells: Vec<Cell>,
}

impl CellDb {
    /// The review's Table 2, compiled into garnet.
    pub fn embedded() -> Result<Self, LitError> {
        let cells = parse_toml("data/cells/table2.toml", TABLE2)?;
        let db = Self { cells };
        Ok(db)
    }

    /// All cells.
    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    /// A cell by id (case-insensitive).
    pub fn get(&self, id: &str) -> Result<&Cell, LitError> {
        self.cells
            .iter()
            .find(|c| c.id.eq_ignore_ascii_case(id.trim()))
            .ok_or_else(|| LitError::UnknownCell {
                id: id.to_string(),
                suggestion: garnet_units::suggest::closest_str(
                    id,
                    self.cells.iter().map(|c| c.id.as_str()),
                ),
            })
    }

    /// Add a lab's cells. Every row is validated; ids must be new. Nothing is dropped:
    /// the first invalid row is an error naming the file, the row and the field.
    pub fn merge(&mut self, file: &str, text: &str, format: CellFormat) -> Result<usize, LitError> {
        let cells = match format {
            CellFormat::Toml => parse_toml(file, text)?,
            CellFormat::Csv => parse_csv(file, text)?,
        };
        for c in &cells {
            if self.cells.iter().any(|x| x.id.eq_ignore_ascii_case(&c.id)) {
                return Err(LitError::Invalid {
                    file: file.to_string(),
                    row: c.id.clone(),
                    field: "id".to_string(),
                    message: "this id is already used (Table 2 ids are T2-01…; pick another)"
                        .to_string(),
                });
            }
        }
        let n = cells.len();
        self.cells.extend(cells);
        Ok(n)
    }
}

fn parse_toml(file: &str, text: &str) -> Result<Vec<Cell>, LitError> {
    let parsed: CellFile = toml::from_str(text).map_err(|e| LitError::Parse {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    let mut seen = std::collections::BTreeSet::new();
    for c in &parsed.cell {
        validate(file, &c.id, c)?;
        if !seen.insert(c.id.to_lowercase()) {
            return Err(LitError::Invalid {
                file: file.to_string(),
                row: c.id.clone(),
                field: "id".to_string(),
                message: "duplicate id".to_string(),
            });
        }
    }
    Ok(parsed.cell)
}

const LIST_FIELDS: &[&str] = &["interlayer", "impurity_phase"];
const INTEGER_FIELDS: &[&str] = &["cycles", "review_ref"];
const BOOL_FIELDS: &[&str] = &["temperature_is_rt"];

fn parse_csv(file: &str, text: &str) -> Result<Vec<Cell>, LitError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| LitError::Parse {
            file: file.to_string(),
            message: e.to_string(),
        })?
        .clone();
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        // Line numbers count the header as line 1.
        let line = i + 2;
        let row = format!("line {line}");
        let record = record.map_err(|e| LitError::Parse {
            file: file.to_string(),
            message: format!("line {line}: {e}"),
        })?;
        let mut table = toml::Table::new();
        for (name, raw) in headers.iter().zip(record.iter()) {
            if raw.is_empty() {
                continue;
            }
            let bad = |what: &str| LitError::Invalid {
                file: file.to_string(),
                row: row.clone(),
                field: name.to_string(),
                message: format!("expected {what}, found '{raw}'"),
            };
            let value = if LIST_FIELDS.contains(&name) {
                let items: Vec<toml::Value> = if matches!(raw, "-" | "—" | "none" | "[]") {
                    Vec::new()
                } else {
                    raw.split(';')
                        .map(|s| toml::Value::String(s.trim().to_string()))
                        .collect()
                };
                toml::Value::Array(items)
            } else if INTEGER_FIELDS.contains(&name) {
                toml::Value::Integer(raw.parse::<i64>().map_err(|_| bad("a whole number"))?)
            } else if crate::fields::numeric_fields().any(|f| f == name) {
                // Derived fields are numbers too; the schema then rejects them by name.
                toml::Value::Float(raw.parse::<f64>().map_err(|_| bad("a number"))?)
            } else if BOOL_FIELDS.contains(&name) {
                toml::Value::Boolean(raw.parse::<bool>().map_err(|_| bad("true or false"))?)
            } else {
                toml::Value::String(raw.to_string())
            };
            table.insert(name.to_string(), value);
        }
        let cell: Cell = toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| {
                let message = e.message().to_string();
                // "unknown variant `x`" quotes the value: name the column that holds it.
                let field = headers
                    .iter()
                    .zip(record.iter())
                    .find(|(_, raw)| !raw.is_empty() && message.contains(&format!("`{raw}`")))
                    .map_or_else(|| field_of(&message), |(name, _)| name.to_string());
                LitError::Invalid {
                    file: file.to_string(),
                    row: row.clone(),
                    field,
                    message,
                }
            })?;
        validate(file, &row, &cell)?;
        out.push(cell);
    }
    Ok(out)
}

/// The field a serde message is about (`missing field `x``, `unknown field `x``).
fn field_of(message: &str) -> String {
    message
        .split('`')
        .nth(1)
        .map_or_else(|| "(row)".to_string(), str::to_string)
}

/// Plausibility checks that the schema cannot express.
fn validate(file: &str, row: &str, c: &Cell) -> Result<(), LitError> {
    let err = |field: &str, message: String| LitError::Invalid {
        file: file.to_string(),
        row: if row == c.id {
            c.id.clone()
        } else {
            format!("{row} ({})", c.id)
        },
        field: field.to_string(),
        message,
    };
    if c.id.trim().is_empty() {
        return Err(err("id", "must not be empty".to_string()));
    }
    if c.cathode.trim().is_empty() {
        return Err(err("cathode", "must not be empty".to_string()));
    }
    let positive: BTreeMap<&str, Option<f64>> = BTreeMap::from([
        ("impedance_ohm_cm2", c.impedance_ohm_cm2),
        ("capacity_value", c.capacity_value),
        ("c_rate", c.c_rate),
        ("current_ua_cm2", c.current_ua_cm2),
        ("specific_current_ma_g", c.specific_current_ma_g),
        ("loading_min_mg_cm2", c.loading_min_mg_cm2),
        ("loading_max_mg_cm2", c.loading_max_mg_cm2),
    ]);
    for (field, v) in positive {
        if let Some(v) = v {
            if !(v.is_finite() && v > 0.0) {
                return Err(err(field, format!("must be a positive number, found {v}")));
            }
        }
    }
    if let Some(r) = c.retention_pct {
        if !(0.0..=100.0).contains(&r) {
            return Err(err(
                "retention_pct",
                format!("must be between 0 and 100, found {r}"),
            ));
        }
    }
    for (field, t) in [
        ("temperature_c", c.temperature_c),
        ("process_temperature_c", c.process_temperature_c),
    ] {
        if let Some(t) = t {
            if !(-100.0..=2000.0).contains(&t) {
                return Err(err(field, format!("{t} °C is not a plausible temperature")));
            }
        }
    }
    if let (Some(lo), Some(hi)) = (c.loading_min_mg_cm2, c.loading_max_mg_cm2) {
        if lo > hi {
            return Err(err(
                "loading_min_mg_cm2",
                format!("{lo} is above loading_max_mg_cm2 {hi}"),
            ));
        }
    }
    if let Some(u) = &c.capacity_unit {
        if !crate::CAPACITY_UNITS.contains(&u.as_str()) {
            return Err(err(
                "capacity_unit",
                format!("'{u}' is not one of {}", crate::CAPACITY_UNITS.join(", ")),
            ));
        }
    }
    Ok(())
}
