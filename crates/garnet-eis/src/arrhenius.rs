//! The temperature series of a pellet: bulk, grain-boundary and total conductivity at
//! each temperature and their Arrhenius fits, with the bulk arc allowed to leave the
//! measured window as the pellet warms up.
//!
//! ```text
//! [Spectrum] + [T] + Geometry + ArrheniusOptions
//!   ──sort by T──▶ fit each temperature (alone, or from the previous result: series)
//!   ──conductivities_in_band (f_max of each spectrum)──▶ [ConductivityPoint]
//!   ──arrhenius_fits──▶ Eₐ of bulk, grain boundary, total (and specific grain boundary)
//! ```
//!
//! - Each fit is [`crate::fit`] with the caller's [`FitOptions`] (weighting, starts,
//!   seed, bounds, fixed values): its defaults apply here unchanged.
//! - Series mode (`--series`, as `eis fit --series`): the spectra are fitted from the
//!   coldest to the hottest, each starting from the previous result (the first from
//!   `initial` or the automatic guess). Before a result is carried on, interchangeable
//!   top-level blocks (the same elements in the same shape, e.g. two `p(R,CPE)`) are put
//!   in order of time constant, the fastest (bulk) first, unless one of their
//!   parameters is fixed or bounded by the caller; so the carried arcs stay in the
//!   order bulk, grain boundary, … however the previous fit labelled them.
//! - Arcs are assigned by effective capacitance (Hsu–Mansfeld for R ∥ CPE), normalised
//!   to L/A = 1 cm⁻¹, in the ranges of Irvine, Sinclair & West (1990), by
//!   [`conductivities_in_band`]. As T rises the bulk arc's apex 1/(2πτ) moves above the
//!   highest measured frequency: then the bulk resistance is the high-frequency
//!   intercept and the point says so (`bulk_from_intercept` and a note).
//! - Arrhenius: σT = A exp(−Eₐ/(k_B T)), ordinary least squares of ln(σT) on 1/T
//!   ([`crate::conductivity::arrhenius`]), separately for each contribution over the
//!   temperatures that have it.

use serde::Serialize;

use crate::batch::{ConductivityPoint, ContributionArrhenius};
use crate::circuit::{Circuit, Node};
use crate::conductivity::{
    arc_of, arrhenius, collect, conductivities_in_band, Conductivities, Geometry,
};
use crate::error::EisError;
use crate::fit::{fit, FitOptions};
use crate::spectrum::Spectrum;

/// How a temperature series is fitted.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArrheniusOptions {
    /// The options of every fit.
    pub fit: FitOptions,
    /// Fit from one temperature to the next (coldest first), each from the previous
    /// result; `false`: each temperature on its own.
    pub series: bool,
    /// Also fit the brick-layer specific grain-boundary conductivity.
    pub specific_grain_boundary: bool,
}

/// The fitted temperature series: the points from the coldest to the hottest and, for
/// each, the index of its spectrum in the input.
#[derive(Debug, Clone, PartialEq)]
pub struct TemperatureSeries {
    /// Index in the input of each point.
    pub input: Vec<usize>,
    /// The points, in order of temperature.
    pub points: Vec<ConductivityPoint>,
}

/// Fit the spectra of a temperature series (see the module doc). The first failing
/// fit is the error.
pub fn fit_temperature_series(
    circuit: &Circuit,
    spectra: &[Spectrum],
    temperatures_k: &[f64],
    geometry: &Geometry,
    options: &ArrheniusOptions,
) -> Result<TemperatureSeries, EisError> {
    if spectra.len() != temperatures_k.len() {
        return Err(EisError::Invalid {
            field: "temperatures".to_string(),
            message: format!(
                "{} values for {} spectra",
                temperatures_k.len(),
                spectra.len()
            ),
        });
    }
    if let Some(t) = temperatures_k
        .iter()
        .find(|t| !(**t > 0.0 && t.is_finite()))
    {
        return Err(EisError::Invalid {
            field: "temperatures".to_string(),
            message: format!("{t} K is not a positive temperature"),
        });
    }
    let mut order: Vec<usize> = (0..spectra.len()).collect();
    order.sort_by(|&a, &b| temperatures_k[a].total_cmp(&temperatures_k[b]));
    let held = held_names(&options.fit);
    let mut previous: Option<Vec<f64>> = None;
    let mut points = Vec::with_capacity(order.len());
    for &i in &order {
        let s = &spectra[i];
        let opts = FitOptions {
            initial: previous.clone().or_else(|| options.fit.initial.clone()),
            ..options.fit.clone()
        };
        let r = fit(circuit, s, &opts)?;
        let values = r.values();
        let fmax = s.frequency_hz().iter().copied().fold(f64::MIN, f64::max);
        let c = conductivities_in_band(circuit, &values, geometry, Some(fmax))?;
        if options.series {
            let carried = carry(&values, &r.initial);
            previous = Some(order_by_time_constant(circuit, &carried, &held));
        }
        points.push(ConductivityPoint {
            temperature_k: temperatures_k[i],
            fit: r,
            conductivities: c,
        });
    }
    Ok(TemperatureSeries {
        input: order,
        points,
    })
}

