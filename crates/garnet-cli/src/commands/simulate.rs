//! `garnet simulate DESIGN.toml`.

use std::path::Path;

use anyhow::Context;
use garnet_cell::{model::Breakdown, CellParams, Protocol, Run, Simulator, Summary};
use garnet_units::{parse_values, Dimension, Quantity};
use serde_json::json;

use crate::cli::{MaterialsSource, SimulateArgs};
use crate::commands::materials::load_db;
use crate::output::{print_json, sig, table, write_atomic};
use crate::UsageError;

/// Read, parse and resolve a design, with an optional temperature override.
pub fn load_params(
    design: &Path,
    temperature: Option<&str>,
    source: &MaterialsSource,
) -> anyhow::Result<CellParams> {
    let name = design.display().to_string();
    let text = std::fs::read_to_string(design).with_context(|| format!("reading design {name}"))?;
    let mut file = garnet_cell::parse_design(&name, &text)?;
    if let Some(t) = temperature {
        Quantity::parse_as("--temperature", t, Dimension::TEMPERATURE)
            .map_err(|e| UsageError(e.to_string()))?;
        file.temperature = Some(t.to_string());
    }
    let db = load_db(source)?;
    Ok(garnet_cell::resolve(&name, &file, &db)?)
}

/// Rates from `--rate` (C-rates), as (label, value).
pub fn parse_rates(text: &str) -> anyhow::Result<Vec<(String, f64)>> {
    let values =
        parse_values("--rate", text, Dimension::C_RATE).map_err(|e| UsageError(e.to_string()))?;
    values
        .into_iter()
        .map(|q| {
            if q.value > 0.0 && q.value.is_finite() {
                Ok((format!("{}C", q.value), q.value))
            } else {
                Err(UsageError(format!("--rate: {}C is not a positive rate", q.value)).into())
            }
        })
        .collect()
}

const TERM_COLUMNS: [&str; 6] = [
    "eta_anode_v",
    "eta_separator_v",
    "eta_electrolyte_v",
    "eta_reaction_v",
    "eta_particle_v",
    "eta_electronic_v",
];

/// The time series as CSV text.
pub fn timeseries_csv(run: &Run) -> String {
    let mut out = String::from("time_s,voltage_v,current_a,capacity_mah,soc,ocv_v");
    for c in TERM_COLUMNS {
        out.push(',');
        out.push_str(c);
    }
    out.push_str(",step\n");
    for s in &run.samples {
        let b: &Breakdown = &s.breakdown;
        out.push_str(&format!(
            "{:.9e},{:.12},{:.9e},{:.9e},{:.9},{:.12}",
            s.time, b.voltage, s.current, s.capacity_mah, s.soc, b.ocv
        ));
        for v in b.terms() {
            out.push_str(&format!(",{v:.9e}"));
        }
        out.push_str(&format!(",{}\n", s.step));
    }
    out
}

pub fn run(args: &SimulateArgs) -> anyhow::Result<()> {
    let params = load_params(&args.design, args.temperature.as_deref(), &args.source)?;
    let runs: Vec<(String, Protocol)> = match (&args.protocol, &args.rate) {
        (Some(path), _) => {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading protocol {name}"))?;
            vec![("protocol".to_string(), Protocol::from_toml(&name, &text)?)]
        }
        (None, rate) => parse_rates(rate.as_deref().unwrap_or("1C"))?
            .into_iter()
            .map(|(label, r)| (label, Protocol::discharge(r)))
            .collect(),
    };
    let mut results = Vec::new();
    for (label, protocol) in &runs {
        let mut sim = Simulator::new(params.clone());
        let mut y = sim.initial_state();
        let run = sim.run(protocol, &mut y)?;
        let summary = Summary::of(&run, &params);
        results.push((label.clone(), run, summary));
    }
    if args.csv {
        if results.len() != 1 {
            return Err(UsageError(
                "--csv prints one time series: give one rate, or use -o DIR".into(),
            )
            .into());
        }
        print!("{}", timeseries_csv(&results[0].1));
    }
    let summary_json = if results.len() == 1 {
        let mut v = serde_json::to_value(&results[0].2)?;
        if let Some(o) = v.as_object_mut() {
            o.insert("run".into(), json!(results[0].0));
        }
        v
    } else {
        json!({ "rates": results.iter().map(|(label, _, s)| {
            let mut v = serde_json::to_value(s).unwrap_or_default();
            if let Some(o) = v.as_object_mut() { o.insert("rate".into(), json!(label)); }
            v
        }).collect::<Vec<_>>() })
    };
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        for (label, run, _) in &results {
            let file = if results.len() == 1 {
                "timeseries.csv".to_string()
            } else {
                format!("timeseries_{label}.csv")
            };
            write_atomic(&dir.join(file), timeseries_csv(run).as_bytes())?;
        }
        write_atomic(
            &dir.join("summary.json"),
            serde_json::to_string_pretty(&summary_json)?.as_bytes(),
        )?;
    }
    if let Some(path) = &args.plot {
        let plot = garnet_report::XyPlot {
            title: format!("{}: discharge", params.name),
            x_label: "capacity (mAh)".into(),
            y_label: "voltage (V)".into(),
            log_x: false,
            log_y: false,
            series: results
                .iter()
                .map(|(label, run, _)| garnet_report::Series {
                    label: label.clone(),
                    points: run
                        .samples
                        .iter()
                        .map(|s| (s.capacity_mah, s.breakdown.voltage))
                        .collect(),
                    style: garnet_report::Style::Line,
                })
                .collect(),
        };
        plot.write(path)?;
    }
    if args.json {
        return print_json(&summary_json);
    }
    if args.csv {
        return Ok(());
    }
    println!(
        "{} — {} K, 1C = {} mAh",
        params.name,
        sig(params.temperature, 5),
        sig(params.nominal_capacity / 3.6, 4)
    );
    let mut t = table(&[
        "run",
        "capacity (mAh)",
        "mAh/g",
        "mAh/cm²",
        "energy (mWh)",
        "mean V",
        "time (s)",
        "steps",
    ]);
    for (label, _, s) in &results {
        t.add_row(vec![
            label.clone(),
            sig(s.capacity_mah, 5),
            s.capacity_mah_per_g.map(|v| sig(v, 4)).unwrap_or_default(),
            sig(s.capacity_mah_per_cm2, 4),
            sig(s.energy_mwh, 5),
            format!("{:.4}", s.mean_voltage_v),
            sig(s.discharge_time_s, 6),
            s.n_steps.to_string(),
        ]);
    }
    println!("{t}");
    if let Some(dir) = &args.out {
        println!("wrote {}", dir.display());
    }
    if let Some(p) = &args.plot {
        println!("wrote {}", p.display());
    }
    Ok(())
}
