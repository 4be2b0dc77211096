//! `Positive electrode.OCP [V]`: a BPX table as given, or an expression sampled into
//! a table that follows it within [`OCP_TOL`]; the OCP fields garnet does not use
//! (entropic change, hysteresis branches) and a warning when the OCP is flat at the
//! end of the window.

use garnet_materials::ocv::OcvTable;

use super::{Skipped, OCP_TOL};
use crate::json::{FloatFunctionTable, Owned};
use crate::BpxError;

/// The OCP table and where it came from; the unused OCP fields go to `skipped`.
pub(super) fn ocp(
    pos: &Owned,
    x_min: f64,
    x_max: f64,
    li_metal_negative: bool,
    skipped: &mut Vec<Skipped>,
    notes: &mut Vec<String>,
) -> Result<(OcvTable, String), BpxError> {
    let ocp_node = pos.get("OCP [V]")?;
    let (ocv, ocv_origin) = ocp_table(&ocp_node, x_min, x_max)?;

    for key in [
        "Entropic change coefficient [V.K-1]",
        "OCP (lithiation) [V]",
        "OCP (delithiation) [V]",
        "OCP hysteresis decay constant",
    ] {
        if pos.opt(key)?.is_some() {
            skipped.push(Skipped {
                path: format!("{}.{key}", pos.path),
                reason: if key.starts_with("Entropic") {
                    "garnet's OCV is isothermal (no entropic term; the cell is isothermal)"
                        .to_string()
                } else {
                    "garnet's OCV has no hysteresis branches".to_string()
                },
            });
        }
    }

    // A flat OCP at the end of the window: the default cut-off sits on the plateau.
    let (_, span_hi) = ocv.span();
    let probe = (x_max - 0.05).max(x_min);
    if !li_metal_negative && ocv.voltage(probe) - ocv.voltage(x_max) < 0.02 {
        notes.push(format!(
            "the OCP is flat at the end of the BPX window (U({probe:.3}) − U({x_max}) = {:.1} mV): voltage_min = U(x_max) = {:.4} V is reached at once under load; give a lower --voltage-min (the OCP reaches {:.4} V at x = {span_hi})",
            (ocv.voltage(probe) - ocv.voltage(x_max)) * 1e3,
            ocv.voltage(x_max),
            ocv.voltage(span_hi)
        ));
    }
    Ok((ocv, ocv_origin))
}