/// A value run to below this fraction of where its fit started has collapsed (a lead
/// resistance that the data do not see, run to ~0 in log space).
const COLLAPSED: f64 = 1e-6;

/// The values carried to the next temperature: the fitted ones, except that a value
/// that collapsed (below [`COLLAPSED`] × its start, in magnitude) is carried at its
/// start. A fit that starts from a collapsed value (u = ln p ≈ −25) stops at once, so
/// the collapse would otherwise freeze the rest of the series.
fn carry(values: &[f64], start: &[f64]) -> Vec<f64> {
    values
        .iter()
        .zip(start)
        .map(|(&v, &s)| if v.abs() < COLLAPSED * s.abs() { s } else { v })
        .collect()
}

/// The parameters the caller fixed or bounded (their blocks are not reordered).
fn held_names(o: &FitOptions) -> Vec<String> {
    o.fixed
        .iter()
        .map(|f| f.0.clone())
        .chain(o.bounds.iter().map(|b| b.0.clone()))
        .collect()
}

/// The values with interchangeable top-level blocks in order of time constant τ = R·C
/// (Hsu–Mansfeld's C for R ∥ CPE), the fastest first; blocks with a held parameter, and
/// blocks that are not arcs, stay where they are.
pub fn order_by_time_constant(circuit: &Circuit, values: &[f64], held: &[String]) -> Vec<f64> {
    let top: Vec<&Node> = match circuit.root() {
        Node::Series(items) => items.iter().collect(),
        other => vec![other],
    };
    let names = circuit.parameter_names();
    // (shape, parameter range, τ) of each top-level block.
    let mut blocks = Vec::with_capacity(top.len());
    let mut offset = 0;
    for node in top {
        let start = offset;
        let mut els = Vec::new();
        collect(node, values, &mut offset, &mut els);
        let shape: String = node
            .to_string()
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .collect();
        let free = names
            .get(start..offset)
            .is_some_and(|ns| ns.iter().all(|n| !held.contains(n)));
        let tau = arc_of(&els).map(|(r, c)| r * c).filter(|t| t.is_finite());
        blocks.push((shape, start..offset, tau.filter(|_| free)));
    }
    let mut out = values.to_vec();
    let mut done = vec![false; blocks.len()];
    for k in 0..blocks.len() {
        if done[k] || blocks[k].2.is_none() {
            continue;
        }
        let group: Vec<usize> = (k..blocks.len())
            .filter(|&j| blocks[j].0 == blocks[k].0 && blocks[j].2.is_some())
            .collect();
        for &j in &group {
            done[j] = true;
        }
        let mut by_tau = group.clone();
        by_tau.sort_by(|&a, &b| {
            let (ta, tb) = (blocks[a].2.unwrap_or(0.0), blocks[b].2.unwrap_or(0.0));
            ta.total_cmp(&tb)
        });
        for (&slot, &from) in group.iter().zip(&by_tau) {
            let (dst, src) = (blocks[slot].1.clone(), blocks[from].1.clone());
            if let (Some(d), Some(s)) = (out.get_mut(dst), values.get(src)) {
                d.copy_from_slice(s);
            }
        }
    }
    out
}

/// The contributions fitted by [`arrhenius_fits`], in order.
pub const CONTRIBUTIONS: [&str; 4] = ["bulk", "grain_boundary", "total", "grain_boundary_specific"];

/// Arrhenius fits of the bulk, grain-boundary and total conductivities (and, when
/// `specific_grain_boundary`, the brick-layer specific grain-boundary conductivity), each
/// over the points that have it; a contribution found at fewer than two temperatures is
/// left out.
pub fn arrhenius_fits(
    points: &[ConductivityPoint],
    specific_grain_boundary: bool,
) -> Result<Vec<ContributionArrhenius>, EisError> {
    type Pick = fn(&Conductivities) -> Option<f64>;
    let picks: [(&'static str, Pick); 4] = [
        (CONTRIBUTIONS[0], |c| c.bulk_s_per_m),
        (CONTRIBUTIONS[1], |c| c.grain_boundary_s_per_m),
        (CONTRIBUTIONS[2], |c| c.total_s_per_m),
        (CONTRIBUTIONS[3], |c| c.grain_boundary_specific_s_per_m),
    ];
    let n = if specific_grain_boundary { 4 } else { 3 };
    let mut out = Vec::new();
    for (name, pick) in picks.into_iter().take(n) {
        let (t, sg): (Vec<f64>, Vec<f64>) = points
            .iter()
            .filter_map(|p| pick(&p.conductivities).map(|s| (p.temperature_k, s)))
            .unzip();
        if t.len() < 2 {
            continue;
        }
        let fit = arrhenius(&t, &sg)?;
        out.push(ContributionArrhenius {
            contribution: name,
            temperatures_k: t,
            sigma_s_per_m: sg,
            fit,
        });
    }
    Ok(out)
}

/// The fitted line of an Arrhenius fit, σ(T) = exp(ln A − Eₐ/(k_B T))/T, at `n`
/// temperatures evenly spaced in 1/T between `t_lo` and `t_hi` (K): (T, σ in S/m).
pub fn arrhenius_line(
    fit: &crate::conductivity::ArrheniusFit,
    t_lo: f64,
    t_hi: f64,
    n: usize,
) -> Vec<(f64, f64)> {
    let kb_ev = garnet_units::constants::BOLTZMANN / garnet_units::constants::ELEMENTARY_CHARGE;
    let n = n.max(2);
    (0..n)
        .map(|k| {
            let x = 1.0 / t_hi + (1.0 / t_lo - 1.0 / t_hi) * k as f64 / (n - 1) as f64;
            let t = 1.0 / x;
            let sigma_t = (fit.ln_prefactor - fit.activation_energy_ev / (kb_ev * t)).exp();
            (t, sigma_t / t)
        })
        .collect()
}

/// One point of a series for a record: temperature, whether the bulk came from the
/// intercept, and the conductivities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesSummary {
    /// Number of points from the intercept.
    pub bulk_from_intercept: usize,
    /// Number of temperatures.
    pub temperatures: usize,
}

