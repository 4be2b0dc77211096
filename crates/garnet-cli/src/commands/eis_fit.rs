//! `garnet eis fit` and `garnet eis bench`: one file, a parallel batch or a series of
//! fits, the batch table (.csv or .json) and fit timing. Split from `eis.rs`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use garnet_eis::{fit, Circuit, Complex64, FitOptions, FitResult, Spectrum, Weighting};
use garnet_plot::{Style, XyPlot};
use serde_json::json;

use super::eis::{load, load_all, parse_circuit, series, FitArgs, FitSetup};
use crate::output::{print_json, sig, table, write_atomic};
use crate::UsageError;

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

/// `--bounds R1=1e3..1e6,CPE1_1=0.6..1` → (name, lo, hi); a usage error names the
/// parameter when it is not in the circuit (with the closest name) or when lo ≥ hi.
fn parse_bounds(circuit: &Circuit, specs: &[String]) -> anyhow::Result<Vec<(String, f64, f64)>> {
    let mut out: Vec<(String, f64, f64)> = Vec::new();
    for item in specs.iter().flat_map(|s| s.split(',')) {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let usage = |m: String| anyhow::Error::new(UsageError(format!("--bounds {item}: {m}")));
        let (name, range) = item
            .split_once('=')
            .ok_or_else(|| usage("expected NAME=LO..HI, e.g. R1=1e3..1e6".to_string()))?;
        let name = name.trim();
        circuit
            .parameter_index(name)
            .map_err(|e| usage(e.to_string()))?;
        let (lo, hi) = range
            .split_once("..")
            .ok_or_else(|| usage(format!("'{range}' is not LO..HI, e.g. 1e3..1e6")))?;
        let num = |t: &str| -> anyhow::Result<f64> {
            t.trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| usage(format!("'{}' is not a finite number", t.trim())))
        };
        let (lo, hi) = (num(lo)?, num(hi)?);
        if lo >= hi {
            return Err(usage(format!(
                "the lower bound of {name} ({lo}) is not below the upper bound ({hi})"
            )));
        }
        if out.iter().any(|(n, _, _)| n == name) {
            return Err(usage(format!("{name} is bounded twice")));
        }
        out.push((name.to_string(), lo, hi));
    }
    Ok(out)
}

