//! From DRT peaks to an equivalent circuit with initial values.
//!
//! Each peak inside the window (and one cut by the high-frequency end, such as a bulk
//! arc above the highest frequency) becomes a ZARC written as `p(Rk,CPEk)`, ordered by
//! τ (R1 the highest-frequency arc), with
//!
//! - Rk = the peak's area ∫ γ d ln τ;
//! - n from the peak height h: the DRT of a ZARC, γ(y) = (R/2π) sin(nπ)/(cosh(n(y −
//!   y₀)) + cos(nπ)) (Fuoss & Kirkwood, *J. Am. Chem. Soc.* 63 (1941) 385; Boukamp,
//!   *Electrochim. Acta* 154 (2015) 35, eq. 6), peaks at h = (R/2π) tan(nπ/2), so
//!   n = (2/π) atan(2πh/R), limited to [0.5, 1] (regularisation widens peaks, so this
//!   n is a lower estimate);
//! - Qk = τⁿ/Rk, from τ₀ = (R Q)^{1/n}.
//!
//! A positive peak cut by the low-frequency end of the window is a blocking
//! electrode's tail when no blocking term was fitted: it becomes a series `CPEk` with
//! n = 0.9 (a typical electrode) and Q = τⁿ/R (|Z| = R at ω = 1/τ). A fitted blocking
//! term becomes `Ck` or `CPEk`, a fitted series inductance `Lk`. A negative peak (an
//! inductive loop, with [`super::DrtOptions::negative`]) becomes `p(Rk,Lk)`, whose
//! impedance R jωτ/(1 + jωτ) = R − R/(1 + jωτ) is a negative Debye term of area −R at
//! τ = L/R plus R at high frequency; R0 is lowered by R (to no less than 1 % of R∞).

use serde::Serialize;

use super::DrtResult;
use crate::circuit::Circuit;
use crate::error::EisError;

/// A suggested circuit and its initial values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// Circuit string (impedance.py syntax), e.g. `R0-p(R1,CPE1)-p(R2,CPE2)-CPE3`.
    pub circuit: String,
    /// (parameter name, initial value in SI) in the circuit's parameter order.
    pub initial: Vec<(String, f64)>,
}

impl Suggestion {
    /// The initial values alone, in the circuit's parameter order.
    pub fn values(&self) -> Vec<f64> {
        self.initial.iter().map(|(_, v)| *v).collect()
    }
}

/// n of a ZARC from its DRT peak: n = (2/π) atan(2π h/R), in [0.5, 1].
fn zarc_exponent(height: f64, r: f64) -> f64 {
    if r <= 0.0 {
        return 0.9;
    }
    (2.0 / std::f64::consts::PI * (2.0 * std::f64::consts::PI * height / r).atan()).clamp(0.5, 1.0)
}

/// Turn the peaks of a DRT into a circuit with initial values (see the module doc).
pub fn suggest_circuit(drt: &DrtResult) -> Result<Suggestion, EisError> {
    let mut parts: Vec<String> = Vec::new();
    let mut init: Vec<(String, f64)> = Vec::new();
    let mut k = 1;
    let loops: f64 = drt
        .peaks
        .iter()
        .filter(|p| p.resistance_ohm < 0.0)
        .map(|p| -p.resistance_ohm)
        .sum();
    let r0 = (drt.r_inf_ohm - loops).max(0.01 * drt.r_inf_ohm);
    let total: f64 = drt.peaks.iter().map(|p| p.resistance_ohm.abs()).sum();
    parts.push("R0".to_string());
    init.push(("R0".to_string(), r0.max(1e-6 * total).max(1e-12)));
    if let Some(l) = drt.series.inductance_h.filter(|l| *l > 0.0) {
        parts.push(format!("L{k}"));
        init.push((format!("L{k}"), l));
        k += 1;
    }
    let blocking_fitted = drt.series.capacitance_f.is_some() || drt.series.cpe_q.is_some();
    let tau_max = drt.tau_s.last().copied().unwrap_or(f64::INFINITY);
    let mut tail: Option<(f64, f64)> = None;
    for p in &drt.peaks {
        let r = p.resistance_ohm;
        if r < 0.0 {
            parts.push(format!("p(R{k},L{k})"));
            init.push((format!("R{k}"), -r));
            init.push((format!("L{k}"), -r * p.tau_s));
            k += 1;
            continue;
        }
        // Cut by the low-frequency end: τ in the upper half of the grid.
        let low_freq_edge = p.at_edge && p.tau_s.ln() > 0.5 * (drt.tau_s[0].ln() + tau_max.ln());
        if low_freq_edge && !blocking_fitted {
            tail = Some((p.tau_s, r));
            continue;
        }
        let n = zarc_exponent(p.height_ohm, r);
        parts.push(format!("p(R{k},CPE{k})"));
        init.push((format!("R{k}"), r));
        init.push((format!("CPE{k}_0"), p.tau_s.powf(n) / r));
        init.push((format!("CPE{k}_1"), n));
        k += 1;
    }
    if let Some(c) = drt.series.capacitance_f.filter(|c| c.is_finite()) {
        parts.push(format!("C{k}"));
        init.push((format!("C{k}"), c));
    } else if let (Some(q), Some(n)) =
        (drt.series.cpe_q.filter(|q| q.is_finite()), drt.series.cpe_n)
    {
        parts.push(format!("CPE{k}"));
        init.push((format!("CPE{k}_0"), q));
        init.push((format!("CPE{k}_1"), n));
    } else if let Some((tau, r)) = tail {
        let n = 0.9;
        parts.push(format!("CPE{k}"));
        init.push((format!("CPE{k}_0"), tau.powf(n) / r));
        init.push((format!("CPE{k}_1"), n));
    }
    let circuit = parts.join("-");
    let parsed = Circuit::parse(&circuit)?;
    let names: Vec<String> = init.iter().map(|(n, _)| n.clone()).collect();
    if parsed.parameter_names() != names {
        return Err(EisError::Numerical {
            what: "DRT circuit suggestion".to_string(),
            reason: format!("parameter names of {circuit} do not match {names:?}"),
        });
    }
    Ok(Suggestion {
        circuit,
        initial: init,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exponent_inverts_the_zarc_peak_height() {
        // h = (R/2π) tan(nπ/2) for a ZARC (Fuoss & Kirkwood 1941): n = 0.8, R = 50 Ω.
        let (r, n) = (50.0, 0.8);
        let h = r / (2.0 * std::f64::consts::PI) * (n * std::f64::consts::FRAC_PI_2).tan();
        assert!((zarc_exponent(h, r) - n).abs() < 1e-12);
    }
}
