//! `garnet sweep DESIGN.toml --vary PATH=VALUES … -o results.parquet`: many variants
//! of one design, each discharged at one rate, one Parquet row per design.
//!
//! Resuming: rows are written in chunks to `OUT.parts/part-NNNNN.parquet` (each file
//! atomically) next to `OUT.parts/manifest.json`, which records the sweep's
//! definition. Running the same command again after an interruption reads the parts,
//! computes only the designs that are missing, then merges everything into `OUT`
//! (atomically) and removes the parts. A different sweep against existing parts is
//! an error unless `--restart`. The logic is `garnet_parquet::resumable` (shared with
//! the Python bindings); this module parses the flags and prints.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use garnet_cell::Design;
use garnet_materials::MaterialDb;
use garnet_parquet::resumable::{self, Event, Options, Outcome};
use garnet_parquet::ParquetError;
use garnet_sweep::resume::{ManifestChange, DEFAULT_CHUNK};
use garnet_sweep::{Plan, Point, Sweep, SweepError, Variation};

use crate::cli::MaterialsSource;
use crate::commands::materials::load_db;
use crate::commands::simulate::parse_rates;
use crate::output::sig;
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

fn usage(e: impl ToString) -> anyhow::Error {
    UsageError(e.to_string()).into()
}

/// A sweep definition error in the command line's words (`--vary PATH`, `--samples`).
fn sweep_usage(e: SweepError) -> anyhow::Error {
    use SweepError as E;
    usage(match e {
        E::Spec { spec } => {
            format!("--vary {spec}: expected PATH=VALUES, e.g. separator.thickness=20um..200um:10")
        }
        E::UnknownPath { path, suggestion } => format!(
            "--vary {path}: no such design field{}",
            suggestion.map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default()
        ),
        E::NotNumeric { path, kind } => format!(
            "--vary {path}: the field is {kind}, not a number or a quantity; it cannot be swept"
        ),
        E::Values { path, message } => format!("--vary {path}: {message}"),
        E::MissingCount { path, message } => format!(
            "--vary {path}: {message}: write A..B:N for N evenly spaced values, or A..B with --samples"
        ),
        E::RangeWithoutCount { path } => format!(
            "--vary {path}: a range A..B without :N only bounds a Latin hypercube (--samples); write A..B:N for N values in a full-factorial sweep"
        ),
        E::ListInLatinHypercube { path } => format!(
            "--vary {path}: --samples needs a range A..B (or one fixed value), not a list"
        ),
        E::Duplicate { path } => format!("--vary {path} is given twice"),
        E::NoSamples => "--samples must be at least 1".to_string(),
        E::TooManySamples { samples, max } => format!("--samples {samples}: at most {max}"),
        E::TooManyDesigns { max } => format!(
            "the full factorial has more than {max} designs; use fewer values or --samples"
        ),
        other => other.to_string(),
    })
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
        .map(|s| Variation::parse(s).map_err(sweep_usage))
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
    let mut sweep = Sweep::new(base, variations, *rate, plan).map_err(sweep_usage)?;
    sweep.resistance = !args.no_resistance;
    Ok(sweep)
}

/// The command line's words for what changed between two sweeps.
fn change_text(c: ManifestChange) -> &'static str {
    match c {
        ManifestChange::Design => "the design file",
        ManifestChange::Variations => "the --vary values",
        ManifestChange::Rate => "--rate",
        ManifestChange::Plan => "--samples/--seed",
        ManifestChange::Resistance => "--no-resistance",
        ManifestChange::Materials => "the --materials file",
        ManifestChange::Version => "the garnet version",
        ManifestChange::Unreadable => "the manifest is unreadable",
    }
}

