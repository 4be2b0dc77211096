//! Distribution of relaxation times (DRT) by Tikhonov-regularised fitting on Gaussian
//! radial basis functions, as pyDRTtools does (Wan, Saccoccio, Chen & Ciucci,
//! *Electrochim. Acta* 184 (2015) 483, doi:10.1016/j.electacta.2015.09.097).
//!
//! Model: Z(ω) = R∞ + jωL + Z_b(ω) + ∫ γ(y)/(1 + jω e^y) dy with y = ln τ, and
//! γ(y) = Σ_m x_m φ_m(y), φ_m(y) = exp(−(ε (y − y_m))²). The series inductance L
//! (leads; Wan et al. 2015 §2, pyDRTtools' "fitting with inductance") and the
//! blocking-electrode term Z_b = 1/(C jω) or 1/(Q (jω)^n) are optional
//! ([`DrtOptions::inductance`], [`DrtOptions::blocking`]); without Z_b a blocking
//! electrode's low-frequency tail becomes a large peak at the end of the τ range.
//! The centres y_m are ln(1/ωᵢ) of the measured frequencies; the shape factor is
//! ε = 1/Δy with Δy the mean spacing of the centres (full width at half maximum
//! 2√(ln 2)/ε ≈ 1.67 Δy). The integrals A_re, A_im of each φ_m against the Debye kernel
//! are computed by the trapezoidal rule over y_m ± 6/ε (241 nodes). The coefficients
//! minimise
//!
//! ‖A x + R∞ + jωL + Z_b − Z‖² + λ xᵀ M x
//!
//! with M_ab = ∫ φ_a′ φ_b′ dy = √(π/2) ε (1 − ε² d²) e^{−ε² d²/2}, d = y_a − y_b
//! (first-derivative penalty, the pyDRTtools default), subject to x ≥ 0 (or x free
//! with [`DrtOptions::negative`], for inductive loops), R∞, L, 1/C ≥ 0 (non-negative
//! least squares). Data are unweighted (Ω²), as in pyDRTtools.
//!
//! Both terms of the objective scale as |Z|², so λ is dimensionless and the result is
//! scale-free: Z × k gives γ × k, the same peak τ and the same relative peak R
//! (internally Z is divided by max |Z| for conditioning only). λ is chosen as in
//! module [`lambda`] (default: the L-curve corner). Peaks are found as in module
//! [`peaks`]; module [`suggest`] turns them into a circuit with initial values.

pub mod lambda;
pub mod peaks;
pub mod suggest;

use num_complex::Complex64;
use serde::Serialize;

use crate::error::EisError;
use crate::linalg::nnls;
use crate::spectrum::Spectrum;

pub use lambda::Lambda;
pub use peaks::DrtPeak;
pub use suggest::{suggest_circuit, Suggestion};

/// The optional blocking-electrode term in series with the DRT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocking {
    /// None (the default).
    None,
    /// An ideal capacitor, Z = 1/(jωC).
    Capacitor,
    /// A constant-phase element, Z = 1/(Q (jω)^n), n chosen from 0.50, 0.51, …, 1.00
    /// by the smallest objective.
    Cpe,
}

impl std::str::FromStr for Blocking {
    type Err = EisError;
    /// `none`, `c` (or `capacitor`) or `cpe`, any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" => Ok(Blocking::None),
            "c" | "capacitor" => Ok(Blocking::Capacitor),
            "cpe" => Ok(Blocking::Cpe),
            t => Err(EisError::Invalid {
                field: "blocking term".to_string(),
                message: format!("'{t}' is not one of none, c, cpe"),
            }),
        }
    }
}

/// Options of the DRT.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DrtOptions {
    /// The regularisation parameter.
    pub lambda: Lambda,
    /// Fit a series inductance L ≥ 0 (leads, cables).
    pub inductance: bool,
    /// Fit a blocking-electrode capacitance or CPE in series.
    pub blocking: Blocking,
    /// Let γ take negative values (inductive loops); the default keeps γ ≥ 0.
    pub negative: bool,
}

