//! From names to results: the entry points that the command line (`garnet interface
//! check | react`, `garnet screen interlayers`) and the Python bindings
//! (`garnet.interface`) call, so both run the same code on the same inputs.
//!
//! Each takes what the user named (phases by alias or formula, a formation-energy
//! table by [`EnergySource`], quantities already in the units below), loads the
//! embedded formation energies, runs the calculation and returns the result with the
//! sources it used. Parsing text arguments with units is the caller's.

use garnet_cite::{Citation, Role, UsedSource};
use garnet_materials::MaterialDb;
use serde::Serialize;
use serde_json::{json, Value};

use crate::check::{check, pd_for, resolve, StackCheck, StackSpec};
use crate::reaction::{react, react_open, Reactant, Reaction};
use crate::screen::{screen, Candidate, ScreenSpec, Screening, DEFAULT_ELEMENTS};
use crate::{EnergySource, InterfaceError, ThermoData};

/// Check a stack against the formation energies of `source` (`garnet interface
/// check`).
pub fn check_stack(
    db: &MaterialDb,
    source: EnergySource,
    spec: &StackSpec,
) -> Result<StackCheck, InterfaceError> {
    let data = ThermoData::embedded_source(source)?;
    check(db, &data, spec)
}

/// The reaction of two named phases (`garnet interface react A B`), with the formulas
/// they resolved to and the sources used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairReaction {
    /// Formula of phase A.
    pub formula_a: String,
    /// Formula of phase B.
    pub formula_b: String,
    /// The voltage vs Li/Li⁺ (V) of a reaction open to lithium.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voltage_v: Option<f64>,
    /// The formation-energy table.
    pub energy_source: EnergySource,
    /// The two reactants.
    pub reactants: Vec<Reactant>,
    /// The reaction.
    #[serde(flatten)]
    pub reaction: Reaction,
    /// The data and the model (Richards et al. 2016) used.
    pub sources: Vec<UsedSource>,
}

/// The most negative reaction energy between `phase_a` and `phase_b` (aliases or
/// formulas; the mixing ratio is A's per-atom fraction), closed or, with
/// `li_potential_v`, open to lithium at that voltage vs Li/Li⁺ (grand potential).
pub fn react_phases(
    db: &MaterialDb,
    source: EnergySource,
    phase_a: &str,
    phase_b: &str,
    li_potential_v: Option<f64>,
) -> Result<PairReaction, InterfaceError> {
    let data = ThermoData::embedded_source(source)?;
    let a = resolve(db, phase_a)?;
    let b = resolve(db, phase_b)?;
    let pd = pd_for(&data, &[&a.parsed, &b.parsed])?;
    let ra = Reactant::new(&pd, &a.name, &a.parsed)?;
    let rb = Reactant::new(&pd, &b.name, &b.parsed)?;
    let reaction = match li_potential_v {
        Some(v) => react_open(&pd, &ra, &rb, v)?,
        None => react(&pd, &ra, &rb)?,
    };
    let mut sources = data.used_sources();
    sources.push(UsedSource {
        citation: Citation::new("richards2016", Some("interface reaction energy")),
        role: Role::Model,
    });
    Ok(PairReaction {
        formula_a: a.formula,
        formula_b: b.formula,
        voltage_v: li_potential_v,
        energy_source: source,
        reactants: vec![ra, rb],
        reaction,
        sources,
    })
}

impl ScreenSpec {
    /// What to screen; `elements` defaults to [`DEFAULT_ELEMENTS`].
    pub fn new(
        cathode: &str,
        electrolyte: &str,
        cosinter_c: f64,
        thickness_m: f64,
        elements: Option<Vec<String>>,
    ) -> Self {
        Self {
            cathode: cathode.to_string(),
            electrolyte: electrolyte.to_string(),
            cosinter_c,
            thickness_m,
            elements: elements
                .unwrap_or_else(|| DEFAULT_ELEMENTS.iter().map(|s| s.to_string()).collect()),
        }
    }
}

/// Screen interlayers against the Materials Project formation energies (`garnet
/// screen interlayers`).
pub fn screen_interlayers(db: &MaterialDb, spec: &ScreenSpec) -> Result<Screening, InterfaceError> {
    let data = ThermoData::embedded()?;
    screen(db, &data, spec)
}

