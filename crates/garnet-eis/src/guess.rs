//! Automatic initial guesses from the shape of a spectrum, so a circuit can be fitted
//! with the circuit alone.
//!
//! Features read off the Nyquist plot: the high-frequency real intercept R∞ (where
//! Im Z crosses zero, or Re Z at the highest frequency), the arcs (local maxima of
//! −Im Z against frequency; each arc's diameter is the span of Re Z between the
//! minima of −Im Z on either side, its apex angular frequency ω_apex) and the
//! low-frequency end. Each `p(…)` block (and each K or Zarc element) of the top-level
//! series takes one arc, from high to low frequency as circuits are usually written;
//! inside a block a resistor takes the arc diameter R and a capacitor C = 1/(R ω_apex)
//! (the apex of an RC arc is at ωRC = 1), a CPE Q = 1/(R ω_apex^α) with α = 0.9.
//! Missing arcs are spread log-uniformly over the frequency range below the last one
//! found.

use std::f64::consts::PI;

use num_complex::Complex64;

use crate::circuit::{Circuit, Node};
use crate::element::ElementKind;
use crate::spectrum::Spectrum;

/// One arc found in the spectrum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arc {
    /// Arc diameter (Ω).
    pub resistance: f64,
    /// Angular frequency at the apex (rad/s).
    pub omega: f64,
}

/// What the guesses are built from.
#[derive(Debug, Clone, PartialEq)]
pub struct Features {
    /// High-frequency real intercept (Ω).
    pub r_inf: f64,
    /// Re Z at the lowest frequency minus R∞ (Ω), at least a small positive number.
    pub r_pol: f64,
    /// Lowest angular frequency (rad/s).
    pub omega_min: f64,
    /// Highest angular frequency (rad/s).
    pub omega_max: f64,
    /// Impedance at the lowest frequency.
    pub z_low: Complex64,
    /// Impedance at the highest frequency.
    pub z_high: Complex64,
    /// Arcs found by peak picking, highest frequency first.
    pub arcs: Vec<Arc>,
    /// Resistances of RC elements on a log-spaced τ grid fitted by non-negative least
    /// squares, as (τ in s, R in Ω), τ increasing; empty if that fit failed.
    pub distribution: Vec<(f64, f64)>,
}

/// Non-negative least-squares fit of Z ≈ R∞ + Σ R_k/(1 + jωτ_k) with τ_k log-spaced
/// (5 per decade from 0.1/ω_max to 10/ω_min), weights 1/|Z|: a coarse distribution of
/// relaxation times from which arcs are grouped. Returns (R∞, [(τ_k, R_k)]).
fn rc_distribution(ws: &[f64], zs: &[Complex64]) -> Option<(f64, Vec<(f64, f64)>)> {
    let (w_min, w_max) = (
        ws.iter().copied().fold(f64::INFINITY, f64::min),
        ws.iter().copied().fold(0.0, f64::max),
    );
    let (lo, hi) = ((0.1 / w_max).ln(), (10.0 / w_min).ln());
    let k = (((hi - lo) / 10f64.ln() * 5.0).ceil() as usize).clamp(2, 80);
    let taus: Vec<f64> = (0..k)
        .map(|i| (lo + (hi - lo) * i as f64 / (k - 1) as f64).exp())
        .collect();
    let n = k + 1;
    let mut g = vec![0.0; n * n];
    let mut c = vec![0.0; n];
    let mut col = vec![Complex64::new(0.0, 0.0); n];
    for (w, z) in ws.iter().zip(zs) {
        let wt = 1.0 / z.norm().max(1e-300);
        col[0] = Complex64::new(wt, 0.0);
        for (j, t) in taus.iter().enumerate() {
            col[j + 1] = wt / Complex64::new(1.0, w * t);
        }
        let zw = z * wt;
        for a in 0..n {
            c[a] += col[a].re * zw.re + col[a].im * zw.im;
            for b in 0..n {
                g[a * n + b] += col[a].re * col[b].re + col[a].im * col[b].im;
            }
        }
    }
    let trace: f64 = (0..n).map(|i| g[i * n + i]).sum::<f64>() / n as f64;
    for i in 0..n {
        g[i * n + i] += 1e-9 * trace;
    }
    let x = crate::linalg::nnls(&g, &c, n, &[])?;
    Some((x[0], taus.into_iter().zip(x.into_iter().skip(1)).collect()))
}

