//! `garnet bench DESIGN.toml`: warm-solve timing of the cell model.

use std::time::Instant;

use garnet_cell::{bench::SolveBench, Protocol, Simulator};
use serde::Serialize;

use crate::cli::BenchArgs;
use crate::commands::simulate::{load_params, parse_rates};
use crate::output::{print_json, Stamp};
use crate::UsageError;

#[derive(Serialize)]
struct BenchReport {
    design: String,
    rate: String,
    #[serde(flatten)]
    bench: SolveBench,
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
    let protocol = Protocol::discharge(*rate);
    let build_ms = t_build.elapsed().as_secs_f64() * 1e3;
    let bench = garnet_cell::bench::bench(&mut sim, &protocol, args.repeat)?;
    let report = BenchReport {
        design: args.design.display().to_string(),
        rate: label.clone(),
        bench: SolveBench { build_ms, ..bench },
    };
    if args.json {
        return print_json(&report, &Stamp::cell("bench", &sim.model.p)?);
    }
    let b = &report.bench;
    println!(
        "{} at {}: median {:.3} ms over {} warm solves (min {:.3}, max {:.3}; first {:.3} ms); {} states, {} steps, {} Jacobians",
        report.design, report.rate, b.median_ms, b.repeat, b.min_ms, b.max_ms, b.first_solve_ms, b.n_states, b.n_steps, b.n_jacobian_evals
    );
    Ok(())
}
