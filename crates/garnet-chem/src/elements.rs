//! The periodic table: symbols, standard atomic weights and common oxidation states.
//!
//! Atomic weights are the IUPAC 2021 standard atomic weights (Prohaska et al., Pure
//! Appl. Chem. 94 (2022) 573, key `prohaska2022`); for elements whose standard weight
//! is an interval (H, Li, B, C, N, O, Mg, Si, S, Cl, Br, Tl) the IUPAC conventional
//! value is used. Elements with no stable isotope carry the mass number of their
//! longest-lived isotope and are flagged `standard = false`.
//!
//! Oxidation states are the common ones of each element in oxides and salts, the
//! first being the usual one; they bound the charge-balance check, they do not
//! assert what a given compound contains.

/// One chemical element.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Element {
    /// Atomic number Z.
    pub z: u8,
    /// Symbol, e.g. "La".
    pub symbol: &'static str,
    /// Standard atomic weight (g/mol).
    pub atomic_weight: f64,
    /// False when the element has no standard atomic weight (no stable isotope).
    pub standard: bool,
    /// Common oxidation states, usual first; empty for noble gases.
    pub oxidation_states: &'static [i8],
}

macro_rules! el {
    ($z:expr, $s:expr, $w:expr, $ox:expr) => {
        Element {
            z: $z,
            symbol: $s,
            atomic_weight: $w,
            standard: true,
            oxidation_states: $ox,
        }
    };
    ($z:expr, $s:expr, $w:expr, $ox:expr, unstable) => {
        Element {
            z: $z,
            symbol: $s,
            atomic_weight: $w,
            standard: false,
            oxidation_states: $ox,
        }
    };
}

