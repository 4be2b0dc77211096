//! `garnet simulate DESIGN.toml`.

use std::path::Path;

use anyhow::Context;
use garnet_cell::summary::simulate_summarised;
use garnet_cell::timeseries::timeseries_csv;
use garnet_cell::{CellParams, Protocol};
use garnet_units::Dimension;
use serde_json::json;

use crate::cli::{MaterialsSource, SimulateArgs};
use crate::commands::materials::load_db;
use crate::output::{json_text, print_json, sig, table, write_atomic, Stamp};
use crate::{args, UsageError};

/// Read, parse and resolve a design, with an optional temperature override.
pub fn load_design(
    design: &Path,
    temperature: Option<&str>,
    source: &MaterialsSource,
) -> anyhow::Result<(garnet_cell::DesignFile, CellParams)> {
    let name = design.display().to_string();
    let text = std::fs::read_to_string(design).with_context(|| format!("reading design {name}"))?;
    let mut file = garnet_cell::parse_design(&name, &text)?;
    if let Some(t) = temperature {
        args::quantity("--temperature", t, Dimension::TEMPERATURE)?;
        file.temperature = Some(t.to_string());
    }
    let db = load_db(source)?;
    let params = garnet_cell::resolve(&name, &file, &db)?;
    for w in &params.warnings {
        eprintln!("warning: {w}");
    }
    Ok((file, params))
}

/// Read, parse and resolve a design into model parameters.
pub fn load_params(
    design: &Path,
    temperature: Option<&str>,
    source: &MaterialsSource,
) -> anyhow::Result<CellParams> {
    Ok(load_design(design, temperature, source)?.1)
}

/// Rates from `--rate` (C-rates), as (label, value).
pub fn parse_rates(text: &str) -> anyhow::Result<Vec<(String, f64)>> {
    let values = args::values("--rate", text, Dimension::C_RATE)?;
    let rate = |r: f64| {
        if r > 0.0 && r.is_finite() {
            Ok((format!("{r}C"), r))
        } else {
            Err(UsageError(format!("--rate: {r}C is not a positive rate")).into())
        }
    };
    values.into_iter().map(rate).collect()
}

pub fn run(args: &SimulateArgs) -> anyhow::Result<()> {
    let (file, params) = load_design(&args.design, args.temperature.as_deref(), &args.source)?;
    if args.reported {
        let c =
            garnet_cell::compare_with_report(&args.design.display().to_string(), &file, &params)?;
        if args.json {
            return print_json(&c, &Stamp::cell("simulate", &params)?);
        }
        println!("{}", params.name);
        let mut t = table(&["", "reported", "simulated", "ratio"]);
        t.add_row(vec![
            format!(
                "capacity at {} mA/cm², {} °C (mAh/g)",
                sig(c.current_ma_cm2, 3),
                sig(c.temperature_c, 3)
            ),
            c.reported_capacity_mah_per_g
                .map(|v| sig(v, 4))
                .unwrap_or_else(|| "—".into()),
            sig(c.simulated_capacity_mah_per_g, 4),
            c.capacity_ratio
                .map(|v| format!("{v:.2}"))
                .unwrap_or_default(),
        ]);
        t.add_row(vec![
            format!(
                "cell impedance, Re Z at {} Hz, {} (Ω cm²)",
                sig(c.simulated_impedance_frequency_hz, 2),
                match c.simulated_impedance_criterion {
                    garnet_cell::compare::ArcEnd::Minimum => "end of arcs",
                    garnet_cell::compare::ArcEnd::Phase45 => "45° phase",
                }
            ),
            c.reported_impedance_ohm_cm2
                .map(|v| sig(v, 4))
                .unwrap_or_else(|| "—".into()),
            sig(c.simulated_impedance_ohm_cm2, 4),
            c.impedance_ratio
                .map(|v| format!("{v:.2}"))
                .unwrap_or_default(),
        ]);
        t.add_row(vec![
            "DC pulse resistance, §5.1 sum (Ω cm²)".to_string(),
            "—".to_string(),
            sig(c.simulated_resistance_ohm_cm2, 4),
            String::new(),
        ]);
        println!("{t}");
        if let (Some(id), Some(src)) = (&c.table2_id, &c.source) {
            println!("Reported: Kurian et al. 2024, Table 2 {id} [{src}]");
        }
        return Ok(());
    }
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
    let resistance = garnet_cell::resistance_breakdown(&params, None, 1.0)?;
    let mut results = Vec::new();
    for (label, protocol) in &runs {
        let (run, summary) = simulate_summarised(&params, protocol, &resistance)?;
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
            json_text(&summary_json, &Stamp::cell("simulate", &params)?)?.as_bytes(),
        )?;
    }
    if let Some(path) = &args.plot {
        let curves = results.iter().map(|(label, run, _)| {
            let curve = run
                .samples
                .iter()
                .map(|s| (s.capacity_mah, s.breakdown.voltage));
            (label.clone(), curve.collect())
        });
        let title = format!("{}: discharge", params.name);
        garnet_plot::figures::discharge(title, "mAh", curves.collect()).write(path)?;
    }
    if args.json {
        return print_json(&summary_json, &Stamp::cell("simulate", &params)?);
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
    print_resistance(&resistance);
    if let Some(dir) = &args.out {
        println!("wrote {}", dir.display());
    }
    if let Some(p) = &args.plot {
        println!("wrote {}", p.display());
    }
    Ok(())
}

