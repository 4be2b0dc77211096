//! [`ReportData`]: everything the report shows, as numbers and short texts. Its JSON
//! (serde) is what `garnet report --json` writes and what `garnet.report` returns.

use garnet_cell::{ImpedancePoint, ModelOptions, ResistanceBreakdown, Summary};
use garnet_interface::check::StackCheck;
use garnet_interface::screen::Screening;
use garnet_interface::InterfaceError;
use garnet_lit::Architecture;
use serde::Serialize;

/// How a §6.1 target came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetStatus {
    /// The simulated value meets the target.
    Met,
    /// It does not.
    NotMet,
    /// garnet does not model what the target is about.
    NotModelled,
}

impl TargetStatus {
    /// As printed.
    pub fn label(self) -> &'static str {
        match self {
            TargetStatus::Met => "met",
            TargetStatus::NotMet => "not met",
            TargetStatus::NotModelled => "not modelled",
        }
    }
}

/// One row of the §6.1 target table.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    /// Stable id.
    pub id: &'static str,
    /// What is asked.
    pub criterion: &'static str,
    /// The target as printed.
    pub target: String,
    /// The design's value as text, when modelled.
    pub value: Option<String>,
    /// Outcome.
    pub status: TargetStatus,
    /// How the value was obtained.
    pub basis: String,
}

/// One constant-current discharge.
#[derive(Debug, Clone, Serialize)]
pub struct RateRun {
    /// Label, e.g. "1C" or "5 mA/cm²".
    pub label: String,
    /// Current density (A/m²).
    pub current_density_a_m2: f64,
    /// (capacity mAh/g, voltage V) along the discharge.
    #[serde(skip)]
    pub curve: Vec<(f64, f64)>,
    /// Its summary.
    pub summary: Summary,
}

/// A Ragone point.
#[derive(Debug, Clone, Serialize)]
pub struct RagonePoint {
    /// C-rate.
    pub c_rate: f64,
    /// Specific energy of the cathode composite vs Li (Wh/kg).
    pub composite_wh_per_kg: f64,
    /// Its specific power (W/kg).
    pub composite_w_per_kg: f64,
    /// Specific energy of the stack (Wh/kg).
    pub stack_wh_per_kg: f64,
    /// Its specific power (W/kg).
    pub stack_w_per_kg: f64,
}

/// A reported cell placed on the comparison plot.
#[derive(Debug, Clone, Serialize)]
pub struct LitPoint {
    /// Table 2 id.
    pub id: String,
    /// Strategy.
    pub architecture: Architecture,
    /// Cathode.
    pub cathode: String,
    /// Cell impedance (Ω cm²).
    pub impedance_ohm_cm2: f64,
    /// Initial discharge capacity (mAh/g).
    pub capacity_mah_g: f64,
}

/// Everything the report shows.
#[derive(Debug, Clone, Serialize)]
pub struct ReportData {
    /// Design name.
    pub name: String,
    /// Design description.
    pub description: Option<String>,
    /// Design file as given.
    pub design_file: String,
    /// Key parameters (label, value) for the summary table.
    pub parameters: Vec<(String, String)>,
    /// §6.1 targets.
    pub targets: Vec<Target>,
    /// The discharge at 1C with the resistance breakdown.
    pub at_1c: Summary,
    /// The §5.1 breakdown.
    pub resistance: ResistanceBreakdown,
    /// Voltage curves.
    pub curves: Vec<RateRun>,
    /// The 5 mA/cm² discharge, when it ran.
    pub capability: Option<RateRun>,
    /// Energy efficiency of a 1C charge followed by a 1C discharge.
    pub energy_efficiency: Option<f64>,
    /// Ragone points.
    pub ragone: Vec<RagonePoint>,
    /// Layers (name, thickness µm, density g/cm³, areal mass mg/cm², source).
    pub layers: Vec<(String, f64, f64, f64, String)>,
    /// Cathode composite specific energy vs Li at 1C (Wh/kg).
    pub composite_wh_per_kg: Option<f64>,
    /// Stack specific energy at 1C (Wh/kg).
    pub stack_wh_per_kg: f64,
    /// Stack energy density at 1C (Wh/L).
    pub stack_wh_per_l: f64,
    /// Areal capacity at 1C (mAh/cm²).
    pub areal_capacity_mah_cm2: f64,
    /// Current density at 1C (mA/cm²).
    pub current_density_1c_ma_cm2: f64,
    /// Inactive share of the stack mass.
    pub inactive_mass_fraction: f64,
    /// Simulated impedance at half charge.
    #[serde(skip)]
    pub impedance: Vec<ImpedancePoint>,
    /// Stack chemistry check, or why it could not run.
    #[serde(skip)]
    pub interface: Result<StackCheck, InterfaceError>,
    /// Interlayer screening, or why it could not run.
    #[serde(skip)]
    pub screening: Result<Screening, InterfaceError>,
    /// The design's strategy.
    pub architecture: Architecture,
    /// Reported cells with impedance and capacity.
    pub literature: Vec<LitPoint>,
    /// What garnet does not model.
    pub not_modelled: Vec<&'static str>,
    /// Warnings.
    pub warnings: Vec<String>,
    /// Sources: (key, full reference).
    pub references: Vec<(String, String)>,
    /// Seconds spent computing.
    pub compute_s: f64,
    /// The model options the numbers come from (in the JSON under `generated_by`).
    #[serde(skip)]
    pub model_options: ModelOptions,
}

impl ReportData {
    /// The numbers as pretty-printed JSON: the one serialisation of the report, written
    /// by `garnet report --json` and parsed by `garnet.report`.
    /// It ends with `generated_by`: garnet's version and the model options
    /// (`garnet_io::stamp`).
    pub fn to_json(&self) -> Result<String, crate::ReportError> {
        let stamp = self.generated_by()?;
        Ok(serde_json::to_string_pretty(
            &garnet_io::stamp::Stamped::new(self, &stamp),
        )?)
    }

    /// The provenance stamp of this report (`garnet_io::stamp::generated_by`).
    pub fn generated_by(&self) -> Result<serde_json::Value, crate::ReportError> {
        let options = serde_json::to_value(&self.model_options)?;
        Ok(garnet_io::stamp::generated_by("report", Some(options)))
    }
}

/// What garnet does not model, listed in every report.
pub const NOT_MODELLED: [&str; 6] = [
    "cycle life and capacity fade (the 1000-cycle target of §6.1)",
    "mechanical degradation: cracking, contact loss and stack pressure (Table 1 gives the moduli, the model keeps contact fixed)",
    "Li dendrites, voids and the critical current density at the Li|garnet interface",
    "secondary phases growing during co-sintering or cycling (the interface check only flags them)",
    "heat generation and temperature gradients (isothermal model)",
    "cost, scalability and manufacturing (§6.2–6.3)",
];
