//! One design run: edit → resolve → 1C discharge → §5.1 resistance breakdown → a row;
//! and rows as a columnar [`Table`].

use std::time::Instant;

use garnet_cell::{
    resistance_breakdown, Design, Protocol, ResistanceBreakdown, Simulator, Summary,
};
use garnet_materials::MaterialDb;

use crate::table::{Column, ColumnData, Table};
use crate::{Point, Sweep, SweepError};

/// What a successful design run gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The discharge's figures of merit.
    pub summary: Summary,
    /// The §5.1 breakdown from a DC pulse (C/10 or smaller) at the design's initial state (`None`
    /// when the sweep skips it).
    pub resistance: Option<ResistanceBreakdown>,
}

/// The result of one design.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The design's index in the plan.
    pub index: usize,
    /// The values of the variations (SI).
    pub inputs: Vec<f64>,
    /// The figures, or why the design failed (edit, resolve or solver error); the
    /// table's `error` column holds its message.
    pub outcome: Result<Outcome, SweepError>,
}

/// Where the time of one design went (seconds), for `--bench`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Timings {
    /// Editing the design and resolving it into parameters.
    pub resolve_s: f64,
    /// The constant-current discharge (solve and samples).
    pub discharge_s: f64,
    /// The resistance pulse.
    pub resistance_s: f64,
}

/// The output columns after `index`, the inputs and `status`/`error`, with their
/// meaning (all `f64` except `n_steps`). Missing values are nulls.
pub const RESULT_COLUMNS: &[(&str, &str)] = &[
    ("capacity_mah", "discharge capacity (mAh)"),
    (
        "capacity_mah_per_g",
        "per gram of cathode active material (mAh/g)",
    ),
    ("capacity_mah_per_cm2", "per cm² of electrode (mAh/cm²)"),
    ("energy_mwh", "energy of the discharge (mWh)"),
    ("mean_voltage_v", "energy / capacity (V)"),
    ("discharge_time_s", "duration of the discharge (s)"),
    ("final_voltage_v", "voltage at the end (V)"),
    ("final_soc", "state of charge at the end"),
    (
        "utilisation",
        "capacity over the cathode's theoretical capacity",
    ),
    ("nominal_capacity_mah", "the capacity that defines 1C (mAh)"),
    ("n_steps", "solver steps (integer)"),
    (
        "r_electronic_ohm_cm2",
        "§5.1 (1) electronic resistance (Ω cm²)",
    ),
    (
        "r_separator_ohm_cm2",
        "§5.1 (2) separator ionic resistance (Ω cm²)",
    ),
    (
        "r_composite_ionic_ohm_cm2",
        "§5.1 (3) composite ionic resistance (Ω cm²)",
    ),
    (
        "r_interface_ohm_cm2",
        "§5.1 (4) interfacial resistance (Ω cm²)",
    ),
    ("r_total_ohm_cm2", "sum of (1)–(4) (Ω cm²)"),
];

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

impl Sweep {
    /// Run one design (see [`Sweep::run_point_timed`]).
    pub fn run_point(&self, db: &MaterialDb, point: &Point) -> Row {
        self.run_point_timed(db, point).0
    }

