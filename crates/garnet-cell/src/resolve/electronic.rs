//! The electronic path of the cathode: the conductivity of the electron-conducting
//! solid, its temperature law and, where the knowledge base has one, its dependence on
//! the state of charge.
//!
//! * Volume: electrons move through the active material and the conductive carbon /
//!   binder, σ_s,eff = σ_s·(ε_am + ε_carbon)^b_s (Bruggeman). Pores and the garnet do
//!   not conduct electrons (LLZO: 10⁻¹²–10⁻⁹ S/cm, Kurian et al. 2024 §2.1). PyBaMM
//!   instead scales the electrode conductivity by (1 − porosity)^b, i.e. it counts
//!   every non-electrolyte volume; a design reproduces that with
//!   `carbon_fraction = 1 − active_fraction − electrolyte_fraction`.
//! * Temperature: σ_s(T) = σ_s(25 °C)·exp(−Eₐ/k_B·(1/T − 1/T_ref)) with Eₐ from
//!   `cathode.electronic_activation_energy` or the knowledge base's
//!   `electronic_activation_energy` (small-polaron / semiconducting conduction, e.g.
//!   0.12 eV for sputtered LiCoO₂ films, Wei, Haas & Goldner 1992). A material without
//!   one keeps its 25 °C value, and a warning says so whenever T ≠ 25 °C.
//! * State of charge: a material whose knowledge-base record holds the two-point table
//!   σ_s(x = 1) = `electronic_conductivity` and σ_s(x_c) =
//!   `electronic_conductivity_charged` at x_c =
//!   `electronic_conductivity_charged_stoichiometry` (NMC111 and NMC532 from Amin &
//!   Chiang 2016) gets σ_s(x) interpolated linearly in ln σ between the points and held
//!   constant outside them. A design that gives `cathode.electronic_conductivity` keeps
//!   that constant value.

use garnet_materials::Material;
use garnet_units::Dimension;

use super::context::Ctx;
use super::temperature::{at_temperature, T_REF};
use crate::schema::CathodeFile;
use crate::CellError;

/// The electronic conductivity of the cathode's solid phase, before the Bruggeman
/// factor, at the cell temperature.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Electronic {
    /// σ_s at the initial stoichiometry (S/m).
    pub(crate) sigma: f64,
    /// (stoichiometry, σ_s) points, increasing in x, of a state-of-charge-dependent σ_s
    /// (S/m); empty when σ_s is constant.
    pub(crate) table: Vec<(f64, f64)>,
}

/// σ_s(x) from a table of (x, σ) points, increasing in x: ln σ linear in x between
/// points, constant beyond the ends; `None` for an empty table.
pub(crate) fn log_interpolate(table: &[(f64, f64)], x: f64) -> Option<f64> {
    let (first, last) = (table.first()?, table.last()?);
    if x <= first.0 {
        return Some(first.1);
    }
    if x >= last.0 {
        return Some(last.1);
    }
    table.windows(2).find_map(|w| {
        let ((x0, s0), (x1, s1)) = (w[0], w[1]);
        (x >= x0 && x <= x1).then(|| {
            let t = (x - x0) / (x1 - x0);
            (s0.ln() + t * (s1.ln() - s0.ln())).exp()
        })
    })
}

