//! `garnet eis fit | convert | kk | drt | conductivity | arrhenius`: impedance files in,
//! fits, validation, DRT and pellet conductivities out.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use garnet_eis::conductivity::{arrhenius, conductivities, Conductivities, Geometry};
use garnet_eis::drt::{drt, DrtOptions, Lambda};
use garnet_eis::kk::{linkk, KkOptions};
use garnet_eis::{fit, Circuit, FitOptions, FitResult, Spectrum, Weighting};
use garnet_report::{Series, Style, XyPlot};
use garnet_units::{constants::ZERO_CELSIUS, parse_values, Dimension, Quantity};
use serde_json::json;

use crate::output::{print_json, sig, table, write_atomic};
use crate::UsageError;

/// Impedance spectroscopy.
#[derive(Debug, clap::Subcommand)]
pub enum EisCommand {
    /// Fit an equivalent circuit (impedance.py's circuit strings) to a spectrum.
    Fit {
        /// Instrument file (Gamry .DTA, BioLogic .mpt, ZPlot .z, Autolab, CHI, Parstat,
        /// PowerSuite, VersaStudio .par, CSV/TSV).
        file: PathBuf,
        /// Circuit, e.g. "R0-p(R1,CPE1)-p(R2,CPE2)".
        #[arg(long)]
        circuit: String,
        /// Initial values in the circuit's parameter order, comma-separated (SI units);
        /// default: guessed from the spectrum.
        #[arg(long, allow_hyphen_values = true)]
        initial: Option<String>,
        /// Residual weighting: unit, proportional (1/|Z|²) or modulus (1/|Z|).
        #[arg(long, default_value = "unit")]
        weighting: String,
        /// Lowest frequency used (e.g. 5Hz).
        #[arg(long)]
        fmin: Option<String>,
        /// Highest frequency used (e.g. 1MHz).
        #[arg(long)]
        fmax: Option<String>,
        /// Hold a parameter fixed, NAME=VALUE (repeatable), e.g. --fix R0=12.5.
        #[arg(long)]
        fix: Vec<String>,
        /// Number of starts (perturbed initial values); the best χ² is kept.
        #[arg(long, default_value_t = 10)]
        starts: usize,
        /// Print JSON on stdout.
        #[arg(long)]
        json: bool,
        /// Nyquist plot of data and fit (.png or .svg).
        #[arg(long)]
        plot: Option<PathBuf>,
    },
    /// Convert any supported file to CSV: frequency_hz, z_real_ohm, z_imag_ohm.
    Convert {
        /// Instrument file.
        file: PathBuf,
        /// Output CSV.
        #[arg(short = 'o', long = "out")]
        out: PathBuf,
    },
    /// Linear Kramers–Kronig test (Schönleber et al. 2014).
    Kk {
        /// Instrument file.
        file: PathBuf,
        /// Lowest frequency used.
        #[arg(long)]
        fmin: Option<String>,
        /// Highest frequency used.
        #[arg(long)]
        fmax: Option<String>,
        /// Print JSON on stdout.
        #[arg(long)]
        json: bool,
        /// Plot of the relative residuals (.png or .svg).
        #[arg(long)]
        plot: Option<PathBuf>,
    },
    /// Distribution of relaxation times (Tikhonov, Gaussian RBF).
    Drt {
        /// Instrument file.
        file: PathBuf,
        /// Regularisation: a number relative to (max |Z|)² (default 1e-5) or `gcv`.
        #[arg(long)]
        lambda: Option<String>,
        /// Lowest frequency used.
        #[arg(long)]
        fmin: Option<String>,
        /// Highest frequency used.
        #[arg(long)]
        fmax: Option<String>,
        /// Print JSON on stdout.
        #[arg(long)]
        json: bool,
        /// Plot of γ(τ) (.png or .svg).
        #[arg(long)]
        plot: Option<PathBuf>,
    },
    /// Bulk, grain-boundary and total conductivity of a pellet.
    Conductivity {
        /// Instrument file.
        file: PathBuf,
        #[command(flatten)]
        pellet: PelletArgs,
        /// Print JSON on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Activation energies from spectra at several temperatures.
    Arrhenius {
        /// Instrument files, one per temperature.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        pellet: PelletArgs,
        /// Temperatures of the files in order (e.g. 140degC,150degC); default: the
        /// file's metadata, else a temperature in the file name such as `-140deg`.
        #[arg(long)]
        temperatures: Option<String>,
        /// Print JSON on stdout.
        #[arg(long)]
        json: bool,
        /// Arrhenius plot (.png or .svg).
        #[arg(long)]
        plot: Option<PathBuf>,
    },
}

/// Pellet geometry and the circuit for the conductivity commands.
#[derive(Debug, clap::Args)]
pub struct PelletArgs {
    /// Pellet thickness (e.g. 1.2mm).
    #[arg(long)]
    thickness: String,
    /// Electrode diameter (e.g. 10mm); or give --area.
    #[arg(long, conflicts_with = "area")]
    diameter: Option<String>,
    /// Electrode area (e.g. 0.785cm2).
    #[arg(long)]
    area: Option<String>,
    /// Circuit to fit, e.g. "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3".
    #[arg(long)]
    circuit: String,
    /// Lowest frequency used.
    #[arg(long)]
    fmin: Option<String>,
    /// Highest frequency used.
    #[arg(long)]
    fmax: Option<String>,
}

/// Run an `eis` subcommand.
pub fn run(cmd: EisCommand) -> anyhow::Result<()> {
    match cmd {
        EisCommand::Fit {
            file,
            circuit,
            initial,
            weighting,
            fmin,
            fmax,
            fix,
            starts,
            json,
            plot,
        } => {
            let spectrum = load(&file, fmin.as_deref(), fmax.as_deref())?;
            let circuit = parse_circuit(&circuit)?;
            let options = FitOptions {
                weighting: weighting
                    .parse::<Weighting>()
                    .map_err(|e| UsageError(format!("--{e}")))?,
                initial: initial.map(|s| parse_list("--initial", &s)).transpose()?,
                fixed: fix.iter().map(|s| parse_fix(s)).collect::<Result<_, _>>()?,
                starts: starts.max(1),
                ..FitOptions::default()
            };
            let (result, ms) = timed_fit(&circuit, &spectrum, &options)?;
            if let Some(path) = &plot {
                nyquist(&circuit, &result, &spectrum, path)?;
            }
            if json {
                print_json(&fit_json(&result, ms, &spectrum))
            } else {
                print_fit(&result, ms, &spectrum);
                Ok(())
            }
        }
        EisCommand::Convert { file, out } => {
            let s = load(&file, None, None)?;
            let mut text = String::from("frequency_hz,z_real_ohm,z_imag_ohm\n");
            for (f, z) in s.frequency_hz().iter().zip(s.z()) {
                text.push_str(&format!("{f},{},{}\n", z.re, z.im));
            }
            write_atomic(&out, text.as_bytes())?;
            eprintln!("wrote {} points to {}", s.len(), out.display());
            Ok(())
        }
        EisCommand::Kk {
            file,
            fmin,
            fmax,
            json,
            plot,
        } => {
            let s = load(&file, fmin.as_deref(), fmax.as_deref())?;
            let r = linkk(&s, &KkOptions::default())?;
            if let Some(path) = &plot {
                let pts = |v: &[f64]| -> Vec<(f64, f64)> {
                    r.frequency_hz
                        .iter()
                        .zip(v)
                        .map(|(f, d)| (*f, 100.0 * d))
                        .collect()
                };
                XyPlot {
                    title: format!("Kramers–Kronig residuals, M = {}", r.m),
                    x_label: "frequency (Hz)".into(),
                    y_label: "residual (%)".into(),
                    log_x: true,
                    log_y: false,
                    series: vec![
                        series("real", pts(&r.residual_real), Style::LinePoints),
                        series("imaginary", pts(&r.residual_imag), Style::LinePoints),
                    ],
                }
                .write(path)?;
            }
            if json {
                return print_json(&r);
            }
            println!(
                "Linear Kramers–Kronig test (Schönleber et al. 2014), {} points",
                s.len()
            );
            println!("  RC elements M          {}", r.m);
            println!("  µ                      {}", sig(r.mu, 3));
            println!(
                "  max |residual|         {} %",
                sig(100.0 * r.max_residual, 3)
            );
            let verdict = if r.max_residual < 0.01 {
                "residuals below 1 %: consistent with Kramers–Kronig"
            } else {
                "residuals above 1 %: check for drift, non-linearity or noise"
            };
            println!("  {verdict}");
            Ok(())
        }
        EisCommand::Drt {
            file,
            lambda,
            fmin,
            fmax,
            json,
            plot,
        } => {
            let s = load(&file, fmin.as_deref(), fmax.as_deref())?;
            let lambda = match lambda.as_deref() {
                None => DrtOptions::default().lambda,
                Some(t) if t.eq_ignore_ascii_case("gcv") => Lambda::Gcv,
                Some(t) => Lambda::Relative(t.trim().parse().map_err(|_| {
                    UsageError(format!("--lambda: '{t}' is neither a number nor 'gcv'"))
                })?),
            };
            let r = drt(&s, &DrtOptions { lambda })?;
            if let Some(path) = &plot {
                XyPlot {
                    title: "Distribution of relaxation times".into(),
                    x_label: "τ (s)".into(),
                    y_label: "γ (Ω)".into(),
                    log_x: true,
                    log_y: false,
                    series: vec![series(
                        "γ(ln τ)",
                        r.tau_s
                            .iter()
                            .copied()
                            .zip(r.gamma_ohm.iter().copied())
                            .collect(),
                        Style::Line,
                    )],
                }
                .write(path)?;
            }
            if json {
                return print_json(&r);
            }
            println!(
                "DRT (Gaussian RBF, λ = {} × max|Z|²), R∞ = {} Ω, RMS misfit {} Ω",
                sig(r.lambda_relative, 3),
                sig(r.r_inf_ohm, 4),
                sig(r.rms_residual_ohm, 3)
            );
            let mut t = table(&["peak", "τ (s)", "f (Hz)", "R (Ω)"]);
            for (i, p) in r.peaks.iter().enumerate() {
                t.add_row(vec![
                    (i + 1).to_string(),
                    sig(p.tau_s, 4),
                    sig(p.frequency_hz, 4),
                    sig(p.resistance_ohm, 4),
                ]);
            }
            println!("{t}");
            Ok(())
        }
        EisCommand::Conductivity { file, pellet, json } => {
            let (geometry, circuit) = pellet_setup(&pellet)?;
            let s = load(&file, pellet.fmin.as_deref(), pellet.fmax.as_deref())?;
            let (result, ms) = timed_fit(&circuit, &s, &FitOptions::default())?;
            let c = conductivities(&circuit, &result.values(), &geometry)?;
            if json {
                return print_json(&json!({
                    "fit": fit_json(&result, ms, &s),
                    "geometry": geometry,
                    "conductivity": c,
                }));
            }
            print_fit(&result, ms, &s);
            print_conductivities(&c);
            Ok(())
        }
        EisCommand::Arrhenius {
            files,
            pellet,
            temperatures,
            json,
            plot,
        } => arrhenius_cmd(
            &files,
            &pellet,
            temperatures.as_deref(),
            json,
            plot.as_deref(),
        ),
    }
}

fn series(label: &str, points: Vec<(f64, f64)>, style: Style) -> Series {
    Series {
        label: label.to_string(),
        points,
        style,
    }
}

/// Read a file (UTF-8, else Latin-1 byte for byte) and keep the frequency band.
fn load(path: &Path, fmin: Option<&str>, fmax: Option<&str>) -> anyhow::Result<Spectrum> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    };
    let name = path.display().to_string();
    let s = garnet_eis::readers::read(&name, &text)?;
    for note in &s.metadata.notes {
        eprintln!("note: {name}: {note}");
    }
    let freq = |flag: &str, v: Option<&str>| -> anyhow::Result<Option<f64>> {
        v.map(|t| {
            Quantity::parse_as(flag, t, Dimension::FREQUENCY)
                .map(|q| q.value)
                .map_err(|e| anyhow::Error::new(UsageError(e.to_string())))
        })
        .transpose()
    };
    let (lo, hi) = (freq("--fmin", fmin)?, freq("--fmax", fmax)?);
    if lo.is_none() && hi.is_none() {
        return Ok(s);
    }
    Ok(s.band(lo, hi)?)
}

