//! Multi-start fits that find the best minimum by default (issue 15, item 2).
//!
//! A fit runs up to [`crate::FitOptions::starts`] Levenberg–Marquardt starts
//! (default [`DEFAULT_STARTS`]) and keeps the lowest χ². The starts, in order:
//!
//! 1. the caller's initial values, when given;
//! 2. the automatic guess from the Nyquist plot and a coarse RC distribution
//!    ([`crate::guess::initial_guess`]);
//! 3. up to [`ARC_CHOICES`] choices of arcs from the peaks of the smoothed RC
//!    distribution (a coarse non-negative DRT; [`crate::guess::arc_choice_guesses`]);
//! 4. random perturbations of the automatic guess, drawn with
//!    [`garnet_random::SplitMix64`] from [`crate::FitOptions::seed`] (fixed default,
//!    so a fit is reproducible): positive parameters ×10^U(−1, 1), CPE-type exponents
//!    U(0.5, 1), user intervals uniform over the interval; the fourth of them
//!    (after [`AGREE`] random starts that did not settle the fit) is replaced by the
//!    guess from the peaks of the Tikhonov DRT ([`crate::guess::drt_guess`]) when it
//!    differs from the seeds: it costs more than several fits (a few ms), so it is
//!    computed only when the cheap starts disagree.
//!
//! Fixed parameters keep their values in every start. After each start the
//! interchangeable blocks are put in time-constant order ([`crate::order`]), so starts
//! that found the same minimum with the arcs labelled the other way agree.
//!
//! **Early stop.** Two starts *agree* when their χ² are within [`CHI2_TOLERANCE`]
//! (10⁻⁶ relative) and every free parameter within [`PARAMETER_TOLERANCE`] (10⁻³
//! relative) or within [`STDERR_TOLERANCE`] (0.1) of its standard error at the best,
//! whichever is looser. Once the seeds 1–3 have run, the fit stops as soon as
//! [`AGREE`] = 2 starts agree with the lowest χ² found so far. (Stopping before the
//! seeds have run is not safe: on Example2c the user's start, the automatic and the
//! DRT guesses all fall into the minimum that merges bulk and grain boundary, and only
//! a choice of arcs finds the best.) `starts_at_best` in the result
//! counts the starts whose χ² is within [`CHI2_TOLERANCE`] of the best (parameters not
//! compared), `starts_run` the starts made. With `starts = 1` a fit is the single
//! start of before issue 15 (initial values, else the guess).

use garnet_random::SplitMix64;

use crate::circuit::Circuit;
use crate::element::Bound;
use crate::spectrum::Spectrum;

/// Default largest number of starts. On the robustness studies of `tests/starts.rs`
/// (Example2c and a synthetic three-arc garnet spectrum, 50 random initial values
/// each) fits stop after the seeds (the initial values, the guess, up to 3 choices of
/// arcs) or a few more starts, and all 50 reach the best χ²; the limit bounds the cost
/// of fits whose parameters never agree.
pub const DEFAULT_STARTS: usize = 12;

/// Most seeds from choices of arcs ([`crate::guess::arc_choice_guesses`]).
pub const ARC_CHOICES: usize = 3;

/// Starts that must agree with the best before the fit stops early.
pub const AGREE: usize = 2;

/// Relative χ² tolerance of agreement (and of `starts_at_best`).
pub const CHI2_TOLERANCE: f64 = 1e-6;

/// Relative tolerance on each free parameter for agreement.
pub const PARAMETER_TOLERANCE: f64 = 1e-3;

/// Tolerance on each free parameter for agreement, in standard errors at the best:
/// a parameter the data do not determine (a series resistance running to zero beside
/// megaohm arcs) may differ between starts by much more than 10⁻³ of itself without
/// changing the fit.
pub const STDERR_TOLERANCE: f64 = 0.1;

/// The deterministic starts (1–3 of the module doc) and the centre of the random
/// ones (the automatic guess), with fixed values in place and guessed values outside a
/// user interval moved to its middle.
pub(crate) fn seeds(
    circuit: &Circuit,
    spectrum: &Spectrum,
    initial: Option<&[f64]>,
    fixed: &[(usize, f64)],
    bounds: &[Bound],
    max_starts: usize,
) -> (Vec<Vec<f64>>, Vec<f64>) {
    let settle = |mut p: Vec<f64>| {
        for &(i, v) in fixed {
            if let Some(x) = p.get_mut(i) {
                *x = v;
            }
        }
        for (x, b) in p.iter_mut().zip(bounds) {
            if let Bound::Interval(lo, hi) = *b {
                if !b.contains(*x) {
                    *x = 0.5 * (lo + hi);
                }
            }
        }
        p
    };
    let mut out = Vec::new();
    if let Some(v) = initial {
        let mut p = v.to_vec();
        for &(i, value) in fixed {
            if let Some(x) = p.get_mut(i) {
                *x = value;
            }
        }
        out.push(p);
    }
    let guess = settle(crate::guess::initial_guess(circuit, spectrum));
    if out.len() < max_starts {
        out.push(guess.clone());
    }
    let choices = if out.len() < max_starts {
        crate::guess::arc_choice_guesses(circuit, spectrum, ARC_CHOICES)
    } else {
        Vec::new()
    };
    for g in choices {
        let g = settle(g);
        if out.len() < max_starts && out.iter().all(|s| !same(s, &g, 1e-9)) {
            out.push(g);
        }
    }
    out.truncate(max_starts.max(1));
    (out, guess)
}

