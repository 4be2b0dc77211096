//! Complex nonlinear least squares: fitting a circuit to a spectrum.
//!
//! The residual vector stacks Re(Ẑ(ωᵢ; p) − Zᵢ)·√w′ᵢ and Im(Ẑ(ωᵢ; p) − Zᵢ)·√w″ᵢ, so
//! the cost is χ² = Σ w′ᵢ (ΔZ′ᵢ)² + w″ᵢ (ΔZ″ᵢ)² (unnormalised), with the field's
//! weightings ([`Weighting`]): `unit` (w = 1), `modulus` (w′ = w″ = 1/|Zᵢ|², as
//! impedance.py's `weight_by_modulus`), `proportional` (w′ = 1/Z′ᵢ², w″ = 1/Z″ᵢ², floored
//! at 1 % of |Zᵢ|) and `inverse-modulus` (1/|Zᵢ|). Bounds are kept by fitting
//! transformed variables: u = ln p for positive parameters, a logistic u for exponents
//! in (0, 1] and for user intervals. The minimiser is the Levenberg–Marquardt of
//! [`crate::lm`] with geodesic acceleration, on the analytic Jacobian: ∂Ẑ/∂p from
//! [`Circuit::impedance_and_gradient`] times dp/du (p for u = ln p, p(1 − p) for the
//! logistic). The work arrays are allocated once per start, nothing in the inner loop.
//! Standard errors come from the Jacobian J of the weighted residuals
//! with respect to the free parameters in their own units at the optimum:
//! cov = s² (JᵀJ)⁻¹ with s² = χ²/(2N − k) (N frequencies, k free parameters), as
//! scipy's `curve_fit` (which impedance.py uses) computes them with
//! `absolute_sigma=False`. AIC = n ln(χ²/n) + 2k and BIC = n ln(χ²/n) + k ln n with
//! n = 2N real residuals (Gaussian errors of unknown common variance).

use serde::Serialize;

use num_complex::Complex64;

use crate::circuit::Circuit;
use crate::element::Bound;
use crate::error::EisError;
use crate::linalg::inverse_spd;
use crate::lm;
use crate::quality::{assess, Assessment, FitQuality};
use crate::spectrum::Spectrum;
use crate::{order, starts};

pub use crate::weighting::{Weighting, PROPORTIONAL_FLOOR};

/// What to fit and how.
#[derive(Debug, Clone, PartialEq)]
pub struct FitOptions {
    /// Weighting of the residuals.
    pub weighting: Weighting,
    /// Initial values in parameter order; `None`: guessed from the spectrum.
    pub initial: Option<Vec<f64>>,
    /// Parameters held at a value (name, value).
    pub fixed: Vec<(String, f64)>,
    /// Per-parameter bounds (name, lower, upper), replacing the element's default range.
    pub bounds: Vec<(String, f64, f64)>,
    /// Largest number of starts (default [`crate::starts::DEFAULT_STARTS`]): the initial
    /// values (when given), the automatic and the DRT guesses, choices of arcs, then
    /// random perturbations, stopping early once the spectrum's seeds have run and
    /// [`crate::starts::AGREE`] starts agree with the best (module [`crate::starts`]);
    /// 1: the initial values (else the guess) only.
    pub starts: usize,
    /// Seed of the random starts (fixed default: fits are reproducible).
    pub seed: u64,
    /// Iteration limit per start.
    pub max_iterations: usize,
    /// Geodesic acceleration of the Levenberg–Marquardt steps (default off: on the
    /// robustness study it moved 288 → 290 of 300 starts without revival and 292 → 292
    /// with it, and costs one residual evaluation per step).
    pub geodesic: bool,
    /// Revive dead elements (default on): when a start ends with parameters whose
    /// column of the Jacobian has vanished (a resistance run to ~0 in log space, a
    /// capacitance that shorts its branch), put those back at their starting values,
    /// keep the rest, and minimise again; the lower χ² is kept. See [`fit`].
    pub revive: bool,
}

