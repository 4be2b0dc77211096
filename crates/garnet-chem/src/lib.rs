//! Chemical formulas, molar masses, charge balance and garnet site chemistry.
//!
//! A formula string is parsed once into a [`Formula`] (elements with amounts per
//! formula unit); from it come the molar mass (IUPAC 2021 standard atomic weights),
//! a [`ChargeBalance`] with common oxidation states, and — for garnets — a
//! [`GarnetAnalysis`]: Li per formula unit, vacancies relative to Li₇, the site of
//! each dopant, and the expected room-temperature phase with the rule and its sources.
//! [`FormulaReport`] gathers all of it for one formula, with its sources.

pub mod charge;
pub mod elements;
pub mod formula;
pub mod garnet;
pub mod report;

pub use charge::{charge_balance, ChargeBalance};
pub use elements::{element, Element};
pub use formula::Formula;
pub use garnet::{analyse_garnet, GarnetAnalysis, Phase, Site};
pub use report::{ElementAmount, FormulaReport};

/// Errors of formula parsing.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChemError {
    /// The text does not follow the formula grammar.
    #[error("in formula \"{input}\" at column {column}: expected {expected}")]
    Syntax {
        /// The formula text.
        input: String,
        /// 1-based character column.
        column: usize,
        /// What was expected there.
        expected: String,
    },
    /// An element symbol that does not exist.
    #[error("in formula \"{input}\" at column {column}: unknown element '{symbol}'{}", suggestion.as_ref().map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default())]
    UnknownElement {
        /// The formula text.
        input: String,
        /// 1-based column of the symbol.
        column: usize,
        /// The unknown symbol.
        symbol: String,
        /// A close element symbol.
        suggestion: Option<String>,
    },
}
