//! `garnet bpx import|export`: BPX (Battery Parameter eXchange) files.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};
use garnet_materials::Kind;
use garnet_units::Dimension;

use crate::args::optional;
use crate::cli::MaterialsSource;
use crate::commands::materials::load_db;
use crate::commands::simulate::load_design;
use crate::output::write_atomic;
use crate::UsageError;

/// `garnet bpx …`.
#[derive(Debug, Subcommand)]
pub enum BpxCommand {
    /// Import a BPX file's positive electrode as a garnet design (TOML), listing what
    /// BPX gives that garnet does not use.
    Import(BpxImportArgs),
    /// Export a design as BPX JSON, listing what BPX cannot express.
    Export(BpxExportArgs),
}

/// `garnet bpx import`.
#[derive(Debug, Args)]
pub struct BpxImportArgs {
    /// BPX file (JSON).
    pub file: PathBuf,
    /// Design file to write (default: stdout).
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Knowledge-base cathode for the design (default: guessed from the BPX header).
    #[arg(long, value_name = "NAME")]
    pub cathode_material: Option<String>,
    /// Lower cut-off (e.g. 2.5V) instead of the OCP at the BPX maximum stoichiometry.
    #[arg(long, value_name = "VOLTAGE")]
    pub voltage_min: Option<String>,
    /// Upper cut-off instead of the OCP at the BPX minimum stoichiometry.
    #[arg(long, value_name = "VOLTAGE")]
    pub voltage_max: Option<String>,
    #[command(flatten)]
    pub source: MaterialsSource,
}

/// `garnet bpx export`.
#[derive(Debug, Args)]
pub struct BpxExportArgs {
    /// Design file (TOML).
    pub design: PathBuf,
    /// BPX file to write (default: stdout).
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub source: MaterialsSource,
}

/// Run a `garnet bpx` command.
pub fn run(cmd: BpxCommand) -> anyhow::Result<()> {
    match cmd {
        BpxCommand::Import(args) => import(&args),
        BpxCommand::Export(args) => export(&args),
    }
}

fn import(args: &BpxImportArgs) -> anyhow::Result<()> {
    let label = args.file.display().to_string();
    let text = std::fs::read_to_string(&args.file).with_context(|| format!("reading {label}"))?;
    let imported = garnet_bpx::import(&text).map_err(|e| UsageError(format!("{label}: {e}")))?;
    let db = load_db(&args.source)?;
    let material = match &args.cathode_material {
        Some(m) => m.clone(),
        None => imported
            .guess_cathode_material(db.list(Some(Kind::Cathode)).map(|m| m.name.as_str()))
            .ok_or_else(|| {
                UsageError(format!(
                    "{label}: cannot tell the cathode material from the BPX header; give --cathode-material NAME (see `garnet materials list --kind cathode`)"
                ))
            })?,
    };
    let volts = |flag, v: &Option<String>| optional(flag, v.as_deref(), Dimension::VOLTAGE);
    let opts = garnet_bpx::DesignOptions {
        cathode_material: material.clone(),
        voltage_min: volts("--voltage-min", &args.voltage_min)?,
        voltage_max: volts("--voltage-max", &args.voltage_max)?,
    };
    let design = garnet_bpx::design_toml(&imported, &opts)
        .map_err(|e| UsageError(format!("{label}: {e}")))?;
    // The design must resolve before it is written.
    let out_label = args
        .out
        .as_ref()
        .map_or("(imported design)".to_string(), |p| p.display().to_string());
    let file = garnet_cell::parse_design(&out_label, &design)?;
    garnet_cell::resolve(&out_label, &file, &db)
        .with_context(|| "the imported design does not resolve")?;
    match &args.out {
        Some(path) => {
            write_atomic(path, design.as_bytes())?;
            println!(
                "wrote {} (cathode {material}, {} OCV points)",
                path.display(),
                imported.cathode.ocv.stoichiometry().len()
            );
        }
        None => print!("{design}"),
    }
    let report = |s: &str| {
        if args.out.is_some() {
            println!("{s}");
        } else {
            eprintln!("{s}");
        }
    };
    if !imported.notes.is_empty() {
        report("approximations:");
        for n in &imported.notes {
            report(&format!("  - {n}"));
        }
    }
    report("BPX fields not imported:");
    for s in &imported.skipped {
        report(&format!("  - {}: {}", s.path, s.reason));
    }
    if design.contains("ESTIMATE") {
        report("garnet values that are estimates are marked ESTIMATE in the design: check them before trusting a simulation.");
    }
    Ok(())
}

fn export(args: &BpxExportArgs) -> anyhow::Result<()> {
    let (file, params) = load_design(&args.design, None, &args.source)?;
    let out = garnet_bpx::export(&params, &file)?;
    let mut text = serde_json::to_string_pretty(&out.json)?;
    text.push('\n');
    let report = |s: &str| {
        if args.out.is_some() {
            println!("{s}");
        } else {
            eprintln!("{s}");
        }
    };
    match &args.out {
        Some(path) => {
            write_atomic(path, text.as_bytes())?;
            println!("wrote {}", path.display());
        }
        None => print!("{text}"),
    }
    report("what BPX cannot express (kept under User-defined where it is a number):");
    for s in &out.not_expressible {
        report(&format!("  - {}: {}", s.path, s.reason));
    }
    Ok(())
}
