//! The cathode: its material, structure (composite or thin film), volume fractions,
//! particle size, transport and kinetic data at 25 °C, thickness or loading, nominal
//! capacity, and the effective conductivities of its ionic and electronic paths.
//! The OCV curve and the stoichiometry window are in [`super::window`].

use garnet_materials::{Kind, Material, MaterialDb};
use garnet_units::Dimension;

use super::context::Ctx;
use super::separator::electrolyte_conductivity;
use crate::schema::{CathodeFile, DesignFile, Structure};
use crate::CellError;

/// The active material of `cathode.material`, which must be a cathode.
pub(crate) fn material<'a>(
    ctx: &Ctx,
    c: &CathodeFile,
    db: &'a MaterialDb,
) -> Result<&'a Material, CellError> {
    let field = "cathode.material";
    let cathode = db
        .get(&c.material)
        .map_err(|e| ctx.err(field, e.to_string()))?;
    if cathode.kind != Kind::Cathode {
        return Err(ctx.err(
            field,
            format!("{} is a {}, not a cathode", cathode.name, cathode.kind),
        ));
    }
    Ok(cathode)
}

/// Volume fractions, contact and particle size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Fractions {
    /// Active-material volume fraction.
    pub(crate) active: f64,
    /// Garnet volume fraction (0 for a thin film).
    pub(crate) electrolyte: f64,
    /// Share of the active surface touching the garnet.
    pub(crate) contact: f64,
    /// Conductive carbon/binder volume fraction (default 0).
    pub(crate) carbon: f64,
    /// Particle radius (m); `None` for a thin film (its thickness stands in).
    pub(crate) radius: Option<f64>,
}

/// The fractions and particle radius of a composite (both fractions and the radius
/// required), or of a thin film (no garnet, no particles; active fraction default 1).
pub(crate) fn fractions(
    ctx: &Ctx,
    c: &CathodeFile,
    structure: Structure,
) -> Result<Fractions, CellError> {
    let thin_film = structure == Structure::ThinFilm;
    let (eps_active, eps_electrolyte) = if thin_film {
        if c.electrolyte_fraction.is_some_and(|v| v != 0.0) || c.particle_radius.is_some() {
            return Err(ctx.err(
                "cathode.structure",
                "a thin-film cathode has no particles or garnet fraction: remove particle_radius and electrolyte_fraction",
            ));
        }
        (
            ctx.fraction("cathode.active_fraction", c.active_fraction.unwrap_or(1.0))?,
            0.0,
        )
    } else {
        let a = c.active_fraction.ok_or_else(|| {
            ctx.err(
                "cathode.active_fraction",
                "missing (volume fraction of active material)",
            )
        })?;
        let e = c.electrolyte_fraction.ok_or_else(|| {
            ctx.err(
                "cathode.electrolyte_fraction",
                "missing (volume fraction of garnet)",
            )
        })?;
        (
            ctx.fraction("cathode.active_fraction", a)?,
            ctx.fraction("cathode.electrolyte_fraction", e)?,
        )
    };
    if eps_active <= 0.0 {
        return Err(ctx.err("cathode.active_fraction", "must be above 0"));
    }
    if !thin_film && eps_electrolyte <= 0.0 {
        return Err(ctx.err(
            "cathode.electrolyte_fraction",
            "must be above 0 (the garnet network carries the ions)",
        ));
    }
    if eps_active + eps_electrolyte > 1.0 + 1e-12 {
        return Err(ctx.err(
            "cathode.active_fraction",
            format!(
                "active_fraction + electrolyte_fraction = {:.4} exceeds 1",
                eps_active + eps_electrolyte
            ),
        ));
    }
    let carbon = ctx.fraction("cathode.carbon_fraction", c.carbon_fraction.unwrap_or(0.0))?;
    if carbon > 0.0 && eps_active + eps_electrolyte + carbon > 1.0 + 1e-12 {
        return Err(ctx.err(
            "cathode.carbon_fraction",
            format!(
                "active_fraction + electrolyte_fraction + carbon_fraction = {:.4} exceeds 1",
                eps_active + eps_electrolyte + carbon
            ),
        ));
    }
    let contact = c.contact_fraction.unwrap_or(1.0);
    if !(contact > 0.0 && contact <= 1.0) {
        return Err(ctx.err(
            "cathode.contact_fraction",
            format!("{contact}: expected a share of the surface in (0, 1]"),
        ));
    }
    let radius = match (&c.particle_radius, thin_film) {
        (Some(r), false) => {
            let v = ctx.q("cathode.particle_radius", r, Dimension::LENGTH)?;
            Some(ctx.positive("cathode.particle_radius", v)?)
        }
        (None, false) => {
            return Err(ctx.err("cathode.particle_radius", "missing (composite cathode)"))
        }
        (_, true) => None,
    };
    Ok(Fractions {
        active: eps_active,
        electrolyte: eps_electrolyte,
        contact,
        carbon,
        radius,
    })
}

