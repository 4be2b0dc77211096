//! `garnet eis arrhenius FILES… --circuit … --thickness … --diameter …`: the flags
//! become `ArrheniusOptions` (the fit options of `eis fit`, `--series`,
//! `--specific-grain-boundary`), the files become spectra with their temperatures, and
//! garnet-eis fits the series ([`garnet_eis::arrhenius`]); this module prints the table,
//! the activation energies, the JSON and the plot.

use std::path::{Path, PathBuf};

use garnet_eis::arrhenius::{
    arrhenius_fits, arrhenius_line, fit_temperature_series, ArrheniusOptions,
};
use garnet_eis::batch::{ConductivityPoint, ContributionArrhenius};
use garnet_eis::records::{temperature_of, ArrheniusRecord};
use garnet_plot::figures::{self, ArrheniusGroup};
use garnet_units::{constants::ZERO_CELSIUS, Dimension};

use super::eis::{s_per_cm, FitSetup, PelletGeometry};
use super::eis_fit::{fit_plan, load_for_fit};
use crate::output::{print_json, sig, table, Stamp};
use crate::{args, UsageError};

/// `garnet eis arrhenius`.
#[derive(Debug, clap::Args)]
pub struct ArrheniusArgs {
    /// Instrument files, one per temperature (any order: they are sorted by temperature).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    geometry: PelletGeometry,
    #[command(flatten)]
    setup: FitSetup,
    /// Temperatures of the files in order (e.g. 140degC,150degC); default: the
    /// file's metadata, else a temperature in the file name such as `-140deg`.
    #[arg(long, allow_hyphen_values = true)]
    temperatures: Option<String>,
    /// Fit from the coldest temperature to the hottest, each from the previous result
    /// (arcs kept in order of time constant); the first from --initial or the guess.
    #[arg(long)]
    series: bool,
    /// Also give the brick-layer specific grain-boundary conductivity,
    /// (L/A)/R_gb · C_bulk/C_gb (Haile, West & Campbell 1998), and its Eₐ.
    #[arg(long)]
    specific_grain_boundary: bool,
    /// Print JSON on stdout.
    #[arg(long)]
    json: bool,
    /// Arrhenius plot (.png or .svg): σT of bulk, grain boundary and total with their
    /// fitted lines.
    #[arg(long)]
    plot: Option<PathBuf>,
}

/// Run `garnet eis arrhenius`.
pub fn run(a: &ArrheniusArgs) -> anyhow::Result<()> {
    let geometry = a.geometry.resolve()?;
    let (circuit, fit) = fit_plan(&a.setup)?;
    let given = a
        .temperatures
        .as_deref()
        .map(|t| args::values("--temperatures", t, Dimension::TEMPERATURE))
        .transpose()?;
    if let Some(g) = &given {
        if g.len() != a.files.len() {
            return Err(UsageError(format!(
                "--temperatures gives {} values for {} files",
                g.len(),
                a.files.len()
            ))
            .into());
        }
    }
    let mut spectra = Vec::with_capacity(a.files.len());
    let mut temps = Vec::with_capacity(a.files.len());
    for (i, file) in a.files.iter().enumerate() {
        let s = load_for_fit(file, &a.setup)?;
        let stem = file.file_stem().and_then(|s| s.to_str());
        let t = given
            .as_ref()
            .map(|g| g[i])
            .or_else(|| temperature_of(&s, stem))
            .ok_or_else(|| {
                UsageError(format!(
                    "{}: no temperature in --temperatures, the file or its name",
                    file.display()
                ))
            })?;
        spectra.push(s);
        temps.push(t);
    }
    let options = ArrheniusOptions {
        fit,
        series: a.series,
        specific_grain_boundary: a.specific_grain_boundary,
    };
    let series =
        fit_temperature_series(&circuit, &spectra, &temps, &geometry, &options).map_err(|e| {
            if e.is_setup() {
                anyhow::Error::new(UsageError(e.to_string()))
            } else {
                anyhow::Error::new(e)
            }
        })?;
    let names: Vec<String> = series
        .input
        .iter()
        .map(|&i| a.files[i].display().to_string())
        .collect();
    let points = &series.points;
    let fits = arrhenius_fits(points, a.specific_grain_boundary)?;
    if let Some(path) = &a.plot {
        plot(&fits, path)?;
    }
    if a.json {
        let (fmin, fmax) = a.setup.band.hz()?;
        let mut o = options
            .fit
            .model_options(&circuit, fmin, fmax, a.setup.capacitive_only);
        if let Some(m) = o.as_object_mut() {
            m.insert("series".into(), serde_json::json!(a.series));
            m.insert(
                "specific_grain_boundary".into(),
                serde_json::json!(a.specific_grain_boundary),
            );
        }
        let value = ArrheniusRecord::new(&circuit, &geometry, &names, points, &fits);
        let value = serde_json::to_value(value)?; // keys sorted, as always
        return print_json(&value, &Stamp::model("eis arrhenius", &o)?);
    }
    print_table(&names, points, a.specific_grain_boundary);
    for c in &fits {
        let se = c.fit.activation_energy_stderr_ev;
        println!(
            "  {:<23} Eₐ = {} eV{}   σ(25 °C) = {} S/cm   ({} temperatures)",
            c.contribution,
            sig(c.fit.activation_energy_ev, 3),
            se.map(|s| format!(" ± {}", sig(s, 2))).unwrap_or_default(),
            sig(c.fit.sigma_25c_s_per_m / 100.0, 3),
            c.temperatures_k.len()
        );
    }
    Ok(())
}