/// Read the features of a spectrum.
pub fn features(spectrum: &Spectrum) -> Features {
    let mut idx: Vec<usize> = (0..spectrum.len()).collect();
    let f = spectrum.frequency_hz();
    let z = spectrum.z();
    idx.sort_by(|&a, &b| f[b].total_cmp(&f[a]));
    let zs: Vec<Complex64> = idx.iter().map(|&i| z[i]).collect();
    let ws: Vec<f64> = idx.iter().map(|&i| 2.0 * PI * f[i]).collect();
    let n = zs.len();
    let scale = zs.iter().map(|z| z.norm()).fold(0.0, f64::max).max(1e-300);
    // High-frequency intercept.
    let first_cap = zs.iter().position(|z| z.im <= 0.0).unwrap_or(0);
    let mut r_inf: f64 = if first_cap == 0 {
        zs[0].re
    } else {
        let (a, b) = (zs[first_cap - 1], zs[first_cap]);
        let t = a.im / (a.im - b.im);
        a.re + t * (b.re - a.re)
    };
    if r_inf <= 0.0 {
        r_inf = 1e-3 * scale;
    }
    let z_low = zs[n - 1];
    let r_pol = (z_low.re - r_inf).max(1e-3 * scale);
    // Arcs: interior local maxima of −Im Z (descending frequency), with the valleys between.
    let y: Vec<f64> = zs.iter().map(|z| -z.im).collect();
    let mut peaks = Vec::new();
    // An arc whose apex lies at or above the highest frequency measured.
    if first_cap == 0 && n > 2 && y[0] > 0.0 && y[0] > y[1] {
        peaks.push(0);
    }
    for i in first_cap.max(1)..n.saturating_sub(1) {
        if y[i] > 0.0 && y[i] >= y[i - 1] && y[i] > y[i + 1] {
            peaks.push(i);
        }
    }
    // A semicircle centred on the real axis below its apex starts at Re − (−Im) of
    // the apex: a better intercept when the first arc is not closed at f_max.
    if let Some(&p) = peaks.first() {
        let from_arc = zs[p].re - y[p];
        if from_arc < r_inf {
            r_inf = from_arc.max(0.02 * zs[0].re).max(1e-3 * scale);
        }
    }
    let mut arcs = Vec::new();
    let mut left_re = r_inf;
    for (k, &p) in peaks.iter().enumerate() {
        let end = peaks.get(k + 1).copied().unwrap_or(n - 1);
        let valley = (p..=end)
            .min_by(|&a, &b| y[a].total_cmp(&y[b]))
            .unwrap_or(end);
        let right_re = zs[valley].re;
        let mut r = right_re - left_re;
        if r.is_nan() || r <= 0.0 || r > 6.0 * y[p] {
            r = 2.0 * y[p];
        }
        arcs.push(Arc {
            resistance: r.max(1e-6 * scale),
            omega: ws[p],
        });
        left_re = right_re;
    }
    let distribution = rc_distribution(&ws, &zs);
    if let Some((r0, _)) = &distribution {
        if *r0 > 0.0 {
            r_inf = *r0;
        }
    }
    Features {
        distribution: distribution.map(|(_, d)| d).unwrap_or_default(),
        r_inf,
        r_pol,
        omega_min: ws[n - 1],
        omega_max: ws[0],
        z_low,
        z_high: zs[0],
        arcs,
    }
}

