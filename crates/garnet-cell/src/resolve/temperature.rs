//! The cell temperature and what follows from it: σ(T) of knowledge-base conductors
//! (σ·T Arrhenius, [`garnet_materials::physics::arrhenius`]) and the 25 °C design
//! values of the solid diffusivity and exchange-current density moved to the cell
//! temperature ([`garnet_materials::physics::arrhenius_factor`], Eₐ per particle).

use garnet_cite::Provenance;
use garnet_materials::physics::{arrhenius_factor, ActivationEnergy, ConductivityModel};
use garnet_materials::Material;
use garnet_units::{constants::ZERO_CELSIUS, Dimension};

use super::context::Ctx;
use crate::CellError;

/// The temperature at which design values of rates are given (25 °C), in K.
pub(crate) const T_REF: f64 = ZERO_CELSIUS + 25.0;

/// The cell temperature (K): `temperature` of the design, default 25 °C, within
/// 150–700 K.
pub(crate) fn cell_temperature(ctx: &Ctx, text: &Option<String>) -> Result<f64, CellError> {
    let temperature = match text {
        Some(t) => ctx.q("temperature", t, Dimension::TEMPERATURE)?,
        None => T_REF,
    };
    if !(150.0..=700.0).contains(&temperature) {
        return Err(ctx.err(
            "temperature",
            format!("{:.1} K is outside 150–700 K", temperature),
        ));
    }
    Ok(temperature)
}

/// A rate or transport coefficient given at 25 °C, at temperature `t` (K):
/// k(T) = k(25 °C)·exp(−Eₐ/k_B·(1/T − 1/T_ref)), Eₐ in J per particle.
pub(crate) fn at_temperature(value_25c: f64, ea_per_particle: f64, t: f64) -> f64 {
    value_25c * arrhenius_factor(ActivationEnergy::PerParticle(ea_per_particle), t, T_REF)
}

