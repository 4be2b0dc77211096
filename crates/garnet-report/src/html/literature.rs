//! The design among the reported garnet cells of Table 2: impedance against capacity,
//! and the lowest-impedance cells of the design's strategy.

use std::fmt::Write;

use garnet_lit::Architecture;
use garnet_plot::{Series, Style, XyPlot};
use garnet_units::sig;

use super::blocks::{figure, table, Cell};
use super::Section;
use crate::data::ReportData;
use crate::ReportError;

/// The Table 2 section.
pub const SECTION: Section = Section {
    id: "sec-literature",
    nav: "Table 2",
    title: "Among the reported garnet cells (Table 2)",
    body,
};

/// How many reported cells of the same strategy the table lists.
const SAME_STRATEGY_SHOWN: usize = 6;

fn arch_name(a: Architecture) -> &'static str {
    match a {
        Architecture::DirectCoating => "direct coating",
        Architecture::CompositeCathode => "composite cathode",
        Architecture::ArtificialCei => "artificial CEI",
    }
}

fn body(d: &ReportData) -> Result<String, ReportError> {
    let mut h = plot(d)?;
    let lower = d
        .literature
        .iter()
        .filter(|c| c.impedance_ohm_cm2 > d.resistance.r_total_ohm_cm2)
        .count();
    let _ = writeln!(
        h,
        "<p>The design's internal resistance ({} Ω cm²) is below that of {} of the {} reported cells with an impedance; its strategy is <b>{}</b>.</p>",
        sig(d.resistance.r_total_ohm_cm2, 3),
        lower,
        d.literature.len(),
        arch_name(d.architecture)
    );
    let mut sorted: Vec<_> = d.literature.iter().collect();
    sorted.sort_by(|a, b| a.impedance_ohm_cm2.total_cmp(&b.impedance_ohm_cm2));
    let rows: Vec<Vec<Cell>> = sorted
        .iter()
        .filter(|c| c.architecture == d.architecture)
        .take(SAME_STRATEGY_SHOWN)
        .map(|c| {
            vec![
                Cell::text(&c.id),
                Cell::text(&c.cathode),
                Cell::text(sig(c.impedance_ohm_cm2, 3)),
                Cell::text(sig(c.capacity_mah_g, 4)),
            ]
        })
        .collect();
    if !rows.is_empty() {
        let _ = writeln!(
            h,
            "<p>Lowest-impedance reported cells of the same strategy ({}):</p>",
            arch_name(d.architecture)
        );
        h.push_str(&table(
            "literature",
            &["Table 2", "cathode", "Ω cm²", "mAh/g"],
            &rows,
        ));
    }
    Ok(h)
}

fn plot(d: &ReportData) -> Result<String, ReportError> {
    let points = |same: bool| -> Vec<(f64, f64)> {
        d.literature
            .iter()
            .filter(|c| (c.architecture == d.architecture) == same)
            .map(|c| (c.capacity_mah_g, c.impedance_ohm_cm2))
            .collect()
    };
    let q1c = d.at_1c.capacity_mah_per_g.unwrap_or(f64::NAN);
    let plot = XyPlot {
        title: "Cell impedance vs first discharge capacity".into(),
        x_label: "discharge capacity (mAh/g)".into(),
        y_label: "impedance (Ω cm²)".into(),
        log_x: false,
        log_y: true,
        series: vec![
            Series {
                label: format!("reported, {}", arch_name(d.architecture)),
                points: points(true),
                style: Style::Points,
            },
            Series {
                label: "reported, other strategies".into(),
                points: points(false),
                style: Style::Points,
            },
            Series {
                label: "this design (1C, total R)".into(),
                points: vec![(q1c, d.resistance.r_total_ohm_cm2)],
                style: Style::Highlight,
            },
        ],
    };
    Ok(figure(
        "fig-literature",
        &plot.to_svg((760, 480))?,
        "Table 2 of Kurian et al. 2024 [kurian2024]: cells reporting both an impedance and a capacity in mAh/g (reported at their own rates and temperatures, mostly well below 1C).",
    ))
}
