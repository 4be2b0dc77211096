//! Timing the solver on a warm simulator ([`fn@bench`]): what `garnet bench` reports.

use std::time::Instant;

use garnet_solve::Problem;
use serde::Serialize;

use crate::{CellError, Protocol, Simulator};

/// Wall times of repeated solves of one protocol and the solver's work on the last.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SolveBench {
    /// Number of timed solves (after one untimed first solve).
    pub repeat: usize,
    /// Median wall time of the timed solves (ms).
    pub median_ms: f64,
    /// Fastest (ms).
    pub min_ms: f64,
    /// Slowest (ms).
    pub max_ms: f64,
    /// The first, untimed-in-the-median solve (ms).
    pub first_solve_ms: f64,
    /// Building the simulator (ms): [`fn@bench`] sets 0; the caller sets what its set-up
    /// took (reading and resolving the design, building the model).
    pub build_ms: f64,
    /// Number of states of the model.
    pub n_states: usize,
    /// Accepted solver steps.
    pub n_steps: usize,
    /// Jacobian evaluations.
    pub n_jacobian_evals: usize,
    /// Right-hand-side evaluations.
    pub n_rhs_evals: usize,
    /// Rejected steps.
    pub n_rejected_steps: usize,
    /// Newton iterations.
    pub n_newton_iters: usize,
    /// Capacity passed by the end of the protocol (mAh).
    pub capacity_mah: f64,
}

/// Solve `protocol` once, then `repeat` more times, each from the initial state, timing
/// the solves alone: the voltage breakdown is not evaluated (as PyBaMM's solve, which
/// evaluates variables later), only the capacity at the end.
pub fn bench(
    sim: &mut Simulator,
    protocol: &Protocol,
    repeat: usize,
) -> Result<SolveBench, CellError> {
    if repeat == 0 {
        return Err(CellError::ZeroCount {
            what: "number of timed solves",
        });
    }
    sim.post_process = false;
    let mut times = Vec::with_capacity(repeat);
    let mut first = 0.0;
    let mut last = None;
    for i in 0..=repeat {
        let mut y = sim.initial_state();
        let t0 = Instant::now();
        let run = sim.run(protocol, &mut y)?;
        let ms = t0.elapsed().as_secs_f64() * 1e3;
        if i == 0 {
            first = ms;
        } else {
            times.push(ms);
        }
        last = Some(run);
    }
    times.sort_by(f64::total_cmp);
    let median = if repeat % 2 == 1 {
        times[repeat / 2]
    } else {
        0.5 * (times[repeat / 2 - 1] + times[repeat / 2])
    };
    let (stats, capacity_mah) = match &last {
        Some(run) => (
            run.stats,
            run.states
                .last()
                .map_or(0.0, |(t, step, y)| sim.sample(*t, y, *step).capacity_mah),
        ),
        None => (Default::default(), 0.0),
    };
    Ok(SolveBench {
        repeat,
        median_ms: median,
        min_ms: times[0],
        max_ms: times[repeat - 1],
        first_solve_ms: first,
        build_ms: 0.0,
        n_states: sim.model.len(),
        n_steps: stats.steps,
        n_jacobian_evals: stats.jacobian_evals,
        n_rhs_evals: stats.rhs_evals,
        n_rejected_steps: stats.rejected,
        n_newton_iters: stats.newton_iters,
        capacity_mah,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn bench_times_repeated_solves_and_reports_the_solvers_work() {
        let text = include_str!("../../../examples/flagship.toml");
        let d = crate::parse_design("flagship.toml", text).unwrap();
        let db = garnet_materials::MaterialDb::embedded().unwrap();
        let mut sim = Simulator::new(crate::resolve("flagship.toml", &d, &db).unwrap());
        let protocol = Protocol::discharge(1.0);
        let zero = bench(&mut sim, &protocol, 0);
        assert!(matches!(zero, Err(CellError::ZeroCount { .. })));
        let b = bench(&mut sim, &protocol, 3).unwrap();
        assert_eq!((b.repeat, b.build_ms), (3, 0.0));
        assert!(b.min_ms <= b.median_ms && b.median_ms <= b.max_ms);
        // The work is that of any one solve of the same problem.
        let mut y = sim.initial_state();
        let run = sim.run(&protocol, &mut y).unwrap();
        assert_eq!(b.n_steps, run.stats.steps);
        assert_eq!(b.n_jacobian_evals, run.stats.jacobian_evals);
        assert!(b.n_states > 0 && b.capacity_mah > 0.0);
    }
}
