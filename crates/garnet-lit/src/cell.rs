//! A reported cell: the typed fields of one row of the review's Table 2 (or a lab's own).

use serde::{Deserialize, Serialize};

/// The CEI strategy of §5.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Architecture {
    /// §5.2.1: the cathode coated directly on the garnet.
    DirectCoating,
    /// §5.2.2: cathode active material mixed with garnet (co-sintered).
    CompositeCathode,
    /// §5.2.3: an added layer between cathode and garnet.
    ArtificialCei,
}

impl Architecture {
    /// All values, in the review's order.
    pub const ALL: [Architecture; 3] = [
        Architecture::DirectCoating,
        Architecture::CompositeCathode,
        Architecture::ArtificialCei,
    ];

    /// The name used in files, JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Architecture::DirectCoating => "direct-coating",
            Architecture::CompositeCathode => "composite-cathode",
            Architecture::ArtificialCei => "artificial-cei",
        }
    }

    /// Parse the file/CLI name.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == text)
    }

    /// A short label for tables (`direct`, `composite`, `art. CEI`).
    pub fn short_name(self) -> &'static str {
        match self {
            Architecture::DirectCoating => "direct",
            Architecture::CompositeCathode => "composite",
            Architecture::ArtificialCei => "art. CEI",
        }
    }
}

/// How sure the reconstruction of a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Key numbers confirmed by the body text or unambiguous.
    High,
    /// Plausible alignment, not confirmed.
    Medium,
    /// Significant guessing.
    Low,
}

impl Confidence {
    /// The name used in files and JSON (`high`, `medium`, `low`).
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
}

/// One reported cell, as stored (`data/cells/table2.toml` or a user file). Field names
/// and units are those of `garnet cells list --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    /// `T2-01`… for Table 2 rows; any unique string for a lab's own cells.
    pub id: String,
    /// The CEI strategy as printed.
    pub architecture: Architecture,
    /// Cathode active material as printed.
    pub cathode: String,
    /// Fabrication method as printed.
    #[serde(default)]
    pub method: Option<String>,
    /// Co-sintering/annealing/drying temperature parsed from the method (°C).
    #[serde(default)]
    pub process_temperature_c: Option<f64>,
    /// CEI materials; empty for none; `None` when unknown.
    #[serde(default)]
    pub interlayer: Option<Vec<String>>,
    /// Impurity phases (marked with `*` in the table).
    #[serde(default)]
    pub impurity_phase: Option<Vec<String>>,
    /// Solid-electrolyte composition as printed.
    pub electrolyte: String,
    /// Remark on the electrolyte (e.g. "3D structured", "+ Al2O3").
    #[serde(default)]
    pub electrolyte_note: Option<String>,
    /// Cell impedance (Ω cm²).
    #[serde(default)]
    pub impedance_ohm_cm2: Option<f64>,
    /// Initial discharge capacity, in `capacity_unit`.
    #[serde(default)]
    pub capacity_value: Option<f64>,
    /// Unit of the capacity (`mAh/g` unless stated).
    #[serde(default)]
    pub capacity_unit: Option<String>,
    /// Remark on the capacity (e.g. "Failed").
    #[serde(default)]
    pub capacity_note: Option<String>,
    /// Number of cycles reported.
    #[serde(default)]
    pub cycles: Option<u32>,
    /// Capacity retention after `cycles` (%).
    #[serde(default)]
    pub retention_pct: Option<f64>,
    /// Current as a C-rate.
    #[serde(default)]
    pub c_rate: Option<f64>,
    /// Current density (µA/cm²).
    #[serde(default)]
    pub current_ua_cm2: Option<f64>,
    /// Specific current (mA/g).
    #[serde(default)]
    pub specific_current_ma_g: Option<f64>,
    /// Cathode loading, lower end (mg/cm²).
    #[serde(default)]
    pub loading_min_mg_cm2: Option<f64>,
    /// Cathode loading, upper end (mg/cm²).
    #[serde(default)]
    pub loading_max_mg_cm2: Option<f64>,
    /// Operating temperature (°C); "RT" is 25 °C with `temperature_is_rt`.
    #[serde(default)]
    pub temperature_c: Option<f64>,
    /// The table said "RT".
    #[serde(default)]
    pub temperature_is_rt: Option<bool>,
    /// Reference number in the review's list.
    #[serde(default)]
    pub review_ref: Option<u32>,
    /// A citation key for cells not in the review (a lab's own, another paper).
    #[serde(default)]
    pub source: Option<String>,
    /// Soft additive at the interface, for pseudo-solid cells (§7): `liquid`,
    /// `ionic-liquid` or `polymer`.
    #[serde(default)]
    pub soft_additive: Option<SoftAdditive>,
    /// How sure the data are.
    pub confidence: Confidence,
    /// What was inferred and from where.
    #[serde(default)]
    pub notes: Option<String>,
}

/// A non-solid additive that makes a cell pseudo-solid (§7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SoftAdditive {
    /// Liquid electrolyte → "hybrid SE".
    Liquid,
    /// Ionic liquid → "quasi SE".
    IonicLiquid,
    /// Polymer → "composite SE".
    Polymer,
}
