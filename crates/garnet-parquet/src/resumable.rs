//! A sweep written so that an interruption loses little: rows go in chunks to
//! `OUT.parts/part-NNNNN.parquet` (each file written atomically) beside
//! `OUT.parts/manifest.json`, which records the sweep's definition
//! ([`garnet_sweep::resume::manifest`]). Running the same sweep again reads the parts,
//! computes only the missing designs, merges every row in index order into `OUT`
//! (atomically, the manifest in the footer under [`METADATA_KEY`]) and removes the
//! parts. Parts of a different sweep are an error unless [`Options::restart`].
//!
//! The command line (`garnet sweep -o`) and the Python bindings
//! (`garnet.sweep.run(..., out=...)`) both call [`run`]; the progress display and the
//! handling of Ctrl-C are theirs, through the `progress` callback and the `cancel` flag.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use garnet_materials::MaterialDb;
use garnet_sweep::resume::{
    differences, manifest, merge_order, missing, part_file_name, part_number, DEFAULT_CHUNK,
    METADATA_KEY,
};
use garnet_sweep::{fnv1a64, Point, Row, Sweep, Table};
use rayon::prelude::*;

use crate::{read, write, ParquetError};

/// How to run a resumable sweep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Discard the parts of an earlier sweep into the same output (and recompute a
    /// finished one).
    pub restart: bool,
    /// Designs per part file (at least 1).
    pub chunk: usize,
    /// Stop after writing this many part files, as if interrupted (tests of resuming).
    pub stop_after: Option<usize>,
    /// The materials file the designs are resolved against, if not the embedded
    /// knowledge base: its fingerprint is part of the manifest.
    pub materials_file: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            restart: false,
            chunk: DEFAULT_CHUNK,
            stop_after: None,
            materials_file: None,
        }
    }
}

/// What happens while a sweep runs, for the caller's progress display.
#[derive(Debug)]
pub enum Event<'a> {
    /// A part file could not be read and was deleted; its designs are recomputed.
    UnreadablePart(&'a ParquetError),
    /// Earlier parts hold `done` of the `total` designs.
    Resuming {
        /// Designs found in the parts.
        done: usize,
        /// Designs of the plan.
        total: usize,
        /// The parts folder.
        dir: &'a Path,
    },
    /// Computing starts: `todo` designs.
    Started {
        /// Designs to compute now.
        todo: usize,
    },
    /// One design finished (called on the thread that called [`run`]).
    Row(&'a Row),
}

/// A finished sweep, merged into the output file.
#[derive(Debug, Clone, PartialEq)]
pub struct Finished {
    /// Designs of the plan (rows of the output).
    pub total: usize,
    /// Designs computed by this call (the rest came from earlier parts).
    pub computed: usize,
    /// Rows whose status is not `ok`.
    pub failed: usize,
    /// The error of the first failed row, in index order.
    pub first_error: Option<String>,
}

/// How [`run`] ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The output already holds this sweep (same manifest) and there are no parts:
    /// nothing was done.
    AlreadyDone {
        /// Its rows.
        rows: usize,
    },
    /// Stopped early ([`Options::stop_after`] or `cancel`); the parts stay for a
    /// later run to resume.
    Stopped {
        /// Designs computed by this call.
        computed: usize,
    },
    /// Every design is in the output.
    Finished(Finished),
}

/// `OUT.parts` beside `OUT`.
pub fn parts_dir(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".parts");
    out.with_file_name(name)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ParquetError + '_ {
    move |source| ParquetError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The footer's provenance stamp (`garnet_io::stamp`): garnet's version and the model
/// options of the base design (the varied fields are in the manifest); without model
/// options when the base design does not resolve.
fn generated_by(sweep: &Sweep, db: &MaterialDb) -> serde_json::Value {
    let options = sweep
        .base
        .resolve(db)
        .ok()
        .and_then(|p| serde_json::to_value(garnet_cell::ModelOptions::of(&p)).ok());
    garnet_io::stamp::generated_by("sweep", options)
}

