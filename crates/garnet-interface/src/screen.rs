//! Interlayer screening on the seven properties of an ideal artificial CEI
//! (Kurian et al. 2024, §5.2.3 and Fig. 12).
//!
//! Candidates: the knowledge base's interlayer materials, plus every Li-containing
//! compound of the formation-energy data with at most three elements, all within the
//! chosen elements, that lies on the hull. Each criterion is a number with its source,
//! or unknown, and a score in [0, 1]:
//!
//! 1. melting point Tm vs co-sintering temperature T: 1 − (Tm − T)/1000 K, clamped
//!    (a layer that softens at T can act as a sintering aid);
//! 2. wetting: no surface-energy data are at hand — always unknown (no proxy is used);
//! 3. chemical stability: the more negative of the reaction energies with the garnet and
//!    with the cathode (vs hull, [`crate::reaction`]): 1 + ΔE/0.1 eV, clamped;
//! 4. interdiffusion blocking (heuristic): ½ for containing none of the mobile cations
//!    the review names (Al, Co, Mn, Ni, Fe, plus Ga) and ½ for reacting with neither side
//!    beyond −20 meV/atom;
//! 5. elastic compliance: Young's modulus E vs the garnet's and the cathode's: 1 when
//!    E ≤ both, falling linearly to 0 at twice the larger;
//! 6. ionic resistance: added ASR = t/σ at 25 °C (σ by Arrhenius when an activation
//!    energy is known, else the value at its own temperature): 1 at ≤ 4 Ω cm² (10 % of
//!    the 40 Ω cm² whole-cell target of §6.1), 0 at ≥ 40 Ω cm² (the layer alone would
//!    use the whole budget), log-linear between;
//! 7. charge transfer: a reported interfacial resistance, scored like 6; else unknown.
//!
//! The total is a weighted mean with unknown criteria counted at 0.5 (neither reward
//! nor penalty); chemistry (3) and ionic resistance (6) weigh double, as the review
//! singles out secondary phases and Li-blocking layers as the failure modes (§5.1). A
//! layer whose added ASR alone exceeds the 40 Ω cm² target has its total multiplied by
//! (40 Ω cm²/ASR)^¼, so a Li-blocking layer cannot rank high on its other merits.

use std::collections::HashMap;

use garnet_cite::{dedup_sources, Citation, Provenance, Role, UsedSource};
use garnet_materials::physics::ConductivityModel;
use garnet_materials::{Kind, Material, MaterialDb};
use garnet_units::constants::ZERO_CELSIUS;
use serde::Serialize;

use crate::check::{resolve, Phase};
use crate::reaction::{react, Reactant};
use crate::{Composition, InterfaceError, PhaseDiagram, ThermoData};

/// The whole-cell ASR target of §6.1 (Ω cm²).
pub const ASR_TARGET_OHM_CM2: f64 = 40.0;
/// Elements allowed in thermo-data candidates by default.
pub const DEFAULT_ELEMENTS: &[&str] = &[
    "Li", "B", "C", "N", "O", "Al", "Si", "P", "Ti", "Nb", "Ta", "Zr", "La",
];

/// What to screen.
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenSpec {
    /// Cathode name or formula.
    pub cathode: String,
    /// Garnet name or formula.
    pub electrolyte: String,
    /// Co-sintering temperature (°C).
    pub cosinter_c: f64,
    /// Interlayer thickness (m).
    pub thickness_m: f64,
    /// Elements allowed in candidates from the thermo data.
    pub elements: Vec<String>,
}

/// One criterion of one candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criterion {
    /// Which property (1–7 of §5.2.3).
    pub property: &'static str,
    /// The number behind it, in `unit`.
    pub value: Option<f64>,
    /// Unit of the value.
    pub unit: &'static str,
    /// Score in [0, 1]; None when unknown.
    pub score: Option<f64>,
    /// How it was obtained, with sources.
    pub note: String,
}

