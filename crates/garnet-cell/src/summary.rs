//! Figures of merit of a run.

use serde::Serialize;

use crate::simulate::{Run, StepEnd};
use crate::CellParams;

/// Summary of a run (the `summary.json` of `garnet simulate`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Discharge capacity of the last discharge (consecutive discharge steps) (mAh).
    pub capacity_mah: f64,
    /// Per gram of cathode active material (mAh/g).
    pub capacity_mah_per_g: Option<f64>,
    /// Per cm² of electrode (mAh/cm²).
    pub capacity_mah_per_cm2: f64,
    /// Energy delivered in the last discharge step (mWh).
    pub energy_mwh: f64,
    /// Energy / capacity of that step (V).
    pub mean_voltage_v: f64,
    /// Duration of that step (s).
    pub discharge_time_s: f64,
    /// Charge capacity of the last charge (CC and CV steps together) (mAh), if any.
    pub charge_capacity_mah: Option<f64>,
    /// Energy put in during the last charge step (mWh), if any.
    pub charge_energy_mwh: Option<f64>,
    /// Voltage at the end of the run (V).
    pub final_voltage_v: f64,
    /// State of charge at the end of the run.
    pub final_soc: f64,
    /// Total simulated time (s).
    pub duration_s: f64,
    /// The capacity that defines 1C (mAh).
    pub nominal_capacity_mah: f64,
    /// Solver steps.
    pub n_steps: usize,
    /// Newton-matrix builds.
    pub n_jacobian_evals: usize,
    /// How each protocol step ended.
    pub step_ends: Vec<String>,
    /// Discharge capacity per active mass over the theoretical capacity of the cathode.
    pub utilisation: Option<f64>,
    /// Energy of the last discharge over the energy of the charge before it (needs a
    /// charge–discharge protocol).
    pub energy_efficiency: Option<f64>,
    /// §5.1 (1): electronic resistance (Ω cm²), from the DC pulse of
    /// [`crate::resistance_breakdown`] (C/10, or smaller where C/10 is not linear) at
    /// the initial state.
    pub r_electronic_ohm_cm2: Option<f64>,
    /// §5.1 (2): separator ionic resistance (Ω cm²).
    pub r_separator_ohm_cm2: Option<f64>,
    /// §5.1 (3): ionic resistance of the composite (Ω cm²).
    pub r_composite_ionic_ohm_cm2: Option<f64>,
    /// §5.1 (4): interfacial resistance (Ω cm²).
    pub r_interface_ohm_cm2: Option<f64>,
    /// Sum of the four (Ω cm²).
    pub r_total_ohm_cm2: Option<f64>,
}

impl Summary {
    /// Add the §5.1 resistance breakdown.
    pub fn with_resistance(mut self, r: &crate::ResistanceBreakdown) -> Self {
        self.r_electronic_ohm_cm2 = Some(r.r_electronic_ohm_cm2);
        self.r_separator_ohm_cm2 = Some(r.r_separator_ohm_cm2);
        self.r_composite_ionic_ohm_cm2 = Some(r.r_composite_ionic_ohm_cm2);
        self.r_interface_ohm_cm2 = Some(r.r_interface_ohm_cm2);
        self.r_total_ohm_cm2 = Some(r.r_total_ohm_cm2);
        self
    }
}

/// Run `protocol` on a fresh simulator from the initial state of `params` and
/// summarise the run with the §5.1 resistance breakdown `resistance` (what
/// `garnet simulate` does for each rate).
pub fn simulate_summarised(
    params: &CellParams,
    protocol: &crate::Protocol,
    resistance: &crate::ResistanceBreakdown,
) -> Result<(Run, Summary), crate::CellError> {
    let mut sim = crate::Simulator::new(params.clone());
    let mut y = sim.initial_state();
    let run = sim.run(protocol, &mut y)?;
    let summary = Summary::of(&run, params).with_resistance(resistance);
    Ok((run, summary))
}

impl Summary {
    /// Summarise a run.
    pub fn of(run: &Run, p: &CellParams) -> Self {
        // Per protocol step: charge passed and energy (trapezoid on the samples; exact
        // for the charge in constant-current steps). Consecutive steps of the same
        // direction (a CC charge and its CV hold) form one block.
        let mut last_dis: Option<(f64, f64, f64)> = None;
        let mut last_chg: Option<(f64, f64)> = None;
        let mut block: Option<(bool, f64, f64, f64)> = None; // (discharge?, q, e, time)
        let n_steps = run.samples.last().map_or(0, |s| s.step);
        let mut close = |b: Option<(bool, f64, f64, f64)>| match b {
            Some((true, q, e, dt)) => last_dis = Some((q, e, dt)),
            Some((false, q, e, _)) => last_chg = Some((-q, -e)),
            None => {}
        };
        for step in 1..=n_steps {
            let pts: Vec<_> = run.samples.iter().filter(|s| s.step == step).collect();
            if pts.len() < 2 {
                continue;
            }
            let (mut q, mut e) = (0.0, 0.0);
            for w in pts.windows(2) {
                let dq = w[1].capacity_mah - w[0].capacity_mah;
                q += dq;
                e += dq * 0.5 * (w[0].breakdown.voltage + w[1].breakdown.voltage);
            }
            let dt = pts[pts.len() - 1].time - pts[0].time;
            if q.abs() <= 1e-12 {
                // A rest ends a block.
                close(block.take());
                continue;
            }
            let discharge = q > 0.0;
            block = match block {
                Some((d, bq, be, bt)) if d == discharge => Some((d, bq + q, be + e, bt + dt)),
                other => {
                    close(other);
                    Some((discharge, q, e, dt))
                }
            };
        }
        close(block.take());
        let (cap, energy, dt) = last_dis.unwrap_or((0.0, 0.0, 0.0));
        let last = run.samples.last();
        Summary {
            capacity_mah: cap,
            capacity_mah_per_g: (p.active_mass > 0.0).then(|| cap / (p.active_mass * 1e3)),
            capacity_mah_per_cm2: cap / (p.area * 1e4),
            energy_mwh: energy,
            mean_voltage_v: if cap > 0.0 { energy / cap } else { 0.0 },
            discharge_time_s: dt,
            charge_capacity_mah: last_chg.map(|c| c.0),
            charge_energy_mwh: last_chg.map(|c| c.1),
            final_voltage_v: last.map_or(0.0, |s| s.breakdown.voltage),
            final_soc: last.map_or(0.0, |s| s.soc),
            duration_s: last.map_or(0.0, |s| s.time),
            nominal_capacity_mah: p.nominal_capacity / 3.6,
            n_steps: run.stats.steps,
            n_jacobian_evals: run.stats.jacobian_evals,
            utilisation: match (p.theoretical_capacity, p.active_mass > 0.0) {
                (Some(q), true) => Some(cap * 3.6 / p.active_mass / q),
                _ => None,
            },
            energy_efficiency: match (last_chg, last_dis) {
                (Some((_, e_chg)), Some((_, e_dis, _))) if e_chg > 0.0 => Some(e_dis / e_chg),
                _ => None,
            },
            r_electronic_ohm_cm2: None,
            r_separator_ohm_cm2: None,
            r_composite_ionic_ohm_cm2: None,
            r_interface_ohm_cm2: None,
            r_total_ohm_cm2: None,
            step_ends: run
                .step_ends
                .iter()
                .map(|e| match e {
                    StepEnd::Voltage => "voltage limit",
                    StepEnd::Current => "current limit",
                    StepEnd::Time => "time limit",
                })
                .map(str::to_string)
                .collect(),
        }
    }
}
