//! Simulating the discharge a design's `[reported]` section describes, beside the
//! literature values: the first check of the model against experiment.
//!
//! A reported cell impedance (Table 2 of Kurian et al. 2024) is read from an EIS
//! spectrum, so it is compared with the simulated spectrum, not with the DC pulse
//! resistance: [`low_frequency_impedance`] is Re Z at the low-frequency end of the
//! arcs, where −Im Z has its minimum before the diffusion tail — the intercept of the
//! last arc with the real axis, the resistance of all the processes whose arcs lie
//! above that frequency (the convention by which measured spectra are read, Irvine,
//! Sinclair & West 1990). Where the arcs merge into the tail and −Im Z has no minimum,
//! the point is the last one, going down in frequency, with a phase of at most 45°
//! (garnet's stated convention: a diffusion tail's phase is 45° or more). The DC
//! pulse resistance is reported beside it, labelled as such.

use garnet_units::{Dimension, Quantity};
use serde::Serialize;

use crate::protocol::{CurrentSpec, Protocol, Step};
use crate::schema::DesignFile;
use crate::{
    resistance_breakdown, simulate_impedance, CellError, CellParams, ImpedancePoint, Simulator,
    Summary,
};

/// Reported against simulated, for one design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Table 2 row.
    pub table2_id: Option<String>,
    /// Citation key of the report.
    pub source: Option<String>,
    /// Discharge current density used (mA/cm²).
    pub current_ma_cm2: f64,
    /// Temperature (°C).
    pub temperature_c: f64,
    /// Reported initial discharge capacity (mAh/g).
    pub reported_capacity_mah_per_g: Option<f64>,
    /// Simulated discharge capacity at the same current and temperature (mAh/g).
    pub simulated_capacity_mah_per_g: f64,
    /// Simulated / reported.
    pub capacity_ratio: Option<f64>,
    /// Reported cell impedance (Ω cm²).
    pub reported_impedance_ohm_cm2: Option<f64>,
    /// Simulated DC pulse resistance, the sum of the §5.1 contributions (Ω cm²): not
    /// an impedance, so not the quantity compared with `reported_impedance_ohm_cm2`.
    pub simulated_resistance_ohm_cm2: f64,
    /// Simulated low-frequency impedance, Re Z at `simulated_impedance_frequency_hz`
    /// ([`low_frequency_impedance`]), the quantity compared with the reported one (Ω cm²).
    pub simulated_impedance_ohm_cm2: f64,
    /// Frequency at which the simulated impedance is read (Hz).
    pub simulated_impedance_frequency_hz: f64,
    /// How that frequency was found: the minimum of −Im Z, or (arcs merged into the
    /// diffusion tail) the 45° phase point.
    pub simulated_impedance_criterion: ArcEnd,
    /// Simulated / reported impedance.
    pub impedance_ratio: Option<f64>,
}

/// Frequencies of the spectrum searched by [`low_frequency_impedance`]: 1 MHz down to
/// 1 mHz, 10 per decade.
pub fn comparison_frequencies() -> Vec<f64> {
    (0..=90)
        .map(|k| 10f64.powf(6.0 - k as f64 / 10.0))
        .collect()
}

/// How the compared point of a spectrum was found ([`arc_end_with`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArcEnd {
    /// The minimum of −Im Z between the arcs and the diffusion tail.
    Minimum,
    /// No minimum inside the band (the arcs merge into the tail): the last point,
    /// going down in frequency, whose phase −arg Z is at most 45° (a diffusion tail's
    /// phase is 45° or more).
    Phase45,
}

