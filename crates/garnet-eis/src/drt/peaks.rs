//! Peaks of γ(ln τ).
//!
//! A peak is a local maximum of γ (or of −γ, for the negative lobes of an inductive
//! loop when γ may be negative) above 1 % of the highest local maximum inside the
//! window (see below); it extends to the minima of
//! γ on either side and is reported with the resistance R = ∫ γ dy over it (negative
//! for a negative lobe) and τ at its centroid, ln τ = ∫ y γ dy / ∫ γ dy (which for a
//! symmetric peak such as a ZARC's is its τ₀, and is less sensitive to noise than the
//! position of the maximum).
//!
//! Ripples holding less than 10 % of the area of the largest peak *inside* the
//! measured window are merged into the neighbour across the shallower valley. A peak
//! whose maximum lies within one basis spacing of either end of the measured τ range
//! (1/ω_max … 1/ω_min) is flagged [`DrtPeak::at_edge`]: an arc only partly inside the
//! window, or the low-frequency tail of a blocking electrode. Edge peaks do not set
//! the 10 % threshold, so a tail holding most of the area does not swallow the arcs.

use serde::Serialize;

/// One peak of γ.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DrtPeak {
    /// Time constant at the peak's centroid in ln τ (s).
    pub tau_s: f64,
    /// Characteristic frequency 1/(2πτ) (Hz).
    pub frequency_hz: f64,
    /// Area under the peak, ∫ γ d ln τ (Ω); negative for a negative lobe.
    pub resistance_ohm: f64,
    /// Largest |γ| in the peak (Ω).
    pub height_ohm: f64,
    /// The maximum lies within one basis spacing of an end of the measured τ range.
    pub at_edge: bool,
}

/// (index of the maximum, area, valley height on the right, ∫ y γ dy, edge).
type Raw = (usize, f64, f64, f64, bool);

/// Peaks of γ on the grid `ys` (ln τ), τ increasing; `window` is the measured range of
/// ln τ and `spacing` the basis spacing 1/ε.
pub(crate) fn find_peaks(
    ys: &[f64],
    gamma: &[f64],
    window: (f64, f64),
    spacing: f64,
) -> Vec<DrtPeak> {
    // The 1 % height floor is set by the highest local maximum of |γ| inside the window
    // (not at an edge), so a tail a hundred times higher does not hide the arcs.
    let edge = |i: usize| ys[i] < window.0 + spacing || ys[i] > window.1 - spacing;
    let n = gamma.len();
    let inside_top = (1..n.saturating_sub(1))
        .filter(|&i| {
            let a = gamma[i].abs();
            !edge(i) && a >= gamma[i - 1].abs() && a > gamma[i + 1].abs()
        })
        .map(|i| gamma[i].abs())
        .fold(0.0f64, f64::max);
    let top = if inside_top > 0.0 {
        inside_top
    } else {
        gamma.iter().fold(0.0f64, |m, g| m.max(g.abs()))
    };
    // The 10 % threshold is set by the largest positive peak inside the window, for
    // the negative lobes too (a ringing lobe beside a large arc is a ripple).
    let positive: Vec<f64> = gamma.iter().map(|v| v.max(0.0)).collect();
    let reference = threshold_reference(&lobes(
        ys,
        &positive,
        window,
        spacing,
        0.01 * top,
        0.0,
        false,
    ));
    let mut out = Vec::new();
    for sign in [1.0, -1.0] {
        let g: Vec<f64> = gamma.iter().map(|v| (sign * v).max(0.0)).collect();
        let lobe_top = g.iter().copied().fold(0.0, f64::max);
        if lobe_top <= 0.01 * top || lobe_top <= 0.0 {
            continue;
        }
        for (i, area, _, moment, edge) in
            lobes(ys, &g, window, spacing, 0.01 * top, reference, sign < 0.0)
        {
            let tau = if area > 0.0 {
                (moment / area).exp()
            } else {
                ys[i].exp()
            };
            out.push(DrtPeak {
                tau_s: tau,
                frequency_hz: 1.0 / (2.0 * std::f64::consts::PI * tau),
                resistance_ohm: sign * area,
                height_ohm: g[i],
                at_edge: edge,
            });
        }
    }
    out.sort_by(|a, b| a.tau_s.total_cmp(&b.tau_s));
    out
}

/// Peaks of a non-negative curve `g` with maxima above `floor`, ripples merged.
/// The largest area of the peaks inside the window, or of all when none is inside.
fn threshold_reference(peaks: &[Raw]) -> f64 {
    let inside = peaks
        .iter()
        .filter(|p| !p.4)
        .map(|p| p.1)
        .fold(0.0, f64::max);
    if inside > 0.0 {
        inside
    } else {
        peaks.iter().map(|p| p.1).fold(0.0, f64::max)
    }
}

