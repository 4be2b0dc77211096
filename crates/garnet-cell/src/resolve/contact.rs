//! The cathode|garnet contact beyond its area: the connected share of the active
//! material (percolation, [`crate::percolation`]) and the constriction resistance of
//! a partial contact ([`crate::contact`]). Fields `cathode.connected_fraction`,
//! `cathode.electrolyte_particle_radius` and `cathode.contact_spot_radius`.

use garnet_cite::{Citation, Provenance};
use garnet_materials::ocv::OcvCurve;
use garnet_units::Dimension;

use super::cathode::Fractions;
use super::context::Ctx;
use crate::contact::{chemical_resistivity, constriction_per_contact_area};
use crate::percolation::{connectivity, coordination};
use crate::schema::CathodeFile;
use crate::CellError;

/// What the contact adds to the cathode.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Contact {
    /// Share of the active material that reacts (ionically and electronically
    /// connected), 0 < χ ≤ 1.
    pub(crate) connected_fraction: f64,
    /// Radius of the contact spots (m).
    pub(crate) spot_radius: f64,
    /// Constriction resistance per contact area (Ω m²), in series with the kinetics.
    pub(crate) constriction: f64,
}

/// The inputs from the other resolvers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ContactInputs<'a> {
    /// Thin film instead of a composite.
    pub(crate) thin_film: bool,
    /// Volume fractions, contact fraction and particle radius.
    pub(crate) fractions: &'a Fractions,
    /// Particle radius, or the film thickness of a thin film (m).
    pub(crate) radius: f64,
    /// Ionic resistivity of the garnet the spots open into, at the cell temperature
    /// (Ω m): the composite's garnet, or the separator under a thin film.
    pub(crate) rho_garnet: f64,
    /// The OCV curve and the stoichiometry window (charged, discharged).
    pub(crate) ocv: &'a OcvCurve,
    /// Stoichiometries at the charged and discharged ends of the window.
    pub(crate) window: (f64, f64),
    /// Maximum Li concentration (mol/m³).
    pub(crate) c_max: f64,
    /// Solid (chemical) diffusivity at the cell temperature (m²/s).
    pub(crate) diffusivity: f64,
}

