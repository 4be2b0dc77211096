//! `garnet eis simulate DESIGN.toml`: the small-signal impedance of a cell design.

use std::path::PathBuf;

use clap::Args;
use garnet_plot::figures::{self, ImpedanceUnit};
use garnet_plot::{Series, Style};
use garnet_units::Dimension;

use crate::cli::MaterialsSource;
use crate::commands::simulate::load_params;
use crate::output::{print_json, sig, table, write_atomic, Stamp};
use crate::{args, UsageError};

const FREQUENCY: Dimension = Dimension::FREQUENCY;

/// `garnet eis simulate`.
#[derive(Debug, Args)]
pub struct EisSimulateArgs {
    /// Design file.
    pub design: PathBuf,
    /// State of charge (0–1); default: the design's initial state.
    #[arg(long)]
    pub soc: Option<f64>,
    /// Lowest frequency.
    #[arg(long, default_value = "1mHz")]
    pub fmin: String,
    /// Highest frequency.
    #[arg(long, default_value = "1MHz")]
    pub fmax: String,
    /// Points per decade.
    #[arg(long, default_value_t = 10)]
    pub per_decade: usize,
    /// Write the spectrum as CSV (frequency_hz, z_real_ohm, z_imag_ohm, z_real_ohm_cm2, z_imag_ohm_cm2).
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Nyquist plot (.png or .svg), per electrode area.
    #[arg(long, value_name = "PATH")]
    pub plot: Option<PathBuf>,
    /// Print JSON on stdout.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub source: MaterialsSource,
}

/// Run `garnet eis simulate`.
pub fn run(a: &EisSimulateArgs) -> anyhow::Result<()> {
    let (fmin, fmax) = (
        args::positive("--fmin", &a.fmin, FREQUENCY)?,
        args::positive("--fmax", &a.fmax, FREQUENCY)?,
    );
    if fmin >= fmax || a.per_decade == 0 {
        return Err(
            UsageError("--fmin must be below --fmax and --per-decade at least 1".into()).into(),
        );
    }
    if let Some(s) = a.soc {
        if !(0.0..=1.0).contains(&s) {
            return Err(UsageError(format!("--soc {s}: expected 0–1")).into());
        }
    }
    let params = load_params(&a.design, None, &a.source)?;
    let freqs = garnet_cell::timeseries::log_frequencies(fmin, fmax, a.per_decade);
    let points = garnet_cell::simulate_impedance(&params, a.soc, &freqs)?;
    let r_ohm = garnet_cell::ohmic_resistance(&params) * 1e4;
    let notes = garnet_cell::spectrum_notes(&params, fmin, fmax);
    if let Some(path) = &a.out {
        let text = garnet_cell::timeseries::impedance_csv(&points);
        write_atomic(path, text.as_bytes())?;
    }
    if let Some(path) = &a.plot {
        let z = points.iter().map(|p| (p.z_real_ohm_cm2, p.z_imag_ohm_cm2));
        let series = vec![Series::new("simulated", z.collect(), Style::LinePoints)];
        let title = format!("{}: simulated impedance", params.name);
        figures::nyquist(title, ImpedanceUnit::OhmCm2, series).write(path)?;
    }
    if a.json {
        let value = serde_json::json!({
            "design": params.name,
            "soc": a.soc,
            "ohmic_resistance_ohm_cm2": r_ohm,
            "series_layers": series_layers_json(&params),
            "notes": notes,
            "points": points,
        });
        return print_json(&value, &Stamp::cell("eis simulate", &params)?);
    }
    println!(
        "{} — small-signal impedance ({} points, {}–{} Hz)",
        params.name,
        points.len(),
        sig(fmin, 3),
        sig(fmax, 3)
    );
    let mut t = table(&["f (Hz)", "Z' (Ω cm²)", "Z'' (Ω cm²)"]);
    for p in points.iter().step_by(a.per_decade.max(1)) {
        t.add_row(vec![
            format!("{:.3e}", p.frequency_hz),
            sig(p.z_real_ohm_cm2, 4),
            sig(p.z_imag_ohm_cm2, 4),
        ]);
    }
    println!("{t}");
    println!(
        "Series resistance of the model (the high-frequency limit with its layers as resistors): {} Ω cm²",
        sig(r_ohm, 4)
    );
    if !notes.is_empty() {
        println!("Arcs of the layers in series (R ∥ C, apex 1/(2πRC)):");
        for n in &notes {
            println!("  {n}");
        }
    }
    Ok(())
}

/// The design's series layers for JSON: label, R (Ω cm²), C (F/cm²), apex (Hz).
fn series_layers_json(p: &garnet_cell::CellParams) -> serde_json::Value {
    p.series_layers
        .iter()
        .map(|l| {
            serde_json::json!({
                "layer": l.kind.label(),
                "resistance_ohm_cm2": l.resistance * 1e4,
                "capacitance_f_cm2": l.capacitance * 1e-4,
                "apex_frequency_hz": l.apex_frequency(),
                "permittivity_estimated": l.permittivity_estimated,
            })
        })
        .collect()
}