impl Default for DrtOptions {
    /// λ from the L-curve corner (module [`lambda`]), no series L, no blocking term,
    /// γ ≥ 0.
    fn default() -> Self {
        Self {
            lambda: Lambda::LCurve,
            inductance: false,
            blocking: Blocking::None,
            negative: false,
        }
    }
}

/// The fitted series terms.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SeriesTerms {
    /// Series inductance L (H), when fitted.
    pub inductance_h: Option<f64>,
    /// Blocking capacitance C (F), when an ideal capacitor is fitted.
    pub capacitance_f: Option<f64>,
    /// Blocking CPE Q (Ω⁻¹ sⁿ), when a CPE is fitted.
    pub cpe_q: Option<f64>,
    /// Blocking CPE exponent n, when a CPE is fitted.
    pub cpe_n: Option<f64>,
}

/// A series term the spectrum seems to need but the options left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hint {
    /// Im Z > 0 at the highest frequency: leads or cables (fit a series inductance).
    SeriesInductance,
    /// A peak at the long-τ edge while −Im Z still rises over the three lowest
    /// frequencies: a blocking electrode's capacitive tail (fit a blocking term).
    BlockingTerm,
}

/// The result of a DRT.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrtResult {
    /// High-frequency resistance R∞ (Ω).
    pub r_inf_ohm: f64,
    /// τ of the evaluation grid (s).
    pub tau_s: Vec<f64>,
    /// γ(ln τ) on that grid (Ω).
    pub gamma_ohm: Vec<f64>,
    /// Peaks, τ increasing.
    pub peaks: Vec<DrtPeak>,
    /// λ used (dimensionless).
    pub lambda: f64,
    /// How λ was chosen: `value`, `gcv` or `l-curve`.
    pub lambda_method: &'static str,
    /// The series L and blocking terms that were fitted.
    pub series: SeriesTerms,
    /// RMS of |Z − Ẑ| over the points (Ω).
    pub rms_residual_ohm: f64,
    /// RMS of |Z − Ẑ|/|Z| over the points.
    pub rms_relative_residual: f64,
    /// Series terms the spectrum seems to need but were not fitted.
    pub hints: Vec<Hint>,
}

/// Trapezoidal nodes of ∫ φ_m(y)/(1 + jω e^y) dy over y_m ± 6/ε (241 nodes), the same
/// for every centre up to the shift y_m: (weight × φ, offset y − y_m).
fn kernel_nodes(eps: f64) -> Vec<(f64, f64)> {
    let half = 6.0 / eps;
    let nodes = 241;
    let h = 2.0 * half / (nodes - 1) as f64;
    (0..nodes)
        .map(|k| {
            let d = -half + h * k as f64;
            let wt = if k == 0 || k == nodes - 1 { 0.5 } else { 1.0 };
            (wt * h * (-(eps * d).powi(2)).exp(), d)
        })
        .collect()
}

/// ∫ φ_m(y)/(1 + jω e^y) dy by the trapezoidal rule on `nodes` (with e^{y_m + d}
/// precomputed in `exp_y`): 1/(1 + ja) = (1 − ja)/(1 + a²), a = ω e^y.
fn kernel(w: f64, nodes: &[(f64, f64)], exp_y: &[f64]) -> Complex64 {
    let (mut re, mut im) = (0.0, 0.0);
    for ((c, _), e) in nodes.iter().zip(exp_y) {
        let a = w * e;
        let q = c / (1.0 + a * a);
        re += q;
        im -= q * a;
    }
    Complex64::new(re, im)
}

/// The linear least-squares problem of one DRT, on Z / max|Z|.
struct Problem {
    /// Complex design matrix, n × cols: [R∞, L?, blocking?, φ_1 … φ_m].
    a: Vec<Complex64>,
    z: Vec<Complex64>,
    cols: usize,
    /// Column of the blocking term, if any.
    blocking_col: Option<usize>,
    pen: Vec<f64>,
    w: Vec<f64>,
    w_min: f64,
    free: Vec<bool>,
}

