//! The key parameters of a design as (label, value) text, for the summary table.

use garnet_cell::{CellParams, DesignFile};
use garnet_units::sig;

/// The summary table's rows: temperature, area, separator, cathode, loading, contact,
/// voltage window, 1C, and the artificial CEI when the design has one.
pub fn parameters(p: &CellParams, file: &DesignFile) -> Vec<(String, String)> {
    let mut v = vec![
        (
            "temperature".to_string(),
            format!("{} °C", sig(p.temperature - 273.15, 4)),
        ),
        (
            "electrode area".to_string(),
            format!("{} cm²", sig(p.area * 1e4, 4)),
        ),
        (
            "separator".to_string(),
            format!(
                "{} {} µm, σ = {} S/cm",
                file.separator.material.as_deref().unwrap_or("garnet"),
                sig(p.l_sep * 1e6, 4),
                sig(p.sigma_sep / 100.0, 3)
            ),
        ),
        (
            "cathode".to_string(),
            format!(
                "{} {}, {} µm, ε_am = {}, ε_garnet = {}",
                file.cathode.material,
                if p.thin_film {
                    "thin film"
                } else {
                    "composite"
                },
                sig(p.l_cat * 1e6, 4),
                sig(p.eps_active, 3),
                sig(p.eps_electrolyte, 3)
            ),
        ),
        (
            "active loading".to_string(),
            format!("{} mg/cm²", sig(p.active_mass / p.area * 1e2, 4)),
        ),
        ("contact fraction".to_string(), sig(p.contact_fraction, 3)),
        (
            "connected active material".to_string(),
            format!("{} %", sig(100.0 * p.connected_fraction, 3)),
        ),
        (
            "voltage window".to_string(),
            format!("{} – {} V", sig(p.v_min, 4), sig(p.v_max, 4)),
        ),
        (
            "1C".to_string(),
            format!(
                "{} mAh ({} mA/cm²)",
                sig(p.nominal_capacity / 3.6, 4),
                sig(p.c_rate_to_current_density(1.0) * 0.1, 4)
            ),
        ),
    ];
    if p.contact_fraction < 1.0 {
        v.push((
            "constriction".to_string(),
            format!(
                "spots of {} µm: {} Ω cm² of contact (garnet side), solid diffusivity × {}",
                sig(p.contact_spot_radius * 1e6, 3),
                sig(p.constriction_resistance * 1e4, 3),
                sig(p.contact_diffusion_factor, 3)
            ),
        ));
    }
    if let (Some(name), Some(t)) = (&file.cathode.interlayer, &file.cathode.interlayer_thickness) {
        v.push(("artificial CEI".to_string(), format!("{name}, {t}")));
    }
    v
}
