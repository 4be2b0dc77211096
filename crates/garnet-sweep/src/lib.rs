//! Parameter sweeps over cell designs.
//!
//! Why this crate: design questions in the review ("how thin must the separator be,
//! how much contact does the composite need?") are answered by running one model
//! over many variants of a design. This crate plans the variants, runs them in
//! parallel and returns one row of figures per design, with no file format attached:
//! the command line and the Python bindings write the rows as Parquet
//! (`garnet-parquet`, resumably), the Python bindings also turn them into arrays, and
//! either can split a sweep into shards.
//!
//! Data flow:
//!
//! 1. [`Variation::parse`] reads `PATH=VALUES` (`separator.thickness=20um..200um:10`)
//!    with the field's kind and dimension from `garnet_cell::edit::fields()`; values
//!    are SI from here on.
//! 2. A [`Sweep`] is a base [`Design`], the variations, a C-rate and a [`Plan`]:
//!    [`Plan::Factorial`] (every combination, last variation innermost) or
//!    [`Plan::LatinHypercube`] (N designs, each range's N strata used once each,
//!    reproducible from a seed). [`Sweep::points`] lists the designs as [`Point`]s
//!    (index + values); [`shard`] picks every k-th of them.
//! 3. [`Sweep::run_point`] sets the values on a copy of the base design
//!    (`Design::set_number`), resolves it against the shared [`MaterialDb`], runs a
//!    constant-current discharge at the rate from the design's initial state to its
//!    lower cut-off, adds the §5.1 resistance breakdown (a DC pulse, C/10 or smaller), and returns a
//!    [`Row`]. A design that fails to resolve or solve is a row with the message,
//!    never an error of the sweep. [`Sweep::run_points`] does many on the current
//!    rayon pool, in order.
//! 4. [`Sweep::table`] turns rows into a columnar [`Table`]: `index`, one column per
//!    variation named after its path with the SI unit (`separator.thickness_m`; plain
//!    numbers keep the path: `cathode.contact_fraction`), `status` (`ok`/`failed`),
//!    `error`, then [`RESULT_COLUMNS`].
//!
//! [`Sweep::definition`] is a canonical description of the sweep (design text hash,
//! variations, rate, plan): equal definitions give equal plans and equal rows, which
//! is what resuming an interrupted sweep checks: [`resume`] has the decisions that need
//! no file (the manifest, what changed, which designs are missing, the merge order),
//! and `garnet_parquet::resumable` the parts on disk. [`Sweep::bench`] runs the designs
//! keeping nothing and says where the time goes (`garnet sweep --bench`).
//! `docs/sweep.md` has the user's view.

pub mod bench;
mod error;
pub mod plan;
pub mod resume;
mod row;
pub mod table;
mod variation;

use garnet_cell::Design;
use garnet_materials::MaterialDb;
use rayon::prelude::*;
use serde_json::json;

pub use bench::BenchSummary;
pub use error::SweepError;
pub use plan::{shard, Plan, Point, SplitMix64};
pub use row::{Outcome, Row, Timings, RESULT_COLUMNS};
pub use table::{Column, ColumnData, Table};
pub use variation::{si_suffix, Variation, VariedKind};

/// A sweep: what to vary on which design, and how to run each design.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// The design every point starts from.
    pub base: Design,
    /// The swept fields (distinct paths).
    pub variations: Vec<Variation>,
    /// Constant-current discharge rate (C-rate of each design's own 1C).
    pub rate: f64,
    /// Which designs.
    pub plan: Plan,
    /// Compute the §5.1 resistance breakdown (a second, short simulation per design).
    pub resistance: bool,
}

impl Sweep {
    /// A sweep, checked: a positive finite rate and distinct paths.
    pub fn new(
        base: Design,
        variations: Vec<Variation>,
        rate: f64,
        plan: Plan,
    ) -> Result<Self, SweepError> {
        if !(rate > 0.0 && rate.is_finite()) {
            return Err(SweepError::Rate { rate });
        }
        for (i, v) in variations.iter().enumerate() {
            if variations[..i].iter().any(|w| w.path == v.path) {
                return Err(SweepError::Duplicate {
                    path: v.path.clone(),
                });
            }
        }
        Ok(Self {
            base,
            variations,
            rate,
            plan,
            resistance: true,
        })
    }

    /// The designs of the plan, in index order.
    pub fn points(&self) -> Result<Vec<Point>, SweepError> {
        plan::points(&self.variations, self.plan)
    }

    /// Run `points` in parallel on the current rayon pool (wrap the call in
    /// `ThreadPool::install` to choose the threads); rows come back in the order of
    /// `points`. `done` is called once per finished design, from worker threads (for
    /// a progress bar).
    pub fn run_points(
        &self,
        db: &MaterialDb,
        points: &[Point],
        done: &(dyn Fn(&Row) + Sync),
    ) -> Vec<Row> {
        points
            .par_iter()
            .map(|p| {
                let row = self.run_point(db, p);
                done(&row);
                row
            })
            .collect()
    }

    /// A canonical description of the sweep as JSON: FNV-1a hash of the base design's
    /// TOML text (as [`Design::to_toml_string`] writes it, so comments and layout do
    /// not count), the variations (path, SI values, bounds), the rate, the plan and
    /// whether the resistance is computed. Two sweeps with equal definitions have
    /// equal plans and rows.
    pub fn definition(&self) -> serde_json::Value {
        let plan = match self.plan {
            Plan::Factorial => json!({ "kind": "factorial" }),
            Plan::LatinHypercube { samples, seed } => {
                json!({ "kind": "latin_hypercube", "samples": samples, "seed": seed })
            }
        };
        json!({
            "design_fnv1a64": format!("{:016x}", fnv1a64(self.base.to_toml_string().as_bytes())),
            "variations": self.variations.iter().map(|v| json!({
                "path": v.path,
                "column": v.column_name(),
                "values": v.values,
                "bounds": v.bounds.map(|(a, b)| vec![a, b]),
            })).collect::<Vec<_>>(),
            "rate_c": self.rate,
            "plan": plan,
            "resistance": self.resistance,
        })
    }
}

/// 64-bit FNV-1a hash (Fowler, Noll & Vo): a stable fingerprint of text, enough to
/// notice that a design file changed between a sweep and its resumption.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests;
