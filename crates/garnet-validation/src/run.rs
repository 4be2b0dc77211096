//! Simulating a row design: the reported discharge, the simulated impedance, and the
//! ratios to what was reported.

use garnet_cell::{
    resistance_breakdown, CellParams, CurrentSpec, Design, Protocol, Simulator, Step, Summary,
};
use garnet_lit::{Architecture, Cell};
use garnet_materials::MaterialDb;
use rayon::prelude::*;
use serde::Serialize;

use crate::row::{build, BuiltDesign, DefaultUsed, RowCurrent};
use crate::ValidationError;

/// The simulated quantity compared with a reported cell impedance: the point of the
/// small-signal spectrum (linearised DFN at the design's initial state and temperature)
/// where the arcs end, `garnet_cell::compare::low_frequency_impedance` — the same
/// quantity `garnet simulate --reported` compares (Re Z where −Im Z is minimal before
/// the diffusion tail, or the 45° point where the arcs merge into it).
pub fn simulated_cell_impedance(
    p: &CellParams,
) -> Result<garnet_cell::ImpedancePoint, garnet_cell::CellError> {
    garnet_cell::compare::low_frequency_impedance(p).map(|(z, _)| z)
}

/// What a row design gave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Simulated {
    /// Row id.
    pub id: String,
    /// Architecture as printed.
    pub architecture: Architecture,
    /// CEI strategy (§5.2.3).
    pub strategy: Architecture,
    /// `composite` or `thin-film`.
    pub structure: String,
    /// Temperature (°C).
    pub temperature_c: f64,
    /// The current as the row reports it.
    pub reported_current: RowCurrent,
    /// The same current as a density (mA/cm²).
    pub current_ma_cm2: f64,
    /// Reported capacity and its unit.
    pub reported_capacity: Option<(f64, String)>,
    /// Simulated capacity in the reported unit (mAh/g, or µAh/cm² / mAh/cm²).
    pub simulated_capacity: f64,
    /// Simulated / reported capacity.
    pub capacity_ratio: Option<f64>,
    /// Reported cell impedance (Ω cm²).
    pub reported_impedance_ohm_cm2: Option<f64>,
    /// Re Z at the end of the simulated arcs (Ω cm²), [`simulated_cell_impedance`].
    pub simulated_impedance_ohm_cm2: f64,
    /// The frequency of that point (Hz).
    pub simulated_impedance_frequency_hz: f64,
    /// Simulated / reported impedance.
    pub impedance_ratio: Option<f64>,
    /// DC resistance of the §5.1 breakdown (C/10 pulse, Ω cm²), for reference.
    pub dc_resistance_ohm_cm2: f64,
    /// How the discharge ended.
    pub discharge_end: String,
    /// Every value the row did not give.
    pub defaults: Vec<DefaultUsed>,
    /// What the row names and the design leaves out.
    pub not_modelled: Vec<String>,
    /// The resolver's warnings.
    pub warnings: Vec<String>,
    /// The artificial CEI modelled (`cathode.interlayer`), if any.
    pub interlayer: Option<String>,
    /// The design file that was simulated.
    pub design_toml: String,
}

/// The outcome for one row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum CellOutcome {
    /// Built and simulated.
    Simulated(Box<Simulated>),
    /// Not built: the row lacks what a design needs.
    NotBuilt {
        /// Row id.
        id: String,
        /// Why.
        reason: String,
    },
    /// Built, but the design did not resolve or simulate.
    Failed {
        /// Row id.
        id: String,
        /// The model's error.
        reason: String,
    },
}

impl CellOutcome {
    /// The row id.
    pub fn id(&self) -> &str {
        match self {
            CellOutcome::Simulated(s) => &s.id,
            CellOutcome::NotBuilt { id, .. } | CellOutcome::Failed { id, .. } => id,
        }
    }
}