/// A resumable-sweep error in the command line's words (its flags).
fn resume_error(e: ParquetError) -> anyhow::Error {
    match e {
        ParquetError::DifferentSweep { dir, changes } => {
            let changed = if changes.is_empty() {
                "the definition".to_string()
            } else {
                changes.into_iter().map(change_text).collect::<Vec<_>>().join(", ")
            };
            usage(format!(
                "{} holds parts of a different sweep ({changed} changed); rerun with --restart to discard them, or write to another file",
                dir.display()
            ))
        }
        ParquetError::ColumnsDiffer { path } => anyhow::anyhow!(
            "{}: columns differ from this sweep's; rerun with --restart",
            path.display()
        ),
        ParquetError::Incomplete { dir, rows, designs } => anyhow::anyhow!(
            "{}: the parts hold {rows} rows for {designs} designs (duplicates or gaps); rerun with --restart",
            dir.display()
        ),
        other => other.into(),
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
    let points = sweep.points().map_err(sweep_usage)?;
    let db = load_db(&args.source)?;
    if args.bench {
        return bench(args, &sweep, &db, &points);
    }
    let Some(out) = &args.output else {
        return Err(usage("-o FILE is required"));
    };
    let jobs = args.jobs.unwrap_or_else(cores);
    let pool = thread_pool(jobs)?;
    let options = Options {
        restart: args.restart,
        chunk: args.chunk.unwrap_or(DEFAULT_CHUNK),
        stop_after: args.stop_after,
        materials_file: args.source.materials.clone(),
    };
    let mut bar = indicatif::ProgressBar::hidden();
    let mut t0 = Instant::now();
    let mut progress = |event: Event<'_>| match event {
        Event::UnreadablePart(e) => {
            eprintln!("warning: ignoring unreadable part ({e}); its designs are recomputed");
        }
        Event::Resuming { done, total, dir } => {
            eprintln!(
                "resuming: {done} of {total} designs already in {}",
                dir.display()
            );
        }
        Event::Started { todo } => {
            bar = progress_bar(todo, args.quiet);
            t0 = Instant::now();
        }
        Event::Row(_) => bar.inc(1),
    };
    let cancel = AtomicBool::new(false);
    let outcome = resumable::run(&sweep, &db, out, &options, &pool, &cancel, &mut progress)
        .map_err(resume_error)?;
    let elapsed = t0.elapsed().as_secs_f64();
    bar.finish_and_clear();
    let done = match outcome {
        Outcome::AlreadyDone { rows } => {
            println!(
                "{} already holds this sweep ({rows} designs); nothing to do (--restart recomputes it)",
                out.display()
            );
            return Ok(());
        }
        Outcome::Stopped { .. } => {
            let n = args.stop_after.unwrap_or(0);
            anyhow::bail!(
                "stopped after {n} part(s) (--stop-after); run the same command again to resume"
            );
        }
        Outcome::Finished(done) => done,
    };
    let (failed, n) = (done.failed, done.computed);
    let rate = if elapsed > 0.0 {
        n as f64 / elapsed
    } else {
        0.0
    };
    println!(
        "{} designs ({} computed now, {failed} failed) → {}",
        done.total,
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
        let first = done.first_error.unwrap_or_default();
        eprintln!("warning: {failed} design(s) failed; first: {first}");
        if failed == done.total {
            anyhow::bail!("every design failed (the rows are in {})", out.display());
        }
    }
    Ok(())
}

/// `--bench`: run the designs, write nothing, report the throughput and where the
/// time goes.
fn bench(args: &SweepArgs, sweep: &Sweep, db: &MaterialDb, points: &[Point]) -> anyhow::Result<()> {
    let jobs = args.jobs.unwrap_or(1);
    let pool = thread_pool(jobs)?;
    let bar = progress_bar(points.len(), args.quiet);
    let b = sweep.bench(db, points, &pool, &|| bar.inc(1));
    bar.finish_and_clear();
    let (resolve, discharge, pulse) = (b.resolve_ms, b.discharge_ms, b.resistance_ms);
    let (failed, rate) = (b.failed, b.designs_per_s());
    println!(
        "{} designs ({failed} failed) at {} on {jobs} thread(s): {} s, {} designs/s, {} designs/s per thread",
        b.designs,
        args.rate,
        sig(b.elapsed_s, 3),
        sig(rate, 4),
        sig(rate / jobs as f64, 4)
    );
    println!(
        "per design: resolve {} ms, discharge {} ms ({} solver steps), resistance pulse {} ms",
        sig(resolve, 3),
        sig(discharge, 3),
        sig(b.mean_steps, 3),
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
