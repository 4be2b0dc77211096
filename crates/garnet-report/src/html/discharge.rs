//! Discharge at several rates: the voltage curves, the Ragone plot and the rate table.

use garnet_lit::targets::{MIN_COMPOSITE_SPECIFIC_ENERGY_WH_KG, MIN_CURRENT_MA_CM2};
use garnet_plot::{figures, Series, Style, XyPlot};
use garnet_units::sig;

use super::blocks::{figure, table, Cell};
use super::Section;
use crate::data::ReportData;
use crate::ReportError;

/// The discharge section.
pub const SECTION: Section = Section {
    id: "sec-curves",
    nav: "Discharge",
    title: "Discharge at several rates",
    body,
};

fn body(d: &ReportData) -> Result<String, ReportError> {
    let mut h = String::from("<div class=\"grid\">");
    h.push_str(&curves(d)?);
    h.push_str(&ragone(d)?);
    h.push_str("</div>\n");
    h.push_str(&rates(d));
    Ok(h)
}

fn curves(d: &ReportData) -> Result<String, ReportError> {
    let curves = d.curves.iter().chain(d.capability.iter());
    let plot = figures::discharge(
        "Constant-current discharge",
        "mAh/g of active material",
        curves.map(|c| (c.label.clone(), c.curve.clone())).collect(),
    );
    Ok(figure(
        "fig-curves",
        &plot.to_svg((640, 460))?,
        &format!(
            "Discharge from the initial state to the lower cut-off at each rate; {MIN_CURRENT_MA_CM2} mA/cm² is the §6.1 current target."
        ),
    ))
}

fn ragone(d: &ReportData) -> Result<String, ReportError> {
    let plot = XyPlot {
        title: "Ragone plot".into(),
        x_label: "specific power (W/kg)".into(),
        y_label: "specific energy (Wh/kg)".into(),
        log_x: true,
        log_y: true,
        series: vec![
            Series {
                label: "cathode composite vs Li".into(),
                points: d
                    .ragone
                    .iter()
                    .map(|p| (p.composite_w_per_kg, p.composite_wh_per_kg))
                    .collect(),
                style: Style::LinePoints,
            },
            Series {
                label: "stack (all layers)".into(),
                points: d
                    .ragone
                    .iter()
                    .map(|p| (p.stack_w_per_kg, p.stack_wh_per_kg))
                    .collect(),
                style: Style::LinePoints,
            },
        ],
    };
    Ok(figure(
        "fig-ragone",
        &plot.to_svg((640, 460))?,
        &format!(
            "Rates {} C; §6.1 asks for up to {MIN_COMPOSITE_SPECIFIC_ENERGY_WH_KG} Wh/kg from the cathode composite.",
            d.ragone
                .iter()
                .map(|p| sig(p.c_rate, 2))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ))
}

fn rates(d: &ReportData) -> String {
    let mut rows: Vec<Vec<Cell>> = d
        .curves
        .iter()
        .chain(d.capability.iter())
        .map(|c| {
            vec![
                Cell::text(&c.label),
                Cell::text(sig(c.summary.capacity_mah_per_g.unwrap_or(f64::NAN), 4)),
                Cell::text(sig(c.summary.capacity_mah_per_cm2, 3)),
                Cell::text(sig(c.summary.mean_voltage_v, 4)),
                Cell::text(
                    c.summary
                        .utilisation
                        .map(|u| sig(100.0 * u, 3))
                        .unwrap_or_else(|| "—".into()),
                ),
            ]
        })
        .collect();
    if let Some(e) = d.energy_efficiency {
        rows.push(vec![
            Cell::text("1C charge → 1C discharge"),
            Cell::text(format!("energy efficiency {} %", sig(100.0 * e, 3))),
            Cell::text(""),
            Cell::text(""),
            Cell::text(""),
        ]);
    }
    table(
        "rates",
        &["rate", "mAh/g", "mAh/cm²", "mean V", "utilisation %"],
        &rows,
    )
}
