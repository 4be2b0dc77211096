//! Cell design, the single-ion DFN model of a garnet cell, protocols and results.
//!
//! Pipeline (each stage testable alone): design file → [`design::resolve`] (units
//! parsed, fields validated, knowledge-base values filled in with their provenance)
//! → [`CellParams`] → [`model::Model`] (finite-volume discretisation) →
//! [`simulate::Simulator`] (variable-order BDF from `garnet-solve`, cut-off events) →
//! [`simulate::Run`] (time series with the overpotential breakdown) →
//! [`summary::Summary`]. The equations, symbols and sources are in [`model`] and
//! `docs/model.md`; the design schema in `docs/design.md`. [`timeseries`] turns a run
//! or a simulated spectrum into CSV text (the caller writes it) and [`mod@bench`] times
//! warm solves (`garnet bench`).

pub mod analytic;
pub mod bench;
pub mod budget;
pub mod compare;
pub mod contact;
pub mod design;
pub mod edit;
mod error;
pub mod impedance;
mod interface_options;
pub mod model;
mod options;
pub mod percolation;
pub mod protocol;
pub mod resistance;
mod resolve;
pub mod schema;
pub mod simulate;
mod soc;
pub mod stack;
pub mod summary;
pub mod timeseries;

pub use compare::{compare_with_report, Comparison};
pub use design::{resolve, CellParams, SeriesLayer, SeriesLayerKind};
pub use edit::Design;
pub use error::CellError;
pub use impedance::{
    ohmic_resistance, series_layer_correction, simulate_impedance, spectrum_notes, ImpedancePoint,
};
pub use model::{Breakdown, Control, Model};
pub use options::ModelOptions;
pub use protocol::{CurrentSpec, Protocol, Step};
pub use resistance::{resistance_breakdown, ResistanceBreakdown};
pub use schema::{
    parse_design, CarbonateLocation, DesignFile, InterfaceModel, Kinetics, Structure,
    SurfaceTreatment,
};
pub use simulate::{Run, Sample, Simulator, StepEnd};
pub use soc::StateOfCharge;
pub use summary::Summary;
