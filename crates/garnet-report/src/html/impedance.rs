//! The simulated impedance: a Nyquist plot at half charge.

use garnet_plot::figures::{self, ImpedanceUnit};
use garnet_plot::{Series, Style};

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
    let nyquist = figures::nyquist(
        "Nyquist plot at 50 % state of charge",
        ImpedanceUnit::OhmCm2,
        vec![Series::new(
            "1 MHz – 1 mHz",
            d.impedance
                .iter()
                .map(|p| (p.z_real_ohm_cm2, p.z_imag_ohm_cm2))
                .collect(),
            Style::LinePoints,
        )],
    );
    Ok(figure(
        "fig-impedance",
        &nyquist.to_svg((700, 460))?,
        "Small-signal impedance of the model (linearised about rest), per electrode area; compare with `garnet eis fit` on measured spectra.",
    ))
}
