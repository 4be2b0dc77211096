//! Solid-electrolyte workflow: conductivities of a pellet from a fitted circuit, arcs
//! assigned by capacitance, and the Arrhenius fit over temperature.
//!
//! - σ = L/(R·A) (S/m) for thickness L (m), electrode area A (m²), resistance R (Ω).
//! - Effective capacitance of each arc: C for R ∥ C; C = (Q R^(1−α))^(1/α) for R ∥ CPE
//!   (Hsu & Mansfeld, *Corrosion* 57 (2001) 747); C = τ/R for K and Zarc elements.
//! - Assignment (Irvine, Sinclair & West, *Adv. Mater.* 2 (1990) 132, Table 1, values
//!   for a cell constant L/A = 1 cm⁻¹): the capacitance is first normalised to that
//!   cell constant, Cₙ = C·(L/A)/(1 cm⁻¹); then Cₙ < 1e-11 F bulk, 1e-11–1e-8 F grain
//!   boundary, 1e-8–1e-7 F surface layer (Irvine's 1e-9–1e-7 F, the overlap with grain
//!   boundaries given to grain boundaries), 1e-7–1e-4 F electrode interface, above
//!   that an electrochemical reaction.
//! - Each arc's time constant τ = R·C (for R ∥ CPE with Hsu–Mansfeld's C this is
//!   τ = (R Q)^(1/α)) and its apex frequency f = 1/(2πτ). An arc whose apex lies above
//!   f_max/√10, half a decade below the highest measured frequency f_max
//!   ([`conductivities_in_band`], [`RESOLVED_DECADES`]), is out of the window:
//!   only its resistance is determined (the spectrum sees it as a resistor), so it is
//!   not assigned by its capacitance and its R joins the high-frequency intercept.
//! - When no arc in the window is bulk (the bulk arc lies above the highest measured
//!   frequency, as for most garnet pellets at room temperature), the high-frequency
//!   intercept (the series resistance plus the arcs above the window) is taken as the
//!   bulk resistance and a note says so.
//! - Brick-layer model (Haile, West & Campbell, *J. Mater. Res.* 13 (1998) 1576;
//!   after van Dijk & Burggraaf 1981): the grain-boundary layer of thickness δ in grains
//!   of size d has C_gb/C_bulk = d/δ (equal permittivities), so the specific
//!   grain-boundary conductivity is σ_gb,sp = (L/A)/R_gb · (C_bulk/C_gb).
//! - Brug's formula for a CPE's capacitance (Brug et al. 1984) is for a surface
//!   distribution of time constants in series with the electrolyte resistance; it is
//!   not used for the bulk and grain-boundary arcs, which are R ∥ CPE (Hsu–Mansfeld).
//! - Arrhenius: σT = A exp(−Eₐ/(k_B T)), fitted as ln(σT) = ln A − (Eₐ/k_B)(1/T) by
//!   ordinary least squares; the standard error of Eₐ is k_B times that of the slope.

use serde::Serialize;

use crate::circuit::{Circuit, Node};
use crate::element::ElementKind;
use crate::error::EisError;

/// Boltzmann constant over the elementary charge, k_B/e (V/K), exact in the 2019 SI.
const KB_EV: f64 = garnet_units::constants::BOLTZMANN / garnet_units::constants::ELEMENTARY_CHARGE;

/// How far below the highest measured frequency an arc's apex must lie for the arc to
/// count as in the window: half a decade, √10. Closer to f_max the arc's high-frequency
/// side is not measured and its R trades with the series resistance (on the series of
/// `tests/arrhenius.rs` a lead resistance of 0.1 Ω came out as 10–20 Ω with the apex at
/// 0.8 f_max), so only R0 + R, the high-frequency intercept, is determined.
pub const RESOLVED_DECADES: f64 = 3.162_277_660_168_379_5;

/// A high-frequency intercept below this fraction of the arcs' total resistance is not
/// a measurement (a fit that ran the series resistance to ~0 in log space): it is not
/// taken as the bulk resistance.
pub const UNDETERMINED: f64 = 1e-6;

/// Pellet geometry.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Geometry {
    /// Thickness L (m).
    pub thickness_m: f64,
    /// Electrode area A (m²).
    pub area_m2: f64,
}

