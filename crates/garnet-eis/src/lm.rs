//! Levenberg–Marquardt for small dense nonlinear least squares, min ½‖r(u)‖².
//!
//! The damped step solves (JᵀJ + μ·D) δ = −Jᵀr with Moré's scaling D (MINPACK: the
//! largest diagonal of JᵀJ seen so far), and μ is updated from the gain ratio
//! ρ = actual/predicted reduction as in Nielsen (IMM-REP-1999-05; Madsen, Nielsen &
//! Tingleff, *Methods for non-linear least squares problems*, 2004, §3.2): on success
//! μ ← μ·max(⅓, 1 − (2ρ − 1)³), on failure μ ← μ·ν, ν ← 2ν.
//!
//! Optionally the step carries the geodesic acceleration of Transtrum & Sethna
//! (arXiv:1201.5885, 2012): with the second directional derivative
//! r_vv ≈ (2/h)((r(u + hδ) − r(u))/h − Jδ), h = 0.1, the correction
//! a = −(JᵀJ + μD)⁻¹ Jᵀ r_vv is added as δ + ½a when ‖a‖ ≤ 1.5‖δ‖ (their α = 0.75
//! on 2‖a‖/‖δ‖). It costs one residual evaluation per iteration and lets the method
//! follow the curved valleys of circuit models (a resistance and a capacitance that
//! trade off through their time constant) with fewer, longer steps.
//!
//! Steps can be capped in the largest component (`max_step`): in the log variables of
//! the circuit fits one linearised step would otherwise send a small series
//! resistance to 1e-100, where its column of J vanishes and it can never come back.
//! A capped step is scaled as a whole (its direction kept), and its predicted
//! reduction is recomputed as −(2gᵀδ + δᵀJᵀJδ).
//!
//! A problem supplies residuals and a Jacobian through [`LeastSquares`]; the circuit
//! fits give an analytic Jacobian, and [`minimise`] wraps a closure with forward
//! differences. All work arrays are allocated once per run.

use crate::linalg::{cholesky_in_place, cholesky_solve_factored};

/// A least-squares problem: residuals r(u) ∈ ℝᵐ and their Jacobian.
pub trait LeastSquares {
    /// m, the number of residuals.
    fn n_residuals(&self) -> usize;
    /// Write r(u) into `r`; `false` where the model is not defined (non-finite values).
    fn residuals(&mut self, u: &[f64], r: &mut [f64]) -> bool;
    /// Write the Jacobian ∂r/∂u (row-major, m × n) at `u`, where the residuals are
    /// `r`, into `j`; `false` where it is not finite.
    fn jacobian(&mut self, u: &[f64], r: &[f64], j: &mut [f64]) -> bool;
}

/// Settings of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LmSettings {
    /// Iteration limit.
    pub max_iterations: usize,
    /// Add the geodesic acceleration to each step.
    pub geodesic: bool,
    /// Largest |δₖ| of a step (the whole step is scaled down to it); infinite for none.
    pub max_step: f64,
    /// Stop when an accepted step lowers ‖r‖² by less than this fraction.
    pub cost_tolerance: f64,
}

impl Default for LmSettings {
    fn default() -> Self {
        Self {
            max_iterations: 400,
            geodesic: true,
            max_step: f64::INFINITY,
            cost_tolerance: 1e-15,
        }
    }
}

/// How an LM run ended.
#[derive(Debug, Clone, PartialEq)]
pub struct LmOutcome {
    /// Final point.
    pub u: Vec<f64>,
    /// Final cost ‖r‖² (not halved).
    pub cost: f64,
    /// Iterations taken.
    pub iterations: usize,
    /// Whether a convergence test was met (rather than the iteration limit).
    pub converged: bool,
    /// Residual evaluations used.
    pub evaluations: usize,
    /// Jacobian evaluations used.
    pub jacobian_evaluations: usize,
}

fn sumsq(r: &[f64]) -> f64 {
    r.iter().map(|x| x * x).sum()
}

fn norm(v: &[f64]) -> f64 {
    sumsq(v).sqrt()
}

/// A closure r(u) with a forward-difference Jacobian.
struct ForwardDifference<F> {
    f: F,
    m: usize,
    up: Vec<f64>,
}

impl<F> LeastSquares for ForwardDifference<F>
where
    F: FnMut(&[f64]) -> Option<Vec<f64>>,
{
    fn n_residuals(&self) -> usize {
        self.m
    }

    fn residuals(&mut self, u: &[f64], r: &mut [f64]) -> bool {
        match (self.f)(u) {
            Some(v) if v.len() == r.len() && v.iter().all(|x| x.is_finite()) => {
                r.copy_from_slice(&v);
                true
            }
            _ => false,
        }
    }

    fn jacobian(&mut self, u: &[f64], r0: &[f64], j: &mut [f64]) -> bool {
        let n = u.len();
        self.up.clear();
        self.up.extend_from_slice(u);
        for k in 0..n {
            let h = 1e-7 * u[k].abs().max(1.0);
            self.up[k] = u[k] + h;
            let Some(r) = (self.f)(&self.up) else {
                return false;
            };
            self.up[k] = u[k];
            for i in 0..self.m {
                j[i * n + k] = (r[i] - r0[i]) / h;
            }
        }
        true
    }
}