impl Default for FitOptions {
    fn default() -> Self {
        Self {
            weighting: Weighting::Unit,
            initial: None,
            fixed: Vec::new(),
            bounds: Vec::new(),
            starts: crate::starts::DEFAULT_STARTS,
            seed: 0x5eed_6a27,
            max_iterations: 400,
            geodesic: false,
            revive: true,
        }
    }
}

impl FitOptions {
    /// The options as JSON (the model options of a fit's output: weighting, starts,
    /// seed, held and bounded parameters, the optimiser's switches).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "weighting": self.weighting.to_string(),
            "initial": self.initial,
            "fixed": self.fixed,
            "bounds": self.bounds,
            "starts": self.starts,
            "seed": self.seed,
            "max_iterations": self.max_iterations,
            "geodesic": self.geodesic,
            "revive": self.revive,
        })
    }

    /// The model options of a fit's output (its `generated_by` stamp): the circuit,
    /// the frequency band kept (Hz), whether inductive points were dropped, and
    /// [`FitOptions::to_json`].
    pub fn model_options(
        &self,
        circuit: &Circuit,
        fmin_hz: Option<f64>,
        fmax_hz: Option<f64>,
        capacitive_only: bool,
    ) -> serde_json::Value {
        let mut o = self.to_json();
        if let Some(m) = o.as_object_mut() {
            m.insert("circuit".into(), serde_json::json!(circuit.to_string()));
            m.insert("fmin_hz".into(), serde_json::json!(fmin_hz));
            m.insert("fmax_hz".into(), serde_json::json!(fmax_hz));
            m.insert("capacitive_only".into(), serde_json::json!(capacitive_only));
        }
        o
    }
}

/// One fitted parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FittedParameter {
    /// impedance.py's name (`CPE1_0`).
    pub name: String,
    /// Value (SI).
    pub value: f64,
    /// Unit.
    pub unit: String,
    /// Standard error; `None` for fixed parameters or a singular Jacobian.
    pub stderr: Option<f64>,
    /// Whether it was held fixed.
    pub fixed: bool,
}

/// The outcome of a fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitResult {
    /// The circuit, as written back by `Display`.
    pub circuit: String,
    /// Parameters in order.
    pub parameters: Vec<FittedParameter>,
    /// χ² = Σ w′ᵢ (ΔZ′ᵢ)² + w″ᵢ (ΔZ″ᵢ)².
    pub chi2: f64,
    /// χ²/(2N − k).
    pub reduced_chi2: f64,
    /// Akaike information criterion (see the module doc).
    pub aic: f64,
    /// Bayesian information criterion.
    pub bic: f64,
    /// Correlation matrix of the free parameters (order of `free_names`).
    pub correlation: Vec<Vec<f64>>,
    /// Names of the free parameters, the rows of `correlation`.
    pub free_names: Vec<String>,
    /// Largest |Zᵢ − Ẑᵢ|/|Zᵢ| over the points.
    pub max_relative_residual: f64,
    /// RMS of |Zᵢ − Ẑᵢ|/|Zᵢ|.
    pub rms_relative_residual: f64,
    /// Number of frequencies N.
    pub n_points: usize,
    /// LM iterations of the best start.
    pub iterations: usize,
    /// Residual evaluations of the best start (Jacobians not counted).
    pub evaluations: usize,
    /// The values the best start began from.
    pub initial: Vec<f64>,
    /// Whether the best start met a convergence test.
    pub converged: bool,
    /// Weighting used.
    pub weighting: Weighting,
    /// Starts made ([`crate::starts`]).
    pub starts_run: usize,
    /// Starts whose χ² is within 10⁻⁶ relative of the best.
    pub starts_at_best: usize,
    /// Whether interchangeable blocks were put in time-constant order in the result
    /// ([`crate::order`]): `false` also when there are none.
    pub blocks_reordered: bool,
    /// Conditioning, undetermined parameters, residual structure ([`crate::quality`]).
    pub quality: FitQuality,
}

