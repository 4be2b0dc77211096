//! Reference problems with known solutions, in the manner of diffsol's `test_models`:
//! each constructor returns the problem *and* what its solution must be, so that one
//! suite (`tests/reference_problems.rs`) runs the integrator over all of them and
//! another (`tests/solver_stats.rs`) pins the work it took.
//!
//! The problems are small and dense: [`Dense`] implements [`Problem`] with an analytic
//! Jacobian and an LU factorisation with partial pivoting, and counts its own calls
//! so that the integrator's [`garnet_solve::Stats`] can be checked against them.

#![allow(dead_code)] // each test file uses its own subset

use garnet_solve::{Bdf, BdfOptions, Problem, SolveError, Stats};

/// Right-hand side f(t, y) → out.
pub type Rhs = fn(f64, &[f64], &mut [f64]);
/// Jacobian ∂f/∂y at (t, y) → out, row-major n×n.
pub type Jacobian = fn(f64, &[f64], &mut [f64]);

/// A small system `M·y' = f(t, y)` with diagonal M and an analytic Jacobian.
pub struct Dense {
    names: &'static [&'static str],
    mass: Vec<f64>,
    rhs: Rhs,
    jac: Jacobian,
    /// LU factors of the last prepared matrix (row-major, unit lower triangle implied).
    lu: Vec<f64>,
    pivots: Vec<usize>,
    /// Calls of [`Problem::rhs`].
    pub rhs_calls: usize,
    /// Calls of [`Problem::prepare`] (one Jacobian evaluation and one factorisation each).
    pub prepare_calls: usize,
}

impl Dense {
    /// A system with these unknowns (their names), mass diagonal, f and ∂f/∂y.
    pub fn new(names: &'static [&'static str], mass: &[f64], rhs: Rhs, jac: Jacobian) -> Self {
        let n = names.len();
        assert_eq!(mass.len(), n);
        Self {
            names,
            mass: mass.to_vec(),
            rhs,
            jac,
            lu: vec![0.0; n * n],
            pivots: vec![0; n],
            rhs_calls: 0,
            prepare_calls: 0,
        }
    }
}

impl Problem for Dense {
    fn len(&self) -> usize {
        self.names.len()
    }

    fn mass(&self, out: &mut [f64]) {
        out.copy_from_slice(&self.mass);
    }

    fn rhs(&mut self, t: f64, y: &[f64], f: &mut [f64]) -> Result<(), SolveError> {
        self.rhs_calls += 1;
        (self.rhs)(t, y, f);
        if let Some(i) = f.iter().position(|v| !v.is_finite()) {
            return Err(SolveError::NonFinite {
                time: t,
                variable: self.describe(i),
            });
        }
        Ok(())
    }

    fn prepare(&mut self, t: f64, y: &[f64], c_mass: f64, c_jac: f64) -> Result<(), SolveError> {
        self.prepare_calls += 1;
        let n = self.len();
        (self.jac)(t, y, &mut self.lu);
        for (idx, v) in self.lu.iter_mut().enumerate() {
            let (i, j) = (idx / n, idx % n);
            *v = if i == j { c_mass * self.mass[i] } else { 0.0 } - c_jac * *v;
        }
        // Doolittle LU with partial pivoting, in place.
        let a = &mut self.lu;
        for k in 0..n {
            let p = (k..n)
                .max_by(|&r, &s| a[r * n + k].abs().total_cmp(&a[s * n + k].abs()))
                .unwrap_or(k);
            if a[p * n + k] == 0.0 || !a[p * n + k].is_finite() {
                return Err(SolveError::Singular {
                    time: t,
                    detail: format!("column {k}"),
                });
            }
            self.pivots[k] = p;
            if p != k {
                for j in 0..n {
                    a.swap(k * n + j, p * n + j);
                }
            }
            for i in k + 1..n {
                let m = a[i * n + k] / a[k * n + k];
                a[i * n + k] = m;
                for j in k + 1..n {
                    a[i * n + j] -= m * a[k * n + j];
                }
            }
        }
        Ok(())
    }

