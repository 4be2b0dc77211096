//! Everything garnet says about one formula ([`FormulaReport`]), as `garnet chem`
//! prints it (`--json` field for field) and its sources.

use garnet_cite::{dedup_sources, Citation, Role, UsedSource};
use serde::Serialize;

use crate::{analyse_garnet, charge_balance, ChargeBalance, Formula, GarnetAnalysis, Phase};

/// One element of a formula.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementAmount {
    /// Element symbol.
    pub element: String,
    /// Atoms per formula unit.
    pub amount: f64,
    /// Standard atomic weight (g/mol).
    pub atomic_weight_g_per_mol: f64,
    /// Share of the molar mass (0–1).
    pub mass_fraction: f64,
}

/// Composition, molar mass, charge balance and (for a garnet) its site chemistry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormulaReport {
    /// The formula as written.
    pub formula: String,
    /// The canonical form.
    pub canonical: String,
    /// Each element with its amount and mass fraction.
    pub composition: Vec<ElementAmount>,
    /// Molar mass (g/mol).
    pub molar_mass_g_per_mol: f64,
    /// Charge balance with common oxidation states.
    pub charge_balance: ChargeBalance,
    /// Whether the formula is a garnet (the fields below are then present).
    pub is_garnet: bool,
    /// Li per formula unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub li_per_formula_unit: Option<f64>,
    /// Li vacancies relative to Li₇.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub li_vacancies: Option<f64>,
    /// Expected room-temperature phase.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_phase: Option<Phase>,
    /// The garnet analysis.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub garnet: Option<GarnetAnalysis>,
    /// Warnings (unbalanced charge, non-standard atomic weights, garnet sites).
    pub warnings: Vec<String>,
    /// The sources used: atomic weights, and for a garnet the site and phase rules.
    pub sources: Vec<UsedSource>,
}

impl FormulaReport {
    /// The report of a parsed formula.
    pub fn of(formula: &Formula) -> Self {
        let molar_mass = formula.molar_mass_g_per_mol();
        let balance = charge_balance(formula);
        let garnet = analyse_garnet(formula);
        let mut warnings = Vec::new();
        warnings.extend(balance.warning(formula.as_str()));
        if formula.has_nonstandard_weights() {
            warnings.push("contains an element with no standard atomic weight: mass number of its longest-lived isotope used".to_string());
        }
        let mut sources = vec![UsedSource {
            citation: Citation::new("prohaska2022", Some("standard atomic weights")),
            role: Role::Data,
        }];
        if let Some(g) = &garnet {
            warnings.extend(g.warnings.iter().cloned());
            sources.push(UsedSource {
                citation: Citation::new("kurian2024", Some("§2.1, garnet sites")),
                role: Role::Rule,
            });
            for key in &g.phase_rule_sources {
                sources.push(UsedSource {
                    citation: Citation::new(*key, Some("phase rule")),
                    role: Role::Rule,
                });
            }
        }
        Self {
            formula: formula.as_str().to_string(),
            canonical: formula.canonical(),
            composition: formula
                .amounts()
                .iter()
                .map(|(e, n)| ElementAmount {
                    element: e.symbol.to_string(),
                    amount: *n,
                    atomic_weight_g_per_mol: e.atomic_weight,
                    mass_fraction: e.atomic_weight * n / molar_mass,
                })
                .collect(),
            molar_mass_g_per_mol: molar_mass,
            charge_balance: balance,
            is_garnet: garnet.is_some(),
            li_per_formula_unit: garnet.as_ref().map(|g| g.li_per_formula_unit),
            li_vacancies: garnet.as_ref().map(|g| g.li_vacancies),
            expected_phase: garnet.as_ref().map(|g| g.expected_phase),
            garnet,
            warnings,
            sources: dedup_sources(sources),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_garnet_report_has_its_sites_sources_and_mass_fractions() {
        let f = Formula::parse("Li6.4La3Zr1.4Ta0.6O12").unwrap();
        let r = FormulaReport::of(&f);
        assert!(r.is_garnet && r.garnet.is_some());
        assert_eq!(r.li_per_formula_unit, Some(6.4));
        let total: f64 = r.composition.iter().map(|c| c.mass_fraction).sum();
        assert!((total - 1.0).abs() < 1e-12);
        assert!(r.sources.iter().any(|s| s.citation.key == "kurian2024"));
        let plain = FormulaReport::of(&Formula::parse("LiCoO2").unwrap());
        assert!(!plain.is_garnet && plain.sources.len() == 1);
    }
}
