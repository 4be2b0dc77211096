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
        reason: HullFailure,
    },
    /// A formation-energy table name that is not one of [`crate::EnergySource::ALL`].
    #[error("unknown energy source '{name}' (expected mp, experimental or crc)")]
    UnknownEnergySource {
        /// The name given.
        name: String,
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

/// Why the linear program of a hull energy failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HullFailure {
    /// An element of the target without its elemental reference column.
    NoElementalReference {
        /// The row (element) of the linear program.
        row: usize,
    },
    /// A composition asked of a diagram that does not span its elements.
    CompositionOutsideSystem,
    /// A reactant whose elements the diagram does not span.
    ReactantOutsideSystem,
    /// The starting basis has a different size from the number of elements.
    BasisSize,
    /// A basis matrix that cannot be inverted.
    SingularBasis,
    /// The objective can decrease without bound.
    Unbounded,
    /// The simplex iterations ran out.
    NoConvergence,
}

impl std::fmt::Display for HullFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoElementalReference { row } => write!(f, "no elemental reference for row {row}"),
            Self::CompositionOutsideSystem => {
                f.write_str("composition lies outside the chemical system of the diagram")
            }
            Self::ReactantOutsideSystem => {
                f.write_str("outside the chemical system of the diagram")
            }
            Self::BasisSize => f.write_str("starting basis does not match the number of rows"),
            Self::SingularBasis => f.write_str("singular basis"),
            Self::Unbounded => f.write_str("unbounded (no elemental reference?)"),
            Self::NoConvergence => f.write_str("no convergence within the iteration limit"),
        }
    }
}
