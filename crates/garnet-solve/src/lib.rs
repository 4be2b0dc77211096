//! A narrow interface for stiff ODE/DAE systems `M·y' = f(t, y)` with a diagonal mass
//! matrix, and a variable-order BDF integrator behind it.
//!
//! Data flow: a model implements [`Problem`] (size, mass diagonal, right-hand side, and
//! its own Newton solves); [`Bdf::new`] starts from a consistent state; each
//! [`Bdf::step`] predicts from the stored differences, asks the model to
//! [`Problem::prepare`] `c_M·M − c_J·J` when `h/α` has moved, runs modified Newton
//! with [`Problem::solve`], tests the local error and picks the next step and order;
//! [`Bdf::interpolate`] and [`Bdf::locate_root`] read the solution inside the last
//! step (output times, cut-off events); [`Stats`] counts the work.
//!
//! Method: [`Bdf`], orders 1–5 in the quasi-constant step-size NDF form of Shampine &
//! Reichelt (1997), with zero mass-matrix rows for the algebraic unknowns of index-1
//! DAEs, error-controlled steps and orders, and an interpolant for event location.
//!
//! # Why not diffsol
//!
//! [diffsol](https://github.com/martinjrobins/diffsol) is the general stiff ODE/DAE
//! crate in Rust (BDF and SDIRK methods, mass matrices, roots, sensitivities, dense or
//! sparse linear algebra through nalgebra/faer). It would want the Jacobian as a matrix
//! — analytic or by coloured finite differences — and factor it with a general
//! (sparse) LU. The cell model (`garnet-cell`) never forms its Jacobian: it knows its
//! block structure and factors `c_M·M − c_J·J` directly, in O(n):
//!
//! * every particle's radial diffusion block is tridiagonal and couples to the rest
//!   only through its surface shell; the blocks differ only in that last row, so one
//!   Thomas factorisation of the shared rows serves all of them;
//! * eliminating them leaves a tridiagonal system in the double-layer potentials,
//!   bordered by one column and one row for the cell current; under current control
//!   the current row is decoupled, so the border is applied to the right-hand side
//!   (no second solve).
//!
//! Measured on the PyBaMM-parity example (`examples/pybamm-xu2019-halfcell.toml`, 423
//! unknowns, 1C discharge, release build, one core of the development machine): one
//! structured `prepare` takes 1.6 µs and one `solve` 3.0 µs, and the whole discharge
//! (141 steps, 21 factorisations, 269 Newton iterations, the counts `garnet bench`
//! reports) 0.9 ms. The Jacobian has 1,291 non-zeros; a plain dense LU of the same
//! matrix takes 0.9 ms, so one factorisation would cost as much as the whole solve. A
//! general sparse LU was not measured: its factors would hold 1,300–2,700 entries
//! (2,653 in natural order), it needs a symbolic analysis and index indirection, and
//! the Jacobian would first have to be assembled entry by entry; we expect several
//! times the structured cost on every Newton-matrix rebuild, for no gain in accuracy.
//!
//! So the integrator is hand-written against this trait, and tested as a library:
//! reference problems with known solutions (Robertson's stiff kinetics as ODE and DAE,
//! stiff linear systems, an index-1 DAE, event location, a finite-time blow-up that
//! must fail) in `tests/reference_problems.rs`, and the work on each pinned by `insta`
//! snapshots in `tests/solver_stats.rs` (the cell model's in
//! `garnet-cell/tests/solver_stats.rs`).

mod bdf;
mod event;

pub use bdf::{Bdf, BdfOptions};
pub use event::RootTolerance;

/// A stiff system `M·y' = f(t, y)` with diagonal M, that can solve its own Newton
/// systems.
pub trait Problem {
    /// Number of unknowns.
    fn len(&self) -> usize;

    /// True when the system has no unknowns.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The diagonal of the mass matrix (0 for algebraic unknowns).
    fn mass(&self, out: &mut [f64]);

    /// f(t, y).
    fn rhs(&mut self, t: f64, y: &[f64], f: &mut [f64]) -> Result<(), SolveError>;

    /// Build and factor `c_mass·M − c_jac·∂f/∂y` at (t, y) for later [`Problem::solve`] calls.
    fn prepare(&mut self, t: f64, y: &[f64], c_mass: f64, c_jac: f64) -> Result<(), SolveError>;

    /// Overwrite `b` with the solution x of `(c_mass·M − c_jac·J)·x = b` using the last
    /// [`Problem::prepare`].
    fn solve(&mut self, b: &mut [f64]) -> Result<(), SolveError>;

    /// Name of unknown `i`, for error messages.
    fn describe(&self, i: usize) -> String {
        format!("y[{i}]")
    }
}

/// Why the integrator stopped.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SolveError {
    /// The step size fell below the minimum while errors stayed too large or Newton
    /// failed.
    #[error("step size {step:.3e} s at t = {time:.6e} s fell below the minimum; worst unknown {variable} ({reason})")]
    StepSizeTooSmall {
        /// Time of the failure (s).
        time: f64,
        /// Last step tried (s).
        step: f64,
        /// The unknown with the largest error or Newton update.
        variable: String,
        /// Error test or Newton failure.
        reason: String,
    },
    /// A value became NaN or infinite.
    #[error("non-finite value in {variable} at t = {time:.6e} s")]
    NonFinite {
        /// Time (s).
        time: f64,
        /// Which unknown.
        variable: String,
    },
    /// The model could not factor its Newton matrix.
    #[error("singular Newton matrix at t = {time:.6e} s: {detail}")]
    Singular {
        /// Time (s).
        time: f64,
        /// Where.
        detail: String,
    },
    /// Too many steps.
    #[error("more than {max_steps} steps before t = {time:.6e} s")]
    TooManySteps {
        /// The limit.
        max_steps: usize,
        /// Time reached.
        time: f64,
    },
    /// A model-specific failure (e.g. concentration out of range).
    #[error("{0}")]
    Model(String),
}

/// Work counters. Snapshot tests pin them for the reference problems and the cell
/// model, so that a performance regression shows up as a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    /// Accepted steps.
    pub steps: usize,
    /// Rejected steps (error test or Newton failure).
    pub rejected: usize,
    /// Right-hand-side evaluations.
    pub rhs_evals: usize,
    /// Newton-matrix builds: [`Problem::prepare`] calls, each one Jacobian evaluation
    /// and one factorisation.
    pub jacobian_evals: usize,
    /// Newton iterations.
    pub newton_iters: usize,
}
