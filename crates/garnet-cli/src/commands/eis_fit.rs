//! `garnet eis fit` and `garnet eis bench`: the flags become `FitOptions`, the files
//! become spectra, and garnet-eis fits them (`fit_batch`, `fit_series`, `bench`); this
//! module prints the fit, the batch table (.csv or .json) and the timing.

use std::path::{Path, PathBuf};
use std::time::Instant;

use garnet_eis::batch::{fit_inputs, Chain, Fitted};
use garnet_eis::records::{fit_record, BenchRecord};
use garnet_eis::{
    Circuit, Complex64, EisError, FitOption, FitOptions, FitResult, Spectrum, Weighting,
};
use garnet_plot::figures::{self, ImpedanceUnit};
use garnet_plot::{Series, Style};
use serde_json::json;

use super::eis::{band, load, parse_circuit, FitArgs, FitSetup};
use crate::output::{json_text, print_json, sig, table, write_atomic, Stamp};
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

/// One `--bounds` item as written and as (name, lo, hi).
struct BoundsItem {
    text: String,
    name: String,
    lo: f64,
    hi: f64,
}

/// The syntax of `--bounds R1=1e3..1e6,CPE1_1=0.6..1` (comma-separated or repeated);
/// what the bounds mean is checked by garnet-eis ([`garnet_eis::parameter_bounds`]).
fn parse_bounds(specs: &[String]) -> anyhow::Result<Vec<BoundsItem>> {
    let mut out = Vec::new();
    for item in specs.iter().flat_map(|s| s.split(',')) {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let usage = |m: String| anyhow::Error::new(UsageError(format!("--bounds {item}: {m}")));
        let (name, range) = item
            .split_once('=')
            .ok_or_else(|| usage("expected NAME=LO..HI, e.g. R1=1e3..1e6".to_string()))?;
        let (lo, hi) = range
            .split_once("..")
            .ok_or_else(|| usage(format!("'{range}' is not LO..HI, e.g. 1e3..1e6")))?;
        let num = |t: &str| -> anyhow::Result<f64> {
            t.trim()
                .parse::<f64>()
                .map_err(|_| usage(format!("'{}' is not a number", t.trim())))
        };
        out.push(BoundsItem {
            text: item.to_string(),
            name: name.trim().to_string(),
            lo: num(lo)?,
            hi: num(hi)?,
        });
    }
    Ok(out)
}

/// A set-up error of garnet-eis as a usage error that names the flag it came from.
fn setup_error(e: EisError, options: &FitOptions, bounds: &[BoundsItem]) -> anyhow::Error {
    let flag = match options.option_of(&e) {
        Some(FitOption::Bounds(k)) => format!("--bounds {}: ", bounds[k].text),
        Some(FitOption::Fixed(k)) => format!("--fix {}: ", options.fixed[k].0),
        Some(FitOption::Starts) => "--starts: ".to_string(),
        Some(FitOption::Initial) => "--initial: ".to_string(),
        None => String::new(),
    };
    UsageError(format!("{flag}{e}")).into()
}

/// A fit as the command's result: errors in the set-up are usage errors.
pub(crate) fn timed_fit(
    circuit: &Circuit,
    s: &Spectrum,
    options: &FitOptions,
) -> anyhow::Result<(FitResult, f64)> {
    let t = garnet_eis::fit_timed(circuit, s, options);
    let r = t.outcome.map_err(|e| {
        if e.is_setup() {
            anyhow::Error::new(UsageError(e.to_string()))
        } else {
            anyhow::Error::new(e)
        }
    })?;
    Ok((r, t.time_ms))
}

/// Circuit and fit options from the flags (the validated configuration).
/// The stamp of a fit's output: the circuit, the frequency band and the fit options
/// (`FitOptions::model_options`, as `garnet.eis.fit` stamps its result).
pub(crate) fn fit_stamp(
    command: &str,
    circuit: &Circuit,
    setup: &FitSetup,
    options: &FitOptions,
) -> anyhow::Result<Stamp> {
    let (fmin, fmax) = setup.band.hz()?;
    let o = options.model_options(circuit, fmin, fmax, setup.capacitive_only);
    Stamp::model(command, &o)
}