fn is_arc_block(node: &Node) -> bool {
    match node {
        Node::Parallel(_) => true,
        Node::Element(e) => matches!(e.kind, ElementKind::K | ElementKind::Zarc),
        Node::Series(_) => false,
    }
}

/// Initial values for every parameter of `circuit`, in parameter order.
pub fn initial_guess(circuit: &Circuit, spectrum: &Spectrum) -> Vec<f64> {
    guess_from_features(circuit, &features(spectrum))
}

/// Initial values from the peaks of the distribution of relaxation times
/// ([`crate::drt::drt`] with its default options): R∞ of the DRT and one arc per peak
/// (R = the peak's area, ω_apex = 1/τ), highest frequency first, in place of the
/// arcs picked off the Nyquist plot; the other features as [`features`]. `None` when
/// the DRT fails or finds no peak.
pub fn drt_guess(circuit: &Circuit, spectrum: &Spectrum) -> Option<Vec<f64>> {
    let d = crate::drt::drt(spectrum, &crate::drt::DrtOptions::default()).ok()?;
    let mut arcs: Vec<Arc> = d
        .peaks
        .iter()
        .filter(|p| p.resistance_ohm > 0.0 && p.tau_s > 0.0)
        .map(|p| Arc {
            resistance: p.resistance_ohm,
            omega: 1.0 / p.tau_s,
        })
        .collect();
    if arcs.is_empty() {
        return None;
    }
    arcs.sort_by(|a, b| b.omega.total_cmp(&a.omega));
    let mut feat = features(spectrum);
    if d.r_inf_ohm > 0.0 && d.r_inf_ohm.is_finite() {
        feat.r_inf = d.r_inf_ohm;
    }
    feat.arcs = arcs;
    feat.distribution.clear();
    Some(guess_from_features(circuit, &feat))
}

/// More initial values, one per choice of arcs: the coarse RC distribution of
/// [`features`] smoothed over about a decade (weights 1, 2, 3, 2, 1 at 5 points per
/// decade), its local maxima above 10⁻³ of the total as candidate arcs (each the
/// resistance between the minima on either side, ω_apex = 1/τ̄ with ln τ̄ the
/// R-weighted mean) and every choice of as many of them as the circuit has arc
/// blocks, at most `max`. Empty when there are no more
/// candidates than blocks (the automatic guess then has them all). Candidates are
/// maxima above 10⁻⁵ of the total resistance (a bulk arc of 1 kΩ beside a blocking
/// electrode's megaohm tail), and choices are ranked by the sum of their candidates'
/// ranks from the highest frequency, then by resistance.
pub fn arc_choice_guesses(circuit: &Circuit, spectrum: &Spectrum, max: usize) -> Vec<Vec<f64>> {
    let feat = features(spectrum);
    let top: Vec<&Node> = match circuit.root() {
        Node::Series(items) => items.iter().collect(),
        other => vec![other],
    };
    let blocks = top.iter().filter(|n| is_arc_block(n)).count();
    let dist = &feat.distribution;
    let n = dist.len();
    let total: f64 = dist.iter().map(|d| d.1).sum();
    if blocks == 0 || n < 3 || total.is_nan() || total <= 0.0 {
        return Vec::new();
    }
    const KERNEL: [f64; 5] = [1.0, 2.0, 3.0, 2.0, 1.0];
    let sm: Vec<f64> = (0..n)
        .map(|i| {
            (0..5)
                .filter_map(|k| (i + k).checked_sub(2).filter(|&j| j < n))
                .map(|j| KERNEL[j + 2 - i] * dist[j].1)
                .sum::<f64>()
                / 9.0
        })
        .collect();
    let peaks: Vec<usize> = (0..n)
        .filter(|&i| {
            sm[i] > 1e-5 * total
                && (i == 0 || sm[i] >= sm[i - 1])
                && (i + 1 == n || sm[i] > sm[i + 1])
        })
        .collect();
    if peaks.len() <= blocks {
        return Vec::new();
    }
    // Each candidate arc: the distribution between the valleys on either side.
    let mut bounds = vec![0usize];
    for w in peaks.windows(2) {
        let v = (w[0]..=w[1])
            .min_by(|&a, &b| sm[a].total_cmp(&sm[b]))
            .unwrap_or(w[1]);
        bounds.push(v);
    }
    bounds.push(n);
    let candidates: Vec<Arc> = bounds
        .windows(2)
        .map(|w| {
            let group = &dist[w[0]..w[1].max(w[0])];
            let r: f64 = group.iter().map(|d| d.1).sum();
            let ln_tau = group.iter().map(|d| d.1 * d.0.ln()).sum::<f64>() / r.max(1e-300);
            Arc {
                resistance: r.max(1e-6 * total),
                omega: (-ln_tau).exp(),
            }
        })
        .collect();
    // Every `blocks`-subset of the candidates, those of the highest frequencies first
    // (a low-frequency tail belongs to the electrode elements in series), then the
    // heaviest.
    let mut choices: Vec<(usize, f64, Vec<usize>)> = Vec::new();
    let mut pick = (0..blocks).collect::<Vec<usize>>();
    let m = candidates.len();
    loop {
        let w: f64 = pick.iter().map(|&i| candidates[i].resistance).sum();
        choices.push((pick.iter().sum(), w, pick.clone()));
        // Next combination in lexicographic order.
        let Some(i) = (0..blocks).rev().find(|&i| pick[i] < m - blocks + i) else {
            break;
        };
        pick[i] += 1;
        for j in i + 1..blocks {
            pick[j] = pick[j - 1] + 1;
        }
        if choices.len() > 200 {
            break;
        }
    }
    choices.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    choices
        .into_iter()
        .take(max)
        .map(|(_, _, pick)| {
            let mut f = feat.clone();
            f.arcs = pick.iter().map(|&i| candidates[i]).collect();
            f.distribution.clear();
            guess_from_features(circuit, &f)
        })
        .collect()
}