/// Transport and kinetic data at 25 °C, each given or from the knowledge base.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rates {
    /// Maximum Li concentration (mol/m³).
    pub(crate) c_max: f64,
    /// Solid diffusivity at 25 °C (m²/s).
    pub(crate) diffusivity: f64,
    /// Exchange-current density at x = ½ and 25 °C (A/m²).
    pub(crate) j0: f64,
    /// Activation energy of the diffusivity (J per particle).
    pub(crate) ea_diffusivity: f64,
    /// Activation energy of the exchange-current density (J per particle).
    pub(crate) ea_kinetic: f64,
}

/// c_max, D and j₀ at 25 °C and their activation energies, for a cell at `t` (K).
/// j₀ and its Eₐ follow `cathode.kinetics` ([`super::kinetics`]: solid-state
/// measurements by default, liquid-electrolyte values labelled and warned about); a
/// missing Eₐ holds its property at the 25 °C value, with a warning away from 25 °C.
pub(crate) fn rates(
    ctx: &mut Ctx,
    c: &CathodeFile,
    m: &Material,
    t: f64,
) -> Result<Rates, CellError> {
    let c_max = ctx.value_or_kb(
        "cathode.max_concentration",
        &c.max_concentration,
        Dimension::CONCENTRATION,
        m,
        "max_li_concentration",
    )?;
    let diffusivity = ctx.value_or_kb(
        "cathode.diffusivity",
        &c.diffusivity,
        Dimension::DIFFUSIVITY,
        m,
        "solid_diffusivity",
    )?;
    let (j0, basis) = super::kinetics::exchange_current(ctx, c, m)?;
    let ea_diffusivity = super::kinetics::activation_energy_or_warn(
        ctx,
        "cathode.diffusivity_activation_energy",
        &c.diffusivity_activation_energy,
        m,
        "diffusivity_activation_energy",
        "solid diffusivity",
        t,
    )?;
    let ea_kinetic = super::kinetics::kinetic_activation_energy(ctx, c, m, basis, t)?;
    Ok(Rates {
        c_max,
        diffusivity,
        j0,
        ea_diffusivity,
        ea_kinetic,
    })
}

/// Double-layer capacitance per particle surface (F/m²), default 0.
pub(crate) fn double_layer(ctx: &Ctx, c: &CathodeFile) -> Result<f64, CellError> {
    let c_dl = match &c.double_layer_capacitance {
        Some(t) => ctx.q(
            "cathode.double_layer_capacitance",
            t,
            Dimension::CAPACITANCE.mul(Dimension::AREA.inv()),
        )?,
        None => 0.0,
    };
    if c_dl < 0.0 {
        return Err(ctx.err("cathode.double_layer_capacitance", "must not be negative"));
    }
    Ok(c_dl)
}

/// How much cathode there is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Size {
    /// Thickness (m).
    pub(crate) thickness: f64,
    /// Active mass (kg; 0 when the density is unknown).
    pub(crate) active_mass: f64,
    /// Capacity that defines 1C (C).
    pub(crate) nominal_capacity: f64,
}

