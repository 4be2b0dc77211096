//! Errors of the interface-chemistry layer.

use garnet_chem::ChemError;
use garnet_materials::MaterialsError;

/// Everything that can go wrong in thermodynamics, reactions, checks and screening.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InterfaceError {
    /// A line of the embedded formation-energy table that does not parse.
    #[error("{file} line {line}: {message}")]
    Data {
        /// The table (file) it comes from.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A formula that does not parse.
    #[error(transparent)]
    Formula(#[from] ChemError),
    /// A materials-database failure.
    #[error(transparent)]
    Materials(#[from] MaterialsError),
    /// An element of a phase for which the thermodynamic data hold no entries.
    #[error(
        "element {element} of {phase} is outside the formation-energy data (elements: {known})"
    )]
    UnknownElement {
        /// The element symbol.
        element: String,
        /// The phase (name or formula) that contains it.
        phase: String,
        /// The elements the data cover.
        known: String,
    },
    /// A phase with no atoms, or one that a calculation cannot use (e.g. Li metal
    /// in a reaction open to lithium).
    #[error("{phase}: {reason}")]
    BadPhase {
        /// The phase.
        phase: String,
        /// Why it cannot be used.
        reason: String,
    },
    /// The linear program of a hull energy failed (should not happen with elemental
    /// references present).
    #[error("hull linear program for {what}: {reason}")]
    Hull {
        /// The composition asked for.
        what: String,
        /// Why it failed.
        reason: String,
    },
    /// An input value out of its range.
    #[error("{field}: {message}")]
    Input {
        /// The input field.
        field: String,
        /// What is wrong.
        message: String,
    },
}
