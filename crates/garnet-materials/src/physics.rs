//! Quantities derived from material records: σ(T) by Arrhenius, theoretical capacity
//! from the formula.
//!
//! Two Arrhenius forms, one function each (they are not the same law and are not
//! merged): [`arrhenius`] for ionic conductivities (σ·T = A·exp(−Eₐ/k_BT), or the
//! plain σ = A·exp(−Eₐ/k_BT) where a record says so) and [`arrhenius_factor`] for
//! rate and transport coefficients relative to a reference temperature
//! (exp(−Eₐ/R·(1/T − 1/T_ref)): solid diffusivity, exchange-current density, BPX).

use garnet_cite::{Citation, Provenance};
use garnet_units::constants::{BOLTZMANN, ELEMENTARY_CHARGE, FARADAY, GAS, ZERO_CELSIUS};

use crate::record::{ArrheniusForm, Kind, Material, PhaseTag, Value};
use crate::MaterialsError;

/// An activation energy Eₐ with its unit, so that the Boltzmann or the gas constant
/// divides it (the two are not interchanged in floating point: k_B·N_A ≠ R to the last
/// bit, and results must not move when a caller's unit changes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ActivationEnergy {
    /// Per particle, in joules (e.g. 0.3 eV = 0.3 × 1.602 176 634 × 10⁻¹⁹ J); the
    /// exponent is Eₐ/k_B.
    PerParticle(f64),
    /// Per mole, in J/mol (BPX, PyBaMM); the exponent is Eₐ/R.
    Molar(f64),
}

impl ActivationEnergy {
    /// Eₐ/k_B (per particle) or Eₐ/R (per mole), in kelvin.
    pub fn in_kelvin(self) -> f64 {
        match self {
            ActivationEnergy::PerParticle(e) => e / BOLTZMANN,
            ActivationEnergy::Molar(e) => e / GAS,
        }
    }
}

/// Arrhenius factor of a rate or transport coefficient relative to its value at a
/// reference temperature:
///
/// f(T) = exp(−Eₐ/k_B·(1/T − 1/T_ref)) for Eₐ per particle,
/// f(T) = exp(−Eₐ/R·(1/T − 1/T_ref)) for Eₐ per mole,
///
/// so that k(T) = k(T_ref)·f(T). T and T_ref in kelvin, k_B the Boltzmann constant,
/// R the gas constant. This is the temperature dependence BPX defines for its
/// `… activation energy [J.mol-1]` fields (BPX standard, Faraday Institution,
/// `bpx/schema.py`; PyBaMM `pybamm/parameters/bpx.py`, `_arrhenius`: exp(Eₐ/R·(1/T_ref
/// − 1/T)), the same factor) and the one garnet uses for the cathode's solid
/// diffusivity and exchange-current density (`docs/model.md`).
pub fn arrhenius_factor(ea: ActivationEnergy, t: f64, t_ref: f64) -> f64 {
    (-ea.in_kelvin() * (1.0 / t - 1.0 / t_ref)).exp()
}

