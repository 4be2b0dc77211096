//! Fit quality a user can trust (issue 15, item 5): are the standard errors reliable,
//! which parameters do the data not determine, and is there structure left in the
//! residuals.
//!
//! - **Conditioning.** The standard errors are the square roots of the diagonal of
//!   s²(JᵀJ)⁻¹ (a linearisation at the optimum). They are taken as reliable when the
//!   condition number κ of the column-equilibrated normal matrix
//!   Ã = D^{−1/2} JᵀJ D^{−1/2}, D = diag(JᵀJ) (so κ does not depend on the parameters'
//!   units; Belsley, Kuh & Welsch, *Regression Diagnostics*, Wiley 1980, ch. 3), is
//!   at most [`CONDITION_LIMIT`] = 10¹⁰: the inverse then keeps at least six
//!   significant digits in double precision (relative error ≲ κ·ε, ε = 2.2·10⁻¹⁶).
//!   κ is λ_max/λ_min of Ã from a cyclic Jacobi eigenvalue iteration; a singular JᵀJ
//!   gives κ = ∞.
//! - **Undetermined parameters.** A free parameter is flagged when its relative
//!   standard error exceeds [`RELATIVE_STDERR_LIMIT`] = 1 (the 1σ interval includes
//!   zero) or has none; a pair is flagged when |correlation| > [`CORRELATION_LIMIT`] =
//!   0.99 (the data fix only a combination of the two).
//! - **Residual structure.** The linear Kramers–Kronig test ([`crate::kk::linkk`],
//!   Schönleber et al. 2014, at most 7 elements per decade) fits the same spectrum with a KK-compliant series of RC
//!   elements: its RMS relative residual is the floor a causal, linear model reaches
//!   on these data (noise plus any non-KK drift). The fit's RMS relative residual over
//!   that floor is `residual_ratio`; above [`SYSTEMATIC_RATIO`] = 2 the circuit leaves
//!   structure a KK-compliant model explains (a missing or wrong element), flagged as
//!   `systematic_misfit`. With the right circuit and noise alone the ratio is
//!   ≈ √((2N − M − 1)/(2N − k)) ≲ 1.3 (the KK model's M + 1 resistances take up a
//!   share of the noise).

use serde::Serialize;

use crate::kk::{linkk, KkOptions};
use crate::spectrum::Spectrum;

/// Largest condition number of the equilibrated JᵀJ with reliable standard errors.
pub const CONDITION_LIMIT: f64 = 1e10;
/// Relative standard error above which a parameter is flagged as undetermined.
pub const RELATIVE_STDERR_LIMIT: f64 = 1.0;
/// |Correlation| above which a pair of parameters is flagged.
pub const CORRELATION_LIMIT: f64 = 0.99;
/// Fit RMS residual over the Kramers–Kronig RMS residual above which the misfit is
/// called systematic.
pub const SYSTEMATIC_RATIO: f64 = 2.0;

/// A pair of strongly correlated parameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorrelatedPair {
    /// First parameter.
    pub a: String,
    /// Second parameter.
    pub b: String,
    /// Their correlation.
    pub correlation: f64,
}

/// The Kramers–Kronig part of the quality report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResidualCheck {
    /// RMS of |Zᵢ − Ẑᵢ|/|Zᵢ| of the linear KK fit.
    pub kk_rms_residual: f64,
    /// Largest relative residual of the KK fit (either part).
    pub kk_max_residual: f64,
    /// Whether the data pass the KK test (max residual below 1 %).
    pub kk_consistent: bool,
    /// Fit RMS relative residual / `kk_rms_residual`.
    pub residual_ratio: f64,
    /// `residual_ratio` > [`SYSTEMATIC_RATIO`].
    pub systematic_misfit: bool,
}