/// A screened candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// Name.
    pub name: String,
    /// Formula.
    pub formula: String,
    /// "knowledge-base" or "thermo-data".
    pub origin: &'static str,
    /// Rank (1 = best).
    pub rank: usize,
    /// Weighted score in [0, 1].
    pub score: f64,
    /// The seven criteria.
    pub criteria: Vec<Criterion>,
    /// Added ASR at the chosen thickness (Ω cm²), when σ is known.
    pub asr_ohm_cm2: Option<f64>,
    /// Whether σ is cited (not estimated).
    pub conductivity_cited: bool,
    /// Reaction energy with the garnet (eV/atom, vs hull).
    pub reaction_garnet_ev_per_atom: Option<f64>,
    /// Reaction energy with the cathode (eV/atom, vs hull).
    pub reaction_cathode_ev_per_atom: Option<f64>,
    /// On the Pareto front of (ASR, reaction energy).
    pub pareto: bool,
}

/// The screening result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Screening {
    /// Cathode.
    pub cathode: Phase,
    /// Garnet.
    pub electrolyte: Phase,
    /// Co-sintering temperature (°C).
    pub cosinter_c: f64,
    /// Thickness (m).
    pub thickness_m: f64,
    /// Candidates, best first.
    pub candidates: Vec<Candidate>,
    /// Sources.
    pub sources: Vec<UsedSource>,
}

fn clamp01(v: f64) -> f64 {
    v.clamp(0.0, 1.0)
}

fn cite_note(p: &Provenance) -> String {
    p.to_string()
}

/// Resistance score: 1 at ≤ 4 Ω cm² (10 % of the target), 0 at ≥ 40 Ω cm² (a layer
/// that alone uses the whole-cell budget), log-linear between.
fn resistance_score(r: f64) -> f64 {
    clamp01(1.0 - (r / (0.1 * ASR_TARGET_OHM_CM2)).log10())
}

struct Diagrams<'a> {
    data: &'a ThermoData,
    cache: HashMap<u32, PhaseDiagram<'a>>,
}

impl<'a> Diagrams<'a> {
    fn reaction(&mut self, a: &Phase, b: &Phase) -> Result<Option<f64>, InterfaceError> {
        let ca = match self.data.composition_of(&a.name, &a.parsed) {
            Ok(c) => c,
            Err(InterfaceError::UnknownElement { .. }) => return Ok(None),
            Err(e) => return Err(e),
        };
        let cb = self.data.composition_of(&b.name, &b.parsed)?;
        let mask = ca.mask | cb.mask;
        if !self.cache.contains_key(&mask) {
            let pd = PhaseDiagram::from_mask(self.data, mask)?;
            self.cache.insert(mask, pd);
        }
        let Some(pd) = self.cache.get(&mask) else {
            return Ok(None);
        };
        let ra = Reactant::new(pd, &a.name, &a.parsed)?;
        let rb = Reactant::new(pd, &b.name, &b.parsed)?;
        Ok(Some(
            react(pd, &ra, &rb)?.vs_hull.reaction_energy_ev_per_atom,
        ))
    }
}

fn youngs(m: Option<&Material>) -> Option<(f64, String)> {
    let m = m?;
    let p = m.property("youngs_modulus")?;
    Some((
        p.value.representative().value / 1e9,
        cite_note(&p.provenance),
    ))
}

