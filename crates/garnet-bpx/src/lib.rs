//! BPX (Battery Parameter eXchange) files for garnet: import a BPX positive
//! electrode as a garnet cathode, and export a garnet design as BPX.
//!
//! BPX is the JSON parameter format of the Faraday Institution
//! (<https://github.com/FaradayInstitution/BPX>, schema in `bpx/schema.py`) that
//! PyBaMM and cell makers exchange. It describes a liquid-electrolyte cell with a
//! porous host anode; garnet simulates a single-ion garnet electrolyte and a Li-metal
//! anode, so only the positive electrode and some cell data carry over. Data flow:
//!
//! * import: JSON text → [`import()`] (every value checked, errors name the JSON path)
//!   → [`BpxImport`] (SI, garnet's meanings, plus the list of fields [`Skipped`]) →
//!   [`design_toml`] → design text for `garnet simulate`;
//! * export: [`garnet_cell::CellParams`] + [`garnet_cell::DesignFile`] → [`export()`]
//!   → [`Export`] (BPX JSON with garnet's extras in `User-defined`, and what BPX
//!   cannot express).
//!
//! The field-by-field mapping is in [`import`](mod@import) and `docs/bpx.md`. No file
//! I/O here: the CLI reads and writes.

#![warn(missing_docs)]

mod error;
pub mod export;
pub mod expr;
pub mod import;
mod json;
pub mod keys;
mod to_design;

pub use error::BpxError;
pub use export::{export, Export};
pub use import::{import, BpxImport, ImportedCathode, Skipped};
pub use json::FloatFunctionTable;
pub use to_design::{design_toml, DesignOptions};
