//! Property tests: the formula parser never panics, and a canonical formula parses
//! back to the same composition and molar mass.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use garnet_chem::Formula;
use proptest::prelude::*;

const SYMBOLS: &[&str] = &[
    "Li", "La", "Zr", "O", "Ta", "Al", "Co", "C", "B", "P", "Ca", "Nb",
];

proptest! {
    #[test]
    fn never_panics(text in "\\PC{0,30}") {
        let _ = Formula::parse(&text);
    }

    #[test]
    fn canonical_round_trips(parts in prop::collection::vec((prop::sample::select(SYMBOLS), 1u32..2000), 1..6)) {
        let text: String = parts.iter().map(|(e, n)| format!("{e}{}", f64::from(*n) / 100.0)).collect();
        let f = Formula::parse(&text).unwrap();
        let again = Formula::parse(&f.canonical()).unwrap();
        prop_assert!((f.molar_mass_g_per_mol() - again.molar_mass_g_per_mol()).abs() < 1e-9);
        prop_assert_eq!(f.amounts().len(), again.amounts().len());
    }
}