fn parse_circuit(text: &str) -> anyhow::Result<Circuit> {
    Circuit::parse(text).map_err(|e| UsageError(format!("--circuit: {e}")).into())
}

fn parse_list(flag: &str, text: &str) -> anyhow::Result<Vec<f64>> {
    text.split(',')
        .map(|t| {
            t.trim()
                .parse::<f64>()
                .map_err(|_| UsageError(format!("{flag}: '{}' is not a number", t.trim())).into())
        })
        .collect()
}

fn parse_fix(text: &str) -> anyhow::Result<(String, f64)> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| UsageError(format!("--fix '{text}': expected NAME=VALUE, e.g. R0=12.5")))?;
    let v = value
        .trim()
        .parse::<f64>()
        .map_err(|_| UsageError(format!("--fix {text}: '{value}' is not a number")))?;
    Ok((name.trim().to_string(), v))
}

fn timed_fit(
    circuit: &Circuit,
    s: &Spectrum,
    options: &FitOptions,
) -> anyhow::Result<(FitResult, f64)> {
    let t0 = Instant::now();
    let r = fit(circuit, s, options).map_err(|e| match e {
        garnet_eis::EisError::UnknownParameter { .. }
        | garnet_eis::EisError::ParameterCount { .. }
        | garnet_eis::EisError::ParameterOutOfRange { .. } => {
            anyhow::Error::new(UsageError(e.to_string()))
        }
        other => anyhow::Error::new(other),
    })?;
    Ok((r, t0.elapsed().as_secs_f64() * 1e3))
}

