//! The cathode's charge-transfer defaults (issue 14 item 10): the exchange-current
//! density j₀ at 25 °C and half lithiation, and its activation energy, from
//! solid-state (cathode|garnet) measurements where the knowledge base has them, else
//! from the liquid-electrolyte PyBaMM parameter sets, labelled and warned about.
//!
//! A solid-state j₀ comes from a measured interfacial charge-transfer resistance per
//! true contact area by the linearised Butler–Volmer relation: with j = 2j₀·sinh(Fη/2RT)
//! (the model's kinetics, docs/model.md), j ≈ j₀·Fη/(RT) at small η, so
//! j₀ = RT/(F·R_ct) (α = ½; the conversion is done in the data, property
//! `exchange_current_density_solid_state`).
//! `cathode.kinetics = "liquid"` selects the liquid values; a given
//! `cathode.exchange_current_density` is used whatever the basis.

use garnet_materials::Material;
use garnet_units::Dimension;

use super::context::Ctx;
use super::temperature::T_REF;
use crate::schema::{CathodeFile, Kinetics};
use crate::CellError;

/// Knowledge-base names of j₀ and its activation energy, per basis.
fn properties(basis: Kinetics) -> (&'static str, &'static str) {
    match basis {
        Kinetics::SolidState => (
            "exchange_current_density_solid_state",
            "kinetic_activation_energy_solid_state",
        ),
        Kinetics::Liquid => ("exchange_current_density", "kinetic_activation_energy"),
    }
}

/// j₀ at 25 °C and x = ½ (A/m²) for the cathode, and the basis it came from (a
/// given j₀ counts as liquid for its activation energy).
///
/// j₀: `cathode.exchange_current_density` if given; else, for the `solid-state`
/// basis (the default), the knowledge base's solid-state value; else the liquid
/// value, with a warning that it is a liquid-electrolyte value. Eₐ:
/// `cathode.kinetic_activation_energy` if given; else the knowledge base's Eₐ of the
/// basis j₀ came from (a given j₀ takes the liquid one, as before issue 14); none:
/// j₀ is held at its 25 °C value, with a warning when `t` is not 25 °C.
pub(crate) fn exchange_current(
    ctx: &mut Ctx,
    c: &CathodeFile,
    m: &Material,
) -> Result<(f64, Kinetics), CellError> {
    let field = "cathode.exchange_current_density";
    let asked = c.kinetics.unwrap_or_default();
    let (j0, basis) = match ctx.given(
        field,
        &c.exchange_current_density,
        Dimension::CURRENT_DENSITY,
    )? {
        Some(v) => (ctx.positive(field, v)?, Kinetics::Liquid),
        None => {
            let (ss, _) = properties(Kinetics::SolidState);
            let basis = match (asked, m.property(ss)) {
                (Kinetics::SolidState, Some(_)) => Kinetics::SolidState,
                (Kinetics::SolidState, None) => {
                    ctx.warnings.push(format!(
                        "{field}: no solid-state (cathode|garnet) exchange-current density of {} in the knowledge base; the liquid-electrolyte value of its PyBaMM parameter set is used (see its source)",
                        m.name
                    ));
                    Kinetics::Liquid
                }
                (Kinetics::Liquid, _) => {
                    ctx.warnings.push(format!(
                        "{field}: cathode.kinetics = \"liquid\": the liquid-electrolyte exchange-current density of {} is used, not a solid-state value",
                        m.name
                    ));
                    Kinetics::Liquid
                }
            };
            let (name, _) = properties(basis);
            let v = ctx.value_or_kb(field, &None, Dimension::CURRENT_DENSITY, m, name)?;
            (v, basis)
        }
    };
    Ok((j0, basis))
}

/// The activation energy (J per particle) of the exchange-current density whose
/// basis [`exchange_current`] returned, for a cell at `t` (K): see there.
pub(crate) fn kinetic_activation_energy(
    ctx: &mut Ctx,
    c: &CathodeFile,
    m: &Material,
    basis: Kinetics,
    t: f64,
) -> Result<f64, CellError> {
    let ea_field = "cathode.kinetic_activation_energy";
    let (_, ea_name) = properties(basis);
    let ea = match (&c.kinetic_activation_energy, m.property(ea_name)) {
        (Some(_), _) => {
            ctx.activation_energy(ea_field, &c.kinetic_activation_energy, m, ea_name)?
        }
        (None, Some(p)) => {
            ctx.prov.push((ea_field.to_string(), p.provenance.clone()));
            p.value.representative().value
        }
        (None, None) => {
            if (t - T_REF).abs() > 1e-9 {
                ctx.warnings.push(format!(
                    "{ea_field}: no activation energy of the {} exchange-current density of {} in the knowledge base; j₀ is held at its 25 °C value at {:.1} °C",
                    basis.as_str(),
                    m.name,
                    t - garnet_units::constants::ZERO_CELSIUS
                ));
            }
            0.0
        }
    };
    Ok(ea)
}