impl Geometry {
    /// From thickness and area (both positive).
    pub fn new(thickness_m: f64, area_m2: f64) -> Result<Self, EisError> {
        for (field, v) in [("thickness", thickness_m), ("area", area_m2)] {
            if !(v > 0.0 && v.is_finite()) {
                return Err(EisError::Invalid {
                    field: field.to_string(),
                    message: format!("must be a positive number, got {v}"),
                });
            }
        }
        Ok(Self {
            thickness_m,
            area_m2,
        })
    }

    /// From thickness and the diameter d of a disc electrode: A = π d²/4.
    pub fn from_diameter(thickness_m: f64, diameter_m: f64) -> Result<Self, EisError> {
        if !(diameter_m > 0.0 && diameter_m.is_finite()) {
            return Err(EisError::Invalid {
                field: "diameter".to_string(),
                message: format!("must be a positive number, got {diameter_m}"),
            });
        }
        Self::new(
            thickness_m,
            std::f64::consts::PI * diameter_m * diameter_m / 4.0,
        )
    }

    /// σ = L/(R·A) (S/m).
    pub fn conductivity(&self, resistance_ohm: f64) -> f64 {
        self.thickness_m / (resistance_ohm * self.area_m2)
    }
}

/// What an arc is, by its capacitance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Contribution {
    /// Bulk (grain interior).
    Bulk,
    /// Grain boundary.
    GrainBoundary,
    /// Surface layer.
    SurfaceLayer,
    /// Sample–electrode interface.
    ElectrodeInterface,
    /// Electrochemical reaction.
    Electrochemical,
}

impl Contribution {
    /// Assign from the capacitance normalised to a cell constant of 1 cm⁻¹ (F).
    pub fn from_normalised_capacitance(c: f64) -> Self {
        if c < 1e-11 {
            Contribution::Bulk
        } else if c < 1e-8 {
            Contribution::GrainBoundary
        } else if c < 1e-7 {
            Contribution::SurfaceLayer
        } else if c < 1e-4 {
            Contribution::ElectrodeInterface
        } else {
            Contribution::Electrochemical
        }
    }
}

/// One arc of the fitted circuit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArcAssignment {
    /// The block as written (`p(R1,CPE1)`).
    pub block: String,
    /// Its resistance (Ω).
    pub resistance_ohm: f64,
    /// Effective capacitance (F).
    pub capacitance_f: f64,
    /// Capacitance normalised to L/A = 1 cm⁻¹ (F).
    pub normalised_capacitance_f: f64,
    /// What it was assigned to by its capacitance.
    pub contribution: Contribution,
    /// Time constant τ = R·C (s).
    pub time_constant_s: f64,
    /// Apex frequency 1/(2πτ) (Hz).
    pub apex_frequency_hz: f64,
    /// Whether the apex lies above the highest measured frequency: then only R is
    /// determined, the arc counts in the high-frequency intercept and not as
    /// `contribution`.
    pub above_band: bool,
}

/// Conductivities of a pellet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conductivities {
    /// The arcs with their assignment.
    pub arcs: Vec<ArcAssignment>,
    /// Bulk resistance (Ω).
    pub bulk_resistance_ohm: Option<f64>,
    /// Grain-boundary resistance (Ω).
    pub grain_boundary_resistance_ohm: Option<f64>,
    /// Bulk σ (S/m).
    pub bulk_s_per_m: Option<f64>,
    /// Grain-boundary σ on the pellet's geometry (S/m).
    pub grain_boundary_s_per_m: Option<f64>,
    /// Total σ from bulk + grain boundary (S/m).
    pub total_s_per_m: Option<f64>,
    /// Whether the bulk resistance is the high-frequency intercept (no bulk arc in the
    /// window).
    pub bulk_from_intercept: bool,
    /// Specific grain-boundary σ of the brick-layer model, (L/A)/R_gb · (C_bulk/C_gb)
    /// (S/m); needs one bulk and one grain-boundary arc in the window.
    pub grain_boundary_specific_s_per_m: Option<f64>,
    /// Assumptions made.
    pub notes: Vec<String>,
}

pub(crate) fn collect(
    node: &Node,
    values: &[f64],
    offset: &mut usize,
    out: &mut Vec<(ElementKind, Vec<f64>)>,
) {
    match node {
        Node::Element(e) => {
            let n = e.kind.params().len();
            out.push((
                e.kind,
                values.get(*offset..*offset + n).unwrap_or(&[]).to_vec(),
            ));
            *offset += n;
        }
        Node::Series(items) | Node::Parallel(items) => {
            for i in items {
                collect(i, values, offset, out);
            }
        }
    }
}