impl Problem {
    /// Set the blocking column to 1/(jω/ω_min)^n (its coefficient is 1/(Q ω_minⁿ)).
    fn set_blocking(&mut self, n_exp: f64) {
        if let Some(c) = self.blocking_col {
            for (i, &wi) in self.w.iter().enumerate() {
                let r = wi / self.w_min;
                self.a[i * self.cols + c] =
                    Complex64::from_polar(r.powf(-n_exp), -n_exp * std::f64::consts::FRAC_PI_2);
            }
        }
    }

    /// Normal equations AᵀA (real part of AᴴA), Aᵀz and zᵀz.
    fn normal(&self) -> (Vec<f64>, Vec<f64>, f64) {
        let cols = self.cols;
        let mut g = vec![0.0; cols * cols];
        let mut rhs = vec![0.0; cols];
        for (i, z) in self.z.iter().enumerate() {
            let row = &self.a[i * cols..(i + 1) * cols];
            for p in 0..cols {
                rhs[p] += row[p].re * z.re + row[p].im * z.im;
                for q in p..cols {
                    let v = row[p].re * row[q].re + row[p].im * row[q].im;
                    g[p * cols + q] += v;
                    if q != p {
                        g[q * cols + p] += v;
                    }
                }
            }
        }
        let btb = self.z.iter().map(|z| z.norm_sqr()).sum();
        (g, rhs, btb)
    }

    /// The constrained solution at λ: (x, ‖r‖², xᵀMx).
    fn solve(
        &self,
        ata: &[f64],
        atb: &[f64],
        lambda: f64,
    ) -> Result<(Vec<f64>, f64, f64), EisError> {
        let g: Vec<f64> = ata
            .iter()
            .zip(&self.pen)
            .map(|(a, p)| a + lambda * p)
            .collect();
        let x = nnls(&g, atb, self.cols, &self.free).ok_or_else(|| EisError::Numerical {
            what: "DRT".to_string(),
            reason: "the regularised normal equations are singular".to_string(),
        })?;
        let cols = self.cols;
        let rss: f64 = self
            .z
            .iter()
            .enumerate()
            .map(|(i, z)| {
                let zh: Complex64 = (0..cols).map(|p| self.a[i * cols + p] * x[p]).sum();
                (z - zh).norm_sqr()
            })
            .sum();
        let semi: f64 = (0..cols)
            .map(|p| {
                x[p] * (0..cols)
                    .map(|q| self.pen[p * cols + q] * x[q])
                    .sum::<f64>()
            })
            .sum();
        Ok((x, rss, semi))
    }

    /// λ by the chosen method.
    fn choose_lambda(
        &self,
        method: Lambda,
        ata: &[f64],
        atb: &[f64],
        btb: f64,
    ) -> Result<f64, EisError> {
        match method {
            Lambda::Value(l) => Ok(l),
            Lambda::Gcv => {
                let mut best = (f64::INFINITY, 1e-3);
                for l in lambda::grid() {
                    let n_r = 2 * self.z.len();
                    if let Some(s) = lambda::gcv_score(ata, atb, btb, &self.pen, self.cols, n_r, l)
                    {
                        if s < best.0 {
                            best = (s, l);
                        }
                    }
                }
                Ok(best.1)
            }
            Lambda::LCurve => {
                let grid = lambda::grid();
                let mut rss = Vec::with_capacity(grid.len());
                let mut semi = Vec::with_capacity(grid.len());
                for &l in &grid {
                    let (_, r, s) = self.solve(ata, atb, l)?;
                    rss.push(r);
                    semi.push(s);
                }
                Ok(grid[lambda::l_curve_corner(&rss, &semi)])
            }
        }
    }
}