/// An activation energy of the cathode (J per particle): given, else the knowledge
/// base's (its provenance recorded), else none — the property then holds its 25 °C
/// value, with a warning naming `what` when `t` is not 25 °C.
pub(crate) fn activation_energy_or_warn(
    ctx: &mut Ctx,
    field: &str,
    text: &Option<String>,
    m: &Material,
    property: &str,
    what: &str,
    t: f64,
) -> Result<f64, CellError> {
    if text.is_some() {
        return ctx.activation_energy(field, text, m, property);
    }
    match m.property(property) {
        Some(p) => {
            ctx.prov.push((field.to_string(), p.provenance.clone()));
            Ok(p.value.representative().value)
        }
        None => {
            if (t - T_REF).abs() > 1e-9 {
                ctx.warnings.push(format!(
                    "{field}: no activation energy of the {what} of {} in the knowledge base; it is held at its 25 °C value at {:.1} °C",
                    m.name,
                    t - garnet_units::constants::ZERO_CELSIUS
                ));
            }
            Ok(0.0)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::resolve::context::testing::{db, design, field_of};
    use garnet_cite::Provenance;
    use garnet_units::constants::{BOLTZMANN, ELEMENTARY_CHARGE, FARADAY};

    /// The provenance recorded for `field`, as text.
    fn prov_of(ctx: &Ctx, field: &str) -> String {
        ctx.prov
            .iter()
            .filter(|(f, _)| f == field)
            .map(|(_, p)| format!("{p:?}"))
            .collect::<Vec<_>>()
            .join(" | ")
    }

    /// Issue 14 item 10: LiCoO2 takes the solid-state j₀ by default: RT/(F·R_ct) with
    /// R_ct ≈ 50 Ω cm² of the LiCoO2 | LLZO thin film (Sastre et al. 2020, abstract),
    /// cited, without a warning; `kinetics = "liquid"` gives the PyBaMM Ramadass2004
    /// value, labelled liquid in its provenance and warned about.
    #[test]
    fn lco_solid_state_by_default_liquid_on_request() {
        let db = db();
        let m = db.get("LiCoO2").unwrap();
        let d = design(&[("material = \"NMC811\"", "material = \"LiCoO2\"")], "");
        let mut ctx = Ctx::new("t.toml");
        let (j0, _) = exchange_current(&mut ctx, &d.cathode, m).unwrap();
        let rt_f = BOLTZMANN * T_REF / ELEMENTARY_CHARGE;
        assert!((rt_f - 8.314_462_618 * 298.15 / FARADAY).abs() < 1e-12);
        let closed_form = rt_f / 50e-4; // R_ct = 50 Ω cm² = 5e-3 Ω m²
        assert!(
            (j0 / closed_form - 1.0).abs() < 1e-3,
            "{j0} vs {closed_form}"
        );
        assert!(ctx.warnings.is_empty(), "{:?}", ctx.warnings);
        assert!(prov_of(&ctx, "cathode.exchange_current_density").contains("sastre2020"));
        let d = design(
            &[("material = \"NMC811\"", "material = \"LiCoO2\"")],
            "kinetics = \"liquid\"",
        );
        let mut ctx = Ctx::new("t.toml");
        let (j0, basis) = exchange_current(&mut ctx, &d.cathode, m).unwrap();
        let ea = kinetic_activation_energy(&mut ctx, &d.cathode, m, basis, T_REF).unwrap();
        assert_eq!(j0, m.si("exchange_current_density").unwrap());
        assert_eq!(ea, m.si("kinetic_activation_energy").unwrap());
        assert!(prov_of(&ctx, "cathode.exchange_current_density").contains("liquid electrolyte"));
        assert_eq!(ctx.warnings.len(), 1);
        assert!(ctx.warnings[0].contains("liquid"), "{}", ctx.warnings[0]);
    }

    /// A cathode without a solid-state value (NMC811) falls back to the liquid one
    /// with a warning; a given j₀ is used as given, without one; a stray spelling is
    /// an error naming the field.
    #[test]
    fn liquid_fallback_given_value_and_bad_spelling() {
        let db = db();
        let m = db.get("NMC811").unwrap();
        let mut ctx = Ctx::new("t.toml");
        let d = design(&[], "");
        let (j0, basis) = exchange_current(&mut ctx, &d.cathode, m).unwrap();
        let ea = kinetic_activation_energy(&mut ctx, &d.cathode, m, basis, T_REF).unwrap();
        assert_eq!(j0, m.si("exchange_current_density").unwrap());
        assert_eq!(ea, m.si("kinetic_activation_energy").unwrap());
        assert!(
            ctx.warnings[0].contains("no solid-state"),
            "{:?}",
            ctx.warnings
        );
        let d = design(&[], "exchange_current_density = \"2 A/m2\"");
        let mut ctx = Ctx::new("t.toml");
        assert_eq!(exchange_current(&mut ctx, &d.cathode, m).unwrap().0, 2.0);
        assert!(ctx.warnings.is_empty());
        let text = "[separator]\nthickness = \"30 um\"\n\n[cathode]\nmaterial = \"NMC811\"\nthickness = \"50 um\"\nkinetics = \"solid_state\"\n\n[anode]\n";
        let e = crate::schema::parse_design("t.toml", text).unwrap_err();
        assert!(
            e.to_string().contains("cathode.kinetics")
                && e.to_string().contains("did you mean 'solid-state'"),
            "{e}"
        );
        let d = design(&[], "kinetic_activation_energy = \"3 eV/m\"");
        let e = kinetic_activation_energy(
            &mut Ctx::new("t.toml"),
            &d.cathode,
            m,
            Kinetics::Liquid,
            T_REF,
        )
        .unwrap_err();
        assert_eq!(field_of(&e), "cathode.kinetic_activation_energy");
    }

    /// Away from 25 °C a missing activation energy is a warning, not silence: the
    /// solid-state LiCoO2 j₀ has none, nor has LiFePO4's diffusivity; a cited one
    /// (NMC811's diffusivity, O'Regan et al. 2022) is recorded without a warning.
    #[test]
    fn missing_activation_energies_warn_away_from_25c() {
        let db = db();
        let lco = db.get("LiCoO2").unwrap();
        let d = design(&[("material = \"NMC811\"", "material = \"LiCoO2\"")], "");
        let mut ctx = Ctx::new("t.toml");
        let (_, basis) = exchange_current(&mut ctx, &d.cathode, lco).unwrap();
        assert_eq!(basis, Kinetics::SolidState);
        let ea = kinetic_activation_energy(&mut ctx, &d.cathode, lco, basis, 333.15).unwrap();
        assert_eq!(ea, 0.0);
        assert!(
            ctx.warnings[0].contains("held at its 25 °C value at 60.0 °C"),
            "{:?}",
            ctx.warnings
        );
        let lfp = db.get("LiFePO4").unwrap();
        let f = "cathode.diffusivity_activation_energy";
        let mut ctx = Ctx::new("t.toml");
        let ea = activation_energy_or_warn(
            &mut ctx,
            f,
            &None,
            lfp,
            "diffusivity_activation_energy",
            "solid diffusivity",
            333.15,
        )
        .unwrap();
        assert_eq!(ea, 0.0);
        assert!(ctx.warnings[0].starts_with(f));
        let mut ctx = Ctx::new("t.toml");
        activation_energy_or_warn(
            &mut ctx,
            f,
            &None,
            lfp,
            "diffusivity_activation_energy",
            "solid diffusivity",
            T_REF,
        )
        .unwrap();
        assert!(ctx.warnings.is_empty());
        let nmc = db.get("NMC811").unwrap();
        let mut ctx = Ctx::new("t.toml");
        let ea = activation_energy_or_warn(
            &mut ctx,
            f,
            &None,
            nmc,
            "diffusivity_activation_energy",
            "solid diffusivity",
            333.15,
        )
        .unwrap();
        assert!(ctx.warnings.is_empty());
        assert!(matches!(ctx.prov[0].1, Provenance::Cited(_)));
        // 1449 K·k_B (PyBaMM nmc_LGM50_diffusivity_ORegan2022: E_D_s = 1449·R).
        assert!((ea / BOLTZMANN - 1449.0).abs() < 0.5, "{}", ea / BOLTZMANN);
    }
}
