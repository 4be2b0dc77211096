//! Where the resistance goes: the four contributions of §5.1 of Kurian et al. 2024 —
//! (1) electronic resistance in the electrode, (2) ionic resistance of the separator,
//! (3) ionic resistance between cathode particles (the composite's garnet network),
//! (4) interfacial resistance between electrode and electrolyte (charge transfer,
//! films and the Li|garnet interface) — from a short current pulse and from the
//! overpotential terms at its end.
//!
//! The pulse is a DC resistance, not an impedance: it is compared with reported EIS
//! values only through the simulated spectrum (`compare.rs`). A pulse resistance is
//! only a resistance where the response is linear; Butler–Volmer kinetics,
//! η = (2RT/F)·asinh(j/2j₀), are linear to 1 % only for F·η/2RT ≲ 0.25, which a
//! garnet-sized interface resistance (hundreds of Ω cm²) exceeds at C/10. So the
//! pulse starts at C/10 and its linearity error ε = R(I)/R(I/2) − 1 is reported; while
//! |ε| > 1 % the current is divided by ten (down to C/10⁴). The model's only
//! non-linear elements in a short pulse are the two Butler–Volmer interfaces (ohmic
//! drops, films and solid diffusion are linear in I), so ε follows from the pulse's
//! own overpotentials without a second simulation ([`linearity_error`]); for BV alone
//! it is asinh(u)/(2·asinh(u/2)) − 1 with u = j/2j₀.

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
    /// Pulse current as a C-rate (C/10, or smaller where C/10 is not linear).
    pub pulse_c_rate: f64,
    /// Linearity of the pulse: R_pulse(I)/R_pulse(I/2) − 1 (0 for a linear response;
    /// negative where kinetics make the resistance fall with current).
    pub pulse_linear_error: f64,
    /// The cathode charge-transfer overpotential at the end of the pulse over 2RT/F
    /// (Butler–Volmer is linear to ~1 % below 0.25).
    pub pulse_eta_reaction_over_2rt_f: f64,
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

/// Linearity tolerance of the pulse, |R(I)/R(I/2) − 1|.
pub const PULSE_LINEAR_TOLERANCE: f64 = 0.01;

/// One discharge pulse of `c_rate` for `duration` s from rest: (V_rest, the last
/// sample). Below C/10 the solver tolerances shrink with the current, so that the
/// pulse's overpotentials keep the accuracy they have at C/10.
fn pulse(
    params: &CellParams,
    c_rate: f64,
    duration: f64,
) -> Result<(f64, crate::Sample, f64), CellError> {
    let mut params = params.clone();
    let scale = (c_rate / 0.1).min(1.0);
    params.tolerances = (params.tolerances.0 * scale, params.tolerances.1 * scale);
    let mut sim = Simulator::new(params.clone());
    let mut y = sim.initial_state();
    let v_rest = sim.model.voltage(&y);
    let protocol = Protocol {
        steps: vec![Step::ConstantCurrent {
            discharge: true,
            current: CurrentSpec::CRate(c_rate),
            until_voltage: Some(params.v_min.min(v_rest - 0.5)),
            max_time: Some(duration),
        }],
        cycles: 1,
    };
    let run = sim.run(&protocol, &mut y)?;
    let end = run
        .samples
        .last()
        .copied()
        .ok_or_else(|| CellError::Field {
            file: "pulse".to_string(),
            field: "protocol".to_string(),
            message: "the pulse produced no output".to_string(),
        })?;
    Ok((v_rest, end, run.state[crate::Model::ANODE]))
}

/// R(I/2)/R(I) of a Butler–Volmer interface at kinetic overpotential η (V) and
/// temperature T: with j = 2j₀·sinh(Fη/2RT), half the current needs
/// η' = (2RT/F)·asinh(sinh(Fη/2RT)/2), so the ratio is 2η'/η (1 as η → 0).
pub fn butler_volmer_half_current_ratio(eta: f64, temperature: f64) -> f64 {
    let k = garnet_units::constants::FARADAY / (2.0 * garnet_units::constants::GAS * temperature);
    let x = k * eta;
    if x.abs() < 1e-8 {
        return 1.0;
    }
    2.0 * (0.5 * x.sinh()).asinh() / x
}

/// Linearity error ε = R(I)/R(I/2) − 1 of a pulse resistance `r_pulse` (any unit) of
/// which the `interfaces` (resistance in that unit, kinetic overpotential in V) are
/// Butler–Volmer and the rest linear: R(I/2) = R(I) − Σ_k r_k·(1 − ρ_k), ρ_k from
/// [`butler_volmer_half_current_ratio`].
pub fn linearity_error(r_pulse: f64, interfaces: &[(f64, f64)], temperature: f64) -> f64 {
    let r_half = r_pulse
        - interfaces
            .iter()
            .map(|&(r, eta)| r * (1.0 - butler_volmer_half_current_ratio(eta, temperature)))
            .sum::<f64>();
    r_pulse / r_half - 1.0
}

/// The breakdown at state of charge `soc` (the design's initial state when `None`;
/// checked by [`StateOfCharge::new`]), from a discharge pulse of `duration` seconds
/// from rest, at C/10 or, where that is not linear to [`PULSE_LINEAR_TOLERANCE`], at
/// C/100, C/1000 or C/10⁴ (the first that is; the last otherwise, with its error
/// reported).
///
/// The pulse must outlast the double-layer charging (1 s is ample for C_dl ≈ 0.2 F/m²).
pub fn resistance_breakdown(
    p: &CellParams,
    soc: Option<f64>,
    duration: f64,
) -> Result<ResistanceBreakdown, CellError> {
    let mut params = p.clone();
    if let Some(s) = soc {
        params.x_init = StateOfCharge::new(s)?.stoichiometry(p.x_charged, p.x_discharged);
    }
    let r_pulse = |v_rest: f64, end: &crate::Sample| {
        (v_rest - end.breakdown.voltage) / (end.current / p.area)
    };
    let mut c_rate = 0.1;
    let (v_rest, end, linear_error) = loop {
        let (v_rest, end, dphi_anode) = pulse(&params, c_rate, duration)?;
        let i = end.current / p.area;
        // The two BV interfaces: cathode kinetics (the current-weighted mean η, films
        // excluded) and the Li interface (Δφ_a), as resistances −η/I and Δφ_a/I.
        let interfaces = [
            (-end.breakdown.reaction / i, end.breakdown.reaction),
            (dphi_anode / i, dphi_anode),
        ];
        let error = linearity_error(r_pulse(v_rest, &end), &interfaces, p.temperature);
        if error.abs() <= PULSE_LINEAR_TOLERANCE || c_rate < 1e-3 {
            break (v_rest, end, error);
        }
        c_rate *= 0.1;
    };
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
    let two_rt_f =
        2.0 * garnet_units::constants::GAS * p.temperature / garnet_units::constants::FARADAY;
    Ok(ResistanceBreakdown {
        soc: soc_used,
        pulse_current_ma_cm2: i * 0.1,
        pulse_c_rate: c_rate,
        pulse_linear_error: linear_error,
        pulse_eta_reaction_over_2rt_f: b.reaction.abs() / two_rt_f,
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
        r_pulse_ohm_cm2: r_pulse(v_rest, &end) * TO_OHM_CM2,
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
