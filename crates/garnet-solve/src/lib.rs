//! A narrow interface for stiff ODE/DAE systems `M·y' = f(t, y)` with a diagonal mass
//! matrix, and an L-stable, stiffly accurate implicit integrator (TR-BDF2) behind it.
//!
//! Why not a general sparse solver: the cell model's Jacobian has a known structure —
//! each particle's diffusion block couples to the rest only through its surface — so
//! the model factors `c_M·M − c_J·J` itself in O(n) by block elimination
//! ([`Problem::prepare`] / [`Problem::solve`]). The integrator only needs those two
//! calls, the right-hand side and the mass diagonal. `benches` and `garnet bench`
//! measure what this buys against general sparse LU.
//!
//! Method: TR-BDF2 in its ESDIRK form (Hosea & Shampine, Appl. Numer. Math. 20 (1996)
//! 21–37): diagonal γ = 1 − √2/2, c = (0, 2γ, 1), b = (w, w, γ) with w = √2/4, and the
//! embedded third-order weights b̂ = ((1−w)/3, (3w+1)/3, γ/3) for the error estimate.
//! It is second order, L-stable and stiffly accurate, so it handles the index-1 DAEs
//! that a zero double-layer capacitance gives (zero entries on the mass diagonal).

mod bdf;
mod tr_bdf2;

pub use bdf::{Bdf, BdfOptions};

pub use tr_bdf2::{Integrator, Options, Stats, StepOutcome};

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
