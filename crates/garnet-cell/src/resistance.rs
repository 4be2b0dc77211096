//! Where the resistance goes: the four contributions of §5.1 of Kurian et al. 2024 —
//! (1) electronic resistance in the electrode, (2) ionic resistance of the separator,
//! (3) ionic resistance between cathode particles (the composite's garnet network),
//! (4) interfacial resistance between electrode and electrolyte (charge transfer,
//! films and the Li|garnet interface) — from a short current pulse and from the
//! overpotential terms at its end.

use serde::Serialize;

use crate::protocol::{CurrentSpec, Protocol, Step};
use crate::{CellError, CellParams, Simulator, StateOfCharge};

/// The §5.1 breakdown at one state of charge, in Ω cm² of electrode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResistanceBreakdown {
    /// State of charge of the pulse.
    pub soc: f64,
    /// Pulse current density (mA/cm²), discharge.
    pub pulse_current_ma_cm2: f64,
    /// Pulse length (s).
    pub pulse_duration_s: f64,
    /// (1) electronic resistance of the cathode.
    pub r_electronic_ohm_cm2: f64,
    /// (2) ionic resistance of the separator.
    pub r_separator_ohm_cm2: f64,
    /// … of which the grain interiors (bulk); all of (2) when the design resolves no
    /// grain boundaries.
    pub r_separator_bulk_ohm_cm2: f64,
    /// … of which the grain boundaries (series brick layer; 0 when not resolved).
    pub r_separator_grain_boundary_ohm_cm2: f64,
    /// (3) ionic resistance of the composite's garnet network.
    pub r_composite_ionic_ohm_cm2: f64,
    /// (4) interfacial resistance: cathode charge transfer + films + Li|garnet.
    pub r_interface_ohm_cm2: f64,
    /// … of which the films on the cathode (artificial CEI, Li₂CO₃ on the particles or
    /// on the separator's cathode face, the latter a series resistance δ/σ(T)).
    pub r_cathode_films_ohm_cm2: f64,
    /// … of which the Li|garnet interface.
    pub r_anode_interface_ohm_cm2: f64,
    /// … of which the constriction of the partial cathode|garnet contact (the
    /// current squeezed through the contact spots; [`crate::contact`]).
    pub r_constriction_ohm_cm2: f64,
    /// Solid diffusion during the pulse (not one of the four; shown for completeness).
    pub r_diffusion_ohm_cm2: f64,
    /// Sum of the four contributions.
    pub r_total_ohm_cm2: f64,
    /// Resistance from the pulse itself: (V_rest − V_end)/I.
    pub r_pulse_ohm_cm2: f64,
}

/// Ω m² → Ω cm².
const TO_OHM_CM2: f64 = 1e4;

/// The breakdown at state of charge `soc` (the design's initial state when `None`;
/// checked by [`StateOfCharge::new`]),
/// from a discharge pulse of C/10 for `duration` seconds from rest.
///
/// C/10 keeps the overpotentials in the linear range; the pulse must outlast the
/// double-layer charging (1 s is ample for C_dl ≈ 0.2 F/m²).
pub fn resistance_breakdown(
    p: &CellParams,
    soc: Option<f64>,
    duration: f64,
) -> Result<ResistanceBreakdown, CellError> {
    let mut params = p.clone();
    if let Some(s) = soc {
        params.x_init = StateOfCharge::new(s)?.stoichiometry(p.x_charged, p.x_discharged);
    }
    let mut sim = Simulator::new(params.clone());
    let mut y = sim.initial_state();
    let v_rest = sim.model.voltage(&y);
    let protocol = Protocol {
        steps: vec![Step::ConstantCurrent {
            discharge: true,
            current: CurrentSpec::CRate(0.1),
            until_voltage: Some(p.v_min.min(v_rest - 0.5)),
            max_time: Some(duration),
        }],
        cycles: 1,
    };
    let run = sim.run(&protocol, &mut y)?;
    let end = run.samples.last().ok_or_else(|| CellError::Field {
        file: "pulse".to_string(),
        field: "protocol".to_string(),
        message: "the pulse produced no output".to_string(),
    })?;
    let i = end.current / p.area;
    let b = end.breakdown;
    let r = |eta: f64| -eta / i * TO_OHM_CM2;
    // Split the cathode film drop out of the interface term for reporting, and the
    // constriction out of the film drop. The film term holds I·R_face of the Li₂CO₃ on
    // the separator's cathode face (all the current crosses it) plus the drop across the
    // particle contacts, where films and constriction carry the same current per
    // contact area and so share the drop in the ratio of their resistances.
    let series = p.series_film_resistance();
    let face = p.cathode_face_resistance * TO_OHM_CM2;
    let at_contacts = r(b.film) - face;
    let constriction = if series > 0.0 {
        at_contacts * p.constriction_resistance / series
    } else {
        0.0
    };
    let films = face + at_contacts - constriction;
    let anode = r(b.anode);
    let interface = r(b.reaction) + films + constriction + anode;
    let (electronic, separator, ionic) = (r(b.electronic), r(b.separator), r(b.electrolyte));
    // Bulk and grain boundaries carry the same (uniform) separator current in series, so
    // they split the separator's drop as their resistances.
    let separator_gb = separator * separator_grain_boundary_share(p);
    let soc_used = (params.x_discharged - params.x_init) / (params.x_discharged - params.x_charged);
    Ok(ResistanceBreakdown {
        soc: soc_used,
        pulse_current_ma_cm2: i * 0.1,
        pulse_duration_s: end.time,
        r_electronic_ohm_cm2: electronic,
        r_separator_ohm_cm2: separator,
        r_separator_bulk_ohm_cm2: separator - separator_gb,
        r_separator_grain_boundary_ohm_cm2: separator_gb,
        r_composite_ionic_ohm_cm2: ionic,
        r_interface_ohm_cm2: interface,
        r_cathode_films_ohm_cm2: films,
        r_anode_interface_ohm_cm2: anode,
        r_constriction_ohm_cm2: constriction,
        r_diffusion_ohm_cm2: r(b.particle),
        r_total_ohm_cm2: electronic + separator + ionic + interface,
        r_pulse_ohm_cm2: (v_rest - b.voltage) / i * TO_OHM_CM2,
    })
}

/// The grain boundaries' share of the separator resistance, R_gb/(L_s/σ_sep), from the
/// design's series layers (0 when none are resolved).
fn separator_grain_boundary_share(p: &CellParams) -> f64 {
    let r_gb: f64 = p
        .series_layers
        .iter()
        .filter(|l| l.kind == crate::SeriesLayerKind::SeparatorGrainBoundary)
        .fold(0.0, |sum, l| sum + l.resistance); // +0.0 when none (an empty f64 sum is −0.0)
    r_gb / (p.l_sep / p.sigma_sep)
}
