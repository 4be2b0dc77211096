//! A cell as users see it: stored fields plus classification, derived numbers, the
//! report card, electrolyte checks and the full reference.

use garnet_chem::{analyse_garnet, charge_balance, Formula};
use garnet_cite::Bibliography;
use garnet_materials::{physics::theoretical_capacity, MaterialDb};
use serde::Serialize;

use crate::cell::{Architecture, Cell, Confidence};
use crate::classify::{classify, InterlayerNature, SolidStateClass};
use crate::fields::{CategoryField, NumericField};
use crate::report_card::{report_card, Derived, Grade};

/// What garnet could make of the electrolyte composition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElectrolyteCheck {
    /// The formula parsed.
    pub parsed: bool,
    /// Li vacancies relative to Li₇, for a parsed garnet.
    pub li_vacancies: Option<f64>,
    /// Warnings: off balance, variable x, not parseable.
    pub warnings: Vec<String>,
}

/// Check a printed electrolyte composition.
pub fn check_electrolyte(text: &str) -> ElectrolyteCheck {
    let mut warnings = Vec::new();
    match Formula::parse(text) {
        Ok(f) => {
            let cb = charge_balance(&f);
            warnings.extend(cb.warning(text));
            let g = analyse_garnet(&f);
            if g.is_none() {
                warnings.push(format!("{text} is not recognised as a garnet composition"));
            }
            ElectrolyteCheck {
                parsed: true,
                li_vacancies: g.map(|g| g.li_vacancies),
                warnings,
            }
        }
        Err(e) => {
            if text.contains('x') {
                warnings.push(format!(
                    "{text} has a variable composition (x): not evaluated"
                ));
            } else {
                warnings.push(format!("{text} could not be parsed as a formula: {e}"));
            }
            ElectrolyteCheck {
                parsed: false,
                li_vacancies: None,
                warnings,
            }
        }
    }
}

/// The full record of a cell, for `cells list/show --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellView {
    /// Id.
    pub id: String,
    /// Printed architecture.
    pub architecture: Architecture,
    /// Strategy per §5.2.3.
    pub strategy: Architecture,
    /// Cathode.
    pub cathode: String,
    /// Method.
    pub method: Option<String>,
    /// Process temperature (°C).
    pub process_temperature_c: Option<f64>,
    /// CEI materials ([] none, null unknown).
    pub interlayer: Option<Vec<String>>,
    /// Impurity phases ([] none when the CEI column is known, null unknown).
    pub impurity_phase: Option<Vec<String>>,
    /// Electrolyte composition as printed.
    pub electrolyte: String,
    /// Electrolyte remark.
    pub electrolyte_note: Option<String>,
    /// Cell impedance (Ω cm²).
    pub impedance_ohm_cm2: Option<f64>,
    /// Initial discharge capacity.
    pub capacity_value: Option<f64>,
    /// Its unit.
    pub capacity_unit: Option<String>,
    /// Cycles.
    pub cycles: Option<u32>,
    /// Retention (%).
    pub retention_pct: Option<f64>,
    /// C-rate.
    pub c_rate: Option<f64>,
    /// Current density (µA/cm²).
    pub current_ua_cm2: Option<f64>,
    /// Specific current (mA/g).
    pub specific_current_ma_g: Option<f64>,
    /// Loading, lower (mg/cm²).
    pub loading_min_mg_cm2: Option<f64>,
    /// Loading, upper (mg/cm²).
    pub loading_max_mg_cm2: Option<f64>,
    /// Temperature (°C).
    pub temperature_c: Option<f64>,
    /// Reported as RT.
    pub temperature_is_rt: bool,
    /// Review reference number.
    pub review_ref: Option<u32>,
    /// Bibliography key of the source.
    pub reference_key: Option<String>,
    /// Full reference.
    pub reference: Option<String>,
    /// Confidence of the data.
    pub confidence: Confidence,
    /// Notes.
    pub notes: Option<String>,
    /// §7 class.
    pub solid_state_class: SolidStateClass,
    /// Nature of each CEI entry.
    pub interlayer_nature: Vec<(String, InterlayerNature)>,
    /// Derived numbers.
    #[serde(flatten)]
    pub derived: Derived,
    /// Classification flags and electrolyte warnings.
    pub flags: Vec<String>,
    /// Electrolyte check.
    pub electrolyte_check: ElectrolyteCheck,
    /// §6.1 report card.
    pub report_card: Vec<Grade>,
}