pub(crate) fn timed_fit(
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

/// Circuit and fit options from the flags (the validated configuration).
fn fit_plan(setup: &FitSetup) -> anyhow::Result<(Circuit, FitOptions)> {
    let circuit = parse_circuit(&setup.circuit)?;
    if setup.starts == Some(0) {
        return Err(UsageError("--starts must be at least 1".into()).into());
    }
    let options = FitOptions {
        weighting: setup
            .weighting
            .parse::<Weighting>()
            .map_err(|e| UsageError(format!("--{e}")))?,
        initial: setup
            .initial
            .as_deref()
            .map(|s| parse_list("--initial", s))
            .transpose()?,
        fixed: setup
            .fix
            .iter()
            .map(|s| parse_fix(s))
            .collect::<Result<_, _>>()?,
        bounds: parse_bounds(&circuit, &setup.bounds)?,
        starts: setup.starts.unwrap_or(1),
        ..FitOptions::default()
    };
    Ok((circuit, options))
}

/// Read a file for fitting: the band, then (if asked) only the capacitive points.
fn load_for_fit(path: &Path, setup: &FitSetup) -> anyhow::Result<Spectrum> {
    let s = load(path, setup.fmin.as_deref(), setup.fmax.as_deref())?;
    if setup.capacitive_only {
        return Ok(s.capacitive_only()?);
    }
    Ok(s)
}

/// What one fit reads: a file, or one spectrum of a file holding several.
struct Source {
    file: PathBuf,
    /// Which spectrum (0-based) with `--all-spectra`; `None` for the file's first.
    index: Option<usize>,
}

impl Source {
    /// `FILE`, or `FILE#k` (1-based) for one of several spectra.
    fn label(&self) -> String {
        match self.index {
            Some(k) => format!("{}#{}", self.file.display(), k + 1),
            None => self.file.display().to_string(),
        }
    }
}

/// The fits to do: one per file, or with `--all-spectra` one per spectrum. A file that
/// cannot be read stays one source, so its error is reported with the others.
fn sources(files: &[PathBuf], all_spectra: bool) -> Vec<Source> {
    let mut out = Vec::new();
    for file in files {
        let count = if all_spectra {
            std::fs::read(file)
                .ok()
                .and_then(|b| {
                    garnet_eis::readers::read_all_bytes(&file.display().to_string(), &b).ok()
                })
                .map_or(1, |all| all.len())
        } else {
            1
        };
        if count > 1 {
            out.extend((0..count).map(|k| Source {
                file: file.clone(),
                index: Some(k),
            }));
        } else {
            out.push(Source {
                file: file.clone(),
                index: None,
            });
        }
    }
    out
}

/// One fit in a batch: the result, its time and the spectrum, or the error.
struct FileFit {
    label: String,
    outcome: anyhow::Result<(FitResult, f64, Spectrum)>,
}

fn fit_file(
    source: &Source,
    setup: &FitSetup,
    circuit: &Circuit,
    options: &FitOptions,
) -> anyhow::Result<(FitResult, f64, Spectrum)> {
    let s = match source.index {
        None => load_for_fit(&source.file, setup)?,
        Some(k) => {
            let mut all = load_all(&source.file, setup.fmin.as_deref(), setup.fmax.as_deref())?;
            if k >= all.len() {
                anyhow::bail!("{} has no spectrum {}", source.file.display(), k + 1);
            }
            let s = all.swap_remove(k);
            if setup.capacitive_only {
                s.capacitive_only()?
            } else {
                s
            }
        }
    };
    let (r, ms) = timed_fit(circuit, &s, options)?;
    Ok((r, ms, s))
}

/// A progress bar on stderr when it is a terminal and there is more than one file.
fn progress(n: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if n < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(n as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} fits, {elapsed} {msg}")
    {
        bar.set_style(style);
    }
    bar
}

pub(crate) fn fit_cmd(args: FitArgs) -> anyhow::Result<()> {
    use rayon::prelude::*;
    let setup = &args.setup;
    let (circuit, options) = fit_plan(setup)?;
    if args.files.len() > 1 && (args.plot.is_some() || args.bode.is_some()) {
        return Err(UsageError("--plot and --bode take a single file".into()).into());
    }
    if let Some(out) = &args.out {
        table_format(out)?;
    }
    let sources = sources(&args.files, args.all_spectra);
    if sources.len() > 1 && (args.plot.is_some() || args.bode.is_some()) {
        return Err(UsageError("--plot and --bode take a single spectrum".into()).into());
    }
    // One file: errors are the command's errors, output as before.
    if sources.len() == 1 && args.out.is_none() {
        let (result, ms, spectrum) = fit_file(&sources[0], setup, &circuit, &options)?;
        if let Some(path) = &args.plot {
            nyquist(&circuit, &result, &spectrum, path)?;
        }
        if let Some(path) = &args.bode {
            bode(&circuit, &result, &spectrum, path)?;
        }
        let file = sources[0].label();
        if args.json {
            return print_json(&fit_json(&result, ms, &spectrum, &file));
        }
        print_fit(&result, ms, &spectrum);
        return Ok(());
    }
    let bar = progress(sources.len());
    let t0 = Instant::now();
    let fits: Vec<FileFit> = if args.series {
        let mut previous: Option<Vec<f64>> = None;
        let mut out = Vec::new();
        for source in &sources {
            let opts = FitOptions {
                initial: previous.clone().or_else(|| options.initial.clone()),
                ..options.clone()
            };
            let outcome = fit_file(source, setup, &circuit, &opts);
            if let Ok((r, _, _)) = &outcome {
                previous = Some(r.values());
            }
            bar.inc(1);
            out.push(FileFit {
                label: source.label(),
                outcome,
            });
        }
        out
    } else {
        sources
            .par_iter()
            .map(|source| {
                let outcome = fit_file(source, setup, &circuit, &options);
                bar.inc(1);
                FileFit {
                    label: source.label(),
                    outcome,
                }
            })
            .collect()
    };
    bar.finish_and_clear();
    let wall_ms = t0.elapsed().as_secs_f64() * 1e3;
    let failed = fits.iter().filter(|f| f.outcome.is_err()).count();
    for f in &fits {
        if let Err(e) = &f.outcome {
            eprintln!("error: {}: {e:#}", f.label);
        }
    }
    if let Some(path) = &args.out {
        let bytes = match table_format(path)? {
            TableFormat::Csv => fits_csv(&circuit, &fits)?,
            TableFormat::Json => serde_json::to_vec_pretty(&fits_json(&fits))?,
        };
        write_atomic(path, &bytes)?;
        eprintln!("wrote {} fits to {}", fits.len(), path.display());
    }
    if args.json {
        print_json(&fits_json(&fits))?;
    } else {
        let names = circuit.parameter_names();
        let mut header = vec!["file", "χ²", "converged"];
        header.extend(names.iter().map(String::as_str));
        let mut t = table(&header);
        for f in &fits {
            let mut row = vec![f.label.clone()];
            match &f.outcome {
                Ok((r, _, _)) => {
                    row.push(sig(r.chi2, 4));
                    row.push(if r.converged { "yes" } else { "no" }.to_string());
                    row.extend(r.parameters.iter().map(|p| sig(p.value, 5)));
                }
                Err(_) => row.push("failed".to_string()),
            }
            t.add_row(row);
        }
        println!("{t}");
        println!(
            "{} fits{} in {} ms",
            fits.len(),
            if args.series {
                ", fitted in series"
            } else {
                ""
            },
            sig(wall_ms, 3)
        );
    }
    if failed > 0 {
        anyhow::bail!("{failed} of {} fits failed", fits.len());
    }
    Ok(())
}

/// Formats of the batch table.
enum TableFormat {
    Csv,
    Json,
}

fn table_format(path: &Path) -> anyhow::Result<TableFormat> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("csv") => Ok(TableFormat::Csv),
        Some("json") => Ok(TableFormat::Json),
        _ => Err(UsageError(format!(
            "-o {}: the table is written as .csv or .json",
            path.display()
        ))
        .into()),
    }
}

