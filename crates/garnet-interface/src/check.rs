//! Stack check: anode | electrolyte | interlayer | cathode, pair by pair.
//!
//! For each neighbouring pair: the closed interface reaction (co-sintering chemistry,
//! [`crate::reaction::react`]), the reaction open to Li at the operating voltage (the
//! cathode side) or at 0 V (the Li-metal side), the cited observations that apply at the
//! co-sintering temperature ([`crate::known`]), and each layer's computed stability
//! window against the voltage it sees. A verdict per pair takes the worst of:
//!
//! - reaction energy between the two phases (vs their hull energies): above
//!   −[`MILD_EV`] eV/atom compatible, down to −[`REACTIVE_EV`] caution, below that
//!   reactive — heuristic thresholds on the scale of Richards et al. 2016, where
//!   oxide|oxide interfaces react by tens to ~100 meV/atom;
//! - an active cited reaction, decomposition or destabilisation: caution (reactive
//!   when it is a co-sintering reaction at or above its onset temperature);
//! - a voltage beyond a computed window: a warning only (citing the computed window
//!   and, for garnets, the ~6 V cyclic voltammetry of §2.4), never a failure.

use garnet_chem::Formula;
use garnet_cite::{dedup_sources, Citation, Role, UsedSource};
use garnet_materials::{Kind, MaterialDb};
use serde::Serialize;

use crate::known::{known_for, KnownMatch, Observation};
use crate::reaction::{react, react_open, stability_window, Reactant, Reaction, Window};
use crate::{InterfaceError, PhaseDiagram, ThermoData};

/// Reaction energy (eV/atom) above which a pair counts as compatible.
pub const MILD_EV: f64 = 0.02;
/// Reaction energy (eV/atom) below whose negative a pair counts as reactive.
pub const REACTIVE_EV: f64 = 0.1;

/// A phase named by the user, resolved to a formula.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phase {
    /// The name given.
    pub name: String,
    /// The knowledge-base record's name, if it is one.
    pub material: Option<String>,
    /// The formula.
    pub formula: String,
    /// Parsed formula.
    #[serde(skip)]
    pub parsed: Formula,
}

/// Resolve a name through the knowledge base (aliases such as LCO, LLZTO), else as a
/// formula; an unknown name is the knowledge base's did-you-mean error.
pub fn resolve(db: &MaterialDb, name: &str) -> Result<Phase, InterfaceError> {
    match db.get(name) {
        Ok(m) => {
            let parsed = match &m.parsed_formula {
                Some(f) => f.clone(),
                None => Formula::parse(m.formula.as_deref().unwrap_or(&m.name))?,
            };
            Ok(Phase {
                name: name.to_string(),
                material: Some(m.name.clone()),
                formula: parsed.as_str().to_string(),
                parsed,
            })
        }
        Err(e) => match Formula::parse(name) {
            Ok(parsed) => Ok(Phase {
                name: name.to_string(),
                material: None,
                formula: parsed.as_str().to_string(),
                parsed,
            }),
            Err(_) => Err(e.into()),
        },
    }
}

/// What to check.
#[derive(Debug, Clone, PartialEq)]
pub struct StackSpec {
    /// Cathode name or formula.
    pub cathode: String,
    /// Garnet electrolyte name or formula.
    pub electrolyte: String,
    /// Artificial CEI between them, if any.
    pub interlayer: Option<String>,
    /// Anode (Li metal), if the anode side is to be checked.
    pub anode: Option<String>,
    /// Co-sintering temperature (°C).
    pub cosinter_c: Option<f64>,
    /// Upper operating voltage of the cathode (V vs Li/Li⁺).
    pub voltage_v: Option<f64>,
}

/// Compatibility of a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// No significant reaction computed or reported.
    Compatible,
    /// Some reaction or instability; may be acceptable (kinetics, thin layers).
    Caution,
    /// Reacts strongly or forms reported secondary phases at these conditions.
    Reactive,
}

impl Verdict {
    /// The word for it (`compatible`, `caution`, `reactive`), as in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Compatible => "compatible",
            Verdict::Caution => "caution",
            Verdict::Reactive => "reactive",
        }
    }
}

