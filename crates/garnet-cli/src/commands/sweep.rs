//! `garnet sweep DESIGN.toml --vary PATH=VALUES … -o results.parquet`: many variants
//! of one design, each discharged at one rate, one Parquet row per design.
//!
//! Resuming: rows are written in chunks to `OUT.parts/part-NNNNN.parquet` (each file
//! atomically) next to `OUT.parts/manifest.json`, which records the sweep's
//! definition. Running the same command again after an interruption reads the parts,
//! computes only the designs that are missing, then merges everything into `OUT`
//! (atomically) and removes the parts. A different sweep against existing parts is
//! an error unless `--restart`.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use garnet_cell::Design;
use garnet_materials::MaterialDb;
use garnet_sweep::{Plan, Point, Row, Sweep, Table, Timings, Variation};
use rayon::prelude::*;
use serde_json::json;

use crate::cli::MaterialsSource;
use crate::commands::materials::load_db;
use crate::commands::simulate::parse_rates;
use crate::output::{sig, write_atomic};
use crate::UsageError;

/// `garnet sweep`.
#[derive(Debug, Args)]
pub struct SweepArgs {
    /// Base design file (TOML with units; see docs/design.md).
    pub design: PathBuf,
    /// A field to vary, PATH=VALUES: a value, a list a,b,c or a range A..B:N, in the
    /// field's units (e.g. separator.thickness=20um..200um:10,
    /// cathode.contact_fraction=0.2..1:9). Repeat for more fields; the full factorial
    /// is run, the last --vary changing fastest.
    #[arg(long = "vary", value_name = "PATH=VALUES", allow_hyphen_values = true)]
    pub vary: Vec<String>,
    /// Run a Latin hypercube of N designs over the ranges' ends (A..B) instead of
    /// the full factorial.
    #[arg(long, value_name = "N")]
    pub samples: Option<usize>,
    /// Seed of the Latin hypercube.
    #[arg(long, default_value_t = 0, requires = "samples")]
    pub seed: u64,
    /// Constant-current discharge rate (each design's own 1C).
    #[arg(long, default_value = "1C")]
    pub rate: String,
    /// Worker threads (default: all cores; 1 with --bench).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Output Parquet file.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        required_unless_present = "bench"
    )]
    pub output: Option<PathBuf>,
    /// Skip the §5.1 resistance pulse (its columns are then null).
    #[arg(long)]
    pub no_resistance: bool,
    /// Discard the parts of an earlier, interrupted sweep into the same output.
    #[arg(long)]
    pub restart: bool,
    /// No progress bar (it is hidden anyway when stderr is not a terminal).
    #[arg(long, short)]
    pub quiet: bool,
    /// Time the designs instead of writing them: designs per second and where the
    /// time goes (resolve, discharge, resistance pulse), single-threaded unless --jobs.
    #[arg(long)]
    pub bench: bool,
    /// Designs per part file (how much an interruption can lose).
    #[arg(long, hide = true, value_name = "N")]
    pub chunk: Option<usize>,
    /// Stop after writing this many part files, as if interrupted (tests of resuming).
    #[arg(long, hide = true, value_name = "N")]
    pub stop_after: Option<usize>,
    #[command(flatten)]
    pub source: MaterialsSource,
}

/// Version of the parts layout and manifest.
const FORMAT: u32 = 1;
/// Footer metadata key of the merged file: the sweep's definition (JSON).
const METADATA_KEY: &str = "garnet.sweep";

fn usage(e: impl ToString) -> anyhow::Error {
    UsageError(e.to_string()).into()
}

/// The sweep the flags describe.
fn build_sweep(args: &SweepArgs) -> anyhow::Result<Sweep> {
    let label = args.design.display().to_string();
    let text =
        std::fs::read_to_string(&args.design).with_context(|| format!("reading design {label}"))?;
    let base = Design::from_toml(&label, &text)?;
    let variations = args
        .vary
        .iter()
        .map(|s| Variation::parse(s).map_err(usage))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let rates = parse_rates(&args.rate)?;
    let [(_, rate)] = rates.as_slice() else {
        return Err(usage("--rate: give one rate"));
    };
    let plan = match args.samples {
        Some(samples) => Plan::LatinHypercube {
            samples,
            seed: args.seed,
        },
        None => Plan::Factorial,
    };
    let mut sweep = Sweep::new(base, variations, *rate, plan).map_err(usage)?;
    sweep.resistance = !args.no_resistance;
    Ok(sweep)
}

