//! The linear Kramers–Kronig test of Schönleber, Klotz & Ivers-Tiffée,
//! *Electrochim. Acta* 131 (2014) 20–27 (doi:10.1016/j.electacta.2014.01.034).
//!
//! The spectrum is fitted by Ẑ(ω) = R₀ [+ jωL] + Σ_{k=1..M} R_k/(1 + jωτ_k), a
//! Kramers–Kronig-compliant model that is linear in R₀, L and R_k, with τ_k spaced
//! logarithmically from 1/ω_max to 1/ω_min (their eq. 11). The fit is a weighted linear
//! least-squares problem on real and imaginary parts together, weights 1/|Zᵢ|. M is
//! raised from 2 until µ = 1 − Σ_{R_k<0}|R_k| / Σ_{R_k≥0}|R_k| falls below c (their
//! eq. 21, c = 0.85): beyond that point the fit starts to over-fit the noise with
//! negative resistances. Residuals Δ_re = (Z′ − Ẑ′)/|Z| and Δ_im = (Z″ − Ẑ″)/|Z| are
//! small (noise-sized, typically < 1 %) for valid data and show trends otherwise.

use serde::Serialize;

use crate::error::EisError;
use crate::linalg::lstsq;
use crate::spectrum::Spectrum;

/// Options of the test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KkOptions {
    /// Threshold c of the µ criterion (Schönleber et al. use 0.85).
    pub c: f64,
    /// Largest M tried (default: the number of points).
    pub max_elements: Option<usize>,
    /// Fit a series inductance too; `None`: when the highest-frequency point is
    /// inductive (Im Z > 0).
    pub inductance: Option<bool>,
}

impl Default for KkOptions {
    fn default() -> Self {
        Self {
            c: 0.85,
            max_elements: None,
            inductance: None,
        }
    }
}

/// The outcome of the test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KkResult {
    /// Number of RC elements chosen.
    pub m: usize,
    /// µ at that M.
    pub mu: f64,
    /// Series resistance R₀ (Ω).
    pub r_series_ohm: f64,
    /// Series inductance (H), when fitted.
    pub inductance_h: Option<f64>,
    /// Time constants τ_k (s).
    pub tau_s: Vec<f64>,
    /// Resistances R_k (Ω).
    pub resistance_ohm: Vec<f64>,
    /// Frequencies of the residuals (Hz).
    pub frequency_hz: Vec<f64>,
    /// (Z′ − Ẑ′)/|Z| per point.
    pub residual_real: Vec<f64>,
    /// (Z″ − Ẑ″)/|Z| per point.
    pub residual_imag: Vec<f64>,
    /// Largest |residual| of both parts.
    pub max_residual: f64,
}

impl KkResult {
    /// Largest relative residual below which a spectrum is taken as consistent with
    /// Kramers–Kronig: 1 % (Schönleber et al. 2014 find ≲ 1 % for valid data).
    pub const CONSISTENT_BELOW: f64 = 0.01;

    /// Whether every residual is below [`Self::CONSISTENT_BELOW`].
    pub fn is_consistent(&self) -> bool {
        self.max_residual < Self::CONSISTENT_BELOW
    }
}

struct LinFit {
    r0: f64,
    l: Option<f64>,
    r: Vec<f64>,
    taus: Vec<f64>,
}

fn fit_m(s: &Spectrum, m: usize, inductance: bool) -> Option<LinFit> {
    let w: Vec<f64> = s
        .frequency_hz()
        .iter()
        .map(|f| 2.0 * std::f64::consts::PI * f)
        .collect();
    let (w_min, w_max) = w
        .iter()
        .fold((f64::INFINITY, 0.0f64), |(a, b), &x| (a.min(x), b.max(x)));
    let (lo, hi) = ((1.0 / w_max).ln(), (1.0 / w_min).ln());
    let taus: Vec<f64> = (0..m)
        .map(|k| (lo + (hi - lo) * k as f64 / (m.max(2) - 1) as f64).exp())
        .collect();
    let extra = 1 + usize::from(inductance);
    let cols = m + extra;
    let n = s.len();
    let mut a = vec![0.0; 2 * n * cols];
    let mut b = vec![0.0; 2 * n];
    for (i, (&wi, z)) in w.iter().zip(s.z()).enumerate() {
        let wt = 1.0 / z.norm().max(1e-300);
        let (re, im) = (i, n + i);
        a[re * cols] = wt;
        if inductance {
            a[im * cols + 1] = wi * wt;
        }
        for (k, t) in taus.iter().enumerate() {
            let x = wi * t;
            let d = 1.0 + x * x;
            a[re * cols + extra + k] = wt / d;
            a[im * cols + extra + k] = -wt * x / d;
        }
        b[re] = z.re * wt;
        b[im] = z.im * wt;
    }
    let x = lstsq(&a, &b, 2 * n, cols)?;
    Some(LinFit {
        r0: x[0],
        l: inductance.then(|| x[1]),
        r: x[extra..].to_vec(),
        taus,
    })
}