/// The point of a spectrum (ordered from high to low frequency) where the arcs end
/// and the diffusion tail begins, and how it was found. From the lowest frequency,
/// walk up in frequency while −Im Z does not rise (within 10⁻⁹ of the largest |Z|,
/// for numerical noise): where the walk stops inside the band is the minimum of −Im Z
/// before the tail (at the lowest frequency when the band shows no tail). Where it
/// reaches the highest frequency, −Im Z falls monotonically with frequency: either
/// there is no capacitance at all (−Im Z ≤ 10⁻⁶·Re Z at the top; that point is
/// taken) or the
/// arcs merge into the tail, and the point is the last one, going down in frequency,
/// with −arg Z ≤ 45°.
pub fn arc_end_with(spectrum: &[ImpedancePoint]) -> Option<(&ImpedancePoint, ArcEnd)> {
    let scale = spectrum
        .iter()
        .map(|p| p.z_real_ohm_cm2.hypot(p.z_imag_ohm_cm2))
        .fold(0.0, f64::max);
    let tol = 1e-9 * scale;
    let mut k = spectrum.len().checked_sub(1)?;
    while k > 0 && -spectrum[k - 1].z_imag_ohm_cm2 <= -spectrum[k].z_imag_ohm_cm2 + tol {
        k -= 1;
    }
    if k > 0 || -spectrum[0].z_imag_ohm_cm2 <= 1e-6 * spectrum[0].z_real_ohm_cm2.abs() {
        return spectrum.get(k).map(|p| (p, ArcEnd::Minimum));
    }
    let phase_ok = |p: &ImpedancePoint| -p.z_imag_ohm_cm2 <= p.z_real_ohm_cm2;
    let last = spectrum.iter().take_while(|p| phase_ok(p)).last();
    Some((last.unwrap_or(&spectrum[0]), ArcEnd::Phase45))
}

/// The point of [`arc_end_with`].
pub fn arc_end(spectrum: &[ImpedancePoint]) -> Option<&ImpedancePoint> {
    arc_end_with(spectrum).map(|(p, _)| p)
}

/// The simulated impedance that is compared with a reported (EIS) cell impedance: Re Z
/// at [`arc_end`] of the spectrum over [`comparison_frequencies`] at the design's
/// initial state.
///
/// Series layers whose arc apex 1/(2πRC) lies above the band (the separator's bulk,
/// typically 10⁷–10⁹ Hz: τ = ε₀ε_r/σ does not depend on its thickness) show only the
/// low-frequency foot of their arc in it, which would make a spurious minimum of −Im Z
/// at the top of the band; the arc end is therefore searched on the spectrum with those
/// layers as the plain resistances they are at these frequencies, and the compared
/// value is Re Z of the full spectrum there.
pub fn low_frequency_impedance(p: &CellParams) -> Result<(ImpedancePoint, ArcEnd), CellError> {
    let spectrum = simulate_impedance(p, None, &comparison_frequencies())?;
    let search = without_arcs_above_the_band(p, &spectrum);
    let (end, how) = arc_end_with(&search).ok_or_else(|| CellError::Field {
        file: p.name.clone(),
        field: "reported.cell_impedance".to_string(),
        message: "the simulated spectrum is empty".to_string(),
    })?;
    let z = spectrum
        .iter()
        .find(|z| z.frequency_hz == end.frequency_hz)
        .copied()
        .unwrap_or(*end);
    Ok((z, how))
}

/// `spectrum` (of `p`) with the series layers whose arc apex lies above its highest
/// frequency taken as plain resistances: the spectrum [`low_frequency_impedance`]
/// searches for the end of the arcs.
pub fn without_arcs_above_the_band(
    p: &CellParams,
    spectrum: &[ImpedancePoint],
) -> Vec<ImpedancePoint> {
    let top = spectrum.iter().map(|z| z.frequency_hz).fold(0.0, f64::max);
    let mut above = p.clone();
    above
        .series_layers
        .retain(|l| l.capacitance > 0.0 && l.apex_frequency() > top);
    spectrum
        .iter()
        .map(|z| {
            let w = 2.0 * std::f64::consts::PI * z.frequency_hz;
            let c = crate::impedance::series_layer_correction(&above, w) * 1e4;
            ImpedancePoint {
                z_real_ohm_cm2: z.z_real_ohm_cm2 - c.re,
                z_imag_ohm_cm2: z.z_imag_ohm_cm2 - c.im,
                ..*z
            }
        })
        .collect()
}

