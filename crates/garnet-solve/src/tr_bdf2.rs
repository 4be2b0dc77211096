//! The TR-BDF2 integrator with error control and event location by step-size search.

use crate::{Problem, SolveError};

/// Integrator settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Relative tolerance.
    pub rtol: f64,
    /// Absolute tolerance.
    pub atol: f64,
    /// First step (s); 0 chooses one from the tolerances.
    pub first_step: f64,
    /// Largest step (s).
    pub max_step: f64,
    /// Smallest step before giving up (s).
    pub min_step: f64,
    /// Step limit.
    pub max_steps: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            rtol: 1e-6,
            atol: 1e-6,
            first_step: 0.0,
            max_step: f64::INFINITY,
            min_step: 1e-14,
            max_steps: 100_000,
        }
    }
}

/// Work counters (a snapshot test pins them so performance regressions show).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    /// Accepted steps.
    pub steps: usize,
    /// Rejected steps (error test or Newton failure).
    pub rejected: usize,
    /// Right-hand-side evaluations.
    pub rhs_evals: usize,
    /// Newton-matrix builds (Jacobian evaluations).
    pub jacobian_evals: usize,
    /// Newton iterations.
    pub newton_iters: usize,
}

/// Result of one attempted step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StepOutcome {
    /// The step was accepted; the state is at the new time.
    Accepted,
    /// Rejected; try the returned smaller step.
    Rejected(f64),
}

const GAMMA: f64 = 1.0 - std::f64::consts::FRAC_1_SQRT_2;
const W: f64 = std::f64::consts::SQRT_2 / 4.0;
// Embedded weights minus main weights: error = h·Σ (b̂ᵢ − bᵢ)·kᵢ.
const E1: f64 = (1.0 - W) / 3.0 - W;
const E2: f64 = (3.0 * W + 1.0) / 3.0 - W;
const E3: f64 = GAMMA / 3.0 - GAMMA;

/// TR-BDF2 integrator state for one problem.
#[derive(Debug, Clone)]
pub struct Integrator {
    /// Settings.
    pub options: Options,
    /// Counters since construction (or the last [`Integrator::reset_stats`]).
    pub stats: Stats,
    /// Step size to try next.
    pub h: f64,
    mass: Vec<f64>,
    k1: Vec<f64>,
    k2: Vec<f64>,
    k3: Vec<f64>,
    z: Vec<f64>,
    rhs: Vec<f64>,
    delta: Vec<f64>,
    err: Vec<f64>,
    have_k1: bool,
}

impl Integrator {
    /// An integrator for a problem of size `n`.
    pub fn new(n: usize, options: Options) -> Self {
        Self {
            options,
            stats: Stats::default(),
            h: options.first_step,
            mass: vec![0.0; n],
            k1: vec![0.0; n],
            k2: vec![0.0; n],
            k3: vec![0.0; n],
            z: vec![0.0; n],
            rhs: vec![0.0; n],
            delta: vec![0.0; n],
            err: vec![0.0; n],
            have_k1: false,
        }
    }

    /// Forget the cached derivative at the current point (after the caller changed the
    /// state or the problem, e.g. a new protocol step).
    pub fn restart(&mut self) {
        self.have_k1 = false;
    }

    /// Zero the counters.
    pub fn reset_stats(&mut self) {
        self.stats = Stats::default();
    }

    fn weight(&self, y: f64) -> f64 {
        1.0 / (self.options.atol + self.options.rtol * y.abs())
    }

    /// Weighted RMS norm of `v` against the state `y`, and the index of the largest term.
    fn norm(&self, v: &[f64], y: &[f64]) -> (f64, usize) {
        let mut sum = 0.0;
        let mut worst = (0.0, 0);
        for (i, (a, b)) in v.iter().zip(y).enumerate() {
            let s = a * self.weight(*b);
            sum += s * s;
            if s.abs() > worst.0 {
                worst = (s.abs(), i);
            }
        }
        ((sum / v.len().max(1) as f64).sqrt(), worst.1)
    }