pub(crate) fn fit_plan(setup: &FitSetup) -> anyhow::Result<(Circuit, FitOptions)> {
    let circuit = parse_circuit(&setup.circuit)?;
    let bounds = parse_bounds(&setup.bounds)?;
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
        bounds: bounds
            .iter()
            .map(|b| (b.name.clone(), b.lo, b.hi))
            .collect(),
        starts: setup.starts.unwrap_or(garnet_eis::starts::DEFAULT_STARTS),
        ..FitOptions::default()
    };
    let options = FitOptions {
        seed: setup.seed.unwrap_or(options.seed),
        ..options
    };
    options
        .validate(&circuit)
        .map_err(|e| setup_error(e, &options, &bounds))?;
    Ok((circuit, options))
}

/// A spectrum for fitting: the band, then (if asked) only the capacitive points.
fn for_fit(s: Spectrum, setup: &FitSetup) -> anyhow::Result<Spectrum> {
    let s = band(s, &setup.band)?;
    Ok(if setup.capacitive_only {
        s.capacitive_only()?
    } else {
        s
    })
}

/// Read a file for fitting: its first spectrum, cut as [`for_fit`].
pub(crate) fn load_for_fit(path: &Path, setup: &FitSetup) -> anyhow::Result<Spectrum> {
    for_fit(load(path, &super::eis::Band::default())?, setup)
}

/// One spectrum to fit: `FILE`, or `FILE#k` (1-based) for one of several, and the
/// spectrum or why it could not be read.
struct Row {
    label: String,
    spectrum: anyhow::Result<Spectrum>,
}

/// The spectra to fit: the first of each file, or with `--all-spectra` every spectrum
/// of a file holding several. A file that cannot be read stays one row, so its error is
/// reported with the others.
fn rows(files: &[PathBuf], setup: &FitSetup, all_spectra: bool) -> Vec<Row> {
    let mut out = Vec::new();
    for file in files {
        let name = file.display().to_string();
        let several = all_spectra
            .then(|| std::fs::read(file).ok())
            .flatten()
            .and_then(|b| garnet_eis::readers::read_all_bytes(&name, &b).ok())
            .filter(|all| all.len() > 1);
        match several {
            Some(all) => out.extend(all.into_iter().enumerate().map(|(k, s)| Row {
                label: format!("{name}#{}", k + 1),
                spectrum: for_fit(s, setup),
            })),
            None => out.push(Row {
                label: name,
                spectrum: load_for_fit(file, setup),
            }),
        }
    }
    out
}

