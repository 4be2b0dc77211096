//! `garnet.sweep`: plans of design points, shards of a sweep each written as a Parquet
//! part, and whole sweeps written resumably (through `garnet-sweep` and
//! `garnet_parquet::resumable`, the CLI's code).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use garnet_parquet::resumable::{self, Event, Options, Outcome};
use garnet_parquet::ParquetError;
use garnet_sweep::resume::{ManifestChange, DEFAULT_CHUNK, METADATA_KEY};
use garnet_sweep::{ColumnData, Plan, Point, Sweep, SweepError, Table, Variation};
use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::design::design_of;
use crate::errors;
use crate::materials::load_db;
use crate::simulate::parse_rate;

/// A sweep error in Python's words (`vary[PATH]`, `samples`).
fn sweep_err(e: SweepError) -> PyErr {
    use SweepError as E;
    let text = match e {
        E::Spec { spec } => format!("vary {spec}: expected a dotted field path and its values"),
        E::UnknownPath { path, suggestion } => format!(
            "vary {path}: no such design field{}",
            suggestion.map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default()
        ),
        E::NotNumeric { path, kind } => format!(
            "vary {path}: the field is {kind}, not a number or a quantity; it cannot be swept"
        ),
        E::Values { path, message } => format!("vary {path}: {message}"),
        E::MissingCount { path, message } => format!(
            "vary {path}: {message}: write A..B:N for N evenly spaced values, or A..B with samples="
        ),
        E::RangeWithoutCount { path } => format!(
            "vary {path}: a range A..B without :N only bounds a Latin hypercube (samples=); write A..B:N for N values in a full-factorial sweep"
        ),
        E::ListInLatinHypercube { path } => format!(
            "vary {path}: samples= needs a range A..B (or one fixed value), not a list"
        ),
        E::Duplicate { path } => format!("vary {path} is given twice"),
        E::NoSamples => "samples must be at least 1".to_string(),
        E::TooManySamples { samples, max } => format!("samples={samples}: at most {max}"),
        E::TooManyDesigns { max } => format!(
            "the full factorial has more than {max} designs; use fewer values or samples="
        ),
        other => other.to_string(),
    };
    errors::SweepError::new_err(text)
}

/// One variation from `vary[path]`: text as on the command line (`"20um..200um:10"`,
/// `"0.3,0.5"`, `"20um..200um"` for a Latin hypercube), a number, or a list of numbers
/// (SI) or of texts.
fn variation(path: &str, value: &Bound<'_, PyAny>) -> PyResult<Variation> {
    if let Ok(s) = value.cast::<PyString>() {
        return Variation::parse_values(path, &s.to_cow()?).map_err(sweep_err);
    }
    if let Ok(x) = value.extract::<f64>() {
        return Variation::from_values(path, vec![x], None).map_err(sweep_err);
    }
    if let Ok(xs) = value.extract::<Vec<f64>>() {
        return Variation::from_values(path, xs, None).map_err(sweep_err);
    }
    if let Ok(ts) = value.extract::<Vec<String>>() {
        return Variation::parse_values(path, &ts.join(",")).map_err(sweep_err);
    }
    Err(errors::SweepError::new_err(format!(
        "vary {path}: expected text such as \"20um..200um:10\", a number or a list"
    )))
}

/// The sweep of `design` over `vary` (a dict path → values, in order).
fn sweep_of(
    design: &Bound<'_, PyAny>,
    vary: &Bound<'_, PyDict>,
    rate: Option<&Bound<'_, PyAny>>,
    samples: Option<usize>,
    seed: u64,
) -> PyResult<Sweep> {
    let base = design_of(design)?;
    let mut variations = Vec::new();
    for (k, v) in vary.iter() {
        let path: String = k
            .extract()
            .map_err(|_| errors::SweepError::new_err("vary: keys are dotted field paths"))?;
        variations.push(variation(&path, &v)?);
    }
    let rate = match rate {
        Some(r) => parse_rate(r)?.1,
        None => 1.0,
    };
    let plan = match samples {
        None => Plan::Factorial,
        Some(samples) => Plan::LatinHypercube { samples, seed },
    };
    Sweep::new(base, variations, rate, plan).map_err(sweep_err)
}

