//! Variable-order (1–5), variable-step BDF in the quasi-constant step-size form of
//! the numerical differentiation formulas (Shampine & Reichelt, SIAM J. Sci. Comput.
//! 18 (1997) 1–22, "The MATLAB ODE Suite", §2.3), extended to a diagonal mass matrix
//! so that index-1 DAEs (zero rows of M) are solved as in DASSL/IDA.
//!
//! State: the modified divided differences D[0..order+2] of the solution. A step of
//! size h at order k predicts y_p = Σ_{j≤k} D_j, then solves
//! M·(y − y_p) · α_k/h … in the form  (M − c·J)·d = c·f(y_p + d) − M·(ψ + d),
//! c = h/α_k, ψ = Σ_{j=1..k} γ_j D_j / α_k, y = y_p + d. The local error is
//! estimated as E_k·d with E_k = κ_k·γ_k + 1/(k+1); orders change when the estimates
//! at k±1 allow a longer step. Step-size changes rescale D exactly (the R·U matrices).
//! Event location uses the interpolating polynomial through the last k+1 points.

// Index loops mirror the formulas (D_j, rows of R·U) and are clearer than iterators here.
#![allow(clippy::needless_range_loop)]

use crate::{Problem, SolveError, Stats};

const MAX_ORDER: usize = 5;
const NEWTON_MAXITER: usize = 4;
const MIN_FACTOR: f64 = 0.2;
const MAX_FACTOR: f64 = 10.0;

/// κ of the NDFs (Klopfenstein–Shampine); κ = 0 gives plain BDF.
const KAPPA: [f64; 6] = [0.0, -0.1850, -1.0 / 9.0, -0.0823, -0.0415, 0.0];

/// γ_k = Σ_{j=1..k} 1/j.
const GAMMA: [f64; 7] = [
    0.0,
    1.0,
    1.5,
    1.0 + 0.5 + 1.0 / 3.0,
    1.0 + 0.5 + 1.0 / 3.0 + 0.25,
    1.0 + 0.5 + 1.0 / 3.0 + 0.25 + 0.2,
    1.0 + 0.5 + 1.0 / 3.0 + 0.25 + 0.2 + 1.0 / 6.0,
];

fn gamma(k: usize) -> f64 {
    GAMMA[k]
}

fn alpha(k: usize) -> f64 {
    (1.0 - KAPPA[k]) * gamma(k)
}

fn error_const(k: usize) -> f64 {
    KAPPA[k] * gamma(k) + 1.0 / (k as f64 + 1.0)
}

/// The (order+1)² matrix that rescales differences for a step-size factor.
fn compute_r(order: usize, factor: f64) -> Vec<Vec<f64>> {
    let n = order + 1;
    let mut m = vec![vec![0.0; n]; n];
    for (i, row) in m.iter_mut().enumerate() {
        for (j, v) in row.iter_mut().enumerate() {
            *v = if i == 0 {
                1.0
            } else if j == 0 {
                0.0
            } else {
                (i as f64 - 1.0 - factor * j as f64) / i as f64
            };
        }
    }
    // Cumulative product down the rows.
    for i in 1..n {
        for j in 0..n {
            m[i][j] *= m[i - 1][j];
        }
    }
    m
}

/// BDF integrator settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BdfOptions {
    /// Relative tolerance.
    pub rtol: f64,
    /// Absolute tolerance.
    pub atol: f64,
    /// Largest step (s).
    pub max_step: f64,
    /// Smallest step before giving up (s).
    pub min_step: f64,
    /// Step limit.
    pub max_steps: usize,
}

impl Default for BdfOptions {
    fn default() -> Self {
        Self {
            rtol: 1e-6,
            atol: 1e-6,
            max_step: f64::INFINITY,
            min_step: 1e-14,
            max_steps: 200_000,
        }
    }
}

