//! The model against experiment: a cell design built from each row of the review's
//! Table 2 (`garnet-lit`), simulated with the single-ion DFN (`garnet-cell`) at the
//! row's temperature and current, beside the reported capacity and impedance.
//!
//! Data flow: [`garnet_lit::Cell`] → [`row::build`] (what the row gives, plus the
//! knowledge-base defaults of [`defaults`], each stated as a [`DefaultUsed`]) →
//! [`BuiltDesign`] (TOML design text, resolved by `garnet_cell::Design`) →
//! [`run::simulate`] (the reported discharge and the small-signal impedance) →
//! [`CellOutcome`] → [`stats::by_group`] (the error distribution per strategy and
//! architecture) and [`markdown::render`] (`docs/validation.md`). Rows that cannot be
//! built or simulated are kept with the reason. The defaults were fixed from the
//! literature and the knowledge base before any comparison was run and are the same for
//! every row (no per-cell tuning).

#![warn(missing_docs)]

pub mod defaults;
pub mod markdown;
pub mod row;
pub mod run;
pub mod stats;

pub use row::{build, BuiltDesign, DefaultUsed, RowCurrent};
pub use run::{simulate, simulate_all, simulated_cell_impedance, CellOutcome, Simulated};

/// Errors of the validation layer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ValidationError {
    /// A row lacks what a design needs.
    #[error("{id}: cannot be built: {reason}")]
    NotBuildable {
        /// Row id.
        id: String,
        /// What is missing or unknown.
        reason: String,
    },
    /// The design was built but did not resolve or simulate.
    #[error("{id}: {reason}")]
    Failed {
        /// Row id.
        id: String,
        /// The model's error.
        reason: String,
    },
}
