//! The report of a design: what `garnet report` and `garnet.report` compute and show.
//!
//! Why a crate of its own: the report gathers nearly every part of garnet (the cell
//! model, the mass budget, the impedance, the interface chemistry, the reported cells
//! of Table 2, the bibliography) into one result and one page. Keeping that in a
//! library lets the CLI and the Python bindings give the same numbers from the same
//! code, and lets each section of the page be read, tested and extended alone.
//!
//! Data flow:
//!
//! ```text
//! Design + CellParams + MaterialDb
//!   └─ compute ── discharges (C/10 … 2C, 5 mA/cm², 1C charge–discharge, Ragone rates)
//!      │          §5.1 resistance breakdown · mass budget · impedance at 50 % SOC
//!      │          interface check + interlayer screening · Table 2 · bibliography
//!      │          §6.1 targets (targets::evaluate, thresholds from garnet_lit::targets)
//!      ▼
//!   ReportData ── to_json ──▶ `garnet report --json`, `garnet.report(...)` (a dict)
//!      │
//!      └─ html::render: header, then html::SECTIONS in order (summary, targets,
//!         resistance, discharge, budget, impedance, interface, Table 2, warnings,
//!         sources), each its own module, sharing html::blocks (tables, figures, cards)
//!         └─ write_html ──▶ one self-contained page, written atomically (garnet-io)
//! ```
//!
//! Nothing here reads design files or prints: the caller resolves the design, and
//! writing the page goes through `garnet_io::write_atomic`.

mod compute;
mod data;
mod error;
pub mod html;
mod parameters;
pub mod targets;

pub use compute::{compute, CURVE_RATES, RAGONE_RATES};
pub use data::{LitPoint, RagonePoint, RateRun, ReportData, Target, TargetStatus, NOT_MODELLED};
pub use error::{error_chain, ReportError};
pub use html::{render, write_html};
pub use parameters::parameters;