fn fits_json(fits: &[FileFit]) -> serde_json::Value {
    serde_json::Value::Array(
        fits.iter()
            .map(|f| {
                let file = f.label.clone();
                match &f.outcome {
                    Ok((r, ms, s)) => fit_json(r, *ms, s, &file),
                    Err(e) => json!({ "file": file, "error": format!("{e:#}") }),
                }
            })
            .collect(),
    )
}

/// One row per file: statistics, then each parameter and its standard error.
fn fits_csv(circuit: &Circuit, fits: &[FileFit]) -> anyhow::Result<Vec<u8>> {
    let names = circuit.parameter_names();
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "file",
        "n_points",
        "chi2",
        "reduced_chi2",
        "aic",
        "bic",
        "converged",
        "iterations",
        "fit_time_ms",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for n in &names {
        header.push(n.clone());
        header.push(format!("{n}_stderr"));
    }
    header.push("error".to_string());
    w.write_record(&header)?;
    let num = |v: f64| format!("{v:e}");
    for f in fits {
        let mut row = vec![f.label.clone()];
        match &f.outcome {
            Ok((r, ms, _)) => {
                row.extend([
                    r.n_points.to_string(),
                    num(r.chi2),
                    num(r.reduced_chi2),
                    r.aic.to_string(),
                    r.bic.to_string(),
                    r.converged.to_string(),
                    r.iterations.to_string(),
                    format!("{ms:.4}"),
                ]);
                for p in &r.parameters {
                    row.push(num(p.value));
                    row.push(p.stderr.map(num).unwrap_or_default());
                }
                row.push(String::new());
            }
            Err(e) => {
                row.extend(std::iter::repeat_n(String::new(), 8 + 2 * names.len()));
                row.push(format!("{e:#}"));
            }
        }
        w.write_record(&row)?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

pub(crate) fn bench_cmd(
    file: &Path,
    setup: &FitSetup,
    repeat: usize,
    json_out: bool,
) -> anyhow::Result<()> {
    if repeat == 0 {
        return Err(UsageError("--repeat must be at least 1".into()).into());
    }
    let (circuit, options) = fit_plan(setup)?;
    let s = load_for_fit(file, setup)?;
    let (warm, _) = timed_fit(&circuit, &s, &options)?;
    let mut times = Vec::with_capacity(repeat);
    for _ in 0..repeat {
        let (_, ms) = timed_fit(&circuit, &s, &options)?;
        times.push(ms);
    }
    times.sort_by(f64::total_cmp);
    let median = if repeat % 2 == 1 {
        times[repeat / 2]
    } else {
        0.5 * (times[repeat / 2 - 1] + times[repeat / 2])
    };
    let (min, max) = (times[0], times[repeat - 1]);
    if json_out {
        return print_json(&json!({
            "file": file.display().to_string(),
            "circuit": warm.circuit,
            "n_points": s.len(),
            "starts": options.starts,
            "repeat": repeat,
            "median_ms": median,
            "min_ms": min,
            "max_ms": max,
            "chi2": warm.chi2,
            "iterations": warm.iterations,
            "evaluations": warm.evaluations,
        }));
    }
    println!(
        "{} on {} ({} points, {} start{}): median {} ms per fit (min {}, max {}) over {repeat} fits; χ² = {}, {} iterations",
        warm.circuit,
        file.display(),
        s.len(),
        options.starts,
        if options.starts == 1 { "" } else { "s" },
        sig(median, 3),
        sig(min, 3),
        sig(max, 3),
        sig(warm.chi2, 5),
        warm.iterations
    );
    Ok(())
}

pub(crate) fn fit_json(r: &FitResult, ms: f64, s: &Spectrum, file: &str) -> serde_json::Value {
    let mut v = r.to_json();
    if let Some(obj) = v.as_object_mut() {
        obj.insert("file".into(), json!(file));
        obj.insert("fit_time_ms".into(), json!(ms));
        obj.insert("metadata".into(), json!(s.metadata));
    }
    v
}

pub(crate) fn print_fit(r: &FitResult, ms: f64, s: &Spectrum) {
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

/// The fitted model on 400 log-spaced frequencies across the data's band, for plots.
fn fit_curve(circuit: &Circuit, r: &FitResult, s: &Spectrum) -> (Vec<f64>, Vec<Complex64>) {
    let f = s.frequency_hz();
    let (lo, hi) = f
        .iter()
        .fold((f64::INFINITY, 0.0f64), |(a, b), &x| (a.min(x), b.max(x)));
    let grid: Vec<f64> = (0..400)
        .map(|i| (lo.ln() + (hi / lo).ln() * i as f64 / 399.0).exp())
        .collect();
    let model = circuit.spectrum(&r.values(), &grid);
    (grid, model)
}

/// Bode plots: |Z| (log–log) to `path`, the phase (degrees, log frequency) to the same
/// name with `-phase` before the extension.
fn bode(circuit: &Circuit, r: &FitResult, s: &Spectrum, path: &Path) -> anyhow::Result<()> {
    let (grid, model) = fit_curve(circuit, r, s);
    let panel = |title: &str, y_label: &str, log_y: bool, y: fn(&Complex64) -> f64| XyPlot {
        title: format!("{title}: {}", r.circuit),
        x_label: "f (Hz)".into(),
        y_label: y_label.into(),
        log_x: true,
        log_y,
        series: vec![
            series(
                "data",
                s.frequency_hz()
                    .iter()
                    .zip(s.z())
                    .map(|(f, z)| (*f, y(z)))
                    .collect(),
                Style::Points,
            ),
            series(
                "fit",
                grid.iter().zip(&model).map(|(f, z)| (*f, y(z))).collect(),
                Style::Line,
            ),
        ],
    };
    panel("Bode |Z|", "|Z| (Ω)", true, |z| z.norm()).write(path)?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("bode");
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("png");
    panel("Bode phase", "−phase (°)", false, |z| {
        -z.arg().to_degrees()
    })
    .write(&path.with_file_name(format!("{stem}-phase.{ext}")))?;
    Ok(())
}

fn nyquist(circuit: &Circuit, r: &FitResult, s: &Spectrum, path: &Path) -> anyhow::Result<()> {
    let (_, model) = fit_curve(circuit, r, s);
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