impl FitResult {
    /// The fit as JSON, with the field names of `garnet eis fit --json` (which adds
    /// the file, the fit time and the file's metadata; the Python `garnet.eis.fit` adds
    /// the parameters by name).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "circuit": self.circuit,
            "parameters": self.parameters.iter().map(|p| serde_json::json!({
                "name": p.name, "value": p.value, "unit": p.unit, "stderr": p.stderr, "fixed": p.fixed,
            })).collect::<Vec<_>>(),
            "chi2": self.chi2,
            "reduced_chi2": self.reduced_chi2,
            "aic": self.aic,
            "bic": self.bic,
            "max_relative_residual": self.max_relative_residual,
            "rms_relative_residual": self.rms_relative_residual,
            "correlation": { "names": self.free_names, "matrix": self.correlation },
            "weighting": self.weighting,
            "n_points": self.n_points,
            "converged": self.converged,
            "iterations": self.iterations,
            "evaluations": self.evaluations,
            "initial": self.initial,
            "starts_run": self.starts_run,
            "starts_at_best": self.starts_at_best,
            "blocks_reordered": self.blocks_reordered,
            "quality": self.quality,
        })
    }

    /// Parameter values in order.
    pub fn values(&self) -> Vec<f64> {
        self.parameters.iter().map(|p| p.value).collect()
    }

    /// Value of a named parameter.
    pub fn value(&self, name: &str) -> Option<f64> {
        self.parameters
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.value)
    }
}

fn logistic(u: f64) -> f64 {
    1.0 / (1.0 + (-u).exp())
}

fn to_u(bound: Bound, p: f64) -> f64 {
    match bound {
        Bound::Positive => p.ln(),
        Bound::Exponent => {
            let q = p.clamp(1e-9, 1.0 - 1e-9);
            (q / (1.0 - q)).ln()
        }
        Bound::Interval(lo, hi) => {
            let q = ((p - lo) / (hi - lo)).clamp(1e-9, 1.0 - 1e-9);
            (q / (1.0 - q)).ln()
        }
        Bound::Free => p,
    }
}

fn from_u(bound: Bound, u: f64) -> f64 {
    match bound {
        Bound::Positive => u.clamp(-700.0, 700.0).exp(),
        Bound::Exponent => logistic(u),
        Bound::Interval(lo, hi) => lo + (hi - lo) * logistic(u),
        Bound::Free => u,
    }
}

/// The data of a fit in the form the residuals need: ω, Z and √w per point.
struct Data<'a> {
    circuit: &'a Circuit,
    omega: Vec<f64>,
    z: &'a [Complex64],
    sqrt_w: Vec<(f64, f64)>,
}

impl<'a> Data<'a> {
    fn new(circuit: &'a Circuit, spectrum: &'a Spectrum, weighting: Weighting) -> Self {
        let z = spectrum.z();
        Self {
            circuit,
            omega: spectrum
                .frequency_hz()
                .iter()
                .map(|f| 2.0 * std::f64::consts::PI * f)
                .collect(),
            z,
            sqrt_w: z
                .iter()
                .map(|z| {
                    let (a, b) = weighting.weights(*z);
                    (a.sqrt(), b.sqrt())
                })
                .collect(),
        }
    }

    /// Σ w′ᵢ Z′ᵢ² + w″ᵢ Z″ᵢ², the χ² of a zero model (the scale of χ²).
    fn scale(&self) -> f64 {
        self.z
            .iter()
            .zip(&self.sqrt_w)
            .map(|(z, (a, b))| (z.re * a).powi(2) + (z.im * b).powi(2))
            .sum()
    }

    /// Weighted residuals [Re…, Im…] at the full parameter vector `p`; `false` where
    /// the model is not finite.
    fn residuals(&self, p: &[f64], r: &mut [f64]) -> bool {
        let n = self.omega.len();
        for i in 0..n {
            let d = self.circuit.impedance(p, self.omega[i]) - self.z[i];
            let (a, b) = self.sqrt_w[i];
            let (re, im) = (d.re * a, d.im * b);
            if !(re.is_finite() && im.is_finite()) {
                return false;
            }
            r[i] = re;
            r[n + i] = im;
        }
        true
    }

