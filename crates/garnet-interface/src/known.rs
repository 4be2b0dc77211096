//! Cited observations of secondary phases and instabilities at garnet interfaces
//! (Kurian et al. 2024, §3.2 and §5.1, with the primary references the review cites).
//!
//! Each rule names the families of phases it applies to (by their elements), the
//! temperature above which the observation was made (co-sintering) or the voltage above
//! which it occurs in cycling, the phases reported, and its sources. Rules are combined
//! with the computed reaction energies in [`crate::check`]; they are not derived.

use garnet_chem::Formula;
use garnet_cite::Citation;
use serde::Serialize;

/// What a rule reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Observation {
    /// Secondary phases form.
    Reaction,
    /// A phase decomposes.
    Decomposition,
    /// The pair was observed stable up to a temperature.
    Stable,
    /// Cations interdiffuse across the interface.
    Interdiffusion,
    /// The cubic garnet is destabilised (towards tetragonal).
    Destabilisation,
}

/// A family of phases, recognised from a formula's elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// Any Li–La–Zr–O garnet.
    Garnet,
    /// A Ta-substituted garnet.
    TaGarnet,
    /// An Al-doped garnet.
    AlGarnet,
    /// A garnet doped with Al or Fe (Li site) or Nb (Zr site).
    AlFeNbGarnet,
    /// LiCoO2 (Li, Co, O only).
    Lco,
    /// Layered Li(Ni,Mn,Co)O2.
    Nmc,
    /// Any Co-containing cathode.
    CoCathode,
    /// LiFePO4-type olivine (Li, Fe, P, O).
    Lfp,
    /// LiMn2O4 (Li, Mn, O only).
    Lmo,
    /// Mn-rich spinels with a second transition metal (Li2NiMn3O8 / LNMO, Li2FeMn3O8,
    /// LiCoMnO4).
    MnSpinel,
    /// Li metal.
    LiMetal,
}

impl Family {
    /// Whether a formula belongs to the family.
    pub fn matches(self, f: &Formula) -> bool {
        let has = |s: &str| f.amount(s) > 0.0;
        let only = |set: &[&str]| f.amounts().iter().all(|(e, _)| set.contains(&e.symbol));
        let garnet = has("Li") && has("La") && has("Zr") && has("O");
        match self {
            Family::Garnet => garnet,
            Family::TaGarnet => garnet && has("Ta"),
            Family::AlGarnet => garnet && has("Al"),
            Family::AlFeNbGarnet => garnet && (has("Al") || has("Fe") || has("Nb")),
            Family::Lco => only(&["Li", "Co", "O"]) && has("Co") && has("Li"),
            Family::Nmc => {
                has("Li")
                    && has("Ni")
                    && has("Mn")
                    && has("Co")
                    && only(&["Li", "Ni", "Mn", "Co", "Al", "O"])
            }
            Family::CoCathode => has("Co") && has("Li") && has("O") && !garnet,
            Family::Lfp => has("Li") && has("Fe") && has("P") && has("O"),
            Family::Lmo => only(&["Li", "Mn", "O"]) && has("Mn") && has("Li"),
            Family::MnSpinel => {
                let other = f.amount("Ni") + f.amount("Fe") + f.amount("Co");
                has("Li")
                    && has("O")
                    && other > 0.0
                    && f.amount("Mn") >= other
                    && only(&["Li", "Mn", "Ni", "Fe", "Co", "O"])
            }
            Family::LiMetal => only(&["Li"]),
        }
    }
}

/// One cited observation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KnownReaction {
    /// Short identifier.
    pub id: &'static str,
    /// The two families it concerns.
    pub between: (Family, Family),
    /// What happens (garnet's paraphrase of the sources).
    pub summary: &'static str,
    /// What was observed.
    pub observation: Observation,
    /// Temperature (°C) above which it was observed, for co-sintering observations.
    pub onset_c: Option<f64>,
    /// Highest temperature (°C) at which the pair was observed stable.
    pub stable_up_to_c: Option<f64>,
    /// Voltage (V vs Li/Li⁺) above which it occurs in cycling.
    pub onset_v: Option<f64>,
    /// Phases reported.
    pub products: &'static [&'static str],
    /// Sources: the review's section and the primary references.
    pub sources: Vec<Citation>,
}

fn cites(list: &[(&str, &str)]) -> Vec<Citation> {
    list.iter()
        .map(|(k, l)| Citation::new(*k, (!l.is_empty()).then_some(*l)))
        .collect()
}

