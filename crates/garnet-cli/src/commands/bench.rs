//! `garnet bench DESIGN.toml`: warm-solve timing of the cell model.

use std::time::Instant;

use garnet_cell::{Protocol, Simulator};
use garnet_solve::Problem;
use serde::Serialize;

use crate::cli::BenchArgs;
use crate::commands::simulate::{load_params, parse_rates};
use crate::output::{print_json, Stamp};
use crate::UsageError;

#[derive(Serialize)]
struct BenchReport {
    design: String,
    rate: String,
    repeat: usize,
    median_ms: f64,
    min_ms: f64,
    max_ms: f64,
    first_solve_ms: f64,
    build_ms: f64,
    n_states: usize,
    n_steps: usize,
    n_jacobian_evals: usize,
    n_rhs_evals: usize,
    n_rejected_steps: usize,
    n_newton_iters: usize,
    capacity_mah: f64,
}

pub fn run(args: &BenchArgs) -> anyhow::Result<()> {
    if args.repeat == 0 {
        return Err(UsageError("--repeat must be at least 1".into()).into());
    }
    let rates = parse_rates(&args.rate)?;
    let [(label, rate)] = rates.as_slice() else {
        return Err(UsageError("--rate: give one rate".into()).into());
    };
    let t_build = Instant::now();
    let params = load_params(&args.design, None, &args.source)?;
    let mut sim = Simulator::new(params);
    // Time the solve; the voltage breakdown is evaluated afterwards, outside the timing.
    sim.post_process = false;
    let protocol = Protocol::discharge(*rate);
    let build_ms = t_build.elapsed().as_secs_f64() * 1e3;
    let mut times = Vec::with_capacity(args.repeat);
    let mut first = 0.0;
    let mut last = None;
    for i in 0..=args.repeat {
        let mut y = sim.initial_state();
        let t0 = Instant::now();
        let run = sim.run(&protocol, &mut y)?;
        let ms = t0.elapsed().as_secs_f64() * 1e3;
        if i == 0 {
            first = ms;
        } else {
            times.push(ms);
        }
        last = Some(run);
    }
    times.sort_by(f64::total_cmp);
    let median = if times.len() % 2 == 1 {
        times[times.len() / 2]
    } else {
        0.5 * (times[times.len() / 2 - 1] + times[times.len() / 2])
    };
    let run = last.ok_or_else(|| anyhow::anyhow!("no run"))?;
    let report = BenchReport {
        design: args.design.display().to_string(),
        rate: label.clone(),
        repeat: args.repeat,
        median_ms: median,
        min_ms: times[0],
        max_ms: times[times.len() - 1],
        first_solve_ms: first,
        build_ms,
        n_states: sim.model.len(),
        n_steps: run.stats.steps,
        n_jacobian_evals: run.stats.jacobian_evals,
        n_rhs_evals: run.stats.rhs_evals,
        n_rejected_steps: run.stats.rejected,
        n_newton_iters: run.stats.newton_iters,
        capacity_mah: run
            .states
            .last()
            .map_or(0.0, |(t, step, y)| sim.sample(*t, y, *step).capacity_mah),
    };
    if args.json {
        return print_json(&report, &Stamp::cell("bench", &sim.model.p)?);
    }
    println!(
        "{} at {}: median {:.3} ms over {} warm solves (min {:.3}, max {:.3}; first {:.3} ms); {} states, {} steps, {} Jacobians",
        report.design, report.rate, report.median_ms, report.repeat, report.min_ms, report.max_ms, report.first_solve_ms, report.n_states, report.n_steps, report.n_jacobian_evals
    );
    Ok(())
}