fn mu(r: &[f64]) -> f64 {
    let neg: f64 = r.iter().filter(|x| **x < 0.0).map(|x| x.abs()).sum();
    let pos: f64 = r.iter().filter(|x| **x >= 0.0).sum();
    if pos > 0.0 {
        1.0 - neg / pos
    } else {
        0.0
    }
}

/// Run the linear Kramers–Kronig test.
pub fn linkk(spectrum: &Spectrum, options: &KkOptions) -> Result<KkResult, EisError> {
    let n = spectrum.len();
    if n < 4 {
        return Err(EisError::BadSpectrum(format!(
            "{n} points: the Kramers–Kronig test needs at least 4"
        )));
    }
    let inductance = options.inductance.unwrap_or_else(|| {
        let f = spectrum.frequency_hz();
        (0..n)
            .max_by(|&a, &b| f[a].total_cmp(&f[b]))
            .is_some_and(|i| spectrum.z()[i].im > 0.0)
    });
    let extra = 1 + usize::from(inductance);
    let m_max = options
        .max_elements
        .unwrap_or(n)
        .min(2 * n - extra - 1)
        .max(2);
    let mut chosen = None;
    for m in 2..=m_max {
        let Some(fit) = fit_m(spectrum, m, inductance) else {
            break;
        };
        let u = mu(&fit.r);
        let stop = u <= options.c;
        chosen = Some((m, u, fit));
        if stop {
            break;
        }
    }
    let Some((m, mu, fit)) = chosen else {
        return Err(EisError::Numerical {
            what: "Kramers–Kronig test".to_string(),
            reason: "the linear least-squares problem is singular".to_string(),
        });
    };
    let mut residual_real = Vec::with_capacity(n);
    let mut residual_imag = Vec::with_capacity(n);
    for (f, z) in spectrum.frequency_hz().iter().zip(spectrum.z()) {
        let w = 2.0 * std::f64::consts::PI * f;
        let mut zh = num_complex::Complex64::new(fit.r0, w * fit.l.unwrap_or(0.0));
        for (r, t) in fit.r.iter().zip(&fit.taus) {
            zh += r / num_complex::Complex64::new(1.0, w * t);
        }
        let d = (z - zh) / z.norm().max(1e-300);
        residual_real.push(d.re);
        residual_imag.push(d.im);
    }
    let max_residual = residual_real
        .iter()
        .chain(&residual_imag)
        .fold(0.0f64, |a, b| a.max(b.abs()));
    Ok(KkResult {
        m,
        mu,
        r_series_ohm: fit.r0,
        inductance_h: fit.l,
        tau_s: fit.taus,
        resistance_ohm: fit.r,
        frequency_hz: spectrum.frequency_hz().to_vec(),
        residual_real,
        residual_imag,
        max_residual,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::Circuit;
    use num_complex::Complex64;

    fn freqs() -> Vec<f64> {
        (0..61).map(|i| 10f64.powf(6.0 - i as f64 / 10.0)).collect()
    }

    #[test]
    fn exact_rc_spectrum_is_reproduced_with_tiny_residuals() {
        let c = Circuit::parse("R0-p(R1,C1)-p(R2,CPE2)").unwrap();
        let f = freqs();
        let z = c.spectrum(&[10.0, 100.0, 1e-7, 300.0, 1e-4, 0.8], &f);
        let s = Spectrum::new(f, z).unwrap();
        let r = linkk(&s, &KkOptions::default()).unwrap();
        assert!(r.max_residual < 5e-3, "{} at M = {}", r.max_residual, r.m);
        assert!(r.m >= 3 && r.mu <= 0.85 + 1e-12 || r.m == s.len());
        // R0 + Σ R_k is the DC resistance 410 Ω to within the CPE tail below 1 Hz.
        let total = r.r_series_ohm + r.resistance_ohm.iter().sum::<f64>();
        assert!((total / 410.0 - 1.0).abs() < 0.05, "{total}");
    }

    #[test]
    fn a_drifting_spectrum_fails() {
        // The real part drifts by +20 % towards low frequency while Im follows an RC:
        // not causal, so residuals are large.
        let f = freqs();
        let z: Vec<Complex64> = f
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let w = 2.0 * std::f64::consts::PI * f;
                let zrc = 10.0 + 100.0 / Complex64::new(1.0, w * 1e-5);
                Complex64::new(zrc.re * (1.0 + 0.2 * i as f64 / 60.0), zrc.im)
            })
            .collect();
        let s = Spectrum::new(f, z).unwrap();
        let r = linkk(&s, &KkOptions::default()).unwrap();
        assert!(r.max_residual > 0.02, "{}", r.max_residual);
    }
}
