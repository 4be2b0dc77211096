//! Cell-level fields: the schema version, the electrode area, the mesh and the solver
//! tolerances. (The `[stack]` table itself — collectors, bipolar stacking — feeds only
//! the mass budget, [`crate::budget`].)

use garnet_units::Dimension;

use super::context::Ctx;
use crate::schema::DesignFile;
use crate::CellError;

/// The design's schema version: absent or 1.
pub(crate) fn version(ctx: &Ctx, d: &DesignFile) -> Result<(), CellError> {
    match d.version {
        Some(v) if v != 1 => Err(ctx.err(
            "version",
            format!("this garnet reads design version 1, the file says {v}"),
        )),
        _ => Ok(()),
    }
}

/// Electrode area (m²), default 1 cm².
pub(crate) fn area(ctx: &Ctx, d: &DesignFile) -> Result<f64, CellError> {
    let area = match &d.area {
        Some(a) => ctx.q("area", a, Dimension::AREA)?,
        None => 1e-4,
    };
    ctx.positive("area", area)?;
    Ok(area)
}

/// Control volumes (separator, cathode, particle), each 2–2000; a thin film is one
/// cathode volume (checked as 2, the smallest mesh). `mesh.separator` is accepted but
/// unused (a deprecation warning says so; the separator is one series resistance), and
/// stays 20 in the returned triple.
pub(crate) fn mesh(
    ctx: &mut Ctx,
    d: &DesignFile,
    thin_film: bool,
) -> Result<(usize, usize, usize), CellError> {
    if d.mesh.separator.is_some() {
        ctx.warnings.push(
            "mesh.separator is deprecated and not used: the single-ion garnet separator \
             carries a uniform current through a uniform conductivity, so the model treats \
             it as one series resistance L/σ, which any number of volumes reproduces \
             exactly; the key is still read so older design files work"
                .to_string(),
        );
    }
    let (n_sep, n_cat, n_r) = (
        d.mesh.separator.unwrap_or(20),
        if thin_film { 2 } else { d.mesh.cathode },
        d.mesh.particle,
    );
    for (field, n) in [
        ("mesh.separator", n_sep),
        ("mesh.cathode", n_cat),
        ("mesh.particle", n_r),
    ] {
        if !(2..=2000).contains(&n) {
            return Err(ctx.err(field, format!("{n} control volumes: expected 2–2000")));
        }
    }
    Ok((n_sep, if thin_film { 1 } else { n_cat }, n_r))
}

/// Solver tolerances (rtol, atol), each in (0, 1).
pub(crate) fn tolerances(ctx: &Ctx, d: &DesignFile) -> Result<(f64, f64), CellError> {
    for (field, v) in [
        ("solver.rtol", d.solver.rtol),
        ("solver.atol", d.solver.atol),
    ] {
        if !(v > 0.0 && v < 1.0) {
            return Err(ctx.err(field, format!("{v}: expected a tolerance between 0 and 1")));
        }
    }
    Ok((d.solver.rtol, d.solver.atol))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::resolve::context::testing::{design, field_of};

    #[test]
    fn defaults_and_given_values() {
        let mut ctx = Ctx::new("t.toml");
        let d = design(&[], "");
        version(&ctx, &d).unwrap();
        assert!((area(&ctx, &d).unwrap() - 1e-4).abs() < 1e-18);
        assert_eq!(mesh(&mut ctx, &d, false).unwrap(), (20, 20, 20));
        assert_eq!(mesh(&mut ctx, &d, true).unwrap(), (20, 1, 20));
        assert!(ctx.warnings.is_empty());
        assert_eq!(tolerances(&ctx, &d).unwrap(), (1e-6, 1e-6));
        let d = design(&[("area = \"1 cm2\"", "area = \"1.54 cm2\"")], "");
        assert!((area(&ctx, &d).unwrap() - 1.54e-4).abs() < 1e-18);
    }

    #[test]
    fn bad_values_name_the_field() {
        let mut ctx = Ctx::new("t.toml");
        let d = design(&[("name = \"unit\"", "version = 2")], "");
        assert_eq!(field_of(&version(&ctx, &d).unwrap_err()), "version");
        let d = design(&[("area = \"1 cm2\"", "area = \"1 cm\"")], "");
        let e = area(&ctx, &d).unwrap_err();
        assert_eq!(field_of(&e), "area");
        assert!(e.to_string().contains("expected"), "{e}");
        let d = design(&[("area = \"1 cm2\"", "area = \"0 cm2\"")], "");
        assert_eq!(field_of(&area(&ctx, &d).unwrap_err()), "area");
        let mut d = design(&[], "");
        d.mesh.particle = 1;
        assert_eq!(
            field_of(&mesh(&mut ctx, &d, false).unwrap_err()),
            "mesh.particle"
        );
        d.mesh.particle = 20;
        d.mesh.separator = Some(1);
        assert_eq!(
            field_of(&mesh(&mut ctx, &d, false).unwrap_err()),
            "mesh.separator"
        );
        d.solver.atol = 0.0;
        assert_eq!(field_of(&tolerances(&ctx, &d).unwrap_err()), "solver.atol");
    }

    /// Issue 14 item 5: `mesh.separator` is still accepted (old files read) but unused,
    /// and a design that gives it is told so; the separator enters as one resistance.
    #[test]
    fn issue14_mesh_separator_is_accepted_with_a_deprecation_warning() {
        let mut ctx = Ctx::new("t.toml");
        let mut d = design(&[], "");
        d.mesh.separator = Some(50);
        assert_eq!(mesh(&mut ctx, &d, false).unwrap(), (50, 20, 20));
        assert_eq!(ctx.warnings.len(), 1);
        assert!(
            ctx.warnings[0].starts_with("mesh.separator is deprecated"),
            "{:?}",
            ctx.warnings
        );
    }
}