/// Compute the DRT of a spectrum.
pub fn drt(spectrum: &Spectrum, options: &DrtOptions) -> Result<DrtResult, EisError> {
    let n = spectrum.len();
    if n < 5 {
        return Err(EisError::BadSpectrum(format!(
            "{n} points: the DRT needs at least 5"
        )));
    }
    if let Lambda::Value(l) = options.lambda {
        if !(l > 0.0 && l.is_finite()) {
            return Err(EisError::Invalid {
                field: "lambda".to_string(),
                message: format!("must be a positive number, got {l}"),
            });
        }
    }
    let w: Vec<f64> = spectrum
        .frequency_hz()
        .iter()
        .map(|f| 2.0 * std::f64::consts::PI * f)
        .collect();
    let w_min = w.iter().copied().fold(f64::INFINITY, f64::min);
    let w_max = w.iter().copied().fold(0.0, f64::max);
    let mut centres: Vec<f64> = w.iter().map(|w| (1.0 / w).ln()).collect();
    centres.sort_by(f64::total_cmp);
    centres.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
    let m = centres.len();
    let span = centres[m - 1] - centres[0];
    let eps = if span > 0.0 {
        (m - 1) as f64 / span
    } else {
        1.0
    };
    let scale = spectrum
        .z()
        .iter()
        .map(|z| z.norm())
        .fold(0.0, f64::max)
        .max(1e-300);
    // Columns: R∞, [L (coefficient L ω_max / s)], [blocking], then the basis functions.
    let l_col = options.inductance.then_some(1);
    let blocking_col = (options.blocking != Blocking::None).then_some(1 + l_col.map_or(0, |_| 1));
    let first = 1 + usize::from(l_col.is_some()) + usize::from(blocking_col.is_some());
    let cols = first + m;
    let nodes = kernel_nodes(eps);
    let exp_y: Vec<Vec<f64>> = centres
        .iter()
        .map(|c| nodes.iter().map(|(_, d)| (c + d).exp()).collect())
        .collect();
    let mut a = vec![Complex64::new(0.0, 0.0); n * cols];
    for (i, &wi) in w.iter().enumerate() {
        a[i * cols] = Complex64::new(1.0, 0.0);
        if let Some(c) = l_col {
            a[i * cols + c] = Complex64::new(0.0, wi / w_max);
        }
        for (k, e) in exp_y.iter().enumerate() {
            a[i * cols + first + k] = kernel(wi, &nodes, e);
        }
    }
    let c0 = (std::f64::consts::PI / 2.0).sqrt() * eps;
    let mut pen = vec![0.0; cols * cols];
    for p in 0..m {
        for q in 0..m {
            let d = centres[p] - centres[q];
            let e2d2 = eps * eps * d * d;
            pen[(p + first) * cols + q + first] = c0 * (1.0 - e2d2) * (-e2d2 / 2.0).exp();
        }
    }
    let free: Vec<bool> = (0..cols).map(|c| options.negative && c >= first).collect();
    let mut problem = Problem {
        a,
        z: spectrum.z().iter().map(|z| z / scale).collect(),
        cols,
        blocking_col,
        pen,
        w: w.clone(),
        w_min,
        free,
    };
    // λ is chosen without the blocking term: its free 1/C column otherwise absorbs
    // the low-frequency misfit that sets the L-curve corner, which then slides to the
    // floor of its range (seen on EISFitpython's Example2c).
    let lambda = match blocking_col {
        Some(c) if !matches!(options.lambda, Lambda::Value(_)) => {
            let mut base = Problem {
                a: problem.a.clone(),
                z: problem.z.clone(),
                cols,
                blocking_col: None,
                pen: problem.pen.clone(),
                w: Vec::new(),
                w_min,
                free: problem.free.clone(),
            };
            for i in 0..n {
                base.a[i * cols + c] = Complex64::new(0.0, 0.0);
            }
            base.pen[c * cols + c] = 1.0;
            let (ata, atb, btb) = base.normal();
            base.choose_lambda(options.lambda, &ata, &atb, btb)?
        }
        _ => 0.0,
    };
    problem.set_blocking(1.0);
    let (ata, atb, btb) = problem.normal();
    let lambda = if lambda > 0.0 {
        lambda
    } else {
        problem.choose_lambda(options.lambda, &ata, &atb, btb)?
    };
    let (mut x, mut rss, mut semi) = problem.solve(&ata, &atb, lambda)?;
    let mut n_exp = 1.0;
    if options.blocking == Blocking::Cpe {
        for k in 50..100 {
            let e = k as f64 / 100.0;
            problem.set_blocking(e);
            let (ata, atb, _) = problem.normal();
            let (xe, re, se) = problem.solve(&ata, &atb, lambda)?;
            if re + lambda * se < rss + lambda * semi {
                (x, rss, semi, n_exp) = (xe, re, se, e);
            }
        }
        problem.set_blocking(n_exp);
    }
    let _ = semi;
    let rms = (rss / n as f64).sqrt() * scale;
    let rel = (problem
        .z
        .iter()
        .enumerate()
        .map(|(i, z)| {
            let zh: Complex64 = (0..cols).map(|p| problem.a[i * cols + p] * x[p]).sum();
            (z - zh).norm_sqr() / z.norm_sqr().max(1e-300)
        })
        .sum::<f64>()
        / n as f64)
        .sqrt();
    let coef: Vec<f64> = x[first..].iter().map(|v| v * scale).collect();
    let mut series = SeriesTerms {
        inductance_h: l_col.map(|c| x[c] * scale / w_max),
        capacitance_f: None,
        cpe_q: None,
        cpe_n: None,
    };
    if let Some(c) = blocking_col {
        // Coefficient b = 1/(Q ω_minⁿ s): Q = 1/(b s ω_minⁿ); ∞ when b = 0 (no term).
        let b = x[c] * scale * w_min.powf(n_exp);
        let q = (b > 0.0).then(|| 1.0 / b);
        if options.blocking == Blocking::Capacitor {
            series.capacitance_f = q;
        } else {
            series.cpe_q = q;
            series.cpe_n = q.map(|_| n_exp);
        }
    }
    // γ on a fine grid, 50 points per decade, one decade beyond the centres.
    let (lo, hi) = (centres[0] - 10f64.ln(), centres[m - 1] + 10f64.ln());
    let npts = (((hi - lo) / 10f64.ln()) * 50.0).ceil() as usize + 1;
    let dy = (hi - lo) / (npts - 1) as f64;
    let ys: Vec<f64> = (0..npts).map(|k| lo + dy * k as f64).collect();
    let gamma: Vec<f64> = ys
        .iter()
        .map(|y| {
            centres
                .iter()
                .zip(&coef)
                .map(|(c, xm)| xm * (-(eps * (y - c)).powi(2)).exp())
                .sum()
        })
        .collect();
    let found = peaks::find_peaks(&ys, &gamma, (centres[0], centres[m - 1]), 1.0 / eps);
    let hints = hints(spectrum, &found, options, centres[m - 1]);
    Ok(DrtResult {
        r_inf_ohm: x[0] * scale,
        tau_s: ys.iter().map(|y| y.exp()).collect(),
        gamma_ohm: gamma,
        peaks: found,
        lambda,
        lambda_method: options.lambda.method(),
        series,
        rms_residual_ohm: rms,
        rms_relative_residual: rel,
        hints,
    })
}

/// The [`Hint`]s: Im Z > 0 at the highest frequency without `inductance`; without a
/// blocking term, a peak at the long-τ edge (its ln τ beyond the last centre minus one
/// basis spacing, see [`DrtPeak::at_edge`]) while −Im Z rises over the three lowest
/// frequencies.
fn hints(spectrum: &Spectrum, found: &[DrtPeak], options: &DrtOptions, last: f64) -> Vec<Hint> {
    let mut by_f: Vec<(f64, Complex64)> = spectrum
        .frequency_hz()
        .iter()
        .copied()
        .zip(spectrum.z().iter().copied())
        .collect();
    by_f.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = Vec::new();
    if !options.inductance && by_f.last().is_some_and(|(_, z)| z.im > 0.0) {
        out.push(Hint::SeriesInductance);
    }
    let long_edge = found
        .iter()
        .any(|p| p.at_edge && p.resistance_ohm > 0.0 && p.tau_s.ln() > last - 3.0);
    let rising = by_f.len() >= 3 && -by_f[0].1.im > -by_f[1].1.im && -by_f[1].1.im > -by_f[2].1.im;
    if options.blocking == Blocking::None && long_edge && rising {
        out.push(Hint::BlockingTerm);
    }
    out
}
