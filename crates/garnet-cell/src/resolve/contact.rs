//! The cathode|garnet contact beyond its area: the connected share of the active
//! material (percolation, [`crate::percolation`]) and the constriction resistance of
//! a partial contact ([`crate::contact`]). Fields `cathode.connected_fraction`,
//! `cathode.electrolyte_particle_radius` and `cathode.contact_spot_radius`.

use garnet_cite::{Citation, Provenance};
use garnet_units::Dimension;

use super::cathode::Fractions;
use super::context::Ctx;
use crate::contact::{constriction_per_contact_area, diffusion_factor};
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
    /// Constriction resistance on the garnet side per contact area (Ω m²), in series
    /// with the kinetics.
    pub(crate) constriction: f64,
    /// The particle side of the constriction as a factor (≤ 1) on the solid
    /// diffusivity ([`diffusion_factor`]).
    pub(crate) diffusion_factor: f64,
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
/// * garnet side: R_c = ρ_garnet·π·a·ψ(√f)/4 per contact area (Cooper, Mikic &
///   Yovanovich 1969 with Holm's spot), an ohmic resistance in series with the
///   kinetics;
/// * particle side: a concentration resistance, carried as the factor
///   [`diffusion_factor`] on the solid diffusivity (its steady state is the same
///   formula with ρ = |dU/dc|/(F·D̃), [`crate::contact::chemical_resistivity`]).
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
                    "{field} not given: estimated as {:.3} µm ({why}); the constriction of the partial contact (contact fraction {}: a series resistance on the garnet side, a slower solid diffusion on the particle side) grows with it",
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

    let constriction = if f.contact < 1.0 {
        constriction_per_contact_area(inp.rho_garnet, 0.0, spot_radius, f.contact)
    } else {
        0.0
    };
    if !constriction.is_finite() {
        return Err(ctx.err(
            field,
            format!(
                "the constriction resistance is not finite (garnet resistivity {:.3e} Ω m)",
                inp.rho_garnet
            ),
        ));
    }
    Ok(Contact {
        connected_fraction,
        spot_radius,
        constriction,
        diffusion_factor: diffusion_factor(spot_radius, f.contact, inp.radius, !inp.thin_film),
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
    use crate::resolve::context::testing::{design, field_of};
    use crate::schema::Structure;

    fn inputs(fr: &Fractions, thin_film: bool) -> ContactInputs<'_> {
        ContactInputs {
            thin_film,
            fractions: fr,
            radius: fr.radius.unwrap_or(1e-6),
            rho_garnet: 20.0,
        }
    }

    #[test]
    fn full_contact_has_no_constriction_and_a_thin_film_is_connected() {
        let d = design(&[], "");
        let fr = fractions(&Ctx::new("t"), &d.cathode, Structure::Composite).unwrap();
        let k = contact(&mut Ctx::new("t"), &d.cathode, &inputs(&fr, false)).unwrap();
        assert_eq!(k.constriction, 0.0);
        assert!(k.connected_fraction > 0.0 && k.connected_fraction < 1.0);
        let d = design(&[], "connected_fraction = 1.0");
        let k = contact(&mut Ctx::new("t"), &d.cathode, &inputs(&fr, false)).unwrap();
        assert_eq!(k.connected_fraction, 1.0);
    }

    /// R_c = ρ_g·π·a·(1 − √f)^1.5/4 for a given spot radius, and the diffusion
    /// factor 1/(1 + 5πaψ/(4fR)).
    #[test]
    fn constriction_from_the_given_spot_radius() {
        let d = design(
            &[],
            "contact_fraction = 0.5\ncontact_spot_radius = \"0.5 um\"",
        );
        let fr = fractions(&Ctx::new("t"), &d.cathode, Structure::Composite).unwrap();
        let inp = inputs(&fr, false);
        let k = contact(&mut Ctx::new("t"), &d.cathode, &inp).unwrap();
        let psi = (1.0 - 0.5_f64.sqrt()).powf(1.5);
        let expected = 20.0 * std::f64::consts::PI * 0.5e-6 * psi / 4.0;
        assert!((k.constriction - expected).abs() < 1e-12 * expected);
        assert_eq!(k.spot_radius, 0.5e-6);
        let factor = 1.0 / (1.0 + 5.0 * std::f64::consts::PI * 0.5e-6 * psi / (4.0 * 0.5 * 2.5e-6));
        assert!((k.diffusion_factor - factor).abs() < 1e-12);
    }

    #[test]
    fn the_default_spot_radius_warns_only_when_it_matters() {
        let d = design(&[], "contact_fraction = 0.6");
        let fr = fractions(&Ctx::new("t"), &d.cathode, Structure::Composite).unwrap();
        let mut ctx = Ctx::new("t");
        let k = contact(&mut ctx, &d.cathode, &inputs(&fr, false)).unwrap();
        assert!(k.spot_radius > 0.0 && k.spot_radius <= 2.5e-6);
        assert!(ctx
            .warnings
            .iter()
            .any(|w| w.contains("cathode.contact_spot_radius")));
        let d = design(&[], "");
        let fr = fractions(&Ctx::new("t"), &d.cathode, Structure::Composite).unwrap();
        let mut ctx = Ctx::new("t");
        contact(&mut ctx, &d.cathode, &inputs(&fr, false)).unwrap();
        assert!(!ctx
            .warnings
            .iter()
            .any(|w| w.contains("cathode.contact_spot_radius")));
    }

    /// Below the garnet's percolation threshold (equal sizes: 29.4 % of the solid)
    /// the design is an error naming the garnet fraction, not a zero or NaN capacity.
    #[test]
    fn below_the_threshold_is_an_error_naming_the_fraction() {
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
            let e = contact(&mut Ctx::new("t"), &d.cathode, &inputs(&fr, false)).unwrap_err();
            assert_eq!(field_of(&e), field, "{e}");
            assert!(e.to_string().contains("percolation threshold"), "{e}");
        }
        // The override keeps such a design runnable.
        let d = design(
            &[("electrolyte_fraction = 0.3", "electrolyte_fraction = 0.2")],
            "connected_fraction = 0.5",
        );
        let fr = fractions(&Ctx::new("t"), &d.cathode, Structure::Composite).unwrap();
        let k = contact(&mut Ctx::new("t"), &d.cathode, &inputs(&fr, false)).unwrap();
        assert_eq!(k.connected_fraction, 0.5);
    }

    #[test]
    fn bad_fields_are_named() {
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
            let e = contact(&mut Ctx::new("t"), &d.cathode, &inputs(&fr, false)).unwrap_err();
            assert_eq!(field_of(&e), field, "{extra}: {e}");
        }
    }
}