    /// Jacobian (2N × k, row-major) of the weighted residuals with respect to the
    /// free parameters `free` in units scaled by `scale` (∂r/∂u = ∂r/∂p · scaleₖ);
    /// `grad` is scratch of the circuit's parameter count.
    fn jacobian(
        &self,
        p: &[f64],
        free: &[usize],
        scale: &[f64],
        grad: &mut [Complex64],
        jac: &mut [f64],
    ) -> bool {
        let n = self.omega.len();
        let k = free.len();
        for i in 0..n {
            let z = self.circuit.impedance_and_gradient(p, self.omega[i], grad);
            if !(z.re.is_finite() && z.im.is_finite()) {
                return false;
            }
            let (a, b) = self.sqrt_w[i];
            for (c, &q) in free.iter().enumerate() {
                let d = grad[q] * scale[c];
                jac[i * k + c] = d.re * a;
                jac[(n + i) * k + c] = d.im * b;
            }
        }
        jac.iter().all(|x| x.is_finite())
    }
}

/// The circuit fit as an LM problem in the transformed variables u of the free
/// parameters; fixed parameters keep their values in `p`.
struct Problem<'a> {
    data: &'a Data<'a>,
    bounds: &'a [Bound],
    free: &'a [usize],
    p: Vec<f64>,
    scale: Vec<f64>,
    grad: Vec<Complex64>,
}

impl Problem<'_> {
    fn expand(&mut self, u: &[f64]) {
        for (k, &i) in self.free.iter().enumerate() {
            self.p[i] = from_u(self.bounds[i], u[k]);
        }
    }
}

impl lm::LeastSquares for Problem<'_> {
    fn n_residuals(&self) -> usize {
        2 * self.data.omega.len()
    }

    fn residuals(&mut self, u: &[f64], r: &mut [f64]) -> bool {
        self.expand(u);
        self.data.residuals(&self.p, r)
    }

    fn jacobian(&mut self, u: &[f64], _r: &[f64], j: &mut [f64]) -> bool {
        self.expand(u);
        for (k, &i) in self.free.iter().enumerate() {
            self.scale[k] = dp_du(self.bounds[i], u[k], self.p[i]);
        }
        self.data
            .jacobian(&self.p, self.free, &self.scale, &mut self.grad, j)
    }
}

/// Largest change of a transformed variable in one LM step: a factor e² ≈ 7.4 for a
/// positive parameter (see [`crate::lm`] on why steps are capped). Chosen on the
/// two-arc robustness study (`tests/robustness.rs`, seeds 20240607 and 1–5, without
/// revival): caps of 1, 2 and 3 reach the best χ² from 278, 288 and 284 of 300 random
/// starts; without a cap, 26 of the 50 starts of seed 20240607.
const MAX_STEP: f64 = 2.0;

/// Stop when a step lowers χ² by less than this fraction (scipy's `ftol` is 1e-8).
/// Near the minimum of a large-residual fit Gauss–Newton converges linearly (χ² gaps
/// shrink ~10× per six steps on exampleData.csv), so this leaves χ² within ~1e-9 of
/// its limit, well inside the 1e-6 of the robustness study.
const COST_TOLERANCE: f64 = 1e-10;

/// A free parameter is taken as dead at a minimum when its column of the Jacobian
/// (in the transformed variables) is below this fraction of the largest column.
const DEAD_COLUMN: f64 = 1e-7;

/// Revivals tried per start.
const MAX_REVIVALS: usize = 2;

/// dp/du of the transformation of [`from_u`] at u (where p = from_u(u)).
fn dp_du(bound: Bound, u: f64, p: f64) -> f64 {
    match bound {
        Bound::Positive => p,
        Bound::Exponent => {
            let q = logistic(u);
            q * (1.0 - q)
        }
        Bound::Interval(lo, hi) => {
            let q = logistic(u);
            (hi - lo) * q * (1.0 - q)
        }
        Bound::Free => 1.0,
    }
}