    /// Run one design and say where its time went. Never fails: an error (and even a
    /// panic deep in the numerics) becomes a row whose outcome is the message.
    pub fn run_point_timed(&self, db: &MaterialDb, point: &Point) -> (Row, Timings) {
        let mut timings = Timings::default();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.outcome(db, point, &mut timings)
        }))
        .unwrap_or_else(|p| Err(SweepError::Panic(panic_text(p.as_ref()))));
        let row = Row {
            index: point.index,
            inputs: point.values.clone(),
            outcome,
        };
        (row, timings)
    }

    /// The design of a point: the base with the point's values set.
    pub fn design(&self, point: &Point) -> Result<Design, SweepError> {
        if point.values.len() != self.variations.len() {
            return Err(SweepError::PointSize {
                values: point.values.len(),
                variations: self.variations.len(),
            });
        }
        let mut design = self.base.clone();
        for (v, &x) in self.variations.iter().zip(&point.values) {
            design.set_number(&v.path, x).map_err(SweepError::Edit)?;
        }
        Ok(design)
    }

    fn outcome(
        &self,
        db: &MaterialDb,
        point: &Point,
        t: &mut Timings,
    ) -> Result<Outcome, SweepError> {
        let t0 = Instant::now();
        let design = self.design(point)?;
        let params = design.resolve(db).map_err(SweepError::Resolve)?;
        let t1 = Instant::now();
        t.resolve_s = (t1 - t0).as_secs_f64();
        let mut sim = Simulator::new(params.clone());
        let mut y = sim.initial_state();
        let run = sim
            .run(&Protocol::discharge(self.rate), &mut y)
            .map_err(SweepError::Discharge)?;
        let summary = Summary::of(&run, &params);
        let t2 = Instant::now();
        t.discharge_s = (t2 - t1).as_secs_f64();
        let resistance = if self.resistance {
            let r =
                resistance_breakdown(&params, None, 1.0).map_err(SweepError::ResistancePulse)?;
            t.resistance_s = t2.elapsed().as_secs_f64();
            Some(r)
        } else {
            None
        };
        let summary = match &resistance {
            Some(r) => summary.with_resistance(r),
            None => summary,
        };
        Ok(Outcome {
            summary,
            resistance,
        })
    }

    /// The names of the output columns, in order: `index`, one per variation
    /// ([`Variation::column_name`](crate::Variation::column_name)), `status`, `error`,
    /// then [`RESULT_COLUMNS`].
    pub fn column_names(&self) -> Vec<String> {
        let mut names = vec!["index".to_string()];
        names.extend(self.variations.iter().map(|v| v.column_name()));
        names.push("status".to_string());
        names.push("error".to_string());
        names.extend(RESULT_COLUMNS.iter().map(|(n, _)| n.to_string()));
        names
    }

    /// Rows as a table (columns as in [`Sweep::column_names`]); `status` is `ok` or
    /// `failed`, `error` the message of a failed design (null otherwise), and a
    /// failed design's figures are nulls.
    pub fn table(&self, rows: &[Row]) -> Table {
        let f = |get: &dyn Fn(&Outcome) -> Option<f64>| {
            ColumnData::F64(
                rows.iter()
                    .map(|r| r.outcome.as_ref().ok().and_then(get))
                    .collect(),
            )
        };
        let mut columns = vec![Column {
            name: "index".to_string(),
            data: ColumnData::I64(rows.iter().map(|r| Some(r.index as i64)).collect()),
        }];
        for (k, v) in self.variations.iter().enumerate() {
            columns.push(Column {
                name: v.column_name(),
                data: ColumnData::F64(rows.iter().map(|r| r.inputs.get(k).copied()).collect()),
            });
        }
        columns.push(Column {
            name: "status".to_string(),
            data: ColumnData::Str(
                rows.iter()
                    .map(|r| Some(if r.outcome.is_ok() { "ok" } else { "failed" }.to_string()))
                    .collect(),
            ),
        });
        columns.push(Column {
            name: "error".to_string(),
            data: ColumnData::Str(
                rows.iter()
                    .map(|r| r.outcome.as_ref().err().map(ToString::to_string))
                    .collect(),
            ),
        });
        let r = |o: &Outcome, g: fn(&ResistanceBreakdown) -> f64| o.resistance.as_ref().map(g);
        let data: Vec<ColumnData> = vec![
            f(&|o| Some(o.summary.capacity_mah)),
            f(&|o| o.summary.capacity_mah_per_g),
            f(&|o| Some(o.summary.capacity_mah_per_cm2)),
            f(&|o| Some(o.summary.energy_mwh)),
            f(&|o| Some(o.summary.mean_voltage_v)),
            f(&|o| Some(o.summary.discharge_time_s)),
            f(&|o| Some(o.summary.final_voltage_v)),
            f(&|o| Some(o.summary.final_soc)),
            f(&|o| o.summary.utilisation),
            f(&|o| Some(o.summary.nominal_capacity_mah)),
            ColumnData::I64(
                rows.iter()
                    .map(|r| r.outcome.as_ref().ok().map(|o| o.summary.n_steps as i64))
                    .collect(),
            ),
            f(&|o| r(o, |b| b.r_electronic_ohm_cm2)),
            f(&|o| r(o, |b| b.r_separator_ohm_cm2)),
            f(&|o| r(o, |b| b.r_composite_ionic_ohm_cm2)),
            f(&|o| r(o, |b| b.r_interface_ohm_cm2)),
            f(&|o| r(o, |b| b.r_total_ohm_cm2)),
        ];
        for ((name, _), data) in RESULT_COLUMNS.iter().zip(data) {
            columns.push(Column {
                name: name.to_string(),
                data,
            });
        }
        Table { columns }
    }
}