/// All rules.
pub fn rules() -> Vec<KnownReaction> {
    use Family::*;
    vec![
        KnownReaction {
            id: "lco-llzo-cosinter",
            between: (Lco, Garnet),
            summary: "LiCoO2 co-sintered with LLZO above ~500 °C forms tetragonal LLZO, La2Zr2O7 and LaCoO3",
            observation: Observation::Reaction,
            onset_c: Some(500.0),
            stable_up_to_c: None,
            onset_v: None,
            products: &["t-LLZO", "La2Zr2O7", "LaCoO3"],
            sources: cites(&[("kurian2024", "§5.1"), ("sastre2020", "ref 124"), ("park2016", "ref 125")]),
        },
        KnownReaction {
            id: "lco-llzo-la2coo4",
            between: (Lco, Garnet),
            summary: "a thin La2CoO4 layer formed when the LiCoO2|LLZO interface was treated at high temperature",
            observation: Observation::Reaction,
            onset_c: None,
            stable_up_to_c: None,
            onset_v: None,
            products: &["La2CoO4"],
            sources: cites(&[("kurian2024", "§3.2(3)"), ("kim2011", "ref 88")]),
        },
        KnownReaction {
            id: "lco-al-llzo-stable",
            between: (Lco, AlGarnet),
            summary: "LiCoO2 mixed with Li6.25Al0.25La3Zr2O12 did not decompose up to 800 °C",
            observation: Observation::Stable,
            onset_c: None,
            stable_up_to_c: Some(800.0),
            onset_v: None,
            products: &[],
            sources: cites(&[("kurian2024", "§3.2(3)"), ("wakasugi2017", "ref 87")]),
        },
        KnownReaction {
            id: "co-llzo-cycling",
            between: (CoCathode, Garnet),
            summary: "Co diffuses into Ta-LLZO during cycling; irreversible decomposition above ~3 V gives a Li-blocking (type-3) interface such as La2Zr2O7",
            observation: Observation::Decomposition,
            onset_c: None,
            stable_up_to_c: None,
            onset_v: Some(3.0),
            products: &["La2Zr2O7"],
            sources: cites(&[("kurian2024", "§5.1"), ("zhu2016", "ref 53"), ("park2016", "ref 125")]),
        },
        KnownReaction {
            id: "co-al-interdiffusion",
            between: (CoCathode, AlGarnet),
            summary: "Co3+ and Al3+ (same charge, radii 68.5 and 67.5 pm) interdiffuse; Al loss turns the near-interface garnet tetragonal",
            observation: Observation::Interdiffusion,
            onset_c: None,
            stable_up_to_c: None,
            onset_v: None,
            products: &["t-LLZO"],
            sources: cites(&[
                ("kurian2024", "§5.1"),
                ("ihrig2022", "ref 128"),
                ("ihrig2023", "ref 129"),
                ("clausnitzer2024", "ref 130"),
                ("ito2024", "ref 131"),
            ]),
        },
        KnownReaction {
            id: "nmc-llzo",
            between: (Nmc, Garnet),
            summary: "NMC reacts with LLZO on co-sintering, forming La(Ni,Co,Mn)O3-type perovskites and La2Zr2O7",
            observation: Observation::Reaction,
            onset_c: None,
            stable_up_to_c: None,
            onset_v: None,
            products: &["LaNiO3", "LaCoO3", "LaMnO3", "La2Zr2O7"],
            sources: cites(&[("kurian2024", "§5.1")]),
        },
        KnownReaction {
            id: "lfp-llzo",
            between: (Lfp, Garnet),
            summary: "LiFePO4 with LLZO is not stable above ~400 °C and forms Li3PO4 on co-sintering",
            observation: Observation::Reaction,
            onset_c: Some(400.0),
            stable_up_to_c: Some(400.0),
            onset_v: None,
            products: &["Li3PO4"],
            sources: cites(&[
                ("kurian2024", "§3.2(3), §5.1"),
                ("wakasugi2017", "ref 87"),
                ("ren2016", "ref 126"),
                ("kim2020", "ref 127"),
            ]),
        },
        KnownReaction {
            id: "lmo-llzo",
            between: (Lmo, Garnet),
            summary: "LiMn2O4 mixed with Al-LLZO starts to decompose above 600 °C",
            observation: Observation::Decomposition,
            onset_c: Some(600.0),
            stable_up_to_c: Some(600.0),
            onset_v: None,
            products: &[],
            sources: cites(&[("kurian2024", "§3.2(3)"), ("wakasugi2017", "ref 87")]),
        },
        KnownReaction {
            id: "mn-spinel-ta-llzo",
            between: (MnSpinel, TaGarnet),
            summary: "Li2NiMn3O8-type spinels with Ta-LLZO are stable to 600 °C, then form Li2MnO3; hotter, La2Zr2O7, La2O3, La3TaO7 and LaMnO3 (Li-insulating)",
            observation: Observation::Reaction,
            onset_c: Some(600.0),
            stable_up_to_c: Some(600.0),
            onset_v: None,
            products: &["Li2MnO3", "La2Zr2O7", "La2O3", "La3TaO7", "LaMnO3"],
            sources: cites(&[("kurian2024", "§3.2(3)"), ("miara2016", "ref 89")]),
        },
        KnownReaction {
            id: "doped-garnet-li-metal",
            between: (LiMetal, AlFeNbGarnet),
            summary: "Al or Fe on the Li site, or Nb on the Zr site, can let Li back-fill from Li metal and destabilise cubic LLZO towards tetragonal",
            observation: Observation::Destabilisation,
            onset_c: None,
            stable_up_to_c: None,
            onset_v: None,
            products: &["t-LLZO"],
            sources: cites(&[
                ("kurian2024", "§3.2(1)"),
                ("rettenwander2018", "ref 71"),
                ("ma2016", "ref 72"),
                ("connell2018", "ref 73"),
            ]),
        },
    ]
}