fn fit_json(r: &FitResult, ms: f64, s: &Spectrum) -> serde_json::Value {
    json!({
        "circuit": r.circuit,
        "parameters": r.parameters.iter().map(|p| json!({
            "name": p.name, "value": p.value, "unit": p.unit, "stderr": p.stderr, "fixed": p.fixed,
        })).collect::<Vec<_>>(),
        "chi2": r.chi2,
        "reduced_chi2": r.reduced_chi2,
        "aic": r.aic,
        "bic": r.bic,
        "max_relative_residual": r.max_relative_residual,
        "rms_relative_residual": r.rms_relative_residual,
        "correlation": { "names": r.free_names, "matrix": r.correlation },
        "weighting": r.weighting,
        "n_points": r.n_points,
        "converged": r.converged,
        "fit_time_ms": ms,
        "metadata": s.metadata,
    })
}

fn print_fit(r: &FitResult, ms: f64, s: &Spectrum) {
    println!(
        "{} fitted to {} points ({} weighting) in {} ms",
        r.circuit,
        s.len(),
        r.weighting,
        sig(ms, 3)
    );
    let mut t = table(&["parameter", "value", "unit", "std. error", "rel. error"]);
    for p in &r.parameters {
        let (se, rel) = match (p.fixed, p.stderr) {
            (true, _) => ("fixed".to_string(), String::new()),
            (false, Some(se)) => (
                sig(se, 3),
                format!("{} %", sig(100.0 * se / p.value.abs(), 2)),
            ),
            (false, None) => ("n/a".to_string(), String::new()),
        };
        t.add_row(vec![
            p.name.clone(),
            sig(p.value, 5),
            p.unit.clone(),
            se,
            rel,
        ]);
    }
    println!("{t}");
    println!(
        "χ² = {}   reduced χ² = {}   AIC = {}   BIC = {}   max |ΔZ|/|Z| = {} %",
        sig(r.chi2, 4),
        sig(r.reduced_chi2, 4),
        sig(r.aic, 5),
        sig(r.bic, 5),
        sig(100.0 * r.max_relative_residual, 3)
    );
    if !r.converged {
        eprintln!("warning: the fit stopped at the iteration limit");
    }
}

