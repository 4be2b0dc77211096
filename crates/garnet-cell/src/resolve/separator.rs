//! The garnet separator: thickness, ionic conductivity (given, or the knowledge base's
//! σ(T) of its garnet at the cell temperature), and its split into grain interiors and
//! grain boundaries (series brick layer, [`super::grain`]) with their capacitances.

use garnet_cite::Provenance;
use garnet_materials::physics::{arrhenius, ConductivityModel};
use garnet_materials::{ArrheniusForm, Material, MaterialDb};
use garnet_units::Dimension;

use super::context::Ctx;
use super::grain;
use super::temperature::conductivity_at;
use crate::schema::SeparatorFile;
use crate::CellError;

/// The resolved separator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Separator {
    /// Thickness L_sep (m).
    pub(crate) thickness: f64,
    /// Ionic conductivity at the cell temperature (S/m): the total, L/(R_b + R_gb).
    pub(crate) conductivity: f64,
    /// Resistance of the grain interiors per area (Ω m²); the whole L/σ when no grain
    /// boundaries are resolved.
    pub(crate) bulk_resistance: f64,
    /// Resistance of the grain boundaries per area (Ω m²); 0 when none are resolved.
    pub(crate) grain_boundary_resistance: f64,
    /// Geometric (bulk) capacitance ε₀ε_r/L (F/m²).
    pub(crate) bulk_capacitance: f64,
    /// Grain-boundary capacitance ε₀ε_r·d/(δ·L) (F/m²); 0 when none are resolved.
    pub(crate) grain_boundary_capacitance: f64,
    /// Whether ε_r is an estimate.
    pub(crate) permittivity_estimated: bool,
}

/// `[separator]` at temperature `t` (K).
pub(crate) fn separator(
    ctx: &mut Ctx,
    s: &SeparatorFile,
    db: &MaterialDb,
    t: f64,
) -> Result<Separator, CellError> {
    let thickness = ctx.q("separator.thickness", &s.thickness, Dimension::LENGTH)?;
    ctx.positive("separator.thickness", thickness)?;
    let total = electrolyte_conductivity(
        ctx,
        db,
        "separator.conductivity",
        &s.conductivity,
        &s.material,
        t,
    )?;
    let material = match &s.material {
        Some(name) => Some(
            db.get(name)
                .map_err(|e| ctx.err("separator.material", e.to_string()))?,
        ),
        None => None,
    };
    // The total's temperature law, when the knowledge base gives it (not for a given σ).
    let law = match (&s.conductivity, material) {
        (None, Some(m)) => ConductivityModel::of(m).ok(),
        _ => None,
    };
    let (eps, permittivity_estimated) = relative_permittivity(
        ctx,
        "separator.relative_permittivity",
        s.relative_permittivity,
        material,
    )?;
    let bulk_capacitance = grain::slab_capacitance(eps, thickness);
    let Some(split) = grain_boundaries(ctx, s, law.as_ref(), material, total, t)? else {
        return Ok(Separator {
            thickness,
            conductivity: total,
            bulk_resistance: thickness / total,
            grain_boundary_resistance: 0.0,
            bulk_capacitance,
            grain_boundary_capacitance: 0.0,
            permittivity_estimated,
        });
    };
    let rho =
        grain::brick_layer_resistivity(split.sigma_bulk, split.sigma_gb, split.delta, split.grain);
    let r_gb =
        thickness * grain::grain_boundary_resistivity(split.sigma_gb, split.delta, split.grain);
    Ok(Separator {
        thickness,
        conductivity: 1.0 / rho,
        bulk_resistance: thickness / split.sigma_bulk,
        grain_boundary_resistance: r_gb,
        bulk_capacitance,
        grain_boundary_capacitance: grain::grain_boundary_capacitance(
            eps,
            split.grain,
            split.delta,
            thickness,
        ),
        permittivity_estimated,
    })
}

/// A relative permittivity for `field`: given (≥ 1), else the knowledge base's
/// `relative_permittivity` of `material`, else [`grain::ESTIMATED_RELATIVE_PERMITTIVITY`]
/// (recorded as an estimate). Returns ε_r and whether it is the estimate.
pub(crate) fn relative_permittivity(
    ctx: &mut Ctx,
    field: &str,
    given: Option<f64>,
    material: Option<&Material>,
) -> Result<(f64, bool), CellError> {
    if let Some(v) = given {
        if !(v.is_finite() && v >= 1.0) {
            return Err(ctx.err(field, format!("must be at least 1, got {v}")));
        }
        ctx.prov.push((
            field.to_string(),
            Provenance::Estimated {
                reason: "given in the design file".to_string(),
            },
        ));
        return Ok((v, false));
    }
    if let Some(p) = material.and_then(|m| m.property("relative_permittivity")) {
        ctx.prov.push((field.to_string(), p.provenance.clone()));
        return Ok((p.value.representative().value, false));
    }
    ctx.prov
        .push((field.to_string(), grain::estimated_permittivity()));
    Ok((grain::ESTIMATED_RELATIVE_PERMITTIVITY, true))
}