/// One neighbouring pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairCheck {
    /// Left layer (anode side).
    pub left: String,
    /// Right layer (cathode side).
    pub right: String,
    /// Closed reaction (co-sintering chemistry), when both are within the data.
    pub reaction: Option<Reaction>,
    /// Reaction open to Li at the voltage this interface sees.
    pub reaction_open: Option<Reaction>,
    /// Cited observations for the pair.
    pub known: Vec<KnownMatch>,
    /// Warnings.
    pub warnings: Vec<String>,
    /// Verdict.
    pub verdict: Verdict,
    /// Reasons for the verdict.
    pub reasons: Vec<String>,
}

/// A layer's window against the voltage it sees.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WindowCheck {
    /// The computed window.
    #[serde(flatten)]
    pub window: Window,
    /// For garnets: the review's DFT window (V) and CV upper limit (V).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_dft_v: Option<(f64, f64)>,
    /// The review's cyclic-voltammetry upper limit for garnets (V).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_cv_v: Option<f64>,
    /// Warnings (voltage outside the window).
    pub warnings: Vec<String>,
}

/// The result of a stack check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StackCheck {
    /// The layers, anode side first.
    pub layers: Vec<Phase>,
    /// Neighbouring pairs, anode side first.
    pub pairs: Vec<PairCheck>,
    /// Windows of the layers that have one.
    pub windows: Vec<WindowCheck>,
    /// Worst verdict.
    pub verdict: Verdict,
    /// The formation-energy table used.
    pub energy_source: crate::EnergySource,
    /// Sources used.
    pub sources: Vec<UsedSource>,
}

fn src(key: &str, loc: &str, role: Role) -> UsedSource {
    UsedSource {
        citation: Citation::new(key, Some(loc)),
        role,
    }
}

/// Check a stack (see the module doc).
pub fn check(
    db: &MaterialDb,
    data: &ThermoData,
    spec: &StackSpec,
) -> Result<StackCheck, InterfaceError> {
    if let Some(t) = spec.cosinter_c {
        if !(-273.15..=3000.0).contains(&t) {
            return Err(InterfaceError::Input {
                field: "cosinter".into(),
                message: format!("{t} °C is outside −273.15…3000 °C"),
            });
        }
    }
    let mut layers = Vec::new();
    if let Some(a) = &spec.anode {
        layers.push(resolve(db, a)?);
    }
    let electrolyte = resolve(db, &spec.electrolyte)?;
    layers.push(electrolyte.clone());
    if let Some(i) = &spec.interlayer {
        layers.push(resolve(db, i)?);
    }
    let cathode = resolve(db, &spec.cathode)?;
    layers.push(cathode.clone());

    let mut sources = vec![
        src("kurian2024", "§3.2, §5.1, §2.4", Role::Rule),
        src("richards2016", "interface reaction energy", Role::Model),
        src("zhu2015", "stability window method", Role::Model),
    ];
    sources.extend(data.used_sources());

    let mut pairs = Vec::new();
    for w in layers.windows(2) {
        let (l, r) = (&w[0], &w[1]);
        let anode_side = Some(&l.name) == spec.anode.as_ref();
        let open_v = if anode_side {
            Some(0.0)
        } else {
            spec.voltage_v
        };
        pairs.push(check_pair(
            data,
            l,
            r,
            spec.cosinter_c,
            open_v,
            &mut sources,
        )?);
    }

    let mut windows = Vec::new();
    for (k, layer) in layers.iter().enumerate() {
        if layer.parsed.amounts().iter().all(|(e, _)| e.symbol == "Li") {
            continue;
        }
        let is_cathode = k + 1 == layers.len();
        let next_to_anode = spec.anode.is_some() && k == 1;
        let Ok(pd) = pd_for(data, &[&layer.parsed]) else {
            continue;
        };
        let Ok(react_l) = Reactant::new(&pd, &layer.name, &layer.parsed) else {
            continue;
        };
        let Ok(window) = stability_window(&pd, &react_l) else {
            continue;
        };
        let is_garnet = crate::known::Family::Garnet.matches(&layer.parsed);
        let mut warnings = Vec::new();
        if let (Some(v), Some(ox), false) = (spec.voltage_v, window.oxidation_v, is_cathode) {
            if k + 2 == layers.len() && v > ox {
                warnings.push(format!(
                    "{} at {v} V exceeds the computed oxidation limit of {} ({ox:.2} V vs Li/Li⁺; Zhu, He & Mo 2015){}: decomposition is thermodynamically possible but often kinetically slow — a warning, not a failure",
                    cathode.name,
                    layer.name,
                    if is_garnet { "; cyclic voltammetry of a garnet showed no reaction up to ~6 V (Kurian 2024 §2.4, ref 55)" } else { "" }
                ));
            }
        }
        if next_to_anode && window.reduction_v > 1e-3 {
            warnings.push(format!(
                "{} is reduced by Li metal below {:.2} V (computed); Li-metal contact is stable only kinetically or through a passivating interphase",
                layer.name, window.reduction_v
            ));
        }
        if is_garnet {
            sources.push(src(
                "zhu2016",
                "ref 53: LLZO window 0.05–2.91 V",
                Role::Data,
            ));
            sources.push(src("inada2016", "ref 55: CV to ~6 V", Role::Data));
        }
        windows.push(WindowCheck {
            window,
            review_dft_v: is_garnet.then_some((0.05, 2.9)),
            review_cv_v: is_garnet.then_some(6.0),
            warnings,
        });
    }
    let verdict = pairs
        .iter()
        .map(|p| p.verdict)
        .max()
        .unwrap_or(Verdict::Compatible);
    Ok(StackCheck {
        layers,
        pairs,
        windows,
        verdict,
        energy_source: data.energy_source().unwrap_or_default(),
        sources: dedup_sources(sources),
    })
}