/// The quality of one fit (module doc).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitQuality {
    /// Condition number of the equilibrated JᵀJ (∞ when singular; 1 with no free
    /// parameter).
    pub condition_number: f64,
    /// κ ≤ [`CONDITION_LIMIT`] and every free parameter has a standard error.
    pub stderr_reliable: bool,
    /// Free parameters with relative standard error > [`RELATIVE_STDERR_LIMIT`] or
    /// none.
    pub undetermined: Vec<String>,
    /// Pairs with |correlation| > [`CORRELATION_LIMIT`].
    pub correlated: Vec<CorrelatedPair>,
    /// The Kramers–Kronig check; `None` when the KK fit failed.
    pub residuals: Option<ResidualCheck>,
}

impl FitQuality {
    /// One line per finding, empty for a fit with nothing to report.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.stderr_reliable {
            out.push(format!(
                "standard errors unreliable: condition number {:.1e} of JᵀJ (limit {:.0e})",
                self.condition_number, CONDITION_LIMIT
            ));
        }
        if !self.undetermined.is_empty() {
            out.push(format!(
                "not determined by the data (relative error > {:.0} %): {}",
                100.0 * RELATIVE_STDERR_LIMIT,
                self.undetermined.join(", ")
            ));
        }
        for p in &self.correlated {
            out.push(format!(
                "{} and {} correlated ({:+.4}): the data fix only a combination",
                p.a, p.b, p.correlation
            ));
        }
        if let Some(r) = &self.residuals {
            if r.systematic_misfit {
                out.push(format!(
                    "systematic misfit: residuals {:.1}× those of a Kramers–Kronig-compliant fit",
                    r.residual_ratio
                ));
            }
        }
        out
    }
}