/// Screen interlayers for a cathode–garnet pair (see the module doc).
pub fn screen(
    db: &MaterialDb,
    data: &ThermoData,
    spec: &ScreenSpec,
) -> Result<Screening, InterfaceError> {
    if !(spec.thickness_m > 0.0 && spec.thickness_m.is_finite()) {
        return Err(InterfaceError::Input {
            field: "thickness".into(),
            message: format!("{} m is not a positive length", spec.thickness_m),
        });
    }
    let cathode = resolve(db, &spec.cathode)?;
    let garnet = resolve(db, &spec.electrolyte)?;
    let garnet_mat = cathode_or_none(db, &garnet);
    let cathode_mat = cathode_or_none(db, &cathode);
    // Garnet Young's modulus: its own, else LLZO's (stated in the note).
    let e_garnet = youngs(garnet_mat).or_else(|| {
        youngs(db.get("LLZO").ok())
            .map(|(v, n)| (v, format!("LLZO value used for the garnet: {n}")))
    });
    let e_cathode = youngs(cathode_mat);

    let mut phases: Vec<(Phase, Option<&Material>, &'static str)> = db
        .list(Some(Kind::Interlayer))
        .filter_map(|m| {
            resolve(db, &m.name)
                .ok()
                .map(|p| (p, Some(m), "knowledge-base"))
        })
        .collect();
    let allowed: Vec<&str> = spec
        .elements
        .iter()
        .map(String::as_str)
        .filter(|e| data.element_index(e).is_some())
        .collect();
    let allowed_mask = data.mask_of(&allowed, "the allowed elements")?;
    let li = data.mask_of(&["Li"], "Li")?;
    let pd_allowed = PhaseDiagram::from_mask(data, allowed_mask)?;
    for f in pd_allowed.stable_formulas() {
        let Ok(parsed) = garnet_chem::Formula::parse(f) else {
            continue;
        };
        let Ok(c) = data.composition_of(f, &parsed) else {
            continue;
        };
        if c.mask & li == 0 || c.n_elements() < 2 || c.n_elements() > 3 {
            continue;
        }
        if phases.iter().any(|(p, _, _)| {
            data.composition_of(&p.name, &p.parsed)
                .is_ok_and(|pc: Composition| pc.same_as(&c))
        }) {
            continue;
        }
        phases.push((
            Phase {
                name: f.clone(),
                material: None,
                formula: f.clone(),
                parsed,
            },
            None,
            "thermo-data",
        ));
    }

    let mut diagrams = Diagrams {
        data,
        cache: HashMap::new(),
    };
    let mut sources = vec![
        UsedSource {
            citation: Citation::new("kurian2024", Some("§5.2.3, Fig. 12; §6.1 (40 Ω cm²)")),
            role: Role::Rule,
        },
        UsedSource {
            citation: Citation::new("richards2016", Some("reaction energies")),
            role: Role::Model,
        },
    ];
    sources.extend(data.used_sources());
    let mut out = Vec::new();
    for (p, mat, origin) in phases {
        let rg = diagrams.reaction(&p, &garnet)?;
        let rc = diagrams.reaction(&p, &cathode)?;
        let mut crit = Vec::with_capacity(7);
        // 1. melting point
        let tm = mat.and_then(|m| m.property("melting_point"));
        crit.push(match tm {
            Some(prop) => {
                let t = prop.value.representative().value - ZERO_CELSIUS;
                Criterion {
                    property: "melting point",
                    value: Some(t),
                    unit: "°C",
                    score: Some(clamp01(1.0 - (t - spec.cosinter_c) / 1000.0)),
                    note: format!(
                        "vs co-sintering at {} °C; {}",
                        spec.cosinter_c,
                        cite_note(&prop.provenance)
                    ),
                }
            }
            None => Criterion {
                property: "melting point",
                value: None,
                unit: "°C",
                score: None,
                note: "unknown (no melting point in the knowledge base)".into(),
            },
        });
        // 2. wetting
        crit.push(Criterion {
            property: "wetting",
            value: None,
            unit: "",
            score: None,
            note: "unknown: no surface-energy or contact-angle data; no proxy used".into(),
        });
        // 3. chemical stability
        let worst = match (rg, rc) {
            (Some(a), Some(b)) => Some(a.min(b)),
            _ => None,
        };
        crit.push(Criterion {
            property: "chemical stability",
            value: worst.map(|e| e * 1e3),
            unit: "meV/atom",
            score: worst.map(|e| clamp01(1.0 + e / 0.1)),
            note: match (rg, rc) {
                (Some(a), Some(b)) => format!(
                    "with {} {:.1}, with {} {:.1} meV/atom (MP data, Richards 2016 method)",
                    garnet.name,
                    a * 1e3,
                    cathode.name,
                    b * 1e3
                ),
                _ => "unknown: an element is outside the formation-energy data".into(),
            },
        });
        // 4. interdiffusion heuristic
        let mobile = ["Al", "Co", "Mn", "Ni", "Fe", "Ga"]
            .iter()
            .any(|e| p.parsed.amount(e) > 0.0);
        crit.push(Criterion {
            property: "interdiffusion blocking",
            value: None,
            unit: "",
            score: worst.map(|e| {
                (if mobile { 0.0 } else { 0.5 })
                    + (if e > -crate::check::MILD_EV { 0.5 } else { 0.0 })
            }),
            note: format!(
                "heuristic: {} the mobile cations Al/Co/Mn/Ni/Fe/Ga (§5.2.3 item 4); {}",
                if mobile { "contains one of" } else { "free of" },
                match worst {
                    Some(e) if e > -crate::check::MILD_EV =>
                        "no reaction beyond −20 meV/atom with either side",
                    Some(_) => "reacts with a neighbour",
                    None => "reactivity unknown",
                }
            ),
        });
        // 5. elastic compliance
        let ei = youngs(mat);
        crit.push(match (&ei, &e_garnet, &e_cathode) {
            (Some((e, n)), Some((g, _)), Some((c, _))) => Criterion {
                property: "elastic compliance",
                value: Some(*e),
                unit: "GPa",
                score: Some(if *e <= g.min(*c) {
                    1.0
                } else {
                    clamp01(1.0 - (e - g.min(*c)) / (2.0 * g.max(*c) - g.min(*c)))
                }),
                note: format!("Young's modulus vs garnet {g:.0} GPa and cathode {c:.0} GPa; {n}"),
            },
            _ => Criterion {
                property: "elastic compliance",
                value: ei.as_ref().map(|x| x.0),
                unit: "GPa",
                score: None,
                note: "unknown: Young's modulus missing for the interlayer, garnet or cathode"
                    .into(),
            },
        });
        // 6. ionic resistance
        let (asr, cited, c6) = ionic(mat, spec.thickness_m);
        crit.push(c6);
        // 7. charge transfer
        crit.push(
            match mat.and_then(|m| m.property("interfacial_resistance")) {
                Some(prop) => {
                    let r = prop.value.representative().value * 1e4;
                    Criterion {
                        property: "charge transfer",
                        value: Some(r),
                        unit: "Ω cm²",
                        score: Some(resistance_score(r)),
                        note: cite_note(&prop.provenance),
                    }
                }
                None => Criterion {
                    property: "charge transfer",
                    value: None,
                    unit: "Ω cm²",
                    score: None,
                    note: "unknown: no interfacial resistance reported".into(),
                },
            },
        );
        if let Some(m) = mat {
            for prop in m.properties.values() {
                for c in prop.provenance.citations() {
                    sources.push(UsedSource {
                        citation: c.clone(),
                        role: Role::Parameter,
                    });
                }
            }
        }
        let weights = [1.0, 1.0, 2.0, 1.0, 1.0, 2.0, 1.0];
        let total: f64 = crit
            .iter()
            .zip(weights)
            .map(|(c, w)| w * c.score.unwrap_or(0.5))
            .sum::<f64>()
            / weights.iter().sum::<f64>();
        let total = total * asr.map_or(1.0, asr_gate);
        out.push(Candidate {
            name: p.name.clone(),
            formula: p.formula.clone(),
            origin,
            rank: 0,
            score: total,
            criteria: crit,
            asr_ohm_cm2: asr,
            conductivity_cited: cited,
            reaction_garnet_ev_per_atom: rg,
            reaction_cathode_ev_per_atom: rc,
            pareto: false,
        });
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.name.cmp(&b.name)));
    for (k, c) in out.iter_mut().enumerate() {
        c.rank = k + 1;
    }
    pareto(&mut out);
    Ok(Screening {
        cathode,
        electrolyte: garnet,
        cosinter_c: spec.cosinter_c,
        thickness_m: spec.thickness_m,
        candidates: out,
        sources: dedup_sources(sources),
    })
}