/// (R, C) of an arc block, if it is one: R ∥ C, R ∥ CPE, K, Zarc.
pub(crate) fn arc_of(elements: &[(ElementKind, Vec<f64>)]) -> Option<(f64, f64)> {
    if let [(kind, p)] = elements {
        return match kind {
            ElementKind::K | ElementKind::Zarc => Some((p[0], p[1] / p[0])),
            _ => None,
        };
    }
    let rs: Vec<f64> = elements
        .iter()
        .filter(|e| e.0 == ElementKind::R)
        .map(|e| e.1[0])
        .collect();
    let caps: Vec<&(ElementKind, Vec<f64>)> = elements
        .iter()
        .filter(|e| matches!(e.0, ElementKind::C | ElementKind::Cpe))
        .collect();
    if rs.len() != 1 || caps.len() != 1 || elements.len() != 2 {
        return None;
    }
    let r = rs[0];
    let c = match caps[0] {
        (ElementKind::C, p) => p[0],
        (_, p) => (p[0] * r.powf(1.0 - p[1])).powf(1.0 / p[1]),
    };
    Some((r, c))
}

/// Assign the arcs of a fitted circuit and compute bulk, grain-boundary and total σ,
/// every arc taken as inside the measured window ([`conductivities_in_band`] with no
/// highest frequency).
pub fn conductivities(
    circuit: &Circuit,
    values: &[f64],
    geometry: &Geometry,
) -> Result<Conductivities, EisError> {
    conductivities_in_band(circuit, values, geometry, None)
}

/// [`conductivities`] for a spectrum measured up to `fmax_hz`: an arc whose apex
/// 1/(2πτ) lies above it is out of the window (see the module doc).
pub fn conductivities_in_band(
    circuit: &Circuit,
    values: &[f64],
    geometry: &Geometry,
    fmax_hz: Option<f64>,
) -> Result<Conductivities, EisError> {
    circuit.check_params(values)?;
    let top: Vec<&Node> = match circuit.root() {
        Node::Series(items) => items.iter().collect(),
        other => vec![other],
    };
    let cell_constant_per_cm = geometry.thickness_m / geometry.area_m2 / 100.0;
    let mut offset = 0;
    let mut arcs = Vec::new();
    let mut series_r = 0.0;
    let mut notes = Vec::new();
    let mut above: Vec<(String, f64)> = Vec::new();
    for node in top {
        let mut els = Vec::new();
        collect(node, values, &mut offset, &mut els);
        if let (Node::Element(e), [(ElementKind::R, p)]) = (node, els.as_slice()) {
            let _ = e;
            series_r += p[0];
            continue;
        }
        match arc_of(&els) {
            Some((r, c)) => {
                let cn = c * cell_constant_per_cm;
                let tau = r * c;
                let apex = 1.0 / (2.0 * std::f64::consts::PI * tau);
                let above_band = fmax_hz.is_some_and(|f| apex > f / RESOLVED_DECADES);
                if above_band {
                    series_r += r;
                    above.push((node.to_string(), apex));
                }
                arcs.push(ArcAssignment {
                    block: node.to_string(),
                    resistance_ohm: r,
                    capacitance_f: c,
                    normalised_capacitance_f: cn,
                    contribution: Contribution::from_normalised_capacitance(cn),
                    time_constant_s: tau,
                    apex_frequency_hz: apex,
                    above_band,
                });
            }
            None => notes.push(format!(
                "{node} is not an R∥C, R∥CPE, K or Zarc arc and was not assigned"
            )),
        }
    }
    for (block, apex) in &above {
        notes.push(format!(
            "{block}: apex at {apex:.3e} Hz, within half a decade of or above the highest measured frequency {:.3e} Hz: only its resistance is determined; it is counted in the high-frequency intercept",
            fmax_hz.unwrap_or(f64::INFINITY)
        ));
    }
    let in_band = |c: Contribution| {
        arcs.iter()
            .filter(move |a| a.contribution == c && !a.above_band)
    };
    let sum = |c: Contribution| -> Option<f64> {
        let v: Vec<f64> = in_band(c).map(|a| a.resistance_ohm).collect();
        (!v.is_empty()).then(|| v.iter().sum())
    };
    let mut bulk = sum(Contribution::Bulk);
    let mut bulk_from_intercept = false;
    let arcs_r: f64 = arcs.iter().map(|a| a.resistance_ohm).sum();
    if bulk.is_none() && series_r > UNDETERMINED * arcs_r && series_r > 0.0 {
        bulk = Some(series_r);
        bulk_from_intercept = true;
        notes.push(format!(
            "no arc in the window has a bulk capacitance: the high-frequency intercept {series_r:.4e} Ω is taken as the bulk resistance"
        ));
    } else if bulk.is_none() && series_r > 0.0 {
        notes.push(format!(
            "no arc in the window has a bulk capacitance and the high-frequency intercept {series_r:.4e} Ω is below {UNDETERMINED:e} of the arcs' resistance (the fit ran it to ~0): no bulk resistance"
        ));
    }
    let gb = sum(Contribution::GrainBoundary);
    let one = |c: Contribution| -> Option<f64> {
        let v: Vec<f64> = in_band(c).map(|a| a.capacitance_f).collect();
        (v.len() == 1).then(|| v[0])
    };
    let specific = match (
        gb,
        one(Contribution::Bulk),
        one(Contribution::GrainBoundary),
    ) {
        (Some(r_gb), Some(c_b), Some(c_gb)) => Some(geometry.conductivity(r_gb) * c_b / c_gb),
        _ => None,
    };
    let total = match (bulk, gb) {
        (Some(b), Some(g)) => Some(b + g),
        (Some(b), None) => Some(b),
        _ => None,
    };
    notes.push(
        "arcs assigned by capacitance normalised to L/A = 1 cm⁻¹ (Irvine, Sinclair & West 1990)"
            .to_string(),
    );
    Ok(Conductivities {
        arcs,
        bulk_resistance_ohm: bulk,
        grain_boundary_resistance_ohm: gb,
        bulk_s_per_m: bulk.map(|r| geometry.conductivity(r)),
        grain_boundary_s_per_m: gb.map(|r| geometry.conductivity(r)),
        total_s_per_m: total.map(|r| geometry.conductivity(r)),
        bulk_from_intercept,
        grain_boundary_specific_s_per_m: specific,
        notes,
    })
}