/// Thickness (given, or loading/(ρ·ε)), active mass ρ·ε·L·A, and the nominal capacity
/// (given, or practical capacity × active mass).
pub(crate) fn size(
    ctx: &mut Ctx,
    d: &DesignFile,
    m: &Material,
    eps_active: f64,
    area: f64,
) -> Result<Size, CellError> {
    let c = &d.cathode;
    let density = ctx.value_or_kb(
        "cathode.density",
        &c.density,
        Dimension::DENSITY,
        m,
        "density",
    );
    let l_cat = match (&c.thickness, &c.loading) {
        (Some(t), None) => {
            let l = ctx.q("cathode.thickness", t, Dimension::LENGTH)?;
            ctx.positive("cathode.thickness", l)?
        }
        (None, Some(text)) => {
            let loading = ctx.q("cathode.loading", text, Dimension::AREAL_MASS)?;
            ctx.positive("cathode.loading", loading)?;
            let rho = density.clone()?;
            loading / (rho * eps_active)
        }
        (Some(_), Some(_)) => {
            return Err(ctx.err("cathode.thickness", "give thickness or loading, not both"))
        }
        (None, None) => {
            return Err(ctx.err(
                "cathode.thickness",
                "missing: give cathode.thickness or cathode.loading",
            ))
        }
    };
    let active_mass = density
        .as_ref()
        .map_or(0.0, |rho| rho * eps_active * l_cat * area);
    let nominal_capacity = match &d.nominal_capacity {
        Some(q) => {
            let v = ctx.q("nominal_capacity", q, Dimension::CHARGE)?;
            ctx.positive("nominal_capacity", v)?
        }
        None => {
            let q = ctx.value_or_kb(
                "cathode.practical_capacity",
                &c.practical_capacity,
                Dimension::SPECIFIC_CAPACITY,
                m,
                "practical_capacity",
            )?;
            let rho = density.map_err(|_| ctx.err("nominal_capacity", "not given, and the cathode density is unknown: give nominal_capacity or cathode.density"))?;
            q * rho * eps_active * l_cat * area
        }
    };
    Ok(Size {
        thickness: l_cat,
        active_mass,
        nominal_capacity,
    })
}

/// Effective conductivities of the composite (S/m).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Conductivities {
    /// Ionic σ_e,eff (∞ for a thin film).
    pub(crate) sigma_e_eff: f64,
    /// Electronic σ_s,eff at the initial stoichiometry.
    pub(crate) sigma_s_eff: f64,
    /// (stoichiometry, σ_s,eff) points of a state-of-charge-dependent σ_s,eff; empty
    /// when it is constant.
    pub(crate) sigma_s_eff_table: Vec<(f64, f64)>,
}

