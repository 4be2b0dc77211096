//! Choice of the regularisation parameter λ of the DRT.
//!
//! λ is dimensionless: the DRT minimises ‖A x + R∞ − Z‖² + λ xᵀ M x where x (the
//! coefficients of γ, Ω) scales with Z and M is dimensionless, so both terms scale as
//! |Z|² and the same λ gives the same γ/|Z| for a spectrum multiplied by any factor.
//! It is the λ of pyDRTtools (Wan et al., *Electrochim. Acta* 184 (2015) 483), whose
//! GUI default is 1e-3 and whose automatic choices search λ ∈ [1e-7, 1]. garnet
//! searches λ ∈ [1e-5, 1]: below 1e-5 the non-negative Gaussian-RBF solution of a
//! noise-free ZARC spectrum already splits the ZARC into two peaks (basis and
//! quadrature error, not noise, set the misfit there), so smaller λ are never useful.
//!
//! Automatic choices (Saccoccio, Wan, Chen & Ciucci, *Electrochim. Acta* 147 (2014)
//! 470, §2.4–2.5, compared GCV and the L-curve for DRT; Maradesa et al., *J.
//! Electrochem. Soc.* 170 (2023) 030502, compared these and others on measured data):
//! - [`Lambda::LCurve`] (the default): the corner of the L-curve (Hansen & O'Leary,
//!   *SIAM J. Sci. Comput.* 14 (1993) 1487), the point of maximum curvature of
//!   (log ‖r_λ‖, log √(xᵀMx)) over λ = 10^k, k = −5, −4.75, …, 0. It needs no noise
//!   model, so systematic misfit (a blocking electrode, drift, leads) does not drive
//!   it to the floor of its range the way it drives GCV.
//! - [`Lambda::Gcv`]: generalised cross-validation (Golub, Heath & Wahba,
//!   *Technometrics* 21 (1979) 215) of the unconstrained ridge problem over the same
//!   range. GCV assumes independent errors; on measured spectra, where the residuals
//!   are smooth model error, it takes the smallest λ of its range (pyDRTtools' GCV
//!   reaches its floor 1e-7 on EISFitpython's Example2c; garnet's stops at 1e-5).

use crate::error::EisError;

/// How the regularisation parameter is chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lambda {
    /// A given, dimensionless λ (pyDRTtools' λ).
    Value(f64),
    /// Generalised cross-validation over λ ∈ [1e-5, 1].
    Gcv,
    /// Corner of the L-curve over λ ∈ [1e-5, 1].
    LCurve,
}

impl Lambda {
    /// The name written in the output: `value`, `gcv` or `l-curve`.
    pub fn method(self) -> &'static str {
        match self {
            Lambda::Value(_) => "value",
            Lambda::Gcv => "gcv",
            Lambda::LCurve => "l-curve",
        }
    }
}

impl std::str::FromStr for Lambda {
    type Err = EisError;
    /// `gcv`, `l-curve` (or `lcurve`, any case) or a positive number.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("gcv") {
            return Ok(Lambda::Gcv);
        }
        if t.eq_ignore_ascii_case("l-curve") || t.eq_ignore_ascii_case("lcurve") {
            return Ok(Lambda::LCurve);
        }
        match t.parse::<f64>() {
            Ok(v) if v > 0.0 && v.is_finite() => Ok(Lambda::Value(v)),
            _ => Err(EisError::Invalid {
                field: "regularisation λ".to_string(),
                message: format!("'{t}' is neither a positive number nor 'gcv' or 'l-curve'"),
            }),
        }
    }
}

/// The λ grid of the automatic choices: 10^k, k = −5, −4.75, …, 0 (21 values).
pub(crate) fn grid() -> Vec<f64> {
    (0..=20)
        .map(|k| 10f64.powf(-5.0 + 0.25 * k as f64))
        .collect()
}