/// Initial values for every parameter of `circuit` from the features `feat`.
pub fn guess_from_features(circuit: &Circuit, feat: &Features) -> Vec<f64> {
    let top: Vec<&Node> = match circuit.root() {
        Node::Series(items) => items.iter().collect(),
        other => vec![other],
    };
    let blocks = top.iter().filter(|n| is_arc_block(n)).count();
    let arcs = assign_arcs(feat, blocks);
    let mut out = Vec::with_capacity(circuit.n_params());
    let mut arc_iter = arcs.iter();
    let mut first_r = true;
    for node in top {
        if is_arc_block(node) {
            let arc = arc_iter.next().copied().unwrap_or(Arc {
                resistance: feat.r_pol,
                omega: feat.omega_min,
            });
            fill(node, arc, feat, &mut out);
        } else {
            fill_series(node, feat, &mut first_r, &mut out);
        }
    }
    out
}

/// Exactly `blocks` arcs: those found (the surplus merged into the last), then
/// made-up ones sharing the rest of the polarisation resistance.
fn assign_arcs(feat: &Features, blocks: usize) -> Vec<Arc> {
    if blocks == 0 {
        return Vec::new();
    }
    if let Some(arcs) = group_distribution(&feat.distribution, blocks) {
        return arcs;
    }
    let mut arcs: Vec<Arc> = feat.arcs.iter().take(blocks).copied().collect();
    let surplus: f64 = feat.arcs.iter().skip(blocks).map(|a| a.resistance).sum();
    if let Some(last) = arcs.last_mut() {
        last.resistance += surplus;
    }
    let missing = blocks - arcs.len();
    if missing > 0 {
        let used: f64 = arcs.iter().map(|a| a.resistance).sum();
        let rest = (feat.r_pol - used).max(0.1 * feat.r_pol) / missing as f64;
        let w_hi = arcs.last().map(|a| a.omega).unwrap_or(feat.omega_max);
        let (l_hi, l_lo) = (w_hi.ln(), feat.omega_min.ln());
        for k in 0..missing {
            let t = (k as f64 + 1.0) / (missing as f64 + 1.0);
            arcs.push(Arc {
                resistance: rest,
                omega: (l_hi + t * (l_lo - l_hi)).exp(),
            });
        }
    }
    arcs
}