/// An Arrhenius fit σT = A exp(−Eₐ/(k_B T)).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ArrheniusFit {
    /// Activation energy (eV).
    pub activation_energy_ev: f64,
    /// Its standard error (eV); `None` with two points.
    pub activation_energy_stderr_ev: Option<f64>,
    /// ln(A / (S K m⁻¹)).
    pub ln_prefactor: f64,
    /// σ at 25 °C from the fit (S/m).
    pub sigma_25c_s_per_m: f64,
    /// Number of temperatures.
    pub n_points: usize,
}

/// Fit ln(σT) against 1/T (T in K, σ in S/m).
pub fn arrhenius(temperatures_k: &[f64], sigma_s_per_m: &[f64]) -> Result<ArrheniusFit, EisError> {
    let n = temperatures_k.len();
    if n != sigma_s_per_m.len() || n < 2 {
        return Err(EisError::Invalid {
            field: "Arrhenius fit".to_string(),
            message: format!(
                "needs at least two temperatures with one conductivity each, got {n} and {}",
                sigma_s_per_m.len()
            ),
        });
    }
    if let Some(i) = (0..n).find(|&i| !(temperatures_k[i] > 0.0 && sigma_s_per_m[i] > 0.0)) {
        return Err(EisError::Invalid {
            field: "Arrhenius fit".to_string(),
            message: format!(
                "point {}: T = {} K and σ = {} S/m must both be positive",
                i + 1,
                temperatures_k[i],
                sigma_s_per_m[i]
            ),
        });
    }
    let x: Vec<f64> = temperatures_k.iter().map(|t| 1.0 / t).collect();
    let y: Vec<f64> = temperatures_k
        .iter()
        .zip(sigma_s_per_m)
        .map(|(t, s)| (s * t).ln())
        .collect();
    let xm = x.iter().sum::<f64>() / n as f64;
    let ym = y.iter().sum::<f64>() / n as f64;
    let sxx: f64 = x.iter().map(|x| (x - xm).powi(2)).sum();
    if sxx.is_nan() || sxx <= 0.0 {
        return Err(EisError::Invalid {
            field: "Arrhenius fit".to_string(),
            message: "all temperatures are equal".to_string(),
        });
    }
    let slope = x
        .iter()
        .zip(&y)
        .map(|(x, y)| (x - xm) * (y - ym))
        .sum::<f64>()
        / sxx;
    let intercept = ym - slope * xm;
    let stderr = (n > 2).then(|| {
        let rss: f64 = x
            .iter()
            .zip(&y)
            .map(|(x, y)| (y - intercept - slope * x).powi(2))
            .sum();
        (rss / (n - 2) as f64 / sxx).sqrt() * KB_EV
    });
    let t25 = garnet_units::constants::ZERO_CELSIUS + 25.0;
    Ok(ArrheniusFit {
        activation_energy_ev: -slope * KB_EV,
        activation_energy_stderr_ev: stderr,
        ln_prefactor: intercept,
        sigma_25c_s_per_m: (intercept + slope / t25).exp() / t25,
        n_points: n,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn pellet_conductivity_and_assignment() {
        // 1.2 mm × ⌀10 mm: A = 7.854e-5 m², L/A = 15.28 m⁻¹ = 0.1528 cm⁻¹.
        let g = Geometry::from_diameter(1.2e-3, 10e-3).unwrap();
        assert!((g.area_m2 - 7.853981633974483e-5).abs() < 1e-18);
        // R∥C bulk 100 Ω, 30 pF → Cn = 4.6e-12 (bulk); R∥CPE gb 400 Ω with
        // Q = 1e-9, α = 0.9 → C = (1e-9·400^0.1)^(1/0.9); CPE interface 1e-6.
        let c = Circuit::parse("R0-p(R1,C1)-p(R2,CPE2)-CPE3").unwrap();
        let v = [5.0, 100.0, 30e-12, 400.0, 1e-9, 0.9, 1e-6, 0.8];
        let r = conductivities(&c, &v, &g).unwrap();
        assert_eq!(r.arcs.len(), 2);
        assert_eq!(r.arcs[0].contribution, Contribution::Bulk);
        assert_eq!(r.arcs[1].contribution, Contribution::GrainBoundary);
        let c_gb = (1e-9 * 400f64.powf(0.1)).powf(1.0 / 0.9);
        assert!((r.arcs[1].capacitance_f / c_gb - 1.0).abs() < 1e-12);
        let sigma = |rr: f64| 1.2e-3 / (rr * 7.853981633974483e-5);
        assert!((r.bulk_s_per_m.unwrap() / sigma(100.0) - 1.0).abs() < 1e-12);
        assert!((r.grain_boundary_s_per_m.unwrap() / sigma(400.0) - 1.0).abs() < 1e-12);
        assert!((r.total_s_per_m.unwrap() / sigma(500.0) - 1.0).abs() < 1e-12);
        assert!(r.notes.iter().any(|n| n.contains("CPE3")));
        // Without a bulk arc the intercept R0 is the bulk.
        let c = Circuit::parse("R0-p(R1,CPE1)").unwrap();
        let r = conductivities(&c, &[80.0, 400.0, 1e-9, 0.9], &g).unwrap();
        assert_eq!(r.bulk_resistance_ohm, Some(80.0));
        assert!(r.notes[0].contains("high-frequency intercept"));
        // An intercept run to ~0 is no bulk resistance.
        let r = conductivities(&c, &[1e-9, 400.0, 1e-9, 0.9], &g).unwrap();
        assert_eq!(r.bulk_resistance_ohm, None);
        assert!(!r.bulk_from_intercept);
        assert!(r.notes[0].contains("no bulk resistance"), "{:?}", r.notes);
    }

    #[test]
    fn arrhenius_recovers_activation_energy() {
        // σT = 1e6 exp(−0.40 eV/k_B T) S K/m, exact.
        let ea = 0.40;
        let t: Vec<f64> = [25.0, 50.0, 75.0, 100.0]
            .iter()
            .map(|c| c + 273.15)
            .collect();
        let s: Vec<f64> = t
            .iter()
            .map(|t| 1e6 * (-ea / (KB_EV * t)).exp() / t)
            .collect();
        let f = arrhenius(&t, &s).unwrap();
        assert!((f.activation_energy_ev - ea).abs() < 1e-12);
        assert!(f.activation_energy_stderr_ev.unwrap() < 1e-12);
        assert!((f.sigma_25c_s_per_m / s[0] - 1.0).abs() < 1e-12);
        assert!(arrhenius(&t[..1], &s[..1]).is_err());
    }
}
