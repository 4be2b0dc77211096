//! The cathode's open-circuit voltage and its stoichiometry window: the OCV curve
//! (built-in fit, tabulated in the design, or the material's default), the cut-off
//! voltages, the stoichiometries at them, and the initial state.

use garnet_cite::{Citation, Provenance};
use garnet_materials::ocv::{OcvCurve, OcvTable};
use garnet_materials::{Material, MaterialDb};
use garnet_units::Dimension;

use super::context::Ctx;
use crate::schema::{CathodeFile, DesignFile};
use crate::{CellError, StateOfCharge};

/// The OCV curve of the cathode, its sources recorded.
pub(crate) fn ocv(
    ctx: &mut Ctx,
    c: &CathodeFile,
    m: &Material,
    db: &MaterialDb,
) -> Result<OcvCurve, CellError> {
    let ocv = match (&c.ocv, &c.ocv_table) {
        (Some(_), Some(_)) => {
            return Err(ctx.err(
                "cathode.ocv_table",
                "give cathode.ocv (a built-in fit) or cathode.ocv_table, not both",
            ))
        }
        (None, Some(t)) => {
            let table = OcvTable::new(&t.stoichiometry, &t.voltage).map_err(|e| match e {
                garnet_materials::MaterialsError::OcvTable { array, message } => {
                    ctx.err(&format!("cathode.ocv_table.{array}"), message)
                }
                other => ctx.err("cathode.ocv_table", other.to_string()),
            })?;
            ctx.prov.push((
                "cathode.ocv".to_string(),
                Provenance::Estimated {
                    reason: "tabulated in the design file (cathode.ocv_table)".to_string(),
                },
            ));
            OcvCurve::Tabulated(table)
        }
        (Some(id), None) => OcvCurve::ALL
            .iter()
            .find(|o| o.id().eq_ignore_ascii_case(id))
            .cloned()
            .ok_or_else(|| {
                let ids: Vec<&str> = OcvCurve::ALL.iter().map(|o| o.id()).collect();
                ctx.err(
                    "cathode.ocv",
                    format!(
                        "unknown OCV curve '{id}'{}; known: {}",
                        garnet_units::suggest::closest_str(id, ids.iter().copied())
                            .map(|s| format!(" (did you mean '{s}'?)"))
                            .unwrap_or_default(),
                        ids.join(", ")
                    ),
                )
            })?,
        (None, None) => OcvCurve::ALL
            .iter()
            .find(|o| db.get(o.material()).is_ok_and(|k| k.name == m.name))
            .cloned()
            .ok_or_else(|| {
                ctx.err(
                    "cathode.ocv",
                    format!("no OCV curve is known for {}; name one", m.name),
                )
            })?,
    };
    for key in ocv.citation_keys() {
        ctx.prov.push((
            "cathode.ocv".to_string(),
            Provenance::Cited(Citation::new(*key, Some(ocv.id()))),
        ));
    }
    Ok(ocv)
}

/// Cut-offs and the stoichiometry window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Window {
    /// Lower cut-off (V).
    pub(crate) v_min: f64,
    /// Upper cut-off (V).
    pub(crate) v_max: f64,
    /// Stoichiometry at `v_max`.
    pub(crate) x_charged: f64,
    /// Stoichiometry at `v_min`.
    pub(crate) x_discharged: f64,
    /// Initial stoichiometry.
    pub(crate) x_init: f64,
}