/// Run the sweep into `out`, resuming from `OUT.parts` when it holds parts of the
/// same sweep. Designs run on `pool`; setting `cancel` (e.g. from a Ctrl-C handler or
/// from `progress`) stops the workers, keeps the rows finished so far as a part and
/// returns [`Outcome::Stopped`].
pub fn run(
    sweep: &Sweep,
    db: &MaterialDb,
    out: &Path,
    options: &Options,
    pool: &rayon::ThreadPool,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(Event<'_>),
) -> Result<Outcome, ParquetError> {
    let points = sweep.points()?;
    let materials = match &options.materials_file {
        Some(p) => Some(fnv1a64(&std::fs::read(p).map_err(io(p))?)),
        None => None,
    };
    let manifest_text = manifest(sweep, materials, points.len());
    let dir = parts_dir(out);

    // A finished sweep of the same definition: nothing to do.
    if !dir.exists() && !options.restart && out.exists() {
        if let Ok(done) = read(out) {
            if done.metadata(METADATA_KEY) == Some(manifest_text.as_str()) {
                return Ok(Outcome::AlreadyDone {
                    rows: done.table.n_rows(),
                });
            }
        }
    }
    let mut parts = Parts::open(&dir, &manifest_text, options.restart, progress)?;
    let expected = sweep.column_names();
    let mut done = BTreeSet::new();
    for (path, table) in &parts.tables {
        let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        if names != expected.iter().map(String::as_str).collect::<Vec<_>>() {
            return Err(ParquetError::ColumnsDiffer { path: path.clone() });
        }
        for i in table.i64s("index").unwrap_or_default().iter().flatten() {
            done.insert(usize::try_from(*i).unwrap_or(usize::MAX));
        }
    }
    let todo = missing(&points, &done);
    if !done.is_empty() {
        progress(Event::Resuming {
            done: points.len() - todo.len(),
            total: points.len(),
            dir: &dir,
        });
    }
    progress(Event::Started { todo: todo.len() });
    let chunk = options.chunk.max(1);
    let (computed, stopped) = parts.compute(
        sweep,
        db,
        &todo,
        pool,
        chunk,
        options.stop_after,
        cancel,
        progress,
    )?;
    if stopped {
        return Ok(Outcome::Stopped { computed });
    }

    // Merge: every design exactly once, in index order.
    let tables: Vec<Table> = parts.tables.iter().map(|(_, t)| t.clone()).collect();
    let merged = Table::concat(&tables)?;
    let index = merged.i64s("index").unwrap_or_default();
    let order = merge_order(index, points.len()).ok_or_else(|| ParquetError::Incomplete {
        dir: dir.clone(),
        rows: index.len(),
        designs: points.len(),
    })?;
    let merged = merged.select(&order)?;
    write(
        out,
        &merged,
        &[
            (METADATA_KEY.to_string(), manifest_text.clone()),
            (
                garnet_io::stamp::KEY.to_string(),
                generated_by(sweep, db).to_string(),
            ),
        ],
    )?;
    std::fs::remove_dir_all(&dir).map_err(io(&dir))?;
    let status = merged.strs("status").unwrap_or_default();
    let failed = status.iter().filter(|s| s.as_deref() != Some("ok")).count();
    let first_error = merged
        .strs("error")
        .unwrap_or_default()
        .iter()
        .flatten()
        .next()
        .cloned();
    Ok(Outcome::Finished(Finished {
        total: points.len(),
        computed,
        failed,
        first_error,
    }))
}

/// The part files found (path, table) and the next part number.
struct Parts {
    dir: PathBuf,
    tables: Vec<(PathBuf, Table)>,
    next: usize,
}

impl Parts {
    /// Open or create the parts folder for a sweep with this manifest.
    fn open(
        dir: &Path,
        manifest_text: &str,
        restart: bool,
        progress: &mut dyn FnMut(Event<'_>),
    ) -> Result<Self, ParquetError> {
        let manifest_path = dir.join("manifest.json");
        if dir.exists() {
            let old = std::fs::read_to_string(&manifest_path).unwrap_or_default();
            if restart {
                std::fs::remove_dir_all(dir).map_err(io(dir))?;
            } else if old != manifest_text {
                return Err(ParquetError::DifferentSweep {
                    dir: dir.to_path_buf(),
                    changes: differences(&old, manifest_text),
                });
            }
        }
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        if !manifest_path.exists() {
            garnet_io::write_atomic(&manifest_path, manifest_text.as_bytes())?;
        }
        let mut tables = Vec::new();
        let mut next = 0;
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io(dir))?
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
            let Some(number) = part_number(&name) else {
                continue;
            };
            match read(&path) {
                Ok(file) => tables.push((path, file.table)),
                Err(e) => {
                    progress(Event::UnreadablePart(&e));
                    let _ = std::fs::remove_file(&path);
                }
            }
            next = next.max(number + 1);
        }
        Ok(Self {
            dir: dir.to_path_buf(),
            tables,
            next,
        })
    }

    /// Run `todo` on the pool; the calling thread collects rows and writes a part
    /// file every `chunk` rows (so a part holds whichever designs finished, in index
    /// order). Returns the rows computed and whether it stopped early.
    #[allow(clippy::too_many_arguments)]
    fn compute(
        &mut self,
        sweep: &Sweep,
        db: &MaterialDb,
        todo: &[Point],
        pool: &rayon::ThreadPool,
        chunk: usize,
        stop_after: Option<usize>,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(Event<'_>),
    ) -> Result<(usize, bool), ParquetError> {
        let stop = AtomicBool::new(false);
        let (tx, rx) = std::sync::mpsc::channel::<Row>();
        let mut written = 0usize;
        let mut rows = 0usize;
        let mut buffer: Vec<Row> = Vec::with_capacity(chunk);
        std::thread::scope(|scope| -> Result<(), ParquetError> {
            let stop = &stop;
            scope.spawn(move || {
                pool.install(|| {
                    todo.par_iter().for_each_with(tx, |tx, p| {
                        if stop.load(Ordering::Relaxed) || cancel.load(Ordering::Relaxed) {
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
                progress(Event::Row(&row));
                buffer.push(row);
                if cancel.load(Ordering::Relaxed) {
                    stop.store(true, Ordering::Relaxed);
                    break;
                }
                if buffer.len() >= chunk {
                    if let Err(e) = self.write_part(sweep, &mut buffer) {
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
                self.write_part(sweep, &mut buffer)?;
            }
            Ok(())
        })?;
        let stopped = stop.load(Ordering::Relaxed) || cancel.load(Ordering::Relaxed);
        Ok((rows, stopped))
    }

    /// Write the buffered rows (sorted by index) as the next part file.
    fn write_part(&mut self, sweep: &Sweep, buffer: &mut Vec<Row>) -> Result<(), ParquetError> {
        buffer.sort_by_key(|r| r.index);
        let table = sweep.table(buffer);
        let path = self.dir.join(part_file_name(self.next));
        write(&path, &table, &[])?;
        self.next += 1;
        self.tables.push((path, table));
        buffer.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use garnet_cell::Design;
    use garnet_sweep::resume::ManifestChange;
    use garnet_sweep::{Plan, Variation};

    /// The NMC811 | Li3BO3 | LLZTO example with a coarse mesh (fast in debug builds).
    const DESIGN: &str = r#"
version = 1
name = "resume test"
temperature = "60 degC"
area = "1 cm2"
voltage_min = "3.6 V"
voltage_max = "4.25 V"

[separator]
material = "LLZTO"
thickness = "100 um"

[cathode]
material = "NMC811"
loading = "5.7 mg/cm2"
active_fraction = 0.45
electrolyte_fraction = 0.35
bruggeman = 1.5
electronic_conductivity = "0.1 S/m"
particle_radius = "3 um"
contact_fraction = 0.4

[anode]
interface_resistance = "50 ohm cm2"

[mesh]
separator = 4
cathode = 5
particle = 5
"#;

    fn sweep(rate: f64) -> Sweep {
        let base = Design::from_toml("t.toml", DESIGN).unwrap();
        let v = Variation::parse("separator.thickness=50um..200um:5").unwrap();
        let mut s = Sweep::new(base, vec![v], rate, Plan::Factorial).unwrap();
        s.resistance = false;
        s
    }

    fn go(s: &Sweep, out: &Path, options: &Options) -> Result<Outcome, ParquetError> {
        let db = MaterialDb::embedded().unwrap();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let cancel = AtomicBool::new(false);
        run(s, &db, out, options, &pool, &cancel, &mut |_| {})
    }

    #[test]
    fn an_interrupted_sweep_resumes_to_the_uninterrupted_table() {
        let dir = tempfile::tempdir().unwrap();
        let (whole, resumed) = (dir.path().join("a.parquet"), dir.path().join("b.parquet"));
        let s = sweep(1.0);
        let done = go(&s, &whole, &Options::default()).unwrap();
        assert!(matches!(
            done,
            Outcome::Finished(Finished {
                total: 5,
                computed: 5,
                failed: 0,
                ..
            })
        ));
        let chunked = Options {
            chunk: 2,
            stop_after: Some(1),
            ..Options::default()
        };
        assert_eq!(
            go(&s, &resumed, &chunked).unwrap(),
            Outcome::Stopped { computed: 2 }
        );
        let parts = parts_dir(&resumed);
        assert!(
            parts.join("manifest.json").is_file() && parts.join("part-00000.parquet").is_file()
        );
        assert!(!resumed.exists());
        let again = Options {
            chunk: 2,
            ..Options::default()
        };
        match go(&s, &resumed, &again).unwrap() {
            Outcome::Finished(f) => assert_eq!((f.total, f.computed), (5, 3)),
            other => panic!("{other:?}"),
        }
        assert!(!parts.exists(), "the parts are removed after the merge");
        let (a, b) = (read(&whole).unwrap(), read(&resumed).unwrap());
        assert_eq!(a.table, b.table);
        assert_eq!(a.metadata(METADATA_KEY), b.metadata(METADATA_KEY));
        assert_eq!(
            go(&s, &resumed, &again).unwrap(),
            Outcome::AlreadyDone { rows: 5 }
        );
    }

    #[test]
    fn parts_of_a_different_sweep_need_restart() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("c.parquet");
        let stop = Options {
            chunk: 2,
            stop_after: Some(1),
            ..Options::default()
        };
        go(&sweep(1.0), &out, &stop).unwrap();
        let e = go(&sweep(0.5), &out, &Options::default()).unwrap_err();
        match &e {
            ParquetError::DifferentSweep { changes, .. } => {
                assert_eq!(changes, &[ManifestChange::Rate]);
            }
            other => panic!("{other:?}"),
        }
        assert!(e.to_string().contains("the rate changed"), "{e}");
        let restart = Options {
            restart: true,
            ..Options::default()
        };
        match go(&sweep(0.5), &out, &restart).unwrap() {
            Outcome::Finished(f) => assert_eq!(f.computed, 5),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_corrupt_part_is_recomputed_and_cancel_keeps_finished_rows() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("d.parquet");
        let s = sweep(1.0);
        let stop = Options {
            chunk: 2,
            stop_after: Some(2),
            ..Options::default()
        };
        go(&s, &out, &stop).unwrap();
        std::fs::write(parts_dir(&out).join("part-00000.parquet"), b"junk").unwrap();
        // Cancel from the progress callback after the first row: that row is kept.
        let db = MaterialDb::embedded().unwrap();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let cancel = AtomicBool::new(false);
        let mut unreadable = 0;
        let outcome = run(
            &s,
            &db,
            &out,
            &Options::default(),
            &pool,
            &cancel,
            &mut |e| match e {
                Event::UnreadablePart(_) => unreadable += 1,
                Event::Row(_) => cancel.store(true, Ordering::Relaxed),
                _ => {}
            },
        )
        .unwrap();
        assert_eq!(unreadable, 1);
        assert!(
            matches!(outcome, Outcome::Stopped { computed: 1 }),
            "{outcome:?}"
        );
        match go(&s, &out, &Options::default()).unwrap() {
            Outcome::Finished(f) => assert_eq!((f.total, f.computed), (5, 2)),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            read(&out).unwrap().table.i64s("index").unwrap(),
            (0..5).map(Some).collect::<Vec<_>>()
        );
    }
}