/// Print the §5.1 breakdown as a table.
pub fn print_resistance(r: &garnet_cell::ResistanceBreakdown) {
    println!(
        "Internal resistance at SOC {:.2} (DC pulse of C/{} = {} mA/cm² for {} s), §5.1 of Kurian et al. 2024:",
        r.soc,
        sig(1.0 / r.pulse_c_rate, 3),
        sig(r.pulse_current_ma_cm2, 3),
        sig(r.pulse_duration_s, 3)
    );
    let mut t = table(&["contribution", "Ω cm²", "share"]);
    let total = r.r_total_ohm_cm2;
    // The separator's bulk / grain-boundary split, when the design resolves one.
    let split = [
        ("    of which grain interiors", r.r_separator_bulk_ohm_cm2),
        (
            "    of which grain boundaries",
            r.r_separator_grain_boundary_ohm_cm2,
        ),
    ];
    let split = if r.r_separator_grain_boundary_ohm_cm2 > 0.0 {
        &split[..]
    } else {
        &[]
    };
    let rows = [
        ("(1) electronic, cathode", r.r_electronic_ohm_cm2),
        ("(2) ionic, separator", r.r_separator_ohm_cm2),
    ]
    .into_iter()
    .chain(split.iter().copied())
    .chain([
        ("(3) ionic, composite cathode", r.r_composite_ionic_ohm_cm2),
        ("(4) interfacial", r.r_interface_ohm_cm2),
        ("    of which cathode films", r.r_cathode_films_ohm_cm2),
        ("    of which Li|garnet", r.r_anode_interface_ohm_cm2),
        ("    of which constriction", r.r_constriction_ohm_cm2),
        ("sum of (1)–(4)", total),
        ("pulse (V_rest − V)/I", r.r_pulse_ohm_cm2),
    ]);
    for (name, v) in rows {
        let v = v + 0.0; // no "-0"
        t.add_row(vec![
            name.to_string(),
            sig(v, 4),
            format!("{:.0} %", 100.0 * v / total),
        ]);
    }
    println!("{t}");
    println!(
        "Linearity: R(I)/R(I/2) − 1 = {:+.2} % (tolerance ±{} %); cathode charge-transfer overpotential {} × 2RT/F.",
        100.0 * r.pulse_linear_error,
        100.0 * garnet_cell::resistance::PULSE_LINEAR_TOLERANCE,
        sig(r.pulse_eta_reaction_over_2rt_f, 2)
    );
    println!("Target for the whole cell (§6.1): < 40 Ω cm².");
}