impl CellView {
    /// Build the view of a cell.
    pub fn new(cell: &Cell, materials: &MaterialDb, bib: &Bibliography) -> Self {
        let class = classify(cell);
        let theoretical = materials
            .get(&cell.cathode)
            .ok()
            .and_then(|m| theoretical_capacity(m).ok())
            .map(|(q, _)| q / 3600.0);
        let (card, derived) = report_card(cell, theoretical);
        let electrolyte_check = check_electrolyte(&cell.electrolyte);
        let reference_key = cell.source.clone().or_else(|| {
            cell.review_ref
                .and_then(|n| bib.key_for_review_ref(n))
                .map(str::to_string)
        });
        let reference = reference_key
            .as_deref()
            .and_then(|k| bib.resolve(k).ok())
            .map(ToString::to_string);
        let mut flags = class.flags.clone();
        flags.extend(electrolyte_check.warnings.iter().cloned());
        if theoretical.is_none() {
            flags.push(format!(
                "cathode '{}' is not in the materials knowledge base",
                cell.cathode
            ));
        }
        Self {
            id: cell.id.clone(),
            architecture: cell.architecture,
            strategy: class.strategy,
            cathode: cell.cathode.clone(),
            method: cell.method.clone(),
            process_temperature_c: cell.process_temperature_c,
            interlayer: cell.interlayer.clone(),
            impurity_phase: cell
                .impurity_phase
                .clone()
                .or_else(|| cell.interlayer.as_ref().map(|_| Vec::new())),
            electrolyte: cell.electrolyte.clone(),
            electrolyte_note: cell.electrolyte_note.clone(),
            impedance_ohm_cm2: cell.impedance_ohm_cm2,
            capacity_value: cell.capacity_value,
            capacity_unit: cell.capacity_unit.clone(),
            cycles: cell.cycles,
            retention_pct: cell.retention_pct,
            c_rate: cell.c_rate,
            current_ua_cm2: cell.current_ua_cm2,
            specific_current_ma_g: cell.specific_current_ma_g,
            loading_min_mg_cm2: cell.loading_min_mg_cm2,
            loading_max_mg_cm2: cell.loading_max_mg_cm2,
            temperature_c: cell.temperature_c,
            temperature_is_rt: cell.temperature_is_rt.unwrap_or(false),
            review_ref: cell.review_ref,
            reference_key,
            reference,
            confidence: cell.confidence,
            notes: cell.notes.clone(),
            solid_state_class: class.solid_state_class,
            interlayer_nature: class.interlayer_nature,
            derived,
            flags,
            electrolyte_check,
            report_card: card,
        }
    }

    /// A numeric field by its JSON name (stored or derived), for sorting and plotting
    /// (the names are [`crate::fields::FIELDS`]).
    pub fn number(&self, field: &str) -> Result<Option<f64>, crate::LitError> {
        Ok(NumericField::named(field)?.of(self))
    }

    /// The CEI as text: materials joined by ` + `, `—` for none, `?` when unknown.
    pub fn interlayer_text(&self) -> String {
        match &self.interlayer {
            Some(l) if l.is_empty() => "—".to_string(),
            Some(l) => l.join(" + "),
            None => "?".to_string(),
        }
    }

    /// A categorical field by its JSON name, for colouring and sorting.
    pub fn category(&self, field: &str) -> Result<String, crate::LitError> {
        Ok(CategoryField::named(field)?.of(self))
    }
}