fn nyquist(circuit: &Circuit, r: &FitResult, s: &Spectrum, path: &Path) -> anyhow::Result<()> {
    let f = s.frequency_hz();
    let (lo, hi) = f
        .iter()
        .fold((f64::INFINITY, 0.0f64), |(a, b), &x| (a.min(x), b.max(x)));
    let grid: Vec<f64> = (0..400)
        .map(|i| (lo.ln() + (hi / lo).ln() * i as f64 / 399.0).exp())
        .collect();
    let model = circuit.spectrum(&r.values(), &grid);
    XyPlot {
        title: format!("Nyquist: {}", r.circuit),
        x_label: "Z′ (Ω)".into(),
        y_label: "−Z″ (Ω)".into(),
        log_x: false,
        log_y: false,
        series: vec![
            series(
                "data",
                s.z().iter().map(|z| (z.re, -z.im)).collect(),
                Style::Points,
            ),
            series(
                "fit",
                model.iter().map(|z| (z.re, -z.im)).collect(),
                Style::Line,
            ),
        ],
    }
    .write(path)?;
    Ok(())
}

fn pellet_setup(p: &PelletArgs) -> anyhow::Result<(Geometry, Circuit)> {
    let usage = |e: garnet_units::UnitError| anyhow::Error::new(UsageError(e.to_string()));
    let thickness = Quantity::parse_as("--thickness", &p.thickness, Dimension::LENGTH)
        .map_err(usage)?
        .value;
    let geometry = match (&p.diameter, &p.area) {
        (Some(d), _) => Geometry::from_diameter(
            thickness,
            Quantity::parse_as("--diameter", d, Dimension::LENGTH)
                .map_err(usage)?
                .value,
        ),
        (None, Some(a)) => Geometry::new(
            thickness,
            Quantity::parse_as("--area", a, Dimension::AREA)
                .map_err(usage)?
                .value,
        ),
        (None, None) => {
            return Err(UsageError("give the electrode --diameter or --area".into()).into())
        }
    }
    .map_err(|e| UsageError(e.to_string()))?;
    Ok((geometry, parse_circuit(&p.circuit)?))
}

