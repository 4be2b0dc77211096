//! The garnet separator: thickness and ionic conductivity (given, or the knowledge
//! base's σ(T) of its garnet at the cell temperature).

use garnet_materials::MaterialDb;
use garnet_units::Dimension;

use super::context::Ctx;
use super::temperature::conductivity_at;
use crate::schema::SeparatorFile;
use crate::CellError;

/// The resolved separator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Separator {
    /// Thickness L_sep (m).
    pub(crate) thickness: f64,
    /// Ionic conductivity at the cell temperature (S/m).
    pub(crate) conductivity: f64,
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
    let conductivity = electrolyte_conductivity(
        ctx,
        db,
        "separator.conductivity",
        &s.conductivity,
        &s.material,
        t,
    )?;
    Ok(Separator {
        thickness,
        conductivity,
    })
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
        assert!(ctx.prov.iter().all(|(f, _)| f == "separator.conductivity"));
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
        assert_eq!(ctx.prov.len(), 1);
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
}
