//! What is not imported, section by section, each with the reason: positive-electrode
//! fields garnet does not know, the negative electrode (garnet's anode is Li metal),
//! liquid-electrolyte properties, the separator's porosity, thermal and packaging
//! data, `State` beyond the initial conditions, and `Validation`.

use super::cell::{CellData, Electrolyte};
use super::Skipped;
use crate::json::Owned;
use crate::keys::NEGATIVE;
use crate::BpxError;

/// The positive-electrode keys garnet reads (the rest are skipped).
const USED_POSITIVE: [&str; 18] = [
    "Thickness [m]",
    "Particle radius [m]",
    "Surface area per unit volume [m-1]",
    "Porosity",
    "Transport efficiency",
    "Conductivity [S.m-1]",
    "Maximum concentration [mol.m-3]",
    "Minimum stoichiometry",
    "Maximum stoichiometry",
    "Reaction rate constant [mol.m-2.s-1]",
    "Reaction rate constant activation energy [J.mol-1]",
    "Diffusivity activation energy [J.mol-1]",
    "Diffusivity [m2.s-1]",
    "OCP [V]",
    "Entropic change coefficient [V.K-1]",
    "OCP (lithiation) [V]",
    "OCP (delithiation) [V]",
    "OCP hysteresis decay constant",
];

/// The sections of a BPX document that the import has read.
pub(super) struct Sections<'a> {
    pub(super) root: &'a Owned<'a>,
    pub(super) par: &'a Owned<'a>,
    pub(super) pos: &'a Owned<'a>,
    pub(super) sep: &'a Owned<'a>,
    pub(super) cell: &'a Owned<'a>,
    pub(super) electrolyte: &'a Owned<'a>,
    pub(super) state: &'a Option<Owned<'a>>,
}

/// Append every field that was not imported to `skipped`, in document order within
/// each section: positive electrode, negative electrode, electrolyte, separator,
/// cell, state, validation.
pub(super) fn not_imported(
    s: &Sections,
    cell: &CellData,
    e: &Electrolyte,
    li_metal_negative: bool,
    skipped: &mut Vec<Skipped>,
) -> Result<(), BpxError> {
    for key in s.pos.object()?.keys() {
        if !USED_POSITIVE.contains(&key.as_str()) {
            skipped.push(Skipped {
                path: format!("{}.{key}", s.pos.path),
                reason: "not a BPX positive-electrode field garnet knows".to_string(),
            });
        }
    }
    if let Some(neg) = s.par.opt(NEGATIVE)? {
        skipped.push(Skipped {
            path: neg.path,
            reason: "garnet models a Li-metal anode (OCP 0 V vs Li, no host particles): the whole negative electrode is left out; the Li|garnet interface is a placeholder in [anode]".to_string(),
        });
    }
    electrolyte_fields(s.electrolyte, e, skipped)?;
    for key in s.sep.object()?.keys() {
        if key != "Thickness [m]" {
            skipped.push(Skipped {
                path: format!("{}.{key}", s.sep.path),
                reason: "garnet's separator is a dense garnet pellet or film (porosity 1 and transport efficiency 1 in BPX terms)".to_string(),
            });
        }
    }
    cell_fields(s.cell, cell, li_metal_negative, skipped)?;
    if let Some(state) = s.state {
        state_fields(state, skipped)?;
    }
    if s.root.opt("Validation")?.is_some() {
        skipped.push(Skipped {
            path: "Validation".to_string(),
            reason: "experimental data are not imported (compare with `garnet simulate` output yourself)".to_string(),
        });
    }
    Ok(())
}

/// `Electrolyte`: all but a single-ion electrolyte's t₊ = 1 and constant σ.
fn electrolyte_fields(
    electrolyte: &Owned,
    e: &Electrolyte,
    skipped: &mut Vec<Skipped>,
) -> Result<(), BpxError> {
    let t_plus = e.t_plus;
    for key in electrolyte.object()?.keys() {
        let path = format!("{}.{key}", electrolyte.path);
        let reason = match (key.as_str(), e.single_ion_conductivity) {
            ("Conductivity [S.m-1]", Some(_)) => continue,
            ("Cation transference number", _) if t_plus == 1.0 => continue,
            ("Conductivity [S.m-1]", None) => "a liquid electrolyte's conductivity: garnet's separator and composite conduct through a garnet (σ from the knowledge base)".to_string(),
            ("Cation transference number", _) => format!("t₊ = {t_plus}: garnet's electrolyte is a single-ion garnet (t₊ = 1)"),
            ("Diffusivity [m2.s-1]" | "Diffusivity activation energy [J.mol-1]", _) => "a single-ion garnet has no salt diffusion".to_string(),
            ("Initial concentration [mol.m-3]", _) => "a single-ion garnet's Li concentration is fixed; it cancels in the exchange current (c_e = c_e0)".to_string(),
            _ => "a liquid-electrolyte property with no garnet counterpart".to_string(),
        };
        skipped.push(Skipped { path, reason });
    }
    Ok(())
}