/// Variable-order BDF integrator.
#[derive(Debug, Clone)]
pub struct Bdf {
    /// Settings.
    pub options: BdfOptions,
    /// Counters.
    pub stats: Stats,
    /// Current time.
    pub t: f64,
    h: f64,
    order: usize,
    n_equal_steps: usize,
    /// Differences D_0..D_{MAX_ORDER+2}, row j at [j·n, (j+1)·n).
    d: Vec<f64>,
    /// Scratch for step-size changes.
    d_new: Vec<f64>,
    mass: Vec<f64>,
    prepared_c: f64,
    f: Vec<f64>,
    y: Vec<f64>,
    y_predict: Vec<f64>,
    psi: Vec<f64>,
    dvec: Vec<f64>,
    rhs: Vec<f64>,
    scale: Vec<f64>,
    work: Vec<f64>,
    /// Newton convergence-rate estimate for the current Newton matrix.
    crate_est: f64,
    /// Step count when the Newton matrix was last built.
    prepared_at: usize,
}

impl Bdf {
    /// Start at (t0, y0), which must be consistent (algebraic equations satisfied).
    pub fn new<P: Problem>(
        p: &mut P,
        t0: f64,
        y0: &[f64],
        options: BdfOptions,
    ) -> Result<Self, SolveError> {
        let n = y0.len();
        let mut mass = vec![0.0; n];
        p.mass(&mut mass);
        let mut f = vec![0.0; n];
        p.rhs(t0, y0, &mut f)?;
        let mut s = Self {
            options,
            stats: Stats::default(),
            t: t0,
            h: 0.0,
            order: 1,
            n_equal_steps: 0,
            d: vec![0.0; n * (MAX_ORDER + 3)],
            d_new: vec![0.0; n * (MAX_ORDER + 3)],
            mass,
            prepared_c: f64::NAN,
            f,
            y: y0.to_vec(),
            y_predict: vec![0.0; n],
            psi: vec![0.0; n],
            dvec: vec![0.0; n],
            rhs: vec![0.0; n],
            scale: vec![0.0; n],
            work: Vec::with_capacity(n),
            crate_est: 1.0,
            prepared_at: 0,
        };
        s.stats.rhs_evals += 1;
        // First step from the derivative scale (Hairer–Nørsett–Wanner II.4 style).
        let mut d1 = 0.0;
        let mut d0 = 0.0;
        for i in 0..n {
            let sc = options.atol + options.rtol * y0[i].abs();
            d0 += (y0[i] / sc).powi(2);
            if s.mass[i] != 0.0 {
                d1 += (s.f[i] / s.mass[i] / sc).powi(2);
            }
        }
        let (d0, d1) = ((d0 / n as f64).sqrt(), (d1 / n as f64).sqrt());
        let h0 = if d0 < 1e-5 || d1 < 1e-5 {
            1e-6
        } else {
            0.01 * d0 / d1
        };
        s.h = h0.min(options.max_step).min(1.0);
        s.d[..n].copy_from_slice(y0);
        for i in 0..n {
            s.d[n + i] = if s.mass[i] != 0.0 {
                s.f[i] / s.mass[i] * s.h
            } else {
                0.0
            };
        }
        Ok(s)
    }

    /// The current solution.
    pub fn y(&self) -> &[f64] {
        &self.y
    }

    /// The current order.
    pub fn order(&self) -> usize {
        self.order
    }

    /// The next step size.
    pub fn step_size(&self) -> f64 {
        self.h
    }

    fn row(&self, j: usize) -> &[f64] {
        let n = self.y.len();
        &self.d[j * n..(j + 1) * n]
    }