fn current_density(current: RowCurrent, p: &CellParams) -> f64 {
    match current {
        // 1 µA/cm² = 1e-2 A/m².
        RowCurrent::DensityUaCm2(j) => j * 1e-2,
        // 1 mA/g = 1 A/kg, times the active mass per area (kg/m²).
        RowCurrent::SpecificMaG(s) => s * p.active_mass / p.area,
        RowCurrent::CRate(c) => p.c_rate_to_current_density(c),
    }
}

/// Simulate a built design: resolve it, discharge at the row's current to the lower
/// cut-off, and compute the simulated impedance.
pub fn simulate(built: &BuiltDesign, db: &MaterialDb) -> Result<Simulated, ValidationError> {
    let fail = |e: garnet_cell::CellError| ValidationError::Failed {
        id: built.id.clone(),
        reason: e.to_string(),
    };
    let design = Design::from_toml(&built.id, &built.design_toml).map_err(fail)?;
    let p = design.resolve(db).map_err(fail)?;
    let density = current_density(built.current, &p);
    let protocol = Protocol {
        steps: vec![Step::ConstantCurrent {
            discharge: true,
            current: CurrentSpec::Density(density),
            until_voltage: None,
            max_time: None,
        }],
        cycles: 1,
    };
    let mut sim = Simulator::new(p.clone());
    let mut y = sim.initial_state();
    let run = sim.run(&protocol, &mut y).map_err(fail)?;
    let summary = Summary::of(&run, &p);
    let simulated_capacity = match built.reported_capacity.as_ref().map(|(_, u)| u.as_str()) {
        Some("uAh/cm2") => summary.capacity_mah_per_cm2 * 1e3,
        Some("mAh/cm2") => summary.capacity_mah_per_cm2,
        _ => summary.capacity_mah_per_g.unwrap_or(f64::NAN),
    };
    let z = simulated_cell_impedance(&p).map_err(fail)?;
    let dc = resistance_breakdown(&p, None, 1.0).map_err(fail)?;
    let ratio = |sim: f64, rep: Option<f64>| rep.filter(|r| *r > 0.0).map(|r| sim / r);
    Ok(Simulated {
        id: built.id.clone(),
        architecture: built.architecture,
        strategy: built.strategy,
        structure: built.structure.clone(),
        temperature_c: built.temperature_c,
        reported_current: built.current,
        current_ma_cm2: density * 0.1,
        reported_capacity: built.reported_capacity.clone(),
        simulated_capacity,
        capacity_ratio: ratio(
            simulated_capacity,
            built.reported_capacity.as_ref().map(|c| c.0),
        ),
        reported_impedance_ohm_cm2: built.reported_impedance_ohm_cm2,
        simulated_impedance_ohm_cm2: z.z_real_ohm_cm2,
        simulated_impedance_frequency_hz: z.frequency_hz,
        impedance_ratio: ratio(z.z_real_ohm_cm2, built.reported_impedance_ohm_cm2),
        dc_resistance_ohm_cm2: dc.r_total_ohm_cm2,
        discharge_end: summary.step_ends.join("; "),
        defaults: built.defaults.clone(),
        not_modelled: built.not_modelled.clone(),
        warnings: p.warnings.clone(),
        interlayer: built.interlayer.clone(),
        design_toml: built.design_toml.clone(),
    })
}

/// Build and simulate one row; never fails (a row that cannot be built or simulated is
/// an outcome with its reason).
pub fn outcome(cell: &Cell, db: &MaterialDb) -> CellOutcome {
    match build(cell, db).and_then(|b| simulate(&b, db)) {
        Ok(s) => CellOutcome::Simulated(Box::new(s)),
        Err(ValidationError::NotBuildable { id, reason }) => CellOutcome::NotBuilt { id, reason },
        Err(ValidationError::Failed { id, reason }) => CellOutcome::Failed { id, reason },
    }
}

/// Every row, in the given order, simulated in parallel (rayon).
pub fn simulate_all(cells: &[Cell], db: &MaterialDb) -> Vec<CellOutcome> {
    cells.par_iter().map(|c| outcome(c, db)).collect()
}