/// A rule that applies to a pair, and whether it is active under the conditions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KnownMatch {
    /// The rule.
    #[serde(flatten)]
    pub rule: KnownReaction,
    /// True when the conditions (temperature, voltage) reach the observation.
    pub active: bool,
    /// Why it is or is not active.
    pub condition: String,
}

/// The rules that concern two phases (either order), judged at an optional
/// co-sintering temperature (°C) and operating voltage (V vs Li/Li⁺).
pub fn known_for(
    a: &Formula,
    b: &Formula,
    cosinter_c: Option<f64>,
    voltage_v: Option<f64>,
) -> Vec<KnownMatch> {
    rules()
        .into_iter()
        .filter(|r| {
            let (p, q) = r.between;
            (p.matches(a) && q.matches(b)) || (p.matches(b) && q.matches(a))
        })
        .map(|rule| {
            let (active, condition) = match (rule.observation, rule.onset_c, rule.onset_v) {
                (Observation::Stable, _, _) => match (cosinter_c, rule.stable_up_to_c) {
                    (Some(t), Some(up)) if t <= up => (
                        false,
                        format!("{t} °C is within the observed stable range (≤ {up} °C)"),
                    ),
                    (Some(t), Some(up)) => (
                        true,
                        format!("{t} °C is above the observed stable range (≤ {up} °C)"),
                    ),
                    _ => (false, "no co-sintering temperature given".into()),
                },
                (_, Some(on), _) => match cosinter_c {
                    Some(t) if t >= on => (true, format!("co-sintering at {t} °C ≥ {on} °C")),
                    Some(t) => (false, format!("co-sintering at {t} °C < {on} °C")),
                    None => (
                        false,
                        format!("observed above {on} °C; no co-sintering temperature given"),
                    ),
                },
                (_, None, Some(v0)) => match voltage_v {
                    Some(v) if v >= v0 => (true, format!("operating at {v} V ≥ {v0} V")),
                    Some(v) => (false, format!("operating at {v} V < {v0} V")),
                    None => (false, format!("occurs above {v0} V; no voltage given")),
                },
                (Observation::Reaction, None, None) => match cosinter_c {
                    Some(t) => (
                        true,
                        format!("reported on co-sintering/heat treatment; {t} °C given"),
                    ),
                    None => (
                        false,
                        "reported on co-sintering/heat treatment; none given".into(),
                    ),
                },
                _ => (
                    true,
                    "reported for this pair regardless of temperature".into(),
                ),
            };
            KnownMatch {
                rule,
                active,
                condition,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> Formula {
        Formula::parse(s).unwrap()
    }

    #[test]
    fn lco_with_llzo_above_500_forms_la2zr2o7_and_lacoo3() {
        let m = known_for(&f("LiCoO2"), &f("Li6.4La3Zr1.4Ta0.6O12"), Some(700.0), None);
        let r = m.iter().find(|m| m.rule.id == "lco-llzo-cosinter").unwrap();
        assert!(r.active);
        assert!(r.rule.products.contains(&"La2Zr2O7") && r.rule.products.contains(&"LaCoO3"));
        let cold = known_for(&f("LiCoO2"), &f("Li7La3Zr2O12"), Some(450.0), None);
        assert!(
            !cold
                .iter()
                .find(|m| m.rule.id == "lco-llzo-cosinter")
                .unwrap()
                .active
        );
    }

    #[test]
    fn families_are_recognised() {
        assert!(Family::Nmc.matches(&f("LiNi0.8Mn0.1Co0.1O2")));
        assert!(!Family::Lco.matches(&f("LiNi0.8Mn0.1Co0.1O2")));
        assert!(Family::MnSpinel.matches(&f("LiNi0.5Mn1.5O4")));
        assert!(!Family::MnSpinel.matches(&f("LiMn2O4")));
        assert!(Family::AlFeNbGarnet.matches(&f("Li6.75La3Zr1.75Nb0.25O12")));
        let li = known_for(&f("Li"), &f("Li6.25Al0.25La3Zr2O12"), None, None);
        assert_eq!(li[0].rule.id, "doped-garnet-li-metal");
        assert!(li[0].active);
    }

    #[test]
    fn every_rule_cites_the_review_and_a_primary_or_section() {
        for r in rules() {
            assert_eq!(r.sources[0].key, "kurian2024", "{}", r.id);
            assert!(r.sources[0]
                .locator
                .as_deref()
                .unwrap_or("")
                .starts_with('§'));
        }
    }
}