impl TemperatureSeries {
    /// How many temperatures took the bulk resistance from the high-frequency intercept.
    pub fn summary(&self) -> SeriesSummary {
        SeriesSummary {
            bulk_from_intercept: self
                .points
                .iter()
                .filter(|p| p.conductivities.bulk_from_intercept)
                .count(),
            temperatures: self.points.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn interchangeable_arcs_are_put_fastest_first() {
        // τ₁ = 1000·1e-6 = 1e-3 s, τ₂ = 10·1e-9 = 1e-8 s: swapped into R1 = 10 Ω.
        let c = Circuit::parse("R0-p(R1,C1)-p(R2,C2)-CPE3").unwrap();
        let v = [5.0, 1000.0, 1e-6, 10.0, 1e-9, 1e-5, 0.8];
        let o = order_by_time_constant(&c, &v, &[]);
        assert_eq!(o, vec![5.0, 10.0, 1e-9, 1000.0, 1e-6, 1e-5, 0.8]);
        // A bounded block stays where it is.
        assert_eq!(
            order_by_time_constant(&c, &v, &["R2".to_string()]),
            v.to_vec()
        );
        // Already ordered: unchanged.
        assert_eq!(order_by_time_constant(&c, &o, &[]), o);
    }

    #[test]
    fn a_series_carries_each_result_to_the_next_temperature_coldest_first() {
        // R0-p(R1,C1), R1 = 200, 100 Ω (exact data), given hottest first.
        let c = Circuit::parse("R0-p(R1,C1)").unwrap();
        let f: Vec<f64> = (0..41).map(|i| 10f64.powf(6.0 - 0.15 * i as f64)).collect();
        let spectra: Vec<Spectrum> = [100.0, 200.0]
            .iter()
            .map(|&r| Spectrum::new(f.clone(), c.spectrum(&[5.0, r, 1e-7], &f)).unwrap())
            .collect();
        let g = Geometry::new(1e-3, 1e-4).unwrap();
        let mut o = ArrheniusOptions {
            series: true,
            ..ArrheniusOptions::default()
        };
        let s = fit_temperature_series(&c, &spectra, &[350.0, 300.0], &g, &o).unwrap();
        assert_eq!(s.input, vec![1, 0]);
        assert_eq!(s.points[0].temperature_k, 300.0);
        assert_eq!(s.points[1].fit.initial, s.points[0].fit.values());
        for (p, r) in s.points.iter().zip([200.0, 100.0]) {
            assert!((p.fit.values()[1] / r - 1.0).abs() < 1e-6);
        }
        // Alone, the second starts from the guess, not from the first result.
        o.series = false;
        let s = fit_temperature_series(&c, &spectra, &[350.0, 300.0], &g, &o).unwrap();
        assert_ne!(s.points[1].fit.initial, s.points[0].fit.values());
        assert!(fit_temperature_series(&c, &spectra, &[300.0], &g, &o).is_err());
        assert!(fit_temperature_series(&c, &spectra, &[300.0, -1.0], &g, &o).is_err());
    }

    #[test]
    fn a_collapsed_value_is_carried_at_its_start() {
        assert_eq!(carry(&[1e-12, 50.0], &[0.1, 40.0]), vec![0.1, 50.0]);
    }

    #[test]
    fn the_fitted_line_passes_through_the_fit() {
        let t = [250.0, 300.0, 350.0];
        let kb = garnet_units::constants::BOLTZMANN / garnet_units::constants::ELEMENTARY_CHARGE;
        let s: Vec<f64> = t
            .iter()
            .map(|t| 1e5 * (-0.4 / (kb * t)).exp() / t)
            .collect();
        let f = arrhenius(&t, &s).unwrap();
        let line = arrhenius_line(&f, 250.0, 350.0, 3);
        assert!((line[0].0 - 350.0).abs() < 1e-9 && (line[2].0 - 250.0).abs() < 1e-9);
        assert!((line[0].1 / s[2] - 1.0).abs() < 1e-9);
        assert!((line[2].1 / s[0] - 1.0).abs() < 1e-9);
    }
}
