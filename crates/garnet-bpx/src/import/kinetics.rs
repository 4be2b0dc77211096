//! Rates and their temperature dependence: the BPX reference temperature, the
//! reaction rate constant and the diffusivity with their activation energies (J/mol),
//! moved to garnet's 25 °C by the BPX Arrhenius factor
//! ([`garnet_materials::physics::arrhenius_factor`], Eₐ per mole).

use garnet_materials::physics::{arrhenius_factor, ActivationEnergy};
use garnet_units::constants::FARADAY;

use super::T_REF_GARNET;
use crate::json::{FloatFunctionTable, Owned};
use crate::BpxError;

/// `Cell.Reference temperature [K]`, at which BPX gives its rates; 25 °C with a note
/// when absent.
pub(super) fn reference_temperature(
    cell: &Owned,
    notes: &mut Vec<String>,
) -> Result<f64, BpxError> {
    match cell.opt_number("Reference temperature [K]")? {
        Some(t) if t > 0.0 => Ok(t),
        Some(t) => Err(BpxError::Value {
            path: format!("{}.Reference temperature [K]", cell.path),
            message: format!("{t} K is not a temperature"),
        }),
        None => {
            notes.push(
                "no Cell.Reference temperature [K]: rates are taken as given at 298.15 K"
                    .to_string(),
            );
            Ok(T_REF_GARNET)
        }
    }
}

/// The reaction rate constant k (mol m⁻² s⁻¹) and the activation energies of k and
/// of the diffusivity (J/mol, default 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rates {
    pub(super) k: f64,
    pub(super) ea_k: f64,
    pub(super) ea_d: f64,
}

/// Read the rate constant and the activation energies.
pub(super) fn rates(pos: &Owned) -> Result<Rates, BpxError> {
    let k = pos.positive("Reaction rate constant [mol.m-2.s-1]")?;
    let ea_k = pos
        .opt_number("Reaction rate constant activation energy [J.mol-1]")?
        .unwrap_or(0.0);
    let ea_d = pos
        .opt_number("Diffusivity activation energy [J.mol-1]")?
        .unwrap_or(0.0);
    Ok(Rates { k, ea_k, ea_d })
}

/// The diffusivity at the BPX reference temperature (m²/s): constant, or, when it
/// depends on stoichiometry, its value mid-window (with a note).
pub(super) fn diffusivity(
    pos: &Owned,
    x_min: f64,
    x_max: f64,
    notes: &mut Vec<String>,
) -> Result<f64, BpxError> {
    let d_node = pos.get("Diffusivity [m2.s-1]")?;
    let d_fn = FloatFunctionTable::read(&d_node)?;
    let x_mid = 0.5 * (x_min + x_max);
    let d_ref = d_fn.eval(x_mid);
    if !(d_ref.is_finite() && d_ref > 0.0) {
        return Err(BpxError::Value {
            path: d_node.path,
            message: format!("{d_ref} m²/s at x = {x_mid}: expected a positive diffusivity"),
        });
    }
    if !d_fn.is_constant() {
        notes.push(format!(
            "{}: depends on stoichiometry; garnet's particles have one diffusivity, so its value at the middle of the window (x = {x_mid:.4}) is used: {d_ref:.4e} m²/s",
            d_node.path
        ));
    }
    Ok(d_ref)
}

/// The exchange-current density at x = ½ (j₀ = F·k/2, see the module doc of
/// [`super`]) and the diffusivity, both moved from `t_ref` to 25 °C:
/// value(25 °C) = value(T_ref)·exp(−Eₐ/R·(1/298.15 K − 1/T_ref)).
pub(super) fn at_25c(r: &Rates, d_ref: f64, t_ref: f64) -> (f64, f64) {
    let to_25 = |ea: f64| arrhenius_factor(ActivationEnergy::Molar(ea), T_REF_GARNET, t_ref);
    let j0 = 0.5 * FARADAY * r.k * to_25(r.ea_k);
    let diffusivity = d_ref * to_25(r.ea_d);
    (j0, diffusivity)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::import::positive::tests::electrode;
    use serde_json::json;

    #[test]
    fn reference_temperature_given_or_25c() {
        let doc = json!({"Cell": {"Reference temperature [K]": 308.15}});
        let cell = Owned::root(&doc).get("Cell").unwrap();
        let mut notes = Vec::new();
        assert_eq!(reference_temperature(&cell, &mut notes).unwrap(), 308.15);
        assert!(notes.is_empty());
        let doc = json!({"Cell": {}});
        let cell = Owned::root(&doc).get("Cell").unwrap();
        assert_eq!(reference_temperature(&cell, &mut notes).unwrap(), 298.15);
        assert_eq!(notes.len(), 1);
        let doc = json!({"Cell": {"Reference temperature [K]": -3.0}});
        let cell = Owned::root(&doc).get("Cell").unwrap();
        let e = reference_temperature(&cell, &mut notes).unwrap_err();
        assert!(
            e.to_string().starts_with("Cell.Reference temperature [K]"),
            "{e}"
        );
    }

    #[test]
    fn rates_move_to_25c_by_arrhenius() {
        let mut doc = electrode();
        doc["Positive electrode"]["Reaction rate constant activation energy [J.mol-1]"] =
            json!(35000.0);
        let pos = Owned::root(&doc).get("Positive electrode").unwrap();
        let r = rates(&pos).unwrap();
        assert_eq!(
            r,
            Rates {
                k: 3e-11,
                ea_k: 35000.0,
                ea_d: 0.0
            }
        );
        let d_ref = diffusivity(&pos, 0.25, 0.9, &mut Vec::new()).unwrap();
        assert_eq!(d_ref, 4e-15);
        // From 35 °C to 25 °C: exp(35000/R·(1/308.15 − 1/298.15)) slows k by ~0.63.
        let (j0, d) = at_25c(&r, d_ref, 308.15);
        let f = (35000.0 / 8.314_462_618 * (1.0 / 308.15 - 1.0 / 298.15_f64)).exp();
        assert!((j0 / (0.5 * FARADAY * 3e-11) - f).abs() < 1e-9 * f, "{j0}");
        assert_eq!(d, 4e-15, "no activation energy: unchanged");
        assert_eq!(at_25c(&r, d_ref, T_REF_GARNET).0, 0.5 * FARADAY * 3e-11);
    }

    #[test]
    fn stoichiometry_dependent_diffusivity_is_taken_mid_window() {
        let mut doc = electrode();
        doc["Positive electrode"]["Diffusivity [m2.s-1]"] = json!("1e-14 * x");
        let pos = Owned::root(&doc).get("Positive electrode").unwrap();
        let mut notes = Vec::new();
        let d = diffusivity(&pos, 0.2, 0.8, &mut notes).unwrap();
        assert!((d - 0.5e-14).abs() < 1e-28);
        assert_eq!(notes.len(), 1);
        doc["Positive electrode"]["Diffusivity [m2.s-1]"] = json!("x - 1");
        let pos = Owned::root(&doc).get("Positive electrode").unwrap();
        let e = diffusivity(&pos, 0.2, 0.8, &mut notes).unwrap_err();
        assert!(
            e.to_string().starts_with("Positive electrode.Diffusivity"),
            "{e}"
        );
    }
}