    fn solve(&mut self, b: &mut [f64]) -> Result<(), SolveError> {
        let n = self.len();
        let a = &self.lu;
        for k in 0..n {
            b.swap(k, self.pivots[k]);
        }
        for i in 0..n {
            let s: f64 = (0..i).map(|j| a[i * n + j] * b[j]).sum();
            b[i] -= s;
        }
        for i in (0..n).rev() {
            let s: f64 = (i + 1..n).map(|j| a[i * n + j] * b[j]).sum();
            b[i] = (b[i] - s) / a[i * n + i];
        }
        Ok(())
    }

    fn describe(&self, i: usize) -> String {
        self.names
            .get(i)
            .map_or(format!("y[{i}]"), |s| s.to_string())
    }
}

/// What the solution must be.
pub enum Solution {
    /// A closed form y(t).
    Exact(fn(f64) -> Vec<f64>),
    /// Published values (t, y) from a high-accuracy reference.
    Points(Vec<(f64, Vec<f64>)>),
}

/// A problem, where it starts, how it is solved and what the answer is.
pub struct Reference {
    /// Name (also the snapshot name of its solver statistics).
    pub name: &'static str,
    /// The system.
    pub problem: Dense,
    /// Initial time.
    pub t0: f64,
    /// Consistent initial state.
    pub y0: Vec<f64>,
    /// Integrator settings.
    pub options: BdfOptions,
    /// Times at which the solution is checked (the last is the end of the run).
    pub times: Vec<f64>,
    /// The known solution.
    pub solution: Solution,
    /// Allowed error: |y − y_ref| ≤ factor·(atol + rtol·|y_ref|) with the run's
    /// tolerances. BDF controls the local error per step, so the global error is a
    /// modest multiple of the tolerance on these dissipative problems; the factor is
    /// stated per problem with its reason.
    pub factor: f64,
    /// A linear invariant c·y = value that must hold at every accepted step, with its
    /// tolerance.
    pub invariant: Option<Invariant>,
}

/// A linear first integral c·y = value.
pub struct Invariant {
    /// The coefficients c.
    pub coefficients: Vec<f64>,
    /// Its value.
    pub value: f64,
    /// Allowed |c·y − value|.
    pub tolerance: f64,
}

impl Reference {
    /// The expected solution at the checked times.
    pub fn expected(&self) -> Vec<(f64, Vec<f64>)> {
        match &self.solution {
            Solution::Exact(f) => self.times.iter().map(|&t| (t, f(t))).collect(),
            Solution::Points(p) => p.clone(),
        }
    }
}

fn options(rtol: f64, atol: f64) -> BdfOptions {
    BdfOptions {
        rtol,
        atol,
        ..BdfOptions::default()
    }
}

/// Exponential decay y' = −y, y(0) = 1: y = e^{−t}. The event problem too: y = ½ at
/// t = ln 2.
pub fn exponential_decay(rtol: f64, atol: f64) -> Reference {
    Reference {
        name: "exponential_decay",
        problem: Dense::new(
            &["y"],
            &[1.0],
            |_, y, f| f[0] = -y[0],
            |_, _, j| j[0] = -1.0,
        ),
        t0: 0.0,
        y0: vec![1.0],
        options: options(rtol, atol),
        times: vec![0.5, 1.0, 2.0, 5.0, 10.0],
        solution: Solution::Exact(|t| vec![(-t).exp()]),
        // The error decays at the solution's own rate, so relative to |y| the local
        // errors are not damped but add up along t: up to ~20× the tolerance by t = 2–5
        // at rtol 1e-8 (measured 18×).
        factor: 30.0,
        invariant: None,
    }
}