/// A phase diagram over the union of the elements of some formulas.
pub fn pd_for<'a>(
    data: &'a ThermoData,
    phases: &[&Formula],
) -> Result<PhaseDiagram<'a>, InterfaceError> {
    let mut mask = 0u32;
    for f in phases {
        let els: Vec<&str> = f.amounts().iter().map(|(e, _)| e.symbol).collect();
        mask |= data.mask_of(&els, f.as_str())?;
    }
    PhaseDiagram::from_mask(data, mask)
}

fn check_pair(
    data: &ThermoData,
    l: &Phase,
    r: &Phase,
    cosinter_c: Option<f64>,
    open_v: Option<f64>,
    sources: &mut Vec<UsedSource>,
) -> Result<PairCheck, InterfaceError> {
    let mut warnings = Vec::new();
    let mut reasons = Vec::new();
    let mut verdict = Verdict::Compatible;
    let (reaction, reaction_open) = match pd_for(data, &[&l.parsed, &r.parsed]) {
        Ok(pd) => {
            let a = Reactant::new(&pd, &l.name, &l.parsed)?;
            let b = Reactant::new(&pd, &r.name, &r.parsed)?;
            let closed = react(&pd, &a, &b)?;
            let li_only = |p: &Phase| p.parsed.amounts().iter().all(|(e, _)| e.symbol == "Li");
            let open = match open_v {
                Some(v) if !li_only(l) && !li_only(r) => Some(react_open(&pd, &a, &b, v)?),
                _ => None,
            };
            (Some(closed), open)
        }
        Err(e @ InterfaceError::UnknownElement { .. }) => {
            warnings.push(format!("no reaction energy: {e}"));
            reasons.push("chemical stability unknown (element outside the data)".into());
            verdict = Verdict::Caution;
            (None, None)
        }
        Err(e) => return Err(e),
    };
    if let Some(rx) = &reaction {
        let e = rx.vs_hull.reaction_energy_ev_per_atom;
        let products = rx
            .vs_hull
            .products
            .iter()
            .map(|p| p.formula.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let v = if e < -REACTIVE_EV {
            Verdict::Reactive
        } else if e < -MILD_EV {
            Verdict::Caution
        } else {
            Verdict::Compatible
        };
        reasons.push(format!(
            "computed reaction energy {:.1} meV/atom at x = {:.3} → {products}",
            e * 1e3,
            rx.vs_hull.ratio
        ));
        verdict = verdict.max(v);
        warnings.extend(rx.notes.iter().cloned());
    }
    if let Some(rx) = &reaction_open {
        if rx.vs_hull.reaction_energy_ev_per_atom < -MILD_EV {
            let v = -rx.li_potential_ev.unwrap_or(0.0);
            warnings.push(format!(
                "open to Li at {v} V the pair reacts by {:.1} meV per non-Li atom → {}",
                rx.vs_hull.reaction_energy_ev_per_atom * 1e3,
                rx.vs_hull
                    .products
                    .iter()
                    .map(|p| p.formula.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    let known = known_for(&l.parsed, &r.parsed, cosinter_c, open_v);
    for k in &known {
        for c in &k.rule.sources {
            sources.push(UsedSource {
                citation: c.clone(),
                role: Role::Rule,
            });
        }
        if !k.active {
            continue;
        }
        let cite = k
            .rule
            .sources
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" ");
        let v = match (k.rule.observation, k.rule.onset_c) {
            (Observation::Reaction | Observation::Decomposition, Some(_)) => Verdict::Reactive,
            (Observation::Stable, _) => Verdict::Caution,
            _ => Verdict::Caution,
        };
        verdict = verdict.max(v);
        reasons.push(format!(
            "reported: {} ({}) {cite}",
            k.rule.summary, k.condition
        ));
    }
    Ok(PairCheck {
        left: l.name.clone(),
        right: r.name.clone(),
        reaction,
        reaction_open,
        known,
        warnings,
        verdict,
        reasons,
    })
}

/// Whether a knowledge-base material is of a kind (helper for callers).
pub fn is_kind(db: &MaterialDb, name: &str, kind: Kind) -> bool {
    db.get(name).is_ok_and(|m| m.kind == kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lco_llzto_at_700c_with_li_anode() {
        let db = MaterialDb::embedded().unwrap();
        let data = ThermoData::embedded().unwrap();
        let spec = StackSpec {
            cathode: "LCO".into(),
            electrolyte: "LLZTO".into(),
            interlayer: None,
            anode: Some("Li".into()),
            cosinter_c: Some(700.0),
            voltage_v: Some(4.2),
        };
        let c = check(&db, &data, &spec).unwrap();
        assert_eq!(c.pairs.len(), 2);
        let cathode_pair = &c.pairs[1];
        assert!(cathode_pair
            .known
            .iter()
            .any(|k| k.rule.id == "lco-llzo-cosinter" && k.active));
        assert_eq!(cathode_pair.verdict, Verdict::Reactive);
        // LLZTO has no MP entry: the output says it was evaluated at the hull.
        let rx = cathode_pair.reaction.as_ref().unwrap();
        assert!(
            rx.notes
                .iter()
                .any(|n| n.contains("LLZTO") && n.contains("hull")),
            "{:?}",
            rx.notes
        );
        let w = c
            .windows
            .iter()
            .find(|w| w.window.phase == "LLZTO")
            .unwrap();
        assert!(w.warnings.iter().any(|s| s.contains("4.2 V")), "{w:?}");
        assert_eq!(w.review_dft_v, Some((0.05, 2.9)));
        assert!(c.sources.iter().any(|s| s.citation.key == "park2016"));
    }

    #[test]
    fn element_outside_data_is_caution_not_failure() {
        let db = MaterialDb::embedded().unwrap();
        let data = ThermoData::embedded().unwrap();
        let spec = StackSpec {
            cathode: "NMC532".into(),
            electrolyte: "LLZTO".into(),
            interlayer: Some("ITO".into()),
            anode: None,
            cosinter_c: None,
            voltage_v: None,
        };
        let c = check(&db, &data, &spec).unwrap();
        assert!(c.pairs[0].reaction.is_none());
        assert!(
            c.pairs[0].warnings[0].contains("element In"),
            "{:?}",
            c.pairs[0].warnings
        );
    }
}
