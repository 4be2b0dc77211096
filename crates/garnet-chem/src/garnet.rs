//! Garnet site chemistry: which element sits where in Li₇La₃Zr₂O₁₂, the Li content,
//! the Li vacancies relative to Li₇, and the expected room-temperature phase.
//!
//! In the garnet LLZO, La³⁺ sits in dodecahedral (LaO₈) and Zr⁴⁺ in octahedral (ZrO₆)
//! sites of the oxygen framework, and Li⁺ fills tetrahedral and octahedral interstices
//! (Kurian et al. 2024, §2.1). Usual dopants: Al³⁺, Ga³⁺, Fe³⁺ on Li sites; Ta⁵⁺, Nb⁵⁺,
//! Sb⁵⁺, W⁶⁺, Te⁶⁺ (and isovalent Hf⁴⁺) on the Zr site; Ca²⁺, Sr²⁺, Ba²⁺ on the La site.

use serde::Serialize;

use crate::Formula;

/// A cation site of the garnet structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Site {
    /// Li sites (tetrahedral 24d and octahedral 96h in the cubic phase).
    Li,
    /// The dodecahedral La site (24c).
    La,
    /// The octahedral Zr site (16a).
    Zr,
    /// The oxygen framework (96h).
    O,
}

/// The expected room-temperature polymorph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Tetragonal I4₁/acd, ordered Li sublattice, σ ≈ 1e-6 S/cm.
    Tetragonal,
    /// Cubic Ia-3d, disordered Li sublattice, σ ≈ 1e-4 S/cm.
    Cubic,
    /// Near the threshold: reports differ (see the rule).
    Borderline,
}

/// Li vacancies (relative to Li₇) at and above which the cubic phase is expected.
///
/// Al-free Ta-doped LLZO turns cubic at about Li ≤ 6.6 per formula unit (Thompson et
/// al. 2014), consistent with the ≈0.2 Al per formula unit (Li ≈ 6.4) that Rangasamy
/// et al. 2012 needed; the tetragonal phase's ordered Li sublattice is what the
/// vacancies break up (Bernstein et al. 2012, ref. 25 of the review).
pub const CUBIC_VACANCY_THRESHOLD: f64 = 0.4;

/// Below this many vacancies the phase is expected tetragonal; between this and
/// [`CUBIC_VACANCY_THRESHOLD`] reports disagree (cubic reports there often owe to Al
/// picked up from alumina crucibles, Thompson et al. 2014).
pub const TETRAGONAL_VACANCY_LIMIT: f64 = 0.2;

/// The rule, as printed with results.
pub const PHASE_RULE: &str = "cubic expected when Li vacancies relative to Li7 ≥ 0.4 per formula unit (Li ≤ 6.6), tetragonal below 0.2, borderline in between";

/// Citation keys behind [`PHASE_RULE`].
pub const PHASE_RULE_SOURCES: &[&str] = &[
    "thompson2014",
    "rangasamy2012",
    "bernstein2012",
    "kurian2024",
];

/// Site assignment of an element in a garnet, or `None` if it has no usual site.
pub fn site_of(symbol: &str) -> Option<Site> {
    match symbol {
        "Li" | "Al" | "Ga" | "Fe" | "H" => Some(Site::Li),
        "La" | "Ca" | "Sr" | "Ba" | "Nd" | "Ce" | "Y" => Some(Site::La),
        "Zr" | "Ta" | "Nb" | "Sb" | "W" | "Te" | "Hf" | "Mo" | "Ti" | "Sn" | "Ge" => Some(Site::Zr),
        "O" => Some(Site::O),
        _ => None,
    }
}

/// One element on its site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteOccupant {
    /// Element symbol.
    pub element: String,
    /// Site.
    pub site: Site,
    /// Amount per formula unit.
    pub amount: f64,
}

/// What garnet site chemistry says about a formula.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GarnetAnalysis {
    /// Li per formula unit.
    pub li_per_formula_unit: f64,
    /// 7 − Li per formula unit.
    pub li_vacancies: f64,
    /// Non-Li cations on Li sites (Al, Ga, Fe) per formula unit.
    pub li_site_dopants: f64,
    /// Li-site positions neither Li nor dopant: 7 − Li − Li-site dopants.
    pub empty_li_sites: f64,
    /// Occupancy of the La (dodecahedral) site; 3 in a full garnet.
    pub la_site_total: f64,
    /// Occupancy of the Zr (octahedral) site; 2 in a full garnet.
    pub zr_site_total: f64,
    /// Each element and its site.
    pub sites: Vec<SiteOccupant>,
    /// Expected room-temperature phase.
    pub expected_phase: Phase,
    /// The rule used for the phase.
    pub phase_rule: &'static str,
    /// Sources of the rule.
    pub phase_rule_sources: Vec<&'static str>,
    /// Anything odd: site totals off 3 / 2 / 12, elements with no usual site.
    pub warnings: Vec<String>,
}