/// The stiff 2×2 linear system y' = A·y, A = [[−1000.5, 999.5], [999.5, −1000.5]]
/// (eigenvalues −1 along (1, 1) and −2000 along (1, −1)), y(0) = (2, 0):
/// y = e^{−t}·(1, 1) + e^{−2000 t}·(1, −1).
pub fn stiff_linear() -> Reference {
    Reference {
        name: "stiff_linear",
        problem: Dense::new(
            &["y1", "y2"],
            &[1.0, 1.0],
            |_, y, f| {
                f[0] = -1000.5 * y[0] + 999.5 * y[1];
                f[1] = 999.5 * y[0] - 1000.5 * y[1];
            },
            |_, _, j| j.copy_from_slice(&[-1000.5, 999.5, 999.5, -1000.5]),
        ),
        t0: 0.0,
        y0: vec![2.0, 0.0],
        options: options(1e-6, 1e-8),
        times: vec![1e-3, 1e-2, 0.1, 1.0, 5.0, 10.0],
        solution: Solution::Exact(|t| {
            let (slow, fast) = ((-t).exp(), (-2000.0 * t).exp());
            vec![slow + fast, slow - fast]
        }),
        // The fast transient is resolved once and then damped; 10× the tolerance allows
        // for the error carried out of it.
        factor: 10.0,
        invariant: None,
    }
}

/// The stiffly forced scalar y' = −λ·(y − cos t), λ = 10⁶, y(0) = 1, next to the
/// non-stiff z' = −z, z(0) = 1. Closed form:
/// y = (λ² cos t + λ sin t)/(λ² + 1) + e^{−λt}/(λ² + 1), z = e^{−t}.
pub fn stiff_forced() -> Reference {
    Reference {
        name: "stiff_forced",
        problem: Dense::new(
            &["y", "z"],
            &[1.0, 1.0],
            |t, y, f| {
                f[0] = -1e6 * (y[0] - t.cos());
                f[1] = -y[1];
            },
            |_, _, j| j.copy_from_slice(&[-1e6, 0.0, 0.0, -1.0]),
        ),
        t0: 0.0,
        y0: vec![1.0, 1.0],
        options: options(1e-7, 1e-7),
        times: vec![0.5, 1.0, 2.0],
        solution: Solution::Exact(|t| {
            let l: f64 = 1e6;
            let d = l * l + 1.0;
            vec![
                (l * l * t.cos() + l * t.sin()) / d + (-l * t).exp() / d,
                (-t).exp(),
            ]
        }),
        // y follows its quasi-steady state; z decays: a small multiple of the tolerance.
        factor: 10.0,
        invariant: None,
    }
}

/// The harmonic oscillator y1' = y2, y2' = −y1, y(0) = (1, 0): y = (cos t, −sin t).
/// Not dissipative, so the global error grows with t (the convergence test uses it).
pub fn oscillator(rtol: f64) -> Reference {
    Reference {
        name: "oscillator",
        problem: Dense::new(
            &["y1", "y2"],
            &[1.0, 1.0],
            |_, y, f| {
                f[0] = y[1];
                f[1] = -y[0];
            },
            |_, _, j| j.copy_from_slice(&[0.0, 1.0, -1.0, 0.0]),
        ),
        t0: 0.0,
        y0: vec![1.0, 0.0],
        options: options(rtol, rtol),
        times: vec![10.0],
        solution: Solution::Exact(|t| vec![t.cos(), -t.sin()]),
        // Over 1.6 periods BDF's phase error accumulates undamped (measured 19× the
        // tolerance at rtol 1e-8).
        factor: 50.0,
        invariant: None,
    }
}

/// An index-1 DAE with a closed form: y' = −y + z, 0 = sin t − z, y(0) = z(0) = 0:
/// z = sin t, y = (sin t − cos t + e^{−t})/2.
pub fn index1_dae() -> Reference {
    Reference {
        name: "index1_dae",
        problem: Dense::new(
            &["y", "z"],
            &[1.0, 0.0],
            |t, y, f| {
                f[0] = -y[0] + y[1];
                f[1] = t.sin() - y[1];
            },
            |_, _, j| j.copy_from_slice(&[-1.0, 1.0, 0.0, -1.0]),
        ),
        t0: 0.0,
        y0: vec![0.0, 0.0],
        options: options(1e-8, 1e-8),
        times: vec![0.5, 1.0, 2.0, 3.0, 6.0],
        solution: Solution::Exact(|t| vec![(t.sin() - t.cos() + (-t).exp()) / 2.0, t.sin()]),
        // z is the Newton solution of its own equation (error ≪ tol), y a decaying ODE
        // driven by it.
        factor: 10.0,
        invariant: None,
    }
}

