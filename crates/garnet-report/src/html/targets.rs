//! The §6.1 target table.

use super::blocks::{table, Cell};
use super::Section;
use crate::data::{ReportData, TargetStatus};
use crate::ReportError;

/// The targets section.
pub const SECTION: Section = Section {
    id: "sec-targets",
    nav: "§6.1 targets",
    title: "Targets of §6.1",
    body,
};

/// The CSS class of a status cell.
fn status_class(s: TargetStatus) -> &'static str {
    match s {
        TargetStatus::Met => "met",
        TargetStatus::NotMet => "not-met",
        TargetStatus::NotModelled => "not-modelled",
    }
}

fn body(d: &ReportData) -> Result<String, ReportError> {
    let mut h = String::from("<p class=\"small\">The cell requirements of §6.1 of Kurian et al. 2024 [kurian2024]. \"Not modelled\" means garnet cannot say; it is never a guess.</p>\n");
    let rows: Vec<Vec<Cell>> = d
        .targets
        .iter()
        .map(|t| {
            vec![
                Cell::text(t.criterion),
                Cell::text(&t.target),
                Cell::text(t.value.as_deref().unwrap_or("—")),
                Cell::text(t.status.label()).class(status_class(t.status)),
                Cell::text(&t.basis),
            ]
        })
        .collect();
    h.push_str(&table(
        "targets",
        &["criterion", "target", "this design", "status", "how"],
        &rows,
    ));
    Ok(h)
}