/// σ_s of the cathode's solid at temperature `t` (K) and initial stoichiometry
/// `x_init`, with its provenance and, for the knowledge-base table, the table.
pub(crate) fn electronic(
    ctx: &mut Ctx,
    c: &CathodeFile,
    m: &Material,
    t: f64,
    x_init: f64,
) -> Result<Electronic, CellError> {
    let field = "cathode.electronic_conductivity";
    let (sigma_25, table_25) = match &c.electronic_conductivity {
        Some(text) => {
            let v = ctx.q(field, text, Dimension::CONDUCTIVITY)?;
            (ctx.positive(field, v)?, Vec::new())
        }
        None => {
            let s1 = ctx.value_or_kb(
                field,
                &None,
                Dimension::CONDUCTIVITY,
                m,
                "electronic_conductivity",
            )?;
            match (
                m.property("electronic_conductivity_charged"),
                m.si("electronic_conductivity_charged_stoichiometry"),
            ) {
                (Some(p), Some(xc)) if xc > 0.0 && xc < 1.0 => {
                    ctx.prov.push((field.to_string(), p.provenance.clone()));
                    let sc = ctx.positive(field, p.value.representative().value)?;
                    let table = vec![(xc, sc), (1.0, s1)];
                    let at_init = log_interpolate(&table, x_init).unwrap_or(s1);
                    (at_init, table)
                }
                _ => (s1, Vec::new()),
            }
        }
    };
    let ea_field = "cathode.electronic_activation_energy";
    let ea = ctx.activation_energy(
        ea_field,
        &c.electronic_activation_energy,
        m,
        "electronic_activation_energy",
    )?;
    if c.electronic_activation_energy.is_none() {
        if let Some(p) = m.property("electronic_activation_energy") {
            ctx.prov.push((ea_field.to_string(), p.provenance.clone()));
        }
    }
    if ea == 0.0 && (t - T_REF).abs() > 1e-9 {
        ctx.warnings.push(format!(
            "{field}: {} has no activation energy of its electronic conductivity (give {ea_field}); its 25 °C value is used at {:.1} °C",
            m.name,
            t - garnet_units::constants::ZERO_CELSIUS
        ));
    }
    Ok(Electronic {
        sigma: at_temperature(sigma_25, ea, t),
        table: table_25
            .into_iter()
            .map(|(x, s)| (x, at_temperature(s, ea, t)))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::resolve::context::testing::{db, design};

    #[test]
    fn log_interpolation_is_linear_in_ln_sigma() {
        // Two decades over Δx = 0.5: halfway is one decade, closed form 10^(−5+1).
        let table = [(0.5, 1e-3), (1.0, 1e-5)];
        let mid = log_interpolate(&table, 0.75).unwrap();
        assert!((mid / 1e-4 - 1.0).abs() < 1e-12, "{mid}");
        assert_eq!(log_interpolate(&table, 0.2), Some(1e-3));
        assert_eq!(log_interpolate(&table, 1.0), Some(1e-5));
        assert_eq!(log_interpolate(&[], 0.5), None);
    }

    #[test]
    fn electronic_conductivity_follows_its_activation_energy() {
        let db = db();
        let m = db.get("NMC811").unwrap();
        // 0.12 eV from 25 °C to 80 °C: exp(0.12/k_B·(1/298.15 − 1/353.15)).
        let d = design(
            &[],
            "electronic_conductivity = \"1 S/m\"\nelectronic_activation_energy = \"0.12 eV\"",
        );
        let mut ctx = Ctx::new("t.toml");
        let e = electronic(&mut ctx, &d.cathode, m, 353.15, 0.5).unwrap();
        let by_hand = (0.12 / 8.617_333_262e-5 * (1.0 / 298.15 - 1.0 / 353.15_f64)).exp();
        assert!((e.sigma - by_hand).abs() < 1e-9 * by_hand, "{}", e.sigma);
        assert!(e.table.is_empty());
        assert!(ctx.warnings.is_empty());
        // Without an activation energy the value stays, and a warning says so.
        let d = design(&[], "electronic_conductivity = \"1 S/m\"");
        let mut ctx = Ctx::new("t.toml");
        let e = electronic(&mut ctx, &d.cathode, m, 353.15, 0.5).unwrap();
        assert_eq!(e.sigma, 1.0);
        assert!(ctx
            .warnings
            .iter()
            .any(|w| w.contains("no activation energy")));
        // At 25 °C there is nothing to warn about.
        let mut ctx = Ctx::new("t.toml");
        electronic(&mut ctx, &d.cathode, m, T_REF, 0.5).unwrap();
        assert!(ctx.warnings.is_empty());
    }
}