/// `Cell`: thermal and packaging data, and full-cell cut-offs unless the negative
/// electrode is Li metal.
fn cell_fields(
    node: &Owned,
    cell: &CellData,
    li_metal_negative: bool,
    skipped: &mut Vec<Skipped>,
) -> Result<(), BpxError> {
    let (v_lo, v_hi) = cell.cutoffs;
    for key in node.object()?.keys() {
        let reason = match key.as_str() {
            "Electrode area [m2]"
            | "Number of electrode pairs connected in parallel to make a cell"
            | "Nominal cell capacity [A.h]"
            | "Reference temperature [K]"
            | "Ambient temperature [K]"
            | "Initial temperature [K]" => continue,
            "Lower voltage cut-off [V]" | "Upper voltage cut-off [V]" if li_metal_negative => {
                continue
            }
            "Lower voltage cut-off [V]" | "Upper voltage cut-off [V]" => format!(
                "full-cell cut-offs ({v_lo}–{v_hi} V); garnet's cut-offs are the cathode's OCP vs Li at the BPX stoichiometry limits instead"
            ),
            _ => "thermal or packaging data; garnet's cell model is isothermal".to_string(),
        };
        skipped.push(Skipped {
            path: format!("{}.{key}", node.path),
            reason,
        });
    }
    Ok(())
}

/// `State`: all but the initial state of charge and the temperatures.
fn state_fields(state: &Owned, skipped: &mut Vec<Skipped>) -> Result<(), BpxError> {
    for (section, v) in state.object()? {
        let Some(obj) = v.as_object() else { continue };
        for key in obj.keys() {
            let reason = match (section.as_str(), key.as_str()) {
                ("Initial conditions", "Initial state-of-charge" | "Initial temperature [K]")
                | ("Thermal environment", "Ambient temperature [K]") => continue,
                (_, "Initial electrolyte concentration [mol.m-3]") => "a single-ion garnet's Li concentration is fixed; it cancels in the exchange current (c_e = c_e0)".to_string(),
                (_, k) if k.contains("hysteresis") => "garnet's OCV has no hysteresis".to_string(),
                ("Degradation", _) => "garnet has no degradation model".to_string(),
                _ => "thermal data; garnet's cell model is isothermal".to_string(),
            };
            skipped.push(Skipped {
                path: format!("{}.{section}.{key}", state.path),
                reason,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    #[test]
    fn each_section_lists_what_garnet_leaves_out() {
        let doc = json!({
            "Header": {},
            "Parameterisation": {
                "Cell": {
                    "Electrode area [m2]": 0.01,
                    "Lower voltage cut-off [V]": 2.5,
                    "Upper voltage cut-off [V]": 4.2,
                    "Density [kg.m-3]": 1000.0,
                },
                "Positive electrode": {"Thickness [m]": 1e-5, "Colour": "grey"},
                "Negative electrode": {},
                "Separator": {"Thickness [m]": 2e-5, "Porosity": 0.4},
                "Electrolyte": {
                    "Cation transference number": 0.3,
                    "Conductivity [S.m-1]": 1.0,
                    "Diffusivity [m2.s-1]": 1e-10,
                },
            },
            "State": {
                "Initial conditions": {"Initial state-of-charge": 1.0, "Initial hysteresis state": 0.0},
                "Degradation": {"SEI thickness [m]": 1e-9},
            },
            "Validation": {},
        });
        let root = Owned::root(&doc);
        let par = root.get("Parameterisation").unwrap();
        let (pos, sep, cell, electrolyte) = (
            par.get("Positive electrode").unwrap(),
            par.get("Separator").unwrap(),
            par.get("Cell").unwrap(),
            par.get("Electrolyte").unwrap(),
        );
        let state = root.opt("State").unwrap();
        let sections = Sections {
            root: &root,
            par: &par,
            pos: &pos,
            sep: &sep,
            cell: &cell,
            electrolyte: &electrolyte,
            state: &state,
        };
        let data = CellData {
            electrode_area: 0.01,
            pairs: 1,
            nominal_capacity: 3600.0,
            cutoffs: (2.5, 4.2),
        };
        let e = Electrolyte {
            separator_thickness: 2e-5,
            t_plus: 0.3,
            single_ion_conductivity: None,
        };
        let mut skipped = Vec::new();
        not_imported(&sections, &data, &e, false, &mut skipped).unwrap();
        let paths: Vec<&str> = skipped.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "Parameterisation.Positive electrode.Colour",
                "Parameterisation.Negative electrode",
                "Parameterisation.Electrolyte.Cation transference number",
                "Parameterisation.Electrolyte.Conductivity [S.m-1]",
                "Parameterisation.Electrolyte.Diffusivity [m2.s-1]",
                "Parameterisation.Separator.Porosity",
                "Parameterisation.Cell.Density [kg.m-3]",
                "Parameterisation.Cell.Lower voltage cut-off [V]",
                "Parameterisation.Cell.Upper voltage cut-off [V]",
                "State.Degradation.SEI thickness [m]",
                "State.Initial conditions.Initial hysteresis state",
                "Validation",
            ]
        );
        // With a Li-metal negative electrode the cut-offs are the cathode's and kept.
        let mut skipped = Vec::new();
        not_imported(&sections, &data, &e, true, &mut skipped).unwrap();
        assert!(!skipped.iter().any(|s| s.path.contains("cut-off")));
    }
}