/// Penalty for a layer whose added ASR alone exceeds the whole-cell target:
/// (target/ASR)^¼ above the target (one decade over costs 44 %), 1 below it.
fn asr_gate(asr: f64) -> f64 {
    if asr > ASR_TARGET_OHM_CM2 {
        (ASR_TARGET_OHM_CM2 / asr).powf(0.25)
    } else {
        1.0
    }
}

fn cathode_or_none<'a>(db: &'a MaterialDb, p: &Phase) -> Option<&'a Material> {
    p.material.as_deref().and_then(|n| db.get(n).ok())
}

/// Added ASR (Ω cm²) = t/σ, whether σ is cited, and the criterion.
fn ionic(mat: Option<&Material>, thickness_m: f64) -> (Option<f64>, bool, Criterion) {
    let unknown = |note: &str| Criterion {
        property: "ionic resistance",
        value: None,
        unit: "Ω cm²",
        score: None,
        note: note.into(),
    };
    let Some(m) = mat else {
        return (
            None,
            false,
            unknown("unknown: no Li-ion conductivity for this compound"),
        );
    };
    let Some(prop) = m.property("ionic_conductivity") else {
        return (
            None,
            false,
            unknown("unknown: no Li-ion conductivity in the knowledge base"),
        );
    };
    let cited = matches!(prop.provenance, Provenance::Cited(_));
    let t25 = ZERO_CELSIUS + 25.0;
    let (sigma, how) = match ConductivityModel::of(m) {
        Ok(model) => (model.at(t25), "σ at 25 °C by Arrhenius".to_string()),
        Err(_) => (
            prop.value.representative().value,
            format!(
                "σ at {} (no activation energy to correct it to 25 °C)",
                prop.temperature
                    .map(|t| format!("{:.0} °C", t.value - ZERO_CELSIUS))
                    .unwrap_or_else(|| "its reported temperature".into())
            ),
        ),
    };
    if sigma.is_nan() || sigma <= 0.0 {
        return (None, cited, unknown("conductivity not positive"));
    }
    let asr = thickness_m / sigma * 1e4;
    (
        Some(asr),
        cited,
        Criterion {
            property: "ionic resistance",
            value: Some(asr),
            unit: "Ω cm²",
            score: Some(resistance_score(asr)),
            note: format!(
                "t/σ with t = {:.3e} m, σ = {:.2e} S/cm ({how}); target {ASR_TARGET_OHM_CM2} Ω cm² for the whole cell; {}",
                thickness_m,
                sigma / 100.0,
                cite_note(&prop.provenance)
            ),
        },
    )
}

/// Mark the Pareto front of (ASR low, reaction energy high) among candidates with both.
fn pareto(cands: &mut [Candidate]) {
    let pts: Vec<Option<(f64, f64)>> = cands
        .iter()
        .map(|c| {
            let e = match (
                c.reaction_garnet_ev_per_atom,
                c.reaction_cathode_ev_per_atom,
            ) {
                (Some(a), Some(b)) => Some(a.min(b)),
                _ => None,
            };
            c.asr_ohm_cm2.zip(e)
        })
        .collect();
    for i in 0..cands.len() {
        let Some((ai, ei)) = pts[i] else { continue };
        let dominated = pts.iter().enumerate().any(|(j, q)| {
            j != i && q.is_some_and(|(aj, ej)| aj <= ai && ej >= ei && (aj < ai || ej > ei))
        });
        cands[i].pareto = !dominated;
    }
}