    fn change_d(&mut self, factor: f64) {
        let k = self.order;
        let n = self.y.len();
        let r = compute_r(k, factor);
        let u = compute_r(k, 1.0);
        // D[0..=k] ← (R·U)ᵀ·D[0..=k]
        let m = k + 1;
        let mut ru = [[0.0; MAX_ORDER + 1]; MAX_ORDER + 1];
        for i in 0..m {
            for j in 0..m {
                ru[i][j] = (0..m).map(|q| r[i][q] * u[q][j]).sum();
            }
        }
        for j in 0..m {
            let out = &mut self.d_new[j * n..(j + 1) * n];
            let w0 = ru[0][j];
            for (o, d0) in out.iter_mut().zip(&self.d[..n]) {
                *o = w0 * d0;
            }
            for (q, ru_row) in ru.iter().enumerate().take(m).skip(1) {
                let w = ru_row[j];
                if w == 0.0 {
                    continue;
                }
                for (o, dq) in out.iter_mut().zip(&self.d[q * n..(q + 1) * n]) {
                    *o += w * dq;
                }
            }
        }
        self.d[..m * n].copy_from_slice(&self.d_new[..m * n]);
    }

    fn wrms(&self, v: &[f64]) -> f64 {
        let s: f64 = v
            .iter()
            .zip(&self.scale)
            .map(|(a, w)| (a * w) * (a * w))
            .sum();
        (s / v.len().max(1) as f64).sqrt()
    }