/// Dead-element revival (see [`FitOptions::revive`]): up to [`MAX_REVIVALS`] times,
/// the free parameters whose Jacobian column is below [`DEAD_COLUMN`] of the largest
/// go back to their values in `u0` and LM runs again from there; a run is kept only
/// when it lowers χ². In log variables an element that has collapsed (R → 0, or a
/// CPE that shorts its resistor) has a vanishing gradient and can never return by
/// itself; this is the one-arc-swallows-both local minimum of two-arc spectra.
fn revive(
    problem: &mut Problem<'_>,
    u0: &[f64],
    mut out: lm::LmOutcome,
    settings: lm::LmSettings,
) -> lm::LmOutcome {
    use lm::LeastSquares;
    let k = u0.len();
    let m = problem.n_residuals();
    if k == 0 {
        return out;
    }
    let mut r = vec![0.0; m];
    let mut jac = vec![0.0; m * k];
    for _ in 0..MAX_REVIVALS {
        if !(problem.residuals(&out.u, &mut r) && problem.jacobian(&out.u, &r, &mut jac)) {
            break;
        }
        let norms: Vec<f64> = (0..k)
            .map(|c| (0..m).map(|i| jac[i * k + c].powi(2)).sum::<f64>().sqrt())
            .collect();
        let largest = norms.iter().fold(0.0f64, |a, &b| a.max(b));
        let dead: Vec<usize> = (0..k)
            .filter(|&c| norms[c] <= DEAD_COLUMN * largest)
            .collect();
        if dead.is_empty() {
            break;
        }
        let mut u = out.u.clone();
        for &c in &dead {
            u[c] = u0[c];
        }
        let Some(again) = lm::solve(problem, &u, settings) else {
            break;
        };
        let better = again.cost < out.cost * (1.0 - 1e-9);
        let (iterations, evaluations) = (
            out.iterations + again.iterations,
            out.evaluations + again.evaluations,
        );
        if better {
            out = again;
        }
        out.iterations = iterations;
        out.evaluations = evaluations;
        if !better {
            break;
        }
    }
    out
}