/// One fit in a batch: the spectrum, its fit and time, or the error.
struct FileFit {
    label: String,
    outcome: anyhow::Result<Fitted>,
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

/// Fit the rows that could be read (in parallel, or in series); each result in its row.
fn fit_rows(rows: Vec<Row>, circuit: &Circuit, options: &FitOptions, series: bool) -> Vec<FileFit> {
    let bar = progress(rows.len());
    let chain = if series {
        Chain::Series
    } else {
        Chain::Independent
    };
    let (labels, inputs): (Vec<String>, Vec<_>) =
        rows.into_iter().map(|r| (r.label, r.spectrum)).unzip();
    let fits = fit_inputs(circuit, inputs, options, chain, &|| bar.inc(1));
    bar.finish_and_clear();
    let rows = labels.into_iter().zip(fits);
    rows.map(|(label, outcome)| FileFit { label, outcome })
        .collect()
}

/// One spectrum: errors are the command's errors; the fit is printed (or its JSON) and
/// plotted if asked.
fn fit_one(
    args: &FitArgs,
    circuit: &Circuit,
    options: &FitOptions,
    row: Row,
) -> anyhow::Result<()> {
    let spectrum = row.spectrum?;
    let (result, ms) = timed_fit(circuit, &spectrum, options)?;
    if let Some(path) = &args.plot {
        nyquist(circuit, &result, &spectrum, path)?;
    }
    if let Some(path) = &args.bode {
        bode(circuit, &result, &spectrum, path)?;
    }
    if args.json {
        let stamp = fit_stamp("eis fit", circuit, &args.setup, options)?;
        return print_json(&fit_record(&result, ms, &spectrum, &row.label), &stamp);
    }
    print_fit(&result, ms, &spectrum);
    Ok(())
}

pub(crate) fn fit_cmd(args: FitArgs) -> anyhow::Result<()> {
    let setup = &args.setup;
    let (circuit, options) = fit_plan(setup)?;
    if args.files.len() > 1 && (args.plot.is_some() || args.bode.is_some()) {
        return Err(UsageError("--plot and --bode take a single file".into()).into());
    }
    if let Some(out) = &args.out {
        table_format(out)?;
    }
    let t0 = Instant::now();
    let mut rows = rows(&args.files, setup, args.all_spectra);
    if rows.len() > 1 && (args.plot.is_some() || args.bode.is_some()) {
        return Err(UsageError("--plot and --bode take a single spectrum".into()).into());
    }
    // One file: errors are the command's errors, output as before.
    if rows.len() == 1 && args.out.is_none() {
        if let Some(row) = rows.pop() {
            return fit_one(&args, &circuit, &options, row);
        }
    }
    let fits = fit_rows(rows, &circuit, &options, args.series);
    let wall_ms = t0.elapsed().as_secs_f64() * 1e3;
    let failed = fits.iter().filter(|f| f.outcome.is_err()).count();
    for f in &fits {
        if let Err(e) = &f.outcome {
            eprintln!("error: {}: {e:#}", f.label);
        }
    }
    let stamp = fit_stamp("eis fit", &circuit, setup, &options)?;
    if let Some(path) = &args.out {
        let bytes = match table_format(path)? {
            TableFormat::Csv => fits_csv(&circuit, &fits)?,
            TableFormat::Json => json_text(&fits_json(&fits), &stamp)?.into_bytes(),
        };
        write_atomic(path, &bytes)?;
        eprintln!("wrote {} fits to {}", fits.len(), path.display());
    }
    if args.json {
        print_json(&fits_json(&fits), &stamp)?;
    } else {
        let names = circuit.parameter_names();
        let mut header = vec!["file", "χ²", "converged"];
        header.extend(names.iter().map(String::as_str));
        let mut t = table(&header);
        for f in &fits {
            let mut row = vec![f.label.clone()];
            match &f.outcome {
                Ok(Fitted { fit: r, .. }) => {
                    row.push(sig(r.chi2, 4));
                    row.push(if r.converged { "yes" } else { "no" }.to_string());
                    row.extend(r.parameters.iter().map(|p| sig(p.value, 5)));
                }
                Err(_) => row.push("failed".to_string()),
            }
            t.add_row(row);
        }
        println!("{t}");
        let how = if args.series {
            ", fitted in series"
        } else {
            ""
        };
        println!("{} fits{how} in {} ms", fits.len(), sig(wall_ms, 3));
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
                    Ok(f) => fit_record(&f.fit, f.time_ms, &f.spectrum, &file),
                    Err(e) => json!({ "file": file, "error": format!("{e:#}") }),
                }
            })
            .collect(),
    )
}