/// Analyse a formula as a garnet, or return `None` when it is not one (no Li, La-site
/// and Zr-site cations with about 12 O per formula unit).
pub fn analyse_garnet(formula: &Formula) -> Option<GarnetAnalysis> {
    let o = formula.amount("O");
    let li = formula.amount("Li");
    let mut sites = Vec::new();
    let mut warnings = Vec::new();
    let (mut la_total, mut zr_total, mut li_dopants) = (0.0, 0.0, 0.0);
    for (el, n) in formula.amounts() {
        match site_of(el.symbol) {
            Some(site) => {
                match site {
                    Site::La => la_total += n,
                    Site::Zr => zr_total += n,
                    Site::Li if el.symbol != "Li" => li_dopants += n,
                    _ => {}
                }
                sites.push(SiteOccupant {
                    element: el.symbol.to_string(),
                    site,
                    amount: *n,
                });
            }
            None => warnings.push(format!(
                "{} has no usual site in the garnet structure",
                el.symbol
            )),
        }
    }
    let is_garnet = li > 0.0
        && (o - 12.0).abs() < 0.5
        && (la_total - 3.0).abs() < 0.5
        && (zr_total - 2.0).abs() < 0.5;
    if !is_garnet {
        return None;
    }
    if (la_total - 3.0).abs() > 1e-6 {
        warnings.push(format!("La-site occupancy {la_total:.3} differs from 3"));
    }
    if (zr_total - 2.0).abs() > 1e-6 {
        warnings.push(format!("Zr-site occupancy {zr_total:.3} differs from 2"));
    }
    if (o - 12.0).abs() > 1e-6 {
        warnings.push(format!("O content {o:.3} differs from 12"));
    }
    let vacancies = 7.0 - li;
    let expected_phase = if vacancies >= CUBIC_VACANCY_THRESHOLD - 1e-9 {
        Phase::Cubic
    } else if vacancies < TETRAGONAL_VACANCY_LIMIT - 1e-9 {
        Phase::Tetragonal
    } else {
        Phase::Borderline
    };
    Some(GarnetAnalysis {
        li_per_formula_unit: li,
        li_vacancies: vacancies,
        li_site_dopants: li_dopants,
        empty_li_sites: 7.0 - li - li_dopants,
        la_site_total: la_total,
        zr_site_total: zr_total,
        sites,
        expected_phase,
        phase_rule: PHASE_RULE,
        phase_rule_sources: PHASE_RULE_SOURCES.to_vec(),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(f: &str) -> Option<GarnetAnalysis> {
        analyse_garnet(&Formula::parse(f).unwrap())
    }

    #[test]
    fn llzto_has_six_tenths_vacancy_and_is_cubic() {
        let a = g("Li6.4La3Zr1.4Ta0.6O12").unwrap();
        assert!((a.li_per_formula_unit - 6.4).abs() < 1e-12);
        assert!((a.li_vacancies - 0.6).abs() < 1e-12);
        assert_eq!(a.expected_phase, Phase::Cubic);
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        let ta = a.sites.iter().find(|s| s.element == "Ta").unwrap();
        assert_eq!(ta.site, Site::Zr);
    }

    #[test]
    fn undoped_is_tetragonal_and_dopant_sites() {
        assert_eq!(g("Li7La3Zr2O12").unwrap().expected_phase, Phase::Tetragonal);
        let al = g("Li6.25Al0.25La3Zr2O12").unwrap();
        assert_eq!(al.expected_phase, Phase::Cubic);
        assert!((al.empty_li_sites - 0.5).abs() < 1e-12);
        let ca = g("Li7La2.75Ca0.25Zr1.75Nb0.25O12").unwrap();
        assert!((ca.la_site_total - 3.0).abs() < 1e-12);
        assert_eq!(
            ca.sites.iter().find(|s| s.element == "Ca").unwrap().site,
            Site::La
        );
        // Li 6.75: 0.25 vacancies, between the limits
        assert_eq!(
            g("Li6.75La3Zr1.75Nb0.25O12").unwrap().expected_phase,
            Phase::Borderline
        );
    }

    #[test]
    fn non_garnets_are_none() {
        assert!(g("LiCoO2").is_none());
        assert!(g("La2Zr2O7").is_none());
    }
}