/// The DRT seed ([`crate::guess::drt_guess`]), settled as the others, when it differs
/// from every seed in `seeds`. Computed only when the cheap seeds did not agree (the
/// Tikhonov DRT costs more than several fits).
pub(crate) fn drt_seed(
    circuit: &Circuit,
    spectrum: &Spectrum,
    fixed: &[(usize, f64)],
    bounds: &[Bound],
    seeds: &[Vec<f64>],
) -> Option<Vec<f64>> {
    let mut p = crate::guess::drt_guess(circuit, spectrum)?;
    for &(i, v) in fixed {
        if let Some(x) = p.get_mut(i) {
            *x = v;
        }
    }
    for (x, b) in p.iter_mut().zip(bounds) {
        if let Bound::Interval(lo, hi) = *b {
            if !b.contains(*x) {
                *x = 0.5 * (lo + hi);
            }
        }
    }
    seeds.iter().all(|s| !same(s, &p, 1e-9)).then_some(p)
}

/// A random start around `centre` (module doc); fixed parameters (`free[i]` false)
/// keep their values.
pub(crate) fn perturb(
    centre: &[f64],
    free: &[bool],
    bounds: &[Bound],
    rng: &mut SplitMix64,
) -> Vec<f64> {
    centre
        .iter()
        .zip(bounds)
        .zip(free)
        .map(|((&c, b), &f)| {
            if !f {
                return c;
            }
            let r = rng.next_f64();
            match *b {
                Bound::Positive => c * 10f64.powf(2.0 * r - 1.0),
                Bound::Exponent => 0.5 + 0.5 * r,
                Bound::Interval(lo, hi) => lo + (hi - lo) * r,
                Bound::Free => c,
            }
        })
        .collect()
}

/// Whether every component of `a` and `b` agrees within `tol` relative.
pub(crate) fn same(a: &[f64], b: &[f64], tol: f64) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| (x - y).abs() <= tol * x.abs().max(y.abs()))
}

/// The best start so far, against which the others are compared.
pub(crate) struct Best<'a> {
    /// Its χ².
    pub cost: f64,
    /// Its parameters.
    pub p: &'a [f64],
    /// Standard errors of its parameters (0 for fixed ones and where not available).
    pub stderr: &'a [f64],
    /// As in [`at_best`].
    pub floor: f64,
}

/// Whether a start with cost `cost` and parameters `p` agrees with the best (module
/// doc): χ² at the best, and each parameter within [`PARAMETER_TOLERANCE`] relative or
/// within [`STDERR_TOLERANCE`] of its standard error at the best, whichever is looser.
pub(crate) fn agrees(cost: f64, p: &[f64], best: &Best<'_>) -> bool {
    at_best(cost, best.cost, best.floor)
        && p.len() == best.p.len()
        && p.iter().zip(best.p).zip(best.stderr).all(|((x, y), se)| {
            (x - y).abs() <= (PARAMETER_TOLERANCE * x.abs().max(y.abs())).max(STDERR_TOLERANCE * se)
        })
}

/// Whether `cost` is lower than `best_cost` by more than [`CHI2_TOLERANCE`] (and not
/// both below `floor`): only then does a later start replace the best, so of starts
/// at the best the earliest is kept.
pub(crate) fn better(cost: f64, best_cost: f64, floor: f64) -> bool {
    cost < best_cost * (1.0 - CHI2_TOLERANCE) && best_cost > floor
}

/// Whether `cost` is within [`CHI2_TOLERANCE`] of `best_cost`, or both are below
/// `floor` (10⁻¹⁶ of the weighted Σ|Zᵢ|²: an RMS relative misfit below 10⁻⁸, exact
/// data, where χ² is round-off). Of starts at the best, the earliest is kept.
pub(crate) fn at_best(cost: f64, best_cost: f64, floor: f64) -> bool {
    cost <= best_cost * (1.0 + CHI2_TOLERANCE) || cost <= floor
}
