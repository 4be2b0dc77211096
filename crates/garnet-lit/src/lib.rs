//! Reported garnet cells: the review's Table 2 as data, classified, and graded against
//! the targets of §6.1.
//!
//! `data/cells/table2.toml` (reconstructed from the review's scrambled table with a
//! confidence and notes per row; see `docs/table2-reconstruction.md`) is compiled in;
//! a lab's own cells merge from TOML or CSV of the same schema ([`CellDb::merge`]).
//! Each [`Cell`] becomes a [`CellView`]: the stored fields, the CEI strategy of
//! §5.2.3 and the §7 class ([`classify`]), derived numbers (areal capacity, current
//! density, capacity against the theoretical), and the report card ([`report_card`]).

pub mod cell;
pub mod classify;
mod db;
pub mod fields;
pub mod query;
pub mod report_card;
pub mod targets;
mod view;

pub use cell::{Architecture, Cell, Confidence, SoftAdditive};
pub use classify::{classify, Classification, InterlayerNature, SolidStateClass};
pub use db::{CellDb, CellFormat};
pub use fields::{CategoryField, Field, FieldValue, NumericField, FIELDS};
pub use query::{same_material, scatter, sort_views, Filter, Scatter};
pub use report_card::{report_card, summarise, Criterion, Grade, Status, Tally};
pub use view::{check_electrolyte, CellView, ElectrolyteCheck};

/// Capacity units a cell record may use.
pub const CAPACITY_UNITS: &[&str] = &["mAh/g", "uAh/cm2", "mAh/cm2"];

/// Errors of the reported-cell layer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LitError {
    /// A file that does not parse.
    #[error("{file}: {message}")]
    Parse {
        /// File name.
        file: String,
        /// Parser message with line.
        message: String,
    },
    /// A row with a bad field.
    #[error("{file}: row {row}: field '{field}': {message}")]
    Invalid {
        /// File name.
        file: String,
        /// Row (id or line).
        row: String,
        /// Field name.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// An unknown cell id.
    #[error("unknown cell '{id}'{}", suggestion.as_ref().map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default())]
    UnknownCell {
        /// Id asked for.
        id: String,
        /// Close id.
        suggestion: Option<String>,
    },
    /// An unknown field name for sorting or plotting.
    #[error("unknown field '{field}': expected {expected}{}", suggestion.as_ref().map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default())]
    UnknownField {
        /// Field asked for.
        field: String,
        /// Close field name.
        suggestion: Option<String>,
        /// What kind of field was expected.
        expected: &'static str,
    },
}