/// One row per file (garnet_eis::batch::table_header): statistics, then each parameter
/// and its standard error.
fn fits_csv(circuit: &Circuit, fits: &[FileFit]) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(garnet_eis::batch::table_header(circuit))?;
    for f in fits {
        let cells = match &f.outcome {
            Ok(f) => garnet_eis::batch::table_row(&f.fit, f.time_ms),
            Err(e) => garnet_eis::batch::failed_table_row(circuit, &format!("{e:#}")),
        };
        w.write_record(std::iter::once(f.label.clone()).chain(cells))?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

pub(crate) fn bench_cmd(
    file: &Path,
    setup: &FitSetup,
    repeat: usize,
    json_out: bool,
) -> anyhow::Result<()> {
    let (circuit, options) = fit_plan(setup)?;
    let s = load_for_fit(file, setup)?;
    let b = garnet_eis::bench(&circuit, &s, &options, repeat).map_err(|e| match e {
        EisError::ZeroCount { .. } => UsageError(format!("--repeat: {e}")).into(),
        other => anyhow::Error::new(other),
    })?;
    let warm = &b.fit;
    if json_out {
        let stamp = fit_stamp("eis bench", &circuit, setup, &options)?;
        let record = BenchRecord::new(&file.display().to_string(), &s, options.starts, &b);
        return print_json(&serde_json::to_value(record)?, &stamp); // keys sorted, as always
    }
    println!(
        "{} on {} ({} points, {} start{}): median {} ms per fit (min {}, max {}) over {repeat} fits; χ² = {}, {} iterations",
        warm.circuit,
        file.display(),
        s.len(),
        options.starts,
        if options.starts == 1 { "" } else { "s" },
        sig(b.median_ms, 3),
        sig(b.min_ms, 3),
        sig(b.max_ms, 3),
        sig(warm.chi2, 5),
        warm.iterations
    );
    Ok(())
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
    let q = &r.quality;
    let kk = q
        .residuals
        .as_ref()
        .map(|k| {
            format!(
                "   residuals {}× Kramers–Kronig's",
                sig(k.residual_ratio, 2)
            )
        })
        .unwrap_or_default();
    println!(
        "{} of {} start{} reached the best χ²   condition number {}{}",
        r.starts_at_best,
        r.starts_run,
        if r.starts_run == 1 { "" } else { "s" },
        sig(q.condition_number, 2),
        kk
    );
    if r.blocks_reordered {
        println!(
            "interchangeable blocks put in time-constant order (R1 the highest-frequency arc)"
        );
    }
    for w in q.warnings() {
        eprintln!("warning: {w}");
    }
    if !r.converged {
        eprintln!("warning: the fit stopped at the iteration limit");
    }
}

/// The data and the fitted model on 400 log-spaced frequencies across the data's band,
/// as (frequency, Z′, Z″), for plots.
type Points = Vec<(f64, f64, f64)>;
fn curves(circuit: &Circuit, r: &FitResult, s: &Spectrum) -> (Points, Points) {
    let grid = s.log_grid(400);
    let model = circuit.spectrum(&r.values(), &grid);
    let triples =
        |f: &[f64], z: &[Complex64]| f.iter().zip(z).map(|(f, z)| (*f, z.re, z.im)).collect();
    (triples(s.frequency_hz(), s.z()), triples(&grid, &model))
}

/// Bode plots: |Z| to `path`, the phase beside it ([`figures::bode_phase_path`]).
fn bode(circuit: &Circuit, r: &FitResult, s: &Spectrum, path: &Path) -> anyhow::Result<()> {
    let (data, fit) = curves(circuit, r, s);
    let (magnitude, phase) = figures::bode(&r.circuit, &data, &fit);
    magnitude.write(path)?;
    phase.write(&figures::bode_phase_path(path))?;
    Ok(())
}

fn nyquist(circuit: &Circuit, r: &FitResult, s: &Spectrum, path: &Path) -> anyhow::Result<()> {
    let (data, fit) = curves(circuit, r, s);
    let xy = |v: Points| v.into_iter().map(|(_, re, im)| (re, im)).collect();
    let series = vec![
        Series::new("data", xy(data), Style::Points),
        Series::new("fit", xy(fit), Style::Line),
    ];
    let title = format!("Nyquist: {}", r.circuit);
    figures::nyquist(title, ImpedanceUnit::Ohm, series).write(path)?;
    Ok(())
}
