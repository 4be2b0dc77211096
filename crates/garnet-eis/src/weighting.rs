//! Residual weightings with the field's names (issue 15, item 1); see [`Weighting`].

use std::str::FromStr;

use num_complex::Complex64;
use serde::Serialize;

use crate::error::EisError;

/// How residuals are weighted, with the field's names (Boukamp, *Solid State Ionics*
/// 20 (1986) 31 and *J. Electrochem. Soc.* 142 (1995) 1885; Orazem & Tribollet,
/// *Electrochemical Impedance Spectroscopy*, 2nd ed., Wiley 2017, ch. 19):
/// the residual of each component is divided by its standard deviation σ, so
/// χ² = Σ (ΔZ′ᵢ/σ′ᵢ)² + (ΔZ″ᵢ/σ″ᵢ)².
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Weighting {
    /// σ = 1: wᵢ = 1 on both components (impedance.py's default).
    #[default]
    Unit,
    /// Modulus weighting, σ′ᵢ = σ″ᵢ = |Zᵢ|: wᵢ = 1/|Zᵢ|² on both components
    /// (impedance.py's `weight_by_modulus=True`, EISFitpython's `'M'`).
    Modulus,
    /// Proportional weighting, σ′ᵢ = |Z′ᵢ| and σ″ᵢ = |Z″ᵢ| separately: w′ᵢ = 1/Z′ᵢ²,
    /// w″ᵢ = 1/Z″ᵢ², each σ floored at [`PROPORTIONAL_FLOOR`]·|Zᵢ| where a component
    /// crosses zero (the high-frequency intercept, an inductive loop).
    Proportional,
    /// wᵢ = 1/|Zᵢ| on both components (garnet's `modulus` before issue 15).
    InverseModulus,
}

/// Floor of σ in proportional weighting, as a fraction of |Zᵢ|: 1 %.
pub const PROPORTIONAL_FLOOR: f64 = 0.01;

impl Weighting {
    const NAMES: [&'static str; 4] = ["unit", "modulus", "proportional", "inverse-modulus"];

    /// The weights (w′, w″) of the real and imaginary residual at the measured `z`.
    pub fn weights(self, z: Complex64) -> (f64, f64) {
        let m = z.norm().max(1e-300);
        match self {
            Weighting::Unit => (1.0, 1.0),
            Weighting::Modulus => (1.0 / (m * m), 1.0 / (m * m)),
            Weighting::Proportional => {
                let floor = PROPORTIONAL_FLOOR * m;
                let (a, b) = (z.re.abs().max(floor), z.im.abs().max(floor));
                (1.0 / (a * a), 1.0 / (b * b))
            }
            Weighting::InverseModulus => (1.0 / m, 1.0 / m),
        }
    }
}

impl std::fmt::Display for Weighting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Weighting::Unit => "unit",
            Weighting::Modulus => "modulus",
            Weighting::Proportional => "proportional",
            Weighting::InverseModulus => "inverse-modulus",
        })
    }
}

impl FromStr for Weighting {
    type Err = EisError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "unit" => Ok(Weighting::Unit),
            "modulus" => Ok(Weighting::Modulus),
            "proportional" => Ok(Weighting::Proportional),
            "inverse-modulus" => Ok(Weighting::InverseModulus),
            _ => Err(EisError::Invalid {
                field: "weighting".to_string(),
                message: format!(
                    "'{s}' is not one of unit, modulus, proportional, inverse-modulus{}",
                    garnet_units::suggest::closest_str(s, Weighting::NAMES)
                        .map(|c| format!(" (did you mean '{c}'?)"))
                        .unwrap_or_default()
                ),
            }),
        }
    }
}