/// The OCP as a table: a BPX table as given (sorted by x); an expression sampled
/// over the widest stretch of [0, 1] around the stoichiometry window on which it is
/// finite and falls strictly, refined until the interpolant is within [`OCP_TOL`] of
/// it at the quarter points of every interval (at most 1000 points).
fn ocp_table(node: &Owned, x_min: f64, x_max: f64) -> Result<(OcvTable, String), BpxError> {
    let to_err = |e: garnet_materials::MaterialsError| match e {
        garnet_materials::MaterialsError::OcvTable { array, message } => BpxError::Value {
            path: format!(
                "{}.{}",
                node.path,
                if array == "voltage" { "y" } else { "x" }
            ),
            message,
        },
        other => BpxError::Value {
            path: node.path.clone(),
            message: other.to_string(),
        },
    };
    let table = match FloatFunctionTable::read(node)? {
        FloatFunctionTable::Number(v) => {
            return Err(BpxError::Unsupported {
                path: node.path.clone(),
                message: format!("a constant OCP ({v} V) gives no stoichiometry window"),
            })
        }
        FloatFunctionTable::Table(x, y) => {
            let t = OcvTable::new(&x, &y).map_err(to_err)?;
            (t, format!("BPX table of {} points", x.len()))
        }
        FloatFunctionTable::Expression(e, text) => {
            let n = 400;
            let grid: Vec<f64> = (0..=n).map(|i| i as f64 / n as f64).collect();
            let u: Vec<f64> = grid.iter().map(|&x| e.eval(x)).collect();
            let good = |i: usize| u[i].is_finite() && u[i + 1].is_finite() && u[i + 1] < u[i];
            // Grid intervals covering the window.
            let i_lo = ((x_min * n as f64).floor() as usize).min(n - 1);
            let i_hi = ((x_max * n as f64).ceil() as usize).clamp(1, n) - 1;
            if let Some(bad) = (i_lo..=i_hi).find(|&i| !good(i)) {
                return Err(BpxError::Value {
                    path: node.path.clone(),
                    message: format!(
                        "the expression \"{text}\" does not fall strictly between x = {} and {} (the stoichiometry window): garnet needs an invertible OCP",
                        grid[bad],
                        grid[bad + 1]
                    ),
                });
            }
            let (mut a, mut b) = (i_lo, i_hi);
            while a > 0 && good(a - 1) {
                a -= 1;
            }
            while b + 1 < n && good(b + 1) {
                b += 1;
            }
            let (lo, hi) = (grid[a], grid[b + 1]);
            let mut xs: Vec<f64> = (0..=64)
                .map(|i| lo + (hi - lo) * i as f64 / 64.0)
                .chain([x_min, x_max])
                .collect();
            xs.sort_by(f64::total_cmp);
            xs.dedup_by(|p, q| (*p - *q).abs() < 1e-12);
            let table = loop {
                let ys: Vec<f64> = xs.iter().map(|&x| e.eval(x)).collect();
                let t = OcvTable::new(&xs, &ys).map_err(to_err)?;
                let mut next = Vec::with_capacity(2 * xs.len());
                for w in xs.windows(2) {
                    next.push(w[0]);
                    let m = 0.5 * (w[0] + w[1]);
                    let misses = [0.25, 0.5, 0.75].iter().any(|f| {
                        let q = w[0] + f * (w[1] - w[0]);
                        (t.voltage(q) - e.eval(q)).abs() > OCP_TOL
                    });
                    if misses && m > w[0] && m < w[1] {
                        next.push(m);
                    }
                }
                next.push(xs[xs.len() - 1]);
                if next.len() == xs.len() || next.len() > 1000 {
                    break t;
                }
                xs = next;
            };
            let n = table.stoichiometry().len();
            (
                table,
                format!(
                    "BPX expression sampled at {n} points over x = {lo}–{hi} (within {} mV)",
                    OCP_TOL * 1e3
                ),
            )
        }
    };
    let (lo, hi) = table.0.span();
    if x_min < lo || x_max > hi {
        return Err(BpxError::Value {
            path: node.path.clone(),
            message: format!(
                "the table covers x = {lo}–{hi}, not the whole stoichiometry window {x_min}–{x_max}"
            ),
        });
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::import::positive::tests::electrode;
    use serde_json::json;

    fn read(
        value: serde_json::Value,
        x_min: f64,
        x_max: f64,
    ) -> Result<(OcvTable, String), BpxError> {
        let mut doc = electrode();
        doc["Positive electrode"]["OCP [V]"] = value;
        let pos = Owned::root(&doc).get("Positive electrode").unwrap();
        ocp(&pos, x_min, x_max, false, &mut Vec::new(), &mut Vec::new())
    }

    #[test]
    fn a_table_is_taken_as_given_sorted_by_x() {
        let (t, origin) = read(
            json!({"x": [0.9, 0.1, 0.5], "y": [3.6, 4.3, 4.0]}),
            0.2,
            0.8,
        )
        .unwrap();
        assert_eq!(t.stoichiometry(), &[0.1, 0.5, 0.9]);
        assert_eq!(t.voltage(0.5), 4.0);
        assert_eq!(origin, "BPX table of 3 points");
    }

    #[test]
    fn an_expression_is_sampled_within_tolerance() {
        let text = "4.2 - 0.5 * x - 0.1 * tanh(10 * (x - 0.5))";
        let (t, origin) = read(json!(text), 0.25, 0.9).unwrap();
        let e = crate::expr::Expr::parse(text).unwrap();
        for i in 0..=100 {
            let x = 0.25 + 0.65 * i as f64 / 100.0;
            assert!((t.voltage(x) - e.eval(x)).abs() <= OCP_TOL, "x = {x}");
        }
        assert!(origin.starts_with("BPX expression sampled at"), "{origin}");
    }

    #[test]
    fn unusable_ocps_are_errors_naming_the_path() {
        let e = read(json!(3.7), 0.25, 0.9).unwrap_err();
        assert!(matches!(e, BpxError::Unsupported { .. }), "{e}");
        let e = read(json!("4 + x"), 0.25, 0.9).unwrap_err();
        assert!(e.to_string().contains("does not fall strictly"), "{e}");
        let e = read(json!({"x": [0.3, 0.5], "y": [4.2, 4.0]}), 0.25, 0.9).unwrap_err();
        assert!(
            e.to_string().starts_with("Positive electrode.OCP [V]"),
            "{e}"
        );
        assert!(
            e.to_string().contains("not the whole stoichiometry window"),
            "{e}"
        );
    }

    #[test]
    fn hysteresis_and_entropy_are_skipped() {
        let mut doc = electrode();
        doc["Positive electrode"]["Entropic change coefficient [V.K-1]"] = json!(0.0);
        doc["Positive electrode"]["OCP (lithiation) [V]"] = json!("4 - x");
        let pos = Owned::root(&doc).get("Positive electrode").unwrap();
        let mut skipped = Vec::new();
        ocp(&pos, 0.25, 0.9, false, &mut skipped, &mut Vec::new()).unwrap();
        let paths: Vec<&str> = skipped.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "Positive electrode.Entropic change coefficient [V.K-1]",
                "Positive electrode.OCP (lithiation) [V]"
            ]
        );
    }
}
