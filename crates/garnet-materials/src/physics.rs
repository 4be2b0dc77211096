//! Quantities derived from material records: σ(T) by Arrhenius, theoretical capacity
//! from the formula.

use garnet_cite::{Citation, Provenance};
use garnet_units::constants::{BOLTZMANN, FARADAY, ZERO_CELSIUS};

use crate::record::{ArrheniusForm, Kind, Material, Value};
use crate::MaterialsError;

/// Ionic conductivity σ(T) (S/m) from a reference value σ(T₀) and activation energy Eₐ.
///
/// For the σ·T form (PRODUCT.md; the usual one for ionic conductors):
/// σ(T) = σ(T₀)·(T₀/T)·exp(−Eₐ/k_B·(1/T − 1/T₀)).
/// For the plain form: σ(T) = σ(T₀)·exp(−Eₐ/k_B·(1/T − 1/T₀)).
/// T and T₀ in kelvin, Eₐ in joules, k_B the Boltzmann constant.
pub fn arrhenius(
    sigma_ref: f64,
    t_ref: f64,
    activation_energy_j: f64,
    form: ArrheniusForm,
    t: f64,
) -> f64 {
    let boltz = (-activation_energy_j / BOLTZMANN * (1.0 / t - 1.0 / t_ref)).exp();
    match form {
        ArrheniusForm::SigmaT => sigma_ref * (t_ref / t) * boltz,
        ArrheniusForm::Sigma => sigma_ref * boltz,
    }
}

/// The inputs of a σ(T) evaluation and where they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ConductivityModel {
    /// σ at the reference temperature (S/m).
    pub sigma_ref: f64,
    /// Reference temperature (K).
    pub t_ref: f64,
    /// Activation energy (J).
    pub activation_energy: f64,
    /// Arrhenius form.
    pub form: ArrheniusForm,
    /// Provenance of σ_ref and of Eₐ.
    pub provenance: Vec<Provenance>,
}

impl ConductivityModel {
    /// The Li-ion conductivity model of a material: total ionic conductivity (bulk if
    /// no total is given) with its activation energy.
    pub fn of(material: &Material) -> Result<Self, MaterialsError> {
        let sigma = material
            .property("ionic_conductivity")
            .or_else(|| material.property("bulk_conductivity"))
            .ok_or_else(|| MaterialsError::Missing {
                material: material.name.clone(),
                what: "ionic_conductivity".to_string(),
            })?;
        let ea = material
            .property("activation_energy")
            .ok_or_else(|| MaterialsError::Missing {
                material: material.name.clone(),
                what: "activation_energy (needed for σ(T))".to_string(),
            })?;
        Ok(Self {
            sigma_ref: sigma.value.representative().value,
            t_ref: sigma.temperature.map_or(ZERO_CELSIUS + 25.0, |t| t.value),
            activation_energy: ea.value.representative().value,
            form: material.conductivity_form,
            provenance: vec![sigma.provenance.clone(), ea.provenance.clone()],
        })
    }

    /// σ at temperature `t` (K), in S/m.
    pub fn at(&self, t: f64) -> f64 {
        arrhenius(
            self.sigma_ref,
            self.t_ref,
            self.activation_energy,
            self.form,
            t,
        )
    }
}

/// Theoretical specific capacity (C/kg) and how it was obtained.
///
/// Q = n·F / M, with n the Li (electrons) exchanged per formula unit, F the Faraday
/// constant and M the molar mass (kg/mol); in mAh/g: Q = 26 801.5·n / M[g/mol].
/// n comes from the record's `li_exchanged`; for Li metal n = 1 per Li atom.
pub fn theoretical_capacity(material: &Material) -> Result<(f64, Provenance), MaterialsError> {
    let formula = material
        .parsed_formula
        .as_ref()
        .ok_or_else(|| MaterialsError::Missing {
            material: material.name.clone(),
            what: "formula".to_string(),
        })?;
    let molar_mass = formula.molar_mass_g_per_mol() * 1e-3;
    let (n, inputs, how) = match material.property("li_exchanged") {
        Some(p) => {
            let n = match p.value {
                Value::Single(q) => q.value,
                Value::Range { max, .. } => max.value,
            };
            let inputs: Vec<Citation> = p.provenance.citations().into_iter().cloned().collect();
            (n, inputs, format!("n·F/M with n = {n} Li per formula unit"))
        }
        None if material.kind == Kind::Anode && formula.amounts().len() == 1 => (
            1.0,
            Vec::new(),
            "F/M for Li metal (one electron per atom)".to_string(),
        ),
        None => {
            return Err(MaterialsError::Missing {
                material: material.name.clone(),
                what: "li_exchanged (Li per formula unit cycled)".to_string(),
            })
        }
    };
    let mut inputs = inputs;
    inputs.push(Citation::new(
        "prohaska2022",
        Some("standard atomic weights"),
    ));
    Ok((
        n * FARADAY / molar_mass,
        Provenance::Computed {
            method: format!("{how}, M = {:.3} g/mol", molar_mass * 1e3),
            inputs,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrhenius_identity_at_reference_and_slope() {
        let ea = 0.4 * 1.602_176_634e-19;
        let s0 = 1e-2;
        let t0 = 298.15;
        assert!((arrhenius(s0, t0, ea, ArrheniusForm::SigmaT, t0) - s0).abs() < 1e-15);
        // ln(σT) is linear in 1/T with slope −Ea/k_B
        let (t1, t2) = (320.0, 380.0);
        let y = |t: f64| (arrhenius(s0, t0, ea, ArrheniusForm::SigmaT, t) * t).ln();
        let slope = (y(t2) - y(t1)) / (1.0 / t2 - 1.0 / t1);
        assert!((slope + ea / BOLTZMANN).abs() < 1e-6 * ea / BOLTZMANN);
        let yp = |t: f64| arrhenius(s0, t0, ea, ArrheniusForm::Sigma, t).ln();
        let slope = (yp(t2) - yp(t1)) / (1.0 / t2 - 1.0 / t1);
        assert!((slope + ea / BOLTZMANN).abs() < 1e-6 * ea / BOLTZMANN);
    }
}
