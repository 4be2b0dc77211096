//! Typed SI quantities for garnet, and the parsing of unit strings at the edges.
//!
//! Inside garnet every number is SI (metres, kilograms, seconds, amperes, kelvin,
//! moles); temperatures are kelvin. Strings with units — `"50 um"`, `"3e-4 S/cm"`,
//! `"60 degC"`, `"0.5C"` — are parsed once, where they enter (design files, flags,
//! data files), into a [`Quantity`] whose [`Dimension`] is checked against what the
//! field needs. A wrong dimension is an error naming the field, the dimension wanted
//! and what was given. [`Quantity::format_in`] writes a quantity back in any unit,
//! and parsing that text gives the same number again.
//!
//! Data flow: text → [`Unit::parse`] / [`Quantity::parse_as`] → SI `f64` used by the
//! domain crates → [`Quantity::format_in`] or [`Display`](std::fmt::Display) for output.

mod dimension;
mod error;
mod format;
mod quantity;
mod range;
pub mod suggest;
mod unit;

pub use dimension::Dimension;
pub use error::UnitError;
pub use format::sig;
pub use quantity::{preferred_unit, Quantity};
pub use range::{parse_range, parse_values};
pub use unit::Unit;

/// Physical constants (CODATA 2018 exact SI values).
pub mod constants {
    /// Faraday constant F (C/mol), exact in the 2019 SI: e·N_A.
    pub const FARADAY: f64 = 96_485.332_123_310_02;
    /// Boltzmann constant k_B (J/K), exact.
    pub const BOLTZMANN: f64 = 1.380_649e-23;
    /// Elementary charge e (C), exact.
    pub const ELEMENTARY_CHARGE: f64 = 1.602_176_634e-19;
    /// Avogadro constant N_A (1/mol), exact.
    pub const AVOGADRO: f64 = 6.022_140_76e23;
    /// Molar gas constant R = N_A k_B (J/mol/K).
    pub const GAS: f64 = 8.314_462_618_153_24;
    /// 0 °C in kelvin.
    pub const ZERO_CELSIUS: f64 = 273.15;
}