    /// Choose a first step from the derivative scale.
    fn initial_step<P: Problem>(
        &mut self,
        p: &mut P,
        t: f64,
        y: &[f64],
    ) -> Result<f64, SolveError> {
        self.ensure_k1(p, t, y)?;
        let mut d = 0.0;
        let n = y.len().max(1);
        for i in 0..y.len() {
            if self.mass[i] != 0.0 {
                let s = self.k1[i] / self.mass[i] * self.weight(y[i]);
                d += s * s;
            }
        }
        let d = (d / n as f64).sqrt();
        let h = if d > 1e-12 { 0.01 / d } else { 1e-3 };
        Ok(h.clamp(self.options.min_step * 10.0, self.options.max_step.min(1e3)))
    }

    fn ensure_k1<P: Problem>(&mut self, p: &mut P, t: f64, y: &[f64]) -> Result<(), SolveError> {
        if !self.have_k1 {
            p.mass(&mut self.mass);
            p.rhs(t, y, &mut self.k1)?;
            self.stats.rhs_evals += 1;
            self.have_k1 = true;
        }
        Ok(())
    }

    /// Solve the stage equation M·(z − base) = h·γ·f(t, z) for z by simplified Newton,
    /// starting from the guess already in `self.z`; `base` must satisfy
    /// M·base = M·y_n + h·Σ aᵢⱼ·kⱼ (explicit part). Returns f(t, z) in `out`.
    fn stage<P: Problem>(
        &mut self,
        p: &mut P,
        t: f64,
        h: f64,
        base_m: &[f64],
        out_is_k2: bool,
        y_scale: &[f64],
    ) -> Result<bool, SolveError> {
        let hg = h * GAMMA;
        let mut prev_norm = f64::INFINITY;
        for iter in 0..8 {
            p.rhs(t, &self.z, &mut self.rhs)?;
            self.stats.rhs_evals += 1;
            self.stats.newton_iters += 1;
            // residual r = base_m + hγ f(z) − M z  (Newton: (M − hγJ) δ = r)
            for i in 0..self.z.len() {
                self.delta[i] = base_m[i] + hg * self.rhs[i] - self.mass[i] * self.z[i];
            }
            p.solve(&mut self.delta)?;
            for i in 0..self.z.len() {
                self.z[i] += self.delta[i];
            }
            let (nrm, _) = self.norm(&self.delta, y_scale);
            if !nrm.is_finite() {
                return Ok(false);
            }
            let rate = if iter > 0 { nrm / prev_norm } else { 0.5 };
            if nrm < 1e-3 || (rate < 0.9 && nrm * rate / (1.0 - rate) < 0.03) {
                p.rhs(t, &self.z, &mut self.rhs)?;
                self.stats.rhs_evals += 1;
                if out_is_k2 {
                    self.k2.copy_from_slice(&self.rhs);
                } else {
                    self.k3.copy_from_slice(&self.rhs);
                }
                return Ok(true);
            }
            if iter > 1 && nrm > prev_norm {
                return Ok(false);
            }
            prev_norm = nrm;
        }
        Ok(false)
    }