/// Minimise ‖f(u)‖² from `u0` with a forward-difference Jacobian. `f` returns `None`
/// where the model is not defined (non-finite values), which the method treats as an
/// infinitely bad point.
pub fn minimise<F>(mut f: F, u0: &[f64], max_iterations: usize) -> Option<LmOutcome>
where
    F: FnMut(&[f64]) -> Option<Vec<f64>>,
{
    let m = f(u0)?.len();
    let mut problem = ForwardDifference {
        f,
        m,
        up: Vec::new(),
    };
    solve(
        &mut problem,
        u0,
        LmSettings {
            max_iterations,
            geodesic: false,
            ..LmSettings::default()
        },
    )
}

/// Work arrays of one run, allocated once.
struct Work {
    r: Vec<f64>,
    r_trial: Vec<f64>,
    r_v: Vec<f64>,
    j: Vec<f64>,
    a: Vec<f64>,
    factor: Vec<f64>,
    g: Vec<f64>,
    diag: Vec<f64>,
    delta: Vec<f64>,
    accel: Vec<f64>,
    trial: Vec<f64>,
}

/// Minimise ‖r(u)‖² of `problem` from `u0`; `None` when r(u0) is not finite.
pub fn solve<P: LeastSquares>(
    problem: &mut P,
    u0: &[f64],
    settings: LmSettings,
) -> Option<LmOutcome> {
    let n = u0.len();
    let m = problem.n_residuals();
    let mut w = Work {
        r: vec![0.0; m],
        r_trial: vec![0.0; m],
        r_v: vec![0.0; m],
        j: vec![0.0; m * n],
        a: vec![0.0; n * n],
        factor: vec![0.0; n * n],
        g: vec![0.0; n],
        diag: vec![0.0; n],
        delta: vec![0.0; n],
        accel: vec![0.0; n],
        trial: vec![0.0; n],
    };
    let mut u = u0.to_vec();
    let mut evals = 1;
    let mut jevals = 0;
    if !problem.residuals(&u, &mut w.r) {
        return None;
    }
    let mut cost = sumsq(&w.r);
    let outcome = |u: Vec<f64>, cost, iterations, converged, evaluations, jacobian_evaluations| {
        Some(LmOutcome {
            u,
            cost,
            iterations,
            converged,
            evaluations,
            jacobian_evaluations,
        })
    };
    if n == 0 {
        return outcome(u, cost, 0, true, evals, jevals);
    }
    let mut mu = -1.0;
    let mut nu = 2.0;
    let mut iterations = 0;
    let mut converged = false;
    'outer: while iterations < settings.max_iterations {
        iterations += 1;
        jevals += 1;
        if !problem.jacobian(&u, &w.r, &mut w.j) {
            break;
        }
        // Normal equations A = JᵀJ, g = Jᵀr (lower triangle, then mirrored).
        w.a.fill(0.0);
        w.g.fill(0.0);
        for i in 0..m {
            let row = &w.j[i * n..(i + 1) * n];
            let ri = w.r[i];
            for p in 0..n {
                let jp = row[p];
                w.g[p] += jp * ri;
                let arow = &mut w.a[p * n..p * n + p + 1];
                for (q, a) in arow.iter_mut().enumerate() {
                    *a += jp * row[q];
                }
            }
        }
        for p in 0..n {
            for q in 0..p {
                w.a[q * n + p] = w.a[p * n + q];
            }
        }
        // Moré's scaling (MINPACK): the largest diagonal seen so far, so a parameter
        // whose column has faded (a resistance running to zero in log space) keeps
        // its damping and cannot take an unbounded step.
        for p in 0..n {
            w.diag[p] = w.diag[p].max(w.a[p * n + p]).max(1e-300);
        }
        let gmax =
            w.g.iter()
                .zip(&w.diag)
                .fold(0.0f64, |acc, (g, d)| acc.max(g.abs() / d.sqrt()));
        if gmax <= 1e-12 * cost.sqrt().max(1e-300) {
            converged = true;
            break;
        }
        if mu < 0.0 {
            mu = 1e-3;
        }
        // Inner loop: raise μ until a step reduces the cost.
        loop {
            w.factor.copy_from_slice(&w.a);
            for p in 0..n {
                w.factor[p * n + p] += mu * w.diag[p];
            }
            if !cholesky_in_place(&mut w.factor, n) {
                mu *= nu;
                nu *= 2.0;
                if mu > 1e20 {
                    break 'outer;
                }
                continue;
            }
            for p in 0..n {
                w.delta[p] = -w.g[p];
            }
            cholesky_solve_factored(&w.factor, &mut w.delta, n);
            let unorm = norm(&u);
            let dnorm = norm(&w.delta);
            if dnorm <= 1e-12 * (unorm + 1e-12) {
                converged = true;
                break 'outer;
            }
            let mut accelerated = false;
            if settings.geodesic {
                accelerated = geodesic_correction(problem, &u, &mut w, m, n, &mut evals);
            }
            if accelerated {
                for p in 0..n {
                    w.delta[p] += 0.5 * w.accel[p];
                }
            }
            let largest = w.delta.iter().fold(0.0f64, |a, d| a.max(d.abs()));
            if largest > settings.max_step {
                let f = settings.max_step / largest;
                w.delta.iter_mut().for_each(|d| *d *= f);
            }
            // Predicted reduction of ‖r‖² by the linear model: −(2gᵀδ + δᵀAδ).
            let mut predicted = 0.0;
            for p in 0..n {
                let ad: f64 = (0..n).map(|q| w.a[p * n + q] * w.delta[q]).sum();
                predicted -= w.delta[p] * (2.0 * w.g[p] + ad);
            }
            for ((t, x), d) in w.trial.iter_mut().zip(&u).zip(&w.delta) {
                *t = x + d;
            }
            evals += 1;
            let ok = problem.residuals(&w.trial, &mut w.r_trial);
            let trial_cost = if ok { sumsq(&w.r_trial) } else { f64::INFINITY };
            let rho = (cost - trial_cost) / predicted.max(1e-300);
            if trial_cost.is_finite() && rho > 0.0 {
                let old = cost;
                u.copy_from_slice(&w.trial);
                std::mem::swap(&mut w.r, &mut w.r_trial);
                cost = trial_cost;
                mu *= (1.0 - (2.0 * rho - 1.0).powi(3)).max(1.0 / 3.0);
                nu = 2.0;
                if old - cost <= settings.cost_tolerance * old {
                    converged = true;
                    break 'outer;
                }
                break;
            }
            mu *= nu;
            nu *= 2.0;
            if mu > 1e20 {
                converged = true;
                break 'outer;
            }
        }
    }
    outcome(u, cost, iterations, converged, evals, jevals)
}

