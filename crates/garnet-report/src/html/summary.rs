//! The summary: cards with the headline numbers, the verdict, the parameters table.

use std::fmt::Write;

use garnet_units::sig;

use super::blocks::{card, escape, table, Cell};
use super::Section;
use crate::data::{ReportData, TargetStatus};
use crate::ReportError;

/// The summary section.
pub const SECTION: Section = Section {
    id: "summary",
    nav: "Summary",
    title: "Summary",
    body,
};

fn body(d: &ReportData) -> Result<String, ReportError> {
    let mut h = String::from("<div class=\"cards\">");
    if let Some(q) = d.at_1c.capacity_mah_per_g {
        card(&mut h, &format!("{} mAh/g", sig(q, 3)), "capacity at 1C");
    }
    card(
        &mut h,
        &format!("{} mAh/cm²", sig(d.areal_capacity_mah_cm2, 3)),
        "areal capacity at 1C",
    );
    if let Some(e) = d.composite_wh_per_kg {
        card(
            &mut h,
            &format!("{} Wh/kg", sig(e, 3)),
            "cathode composite vs Li, 1C",
        );
    }
    card(
        &mut h,
        &format!("{} Wh/kg", sig(d.stack_wh_per_kg, 3)),
        "stack, 1C",
    );
    card(
        &mut h,
        &format!("{} Wh/L", sig(d.stack_wh_per_l, 3)),
        "stack, 1C",
    );
    card(
        &mut h,
        &format!("{} Ω cm²", sig(d.resistance.r_total_ohm_cm2, 3)),
        "internal resistance",
    );
    h.push_str("</div>\n");
    h.push_str(&verdict(d));
    let rows: Vec<Vec<Cell>> = d
        .parameters
        .iter()
        .map(|(k, v)| vec![Cell::text(k), Cell::text(v)])
        .collect();
    h.push_str(&table("parameters", &["parameter", "value"], &rows));
    Ok(h)
}

/// A few sentences on strengths and weaknesses, from the numbers.
fn verdict(d: &ReportData) -> String {
    let met: Vec<&str> = d
        .targets
        .iter()
        .filter(|t| t.status == TargetStatus::Met)
        .map(|t| t.criterion)
        .collect();
    let missed: Vec<&str> = d
        .targets
        .iter()
        .filter(|t| t.status == TargetStatus::NotMet)
        .map(|t| t.criterion)
        .collect();
    let r = &d.resistance;
    let parts = [
        (
            "electronic conduction in the cathode",
            r.r_electronic_ohm_cm2,
        ),
        ("ionic conduction in the separator", r.r_separator_ohm_cm2),
        (
            "ionic conduction in the composite",
            r.r_composite_ionic_ohm_cm2,
        ),
        ("the interfaces", r.r_interface_ohm_cm2),
    ];
    let (worst, worst_r) =
        parts.iter().copied().fold(
            ("", f64::NEG_INFINITY),
            |a, b| if b.1 > a.1 { b } else { a },
        );
    let modelled = d
        .targets
        .iter()
        .filter(|t| t.status != TargetStatus::NotModelled)
        .count();
    let mut s = format!(
        "<p id=\"verdict\"><b>Meets {} of the {} §6.1 targets garnet can evaluate.</b> ",
        met.len(),
        modelled
    );
    if !met.is_empty() {
        let _ = write!(s, "Strengths: {}. ", escape(&met.join(", ")));
    }
    if !missed.is_empty() {
        let _ = write!(s, "Falls short on: {}. ", escape(&missed.join(", ")));
    }
    if r.r_total_ohm_cm2 > 0.0 {
        let _ = write!(
            s,
            "Most of the internal resistance ({} %) is in {}.",
            sig(100.0 * worst_r / r.r_total_ohm_cm2, 3),
            worst
        );
    }
    s.push_str("</p>\n");
    s
}