/// The cut-offs (given or the material's), the stoichiometries where the OCV meets
/// them, and the initial stoichiometry (given, from `initial_soc`, or charged).
pub(crate) fn window(
    ctx: &mut Ctx,
    d: &DesignFile,
    m: &Material,
    ocv: &OcvCurve,
) -> Result<Window, CellError> {
    let c = &d.cathode;
    let v_min = match &d.voltage_min {
        Some(v) => ctx.q("voltage_min", v, Dimension::VOLTAGE)?,
        None => ctx.value_or_kb("voltage_min", &None, Dimension::VOLTAGE, m, "voltage_min")?,
    };
    let v_max = match &d.voltage_max {
        Some(v) => ctx.q("voltage_max", v, Dimension::VOLTAGE)?,
        None => ctx.value_or_kb("voltage_max", &None, Dimension::VOLTAGE, m, "voltage_max")?,
    };
    if v_min >= v_max {
        return Err(ctx.err(
            "voltage_min",
            format!("{v_min} V is not below voltage_max {v_max} V"),
        ));
    }
    let (lo, hi) = ocv.valid_range();
    let (u_hi, u_lo) = (ocv.voltage(lo), ocv.voltage(hi));
    // A knowledge-base cut-off is the material's usual window, measured with other
    // cells than the OCV fit was; beyond the fit's range it is taken at the fit's
    // end, with a warning (issue 14: NMC811's 3.0 V, Kondrakov et al. 2017, lies
    // below the Chen2020 fit's 3.56 V). A cut-off given in the design stays an error.
    let (v_min, v_max) = (
        kb_cutoff_within(
            ctx,
            "voltage_min",
            d.voltage_min.is_none(),
            v_min,
            u_lo,
            u_hi,
            ocv,
        ),
        kb_cutoff_within(
            ctx,
            "voltage_max",
            d.voltage_max.is_none(),
            v_max,
            u_lo,
            u_hi,
            ocv,
        ),
    );
    let x_discharged = ocv.stoichiometry_at(v_min).ok_or_else(|| {
        ctx.err(
            "voltage_min",
            format!(
                "{v_min} V is outside the OCV range of {} ({u_lo:.3}–{u_hi:.3} V)",
                ocv.id()
            ),
        )
    })?;
    let x_charged = ocv.stoichiometry_at(v_max).ok_or_else(|| {
        ctx.err(
            "voltage_max",
            format!(
                "{v_max} V is outside the OCV range of {} ({u_lo:.3}–{u_hi:.3} V)",
                ocv.id()
            ),
        )
    })?;
    let x_init = match (c.initial_stoichiometry, d.initial_soc) {
        (Some(_), Some(_)) => {
            return Err(ctx.err(
                "initial_soc",
                "give initial_soc or cathode.initial_stoichiometry, not both",
            ))
        }
        (Some(x), None) => {
            if !(lo..=hi).contains(&x) {
                return Err(ctx.err(
                    "cathode.initial_stoichiometry",
                    format!("{x} is outside the OCV curve's range {lo}–{hi}"),
                ));
            }
            x
        }
        (None, Some(s)) => {
            let s = ctx.fraction("initial_soc", s)?;
            StateOfCharge::new(s)?.stoichiometry(x_charged, x_discharged)
        }
        (None, None) => x_charged,
    };
    Ok(Window {
        v_min,
        v_max,
        x_charged,
        x_discharged,
        x_init,
    })
}