/// The geodesic acceleration of the step in `w.delta` (module doc), written into
/// `w.accel`, with the factor of the damped matrix in `w.factor`; `false` when it
/// is not usable (not finite, or too large against the step).
fn geodesic_correction<P: LeastSquares>(
    problem: &mut P,
    u: &[f64],
    w: &mut Work,
    m: usize,
    n: usize,
    evals: &mut usize,
) -> bool {
    const H: f64 = 0.1;
    for ((t, x), d) in w.trial.iter_mut().zip(u).zip(&w.delta) {
        *t = x + H * d;
    }
    *evals += 1;
    if !problem.residuals(&w.trial, &mut w.r_v) {
        return false;
    }
    for i in 0..m {
        let row = &w.j[i * n..(i + 1) * n];
        let jd: f64 = row.iter().zip(&w.delta).map(|(a, b)| a * b).sum();
        w.r_v[i] = 2.0 / H * ((w.r_v[i] - w.r[i]) / H - jd);
    }
    w.accel.fill(0.0);
    for i in 0..m {
        let rv = w.r_v[i];
        for p in 0..n {
            w.accel[p] -= w.j[i * n + p] * rv;
        }
    }
    cholesky_solve_factored(&w.factor, &mut w.accel, n);
    let anorm = norm(&w.accel);
    anorm.is_finite() && anorm <= 1.5 * norm(&w.delta)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn rosenbrock_minimum() {
        // r = (10 (u1 − u0²), 1 − u0): minimum at (1, 1) with cost 0.
        let out = minimise(
            |u| Some(vec![10.0 * (u[1] - u[0] * u[0]), 1.0 - u[0]]),
            &[-1.2, 1.0],
            200,
        )
        .unwrap();
        assert!(out.converged);
        assert!((out.u[0] - 1.0).abs() < 1e-6 && (out.u[1] - 1.0).abs() < 1e-6);
    }

    #[test]
    fn exponential_decay() {
        // y = 3 e^{−0.5 t} sampled exactly.
        let t: Vec<f64> = (0..20).map(|i| i as f64 * 0.5).collect();
        let y: Vec<f64> = t.iter().map(|t| 3.0 * (-0.5 * t).exp()).collect();
        let out = minimise(
            |u| {
                Some(
                    t.iter()
                        .zip(&y)
                        .map(|(t, y)| u[0] * (-u[1] * t).exp() - y)
                        .collect(),
                )
            },
            &[1.0, 1.0],
            200,
        )
        .unwrap();
        assert!((out.u[0] - 3.0).abs() < 1e-7 && (out.u[1] - 0.5).abs() < 1e-8);
    }
}