    /// Take one step, not passing `t_stop`. Returns the new time.
    pub fn step<P: Problem>(&mut self, p: &mut P, t_stop: f64) -> Result<f64, SolveError> {
        let n = self.y.len();
        if self.stats.steps >= self.options.max_steps {
            return Err(SolveError::TooManySteps {
                max_steps: self.options.max_steps,
                time: self.t,
            });
        }
        let mut h = self.h;
        if h > self.options.max_step {
            self.change_d(self.options.max_step / h);
            h = self.options.max_step;
            self.n_equal_steps = 0;
        }
        if self.t + h > t_stop {
            let f = (t_stop - self.t) / h;
            self.change_d(f);
            h = t_stop - self.t;
            self.n_equal_steps = 0;
        }
        let mut newton_failures = 0;
        loop {
            if h < self.options.min_step {
                let worst = self
                    .dvec
                    .iter()
                    .zip(&self.scale)
                    .enumerate()
                    .max_by(|a, b| (a.1 .0 * a.1 .1).abs().total_cmp(&(b.1 .0 * b.1 .1).abs()))
                    .map_or(0, |(i, _)| i);
                return Err(SolveError::StepSizeTooSmall {
                    time: self.t,
                    step: h,
                    variable: p.describe(worst),
                    reason: "error test or Newton iteration kept failing".to_string(),
                });
            }
            let k = self.order;
            let t_new = self.t + h;
            let a = alpha(k);
            let c = h / a;
            // Prediction y_p = Σ D_j and ψ = Σ γ_j D_j / α, row by row (contiguous),
            // then the inverse weights 1/(atol + rtol·|y_p|) and the Newton start d = 0.
            {
                let (atol, rtol) = (self.options.atol, self.options.rtol);
                let (yp, ps) = (&mut self.y_predict[..n], &mut self.psi[..n]);
                let d0 = &self.d[..n];
                let d1 = &self.d[n..2 * n];
                let g1 = GAMMA[1] / a;
                for i in 0..n {
                    yp[i] = d0[i] + d1[i];
                    ps[i] = g1 * d1[i];
                }
                for j in 2..=k {
                    let gj = GAMMA[j] / a;
                    let dj = &self.d[j * n..(j + 1) * n];
                    for i in 0..n {
                        yp[i] += dj[i];
                        ps[i] += gj * dj[i];
                    }
                }
                let (sc, dv) = (&mut self.scale[..n], &mut self.dvec[..n]);
                for i in 0..n {
                    sc[i] = 1.0 / (atol + rtol * yp[i].abs());
                    dv[i] = 0.0;
                }
            }
            // Rebuild the Newton matrix when c = h/α has moved by more than 30 % or
            // after 20 steps (CVODE's DGMAX and MSBP); modified Newton tolerates the rest.
            let stale = self.prepared_c.is_nan()
                || self.prepared_c <= 0.0
                || (c / self.prepared_c - 1.0).abs() > 0.3
                || self.stats.steps >= self.prepared_at + 20;
            if stale {
                self.prepared_at = self.stats.steps;
                p.prepare(t_new, &self.y_predict, 1.0, c)?;
                self.stats.jacobian_evals += 1;
                self.prepared_c = c;
                self.crate_est = 1.0;
            }
            // Newton: (M − cJ)·Δ = c·f(y) − M·(ψ + d)
            let mut y = std::mem::take(&mut self.work);
            y.clear();
            y.extend_from_slice(&self.y_predict);
            let mut converged = false;
            let mut dy_norm_old: Option<f64> = None;
            // Newton stops when its remaining error is a small fraction of the local
            // error tolerance (the error test accepts norms up to 1).
            let newton_tol = 0.03;
            for _ in 0..NEWTON_MAXITER {
                p.rhs(t_new, &y, &mut self.rhs)?;
                self.stats.rhs_evals += 1;
                self.stats.newton_iters += 1;
                {
                    let (r, m, ps, dv) = (
                        &mut self.rhs[..n],
                        &self.mass[..n],
                        &self.psi[..n],
                        &self.dvec[..n],
                    );
                    for i in 0..n {
                        r[i] = c * r[i] - m[i] * (ps[i] + dv[i]);
                    }
                }
                p.solve(&mut self.rhs)?;
                let dy_norm = self.wrms(&self.rhs);
                if !dy_norm.is_finite() {
                    break;
                }
                let rate = dy_norm_old.map(|o| dy_norm / o);
                if let Some(r) = rate {
                    if r >= 1.0 {
                        break;
                    }
                    // Convergence-rate estimate carried across steps (as in CVODE:
                    // crate = max(0.3·crate, ‖δ_m‖/‖δ_{m−1}‖)).
                    self.crate_est = (0.3 * self.crate_est).max(r);
                }
                {
                    let (yy, dv, r) = (&mut y[..n], &mut self.dvec[..n], &self.rhs[..n]);
                    for i in 0..n {
                        yy[i] += r[i];
                        dv[i] += r[i];
                    }
                }
                // Converged when the remaining error, estimated from the rate, is small;
                // on the first iteration the rate of earlier steps with the same
                // Newton matrix is used, so that one iteration can suffice.
                let r = rate.unwrap_or(self.crate_est);
                if dy_norm == 0.0 || (r < 1.0 && r / (1.0 - r) * dy_norm < newton_tol) {
                    converged = true;
                    break;
                }
                dy_norm_old = Some(dy_norm);
            }
            if !converged {
                self.work = y;
                newton_failures += 1;
                self.stats.rejected += 1;
                // Refresh the Jacobian at this point first; then shrink the step.
                if newton_failures == 1 {
                    self.crate_est = 1.0;
                    p.prepare(t_new, &self.y_predict, 1.0, c)?;
                    self.stats.jacobian_evals += 1;
                    self.prepared_c = c;
                    continue;
                }
                let f = 0.5;
                self.change_d(f);
                h *= f;
                self.n_equal_steps = 0;
                self.prepared_c = f64::NAN;
                continue;
            }
            let ec = error_const(k);
            let error_norm = {
                let (atol, rtol) = (self.options.atol, self.options.rtol);
                let (sc, yy, dv) = (&mut self.scale[..n], &y[..n], &self.dvec[..n]);
                let mut sum = 0.0;
                for i in 0..n {
                    let w = 1.0 / (atol + rtol * yy[i].abs());
                    sc[i] = w;
                    let e = dv[i] * w;
                    sum += e * e;
                }
                ec * (sum / n.max(1) as f64).sqrt()
            };
            if error_norm > 1.0 || !error_norm.is_finite() {
                self.work = y;
                self.stats.rejected += 1;
                let f = if error_norm.is_finite() {
                    (0.9 * error_norm.powf(-1.0 / (k as f64 + 1.0))).max(MIN_FACTOR)
                } else {
                    MIN_FACTOR
                };
                self.change_d(f);
                h *= f;
                self.n_equal_steps = 0;
                continue;
            }
            // Accept.
            self.stats.steps += 1;
            self.n_equal_steps += 1;
            self.t = t_new;
            self.y.copy_from_slice(&y);
            self.work = y;
            self.h = h;
            // Differences: D_{k+2} = d − D_{k+1}, D_{k+1} = d, then D_j += D_{j+1} for
            // j = k…0, row by row.
            {
                let (lo, hi) = self.d.split_at_mut((k + 2) * n);
                let (d2, d1, dv) = (
                    &mut hi[..n],
                    &mut lo[(k + 1) * n..(k + 2) * n],
                    &self.dvec[..n],
                );
                for i in 0..n {
                    d2[i] = dv[i] - d1[i];
                    d1[i] = dv[i];
                }
            }
            for j in (0..=k).rev() {
                let (lo, hi) = self.d.split_at_mut((j + 1) * n);
                let (a_row, b_row) = (&mut lo[j * n..(j + 1) * n], &hi[..n]);
                for i in 0..n {
                    a_row[i] += b_row[i];
                }
            }
            if self.n_equal_steps < k + 1 {
                return Ok(self.t);
            }
            // Order selection.
            let error_m_norm = if k > 1 {
                error_const(k - 1).abs() * self.wrms(self.row(k))
            } else {
                f64::INFINITY
            };
            let error_p_norm = if k < MAX_ORDER {
                error_const(k + 1).abs() * self.wrms(self.row(k + 2))
            } else {
                f64::INFINITY
            };
            let factors = [
                error_m_norm.powf(-1.0 / k as f64),
                error_norm.powf(-1.0 / (k as f64 + 1.0)),
                error_p_norm.powf(-1.0 / (k as f64 + 2.0)),
            ];
            let (best, &fmax) = factors
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1))
                .unwrap_or((1, &1.0));
            self.order = match best {
                0 => k - 1,
                2 => k + 1,
                _ => k,
            };
            // Change the step only for a worthwhile gain (CVODE's THRESH = 1.5): fewer
            // changes keep the Newton matrix (and the differences) as they are.
            let f = (0.9 * fmax).min(MAX_FACTOR);
            if !(1.0..1.5).contains(&f) {
                self.change_d(f);
                self.h *= f;
            }
            self.n_equal_steps = 0;
            return Ok(self.t);
        }
    }

    /// The interpolating polynomial's value at `t` (within the last step).
    pub fn interpolate(&self, t: f64, out: &mut [f64]) {
        let k = self.order;
        let h = self.h;
        out.copy_from_slice(self.row(0));
        let mut p = 1.0;
        for j in 1..=k {
            // Π_{m=0}^{j−1} (t − (t_n − m·h)) / ((m+1)·h)
            p *= (t - (self.t - (j as f64 - 1.0) * h)) / (j as f64 * h);
            for (o, dj) in out.iter_mut().zip(self.row(j)) {
                *o += p * dj;
            }
        }
    }

    /// Restart from a new consistent state (after the caller changed the state or the
    /// problem, e.g. a new protocol step), keeping counters.
    pub fn reinit<P: Problem>(&mut self, p: &mut P, t: f64, y: &[f64]) -> Result<(), SolveError> {
        let stats = self.stats;
        *self = Bdf::new(p, t, y, self.options)?;
        self.stats = stats;
        self.stats.rhs_evals += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coefficients() {
        assert!((alpha(1) - (1.0 - KAPPA[1])).abs() < 1e-15);
        assert!((error_const(1) - 0.5 - KAPPA[1]).abs() < 1e-15);
        let r = compute_r(2, 1.0);
        let u = compute_r(2, 1.0);
        // R(1)·U(1) is the identity: rescaling by 1 changes nothing.
        for i in 0..3 {
            for j in 0..3 {
                let v: f64 = (0..3).map(|m| r[i][m] * u[m][j]).sum();
                assert!(
                    (v - if i == j { 1.0 } else { 0.0 }).abs() < 1e-12,
                    "{i}{j}: {v}"
                );
            }
        }
    }
}
