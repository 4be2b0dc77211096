//! Physical dimensions as exponents of the SI base quantities.

use std::fmt;

/// Number of base dimensions tracked: length, mass, time, current, temperature,
/// amount of substance, and the C-rate pseudo-dimension.
const N_BASE: usize = 7;

const BASE_SYMBOLS: [&str; N_BASE] = ["m", "kg", "s", "A", "K", "mol", "C-rate"];

/// A physical dimension: exponents of m, kg, s, A, K, mol and the C-rate.
///
/// Exponents are stored doubled so that half-integer powers (e.g. the
/// `MPa m^0.5` of fracture toughness) are exact.
///
/// The C-rate is its own pseudo-dimension: "0.5C" is a current relative to a
/// cell's nominal capacity, which is not a frequency even though both are per time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dimension {
    twice: [i8; N_BASE],
}

impl Dimension {
    const fn from_twice(twice: [i8; N_BASE]) -> Self {
        Self { twice }
    }

    const fn base(index: usize) -> Self {
        let mut twice = [0; N_BASE];
        twice[index] = 2;
        Self { twice }
    }

    /// Dimensionless.
    pub const NONE: Self = Self::from_twice([0; N_BASE]);
    /// Length (m).
    pub const LENGTH: Self = Self::base(0);
    /// Mass (kg).
    pub const MASS: Self = Self::base(1);
    /// Time (s).
    pub const TIME: Self = Self::base(2);
    /// Electric current (A).
    pub const CURRENT: Self = Self::base(3);
    /// Thermodynamic temperature (K).
    pub const TEMPERATURE: Self = Self::base(4);
    /// Amount of substance (mol).
    pub const AMOUNT: Self = Self::base(5);
    /// C-rate: current in units of the nominal capacity per hour.
    pub const C_RATE: Self = Self::base(6);
    /// Electric charge (C = A s); also capacity (mAh).
    pub const CHARGE: Self = Self::from_twice([0, 0, 2, 2, 0, 0, 0]);
    /// Energy (J); also activation energies in eV.
    pub const ENERGY: Self = Self::from_twice([4, 2, -4, 0, 0, 0, 0]);
    /// Electric potential (V).
    pub const VOLTAGE: Self = Self::from_twice([4, 2, -6, -2, 0, 0, 0]);
    /// Electrical resistance (Ω).
    pub const RESISTANCE: Self = Self::from_twice([4, 2, -6, -4, 0, 0, 0]);
    /// Area-specific resistance (Ω m²).
    pub const AREA_SPECIFIC_RESISTANCE: Self = Self::from_twice([8, 2, -6, -4, 0, 0, 0]);
    /// Conductivity (S/m).
    pub const CONDUCTIVITY: Self = Self::from_twice([-6, -2, 6, 4, 0, 0, 0]);
    /// Pressure and stress (Pa).
    pub const PRESSURE: Self = Self::from_twice([-2, 2, -4, 0, 0, 0, 0]);
    /// Area (m²).
    pub const AREA: Self = Self::from_twice([4, 0, 0, 0, 0, 0, 0]);
    /// Volume (m³).
    pub const VOLUME: Self = Self::from_twice([6, 0, 0, 0, 0, 0, 0]);
    /// Density (kg/m³).
    pub const DENSITY: Self = Self::from_twice([-6, 2, 0, 0, 0, 0, 0]);
    /// Areal mass loading (kg/m²).
    pub const AREAL_MASS: Self = Self::from_twice([-4, 2, 0, 0, 0, 0, 0]);
    /// Specific capacity (C/kg, written mAh/g).
    pub const SPECIFIC_CAPACITY: Self = Self::from_twice([0, -2, 2, 2, 0, 0, 0]);
    /// Areal capacity (C/m², written mAh/cm²).
    pub const AREAL_CAPACITY: Self = Self::from_twice([-4, 0, 2, 2, 0, 0, 0]);
    /// Current density (A/m²).
    pub const CURRENT_DENSITY: Self = Self::from_twice([-4, 0, 0, 2, 0, 0, 0]);
    /// Diffusivity (m²/s).
    pub const DIFFUSIVITY: Self = Self::from_twice([4, 0, -2, 0, 0, 0, 0]);
    /// Concentration (mol/m³).
    pub const CONCENTRATION: Self = Self::from_twice([-6, 0, 0, 0, 0, 2, 0]);
    /// Fracture toughness (Pa m^½).
    pub const FRACTURE_TOUGHNESS: Self = Self::from_twice([-1, 2, -4, 0, 0, 0, 0]);
    /// Thermal expansion coefficient (1/K).
    pub const THERMAL_EXPANSION: Self = Self::from_twice([0, 0, 0, 0, -2, 0, 0]);
    /// Molar mass (kg/mol).
    pub const MOLAR_MASS: Self = Self::from_twice([0, 2, 0, 0, 0, -2, 0]);
    /// Capacitance (F).
    pub const CAPACITANCE: Self = Self::from_twice([-4, -2, 8, 4, 0, 0, 0]);
    /// Frequency (Hz).
    pub const FREQUENCY: Self = Self::from_twice([0, 0, -2, 0, 0, 0, 0]);
    /// Specific energy (J/kg).
    pub const SPECIFIC_ENERGY: Self = Self::from_twice([4, 0, -4, 0, 0, 0, 0]);
    /// Energy density (J/m³).
    pub const ENERGY_DENSITY: Self = Self::from_twice([-2, 2, -4, 0, 0, 0, 0]);

