//! A narrow interface for stiff ODE/DAE systems `M·y' = f(t, y)` with a diagonal mass
//! matrix, and a variable-order BDF integrator behind it.
//!
//! Why not a general sparse solver: the cell model's Jacobian has a known structure —
//! each particle's diffusion block couples to the rest only through its surface — so
//! the model factors `c_M·M − c_J·J` itself in O(n) by block elimination
//! ([`Problem::prepare`] / [`Problem::solve`]). The integrator only needs those two
//! calls, the right-hand side and the mass diagonal; `garnet bench` measures the
//! result against PyBaMM's IDAKLU on the same problem.
//!
//! Method: [`Bdf`], orders 1–5 in the quasi-constant step-size NDF form of Shampine &
//! Reichelt (1997), with zero mass-matrix rows for the algebraic unknowns of index-1
//! DAEs, error-controlled steps and orders, and an interpolant for event location.

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

/// Work counters (a test pins them for the cell model so that a performance
/// regression shows up).
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