/// The brick-layer split of the separator at the cell temperature.
struct Split {
    /// Bulk conductivity σ_b (S/m).
    sigma_bulk: f64,
    /// Specific grain-boundary conductivity σ_gb,sp (S/m).
    sigma_gb: f64,
    /// Grain size d (m).
    grain: f64,
    /// Boundary thickness δ (m).
    delta: f64,
}

/// The grain-boundary fields of `[separator]`: `None` without
/// `grain_boundary_conductivity`. The split keeps the total: at the temperature of the
/// knowledge base's record (or at the cell temperature for a given σ, or a σ without a
/// temperature law) 1/σ_b = 1/σ_total − (δ/d)/σ_gb,sp, and the bulk's activation energy
/// keeps the total's Arrhenius slope there ([`grain::bulk_activation_energy`]).
fn grain_boundaries(
    ctx: &mut Ctx,
    s: &SeparatorFile,
    law: Option<&ConductivityModel>,
    material: Option<&Material>,
    total_at_t: f64,
    t: f64,
) -> Result<Option<Split>, CellError> {
    const F_SIGMA: &str = "separator.grain_boundary_conductivity";
    const F_GRAIN: &str = "separator.grain_size";
    const F_DELTA: &str = "separator.grain_boundary_thickness";
    const F_EA: &str = "separator.grain_boundary_activation_energy";
    let Some(sigma_gb25) = ctx.given(
        F_SIGMA,
        &s.grain_boundary_conductivity,
        Dimension::CONDUCTIVITY,
    )?
    else {
        for (field, given) in [
            (F_GRAIN, s.grain_size.is_some()),
            (F_DELTA, s.grain_boundary_thickness.is_some()),
            (F_EA, s.grain_boundary_activation_energy.is_some()),
        ] {
            if given {
                return Err(ctx.err(field, format!("given without {F_SIGMA}")));
            }
        }
        return Ok(None);
    };
    ctx.positive(F_SIGMA, sigma_gb25)?;
    let grain = match &s.grain_size {
        Some(text) => ctx.q(F_GRAIN, text, Dimension::LENGTH)?,
        None => {
            return Err(ctx.err(
                F_GRAIN,
                format!("missing: the grain size that {F_SIGMA} refers to"),
            ))
        }
    };
    ctx.positive(F_GRAIN, grain)?;
    let delta = match &s.grain_boundary_thickness {
        Some(text) => ctx.q(F_DELTA, text, Dimension::LENGTH)?,
        None => {
            ctx.prov.push((
                F_DELTA.to_string(),
                Provenance::Estimated {
                    reason:
                        "1 nm, the order of a grain boundary's structural width in an oxide ceramic"
                            .to_string(),
                },
            ));
            ctx.warnings.push(format!(
                "{F_DELTA}: not given; 1 nm is used (an estimate); only δ/d enters the resistance, so give the δ that {F_SIGMA} was derived with"
            ));
            grain::ESTIMATED_GRAIN_BOUNDARY_THICKNESS
        }
    };
    ctx.positive(F_DELTA, delta)?;
    if delta >= grain {
        return Err(ctx.err(
            F_DELTA,
            format!("must be thinner than {F_GRAIN} (the brick layer needs δ ≪ d)"),
        ));
    }
    let form = law.map_or(ArrheniusForm::SigmaT, |l| l.form);
    let e_gb = match (&s.grain_boundary_activation_energy, law) {
        (Some(text), _) => ctx.energy(F_EA, text)?,
        (None, Some(l)) => {
            ctx.warnings.push(format!(
                "{F_EA}: not given; the separator garnet's activation energy is used for its grain boundaries (an estimate)"
            ));
            l.activation_energy
        }
        (None, None) => {
            return Err(ctx.err(
                F_EA,
                "missing: the separator's σ has no temperature law to take it from",
            ))
        }
    };
    let sigma_gb_at = |temp: f64| grain::gb_conductivity_at(sigma_gb25, e_gb, form, temp);
    let rho_gb_at = |temp: f64| grain::grain_boundary_resistivity(sigma_gb_at(temp), delta, grain);
    let name = material.map_or("the separator", |m| m.name.as_str());
    // The total the split must keep, and where.
    let (t0, rho_total0) = match law {
        Some(l) => (l.t_ref, 1.0 / l.sigma_ref),
        None => (t, 1.0 / total_at_t),
    };
    let share = rho_gb_at(t0) / rho_total0;
    if share >= 1.0 {
        return Err(ctx.err(
            F_SIGMA,
            format!(
                "the grain boundaries alone ({:.4e} Ω cm) exceed the total resistivity of {name} at {:.2} K ({:.4e} Ω cm): the σ it holds is a total, which includes them",
                rho_gb_at(t0) * 100.0,
                t0,
                rho_total0 * 100.0
            ),
        ));
    }
    let sigma_bulk = match law {
        Some(l) => {
            let mut e_b = grain::bulk_activation_energy(l.activation_energy, e_gb, share);
            if e_b < 0.0 {
                ctx.warnings.push(format!(
                    "{F_EA}: with this share of the grain boundaries ({:.0} %) the total's activation energy leaves none for the bulk; the bulk is taken as temperature-independent",
                    100.0 * share
                ));
                e_b = 0.0;
            }
            arrhenius(1.0 / (rho_total0 - rho_gb_at(t0)), t0, e_b, form, t)
        }
        None => 1.0 / (rho_total0 - rho_gb_at(t0)),
    };
    Ok(Some(Split {
        sigma_bulk,
        sigma_gb: sigma_gb_at(t),
        grain,
        delta,
    }))
}

