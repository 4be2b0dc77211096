//! `garnet cells simulate [ID…] [--json] [--markdown PATH]`: the model against the
//! reported cells (crate `garnet-validation` does the work; this converts and prints).

use std::path::Path;

use garnet_lit::query::Catalogue;
use garnet_validation::stats::by_group;
use garnet_validation::{markdown, simulate_all, CellOutcome, Simulated};
use serde_json::json;

use crate::output::{print_json, sig, table, write_atomic, Stamp};
use crate::UsageError;

pub fn run(
    ids: &[String],
    json_out: bool,
    markdown_path: Option<&Path>,
    ctx: &Catalogue,
) -> anyhow::Result<()> {
    let cells: Vec<garnet_lit::Cell> = if ids.is_empty() {
        ctx.cells.cells().to_vec()
    } else {
        ids.iter()
            .map(|id| {
                ctx.cells
                    .get(id)
                    .cloned()
                    .map_err(|e| UsageError(e.to_string()))
            })
            .collect::<Result<_, _>>()?
    };
    let outcomes = simulate_all(&cells, &ctx.materials);
    if let Some(path) = markdown_path {
        write_atomic(path, markdown::render(&outcomes).as_bytes())?;
        if !json_out {
            eprintln!("wrote {}", path.display());
        }
    }
    if json_out {
        let simulated: Vec<&Simulated> = simulated(&outcomes);
        let value = json!({
            "cells": outcomes,
            "by_strategy": by_group(&simulated, |s| s.strategy.as_str().to_string()),
            "by_architecture": by_group(&simulated, |s| s.architecture.as_str().to_string()),
        });
        let stamp = Stamp::model(
            "cells simulate",
            &json!({
                "protocol": "constant-current discharge at the row's current to voltage_min",
                "impedance": "Re Z at the end of the simulated arcs (1 mHz–1 MHz), initial state",
            }),
        )?;
        return print_json(&value, &stamp);
    }
    print_table(&outcomes);
    Ok(())
}

fn simulated(outcomes: &[CellOutcome]) -> Vec<&Simulated> {
    outcomes
        .iter()
        .filter_map(|o| match o {
            CellOutcome::Simulated(s) => Some(s.as_ref()),
            _ => None,
        })
        .collect()
}

fn opt(v: Option<f64>) -> String {
    v.map(|x| sig(x, 3)).unwrap_or_else(|| "—".to_string())
}

fn print_table(outcomes: &[CellOutcome]) {
    let mut t = table(&[
        "id",
        "strategy",
        "structure",
        "T (°C)",
        "mA/cm²",
        "capacity rep.",
        "sim.",
        "ratio",
        "Ω cm² rep.",
        "Re Z(arcs end)",
        "ratio",
        "DC",
    ]);
    let sims = simulated(outcomes);
    for s in &sims {
        let (rep, unit) = s
            .reported_capacity
            .clone()
            .map_or(("—".to_string(), "mAh/g".to_string()), |(v, u)| {
                (sig(v, 3), u)
            });
        t.add_row(vec![
            s.id.clone(),
            s.strategy.short_name().to_string(),
            s.structure.clone(),
            sig(s.temperature_c, 3),
            sig(s.current_ma_cm2, 3),
            rep,
            format!("{} {unit}", sig(s.simulated_capacity, 3)),
            opt(s.capacity_ratio),
            opt(s.reported_impedance_ohm_cm2),
            sig(s.simulated_impedance_ohm_cm2, 3),
            opt(s.impedance_ratio),
            sig(s.dc_resistance_ohm_cm2, 3),
        ]);
    }
    println!("{t}");
    for o in outcomes {
        match o {
            CellOutcome::NotBuilt { id, reason } => println!("{id}: not built: {reason}"),
            CellOutcome::Failed { id, reason } => println!("{id}: failed: {reason}"),
            CellOutcome::Simulated(_) => {}
        }
    }
    for g in by_group(&sims, |s| s.strategy.as_str().to_string()) {
        let med = |s: &Option<garnet_validation::stats::Spread>| {
            s.map_or("—".to_string(), |s| {
                format!("{} (n = {})", sig(s.median, 3), s.n)
            })
        };
        println!(
            "{}: median capacity ratio {}, median impedance ratio {}",
            g.group,
            med(&g.capacity),
            med(&g.impedance)
        );
    }
    println!(
        "ratios are simulated/reported; defaults and designs: --json; comparison quantity: Re Z where the simulated arcs end vs the reported EIS total"
    );
}