/// Split the RC distribution into `blocks` groups, highest frequency first: the
/// `blocks` heaviest local maxima (after a 3-point smoothing) seed the groups, the
/// boundaries lie at the minima between them; with fewer maxima than blocks the
/// cumulative resistance is cut into equal shares. Each group gives R = Σ R_k and
/// ω_apex = 1/τ̄ with ln τ̄ the R-weighted mean of ln τ_k.
fn group_distribution(dist: &[(f64, f64)], blocks: usize) -> Option<Vec<Arc>> {
    let total: f64 = dist.iter().map(|d| d.1).sum();
    if dist.len() < 2 || total.is_nan() || total <= 0.0 {
        return None;
    }
    let n = dist.len();
    let sm: Vec<f64> = (0..n)
        .map(|i| {
            let a = if i > 0 { dist[i - 1].1 } else { 0.0 };
            let b = if i + 1 < n { dist[i + 1].1 } else { 0.0 };
            0.25 * a + 0.5 * dist[i].1 + 0.25 * b
        })
        .collect();
    let mut peaks: Vec<usize> = (0..n)
        .filter(|&i| {
            sm[i] > 1e-6 * total
                && (i == 0 || sm[i] >= sm[i - 1])
                && (i + 1 == n || sm[i] > sm[i + 1])
        })
        .collect();
    // Cut points (group i is [cuts[i], cuts[i+1])).
    let mut cuts = vec![0usize];
    if peaks.len() >= blocks {
        peaks.sort_by(|&a, &b| sm[b].total_cmp(&sm[a]));
        peaks.truncate(blocks);
        peaks.sort_unstable();
        for w in peaks.windows(2) {
            let valley = (w[0]..=w[1])
                .min_by(|&a, &b| sm[a].total_cmp(&sm[b]))
                .unwrap_or(w[1]);
            cuts.push(valley.max(cuts[cuts.len() - 1] + 1).min(n - 1));
        }
    } else {
        let mut acc = 0.0;
        let mut next = 1;
        for (i, d) in dist.iter().enumerate() {
            acc += d.1;
            while next < blocks && acc >= total * next as f64 / blocks as f64 {
                cuts.push((i + 1).min(n));
                next += 1;
            }
        }
    }
    cuts.push(n);
    let mut arcs = Vec::with_capacity(blocks);
    for w in cuts.windows(2) {
        let group = &dist[w[0].min(n)..w[1].min(n).max(w[0].min(n))];
        let r: f64 = group.iter().map(|d| d.1).sum();
        let ln_tau = if r > 0.0 {
            group.iter().map(|d| d.1 * d.0.ln()).sum::<f64>() / r
        } else {
            group.first().map(|d| d.0.ln()).unwrap_or(0.0)
        };
        arcs.push(Arc {
            resistance: r.max(1e-6 * total),
            omega: (-ln_tau).exp(),
        });
    }
    arcs.truncate(blocks);
    while arcs.len() < blocks {
        let last = arcs.last().copied()?;
        arcs.push(Arc {
            resistance: last.resistance,
            omega: last.omega / 10.0,
        });
    }
    Some(arcs)
}