/// Fit `circuit` to `spectrum`. The options are checked first
/// ([`FitOptions::validate`]: starts, bounds, initial and fixed values); then the
/// starts of [`crate::starts`] run, each followed by dead-element revival
/// ([`FitOptions::revive`]) and the time-constant ordering of interchangeable blocks
/// ([`crate::order`]), until enough agree; the best is assessed ([`crate::quality`]).
pub fn fit(
    circuit: &Circuit,
    spectrum: &Spectrum,
    options: &FitOptions,
) -> Result<FitResult, EisError> {
    // Every check that needs no spectrum, and the bounds: crate::bounds.
    let bounds = options.validate(circuit)?;
    let np = bounds.len();
    let mut fixed = vec![false; np];
    let mut fixed_values = Vec::new();
    for (name, value) in &options.fixed {
        let i = circuit.parameter_index(name)?;
        fixed[i] = true;
        fixed_values.push((i, *value));
    }
    let mut pinned = fixed.clone();
    for (name, _, _) in &options.bounds {
        pinned[circuit.parameter_index(name)?] = true;
    }
    let free: Vec<usize> = (0..np).filter(|&i| !fixed[i]).collect();
    let is_free: Vec<bool> = fixed.iter().map(|f| !f).collect();
    let n = spectrum.len();
    if 2 * n <= free.len() {
        return Err(EisError::BadSpectrum(format!(
            "{n} points cannot determine {} free parameters",
            free.len()
        )));
    }
    let (seeds, centre) = starts::seeds(
        circuit,
        spectrum,
        options.initial.as_deref(),
        &fixed_values,
        &bounds,
        options.starts,
    );
    let groups = order::interchangeable_groups(circuit, &pinned);
    let data = Data::new(circuit, spectrum, options.weighting);
    let floor = 1e-16 * data.scale();
    let mut rng = garnet_random::SplitMix64::new(options.seed);
    let settings = lm::LmSettings {
        max_iterations: options.max_iterations,
        geodesic: options.geodesic,
        max_step: MAX_STEP,
        cost_tolerance: COST_TOLERANCE,
    };
    // (cost, parameters) of every start that ran; the best with its outcome.
    let mut runs: Vec<(f64, Vec<f64>)> = Vec::new();
    let mut best: Option<(lm::LmOutcome, Vec<f64>, Vec<f64>, bool)> = None;
    let mut best_stderr = vec![0.0; np];
    let mut started = 0;
    // The DRT seed comes after the cheap seeds and AGREE random starts, when those
    // have not settled the fit.
    let drt_at = seeds.len() + starts::AGREE;
    for start in 0..options.starts {
        started += 1;
        let drt = if start == drt_at {
            starts::drt_seed(circuit, spectrum, &fixed_values, &bounds, &seeds)
        } else {
            None
        };
        let ps = match (seeds.get(start), drt) {
            (Some(s), _) => s.clone(),
            (None, Some(d)) => d,
            (None, None) => starts::perturb(&centre, &is_free, &bounds, &mut rng),
        };
        let u0: Vec<f64> = free.iter().map(|&i| to_u(bounds[i], ps[i])).collect();
        let mut problem = Problem {
            data: &data,
            bounds: &bounds,
            free: &free,
            p: ps.clone(),
            scale: vec![1.0; free.len()],
            grad: vec![Complex64::new(0.0, 0.0); np],
        };
        let mut out = lm::solve(&mut problem, &u0, settings);
        if options.revive {
            if let Some(o) = out.take() {
                out = Some(revive(&mut problem, &u0, o, settings));
            }
        }
        let Some(out) = out else { continue };
        problem.expand(&out.u);
        let mut p = problem.p;
        let moved = order::order_blocks(&groups, &mut p);
        runs.push((out.cost, p.clone()));
        if best
            .as_ref()
            .is_none_or(|(b, ..)| starts::better(out.cost, b.cost, floor))
        {
            best_stderr = standard_errors(&data, &p, &free, out.cost);
            best = Some((out, p, ps, moved));
        }
        if let Some((b, bp, ..)) = &best {
            let reference = starts::Best {
                cost: b.cost,
                p: bp,
                stderr: &best_stderr,
                floor,
            };
            let agreeing = runs
                .iter()
                .filter(|(c, q)| starts::agrees(*c, q, &reference))
                .count();
            if agreeing >= starts::AGREE && start + 1 >= seeds.len() {
                break;
            }
        }
    }
    let Some((outcome, p, initial, moved)) = best else {
        return Err(EisError::Numerical {
            what: format!("fitting {circuit}"),
            reason: "the model is not finite at the initial values".to_string(),
        });
    };
    let at_best = runs
        .iter()
        .filter(|(c, _)| starts::at_best(*c, outcome.cost, floor))
        .count();
    let mut r = statistics(
        &data,
        spectrum,
        options.weighting,
        &p,
        &fixed,
        outcome,
        initial,
    )?;
    r.starts_run = started;
    r.starts_at_best = at_best;
    r.blocks_reordered = moved;
    Ok(r)
}

/// Standard errors s·√((JᵀJ)⁻¹)ₖₖ of the free parameters at `p` (module doc), in
/// circuit order with 0 for fixed parameters and everywhere when JᵀJ is singular.
fn standard_errors(data: &Data<'_>, p: &[f64], free: &[usize], chi2: f64) -> Vec<f64> {
    let (k, m) = (free.len(), 2 * data.omega.len());
    let mut out = vec![0.0; p.len()];
    let mut jac = vec![0.0; m * k];
    let mut grad = vec![Complex64::new(0.0, 0.0); p.len()];
    if k == 0 || !data.jacobian(p, free, &vec![1.0; k], &mut grad, &mut jac) {
        return out;
    }
    let jtj = normal_matrix(&jac, m, k);
    let s2 = chi2 / (m - k).max(1) as f64;
    if let Some(inv) = inverse_spd(&jtj, k) {
        for (a, &i) in free.iter().enumerate() {
            let v = (s2 * inv[a * k + a]).sqrt();
            out[i] = if v.is_finite() { v } else { 0.0 };
        }
    }
    out
}