/// Effective conductivities of the composite (S/m): ionic σ_e,eff and electronic
/// σ_s,eff.
///
/// Bruggeman: σ_eff = σ·ε^b for each percolating phase: σ_e,eff = σ_e·ε_e^b for the
/// garnet, σ_s,eff = σ_s·(ε_am + ε_carbon)^b_s for the electron-conducting solid
/// (active material and `carbon_fraction`; pores and garnet do not conduct
/// electrons). PyBaMM scales by (1 − porosity)^b, counting every non-electrolyte
/// volume: a design gets PyBaMM's value with ε_carbon = 1 − ε_am − ε_e. σ_s at the cell
/// temperature and state of charge is [`super::electronic::electronic`]'s. A dense thin
/// film has no ionic path inside it (σ_e → ∞ removes the composite terms) and all the
/// current crosses the whole film electronically; the model puts the single volume's
/// reaction at its centre (drop ½·L·I/σ_s,eff), so σ_s,eff = σ·ε^b/2 gives the
/// film's full drop L·I/σ.
#[allow(clippy::too_many_arguments)]
pub(crate) fn conductivities(
    ctx: &mut Ctx,
    c: &CathodeFile,
    m: &Material,
    db: &MaterialDb,
    structure: Structure,
    fractions: &Fractions,
    separator_material: &Option<String>,
    t: f64,
    x_init: f64,
) -> Result<Conductivities, CellError> {
    let thin_film = structure == Structure::ThinFilm;
    let (eps_active, eps_electrolyte) = (fractions.active, fractions.electrolyte);
    let cat_garnet = c
        .electrolyte_material
        .clone()
        .or(separator_material.clone());
    let sigma_e = if thin_film {
        f64::INFINITY
    } else {
        electrolyte_conductivity(
            ctx,
            db,
            "cathode.electrolyte_conductivity",
            &c.electrolyte_conductivity,
            &cat_garnet,
            t,
        )?
    };
    let b = c.bruggeman.unwrap_or(1.5);
    if !(0.0..=10.0).contains(&b) {
        return Err(ctx.err(
            "cathode.bruggeman",
            format!("{b} is not a plausible exponent (0–10)"),
        ));
    }
    let electronic = super::electronic::electronic(ctx, c, m, t, x_init)?;
    let b_s = c.electronic_bruggeman.unwrap_or(b);
    let solid = (eps_active + fractions.carbon).powf(b_s);
    let scale = if thin_film { 0.5 * solid } else { solid };
    Ok(Conductivities {
        sigma_e_eff: if thin_film {
            f64::INFINITY
        } else {
            sigma_e * eps_electrolyte.powf(b)
        },
        sigma_s_eff: electronic.sigma * scale,
        sigma_s_eff_table: electronic
            .table
            .iter()
            .map(|&(x, s)| (x, s * scale))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::resolve::context::testing::{db, design, field_of};

    #[test]
    fn composite_fractions_and_radius_as_given() {
        let d = design(&[], "contact_fraction = 0.8");
        let f = fractions(&Ctx::new("t.toml"), &d.cathode, Structure::Composite).unwrap();
        assert_eq!((f.active, f.electrolyte, f.contact), (0.6, 0.3, 0.8));
        assert!((f.radius.unwrap() - 2.5e-6).abs() < 1e-18);
    }

    #[test]
    fn thin_film_is_all_active_without_particles() {
        let d = design(
            &[
                ("active_fraction = 0.6\n", ""),
                ("electrolyte_fraction = 0.3\n", ""),
                ("particle_radius = \"2.5 um\"\n", ""),
            ],
            "",
        );
        let f = fractions(&Ctx::new("t.toml"), &d.cathode, Structure::ThinFilm).unwrap();
        assert_eq!((f.active, f.electrolyte, f.radius), (1.0, 0.0, None));
        // The same file as a composite lacks its fractions.
        let e = fractions(&Ctx::new("t.toml"), &d.cathode, Structure::Composite).unwrap_err();
        assert_eq!(field_of(&e), "cathode.active_fraction");
    }

    /// Replacements in the base design, extra `[cathode]` lines, the structure, and
    /// the field the error must name.
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, Structure, &'a str);

    #[test]
    fn bad_fractions_name_the_field() {
        let cases: [Case; 6] = [
            (
                &[("active_fraction = 0.6", "active_fraction = 0.8")],
                "",
                Structure::Composite,
                "cathode.active_fraction",
            ),
            (
                &[("electrolyte_fraction = 0.3", "electrolyte_fraction = 0.0")],
                "",
                Structure::Composite,
                "cathode.electrolyte_fraction",
            ),
            (
                &[("particle_radius = \"2.5 um\"\n", "")],
                "",
                Structure::Composite,
                "cathode.particle_radius",
            ),
            (
                &[(
                    "particle_radius = \"2.5 um\"",
                    "particle_radius = \"2.5 um2\"",
                )],
                "",
                Structure::Composite,
                "cathode.particle_radius",
            ),
            (
                &[],
                "contact_fraction = 0.0",
                Structure::Composite,
                "cathode.contact_fraction",
            ),
            (&[], "", Structure::ThinFilm, "cathode.structure"),
        ];
        for (replace, extra, structure, field) in cases {
            let d = design(replace, extra);
            let e = fractions(&Ctx::new("t.toml"), &d.cathode, structure).unwrap_err();
            assert_eq!(field_of(&e), field, "{replace:?} {extra}: {e}");
        }
    }

    #[test]
    fn rates_from_the_knowledge_base_or_the_design() {
        let db = db();
        let m = db.get("NMC811").unwrap();
        let d = design(&[], "");
        let mut ctx = Ctx::new("t.toml");
        let r = rates(&mut ctx, &d.cathode, m, 298.15).unwrap();
        assert_eq!(r.c_max, m.si("max_li_concentration").unwrap());
        assert_eq!(r.diffusivity, m.si("solid_diffusivity").unwrap());
        // NMC811 has no solid-state j₀ in the knowledge base: the liquid one.
        assert_eq!(r.j0, m.si("exchange_current_density").unwrap());
        let d = design(
            &[],
            "diffusivity = \"1e-14 m2/s\"\nkinetic_activation_energy = \"30 kJ/mol\"",
        );
        let r = rates(&mut Ctx::new("t.toml"), &d.cathode, m, 298.15).unwrap();
        assert_eq!(r.diffusivity, 1e-14);
        assert_eq!(r.ea_kinetic, 30_000.0 / garnet_units::constants::AVOGADRO);
        let d = design(&[], "diffusivity = \"1e-14 m2\"");
        let e = rates(&mut Ctx::new("t.toml"), &d.cathode, m, 298.15).unwrap_err();
        assert_eq!(field_of(&e), "cathode.diffusivity");
        let d = design(&[], "kinetic_activation_energy = \"30 kJ/m\"");
        let e = rates(&mut Ctx::new("t.toml"), &d.cathode, m, 298.15).unwrap_err();
        assert_eq!(field_of(&e), "cathode.kinetic_activation_energy");
    }

    #[test]
    fn size_from_thickness_or_loading() {
        let db = db();
        let m = db.get("NMC811").unwrap();
        let rho = m.si("density").unwrap();
        let d = design(&[("name = \"unit\"", "nominal_capacity = \"2 mAh\"")], "");
        let s = size(&mut Ctx::new("t.toml"), &d, m, 0.6, 1e-4).unwrap();
        assert!((s.thickness - 50e-6).abs() < 1e-18);
        assert_eq!(s.active_mass, rho * 0.6 * s.thickness * 1e-4);
        assert!((s.nominal_capacity - 7.2).abs() < 1e-12);
        // 10 mg/cm² = 0.1 kg/m² of active material: L = loading/(ρ·ε).
        let d = design(&[("thickness = \"50 um\"", "loading = \"10 mg/cm2\"")], "");
        let s = size(&mut Ctx::new("t.toml"), &d, m, 0.6, 1e-4).unwrap();
        assert!((s.thickness - 0.1 / (rho * 0.6)).abs() < 1e-12 * s.thickness);
        for to in [
            "",
            "thickness = \"50 um\"\nloading = \"1 mg/cm2\"",
            "thickness = \"50 mg\"",
        ] {
            let d = design(&[("thickness = \"50 um\"", to)], "");
            let e = size(&mut Ctx::new("t.toml"), &d, m, 0.6, 1e-4).unwrap_err();
            assert_eq!(field_of(&e), "cathode.thickness", "{to}: {e}");
        }
    }

    #[test]
    fn composite_conductivities_by_bruggeman() {
        let db = db();
        let m = db.get("NMC811").unwrap();
        let d = design(
            &[],
            "electrolyte_conductivity = \"0.1 S/m\"\nelectronic_conductivity = \"10 S/m\"\nbruggeman = 2.0",
        );
        let f = fractions(&Ctx::new("t.toml"), &d.cathode, Structure::Composite).unwrap();
        let k = conductivities(
            &mut Ctx::new("t.toml"),
            &d.cathode,
            m,
            &db,
            Structure::Composite,
            &f,
            &d.separator.material,
            298.15,
            0.5,
        )
        .unwrap();
        assert_eq!(k.sigma_e_eff, 0.1 * 0.3_f64.powf(2.0));
        // Electrons use the active material only (no carbon): 0.6^b, not (1 − 0.3)^b.
        assert_eq!(k.sigma_s_eff, 10.0 * 0.6_f64.powf(2.0));
        let d = design(&[], "bruggeman = 11.0");
        let e = conductivities(
            &mut Ctx::new("t.toml"),
            &d.cathode,
            m,
            &db,
            Structure::Composite,
            &f,
            &d.separator.material,
            298.15,
            0.5,
        )
        .unwrap_err();
        assert_eq!(field_of(&e), "cathode.bruggeman");
    }

    #[test]
    fn material_must_be_a_cathode() {
        let db = db();
        let d = design(&[], "");
        assert_eq!(
            material(&Ctx::new("t.toml"), &d.cathode, &db).unwrap().name,
            db.get("NMC811").unwrap().name
        );
        let d = design(&[("material = \"NMC811\"", "material = \"LLZTO\"")], "");
        let e = material(&Ctx::new("t.toml"), &d.cathode, &db).unwrap_err();
        assert_eq!(field_of(&e), "cathode.material");
        assert!(e.to_string().contains("not a cathode"), "{e}");
    }
}
