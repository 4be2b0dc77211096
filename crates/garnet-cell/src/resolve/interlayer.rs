//! Films in series with the interface kinetics: the artificial CEI on the cathode
//! (`cathode.interlayer`, §5.2.3) and Li₂CO₃ on the garnet surfaces from air exposure
//! (`separator.carbonate_*_side`, §2.3). Each is a resistance per area t/σ (Ω m²),
//! σ given or the knowledge base's σ(T).

use garnet_materials::MaterialDb;
use garnet_units::Dimension;

use super::context::Ctx;
use super::temperature::conductivity_at;
use crate::schema::CathodeFile;
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

/// A Li₂CO₃ layer's resistance t/σ(T) (Ω m²) for `field`; 0 when absent or 0 thick.
pub(crate) fn carbonate(
    ctx: &mut Ctx,
    db: &MaterialDb,
    field: &str,
    thickness: &Option<String>,
    t: f64,
) -> Result<f64, CellError> {
    match thickness {
        None => Ok(0.0),
        Some(text) => {
            let thickness = ctx.q(field, text, Dimension::LENGTH)?;
            if thickness < 0.0 {
                return Err(ctx.err(field, "must not be negative"));
            }
            if thickness == 0.0 {
                return Ok(0.0);
            }
            let m = db
                .get("Li2CO3")
                .map_err(|e| ctx.err(field, e.to_string()))?;
            Ok(thickness / conductivity_at(ctx, field, m, t)?)
        }
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
        let r = carbonate(&mut ctx, &db, f, &Some("10 nm".into()), 333.15).unwrap();
        assert!((r - 10e-9 / sigma).abs() < 1e-12 * r, "{r}");
        assert!(ctx.prov.iter().all(|(p, _)| p == f));
        assert_eq!(ctx.warnings.len(), 1);
        assert!(ctx.warnings[0].starts_with(f), "{}", ctx.warnings[0]);
        assert_eq!(carbonate(&mut ctx, &db, f, &None, 298.15).unwrap(), 0.0);
        assert_eq!(
            carbonate(&mut ctx, &db, f, &Some("0 nm".into()), 298.15).unwrap(),
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
        let f = "separator.carbonate_anode_side";
        for bad in ["-1 nm", "1 nm2"] {
            let e =
                carbonate(&mut Ctx::new("t.toml"), &db, f, &Some(bad.into()), 298.15).unwrap_err();
            assert_eq!(field_of(&e), f, "{bad}: {e}");
        }
    }
}