/// JᵀJ of a row-major `m × k` Jacobian.
fn normal_matrix(jac: &[f64], m: usize, k: usize) -> Vec<f64> {
    let mut jtj = vec![0.0; k * k];
    for row in 0..m {
        for a in 0..k {
            for b in 0..k {
                jtj[a * k + b] += jac[row * k + a] * jac[row * k + b];
            }
        }
    }
    jtj
}

fn statistics(
    data: &Data<'_>,
    spectrum: &Spectrum,
    weighting: Weighting,
    p: &[f64],
    fixed: &[bool],
    outcome: lm::LmOutcome,
    initial: Vec<f64>,
) -> Result<FitResult, EisError> {
    let circuit = data.circuit;
    let names = circuit.parameter_names();
    let specs = circuit.parameter_specs();
    let free: Vec<usize> = (0..p.len()).filter(|&i| !fixed[i]).collect();
    let k = free.len();
    let n = data.omega.len();
    let (omega, z) = (&data.omega, data.z);
    let fail = |reason: &str| EisError::Numerical {
        what: format!("fitting {circuit}"),
        reason: reason.to_string(),
    };
    let m = 2 * n;
    let mut r = vec![0.0; m];
    if !data.residuals(p, &mut r) {
        return Err(fail("non-finite model"));
    }
    let chi2: f64 = r.iter().map(|x| x * x).sum();
    // Analytic Jacobian in the parameters' own units.
    let mut jac = vec![0.0; m * k];
    let mut grad = vec![Complex64::new(0.0, 0.0); p.len()];
    if !data.jacobian(p, &free, &vec![1.0; k], &mut grad, &mut jac) {
        jac.fill(0.0);
    }
    let jtj = normal_matrix(&jac, m, k);
    let dof = (m - k).max(1) as f64;
    let s2 = chi2 / dof;
    let inv = inverse_spd(&jtj, k);
    let mut stderr = vec![None; p.len()];
    let mut correlation = vec![vec![f64::NAN; k]; k];
    if let Some(inv) = &inv {
        for (a, &i) in free.iter().enumerate() {
            stderr[i] = Some((s2 * inv[a * k + a]).sqrt());
            for b in 0..k {
                correlation[a][b] = inv[a * k + b] / (inv[a * k + a] * inv[b * k + b]).sqrt();
            }
        }
    }
    let rel: Vec<f64> = z
        .iter()
        .zip(omega)
        .map(|(z, w)| (circuit.impedance(p, *w) - z).norm() / z.norm().max(1e-300))
        .collect();
    let rms_relative_residual = (rel.iter().map(|x| x * x).sum::<f64>() / n as f64).sqrt();
    let free_names: Vec<String> = free.iter().map(|&i| names[i].clone()).collect();
    let free_values: Vec<f64> = free.iter().map(|&i| p[i]).collect();
    let free_stderr: Vec<Option<f64>> = free.iter().map(|&i| stderr[i]).collect();
    let quality = assess(
        &Assessment {
            jtj: &jtj,
            free_names: &free_names,
            free_values: &free_values,
            free_stderr: &free_stderr,
            correlation: &correlation,
            rms_relative_residual,
        },
        spectrum,
    );
    let nm = m as f64;
    let ln_term = nm * (chi2.max(1e-300) / nm).ln();
    Ok(FitResult {
        circuit: circuit.to_string(),
        parameters: (0..p.len())
            .map(|i| FittedParameter {
                name: names[i].clone(),
                value: p[i],
                unit: specs[i].unit.to_string(),
                stderr: stderr[i],
                fixed: fixed[i],
            })
            .collect(),
        chi2,
        reduced_chi2: s2,
        aic: ln_term + 2.0 * k as f64,
        bic: ln_term + k as f64 * nm.ln(),
        correlation,
        free_names,
        max_relative_residual: rel.iter().fold(0.0, |a: f64, b| a.max(*b)),
        rms_relative_residual,
        n_points: n,
        iterations: outcome.iterations,
        evaluations: outcome.evaluations,
        initial,
        converged: outcome.converged,
        weighting,
        starts_run: 1,
        starts_at_best: 1,
        blocks_reordered: false,
        quality,
    })
}
