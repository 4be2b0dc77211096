//! `garnet sweep --bench`: run a sweep's designs, keep no rows, and say how fast they
//! went and where the time of a design goes ([`Sweep::bench`]).

use std::time::Instant;

use garnet_materials::MaterialDb;
use rayon::prelude::*;

use crate::{Point, Row, Sweep, Timings};

/// The throughput of a sweep's designs and the mean time of each stage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BenchSummary {
    /// Designs run.
    pub designs: usize,
    /// Designs that failed.
    pub failed: usize,
    /// Wall time of the whole run (s).
    pub elapsed_s: f64,
    /// Mean time per design editing and resolving it (ms).
    pub resolve_ms: f64,
    /// Mean time per design of the discharge (ms).
    pub discharge_ms: f64,
    /// Mean time per design of the resistance pulse (ms).
    pub resistance_ms: f64,
    /// Mean solver steps of a discharge, over the designs that succeeded.
    pub mean_steps: f64,
}

impl BenchSummary {
    /// Designs per second of wall time.
    pub fn designs_per_s(&self) -> f64 {
        self.designs as f64 / self.elapsed_s
    }
}

impl Sweep {
    /// Run `points` on `pool` ([`Sweep::run_point_timed`]), calling `on_design` after
    /// each, and sum up where the time went.
    pub fn bench(
        &self,
        db: &MaterialDb,
        points: &[Point],
        pool: &rayon::ThreadPool,
        on_design: &(dyn Fn() + Sync),
    ) -> BenchSummary {
        let t0 = Instant::now();
        let results: Vec<(Row, Timings)> = pool.install(|| {
            points
                .par_iter()
                .map(|p| {
                    let r = self.run_point_timed(db, p);
                    on_design();
                    r
                })
                .collect()
        });
        let elapsed_s = t0.elapsed().as_secs_f64();
        let n = results.len().max(1) as f64;
        let failed = results.iter().filter(|(r, _)| r.outcome.is_err()).count();
        let mean =
            |f: fn(&Timings) -> f64| results.iter().map(|(_, t)| f(t)).sum::<f64>() / n * 1e3;
        let steps = results
            .iter()
            .filter_map(|(r, _)| r.outcome.as_ref().ok().map(|o| o.summary.n_steps))
            .sum::<usize>() as f64;
        BenchSummary {
            designs: results.len(),
            failed,
            elapsed_s,
            resolve_ms: mean(|t| t.resolve_s),
            discharge_ms: mean(|t| t.discharge_s),
            resistance_ms: mean(|t| t.resistance_s),
            mean_steps: steps / (results.len() - failed).max(1) as f64,
        }
    }
}