/// The connected share, the spot radius and the constriction resistance.
///
/// * χ: `cathode.connected_fraction` if given; 1 for a thin film; else
///   [`connectivity`] of the composite (Bouvard & Lange 1991 percolation), with the
///   garnet radius `cathode.electrolyte_particle_radius` (default: the active radius).
///   A composite with no connected active material is an error naming the fraction
///   that is below its threshold.
/// * a: `cathode.contact_spot_radius` if given; else, for a composite, each bonded
///   garnet neighbour is one spot and the f·Z_AE spots share the contact area
///   f·4πR², so π·a² = 4πR²/Z_AE, a = min(R, 2R/√Z_AE) (an estimate; capped at the
///   particle radius); for a thin film the film thickness (an estimate).
/// * R_c = (ρ_garnet + ρ_particle)·π·a·ψ(√f)/4 per contact area (Cooper, Mikic &
///   Yovanovich 1969), with ρ_particle = |dU/dc|/(F·D̃) the Li-transport resistivity
///   of the active material ([`chemical_resistivity`]), dU/dc = (dU/dx)/c_max at the
///   middle of the window. The particle side is the quasi-steady limit (times
///   ≫ a²/D̃); it overstates the constriction of a short pulse.
pub(crate) fn contact(
    ctx: &mut Ctx,
    c: &CathodeFile,
    inp: &ContactInputs,
) -> Result<Contact, CellError> {
    let f = inp.fractions;
    let r_garnet = match &c.electrolyte_particle_radius {
        Some(t) => {
            let field = "cathode.electrolyte_particle_radius";
            if inp.thin_film {
                return Err(ctx.err(field, "a thin-film cathode has no garnet particles"));
            }
            let v = ctx.q(field, t, Dimension::LENGTH)?;
            let v = ctx.positive(field, v)?;
            ctx.prov.push((field.to_string(), given()));
            v
        }
        None => inp.radius,
    };
    let coord = coordination(
        share(f.active, f.electrolyte),
        inp.radius,
        r_garnet.max(f64::MIN_POSITIVE),
    );
    let connected_fraction = connected(ctx, c, inp, r_garnet)?;

    // Spot radius.
    let field = "cathode.contact_spot_radius";
    let spot_radius = match &c.contact_spot_radius {
        Some(t) => {
            let v = ctx.q(field, t, Dimension::LENGTH)?;
            let v = ctx.positive(field, v)?;
            ctx.prov.push((field.to_string(), given()));
            v
        }
        None => {
            let (a, why) = if inp.thin_film {
                (
                    inp.radius,
                    "the film thickness (contact patches as wide as the film is thick)".to_string(),
                )
            } else {
                let z = coord.active_garnet;
                let a = if z > 4.0 {
                    2.0 * inp.radius / z.sqrt()
                } else {
                    inp.radius
                };
                (
                    a,
                    format!(
                        "one spot per bonded garnet neighbour: π·a² = 4πR²/Z_AE with Z_AE = {z:.2} (random packing), capped at the particle radius"
                    ),
                )
            };
            if f.contact < 1.0 {
                ctx.warnings.push(format!(
                    "{field} not given: estimated as {:.3} µm ({why}); the constriction resistance of the partial contact (contact fraction {}) is proportional to it",
                    a * 1e6,
                    f.contact
                ));
            }
            ctx.prov.push((
                field.to_string(),
                Provenance::Estimated {
                    reason: format!("{why}; not measured"),
                },
            ));
            a
        }
    };

    let (x_charged, x_discharged) = inp.window;
    let du_dx = inp.ocv.dvoltage_dx(0.5 * (x_charged + x_discharged));
    let rho_particle = chemical_resistivity(du_dx / inp.c_max, inp.diffusivity);
    let constriction = if f.contact < 1.0 {
        constriction_per_contact_area(inp.rho_garnet, rho_particle, spot_radius, f.contact)
    } else {
        0.0
    };
    if !constriction.is_finite() {
        return Err(ctx.err(
            field,
            format!(
                "the constriction resistance is not finite (garnet resistivity {:.3e} Ω m, particle {:.3e} Ω m)",
                inp.rho_garnet, rho_particle
            ),
        ));
    }
    Ok(Contact {
        connected_fraction,
        spot_radius,
        constriction,
    })
}

/// Solid-volume share of the active material.
fn share(active: f64, electrolyte: f64) -> f64 {
    if active + electrolyte > 0.0 {
        active / (active + electrolyte)
    } else {
        0.0
    }
}

fn given() -> Provenance {
    Provenance::Estimated {
        reason: "given in the design file".to_string(),
    }
}

