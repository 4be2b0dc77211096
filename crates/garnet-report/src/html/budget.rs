//! The mass and volume budget: the layers and the inactive share of the stack.

use std::fmt::Write;

use garnet_units::sig;

use super::blocks::{table, Cell};
use super::Section;
use crate::data::ReportData;
use crate::ReportError;

/// The budget section.
pub const SECTION: Section = Section {
    id: "sec-budget",
    nav: "Mass budget",
    title: "Mass and volume budget",
    body,
};

fn body(d: &ReportData) -> Result<String, ReportError> {
    let mut h = String::from("<p class=\"small\">Per unit electrode area, anode side first. Densities are as built (pores weigh nothing); sources in brackets resolve in the list of sources.</p>\n");
    let rows: Vec<Vec<Cell>> = d
        .layers
        .iter()
        .map(|(name, t_um, rho, m, src)| {
            vec![
                Cell::text(name),
                Cell::text(sig(*t_um, 4)),
                Cell::text(sig(*rho, 4)),
                Cell::text(sig(*m, 4)),
                Cell::text(src),
            ]
        })
        .collect();
    h.push_str(&table(
        "budget",
        &[
            "layer",
            "thickness (µm)",
            "density (g/cm³)",
            "areal mass (mg/cm²)",
            "density from",
        ],
        &rows,
    ));
    let _ = writeln!(
        h,
        "<p>Inactive share of the stack's mass: <b>{} %</b>; current density at 1C: {} mA/cm²; stack {} Wh/kg and {} Wh/L at 1C.</p>",
        sig(100.0 * d.inactive_mass_fraction, 3),
        sig(d.current_density_1c_ma_cm2, 3),
        sig(d.stack_wh_per_kg, 3),
        sig(d.stack_wh_per_l, 3)
    );
    Ok(h)
}