/// The plan's points as dicts: `index` and one entry per variation, named as its
/// output column (`separator.thickness_m`, SI; `cathode.contact_fraction`).
#[pyfunction]
#[pyo3(signature = (design, vary, samples=None, seed=0))]
pub fn sweep_plan<'py>(
    py: Python<'py>,
    design: &Bound<'py, PyAny>,
    vary: &Bound<'py, PyDict>,
    samples: Option<usize>,
    seed: u64,
) -> PyResult<Bound<'py, PyList>> {
    let sweep = sweep_of(design, vary, None, samples, seed)?;
    let names: Vec<String> = sweep.variations.iter().map(|v| v.column_name()).collect();
    let points = sweep.points().map_err(sweep_err)?;
    let list = PyList::empty(py);
    for p in &points {
        let d = PyDict::new(py);
        d.set_item("index", p.index)?;
        for (name, v) in names.iter().zip(&p.values) {
            d.set_item(name, v)?;
        }
        list.append(d)?;
    }
    Ok(list)
}

/// A table's columns as NumPy arrays (floats with NaN for nulls, int64, or lists of
/// str/None for text).
fn table_dict<'py>(py: Python<'py>, table: &Table) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for c in &table.columns {
        match &c.data {
            ColumnData::F64(v) => {
                let xs: Vec<f64> = v.iter().map(|x| x.unwrap_or(f64::NAN)).collect();
                d.set_item(&c.name, PyArray1::from_vec(py, xs))?;
            }
            ColumnData::I64(v) => {
                if v.iter().all(Option::is_some) {
                    let xs: Vec<i64> = v.iter().map(|x| x.unwrap_or(0)).collect();
                    d.set_item(&c.name, PyArray1::from_vec(py, xs))?;
                } else {
                    let xs: Vec<f64> = v.iter().map(|x| x.map_or(f64::NAN, |i| i as f64)).collect();
                    d.set_item(&c.name, PyArray1::from_vec(py, xs))?;
                }
            }
            ColumnData::Str(v) => {
                d.set_item(&c.name, PyList::new(py, v)?)?;
            }
        }
    }
    Ok(d)
}

/// Run the points of a sweep with these plan indices (all when `indices` is None),
/// on `threads` threads (default: rayon's pool). With `out`, the rows are written as
/// one Parquet file (zstd, written to a temporary file and renamed; the sweep's
/// definition in the footer under `garnet.sweep`) and its path is returned; without,
/// a dict of columns.
#[pyfunction]
#[pyo3(signature = (design, vary, indices=None, rate=None, samples=None, seed=0, out=None,
    threads=None, materials=None))]
#[allow(clippy::too_many_arguments)]
pub fn sweep_run<'py>(
    py: Python<'py>,
    design: &Bound<'py, PyAny>,
    vary: &Bound<'py, PyDict>,
    indices: Option<Vec<usize>>,
    rate: Option<Bound<'py, PyAny>>,
    samples: Option<usize>,
    seed: u64,
    out: Option<PathBuf>,
    threads: Option<usize>,
    materials: Option<PathBuf>,
) -> PyResult<Bound<'py, PyAny>> {
    let sweep = sweep_of(design, vary, rate.as_ref(), samples, seed)?;
    let all = sweep.points().map_err(sweep_err)?;
    let points: Vec<Point> = match indices {
        None => all,
        Some(ix) => ix
            .iter()
            .map(|&i| {
                all.get(i).cloned().ok_or_else(|| {
                    errors::SweepError::new_err(format!(
                        "index {i}: the plan has {} points (0..{})",
                        all.len(),
                        all.len()
                    ))
                })
            })
            .collect::<PyResult<_>>()?,
    };
    let db = load_db(materials.as_ref())?;
    let pool = match threads {
        Some(0) => return Err(errors::SweepError::new_err("threads must be at least 1")),
        Some(n) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| errors::SweepError::new_err(format!("threads: {e}")))?,
        ),
        None => None,
    };
    let table = py.detach(|| {
        let run = || sweep.run_points(&db, &points, &|_| {});
        let rows = match &pool {
            Some(p) => p.install(run),
            None => run(),
        };
        sweep.table(&rows)
    });
    match out {
        None => Ok(table_dict(py, &table)?.into_any()),
        Some(path) => {
            let metadata = vec![(METADATA_KEY.to_string(), sweep.definition().to_string())];
            py.detach(|| garnet_parquet::write(&path, &table, &metadata))
                .map_err(|e| errors::SweepError::new_err(e.to_string()))?;
            Ok(PyString::new(py, &path.display().to_string()).into_any())
        }
    }
}