fn s_per_cm(v: Option<f64>) -> String {
    v.map(|x| format!("{} S/cm", sig(x / 100.0, 4)))
        .unwrap_or_else(|| "—".to_string())
}

fn print_conductivities(c: &Conductivities) {
    let mut t = table(&["arc", "R (Ω)", "C (F)", "C at L/A = 1 cm⁻¹", "assigned to"]);
    for a in &c.arcs {
        t.add_row(vec![
            a.block.clone(),
            sig(a.resistance_ohm, 4),
            sig(a.capacitance_f, 3),
            sig(a.normalised_capacitance_f, 3),
            format!("{:?}", a.contribution),
        ]);
    }
    println!("{t}");
    println!("  bulk σ            {}", s_per_cm(c.bulk_s_per_m));
    println!("  grain-boundary σ  {}", s_per_cm(c.grain_boundary_s_per_m));
    println!("  total σ           {}", s_per_cm(c.total_s_per_m));
    for n in &c.notes {
        println!("  note: {n}");
    }
}

/// A temperature in a file name: digits right before `deg` (`LLZO-140deg.z`,
/// `run_140degC.DTA`), in °C.
fn temperature_from_name(path: &Path) -> Option<f64> {
    let stem = path.file_stem()?.to_str()?;
    let i = stem.find("deg")?;
    let head = &stem[..i];
    let start = head
        .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|k| k + 1)
        .unwrap_or(0);
    head[start..].parse::<f64>().ok().map(|c| c + ZERO_CELSIUS)
}