fn print_table(names: &[String], points: &[ConductivityPoint], specific: bool) {
    let mut header = vec![
        "file",
        "T (°C)",
        "χ²",
        "bulk σ",
        "grain-boundary σ",
        "total σ",
    ];
    if specific {
        header.push("specific gb σ");
    }
    let mut t = table(&header);
    for (f, p) in names.iter().zip(points) {
        let c = &p.conductivities;
        let mut bulk = s_per_cm(c.bulk_s_per_m);
        if c.bulk_from_intercept {
            bulk.push_str(" (intercept)");
        }
        let mut row = vec![
            f.clone(),
            sig(p.temperature_k - ZERO_CELSIUS, 4),
            sig(p.fit.chi2, 3),
            bulk,
            s_per_cm(c.grain_boundary_s_per_m),
            s_per_cm(c.total_s_per_m),
        ];
        if specific {
            row.push(s_per_cm(c.grain_boundary_specific_s_per_m));
        }
        t.add_row(row);
    }
    println!("{t}");
    let intercepts: Vec<String> = names
        .iter()
        .zip(points)
        .filter(|(_, p)| p.conductivities.bulk_from_intercept)
        .map(|(f, p)| format!("{f} ({} °C)", sig(p.temperature_k - ZERO_CELSIUS, 4)))
        .collect();
    if !intercepts.is_empty() {
        println!(
            "  note: no bulk arc in the window (its apex within half a decade of the highest frequency, or above it); the bulk σ is from the high-frequency intercept at: {}",
            intercepts.join(", ")
        );
    }
}

/// σT (S K/cm) of each contribution against 1000/T, with its fitted line.
fn plot(fits: &[ContributionArrhenius], path: &Path) -> anyhow::Result<()> {
    let groups = fits
        .iter()
        .map(|c| {
            let to_y = |(t, s): (f64, f64)| (t, s / 100.0 * t);
            let points = c
                .temperatures_k
                .iter()
                .zip(&c.sigma_s_per_m)
                .map(|(t, s)| to_y((*t, *s)))
                .collect();
            let lo = c.temperatures_k.iter().copied().fold(f64::MAX, f64::min);
            let hi = c.temperatures_k.iter().copied().fold(f64::MIN, f64::max);
            let line = arrhenius_line(&c.fit, lo, hi, 20)
                .into_iter()
                .map(to_y)
                .collect();
            ArrheniusGroup {
                label: c.contribution.replace('_', " "),
                points,
                line,
                fit_note: format!(", Eₐ = {} eV", sig(c.fit.activation_energy_ev, 3)),
            }
        })
        .collect();
    figures::arrhenius_fits("Arrhenius", "σT (S K/cm)", groups).write(path)?;
    Ok(())
}