/// The manifest: the sweep's definition plus what else decides its rows.
fn manifest(args: &SweepArgs, sweep: &Sweep, n_points: usize) -> anyhow::Result<String> {
    let materials = match &args.source.materials {
        Some(p) => {
            let bytes = std::fs::read(p)
                .with_context(|| format!("reading materials file {}", p.display()))?;
            Some(format!("{:016x}", garnet_sweep::fnv1a64(&bytes)))
        }
        None => None,
    };
    let m = json!({
        "format": FORMAT,
        "garnet_version": env!("CARGO_PKG_VERSION"),
        "sweep": sweep.definition(),
        "materials_fnv1a64": materials,
        "n_designs": n_points,
        "columns": sweep.column_names(),
    });
    Ok(serde_json::to_string_pretty(&m)?)
}

/// Which parts of two manifests differ, for the error message.
fn differences(old: &str, new: &str) -> String {
    let (Ok(old), Ok(new)) = (
        serde_json::from_str::<serde_json::Value>(old),
        serde_json::from_str::<serde_json::Value>(new),
    ) else {
        return "the manifest is unreadable".to_string();
    };
    let mut keys = Vec::new();
    let names = [
        ("design_fnv1a64", "the design file"),
        ("variations", "the --vary values"),
        ("rate_c", "--rate"),
        ("plan", "--samples/--seed"),
        ("resistance", "--no-resistance"),
    ];
    for (k, what) in names {
        if old["sweep"][k] != new["sweep"][k] {
            keys.push(what);
        }
    }
    if old["materials_fnv1a64"] != new["materials_fnv1a64"] {
        keys.push("the --materials file");
    }
    if old["format"] != new["format"] || old["garnet_version"] != new["garnet_version"] {
        keys.push("the garnet version");
    }
    if keys.is_empty() {
        "the definition".to_string()
    } else {
        keys.join(", ")
    }
}

fn progress_bar(n: usize, quiet: bool) -> indicatif::ProgressBar {
    if quiet || n == 0 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(n as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} designs, {elapsed} elapsed, {eta} left, {per_sec}",
    ) {
        bar.set_style(style);
    }
    bar
}

