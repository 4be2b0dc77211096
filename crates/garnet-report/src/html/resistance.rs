//! Where the resistance goes: the four §5.1 contributions as a bar chart and a table.

use garnet_lit::targets::MAX_RESISTANCE_OHM_CM2;
use garnet_plot::{Bar, BarChart};
use garnet_units::sig;

use super::blocks::{figure, table, Cell};
use super::Section;
use crate::data::ReportData;
use crate::ReportError;

/// The resistance section.
pub const SECTION: Section = Section {
    id: "sec-resistance",
    nav: "Resistance",
    title: "Where the resistance goes (§5.1)",
    body,
};

fn bar(label: &str, value: f64) -> Bar {
    Bar {
        label: label.into(),
        value,
    }
}

fn body(d: &ReportData) -> Result<String, ReportError> {
    let r = &d.resistance;
    let chart = BarChart {
        title: "Internal resistance by contribution".into(),
        y_label: "Ω cm²".into(),
        bars: vec![
            bar("electronic", r.r_electronic_ohm_cm2),
            bar("separator", r.r_separator_ohm_cm2),
            bar("composite ionic", r.r_composite_ionic_ohm_cm2),
            bar("interfacial", r.r_interface_ohm_cm2),
            bar("total", r.r_total_ohm_cm2),
        ],
        target: Some((
            format!("§6.1 target {MAX_RESISTANCE_OHM_CM2} Ω cm²"),
            MAX_RESISTANCE_OHM_CM2,
        )),
    };
    let mut h = figure(
        "fig-resistance",
        &chart.to_svg((800, 420))?,
        &format!(
            "The four contributions of §5.1 from a DC pulse of C/{} ({} mA/cm², R(I)/R(I/2) − 1 = {:+.2} %) for {} s at SOC {}; the interfacial part includes {} Ω cm² of cathode films and {} Ω cm² at the Li|garnet interface.",
            sig(1.0 / r.pulse_c_rate, 3),
            sig(r.pulse_current_ma_cm2, 3),
            100.0 * r.pulse_linear_error,
            sig(r.pulse_duration_s, 3),
            sig(r.soc, 3),
            sig(r.r_cathode_films_ohm_cm2, 3),
            sig(r.r_anode_interface_ohm_cm2, 3)
        ),
    );
    let row = |label: &str, value: f64| vec![Cell::text(label), Cell::text(sig(value, 4))];
    let mut rows = vec![
        row("(1) electronic, cathode", r.r_electronic_ohm_cm2),
        row("(2) ionic, separator", r.r_separator_ohm_cm2),
    ];
    // The bulk / grain-boundary split, where the design resolves grain boundaries.
    if r.r_separator_grain_boundary_ohm_cm2 > 0.0 {
        rows.push(row(
            "    of which grain interiors (bulk)",
            r.r_separator_bulk_ohm_cm2,
        ));
        rows.push(row(
            "    of which grain boundaries",
            r.r_separator_grain_boundary_ohm_cm2,
        ));
    }
    rows.extend([
        row(
            "(3) ionic, composite garnet network",
            r.r_composite_ionic_ohm_cm2,
        ),
        row("(4) interfacial", r.r_interface_ohm_cm2),
        row(
            "    of which cathode films (CEI, Li₂CO₃)",
            r.r_cathode_films_ohm_cm2,
        ),
        row("    of which Li|garnet", r.r_anode_interface_ohm_cm2),
        row(
            "    of which constriction (partial contact)",
            r.r_constriction_ohm_cm2,
        ),
        row("total of (1)–(4)", r.r_total_ohm_cm2),
        row("pulse resistance (V drop / I)", r.r_pulse_ohm_cm2),
        row(
            "solid diffusion during the pulse (not one of the four)",
            r.r_diffusion_ohm_cm2,
        ),
    ]);
    h.push_str(&table("resistance", &["contribution", "Ω cm²"], &rows));
    Ok(h)
}