    /// The product dimension (exponents add).
    pub const fn mul(self, other: Self) -> Self {
        let mut twice = self.twice;
        let mut i = 0;
        while i < N_BASE {
            twice[i] = twice[i].saturating_add(other.twice[i]);
            i += 1;
        }
        Self { twice }
    }

    /// The inverse dimension (exponents negate).
    pub const fn inv(self) -> Self {
        let mut twice = self.twice;
        let mut i = 0;
        while i < N_BASE {
            twice[i] = twice[i].saturating_neg();
            i += 1;
        }
        Self { twice }
    }

    /// This dimension raised to a power; `None` if an exponent would not be a
    /// multiple of ½ or would overflow.
    pub fn powf(self, power: f64) -> Option<Self> {
        let mut twice = [0i8; N_BASE];
        for (t, &s) in twice.iter_mut().zip(self.twice.iter()) {
            let exact = f64::from(s) * power;
            let rounded = exact.round();
            if (exact - rounded).abs() > 1e-9 || rounded.abs() > 120.0 {
                return None;
            }
            *t = rounded as i8;
        }
        Some(Self { twice })
    }

    /// A common name for this dimension, where one exists.
    pub fn name(self) -> Option<&'static str> {
        NAMED.iter().find(|(d, _)| *d == self).map(|(_, n)| *n)
    }
}

const NAMED: &[(Dimension, &str)] = &[
    (Dimension::NONE, "dimensionless"),
    (Dimension::LENGTH, "length"),
    (Dimension::MASS, "mass"),
    (Dimension::TIME, "time"),
    (Dimension::CURRENT, "current"),
    (Dimension::TEMPERATURE, "temperature"),
    (Dimension::AMOUNT, "amount of substance"),
    (Dimension::C_RATE, "C-rate"),
    (Dimension::CHARGE, "charge/capacity"),
    (Dimension::ENERGY, "energy"),
    (Dimension::VOLTAGE, "voltage"),
    (Dimension::RESISTANCE, "resistance"),
    (
        Dimension::AREA_SPECIFIC_RESISTANCE,
        "area-specific resistance",
    ),
    (Dimension::CONDUCTIVITY, "conductivity"),
    (Dimension::PRESSURE, "pressure"),
    (Dimension::AREA, "area"),
    (Dimension::VOLUME, "volume"),
    (Dimension::DENSITY, "density"),
    (Dimension::AREAL_MASS, "areal mass loading"),
    (Dimension::SPECIFIC_CAPACITY, "specific capacity"),
    (Dimension::AREAL_CAPACITY, "areal capacity"),
    (Dimension::CURRENT_DENSITY, "current density"),
    (Dimension::DIFFUSIVITY, "diffusivity"),
    (Dimension::CONCENTRATION, "concentration"),
    (Dimension::FRACTURE_TOUGHNESS, "fracture toughness"),
    (
        Dimension::THERMAL_EXPANSION,
        "thermal expansion coefficient",
    ),
    (Dimension::MOLAR_MASS, "molar mass"),
    (Dimension::CAPACITANCE, "capacitance"),
    (Dimension::FREQUENCY, "frequency"),
    (Dimension::SPECIFIC_ENERGY, "specific energy"),
    (Dimension::ENERGY_DENSITY, "energy density"),
];

impl fmt::Display for Dimension {
    /// Writes the common name and the SI base form, e.g. `conductivity (m^-3 kg^-1 s^3 A^2)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        for (sym, &t) in BASE_SYMBOLS.iter().zip(self.twice.iter()) {
            match t {
                0 => {}
                2 => parts.push((*sym).to_string()),
                t if t % 2 == 0 => parts.push(format!("{sym}^{}", t / 2)),
                t => parts.push(format!("{sym}^{}", f64::from(t) / 2.0)),
            }
        }
        let base = if parts.is_empty() {
            "1".to_string()
        } else {
            parts.join(" ")
        };
        match self.name() {
            Some(name) if name != "dimensionless" => write!(f, "{name} ({base})"),
            Some(name) => write!(f, "{name}"),
            None => write!(f, "{base}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_dimensions_are_consistent() {
        // S/m = 1/(Ω m)
        assert_eq!(
            Dimension::CONDUCTIVITY,
            Dimension::RESISTANCE.mul(Dimension::LENGTH).inv()
        );
        // V = J / C
        assert_eq!(
            Dimension::VOLTAGE,
            Dimension::ENERGY.mul(Dimension::CHARGE.inv())
        );
        // Pa m^0.5
        assert_eq!(
            Dimension::FRACTURE_TOUGHNESS,
            Dimension::PRESSURE.mul(Dimension::LENGTH.powf(0.5).unwrap())
        );
        assert_eq!(Dimension::LENGTH.powf(1.0 / 3.0), None);
    }

    #[test]
    fn display_names_dimension_and_base_units() {
        assert_eq!(
            Dimension::CONDUCTIVITY.to_string(),
            "conductivity (m^-3 kg^-1 s^3 A^2)"
        );
        assert_eq!(Dimension::NONE.to_string(), "dimensionless");
    }
}