/// Ionic conductivity of a knowledge-base material at `t` (S/m), with its provenance
/// recorded. Without an activation energy the value is used at every temperature and
/// a warning says so; an estimated σ or Eₐ (a garnet's class value, a stand-in
/// composition) is used with a warning that gives the reason (issue 14).
pub(crate) fn conductivity_at(
    ctx: &mut Ctx,
    field: &str,
    m: &Material,
    t: f64,
) -> Result<f64, CellError> {
    match ConductivityModel::of(m) {
        Ok(model) => {
            for (p, what) in model.provenance.iter().zip(["σ", "activation energy"]) {
                if let Provenance::Estimated { reason } = p {
                    ctx.warnings.push(format!(
                        "{field}: the {what} of {} is an estimate: {reason}",
                        m.name
                    ));
                }
                ctx.prov.push((field.to_string(), p.clone()));
            }
            Ok(model.at(t))
        }
        Err(_) => {
            let p = m
                .property("ionic_conductivity")
                .or_else(|| m.property("bulk_conductivity"))
                .ok_or_else(|| {
                    ctx.err(
                        field,
                        format!(
                            "the knowledge base has no Li-ion conductivity for {}; give one",
                            m.name
                        ),
                    )
                })?;
            ctx.prov.push((field.to_string(), p.provenance.clone()));
            ctx.warnings.push(format!(
                "{field}: {} has no activation energy in the knowledge base; its conductivity is used at every temperature",
                m.name
            ));
            ctx.positive(field, p.value.representative().value)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::resolve::context::testing::{db, field_of};

    #[test]
    fn default_and_given_temperature() {
        let ctx = Ctx::new("t.toml");
        assert_eq!(cell_temperature(&ctx, &None).unwrap(), 298.15);
        let t = cell_temperature(&ctx, &Some("60 degC".into())).unwrap();
        assert!((t - 333.15).abs() < 1e-12);
    }

    #[test]
    fn temperature_errors_name_the_field() {
        let ctx = Ctx::new("t.toml");
        for bad in ["1000 degC", "25 um"] {
            let e = cell_temperature(&ctx, &Some(bad.into())).unwrap_err();
            assert_eq!(field_of(&e), "temperature", "{bad}: {e}");
        }
    }

    #[test]
    fn rates_follow_arrhenius_from_25c() {
        // 0.3 eV from 25 °C to 60 °C: exp(0.3 eV/k_B·(1/298.15 − 1/333.15)).
        let ea = 0.3 * garnet_units::constants::ELEMENTARY_CHARGE;
        let by_hand = (0.3 / 8.617_333_262e-5 * (1.0 / 298.15 - 1.0 / 333.15_f64)).exp();
        let v = at_temperature(2.0, ea, 333.15);
        assert!((v / 2.0 - by_hand).abs() < 1e-9 * by_hand, "{v}");
        assert_eq!(at_temperature(2.0, 0.0, 333.15), 2.0);
        assert_eq!(at_temperature(2.0, ea, T_REF), 2.0);
    }

    /// Issue 14 item 2: a garnet on its class activation energy (Li6.6La3Zr1.6Ta0.4O12) and
    /// Li₂CO₃ on its estimated one are used with a warning naming the field; the σ·T
    /// law moves Li₂CO₃'s 200 °C value to 25 °C by the closed form (σ falls ~10³×).
    #[test]
    fn estimated_activation_energies_warn_and_li2co3_follows_its_law() {
        let db = db();
        let mut ctx = Ctx::new("t.toml");
        let ta = db.get("Li6.6La3Zr1.6Ta0.4O12").unwrap();
        conductivity_at(&mut ctx, "separator.conductivity", ta, 333.15).unwrap();
        assert_eq!(ctx.warnings.len(), 1, "{:?}", ctx.warnings);
        assert!(ctx.warnings[0].starts_with(
            "separator.conductivity: the activation energy of Li6.6La3Zr1.6Ta0.4O12 is an estimate"
        ));
        let co3 = db.get("Li2CO3").unwrap();
        let mut ctx = Ctx::new("t.toml");
        let s = conductivity_at(&mut ctx, "separator.carbonate_anode_side", co3, 298.15).unwrap();
        // 1e-8 S/cm = 1e-6 S/m at 200 °C; Eₐ 0.5 eV (estimate): by hand.
        let (t0, t) = (473.15_f64, 298.15_f64);
        let want = 1e-6 * t0 / t * (-(0.5 / 8.617_333_262e-5) * (1.0 / t - 1.0 / t0)).exp();
        assert!((s / want - 1.0).abs() < 1e-9, "{s} vs {want}");
        assert!(s < 2e-3 * 1e-6, "≥ 500× below the 200 °C value: {s}");
        assert!(ctx
            .warnings
            .iter()
            .any(|w| w.contains("Li2CO3") && w.contains("estimate")));
        // A cited law (LLZTO, Li et al. 2012) warns of nothing.
        let mut ctx = Ctx::new("t.toml");
        conductivity_at(
            &mut ctx,
            "separator.conductivity",
            db.get("LLZTO").unwrap(),
            333.15,
        )
        .unwrap();
        assert!(ctx.warnings.is_empty(), "{:?}", ctx.warnings);
    }

    #[test]
    fn conductivity_of_a_kb_garnet_with_provenance() {
        let db = db();
        let m = db.get("LLZTO").unwrap();
        let model = ConductivityModel::of(m).unwrap();
        let mut ctx = Ctx::new("t.toml");
        let s = conductivity_at(&mut ctx, "separator.conductivity", m, model.t_ref).unwrap();
        // At the record's own temperature the stored σ comes back unchanged.
        assert_eq!(s, model.sigma_ref);
        assert_eq!(ctx.prov.len(), 2, "σ and Eₐ each cite their source");
        assert!(ctx.warnings.is_empty());
    }
}