/// A garnet's ionic conductivity (S/m) for `field` (`….conductivity`): given in the
/// design, else σ(t) of `material` (named by the sibling field `….material`) from the
/// knowledge base.
pub(crate) fn electrolyte_conductivity(
    ctx: &mut Ctx,
    db: &MaterialDb,
    field: &str,
    given: &Option<String>,
    material: &Option<String>,
    t: f64,
) -> Result<f64, CellError> {
    if let Some(v) = ctx.given(field, given, Dimension::CONDUCTIVITY)? {
        return ctx.positive(field, v);
    }
    let mat_field = field.replace("conductivity", "material");
    let name = material
        .clone()
        .ok_or_else(|| ctx.err(field, "give a conductivity or a garnet material"))?;
    let m = db
        .get(&name)
        .map_err(|e| ctx.err(&mat_field, e.to_string()))?;
    conductivity_at(ctx, field, m, t)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::resolve::context::testing::{db, design, field_of};
    use garnet_materials::physics::ConductivityModel;

    #[test]
    fn thirty_micron_llzto_has_the_stored_sigma() {
        let db = db();
        let model = ConductivityModel::of(db.get("LLZTO").unwrap()).unwrap();
        let d = design(&[], "");
        let mut ctx = Ctx::new("t.toml");
        // At the temperature of the record, the stored σ itself.
        let s = separator(&mut ctx, &d.separator, &db, model.t_ref).unwrap();
        assert!((s.thickness - 30e-6).abs() < 1e-18);
        assert_eq!(s.conductivity, model.sigma_ref);
        // At 25 °C, the record's σ moved by its Arrhenius law.
        let s = separator(&mut Ctx::new("t.toml"), &d.separator, &db, 298.15).unwrap();
        assert_eq!(s.conductivity, model.at(298.15));
        // σ and Eₐ cite their sources; the permittivity (none stored) is an estimate.
        let fields: Vec<&str> = ctx.prov.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            [
                "separator.conductivity",
                "separator.conductivity",
                "separator.relative_permittivity"
            ]
        );
        assert!(s.permittivity_estimated);
        // No grain-boundary data: one homogeneous layer of the total σ.
        assert_eq!(s.grain_boundary_resistance, 0.0);
        assert_eq!(s.bulk_resistance, s.thickness / s.conductivity);
    }

    #[test]
    fn a_given_conductivity_wins_and_is_recorded() {
        let d = design(
            &[(
                "thickness = \"30 um\"",
                "thickness = \"30 um\"\nconductivity = \"0.05 S/m\"",
            )],
            "",
        );
        let mut ctx = Ctx::new("t.toml");
        let s = separator(&mut ctx, &d.separator, &db(), 333.15).unwrap();
        assert_eq!(s.conductivity, 0.05);
        assert_eq!(ctx.prov.len(), 2, "σ given, ε_r estimated");
        assert_eq!(ctx.prov[0].0, "separator.conductivity");
    }

    #[test]
    fn bad_input_names_the_field() {
        let db = db();
        let cases = [
            (
                ("thickness = \"30 um\"", "thickness = \"30 um2\""),
                "separator.thickness",
            ),
            (
                ("thickness = \"30 um\"", "thickness = \"0 um\""),
                "separator.thickness",
            ),
            (
                ("material = \"LLZTO\"", "material = \"LLZXX\""),
                "separator.material",
            ),
            (("material = \"LLZTO\"\n", ""), "separator.conductivity"),
        ];
        for ((from, to), field) in cases {
            let d = design(&[(from, to)], "");
            let e = separator(&mut Ctx::new("t.toml"), &d.separator, &db, 298.15).unwrap_err();
            assert_eq!(field_of(&e), field, "{to}: {e}");
        }
        let d = design(&[("thickness = \"30 um\"", "thickness = \"30 um2\"")], "");
        let e = separator(&mut Ctx::new("t.toml"), &d.separator, &db, 298.15).unwrap_err();
        assert!(
            e.to_string().contains("length"),
            "the dimension wanted: {e}"
        );
    }

    /// A separator with grain boundaries: LLZTO, 5 µm grains, δ = 2 nm.
    fn with_grain_boundaries(extra: &str) -> crate::schema::DesignFile {
        design(
            &[(
                "thickness = \"30 um\"",
                &format!("thickness = \"30 um\"\ngrain_size = \"5 um\"\ngrain_boundary_thickness = \"2 nm\"\n{extra}"),
            )],
            "",
        )
    }

    #[test]
    fn the_split_keeps_the_stored_total_at_its_temperature() {
        // Kurian et al. 2024 §2.1: the stored LLZTO value is a total (pellet) σ; grain
        // boundaries are never added on top of it. At the record's temperature the
        // brick layer 1/σ_b + (δ/d)/σ_gb,sp must give back 1/σ_total.
        let db = db();
        let model = ConductivityModel::of(db.get("LLZTO").unwrap()).unwrap();
        let d = with_grain_boundaries(
            "grain_boundary_conductivity = \"1e-4 S/m\"\ngrain_boundary_activation_energy = \"0.45 eV\"",
        );
        let mut ctx = Ctx::new("t.toml");
        let s = separator(&mut ctx, &d.separator, &db, model.t_ref).unwrap();
        assert!(
            (s.conductivity / model.sigma_ref - 1.0).abs() < 1e-12,
            "{}",
            s.conductivity
        );
        let r_total = s.thickness / model.sigma_ref;
        assert!(((s.bulk_resistance + s.grain_boundary_resistance) / r_total - 1.0).abs() < 1e-12);
        // R_gb = L·(δ/d)/σ_gb,sp(T₀), σ_gb,sp moved from 25 °C by 0.45 eV (σ·T form).
        let ev = garnet_units::constants::ELEMENTARY_CHARGE;
        let sgb =
            garnet_materials::physics::arrhenius(1e-4, 298.15, 0.45 * ev, model.form, model.t_ref);
        let r_gb = 30e-6 * (2e-9 / 5e-6) / sgb;
        assert!((s.grain_boundary_resistance / r_gb - 1.0).abs() < 1e-12);
        // Capacitances: C_b = ε₀ε_r/L, C_gb = C_b·d/δ.
        assert!((s.grain_boundary_capacitance / s.bulk_capacitance - 5e-6 / 2e-9).abs() < 1e-6);
        assert!(ctx.warnings.is_empty(), "{:?}", ctx.warnings);
    }

    #[test]
    fn away_from_the_record_bulk_and_boundaries_follow_their_own_laws() {
        // Arrhenius ratios: R_gb(T₁)/R_gb(T₂) = σ_gb(T₂)/σ_gb(T₁) with E_gb; the bulk
        // with E_b = (E_tot − s·E_gb)/(1 − s), s the boundaries' share at T₀.
        let db = db();
        let model = ConductivityModel::of(db.get("LLZTO").unwrap()).unwrap();
        let ev = garnet_units::constants::ELEMENTARY_CHARGE;
        let d = with_grain_boundaries(
            "grain_boundary_conductivity = \"1e-4 S/m\"\ngrain_boundary_activation_energy = \"0.45 eV\"",
        );
        let at = |t: f64| separator(&mut Ctx::new("t.toml"), &d.separator, &db, t).unwrap();
        let (s0, s1) = (at(model.t_ref), at(333.15));
        let k = garnet_units::constants::BOLTZMANN;
        let ratio_gb = s1.grain_boundary_resistance / s0.grain_boundary_resistance;
        let expect_gb =
            (333.15 / model.t_ref) * (-0.45 * ev / k * (1.0 / model.t_ref - 1.0 / 333.15)).exp();
        assert!(
            (ratio_gb / expect_gb - 1.0).abs() < 1e-9,
            "{ratio_gb} vs {expect_gb}"
        );
        let share =
            s0.grain_boundary_resistance / (s0.bulk_resistance + s0.grain_boundary_resistance);
        let e_b = (model.activation_energy - share * 0.45 * ev) / (1.0 - share);
        let ratio_b = s1.bulk_resistance / s0.bulk_resistance;
        let expect_b =
            (333.15 / model.t_ref) * (-e_b / k * (1.0 / model.t_ref - 1.0 / 333.15)).exp();
        assert!(
            (ratio_b / expect_b - 1.0).abs() < 1e-9,
            "{ratio_b} vs {expect_b}"
        );
        // Both conduct better when hot, and the boundaries (higher Eₐ) gain more.
        assert!(ratio_gb < ratio_b && ratio_b < 1.0);
    }

    #[test]
    fn a_given_total_is_split_at_the_cell_temperature() {
        let d = with_grain_boundaries(
            "conductivity = \"0.05 S/m\"\ngrain_boundary_conductivity = \"1e-4 S/m\"\ngrain_boundary_activation_energy = \"0.4 eV\"",
        );
        let s = separator(&mut Ctx::new("t.toml"), &d.separator, &db(), 298.15).unwrap();
        assert!((s.conductivity / 0.05 - 1.0).abs() < 1e-12);
        assert!((s.grain_boundary_resistance - 30e-6 * 4e-4 / 1e-4).abs() < 1e-15);
    }

    #[test]
    fn grain_boundaries_that_exceed_the_total_are_an_error() {
        // (δ/d)/σ_gb,sp = 4e-4/1e-8 = 4e4 Ω m ≫ 1/σ_total of LLZTO.
        let d = with_grain_boundaries(
            "grain_boundary_conductivity = \"1e-8 S/m\"\ngrain_boundary_activation_energy = \"0.4 eV\"",
        );
        let e = separator(&mut Ctx::new("t.toml"), &d.separator, &db(), 298.15).unwrap_err();
        assert_eq!(field_of(&e), "separator.grain_boundary_conductivity");
        assert!(e.to_string().contains("total"), "{e}");
    }

    #[test]
    fn grain_boundary_fields_name_themselves() {
        let db = db();
        let cases = [
            ("grain_size = \"5 um\"", "separator.grain_size"),
            ("grain_boundary_thickness = \"1 nm\"", "separator.grain_boundary_thickness"),
            (
                "grain_boundary_conductivity = \"1e-4 S/m\"",
                "separator.grain_size",
            ),
            (
                "grain_boundary_conductivity = \"1e-4 S/m\"\ngrain_size = \"1 nm\"\ngrain_boundary_thickness = \"2 nm\"",
                "separator.grain_boundary_thickness",
            ),
            (
                "grain_boundary_conductivity = \"1e-4 S/m\"\ngrain_size = \"5 um\"\ngrain_boundary_activation_energy = \"-1 eV\"",
                "separator.grain_boundary_activation_energy",
            ),
            ("relative_permittivity = 0.5", "separator.relative_permittivity"),
        ];
        for (extra, field) in cases {
            let d = design(
                &[(
                    "thickness = \"30 um\"",
                    &format!("thickness = \"30 um\"\n{extra}"),
                )],
                "",
            );
            let e = separator(&mut Ctx::new("t.toml"), &d.separator, &db, 298.15).unwrap_err();
            assert_eq!(field_of(&e), field, "{extra}: {e}");
        }
        // δ not given: the 1 nm estimate, with a warning.
        let d = design(
            &[(
                "thickness = \"30 um\"",
                "thickness = \"30 um\"\ngrain_size = \"5 um\"\ngrain_boundary_conductivity = \"1e-4 S/m\"",
            )],
            "",
        );
        let mut ctx = Ctx::new("t.toml");
        let s = separator(&mut ctx, &d.separator, &db, 298.15).unwrap();
        assert!((s.grain_boundary_capacitance / s.bulk_capacitance - 5e-6 / 1e-9).abs() < 1e-3);
        assert_eq!(
            ctx.warnings.len(),
            2,
            "δ and E_gb estimated: {:?}",
            ctx.warnings
        );
    }
}
