//! `garnet report DESIGN.toml [-o report.html]`: one design in, one self-contained
//! HTML report out (and a summary on the terminal).
//!
//! The report is the library `garnet_report` (what it computes, the §6.1 targets, the
//! page); this command reads the design, calls it, writes the files and prints.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use garnet_cell::Design;
use garnet_report::ReportData;

use crate::cli::MaterialsSource;
use crate::commands::materials::load_db;
use crate::output::{sig, write_atomic};

/// `garnet report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Design file (TOML with units; see docs/design.md).
    pub design: PathBuf,
    /// Where to write the HTML report.
    #[arg(short, long, default_value = "report.html")]
    pub output: PathBuf,
    /// Also write the report's numbers as JSON to this file.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Do not print the terminal summary.
    #[arg(long)]
    pub quiet: bool,
    #[command(flatten)]
    pub source: MaterialsSource,
}

/// `garnet report`.
pub fn run(args: &ReportArgs) -> anyhow::Result<()> {
    let t0 = Instant::now();
    let label = args.design.display().to_string();
    let text =
        std::fs::read_to_string(&args.design).with_context(|| format!("reading design {label}"))?;
    let design = Design::from_toml(&label, &text)?;
    let db = load_db(&args.source)?;
    let params = design.resolve(&db)?;
    let data = garnet_report::compute(&design, &params, &db)?;
    garnet_report::write_html(&data, &args.output)?;
    if let Some(path) = &args.json {
        write_atomic(path, data.to_json()?.as_bytes())?;
    }
    if !args.quiet {
        print_summary(&data, &args.output, t0.elapsed().as_secs_f64());
    }
    Ok(())
}

fn print_summary(d: &ReportData, out: &Path, seconds: f64) {
    let or_dash = |v: Option<f64>, digits| v.map(|v| sig(v, digits)).unwrap_or_else(|| "–".into());
    println!("{}", d.name);
    println!(
        "  1C: {} mAh/g, {} mAh/cm², mean {} V; composite {} Wh/kg vs Li; stack {} Wh/kg, {} Wh/L",
        or_dash(d.at_1c.capacity_mah_per_g, 4),
        sig(d.areal_capacity_mah_cm2, 3),
        sig(d.at_1c.mean_voltage_v, 4),
        or_dash(d.composite_wh_per_kg, 3),
        sig(d.stack_wh_per_kg, 3),
        sig(d.stack_wh_per_l, 3),
    );
    let r = &d.resistance;
    println!(
        "  resistance (Ω cm²): electronic {}, separator {}, composite ionic {}, interfacial {}; total {}",
        sig(r.r_electronic_ohm_cm2, 3),
        sig(r.r_separator_ohm_cm2, 3),
        sig(r.r_composite_ionic_ohm_cm2, 3),
        sig(r.r_interface_ohm_cm2, 3),
        sig(r.r_total_ohm_cm2, 3)
    );
    println!("  §6.1 targets:");
    for t in &d.targets {
        println!(
            "    {:<13} {:<42} {:<24} {}",
            t.status.label(),
            t.criterion,
            t.target,
            t.value.as_deref().unwrap_or("")
        );
    }
    if !d.warnings.is_empty() {
        println!("  {} warning(s), listed in the report", d.warnings.len());
    }
    println!("report: {} ({} s)", out.display(), sig(seconds, 2));
}