/// Robertson's chemical kinetics (Robertson 1966; Hairer & Wanner, *Solving Ordinary
/// Differential Equations II*, §IV.1, eq. (1.3)):
/// y1' = −k1·y1 + k3·y2·y3, y2' = k1·y1 − k3·y2·y3 − k2·y2², y3' = k2·y2²,
/// k1 = 0.04, k2 = 3·10⁷, k3 = 10⁴, y(0) = (1, 0, 0). Stiff and nonlinear; y1 + y2 + y3
/// = 1 for all t.
///
/// Reference values:
/// * t = 40: (0.7158270687193, 9.185534764529e-6, 0.2841637457462), the high-accuracy
///   values quoted with Hairer & Wanner's problem (reproduced to ~11 digits by
///   independent Radau5 and LSODA runs at tight tolerances). SUNDIALS' `cvRoberts_dns`
///   example (rtol 1e-4), whose output diffsol's tests use, prints
///   7.158017e-01, 9.185037e-06, 2.841892e-01 there.
/// * t = 10¹¹: (0.2083340149701255e-7, 0.8333360770334713e-13, 0.9999999791665050),
///   the reference solution of problem ROBER in the Test Set for IVP Solvers (Mazzia &
///   Magherini, University of Bari, release 2.4).
pub fn robertson() -> Reference {
    Reference {
        name: "robertson",
        problem: Dense::new(
            &["y1", "y2", "y3"],
            &[1.0, 1.0, 1.0],
            |_, y, f| {
                let (r1, r2, r3) = robertson_rates(y);
                f[0] = -r1 + r3;
                f[1] = r1 - r3 - r2;
                f[2] = r2;
            },
            |_, y, j| {
                let (k2, k3) = (3e7, 1e4);
                j.copy_from_slice(&[
                    -0.04,
                    k3 * y[2],
                    k3 * y[1],
                    0.04,
                    -k3 * y[2] - 2.0 * k2 * y[1],
                    -k3 * y[1],
                    0.0,
                    2.0 * k2 * y[1],
                    0.0,
                ]);
            },
        ),
        t0: 0.0,
        y0: vec![1.0, 0.0, 0.0],
        options: options(1e-8, 1e-14),
        times: vec![40.0, 1e11],
        solution: Solution::Points(robertson_reference()),
        // ~1500 steps over 11 decades of t: the global error stays within a few times
        // the local tolerance (measured 4×) as the kinetics are strongly damped.
        factor: 10.0,
        invariant: Some(Invariant {
            coefficients: vec![1.0, 1.0, 1.0],
            value: 1.0,
            // The columns of ∂f/∂y sum to zero, so every Newton update conserves the
            // sum exactly up to rounding (measured 1e-15 after ~1500 steps).
            tolerance: 1e-14,
        }),
    }
}

