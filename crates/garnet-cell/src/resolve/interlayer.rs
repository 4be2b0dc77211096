//! Films at the interfaces: the artificial CEI on the cathode (`cathode.interlayer`,
//! §5.2.3), in series with the kinetics, and Li₂CO₃ on the garnet surfaces from air
//! exposure (`separator.carbonate_*_side` or `separator.air_exposure`, §2.3), on the
//! separator's faces or on the particles (`separator.carbonate_cathode_location`).
//! Each is a resistance per area t/σ (Ω m²), σ given or the knowledge base's σ(T).

use garnet_materials::MaterialDb;
use garnet_units::Dimension;

use super::context::Ctx;
use super::temperature::conductivity_at;
use crate::schema::{CarbonateLocation, CathodeFile};
use crate::CellError;

/// The artificial CEI's resistance t/σ (Ω m² of contact area) at `t` (K); 0 without
/// one. Material and thickness go together.
pub(crate) fn artificial_cei(
    ctx: &mut Ctx,
    c: &CathodeFile,
    db: &MaterialDb,
    t: f64,
) -> Result<f64, CellError> {
    match (&c.interlayer, &c.interlayer_thickness) {
        (None, None) => {
            if c.interlayer_conductivity.is_some() {
                return Err(ctx.err(
                    "cathode.interlayer_conductivity",
                    "given without cathode.interlayer",
                ));
            }
            Ok(0.0)
        }
        (Some(_), None) => Err(ctx.err(
            "cathode.interlayer_thickness",
            "missing: the thickness of the artificial CEI",
        )),
        (None, Some(_)) => Err(ctx.err(
            "cathode.interlayer",
            "missing: which material the artificial CEI is",
        )),
        (Some(name), Some(text)) => {
            let m = db
                .get(name)
                .map_err(|e| ctx.err("cathode.interlayer", e.to_string()))?;
            let thickness = ctx.q("cathode.interlayer_thickness", text, Dimension::LENGTH)?;
            ctx.positive("cathode.interlayer_thickness", thickness)?;
            let sigma = match ctx.given(
                "cathode.interlayer_conductivity",
                &c.interlayer_conductivity,
                Dimension::CONDUCTIVITY,
            )? {
                Some(v) => ctx.positive("cathode.interlayer_conductivity", v)?,
                None => conductivity_at(ctx, "cathode.interlayer_conductivity", m, t)?,
            };
            Ok(thickness / sigma)
        }
    }
}

/// A Li₂CO₃ layer of `thickness` (m, already checked) as a resistance per area
/// R = δ/σ(T) (Ω m²), σ(T) the knowledge base's law for Li₂CO₃ (through
/// [`conductivity_at`], so an activation energy in the knowledge base applies);
/// 0 when absent or 0 thick.
pub(crate) fn carbonate_layer(
    ctx: &mut Ctx,
    db: &MaterialDb,
    field: &str,
    thickness: Option<f64>,
    t: f64,
) -> Result<f64, CellError> {
    match thickness.filter(|v| *v != 0.0) {
        None => Ok(0.0),
        Some(v) => {
            let m = db
                .get("Li2CO3")
                .map_err(|e| ctx.err(field, e.to_string()))?;
            Ok(v / conductivity_at(ctx, field, m, t)?)
        }
    }
}

/// Where the cathode-side Li₂CO₃ resistance `r` (Ω m², δ/σ) goes, as
/// (per contact area, in series with the kinetics; per electrode area, in series with
/// the cell).
///
/// * `separator-face` (default): one planar layer between separator and composite;
///   all the cell current crosses it, so it is R_face = δ/σ(T) per electrode area,
///   a series resistance like the separator's.
/// * `particles`: a shell on each particle's garnet contact, in series with the
///   charge transfer there: R_f = δ/σ per contact area, which the composite spreads
///   over a·L·f of contact per electrode area (the placement of earlier versions).
/// * A thin film has one planar interface, the film's face on the garnet, which is
///   both the separator's face and the "particle" surface: the layer is kept with the
///   film's kinetics (per contact area, a·L·f = ε_am·f per electrode area) whatever
///   the location says, so both spellings give the same cell.
pub(crate) fn cathode_carbonate_placement(
    location: Option<CarbonateLocation>,
    thin_film: bool,
    r: f64,
) -> (f64, f64) {
    match (
        thin_film,
        location.unwrap_or(CarbonateLocation::SeparatorFace),
    ) {
        (true, _) | (false, CarbonateLocation::Particles) => (r, 0.0),
        (false, CarbonateLocation::SeparatorFace) => (0.0, r),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::resolve::context::testing::{db, design, field_of};
    use garnet_materials::physics::ConductivityModel;

    #[test]
    fn li2co3_layer_is_thickness_over_sigma() {
        // The knowledge base has σ of Li2CO3 at 200 °C with an estimated activation
        // energy (issue 14): σ(T) by its law, with a warning that it is an estimate.
        let db = db();
        let m = db.get("Li2CO3").unwrap();
        let sigma = ConductivityModel::of(m).unwrap().at(333.15);
        let mut ctx = Ctx::new("t.toml");
        let f = "separator.carbonate_cathode_side";
        let r = carbonate_layer(&mut ctx, &db, f, Some(10e-9), 333.15).unwrap();
        assert!((r - 10e-9 / sigma).abs() < 1e-12 * r, "{r}");
        assert!(ctx.prov.iter().all(|(p, _)| p == f));
        assert_eq!(ctx.warnings.len(), 1);
        assert!(ctx.warnings[0].starts_with(f), "{}", ctx.warnings[0]);
        assert_eq!(
            carbonate_layer(&mut ctx, &db, f, None, 298.15).unwrap(),
            0.0
        );
        assert_eq!(
            carbonate_layer(&mut ctx, &db, f, Some(0.0), 298.15).unwrap(),
            0.0
        );
    }

    #[test]
    fn artificial_cei_with_given_conductivity() {
        let d = design(
            &[],
            "interlayer = \"Li3BO3\"\ninterlayer_thickness = \"5 nm\"\ninterlayer_conductivity = \"1e-4 S/m\"",
        );
        let mut ctx = Ctx::new("t.toml");
        let r = artificial_cei(&mut ctx, &d.cathode, &db(), 298.15).unwrap();
        assert!((r - 5e-9 / 1e-4).abs() < 1e-18, "{r}");
        let d = design(&[], "");
        assert_eq!(
            artificial_cei(&mut ctx, &d.cathode, &db(), 298.15).unwrap(),
            0.0
        );
    }

    #[test]
    fn bad_films_name_the_field() {
        let db = db();
        let cases = [
            ("interlayer = \"Li3BO3\"", "cathode.interlayer_thickness"),
            ("interlayer_thickness = \"5 nm\"", "cathode.interlayer"),
            (
                "interlayer_conductivity = \"1 S/m\"",
                "cathode.interlayer_conductivity",
            ),
            (
                "interlayer = \"Li3BO3\"\ninterlayer_thickness = \"5 nm2\"",
                "cathode.interlayer_thickness",
            ),
            (
                "interlayer = \"Unobtainium\"\ninterlayer_thickness = \"5 nm\"",
                "cathode.interlayer",
            ),
        ];
        for (extra, field) in cases {
            let d = design(&[], extra);
            let e = artificial_cei(&mut Ctx::new("t.toml"), &d.cathode, &db, 298.15).unwrap_err();
            assert_eq!(field_of(&e), field, "{extra}: {e}");
        }
    }
}
