//! The simulated impedance: a Nyquist plot at half charge.

use garnet_plot::{Series, Style, XyPlot};

use super::blocks::figure;
use super::Section;
use crate::data::ReportData;
use crate::ReportError;

/// The impedance section.
pub const SECTION: Section = Section {
    id: "sec-impedance",
    nav: "Impedance",
    title: "Simulated impedance",
    body,
};

fn body(d: &ReportData) -> Result<String, ReportError> {
    let nyquist = XyPlot {
        title: "Nyquist plot at 50 % state of charge".into(),
        x_label: "Z' (Ω cm²)".into(),
        y_label: "−Z'' (Ω cm²)".into(),
        log_x: false,
        log_y: false,
        series: vec![Series {
            label: "1 MHz – 1 mHz".into(),
            points: d
                .impedance
                .iter()
                .map(|p| (p.z_real_ohm_cm2, -p.z_imag_ohm_cm2))
                .collect(),
            style: Style::LinePoints,
        }],
    };
    Ok(figure(
        "fig-impedance",
        &nyquist.to_svg((700, 460))?,
        "Small-signal impedance of the model (linearised about rest), per electrode area; compare with `garnet eis fit` on measured spectra.",
    ))
}
