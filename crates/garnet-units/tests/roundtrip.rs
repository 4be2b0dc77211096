//! Property tests: formatting a quantity in a unit and parsing it back gives the same
//! value, and no input string makes the parser panic.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use garnet_units::{Dimension, Quantity, Unit};
use proptest::prelude::*;

const UNITS: &[&str] = &[
    "um",
    "nm",
    "mm",
    "S/cm",
    "mS/cm",
    "eV",
    "degC",
    "K",
    "mAh/cm2",
    "mAh/g",
    "mg/cm2",
    "MPa",
    "GPa",
    "ohm cm2",
    "uA/cm2",
    "mA/cm2",
    "V",
    "cm2/s",
    "m2/s",
    "mol/m3",
    "MPa m^0.5",
    "1/K",
    "g/cm3",
    "%",
    "Wh/kg",
    "kJ/mol",
    "Hz",
];

proptest! {
    #[test]
    fn format_then_parse_round_trips(value in -1e12f64..1e12, unit in prop::sample::select(UNITS)) {
        let u = Unit::parse(unit).unwrap();
        let q = Quantity::new(u.to_si(value), u.dimension);
        let text = q.format_in(unit).unwrap();
        let back = Quantity::parse_as("x", &text, u.dimension).unwrap();
        let tol = 1e-12 * q.value.abs().max(1e-300) + if unit == "degC" { 1e-9 } else { 0.0 };
        prop_assert!((back.value - q.value).abs() <= tol, "{} -> {} -> {}", q.value, text, back.value);
    }

    #[test]
    fn c_rate_round_trips(value in 0.0f64..100.0) {
        let q = Quantity::new(value, Dimension::C_RATE);
        let text = q.format_in("C").unwrap();
        let back = Quantity::parse_as("rate", &text, Dimension::C_RATE).unwrap();
        prop_assert_eq!(back.value, value);
    }

    #[test]
    fn parser_never_panics(text in "\\PC{0,24}") {
        let _ = Quantity::parse(&text);
        let _ = Unit::parse(&text);
        let _ = garnet_units::parse_values("f", &text, Dimension::LENGTH);
    }
}
