//! Interface chemistry of garnet cells: which phases react, into what, at which
//! voltages they decompose, and which interlayer best separates a cathode from LLZO.
//!
//! Data flow: the embedded Materials Project formation energies ([`ThermoData`]) →
//! a [`PhaseDiagram`] of a chemical system (lower convex hull by linear programming, in
//! any number of elements) → pseudo-binary interface reactions, closed or open to
//! lithium, and electrochemical stability windows ([`reaction`]) → the cited
//! observations of the review ([`known`]) → a stack check ([`check`]) and an interlayer
//! screening on the seven properties of an ideal artificial CEI ([`screen`]). Every
//! result lists the sources it used; nothing here reads files or prints. [`pipeline`]
//! has the entry points from names to results that the CLI and Python both call.

pub mod check;
mod error;
mod hull;
pub mod known;
mod lp;
pub mod pipeline;
pub mod reaction;
pub mod screen;
mod thermo;

pub use error::{HullFailure, InterfaceError};
pub use hull::{HullPoint, PhaseDiagram, Product, PRODUCT_TOL, STABLE_TOL};
pub use thermo::{Composition, EnergySource, Entry, ThermoData, COMPOSITION_TOL};