/// Peaks of a non-negative curve `g` with maxima above `floor`; ripples with less than
/// 10 % of `at_least` or of the largest peak inside the window, whichever is larger,
/// are merged (or, with `drop_small`, dropped: for negative lobes, where they are the
/// ringing of γ beside a large positive arc, and merging would move the real lobe).
#[allow(clippy::too_many_arguments)]
fn lobes(
    ys: &[f64],
    g: &[f64],
    window: (f64, f64),
    spacing: f64,
    floor: f64,
    at_least: f64,
    drop_small: bool,
) -> Vec<Raw> {
    let n = g.len();
    let maxima: Vec<usize> = (1..n - 1)
        .filter(|&i| g[i] > floor && g[i] >= g[i - 1] && g[i] > g[i + 1])
        .collect();
    let mut bounds = vec![0usize];
    for w in maxima.windows(2) {
        let valley = (w[0]..=w[1])
            .min_by(|&a, &b| g[a].total_cmp(&g[b]))
            .unwrap_or(w[0]);
        bounds.push(valley);
    }
    bounds.push(n - 1);
    let edge = |i: usize| ys[i] < window.0 + spacing || ys[i] > window.1 - spacing;
    let mut peaks: Vec<Raw> = maxima
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let (a, b) = (bounds[k], bounds[k + 1]);
            let area: f64 = (a..b)
                .map(|j| 0.5 * (g[j] + g[j + 1]) * (ys[j + 1] - ys[j]))
                .sum();
            let moment: f64 = (a..b)
                .map(|j| 0.5 * (g[j] * ys[j] + g[j + 1] * ys[j + 1]) * (ys[j + 1] - ys[j]))
                .sum();
            (i, area, g[b], moment, edge(i))
        })
        .collect();
    // Noise ripples: a peak with less than 10 % of the largest area inside the window
    // joins the neighbour across the higher (shallower) valley; it keeps the larger
    // maximum.
    loop {
        let reference = threshold_reference(&peaks).max(at_least);
        if peaks.len() < 2 && !(drop_small && peaks.len() == 1) {
            break;
        }
        let Some(k) = (0..peaks.len())
            .filter(|&k| peaks[k].1 < 0.1 * reference)
            .min_by(|&a, &b| peaks[a].1.total_cmp(&peaks[b].1))
        else {
            break;
        };
        if drop_small {
            peaks.remove(k);
            continue;
        }
        let left_valley = if k > 0 {
            peaks[k - 1].2
        } else {
            f64::NEG_INFINITY
        };
        let right_valley = if k + 1 < peaks.len() {
            peaks[k].2
        } else {
            f64::NEG_INFINITY
        };
        let into = if left_valley >= right_valley {
            k - 1
        } else {
            k + 1
        };
        let (lo, hi) = (into.min(k), into.max(k));
        let keep = if g[peaks[lo].0] >= g[peaks[hi].0] {
            peaks[lo]
        } else {
            peaks[hi]
        };
        peaks[lo] = (
            keep.0,
            peaks[lo].1 + peaks[hi].1,
            peaks[hi].2,
            peaks[lo].3 + peaks[hi].3,
            keep.4,
        );
        peaks.remove(hi);
    }
    peaks
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn gauss(y: f64, c: f64, s: f64, area: f64) -> f64 {
        area / (s * (2.0 * std::f64::consts::PI).sqrt()) * (-(y - c).powi(2) / (2.0 * s * s)).exp()
    }

    #[test]
    fn a_tail_does_not_swallow_the_arcs() {
        // Two Gaussian peaks of 1 Ω and 2 Ω at ln τ = −8 and −3 (σ = 0.5) beside a tail
        // of 1000 Ω peaking at the end of the window (ln τ = 4): the arcs hold 0.1 % and
        // 0.2 % of the tail's area and are 0.1 %–0.2 % of its height, and the old
        // thresholds (10 % of the largest area, 1 % of the highest γ) lost them; the
        // areas are exact integrals of the Gaussians (to the trapezoid error, < 0.1 %).
        let ys: Vec<f64> = (0..=1000).map(|k| -12.0 + 0.02 * k as f64).collect();
        let g: Vec<f64> = ys
            .iter()
            .map(|&y| {
                gauss(y, -8.0, 0.5, 1.0) + gauss(y, -3.0, 0.5, 2.0) + gauss(y, 4.0, 0.8, 1000.0)
            })
            .collect();
        let p = find_peaks(&ys, &g, (-11.0, 4.0), 0.3);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(
            (p[0].resistance_ohm - 1.0).abs() < 1e-3 && !p[0].at_edge,
            "{p:?}"
        );
        assert!((p[0].tau_s.ln() + 8.0).abs() < 1e-3, "{p:?}");
        assert!(
            (p[1].resistance_ohm - 2.0).abs() < 1e-3 && !p[1].at_edge,
            "{p:?}"
        );
        assert!(p[2].at_edge, "{p:?}");
    }

    #[test]
    fn negative_lobes_are_peaks_with_negative_resistance() {
        let ys: Vec<f64> = (0..=600).map(|k| -6.0 + 0.02 * k as f64).collect();
        let g: Vec<f64> = ys
            .iter()
            .map(|&y| gauss(y, -2.0, 0.5, 5.0) - gauss(y, 2.0, 0.5, 3.0))
            .collect();
        let p = find_peaks(&ys, &g, (-5.0, 5.0), 0.3);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!((p[0].resistance_ohm - 5.0).abs() < 1e-3, "{p:?}");
        assert!((p[1].resistance_ohm + 3.0).abs() < 1e-3, "{p:?}");
        assert!((p[1].tau_s.ln() - 2.0).abs() < 1e-3, "{p:?}");
    }
}