/// Robertson as the index-1 DAE of SUNDIALS' `idaRoberts_dns` and DASSL's examples:
/// the third equation replaced by the conservation law 0 = y1 + y2 + y3 − 1.
pub fn robertson_dae() -> Reference {
    Reference {
        name: "robertson_dae",
        problem: Dense::new(
            &["y1", "y2", "y3"],
            &[1.0, 1.0, 0.0],
            |_, y, f| {
                let (r1, r2, r3) = robertson_rates(y);
                f[0] = -r1 + r3;
                f[1] = r1 - r3 - r2;
                f[2] = 1.0 - y[0] - y[1] - y[2];
            },
            |_, y, j| {
                let (k2, k3) = (3e7, 1e4);
                j.copy_from_slice(&[
                    -0.04,
                    k3 * y[2],
                    k3 * y[1],
                    0.04,
                    -k3 * y[2] - 2.0 * k2 * y[1],
                    -k3 * y[1],
                    -1.0,
                    -1.0,
                    -1.0,
                ]);
            },
        ),
        t0: 0.0,
        y0: vec![1.0, 0.0, 0.0],
        options: options(1e-8, 1e-14),
        times: vec![40.0, 1e11],
        solution: Solution::Points(robertson_reference()),
        factor: 10.0,
        invariant: Some(Invariant {
            coefficients: vec![1.0, 1.0, 1.0],
            value: 1.0,
            // The algebraic row is linear, so Newton satisfies it to rounding; at steps
            // of up to 10¹⁰ s that row of c_M·M − c_J·J is 10¹⁰ times the others, and
            // the solve's rounding grows with it (measured 1.4e-13).
            tolerance: 1e-12,
        }),
    }
}

/// Reaction rates (k1·y1, k2·y2², k3·y2·y3).
fn robertson_rates(y: &[f64]) -> (f64, f64, f64) {
    (0.04 * y[0], 3e7 * y[1] * y[1], 1e4 * y[1] * y[2])
}

#[allow(clippy::excessive_precision)] // the published digits, as published
fn robertson_reference() -> Vec<(f64, Vec<f64>)> {
    vec![
        (
            40.0,
            vec![0.7158270687193, 9.185534764529e-6, 0.2841637457462],
        ),
        (
            1e11,
            vec![
                0.2083340149701255e-7,
                0.8333360770334713e-13,
                0.9999999791665050,
            ],
        ),
    ]
}

/// Every problem of the accuracy suite, at its stated tolerances.
pub fn all() -> Vec<Reference> {
    vec![
        exponential_decay(1e-8, 1e-10),
        stiff_linear(),
        stiff_forced(),
        oscillator(1e-8),
        index1_dae(),
        robertson(),
        robertson_dae(),
    ]
}

/// y' = y², y(0) = 1: y = 1/(1 − t) blows up at t = 1, so the integrator must stop
/// there with an error naming the time.
pub fn blow_up() -> Dense {
    Dense::new(
        &["y"],
        &[1.0],
        |_, y, f| f[0] = y[0] * y[0],
        |_, y, j| j[0] = 2.0 * y[0],
    )
}

/// What a run produced.
pub struct Outcome {
    /// The solution at the reference's checked times (interpolated inside steps).
    pub outputs: Vec<(f64, Vec<f64>)>,
    /// The integrator's counters.
    pub stats: Stats,
    /// The largest |c·y − value| of the invariant over every accepted step (0 without
    /// one).
    pub invariant_defect: f64,
}

/// Integrate a reference problem to its last checked time, reading the solution at
/// each checked time off the interpolant of the step that contains it.
pub fn run(r: &mut Reference) -> Result<Outcome, SolveError> {
    let t_end = r.times.last().copied().unwrap_or(r.t0);
    let mut bdf = Bdf::new(&mut r.problem, r.t0, &r.y0, r.options)?;
    let mut outputs = Vec::new();
    let mut y = vec![0.0; r.y0.len()];
    let mut invariant_defect: f64 = 0.0;
    // The last step is cut to end at t_end; t + (t_end − t) may miss it by an ulp.
    let reached = |t: f64, target: f64| t >= target - 1e-12 * target.abs();
    while outputs.len() < r.times.len() {
        let t = bdf.step(&mut r.problem, t_end)?;
        if let Some(inv) = &r.invariant {
            let v: f64 = inv
                .coefficients
                .iter()
                .zip(bdf.y())
                .map(|(c, y)| c * y)
                .sum();
            invariant_defect = invariant_defect.max((v - inv.value).abs());
        }
        while let Some(&target) = r.times.get(outputs.len()) {
            if !reached(t, target) {
                break;
            }
            bdf.interpolate(target, &mut y);
            outputs.push((target, y.clone()));
        }
    }
    Ok(Outcome {
        outputs,
        stats: bdf.stats,
        invariant_defect,
    })
}