fn field_err(file: &str, field: &str, message: String) -> CellError {
    CellError::Field {
        file: file.to_string(),
        field: field.to_string(),
        message,
    }
}

/// Run the reported discharge of `design` (resolved as `p`).
pub fn compare_with_report(
    file: &str,
    design: &DesignFile,
    p: &CellParams,
) -> Result<Comparison, CellError> {
    let rep = design.reported.as_ref().ok_or_else(|| {
        field_err(
            file,
            "reported",
            "the design has no [reported] section".to_string(),
        )
    })?;
    let current_text = rep.current.as_deref().ok_or_else(|| {
        field_err(
            file,
            "reported.current",
            "missing: the discharge current of the report".to_string(),
        )
    })?;
    let current = match Quantity::parse_as("reported.current", current_text, Dimension::C_RATE) {
        Ok(q) => CurrentSpec::CRate(q.value),
        Err(_) => CurrentSpec::Density(
            Quantity::parse_as("reported.current", current_text, Dimension::CURRENT_DENSITY)
                .map_err(|e| field_err(file, "reported.current", e.to_string()))?
                .value,
        ),
    };
    let density = match current {
        CurrentSpec::CRate(r) => p.c_rate_to_current_density(r),
        CurrentSpec::Density(d) => d,
        CurrentSpec::Total(a) => a / p.area,
    };
    let q = |field: &str,
             text: &Option<String>,
             dim: Dimension,
             unit: &str|
     -> Result<Option<f64>, CellError> {
        text.as_deref()
            .map(|t| {
                Quantity::parse_as(field, t, dim)
                    .map(|q| q.value_in(unit).unwrap_or(q.value))
                    .map_err(|e| field_err(file, field, crate::edit::without_field(e)))
            })
            .transpose()
    };
    let reported_capacity = q(
        "reported.capacity",
        &rep.capacity,
        Dimension::SPECIFIC_CAPACITY,
        "mAh/g",
    )?;
    let reported_impedance = q(
        "reported.cell_impedance",
        &rep.cell_impedance,
        Dimension::AREA_SPECIFIC_RESISTANCE,
        "ohm cm2",
    )?;
    let protocol = Protocol {
        steps: vec![Step::ConstantCurrent {
            discharge: true,
            current,
            until_voltage: None,
            max_time: None,
        }],
        cycles: 1,
    };
    let mut sim = Simulator::new(p.clone());
    let mut y = sim.initial_state();
    let run = sim.run(&protocol, &mut y)?;
    let summary = Summary::of(&run, p);
    let simulated = summary.capacity_mah_per_g.ok_or_else(|| {
        field_err(
            file,
            "cathode.density",
            "the active mass is unknown, so capacity per gram cannot be compared".to_string(),
        )
    })?;
    let resistance = resistance_breakdown(p, None, 1.0)?;
    let (impedance, criterion) = low_frequency_impedance(p)?;
    Ok(Comparison {
        table2_id: rep.table2_id.clone(),
        source: rep.source.clone(),
        current_ma_cm2: density * 0.1,
        temperature_c: p.temperature - garnet_units::constants::ZERO_CELSIUS,
        reported_capacity_mah_per_g: reported_capacity,
        simulated_capacity_mah_per_g: simulated,
        capacity_ratio: reported_capacity.map(|r| simulated / r),
        reported_impedance_ohm_cm2: reported_impedance,
        simulated_resistance_ohm_cm2: resistance.r_total_ohm_cm2,
        simulated_impedance_ohm_cm2: impedance.z_real_ohm_cm2,
        simulated_impedance_frequency_hz: impedance.frequency_hz,
        simulated_impedance_criterion: criterion,
        impedance_ratio: reported_impedance.map(|r| impedance.z_real_ohm_cm2 / r),
    })
}
