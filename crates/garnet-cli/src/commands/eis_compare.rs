//! `garnet eis compare DESIGN SPECTRUM --circuit C`: the design's simulated impedance
//! (`garnet_cell::simulate_impedance`, with the separator's bulk, grain-boundary and
//! Li₂CO₃ arcs) at the measured frequencies, the same circuit fitted to both by
//! garnet-eis ([`garnet_eis::compare`]), and the parameters side by side with their
//! ratio measured/simulated.

use std::path::PathBuf;

use garnet_eis::compare::compare;
use garnet_eis::{Complex64, Spectrum};
use garnet_plot::figures::{self, ImpedanceUnit};
use garnet_plot::{Series, Style};

use super::eis::FitSetup;
use super::eis_fit::{fit_plan, load_for_fit};
use crate::cli::MaterialsSource;
use crate::commands::simulate::load_params;
use crate::output::{print_json, sig, table};
use crate::UsageError;

/// `garnet eis compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Design file (TOML).
    design: PathBuf,
    /// Measured spectrum (any instrument file `eis fit` reads).
    spectrum: PathBuf,
    #[command(flatten)]
    setup: FitSetup,
    /// State of charge of the simulation (0–1); default: the design's initial state.
    #[arg(long)]
    soc: Option<f64>,
    /// Nyquist plot of both spectra and both fits (.png or .svg).
    #[arg(long)]
    plot: Option<PathBuf>,
    /// Print JSON on stdout.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    source: MaterialsSource,
}

/// Run `garnet eis compare`.
pub fn run(a: &CompareArgs) -> anyhow::Result<()> {
    if let Some(s) = a.soc {
        if !(0.0..=1.0).contains(&s) {
            return Err(UsageError(format!("--soc {s}: expected 0–1")).into());
        }
    }
    let (circuit, options) = fit_plan(&a.setup)?;
    let measured = load_for_fit(&a.spectrum, &a.setup)?;
    let params = load_params(&a.design, None, &a.source)?;
    let points = garnet_cell::simulate_impedance(&params, a.soc, measured.frequency_hz())?;
    let z = points
        .iter()
        .map(|p| Complex64::new(p.z_real_ohm, p.z_imag_ohm))
        .collect();
    let simulated = Spectrum::new(measured.frequency_hz().to_vec(), z)?;
    let fmin = measured
        .frequency_hz()
        .iter()
        .copied()
        .fold(f64::MAX, f64::min);
    let fmax = measured
        .frequency_hz()
        .iter()
        .copied()
        .fold(f64::MIN, f64::max);
    let notes = garnet_cell::spectrum_notes(&params, fmin, fmax);
    let r = compare(&circuit, &measured, &simulated, &options).map_err(|e| {
        if e.is_setup() {
            anyhow::Error::new(UsageError(e.to_string()))
        } else {
            anyhow::Error::new(e)
        }
    })?;
    if let Some(path) = &a.plot {
        let fitted = |v: &[f64]| -> Vec<(f64, f64)> {
            let zf = circuit.spectrum(v, measured.frequency_hz());
            zf.iter().map(|z| (z.re, z.im)).collect()
        };
        let xy = |s: &Spectrum| s.z().iter().map(|z| (z.re, z.im)).collect();
        let series = vec![
            Series::new("measured", xy(&measured), Style::Points),
            Series::new("fit to measured", fitted(&r.measured.values()), Style::Line),
            Series::new("design (simulated)", xy(&simulated), Style::Points),
            Series::new("fit to design", fitted(&r.simulated.values()), Style::Line),
        ];
        let title = format!("{} vs {}", a.spectrum.display(), params.name);
        figures::nyquist(title, ImpedanceUnit::Ohm, series).write(path)?;
    }
    if a.json {
        let value = serde_json::json!({
            "design": params.name,
            "spectrum": a.spectrum.display().to_string(),
            "area_m2": params.area,
            "soc": a.soc,
            "circuit": circuit.to_string(),
            "parameters": r.parameters,
            "measured_fit": r.measured.to_json(),
            "simulated_fit": r.simulated.to_json(),
            "notes": notes,
        });
        let stamp = super::eis_fit::fit_stamp("eis compare", &circuit, &a.setup, &options)?;
        return print_json(&value, &stamp);
    }
    println!(
        "{} fitted to {} ({} points) and to design '{}' simulated at the same frequencies (area {} cm²)",
        circuit,
        a.spectrum.display(),
        measured.len(),
        params.name,
        sig(params.area * 1e4, 4)
    );
    println!(
        "  χ²: measured {}, simulated {} ({} weighting)",
        sig(r.measured.chi2, 4),
        sig(r.simulated.chi2, 4),
        r.measured.weighting
    );
    let mut t = table(&["parameter", "unit", "measured", "design", "measured/design"]);
    for p in &r.parameters {
        t.add_row(vec![
            p.name.clone(),
            p.unit.clone(),
            sig(p.measured, 4),
            sig(p.simulated, 4),
            sig(p.ratio, 3),
        ]);
    }
    println!("{t}");
    if !notes.is_empty() {
        println!("Arcs of the design's layers in series (R ∥ C, apex 1/(2πRC)):");
        for n in &notes {
            println!("  {n}");
        }
    }
    Ok(())
}