/// χ: given, 1 for a thin film, or from the percolation of the composite.
fn connected(
    ctx: &mut Ctx,
    c: &CathodeFile,
    inp: &ContactInputs,
    r_garnet: f64,
) -> Result<f64, CellError> {
    let field = "cathode.connected_fraction";
    if let Some(v) = c.connected_fraction {
        if !(v > 0.0 && v <= 1.0) {
            return Err(ctx.err(
                field,
                format!("{v}: expected the connected share of the active material in (0, 1]"),
            ));
        }
        ctx.prov.push((field.to_string(), given()));
        return Ok(v);
    }
    if inp.thin_film {
        // A dense film on the garnet: one piece, touching the garnet and the collector.
        return Ok(1.0);
    }
    let f = inp.fractions;
    let k = connectivity(f.active, f.electrolyte, inp.radius, r_garnet, f.contact);
    let solid = share(f.active, f.electrolyte);
    if k.electronic <= 0.0 {
        return Err(ctx.err(
            "cathode.active_fraction",
            format!(
                "the active particles ({:.0} % of the solid) are below the percolation threshold of a random packing (Z_AA = {:.2} < 1.764): no electronic path reaches them; raise the active fraction or set {field}",
                100.0 * solid,
                k.coordination.active_active
            ),
        ));
    }
    if k.connected <= 0.0 {
        return Err(ctx.err(
            "cathode.electrolyte_fraction",
            format!(
                "the garnet ({:.0} % of the solid) is below the percolation threshold of a random packing (Z_EE = {:.2} < 1.764): no ionic path reaches the active material; raise the garnet fraction or set {field}",
                100.0 * (1.0 - solid),
                k.coordination.garnet_garnet
            ),
        ));
    }
    ctx.prov.push((
        field.to_string(),
        Provenance::Computed {
            method: format!(
                "percolation of a random binary packing: χ = P_A·[1 − (1 − P_E)^(f·Z_AE)] with P_A = {:.3}, P_E = {:.3}, f·Z_AE = {:.2}",
                k.electronic,
                k.garnet,
                f.contact * k.coordination.active_garnet
            ),
            inputs: vec![
                Citation::new("bouvard1991", None),
                Citation::new("hosokawa2007", Some("§4.4, eq. 4.4.1 and p. 232")),
            ],
        },
    ));
    if k.connected < 1.0 {
        ctx.warnings.push(format!(
            "{:.1} % of the active material is connected to both the garnet and the electronic network (random-packing percolation, an estimate for a co-sintered composite; it ignores carbon additives): the capacity scales with it; set {field} to override",
            100.0 * k.connected
        ));
    }
    Ok(k.connected)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::resolve::cathode::fractions;
    use crate::resolve::context::testing::{db, design, field_of};
    use crate::schema::Structure;

    fn inputs<'a>(fr: &'a Fractions, ocv: &'a OcvCurve, thin_film: bool) -> ContactInputs<'a> {
        ContactInputs {
            thin_film,
            fractions: fr,
            radius: fr.radius.unwrap_or(1e-6),
            rho_garnet: 20.0,
            ocv,
            window: (0.3, 0.9),
            c_max: 50_000.0,
            diffusivity: 1e-14,
        }
    }

    fn ocv() -> OcvCurve {
        let db = db();
        let m = db.get("NMC811").unwrap();
        OcvCurve::ALL
            .iter()
            .find(|o| db.get(o.material()).is_ok_and(|k| k.name == m.name))
            .cloned()
            .unwrap()
    }

    #[test]
    fn full_contact_has_no_constriction_and_a_thin_film_is_connected() {
        let ocv = ocv();
        let d = design(&[], "");
        let fr = fractions(&Ctx::new("t"), &d.cathode, Structure::Composite).unwrap();
        let k = contact(&mut Ctx::new("t"), &d.cathode, &inputs(&fr, &ocv, false)).unwrap();
        assert_eq!(k.constriction, 0.0);
        assert!(k.connected_fraction > 0.0 && k.connected_fraction < 1.0);
        let d = design(&[], "connected_fraction = 1.0");
        let k = contact(&mut Ctx::new("t"), &d.cathode, &inputs(&fr, &ocv, false)).unwrap();
        assert_eq!(k.connected_fraction, 1.0);
    }

    /// R_c = (ρ_g + |dU/dc|/(F·D̃))·π·a·(1 − √f)^1.5/4 for a given spot radius.
    #[test]
    fn constriction_from_the_given_spot_radius() {
        let ocv = ocv();
        let d = design(
            &[],
            "contact_fraction = 0.5\ncontact_spot_radius = \"0.5 um\"",
        );
        let fr = fractions(&Ctx::new("t"), &d.cathode, Structure::Composite).unwrap();
        let inp = inputs(&fr, &ocv, false);
        let k = contact(&mut Ctx::new("t"), &d.cathode, &inp).unwrap();
        let rho_p = chemical_resistivity(ocv.dvoltage_dx(0.6) / 50_000.0, 1e-14);
        let expected =
            (20.0 + rho_p) * std::f64::consts::PI * 0.5e-6 * (1.0 - 0.5_f64.sqrt()).powf(1.5) / 4.0;
        assert!((k.constriction - expected).abs() < 1e-12 * expected);
        assert_eq!(k.spot_radius, 0.5e-6);
    }

    #[test]
    fn the_default_spot_radius_warns_only_when_it_matters() {
        let ocv = ocv();
        let d = design(&[], "contact_fraction = 0.6");
        let fr = fractions(&Ctx::new("t"), &d.cathode, Structure::Composite).unwrap();
        let mut ctx = Ctx::new("t");
        let k = contact(&mut ctx, &d.cathode, &inputs(&fr, &ocv, false)).unwrap();
        assert!(k.spot_radius > 0.0 && k.spot_radius <= 2.5e-6);
        assert!(ctx
            .warnings
            .iter()
            .any(|w| w.contains("cathode.contact_spot_radius")));
        let d = design(&[], "");
        let fr = fractions(&Ctx::new("t"), &d.cathode, Structure::Composite).unwrap();
        let mut ctx = Ctx::new("t");
        contact(&mut ctx, &d.cathode, &inputs(&fr, &ocv, false)).unwrap();
        assert!(!ctx
            .warnings
            .iter()
            .any(|w| w.contains("cathode.contact_spot_radius")));
    }

    /// Below the garnet's percolation threshold (equal sizes: 29.4 % of the solid)
    /// the design is an error naming the garnet fraction, not a zero or NaN capacity.
    #[test]
    fn below_the_threshold_is_an_error_naming_the_fraction() {
        let ocv = ocv();
        for (replace, field) in [
            (
                ("electrolyte_fraction = 0.3", "electrolyte_fraction = 0.2"),
                "cathode.electrolyte_fraction",
            ),
            (
                ("active_fraction = 0.6", "active_fraction = 0.1"),
                "cathode.active_fraction",
            ),
        ] {
            let d = design(&[replace], "");
            let fr = fractions(&Ctx::new("t"), &d.cathode, Structure::Composite).unwrap();
            let e = contact(&mut Ctx::new("t"), &d.cathode, &inputs(&fr, &ocv, false)).unwrap_err();
            assert_eq!(field_of(&e), field, "{e}");
            assert!(e.to_string().contains("percolation threshold"), "{e}");
        }
        // The override keeps such a design runnable.
        let d = design(
            &[("electrolyte_fraction = 0.3", "electrolyte_fraction = 0.2")],
            "connected_fraction = 0.5",
        );
        let fr = fractions(&Ctx::new("t"), &d.cathode, Structure::Composite).unwrap();
        let k = contact(&mut Ctx::new("t"), &d.cathode, &inputs(&fr, &ocv, false)).unwrap();
        assert_eq!(k.connected_fraction, 0.5);
    }

    #[test]
    fn bad_fields_are_named() {
        let ocv = ocv();
        for (extra, field) in [
            ("connected_fraction = 0.0", "cathode.connected_fraction"),
            ("connected_fraction = 1.5", "cathode.connected_fraction"),
            (
                "contact_spot_radius = \"1 mV\"",
                "cathode.contact_spot_radius",
            ),
            (
                "contact_spot_radius = \"-1 um\"",
                "cathode.contact_spot_radius",
            ),
            (
                "electrolyte_particle_radius = \"0 um\"",
                "cathode.electrolyte_particle_radius",
            ),
        ] {
            let d = design(&[], extra);
            let fr = fractions(&Ctx::new("t"), &d.cathode, Structure::Composite).unwrap();
            let e = contact(&mut Ctx::new("t"), &d.cathode, &inputs(&fr, &ocv, false)).unwrap_err();
            assert_eq!(field_of(&e), field, "{extra}: {e}");
        }
    }
}