/// GCV(λ) = n_r ‖r_λ‖² / (n_r − tr H_λ)² with H_λ = A (AᵀA + λM)⁻¹ Aᵀ and n_r = 2N
/// real residuals (Golub, Heath & Wahba 1979, eq. 1.4), for the unconstrained ridge
/// problem given by its normal equations `ata`, `atb`, `btb` = bᵀb; `None` when
/// AᵀA + λM is singular.
pub(crate) fn gcv_score(
    ata: &[f64],
    atb: &[f64],
    btb: f64,
    pen: &[f64],
    cols: usize,
    n_r: usize,
    lambda: f64,
) -> Option<f64> {
    let g: Vec<f64> = ata.iter().zip(pen).map(|(a, p)| a + lambda * p).collect();
    let inv = crate::linalg::inverse_spd(&g, cols)?;
    // x = G⁻¹ Aᵀb; ‖r‖² = bᵀb − 2 xᵀAᵀb + xᵀ AᵀA x; tr H = tr(G⁻¹ AᵀA).
    let x: Vec<f64> = (0..cols)
        .map(|i| (0..cols).map(|j| inv[i * cols + j] * atb[j]).sum())
        .collect();
    let xtatax: f64 = (0..cols)
        .map(|i| x[i] * (0..cols).map(|j| ata[i * cols + j] * x[j]).sum::<f64>())
        .sum();
    let xtatb: f64 = x.iter().zip(atb).map(|(a, b)| a * b).sum();
    let rss = (btb - 2.0 * xtatb + xtatax).max(0.0);
    let tr: f64 = (0..cols)
        .map(|i| {
            (0..cols)
                .map(|j| inv[i * cols + j] * ata[j * cols + i])
                .sum::<f64>()
        })
        .sum();
    let denom = (n_r as f64 - tr).max(1e-12);
    Some(n_r as f64 * rss / (denom * denom))
}

/// Index of the L-curve corner: the maximum of the signed curvature
/// κ = (ρ′η″ − ρ″η′)/(ρ′² + η′²)^{3/2} of ρ = log ‖r‖, η = log √(xᵀMx) against
/// t = log λ (Hansen & O'Leary 1993, eq. 13), by central differences at the interior
/// points of the grid; the middle of the grid when every point is degenerate.
pub(crate) fn l_curve_corner(rss: &[f64], seminorm: &[f64]) -> usize {
    let n = rss.len();
    let rho: Vec<f64> = rss.iter().map(|r| 0.5 * r.max(1e-300).ln()).collect();
    let eta: Vec<f64> = seminorm.iter().map(|s| 0.5 * s.max(1e-300).ln()).collect();
    let mut best = (f64::NEG_INFINITY, n / 2);
    for i in 1..n.saturating_sub(1) {
        let (r1, r2) = (
            0.5 * (rho[i + 1] - rho[i - 1]),
            rho[i + 1] - 2.0 * rho[i] + rho[i - 1],
        );
        let (e1, e2) = (
            0.5 * (eta[i + 1] - eta[i - 1]),
            eta[i + 1] - 2.0 * eta[i] + eta[i - 1],
        );
        let d = (r1 * r1 + e1 * e1).powf(1.5);
        if d <= 1e-300 {
            continue;
        }
        let kappa = (r1 * e2 - r2 * e1) / d;
        if kappa.is_finite() && kappa > best.0 {
            best = (kappa, i);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn parses_the_three_choices() {
        assert_eq!("GCV".parse::<Lambda>().unwrap(), Lambda::Gcv);
        assert_eq!("l-curve".parse::<Lambda>().unwrap(), Lambda::LCurve);
        assert_eq!("1e-3".parse::<Lambda>().unwrap(), Lambda::Value(1e-3));
        assert!("-1".parse::<Lambda>().is_err());
        assert!("soft".parse::<Lambda>().is_err());
    }

    #[test]
    fn the_corner_of_a_right_angle_is_found() {
        // An ideal L: ρ constant then rising, η falling then constant; the corner at
        // index 5 of 11 (closed form: the only point with non-zero curvature).
        let rss: Vec<f64> = (0..11)
            .map(|i| if i <= 5 { 1.0 } else { 10f64.powi(i - 5) })
            .map(|r: f64| r * r)
            .collect();
        let semi: Vec<f64> = (0..11)
            .map(|i| if i >= 5 { 1.0 } else { 10f64.powi(5 - i) })
            .map(|s: f64| s * s)
            .collect();
        assert_eq!(l_curve_corner(&rss, &semi), 5);
    }
}