    /// Attempt one step of size `h` from (t, y). On acceptance `y` and `t` advance.
    /// `h` is never larger than `t_stop − t` when `t_stop` is given.
    pub fn try_step<P: Problem>(
        &mut self,
        p: &mut P,
        t: &mut f64,
        y: &mut [f64],
        h: f64,
    ) -> Result<StepOutcome, SolveError> {
        let n = y.len();
        self.ensure_k1(p, *t, y)?;
        p.prepare(*t, y, 1.0, h * GAMMA)?;
        self.stats.jacobian_evals += 1;
        // Stage 2 at t + 2γh: M z2 = M y + hγ k1 + hγ f(z2)
        let mut base = vec![0.0; n];
        for i in 0..n {
            base[i] = self.mass[i] * y[i] + h * GAMMA * self.k1[i];
        }
        // Predictor: explicit Euler on differential unknowns.
        for i in 0..n {
            self.z[i] = if self.mass[i] != 0.0 {
                y[i] + 2.0 * GAMMA * h * self.k1[i] / self.mass[i]
            } else {
                y[i]
            };
        }
        if !self.stage(p, *t + 2.0 * GAMMA * h, h, &base, true, y)? {
            self.stats.rejected += 1;
            return Ok(StepOutcome::Rejected(h * 0.25));
        }
        let z2 = self.z.clone();
        // Stage 3 at t + h: M z3 = M y + h w k1 + h w k2 + hγ f(z3)
        for i in 0..n {
            base[i] = self.mass[i] * y[i] + h * W * (self.k1[i] + self.k2[i]);
        }
        for i in 0..n {
            // Extrapolate through y_n and z2.
            self.z[i] = y[i] + (z2[i] - y[i]) / (2.0 * GAMMA);
        }
        if !self.stage(p, *t + h, h, &base, false, y)? {
            self.stats.rejected += 1;
            return Ok(StepOutcome::Rejected(h * 0.25));
        }
        // Error estimate: M·e = h Σ (b̂ − b) k, filtered through (M − hγJ)⁻¹ so that
        // stiff components do not inflate it (Hairer & Wanner, IV.8).
        for i in 0..n {
            self.err[i] = h * (E1 * self.k1[i] + E2 * self.k2[i] + E3 * self.k3[i]);
        }
        p.solve(&mut self.err)?;
        let (err_norm, worst) = self.norm(&self.err, y);
        if !err_norm.is_finite() {
            self.stats.rejected += 1;
            return Ok(StepOutcome::Rejected(h * 0.25));
        }
        let factor = 0.9 * err_norm.max(1e-10).powf(-1.0 / 3.0);
        if err_norm > 1.0 {
            self.stats.rejected += 1;
            let _ = worst;
            return Ok(StepOutcome::Rejected(h * factor.clamp(0.1, 0.9)));
        }
        for (yi, zi) in y.iter_mut().zip(&self.z) {
            if !zi.is_finite() {
                return Err(SolveError::NonFinite {
                    time: *t + h,
                    variable: p.describe(0),
                });
            }
            *yi = *zi;
        }
        *t += h;
        // Stiff accuracy: the last stage derivative is f at the new point.
        std::mem::swap(&mut self.k1, &mut self.k3);
        self.have_k1 = true;
        self.stats.steps += 1;
        self.h = (h * factor.clamp(0.2, 5.0)).min(self.options.max_step);
        Ok(StepOutcome::Accepted)
    }

    /// Take one accepted step (retrying with smaller steps as needed), never passing
    /// `t_stop`. Returns the step taken.
    pub fn step<P: Problem>(
        &mut self,
        p: &mut P,
        t: &mut f64,
        y: &mut [f64],
        t_stop: f64,
    ) -> Result<f64, SolveError> {
        if self.h <= 0.0 {
            self.h = self.initial_step(p, *t, y)?;
        }
        let mut h = self.h.min(t_stop - *t).min(self.options.max_step);
        loop {
            if self.stats.steps >= self.options.max_steps {
                return Err(SolveError::TooManySteps {
                    max_steps: self.options.max_steps,
                    time: *t,
                });
            }
            if h < self.options.min_step {
                let (_, worst) = self.norm(&self.err, y);
                return Err(SolveError::StepSizeTooSmall {
                    time: *t,
                    step: h,
                    variable: p.describe(worst),
                    reason: "error test or Newton iteration kept failing".to_string(),
                });
            }
            match self.try_step(p, t, y, h)? {
                StepOutcome::Accepted => return Ok(h),
                StepOutcome::Rejected(h_new) => {
                    h = h_new;
                    self.h = h_new;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tableau_is_consistent() {
        // Row sums equal the nodes; b and b̂ sum to one.
        assert!((2.0 * W + GAMMA - 1.0).abs() < 1e-15);
        assert!(((1.0 - W) / 3.0 + (3.0 * W + 1.0) / 3.0 + GAMMA / 3.0 - 1.0).abs() < 1e-15);
        assert!((E1 + E2 + E3).abs() < 1e-15);
        // Second-order condition for b: Σ bᵢ cᵢ = 1/2 with c = (0, 2γ, 1).
        assert!((W * 2.0 * GAMMA + GAMMA - 0.5).abs() < 1e-15);
    }
}