/// Ionic conductivity σ(T) (S/m) from a reference value σ(T₀) and activation energy Eₐ.
///
/// For the σ·T form, σ·T = A·exp(−Eₐ/k_BT) (PRODUCT.md; the usual one for ionic
/// conductors, in which the knowledge base's garnet activation energies are given):
/// σ(T) = σ(T₀)·(T₀/T)·exp(−Eₐ/k_B·(1/T − 1/T₀)).
/// For the plain form, σ = A·exp(−Eₐ/k_BT): σ(T) = σ(T₀)·exp(−Eₐ/k_B·(1/T − 1/T₀)).
/// T and T₀ in kelvin, Eₐ in joules per particle, k_B the Boltzmann constant.
pub fn arrhenius(
    sigma_ref: f64,
    t_ref: f64,
    activation_energy_j: f64,
    form: ArrheniusForm,
    t: f64,
) -> f64 {
    let boltz = arrhenius_factor(ActivationEnergy::PerParticle(activation_energy_j), t, t_ref);
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
        let sigma_ref = sigma.value.representative().value;
        let (activation_energy, ea_provenance) = match material.property("activation_energy") {
            Some(ea) => (ea.value.representative().value, ea.provenance.clone()),
            None => garnet_class_activation_energy(material, sigma_ref).ok_or_else(|| {
                MaterialsError::Missing {
                    material: material.name.clone(),
                    what: "activation_energy (needed for σ(T))".to_string(),
                }
            })?,
        };
        Ok(Self {
            sigma_ref,
            t_ref: sigma.temperature.map_or(ZERO_CELSIUS + 25.0, |t| t.value),
            activation_energy,
            form: material.conductivity_form,
            provenance: vec![sigma.provenance.clone(), ea_provenance],
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

/// Class activation energies of garnet Li-ion conduction (eV), Kurian et al. 2024 §2.1
/// (its refs 21 and 23, Awaka 2009 and Murugan 2007): 0.30–0.34 eV for cubic LLZO
/// (the midpoint is used) and 0.54 eV for tetragonal LLZO.
pub const CUBIC_GARNET_EA_EV: f64 = 0.32;
/// See [`CUBIC_GARNET_EA_EV`].
pub const TETRAGONAL_GARNET_EA_EV: f64 = 0.54;

/// Conductivity (S/m) above which a garnet whose composition is borderline between the
/// phases is taken as cubic: 1e-5 S/cm, ten times tetragonal LLZO's ≈1e-6 S/cm (the
/// σ of the two phases, §2.1 of the review and `garnet_chem::Phase`).
const CUBIC_SIGMA_THRESHOLD: f64 = 1e-3;

/// The activation energy of a garnet electrolyte that has none of its own: the class
/// value of its phase, as an estimate that says so. The phase is the record's own
/// `phase` where it names one (cubic or tetragonal: a sample's phase is measured,
/// the composition rule only predicts it), else the one its composition predicts
/// ([`garnet_chem::analyse_garnet`]; a borderline composition is cubic when its
/// stored σ is above 1e-5 S/cm). `None` for a material that is not a garnet
/// electrolyte, and for an amorphous film (the crystalline class values do not
/// apply to a glass).
fn garnet_class_activation_energy(
    material: &Material,
    sigma_ref: f64,
) -> Option<(f64, Provenance)> {
    if material.kind != Kind::Electrolyte {
        return None;
    }
    let analysis = garnet_chem::analyse_garnet(material.parsed_formula.as_ref()?)?;
    let tagged = match material.phase {
        Some(PhaseTag::Amorphous) => return None,
        Some(PhaseTag::Cubic) => Some(garnet_chem::Phase::Cubic),
        Some(PhaseTag::Tetragonal) => Some(garnet_chem::Phase::Tetragonal),
        None => None,
    };
    let from_record = tagged.is_some();
    let (ea_ev, phase, why) = match tagged.unwrap_or(analysis.expected_phase) {
        garnet_chem::Phase::Cubic if from_record => {
            (CUBIC_GARNET_EA_EV, "cubic", "the phase its record gives")
        }
        garnet_chem::Phase::Tetragonal if from_record => (
            TETRAGONAL_GARNET_EA_EV,
            "tetragonal",
            "the phase its record gives",
        ),
        garnet_chem::Phase::Cubic => (CUBIC_GARNET_EA_EV, "cubic", "its Li content"),
        garnet_chem::Phase::Tetragonal => (TETRAGONAL_GARNET_EA_EV, "tetragonal", "its Li content"),
        garnet_chem::Phase::Borderline if sigma_ref >= CUBIC_SIGMA_THRESHOLD => (
            CUBIC_GARNET_EA_EV,
            "cubic",
            "its borderline Li content and a stored σ above 1e-5 S/cm",
        ),
        garnet_chem::Phase::Borderline => (
            TETRAGONAL_GARNET_EA_EV,
            "tetragonal",
            "its borderline Li content and a stored σ below 1e-5 S/cm",
        ),
    };
    let range = if phase == "cubic" {
        "0.30–0.34 eV, midpoint"
    } else {
        "0.54 eV"
    };
    let reason = format!(
        "no activation energy reported for {} here; the class value of {phase} \
         garnets ({range}; Kurian et al. 2024 §2.1, refs 21 and 23) is used, {phase} from {why}",
        material.name
    );
    Some((ea_ev * ELEMENTARY_CHARGE, Provenance::Estimated { reason }))
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

/// One temperature of a [`ConductivityTable`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ConductivityPoint {
    /// Temperature (°C).
    pub temperature_c: f64,
    /// Temperature (K).
    pub temperature_k: f64,
    /// σ (S/cm).
    pub sigma_s_per_cm: f64,
}

/// A material's conductivity model and σ at some temperatures, in the units
/// `garnet materials conductivity` prints (°C, S/cm, eV).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ConductivityTable {
    /// Material name.
    pub material: String,
    /// Arrhenius form of the model.
    pub form: ArrheniusForm,
    /// Reference temperature (°C).
    pub reference_temperature_c: f64,
    /// σ at the reference temperature (S/cm).
    pub sigma_ref_s_per_cm: f64,
    /// Activation energy (eV).
    pub activation_energy_ev: f64,
    /// σ at each temperature asked for.
    pub points: Vec<ConductivityPoint>,
    /// Provenance of σ_ref and of Eₐ.
    pub sources: Vec<Provenance>,
}

impl ConductivityTable {
    /// The [`ConductivityModel`] of `material` at `temperatures_k` (K).
    pub fn of(material: &Material, temperatures_k: &[f64]) -> Result<Self, MaterialsError> {
        let model = ConductivityModel::of(material)?;
        let points = temperatures_k
            .iter()
            .map(|&t| ConductivityPoint {
                temperature_c: t - ZERO_CELSIUS,
                temperature_k: t,
                sigma_s_per_cm: model.at(t) / 100.0,
            })
            .collect();
        Ok(Self {
            material: material.name.clone(),
            form: model.form,
            reference_temperature_c: model.t_ref - ZERO_CELSIUS,
            sigma_ref_s_per_cm: model.sigma_ref / 100.0,
            activation_energy_ev: model.activation_energy
                / garnet_units::constants::ELEMENTARY_CHARGE,
            points,
            sources: model.provenance,
        })
    }

    /// The sources of the model's parameters, each once.
    pub fn used_sources(&self) -> Vec<garnet_cite::UsedSource> {
        let used = self.sources.iter().flat_map(|p| p.citations());
        let used: Vec<garnet_cite::UsedSource> = used
            .map(|c| garnet_cite::UsedSource {
                citation: c.clone(),
                role: garnet_cite::Role::Parameter,
            })
            .collect();
        garnet_cite::dedup_sources(used)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 14 item 2: a garnet without its own activation energy follows the class
    /// value of its phase (Kurian 2024 §2.1: 0.30–0.34 eV cubic), as an estimate that
    /// says so; σ at 60 °C is the σ·T Arrhenius closed form from the 24 °C value.
    #[test]
    #[allow(clippy::unwrap_used)]
    fn issue14_garnets_without_ea_use_the_class_value_of_their_phase() {
        let db = crate::MaterialDb::embedded().unwrap();
        // Li6.6La3Zr1.6Ta0.4O12: cubic (record and composition), σ(25 °C) =
        // 7.3e-4 S/cm (Li et al. 2012 via the Liverpool dataset), no Eₐ of its own.
        let m = db.get("Li6.6La3Zr1.6Ta0.4O12").unwrap();
        assert!(m.property("activation_energy").is_none());
        let model = ConductivityModel::of(m).unwrap();
        assert_eq!(model.activation_energy, 0.32 * ELEMENTARY_CHARGE);
        match &model.provenance[1] {
            Provenance::Estimated { reason } => {
                assert!(
                    reason.contains("cubic") && reason.contains("§2.1"),
                    "{reason}"
                )
            }
            other => panic!("{other:?}"),
        }
        // σ(T)·T = σ(T0)·T0·exp(−Ea/k_B (1/T − 1/T0)), by hand for 60 °C.
        let (t0, t): (f64, f64) = (298.15, 333.15);
        let k_b_ev: f64 = 8.617_333_262e-5;
        let want = 7.3e-2 * t0 / t * (-(0.32 / k_b_ev) * (1.0 / t - 1.0 / t0)).exp();
        assert!(
            (model.at(t) / want - 1.0).abs() < 1e-9,
            "{} vs {want}",
            model.at(t)
        );
        // LLCZN, Li7La2.75Ca0.25Zr1.75Nb0.25O12: no Li vacancies, so the composition
        // rule says tetragonal, but its record (the sources: a stabilised cubic garnet)
        // says cubic, and the record's phase wins.
        let llczn = ConductivityModel::of(db.get("LLCZN").unwrap()).unwrap();
        assert_eq!(
            llczn.activation_energy,
            CUBIC_GARNET_EA_EV * ELEMENTARY_CHARGE
        );
        // A record with its own Eₐ keeps it (t-LLZO: 0.54 eV per §2.1, cited; LLZNO:
        // about 30 kJ/mol per Ohta et al. 2011).
        let t_llzo = ConductivityModel::of(db.get("t-LLZO").unwrap()).unwrap();
        assert!(matches!(t_llzo.provenance[1], Provenance::Cited(_)));
        let llzno = ConductivityModel::of(db.get("LLZNO").unwrap()).unwrap();
        assert!(matches!(llzno.provenance[1], Provenance::Cited(_)));
        assert!((llzno.activation_energy / ELEMENTARY_CHARGE - 0.311).abs() < 1e-12);
        // Not a garnet: still refused without an activation energy (Li3PO4 has none).
        assert!(ConductivityModel::of(db.get("Li3PO4").unwrap()).is_err());
    }

    /// A borderline composition without a phase in its record is cubic above
    /// 1e-5 S/cm and tetragonal below; an amorphous film takes no crystalline class
    /// value.
    #[test]
    #[allow(clippy::unwrap_used)]
    fn borderline_and_amorphous_garnets() {
        let mut db = crate::MaterialDb::embedded().unwrap();
        let text = r#"
[[material]]
name = "Borderline-hi"
formula = "Li6.75La3Zr1.75Nb0.25O12"
kind = "electrolyte"
[material.properties.ionic_conductivity]
value = "8e-4 S/cm"
estimated = "test record"

[[material]]
name = "Borderline-lo"
formula = "Li6.75La3Zr1.75Nb0.25O12"
kind = "electrolyte"
[material.properties.ionic_conductivity]
value = "1e-6 S/cm"
estimated = "test record"

[[material]]
name = "Glassy"
formula = "Li6.4Ga0.2La3Zr2O12"
kind = "electrolyte"
phase = "amorphous"
[material.properties.ionic_conductivity]
value = "1e-6 S/cm"
estimated = "test record"
"#;
        db.merge_user_file("t.toml", text).unwrap();
        let ea = |n: &str| ConductivityModel::of(db.get(n).unwrap()).map(|m| m.activation_energy);
        assert_eq!(
            ea("Borderline-hi").unwrap(),
            CUBIC_GARNET_EA_EV * ELEMENTARY_CHARGE
        );
        assert_eq!(
            ea("Borderline-lo").unwrap(),
            TETRAGONAL_GARNET_EA_EV * ELEMENTARY_CHARGE
        );
        assert!(ea("Glassy").is_err());
    }

    #[test]
    #[allow(clippy::unwrap_used)]
    fn a_conductivity_table_is_the_model_in_the_printed_units() {
        let db = crate::MaterialDb::embedded().unwrap();
        let m = db.get("LLZTO").unwrap();
        let model = ConductivityModel::of(m).unwrap();
        let t = ConductivityTable::of(m, &[298.15, 373.15]).unwrap();
        assert_eq!(t.points.len(), 2);
        assert_eq!(t.points[1].sigma_s_per_cm, model.at(373.15) / 100.0);
        assert!((t.points[0].temperature_c - 25.0).abs() < 1e-9);
        assert!(t.activation_energy_ev > 0.1 && t.activation_energy_ev < 1.0);
        assert!(!t.used_sources().is_empty());
    }

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

    #[test]
    fn arrhenius_factor_per_particle_and_per_mole() {
        let (t, t_ref) = (333.15, 298.15);
        // 30 kJ/mol from 25 °C to 60 °C: exp(30000/8.314462618·(1/298.15 − 1/333.15));
        // R to 10 digits here, so agreement to 1e-9.
        let by_hand = (30_000.0 / 8.314_462_618 * (1.0 / 298.15 - 1.0 / 333.15_f64)).exp();
        let f = arrhenius_factor(ActivationEnergy::Molar(30_000.0), t, t_ref);
        assert!((f - by_hand).abs() < 1e-9 * by_hand, "{f} vs {by_hand}");
        assert!((f - 3.5658).abs() < 1e-4, "{f}");
        // The same energy per particle gives the same factor to rounding.
        let per_particle = 30_000.0 / garnet_units::constants::AVOGADRO;
        let g = arrhenius_factor(ActivationEnergy::PerParticle(per_particle), t, t_ref);
        assert!((g - f).abs() < 1e-9 * f);
        // Bit for bit the expressions garnet used before there was one function.
        let old_cell = (-per_particle / BOLTZMANN * (1.0 / t - 1.0 / t_ref)).exp();
        assert_eq!(g.to_bits(), old_cell.to_bits());
        let old_bpx = (30_000.0 / GAS * (1.0 / t_ref - 1.0 / t)).exp();
        assert_eq!(f.to_bits(), old_bpx.to_bits());
        // No activation energy, or the reference temperature: no change.
        assert_eq!(
            arrhenius_factor(ActivationEnergy::Molar(0.0), t, t_ref),
            1.0
        );
        assert_eq!(
            arrhenius_factor(ActivationEnergy::PerParticle(1e-19), t_ref, t_ref),
            1.0
        );
    }
}