fn thread_pool(jobs: usize) -> anyhow::Result<rayon::ThreadPool> {
    if jobs == 0 {
        return Err(usage("--jobs must be at least 1"));
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("starting worker threads")
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

pub fn run(args: &SweepArgs) -> anyhow::Result<()> {
    let sweep = build_sweep(args)?;
    let points = sweep.points().map_err(usage)?;
    let db = load_db(&args.source)?;
    if args.bench {
        return bench(args, &sweep, &db, &points);
    }
    let Some(out) = &args.output else {
        return Err(usage("-o FILE is required"));
    };
    let manifest_text = manifest(args, &sweep, points.len())?;
    let parts_dir = parts_dir(out);

    // A finished sweep of the same definition: nothing to do.
    if !parts_dir.exists() && !args.restart && out.exists() {
        if let Ok(done) = garnet_parquet::read(out) {
            if done.metadata(METADATA_KEY) == Some(manifest_text.as_str()) {
                println!(
                    "{} already holds this sweep ({} designs); nothing to do (--restart recomputes it)",
                    out.display(),
                    done.table.n_rows()
                );
                return Ok(());
            }
        }
    }
    let mut parts = prepare_parts(&parts_dir, &manifest_text, args.restart)?;
    let expected: Vec<String> = sweep.column_names();
    let mut done = BTreeSet::new();
    for (path, table) in &parts.tables {
        let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        if names != expected.iter().map(String::as_str).collect::<Vec<_>>() {
            anyhow::bail!(
                "{}: columns differ from this sweep's; rerun with --restart",
                path.display()
            );
        }
        for i in table.i64s("index").unwrap_or_default().iter().flatten() {
            done.insert(*i as usize);
        }
    }
    let todo: Vec<Point> = points
        .iter()
        .filter(|p| !done.contains(&p.index))
        .cloned()
        .collect();
    if !done.is_empty() {
        eprintln!(
            "resuming: {} of {} designs already in {}",
            points.len() - todo.len(),
            points.len(),
            parts_dir.display()
        );
    }
    let jobs = args.jobs.unwrap_or_else(cores);
    let pool = thread_pool(jobs)?;
    let chunk = args.chunk.unwrap_or(512).max(1);
    let bar = progress_bar(todo.len(), args.quiet);
    let t0 = Instant::now();
    let computed = compute_in_parts(
        &sweep,
        &db,
        &todo,
        &pool,
        chunk,
        args.stop_after,
        &bar,
        &mut parts,
    )?;
    let elapsed = t0.elapsed().as_secs_f64();
    bar.finish_and_clear();
    if let Some(n) = args.stop_after {
        if computed.stopped {
            return Err(anyhow::anyhow!(
                "stopped after {n} part(s) (--stop-after); run the same command again to resume"
            ));
        }
    }

    // Merge: every design exactly once, in index order.
    let merged = Table::concat(
        &parts
            .tables
            .iter()
            .map(|(_, t)| t.clone())
            .collect::<Vec<_>>(),
    )?;
    let index: Vec<usize> = merged
        .i64s("index")
        .unwrap_or_default()
        .iter()
        .map(|i| i.unwrap_or(-1) as usize)
        .collect();
    let mut order: Vec<usize> = (0..index.len()).collect();
    order.sort_by_key(|&r| index[r]);
    let sorted_index: Vec<usize> = order.iter().map(|&r| index[r]).collect();
    if sorted_index != (0..points.len()).collect::<Vec<_>>() {
        anyhow::bail!(
            "{}: the parts hold {} rows for {} designs (duplicates or gaps); rerun with --restart",
            parts_dir.display(),
            sorted_index.len(),
            points.len()
        );
    }
    let merged = merged.select(&order)?;
    garnet_parquet::write(
        out,
        &merged,
        &[(METADATA_KEY.to_string(), manifest_text.clone())],
    )?;
    std::fs::remove_dir_all(&parts_dir)
        .with_context(|| format!("removing {}", parts_dir.display()))?;

    let failed = merged
        .strs("status")
        .unwrap_or_default()
        .iter()
        .filter(|s| s.as_deref() != Some("ok"))
        .count();
    let n = computed.rows;
    let rate = if elapsed > 0.0 {
        n as f64 / elapsed
    } else {
        0.0
    };
    println!(
        "{} designs ({} computed now, {failed} failed) → {}",
        points.len(),
        n,
        out.display()
    );
    if n > 0 {
        println!(
            "{} s: {} designs/s on {jobs} thread(s), {} designs/s per thread",
            sig(elapsed, 3),
            sig(rate, 3),
            sig(rate / jobs as f64, 3)
        );
    }
    if failed > 0 {
        let first = merged
            .strs("error")
            .unwrap_or_default()
            .iter()
            .flatten()
            .next()
            .cloned()
            .unwrap_or_default();
        eprintln!("warning: {failed} design(s) failed; first: {first}");
        if failed == points.len() {
            anyhow::bail!("every design failed (the rows are in {})", out.display());
        }
    }
    Ok(())
}

/// `OUT.parts` beside `OUT`.
fn parts_dir(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".parts");
    out.with_file_name(name)
}

/// The part files found (path, table) and the next part number.
struct Parts {
    dir: PathBuf,
    tables: Vec<(PathBuf, Table)>,
    next: usize,
}

/// Open or create the parts folder for a sweep with this manifest.
fn prepare_parts(dir: &Path, manifest_text: &str, restart: bool) -> anyhow::Result<Parts> {
    let manifest_path = dir.join("manifest.json");
    if dir.exists() {
        let old = std::fs::read_to_string(&manifest_path).unwrap_or_default();
        if restart {
            std::fs::remove_dir_all(dir).with_context(|| format!("removing {}", dir.display()))?;
        } else if old != manifest_text {
            return Err(usage(format!(
                "{} holds parts of a different sweep ({} changed); rerun with --restart to discard them, or write to another file",
                dir.display(),
                differences(&old, manifest_text)
            )));
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    if !manifest_path.exists() {
        write_atomic(&manifest_path, manifest_text.as_bytes())?;
    }
    let mut tables = Vec::new();
    let mut next = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if name.starts_with('.') {
            // Left by an interrupted write; the part it was to become is recomputed.
            let _ = std::fs::remove_file(&path);
            continue;
        }
        let Some(number) = name
            .strip_prefix("part-")
            .and_then(|n| n.strip_suffix(".parquet"))
            .and_then(|n| n.parse::<usize>().ok())
        else {
            continue;
        };
        match garnet_parquet::read(&path) {
            Ok(file) => tables.push((path, file.table)),
            Err(e) => {
                eprintln!("warning: ignoring unreadable part ({e}); its designs are recomputed");
                let _ = std::fs::remove_file(&path);
            }
        }
        next = next.max(number + 1);
    }
    Ok(Parts {
        dir: dir.to_path_buf(),
        tables,
        next,
    })
}

struct Computed {
    rows: usize,
    stopped: bool,
}

/// Run `todo` on the pool; the calling thread collects rows and writes a part file
/// every `chunk` rows (so a part holds whichever designs finished, in index order).
#[allow(clippy::too_many_arguments)]
fn compute_in_parts(
    sweep: &Sweep,
    db: &MaterialDb,
    todo: &[Point],
    pool: &rayon::ThreadPool,
    chunk: usize,
    stop_after: Option<usize>,
    bar: &indicatif::ProgressBar,
    parts: &mut Parts,
) -> anyhow::Result<Computed> {
    let stop = AtomicBool::new(false);
    let (tx, rx) = std::sync::mpsc::channel::<Row>();
    let mut written = 0usize;
    let mut rows = 0usize;
    let mut buffer: Vec<Row> = Vec::with_capacity(chunk);
    let result = std::thread::scope(|scope| -> anyhow::Result<()> {
        let stop = &stop;
        scope.spawn(move || {
            pool.install(|| {
                todo.par_iter().for_each_with(tx, |tx, p| {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    // A closed channel means the collector gave up; just stop.
                    if tx.send(sweep.run_point(db, p)).is_err() {
                        stop.store(true, Ordering::Relaxed);
                    }
                });
            });
        });
        for row in rx.iter() {
            rows += 1;
            bar.inc(1);
            buffer.push(row);
            if buffer.len() >= chunk {
                if let Err(e) = write_part(sweep, parts, &mut buffer) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
                written += 1;
                if stop_after.is_some_and(|n| written >= n) {
                    stop.store(true, Ordering::Relaxed);
                    return Ok(());
                }
            }
        }
        if !buffer.is_empty() {
            write_part(sweep, parts, &mut buffer)?;
        }
        Ok(())
    });
    result?;
    let stopped = stop.load(Ordering::Relaxed);
    Ok(Computed { rows, stopped })
}

/// Write the buffered rows (sorted by index) as the next part file.
fn write_part(sweep: &Sweep, parts: &mut Parts, buffer: &mut Vec<Row>) -> anyhow::Result<()> {
    buffer.sort_by_key(|r| r.index);
    let table = sweep.table(buffer);
    let path = parts.dir.join(format!("part-{:05}.parquet", parts.next));
    garnet_parquet::write(&path, &table, &[])?;
    parts.next += 1;
    parts.tables.push((path, table));
    buffer.clear();
    Ok(())
}

/// `--bench`: run the designs, write nothing, report the throughput and where the
/// time goes.
fn bench(args: &SweepArgs, sweep: &Sweep, db: &MaterialDb, points: &[Point]) -> anyhow::Result<()> {
    let jobs = args.jobs.unwrap_or(1);
    let pool = thread_pool(jobs)?;
    let bar = progress_bar(points.len(), args.quiet);
    let t0 = Instant::now();
    let results: Vec<(Row, Timings)> = pool.install(|| {
        points
            .par_iter()
            .map(|p| {
                let r = sweep.run_point_timed(db, p);
                bar.inc(1);
                r
            })
            .collect()
    });
    let elapsed = t0.elapsed().as_secs_f64();
    bar.finish_and_clear();
    let n = results.len().max(1) as f64;
    let failed = results.iter().filter(|(r, _)| r.outcome.is_err()).count();
    let sum = |f: fn(&Timings) -> f64| results.iter().map(|(_, t)| f(t)).sum::<f64>() / n * 1e3;
    let (resolve, discharge, pulse) = (
        sum(|t| t.resolve_s),
        sum(|t| t.discharge_s),
        sum(|t| t.resistance_s),
    );
    let steps = results
        .iter()
        .filter_map(|(r, _)| r.outcome.as_ref().ok().map(|o| o.summary.n_steps))
        .sum::<usize>() as f64
        / (results.len() - failed).max(1) as f64;
    let rate = results.len() as f64 / elapsed;
    println!(
        "{} designs ({failed} failed) at {} on {jobs} thread(s): {} s, {} designs/s, {} designs/s per thread",
        results.len(),
        args.rate,
        sig(elapsed, 3),
        sig(rate, 4),
        sig(rate / jobs as f64, 4)
    );
    println!(
        "per design: resolve {} ms, discharge {} ms ({} solver steps), resistance pulse {} ms",
        sig(resolve, 3),
        sig(discharge, 3),
        sig(steps, 3),
        sig(pulse, 3)
    );
    if jobs == 1 && discharge > 0.0 {
        println!(
            "single-thread 1C discharges alone: {} per second",
            sig(1e3 / discharge, 4)
        );
    }
    Ok(())
}