/// Guesses for the elements of one arc block.
fn fill(node: &Node, arc: Arc, feat: &Features, out: &mut Vec<f64>) {
    match node {
        Node::Series(items) | Node::Parallel(items) => {
            for i in items {
                fill(i, arc, feat, out);
            }
        }
        Node::Element(e) => {
            let (r, w) = (arc.resistance, arc.omega);
            match e.kind {
                ElementKind::R => out.push(r),
                ElementKind::C => out.push(1.0 / (r * w)),
                ElementKind::L => out.push(1e-3 * r / feat.omega_max),
                ElementKind::Cpe => out.extend([1.0 / (r * w.powf(0.9)), 0.9]),
                ElementKind::W => out.push(r * w.sqrt()),
                ElementKind::Wo | ElementKind::Ws => out.extend([r, 1.0 / feat.omega_min]),
                ElementKind::G | ElementKind::K => out.extend([r, 1.0 / w]),
                ElementKind::Zarc => out.extend([r, 1.0 / w, 0.9]),
                ElementKind::Tlmq => out.extend([r, 1.0 / (r * w.powf(0.9)), 0.9]),
            }
        }
    }
}

/// Guesses for elements in the top-level series outside arc blocks.
fn fill_series(node: &Node, feat: &Features, first_r: &mut bool, out: &mut Vec<f64>) {
    let Node::Element(e) = node else {
        // Not reachable for a top-level series item that is not an arc block.
        fill(
            node,
            Arc {
                resistance: feat.r_pol,
                omega: feat.omega_min,
            },
            feat,
            out,
        );
        return;
    };
    let wl = feat.omega_min;
    let x_low = (-feat.z_low.im).abs().max(1e-3 * feat.r_pol);
    match e.kind {
        ElementKind::R => {
            out.push(if *first_r {
                feat.r_inf
            } else {
                0.1 * feat.r_pol
            });
            *first_r = false;
        }
        ElementKind::C => out.push(1.0 / (wl * x_low)),
        ElementKind::Cpe => out.extend([1.0 / (x_low * wl.powf(0.9)), 0.9]),
        ElementKind::L => {
            let x = if feat.z_high.im > 0.0 {
                feat.z_high.im
            } else {
                1e-3 * feat.z_high.norm()
            };
            out.push(x / feat.omega_max);
        }
        ElementKind::W => out.push(x_low * wl.sqrt()),
        ElementKind::Wo | ElementKind::Ws | ElementKind::G => out.extend([feat.r_pol, 1.0 / wl]),
        ElementKind::K | ElementKind::Zarc | ElementKind::Tlmq => {
            fill(
                node,
                Arc {
                    resistance: feat.r_pol,
                    omega: wl,
                },
                feat,
                out,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn two_separated_arcs_are_found() {
        // R0 = 10, (R1 = 100 ∥ C1 = 1e-9) apex 1e7 rad/s, (R2 = 1000 ∥ C2 = 1e-6) apex 1e3 rad/s.
        let c = Circuit::parse("R0-p(R1,C1)-p(R2,C2)").unwrap();
        let p = [10.0, 100.0, 1e-9, 1000.0, 1e-6];
        let f: Vec<f64> = (0..71).map(|i| 10f64.powf(7.0 - i as f64 / 10.0)).collect();
        let s = Spectrum::new(f.clone(), c.spectrum(&p, &f)).unwrap();
        let feat = features(&s);
        assert_eq!(feat.arcs.len(), 2);
        // Apexes within one point spacing (10^0.1) of the true ones.
        assert!((feat.arcs[0].omega / 1e7).ln().abs() < 0.25);
        assert!((feat.arcs[1].omega / 1e3).ln().abs() < 0.25);
        assert!((feat.arcs[0].resistance / 100.0 - 1.0).abs() < 0.1);
        assert!((feat.arcs[1].resistance / 1000.0 - 1.0).abs() < 0.1);
        let g = initial_guess(&c, &s);
        assert_eq!(g.len(), 5);
        // R∞ is read at 10 MHz where the first arc has not quite closed: within 30 %.
        assert!((g[0] / 10.0 - 1.0).abs() < 0.3, "{g:?}");
        assert!(
            (g[2] / 1e-9).ln().abs() < 0.3 && (g[4] / 1e-6).ln().abs() < 0.3,
            "{g:?}"
        );
    }
}