/// Eigenvalues of the symmetric `k × k` matrix `a` (row-major) by cyclic Jacobi
/// rotations (Golub & Van Loan, *Matrix Computations*, 4th ed., §8.5), until the
/// off-diagonal mass is below 1e-30 of the total or 100 sweeps.
pub fn symmetric_eigenvalues(a: &[f64], k: usize) -> Vec<f64> {
    let mut m = a.to_vec();
    let total: f64 = m.iter().map(|x| x * x).sum();
    for _ in 0..100 {
        let off: f64 = (0..k)
            .flat_map(|i| (0..k).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| m[i * k + j].powi(2))
            .sum();
        if off <= 1e-30 * total {
            break;
        }
        for p in 0..k {
            for q in p + 1..k {
                let apq = m[p * k + q];
                if apq == 0.0 {
                    continue;
                }
                let theta = (m[q * k + q] - m[p * k + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for r in 0..k {
                    let (x, y) = (m[r * k + p], m[r * k + q]);
                    m[r * k + p] = c * x - s * y;
                    m[r * k + q] = s * x + c * y;
                }
                for r in 0..k {
                    let (x, y) = (m[p * k + r], m[q * k + r]);
                    m[p * k + r] = c * x - s * y;
                    m[q * k + r] = s * x + c * y;
                }
            }
        }
    }
    (0..k).map(|i| m[i * k + i]).collect()
}

/// Condition number of the equilibrated `jtj` (`k × k`, module doc).
pub fn condition_number(jtj: &[f64], k: usize) -> f64 {
    if k == 0 {
        return 1.0;
    }
    let d: Vec<f64> = (0..k).map(|i| jtj[i * k + i]).collect();
    if d.iter().any(|x| !(x.is_finite() && *x > 0.0)) {
        return f64::INFINITY;
    }
    let scaled: Vec<f64> = (0..k * k)
        .map(|ij| jtj[ij] / (d[ij / k] * d[ij % k]).sqrt())
        .collect();
    let ev = symmetric_eigenvalues(&scaled, k);
    let (lo, hi) = ev
        .iter()
        .fold((f64::INFINITY, 0.0f64), |(a, b), &x| (a.min(x), b.max(x)));
    if lo <= 0.0 || !lo.is_finite() {
        f64::INFINITY
    } else {
        hi / lo
    }
}

/// What [`assess`] needs of a fit.
pub struct Assessment<'a> {
    /// JᵀJ of the free parameters in their own units (k × k).
    pub jtj: &'a [f64],
    /// Names of the free parameters.
    pub free_names: &'a [String],
    /// Their values.
    pub free_values: &'a [f64],
    /// Their standard errors.
    pub free_stderr: &'a [Option<f64>],
    /// Their correlation matrix (NaN where not available).
    pub correlation: &'a [Vec<f64>],
    /// The fit's RMS of |Zᵢ − Ẑᵢ|/|Zᵢ|.
    pub rms_relative_residual: f64,
}

/// The quality of a fit of `spectrum` (module doc).
pub fn assess(a: &Assessment<'_>, spectrum: &Spectrum) -> FitQuality {
    let k = a.free_names.len();
    let condition_number = condition_number(a.jtj, k);
    let undetermined = (0..k)
        .filter(|&i| match a.free_stderr[i] {
            Some(se) => se.is_nan() || se > RELATIVE_STDERR_LIMIT * a.free_values[i].abs(),
            None => true,
        })
        .map(|i| a.free_names[i].clone())
        .collect();
    let mut correlated = Vec::new();
    for i in 0..k {
        for j in i + 1..k {
            let c = a.correlation.get(i).and_then(|r| r.get(j)).copied();
            if let Some(c) = c.filter(|c| c.abs() > CORRELATION_LIMIT) {
                correlated.push(CorrelatedPair {
                    a: a.free_names[i].clone(),
                    b: a.free_names[j].clone(),
                    correlation: c,
                });
            }
        }
    }
    // At most 7 RC elements per decade of the band (Boukamp 1995 spaces ~7 per
    // decade): the µ criterion usually stops well before, and the cap keeps the test
    // to a fraction of a fit's time on long spectra.
    let f = spectrum.frequency_hz();
    let (lo, hi) = f
        .iter()
        .fold((f64::INFINITY, 0.0f64), |(a, b), &x| (a.min(x), b.max(x)));
    let decades = (hi / lo).log10().max(1.0);
    let kk_options = KkOptions {
        max_elements: Some(((7.0 * decades).ceil() as usize).clamp(2, spectrum.len())),
        ..KkOptions::default()
    };
    let residuals = linkk(spectrum, &kk_options).ok().map(|kk| {
        let n = kk.residual_real.len().max(1) as f64;
        let kk_rms = (kk
            .residual_real
            .iter()
            .zip(&kk.residual_imag)
            .map(|(a, b)| a * a + b * b)
            .sum::<f64>()
            / n)
            .sqrt();
        let ratio = a.rms_relative_residual / kk_rms.max(1e-300);
        ResidualCheck {
            kk_rms_residual: kk_rms,
            kk_max_residual: kk.max_residual,
            kk_consistent: kk.is_consistent(),
            residual_ratio: ratio,
            systematic_misfit: ratio > SYSTEMATIC_RATIO,
        }
    });
    FitQuality {
        condition_number,
        stderr_reliable: condition_number <= CONDITION_LIMIT
            && a.free_stderr.iter().all(|s| s.is_some()),
        undetermined,
        correlated,
        residuals,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn jacobi_eigenvalues_of_a_known_matrix() {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
        let mut ev = symmetric_eigenvalues(&[2.0, 1.0, 1.0, 2.0], 2);
        ev.sort_by(f64::total_cmp);
        assert!((ev[0] - 1.0).abs() < 1e-14 && (ev[1] - 3.0).abs() < 1e-14);
        // Equilibrated [[1, ρ], [ρ, 1]] has κ = (1 + ρ)/(1 − ρ).
        let rho = 0.999;
        let kappa = condition_number(&[4.0, 2.0 * rho * 3.0, 2.0 * rho * 3.0, 9.0], 2);
        assert!((kappa / ((1.0 + rho) / (1.0 - rho)) - 1.0).abs() < 1e-9);
        assert!(condition_number(&[1.0, 1.0, 1.0, 1.0], 2) > CONDITION_LIMIT);
    }
}