/// Elements 1–94.
pub const ELEMENTS: &[Element] = &[
    el!(1, "H", 1.008, &[1, -1]),
    el!(2, "He", 4.002602, &[]),
    el!(3, "Li", 6.94, &[1]),
    el!(4, "Be", 9.0121831, &[2]),
    el!(5, "B", 10.81, &[3]),
    el!(6, "C", 12.011, &[4, -4, 2]),
    el!(7, "N", 14.007, &[-3, 3, 5]),
    el!(8, "O", 15.999, &[-2]),
    el!(9, "F", 18.998403162, &[-1]),
    el!(10, "Ne", 20.1797, &[]),
    el!(11, "Na", 22.98976928, &[1]),
    el!(12, "Mg", 24.305, &[2]),
    el!(13, "Al", 26.9815384, &[3]),
    el!(14, "Si", 28.085, &[4, -4]),
    el!(15, "P", 30.973761998, &[5, 3, -3]),
    el!(16, "S", 32.06, &[-2, 4, 6]),
    el!(17, "Cl", 35.45, &[-1, 1, 5, 7]),
    el!(18, "Ar", 39.95, &[]),
    el!(19, "K", 39.0983, &[1]),
    el!(20, "Ca", 40.078, &[2]),
    el!(21, "Sc", 44.955907, &[3]),
    el!(22, "Ti", 47.867, &[4, 3]),
    el!(23, "V", 50.9415, &[5, 4, 3, 2]),
    el!(24, "Cr", 51.9961, &[3, 6, 2]),
    el!(25, "Mn", 54.938043, &[2, 3, 4, 7]),
    el!(26, "Fe", 55.845, &[3, 2]),
    el!(27, "Co", 58.933194, &[3, 2, 4]),
    el!(28, "Ni", 58.6934, &[2, 3, 4]),
    el!(29, "Cu", 63.546, &[2, 1]),
    el!(30, "Zn", 65.38, &[2]),
    el!(31, "Ga", 69.723, &[3]),
    el!(32, "Ge", 72.630, &[4, 2]),
    el!(33, "As", 74.921595, &[5, 3, -3]),
    el!(34, "Se", 78.971, &[-2, 4, 6]),
    el!(35, "Br", 79.904, &[-1, 1, 5]),
    el!(36, "Kr", 83.798, &[]),
    el!(37, "Rb", 85.4678, &[1]),
    el!(38, "Sr", 87.62, &[2]),
    el!(39, "Y", 88.905838, &[3]),
    el!(40, "Zr", 91.224, &[4]),
    el!(41, "Nb", 92.90637, &[5, 4, 3]),
    el!(42, "Mo", 95.95, &[6, 4]),
    el!(43, "Tc", 97.0, &[7, 4], unstable),
    el!(44, "Ru", 101.07, &[4, 3]),
    el!(45, "Rh", 102.90549, &[3]),
    el!(46, "Pd", 106.42, &[2, 4]),
    el!(47, "Ag", 107.8682, &[1]),
    el!(48, "Cd", 112.414, &[2]),
    el!(49, "In", 114.818, &[3]),
    el!(50, "Sn", 118.710, &[4, 2]),
    el!(51, "Sb", 121.760, &[5, 3]),
    el!(52, "Te", 127.60, &[6, 4, -2]),
    el!(53, "I", 126.90447, &[-1, 5, 7]),
    el!(54, "Xe", 131.293, &[]),
    el!(55, "Cs", 132.90545196, &[1]),
    el!(56, "Ba", 137.327, &[2]),
    el!(57, "La", 138.90547, &[3]),
    el!(58, "Ce", 140.116, &[3, 4]),
    el!(59, "Pr", 140.90766, &[3, 4]),
    el!(60, "Nd", 144.242, &[3]),
    el!(61, "Pm", 145.0, &[3], unstable),
    el!(62, "Sm", 150.36, &[3, 2]),
    el!(63, "Eu", 151.964, &[3, 2]),
    el!(64, "Gd", 157.249, &[3]),
    el!(65, "Tb", 158.925354, &[3, 4]),
    el!(66, "Dy", 162.500, &[3]),
    el!(67, "Ho", 164.930329, &[3]),
    el!(68, "Er", 167.259, &[3]),
    el!(69, "Tm", 168.934219, &[3]),
    el!(70, "Yb", 173.045, &[3, 2]),
    el!(71, "Lu", 174.9668, &[3]),
    el!(72, "Hf", 178.486, &[4]),
    el!(73, "Ta", 180.94788, &[5]),
    el!(74, "W", 183.84, &[6, 4]),
    el!(75, "Re", 186.207, &[7, 4]),
    el!(76, "Os", 190.23, &[4, 8]),
    el!(77, "Ir", 192.217, &[4, 3]),
    el!(78, "Pt", 195.084, &[2, 4]),
    el!(79, "Au", 196.966570, &[3, 1]),
    el!(80, "Hg", 200.592, &[2, 1]),
    el!(81, "Tl", 204.38, &[1, 3]),
    el!(82, "Pb", 207.2, &[2, 4]),
    el!(83, "Bi", 208.98040, &[3, 5]),
    el!(84, "Po", 209.0, &[4, 2], unstable),
    el!(85, "At", 210.0, &[-1], unstable),
    el!(86, "Rn", 222.0, &[], unstable),
    el!(87, "Fr", 223.0, &[1], unstable),
    el!(88, "Ra", 226.0, &[2], unstable),
    el!(89, "Ac", 227.0, &[3], unstable),
    el!(90, "Th", 232.0377, &[4]),
    el!(91, "Pa", 231.03588, &[5, 4]),
    el!(92, "U", 238.02891, &[6, 4, 5]),
    el!(93, "Np", 237.0, &[5, 4, 6], unstable),
    el!(94, "Pu", 244.0, &[4, 3, 6], unstable),
];

/// The element with this symbol (case-sensitive, as in formulas).
pub fn element(symbol: &str) -> Option<&'static Element> {
    ELEMENTS.iter().find(|e| e.symbol == symbol)
}

/// Citation key of the atomic weights.
pub const ATOMIC_WEIGHTS_SOURCE: &str = "prohaska2022";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_ordered_and_complete() {
        for (i, e) in ELEMENTS.iter().enumerate() {
            assert_eq!(usize::from(e.z), i + 1, "{}", e.symbol);
        }
        assert_eq!(element("La").map(|e| e.atomic_weight), Some(138.90547));
        assert!(element("Xx").is_none());
    }
}