/// `v` clamped into the OCV fit's range [u_lo, u_hi] (held 0.1 mV inside its ends,
/// where the fit's inverse is defined) when `from_kb`, with a warning naming
/// `field`; otherwise `v` unchanged.
fn kb_cutoff_within(
    ctx: &mut Ctx,
    field: &str,
    from_kb: bool,
    v: f64,
    u_lo: f64,
    u_hi: f64,
    ocv: &OcvCurve,
) -> f64 {
    let inset = 1e-4;
    let clamped = v.clamp(u_lo + inset, u_hi - inset);
    if !from_kb || ocv.stoichiometry_at(v).is_some() || clamped == v {
        return v;
    }
    ctx.warnings.push(format!(
        "{field}: the knowledge base's {v:.3} V is outside the OCV range of {} ({u_lo:.3}–{u_hi:.3} V); {clamped:.4} V is used — set {field} in the design",
        ocv.id()
    ));
    clamped
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::resolve::context::testing::{db, design, field_of};

    #[test]
    fn default_curve_of_the_material_with_its_citations() {
        let db = db();
        let m = db.get("NMC811").unwrap();
        let d = design(&[], "");
        let mut ctx = Ctx::new("t.toml");
        let curve = ocv(&mut ctx, &d.cathode, m, &db).unwrap();
        assert_eq!(db.get(curve.material()).unwrap().name, m.name);
        assert_eq!(ctx.prov.len(), curve.citation_keys().len());
        assert!(ctx.prov.iter().all(|(f, _)| f == "cathode.ocv"));
    }

    #[test]
    fn window_at_the_cut_offs_and_initial_soc() {
        let db = db();
        let m = db.get("NMC811").unwrap();
        let d = design(
            &[(
                "name = \"unit\"",
                "voltage_min = \"3.6 V\"\nvoltage_max = \"4.2 V\"\ninitial_soc = 0.5",
            )],
            "",
        );
        let mut ctx = Ctx::new("t.toml");
        let curve = ocv(&mut ctx, &d.cathode, m, &db).unwrap();
        let w = window(&mut ctx, &d, m, &curve).unwrap();
        assert_eq!((w.v_min, w.v_max), (3.6, 4.2));
        assert!((curve.voltage(w.x_discharged) - 3.6).abs() < 1e-6);
        assert!((curve.voltage(w.x_charged) - 4.2).abs() < 1e-6);
        assert_eq!(
            w.x_init,
            w.x_discharged - 0.5 * (w.x_discharged - w.x_charged)
        );
    }

    #[test]
    fn bad_ocv_and_window_name_the_field() {
        let db = db();
        let m = db.get("NMC811").unwrap();
        let d = design(&[], "ocv = \"NMC81\"");
        let e = ocv(&mut Ctx::new("t.toml"), &d.cathode, m, &db).unwrap_err();
        assert_eq!(field_of(&e), "cathode.ocv");
        assert!(e.to_string().contains("unknown OCV curve"), "{e}");
        let curve = ocv(&mut Ctx::new("t.toml"), &design(&[], "").cathode, m, &db).unwrap();
        for (line, field) in [
            (
                "voltage_min = \"4.3 V\"\nvoltage_max = \"4.2 V\"",
                "voltage_min",
            ),
            ("voltage_min = \"3 A\"", "voltage_min"),
            (
                "voltage_min = \"3.6 V\"\nvoltage_max = \"9 V\"",
                "voltage_max",
            ),
            (
                "voltage_min = \"3.6 V\"\nvoltage_max = \"4.2 V\"\ninitial_soc = 1.5",
                "initial_soc",
            ),
        ] {
            let d = design(&[("name = \"unit\"", line)], "");
            let e = window(&mut Ctx::new("t.toml"), &d, m, &curve).unwrap_err();
            assert_eq!(field_of(&e), field, "{line}: {e}");
        }
        let d = design(
            &[(
                "name = \"unit\"",
                "voltage_min = \"3.6 V\"\nvoltage_max = \"4.2 V\"\ninitial_soc = 0.5",
            )],
            "initial_stoichiometry = 0.5",
        );
        let e = window(&mut Ctx::new("t.toml"), &d, m, &curve).unwrap_err();
        assert_eq!(field_of(&e), "initial_soc");
    }

    /// Issue 14: a design of NMC811 without `voltage_min` resolves. The knowledge
    /// base's 3.0 V (Kondrakov et al. 2017) lies below the Chen2020 fit's range
    /// (3.56 V at its end), so the fit's end is used and a warning says so; 3.0 V
    /// given in the design is still an error naming `voltage_min`.
    #[test]
    fn a_kb_cut_off_beyond_the_fit_is_taken_at_its_end() {
        let db = db();
        let m = db.get("NMC811").unwrap();
        assert_eq!(m.si("voltage_min").unwrap(), 3.0);
        let d = design(&[], "");
        let mut ctx = Ctx::new("t.toml");
        let curve = ocv(&mut ctx, &d.cathode, m, &db).unwrap();
        let (lo, hi) = curve.valid_range();
        let w = window(&mut ctx, &d, m, &curve).unwrap();
        assert!(
            (w.v_min - (curve.voltage(hi) + 1e-4)).abs() < 1e-12,
            "{}",
            w.v_min
        );
        assert!(w.v_min > 3.5 && w.v_min < 3.6, "{}", w.v_min);
        assert!((curve.voltage(w.x_discharged) - w.v_min).abs() < 1e-6);
        assert!(w.x_discharged <= hi && w.x_charged >= lo);
        assert!(
            ctx.warnings.iter().any(|x| x.starts_with("voltage_min:")),
            "{:?}",
            ctx.warnings
        );
        let d = design(&[("name = \"unit\"", "voltage_min = \"3.0 V\"")], "");
        let e = window(&mut Ctx::new("t.toml"), &d, m, &curve).unwrap_err();
        assert_eq!(field_of(&e), "voltage_min");
    }
}