/// Python's words for what changed between two sweeps (its argument names).
fn change_text(c: ManifestChange) -> &'static str {
    match c {
        ManifestChange::Design => "the design",
        ManifestChange::Variations => "the vary values",
        ManifestChange::Rate => "rate",
        ManifestChange::Plan => "samples/seed",
        ManifestChange::Resistance => "the resistance setting",
        ManifestChange::Materials => "the materials file",
        ManifestChange::Version => "the garnet version",
        ManifestChange::Unreadable => "the manifest is unreadable",
    }
}

fn resume_err(e: ParquetError) -> PyErr {
    let text = match e {
        ParquetError::DifferentSweep { dir, changes } => {
            let changed = if changes.is_empty() {
                "the definition".to_string()
            } else {
                changes.into_iter().map(change_text).collect::<Vec<_>>().join(", ")
            };
            format!(
                "{} holds parts of a different sweep ({changed} changed); pass restart=True to discard them, or write to another file",
                dir.display()
            )
        }
        ParquetError::ColumnsDiffer { path } => format!(
            "{}: columns differ from this sweep's; pass restart=True",
            path.display()
        ),
        ParquetError::Incomplete { dir, rows, designs } => format!(
            "{}: the parts hold {rows} rows for {designs} designs (duplicates or gaps); pass restart=True",
            dir.display()
        ),
        other => other.to_string(),
    };
    errors::SweepError::new_err(text)
}

/// Run the whole sweep into the Parquet file `out`, resumably (the CLI's `garnet sweep
/// -o`, through `garnet_parquet::resumable`): rows go in parts to `OUT.parts/` beside a
/// manifest of the sweep; a second call with the same sweep computes only the missing
/// designs, merges every row in index order into `out` and removes the parts. Ctrl-C
/// keeps the finished rows as a part and raises `KeyboardInterrupt`. Returns `out`.
#[pyfunction]
#[pyo3(signature = (design, vary, out, rate=None, samples=None, seed=0, threads=None,
    materials=None, restart=false, chunk=None, stop_after=None))]
#[allow(clippy::too_many_arguments)]
pub fn sweep_run_resumable<'py>(
    py: Python<'py>,
    design: &Bound<'py, PyAny>,
    vary: &Bound<'py, PyDict>,
    out: PathBuf,
    rate: Option<Bound<'py, PyAny>>,
    samples: Option<usize>,
    seed: u64,
    threads: Option<usize>,
    materials: Option<PathBuf>,
    restart: bool,
    chunk: Option<usize>,
    stop_after: Option<usize>,
) -> PyResult<Bound<'py, PyString>> {
    let sweep = sweep_of(design, vary, rate.as_ref(), samples, seed)?;
    sweep.points().map_err(sweep_err)?;
    let db = load_db(materials.as_ref())?;
    let threads = match threads {
        Some(0) => return Err(errors::SweepError::new_err("threads must be at least 1")),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| errors::SweepError::new_err(format!("threads: {e}")))?;
    let options = Options {
        restart,
        chunk: chunk.unwrap_or(DEFAULT_CHUNK),
        stop_after,
        materials_file: materials,
    };
    let cancel = AtomicBool::new(false);
    let mut interrupt: Option<PyErr> = None;
    let outcome = py.detach(|| {
        let mut progress = |event: Event<'_>| {
            if let Event::Row(_) = event {
                // Ctrl-C (or another signal handler that raises) stops the sweep.
                if let Err(e) = Python::attach(|py| py.check_signals()) {
                    interrupt = Some(e);
                    cancel.store(true, Ordering::Relaxed);
                }
            }
        };
        resumable::run(&sweep, &db, &out, &options, &pool, &cancel, &mut progress)
    });
    if let Some(e) = interrupt {
        return Err(e);
    }
    match outcome.map_err(resume_err)? {
        Outcome::Stopped { .. } => Err(errors::SweepError::new_err(format!(
            "stopped after {} part(s) (stop_after); run the same sweep again to resume",
            stop_after.unwrap_or(0)
        ))),
        Outcome::AlreadyDone { .. } | Outcome::Finished(_) => {
            Ok(PyString::new(py, &out.display().to_string()))
        }
    }
}