impl Screening {
    /// The candidates on (`front`) or off the Pareto front as points (added ASR in
    /// Ω cm², reaction energy of the worse side in meV/atom); candidates that lack
    /// either are left out.
    pub fn pareto_points(&self, front: bool) -> Vec<(f64, f64)> {
        self.candidates
            .iter()
            .filter(|c| c.pareto == front)
            .filter_map(|c| {
                let e = c
                    .reaction_garnet_ev_per_atom?
                    .min(c.reaction_cathode_ev_per_atom?);
                Some((c.asr_ohm_cm2?, e * 1e3))
            })
            .collect()
    }

    /// The candidates on the Pareto front, best first.
    pub fn pareto_front(&self) -> Vec<&Candidate> {
        self.candidates.iter().filter(|c| c.pareto).collect()
    }
}

/// The model options of an interface check or reaction (its `generated_by` stamp):
/// the source of the formation energies.
pub fn model_options(source: EnergySource) -> Value {
    json!({ "energy_source": source.name() })
}

impl ScreenSpec {
    /// The model options of a screening (its `generated_by` stamp): co-sintering
    /// temperature, interlayer thickness and the elements allowed in candidates.
    pub fn model_options(&self) -> Value {
        json!({
            "cosinter_c": self.cosinter_c,
            "thickness_m": self.thickness_m,
            "elements": self.elements,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn react_phases_resolves_names_and_cites_the_model_and_data() {
        let db = MaterialDb::embedded().unwrap();
        let r = react_phases(&db, EnergySource::MaterialsProject, "LLZO", "LCO", None).unwrap();
        assert_eq!(r.formula_a, "Li7La3Zr2O12");
        assert_eq!(r.formula_b, "LiCoO2");
        assert_eq!(r.voltage_v, None);
        assert_eq!(r.reactants.len(), 2);
        assert!(r.reaction.minimum.reaction_energy_ev_per_atom < 0.0);
        let keys: Vec<&str> = r.sources.iter().map(|s| s.citation.key.as_str()).collect();
        assert!(
            keys.contains(&"richards2016") && keys.contains(&"jain2013"),
            "{keys:?}"
        );
        let open = react_phases(
            &db,
            EnergySource::MaterialsProject,
            "Li7La3Zr2O12",
            "LiCoO2",
            Some(3.0),
        )
        .unwrap();
        assert_eq!(open.voltage_v, Some(3.0));
        assert!((open.reaction.minimum.reaction_energy_ev_per_atom + 0.021_171_9).abs() < 1e-6);
        let json = serde_json::to_value(&open).unwrap();
        assert_eq!(json["voltage_v"], 3.0);
        // The reaction's fields (and its minimum's) are flattened, as the CLI prints.
        assert_eq!(json["a"], "Li7La3Zr2O12");
        assert!(json.get("vs_hull").is_some() && json.get("ratio").is_some());
    }

    #[test]
    fn unknown_names_are_errors_with_the_name() {
        let db = MaterialDb::embedded().unwrap();
        let e = react_phases(&db, EnergySource::MaterialsProject, "LLZO", "InP", None).unwrap_err();
        assert!(
            matches!(&e, InterfaceError::UnknownElement { element, .. } if element == "In"),
            "{e}"
        );
        let e = check_stack(
            &db,
            EnergySource::MaterialsProject,
            &StackSpec {
                cathode: "LCX".into(),
                electrolyte: "LLZTO".into(),
                interlayer: None,
                anode: None,
                cosinter_c: None,
                voltage_v: None,
            },
        )
        .unwrap_err();
        assert!(e.to_string().contains("did you mean 'LCO'"), "{e}");
    }

    #[test]
    fn screen_spec_defaults_and_pareto_points() {
        let spec = ScreenSpec::new("NMC811", "LLZTO", 750.0, 10e-9, None);
        assert_eq!(spec.elements.len(), DEFAULT_ELEMENTS.len());
        assert_eq!(spec.elements[0], "Li");
        let own = ScreenSpec::new(
            "LCO",
            "LLZO",
            700.0,
            10e-9,
            Some(vec!["Li".into(), "B".into()]),
        );
        assert_eq!(own.elements, ["Li", "B"]);
        let db = MaterialDb::embedded().unwrap();
        let s = screen_interlayers(&db, &spec).unwrap();
        assert_eq!(s.candidates[0].name, "Li3BO3");
        let front = s.pareto_front();
        assert!(!front.is_empty() && front.iter().all(|c| c.pareto));
        assert!(s.pareto_points(true).len() <= front.len());
        assert!(s.pareto_points(true).iter().all(|(asr, _)| *asr > 0.0));
    }
}