fn arrhenius_cmd(
    files: &[PathBuf],
    pellet: &PelletArgs,
    temperatures: Option<&str>,
    json_out: bool,
    plot: Option<&Path>,
) -> anyhow::Result<()> {
    let (geometry, circuit) = pellet_setup(pellet)?;
    let given: Option<Vec<f64>> = temperatures
        .map(|t| {
            parse_values("--temperatures", t, Dimension::TEMPERATURE)
                .map(|v| v.iter().map(|q| q.value).collect())
                .map_err(|e| UsageError(e.to_string()))
        })
        .transpose()?;
    if let Some(g) = &given {
        if g.len() != files.len() {
            return Err(UsageError(format!(
                "--temperatures gives {} values for {} files",
                g.len(),
                files.len()
            ))
            .into());
        }
    }
    let mut rows = Vec::new();
    let mut previous: Option<Vec<f64>> = None;
    for (i, file) in files.iter().enumerate() {
        let s = load(file, pellet.fmin.as_deref(), pellet.fmax.as_deref())?;
        let t = given
            .as_ref()
            .map(|g| g[i])
            .or(s.metadata.temperature_k)
            .or_else(|| temperature_from_name(file))
            .ok_or_else(|| {
                UsageError(format!(
                    "{}: no temperature in --temperatures, the file or its name",
                    file.display()
                ))
            })?;
        // Series fit: each file starts from the previous result.
        let options = FitOptions {
            initial: previous.clone(),
            ..FitOptions::default()
        };
        let (r, _) = timed_fit(&circuit, &s, &options)?;
        previous = Some(r.values());
        let c = conductivities(&circuit, &r.values(), &geometry)?;
        rows.push((file.display().to_string(), t, c));
    }
    let mut out = serde_json::Map::new();
    let mut plot_series = Vec::new();
    type Pick = fn(&Conductivities) -> Option<f64>;
    let picks: [(&str, Pick); 3] = [
        ("bulk", |c| c.bulk_s_per_m),
        ("grain_boundary", |c| c.grain_boundary_s_per_m),
        ("total", |c| c.total_s_per_m),
    ];
    for (name, pick) in picks {
        let (t, sg): (Vec<f64>, Vec<f64>) = rows
            .iter()
            .filter_map(|(_, t, c)| pick(c).map(|s| (*t, s)))
            .unzip();
        if t.len() < 2 {
            continue;
        }
        let fit = arrhenius(&t, &sg)?;
        plot_series.push(series(
            name,
            t.iter()
                .zip(&sg)
                .map(|(t, s)| (1000.0 / t, s / 100.0 * t))
                .collect(),
            Style::LinePoints,
        ));
        out.insert(name.to_string(), serde_json::to_value(fit)?);
    }
    if let Some(path) = plot {
        XyPlot {
            title: "Arrhenius".into(),
            x_label: "1000/T (1/K)".into(),
            y_label: "σT (S K/cm)".into(),
            log_x: false,
            log_y: true,
            series: plot_series,
        }
        .write(path)?;
    }
    if json_out {
        return print_json(&json!({
            "circuit": circuit.to_string(),
            "geometry": geometry,
            "files": rows.iter().map(|(f, t, c)| json!({"file": f, "temperature_k": t, "conductivity": c})).collect::<Vec<_>>(),
            "contributions": out,
        }));
    }
    let mut t = table(&["file", "T (°C)", "bulk σ", "grain-boundary σ", "total σ"]);
    for (f, temp, c) in &rows {
        t.add_row(vec![
            f.clone(),
            sig(temp - ZERO_CELSIUS, 4),
            s_per_cm(c.bulk_s_per_m),
            s_per_cm(c.grain_boundary_s_per_m),
            s_per_cm(c.total_s_per_m),
        ]);
    }
    println!("{t}");
    for (name, v) in &out {
        let ea = v["activation_energy_ev"].as_f64().unwrap_or(f64::NAN);
        let se = v["activation_energy_stderr_ev"].as_f64();
        let s25 = v["sigma_25c_s_per_m"].as_f64().unwrap_or(f64::NAN);
        println!(
            "  {name:<15} Eₐ = {} eV{}   σ(25 °C) = {} S/cm",
            sig(ea, 3),
            se.map(|s| format!(" ± {}", sig(s, 2))).unwrap_or_default(),
            sig(s25 / 100.0, 3)
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temperature_in_file_names() {
        let t = temperature_from_name(Path::new("data/LLZO-140deg.z"));
        assert_eq!(t, Some(140.0 + ZERO_CELSIUS));
        assert_eq!(
            temperature_from_name(Path::new("run_25.5degC.DTA")),
            Some(25.5 + ZERO_CELSIUS)
        );
        assert_eq!(temperature_from_name(Path::new("spectrum.csv")), None);
    }
}
