//! The error distribution: median and spread of simulated/reported ratios per group.

use serde::Serialize;

use crate::run::Simulated;

/// Median and spread of one set of ratios.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Spread {
    /// Number of ratios.
    pub n: usize,
    /// Median.
    pub median: f64,
    /// Lower quartile (linear interpolation between order statistics).
    pub q1: f64,
    /// Upper quartile.
    pub q3: f64,
    /// Smallest.
    pub min: f64,
    /// Largest.
    pub max: f64,
}

/// The `q`-quantile (0–1) of sorted values, interpolated linearly between order
/// statistics (the "type 7" definition of Hyndman & Fan 1996, R's and NumPy's default).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

impl Spread {
    /// The spread of finite values; `None` when there are none.
    pub fn of(values: impl IntoIterator<Item = f64>) -> Option<Self> {
        let mut v: Vec<f64> = values.into_iter().filter(|x| x.is_finite()).collect();
        if v.is_empty() {
            return None;
        }
        v.sort_by(f64::total_cmp);
        Some(Self {
            n: v.len(),
            median: quantile(&v, 0.5),
            q1: quantile(&v, 0.25),
            q3: quantile(&v, 0.75),
            min: v[0],
            max: v[v.len() - 1],
        })
    }
}

/// The distribution of one group (a strategy or an architecture).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupStats {
    /// Group name (e.g. `artificial-cei`).
    pub group: String,
    /// Rows simulated in the group.
    pub simulated: usize,
    /// Simulated/reported capacity.
    pub capacity: Option<Spread>,
    /// Simulated/reported impedance.
    pub impedance: Option<Spread>,
}

/// The distribution per value of `key` (groups in first-seen order), then over all rows.
pub fn by_group(rows: &[&Simulated], key: fn(&Simulated) -> String) -> Vec<GroupStats> {
    let mut groups: Vec<String> = Vec::new();
    for r in rows {
        let k = key(r);
        if !groups.contains(&k) {
            groups.push(k);
        }
    }
    groups.sort();
    let stats = |name: String, members: Vec<&&Simulated>| GroupStats {
        group: name,
        simulated: members.len(),
        capacity: Spread::of(members.iter().filter_map(|r| r.capacity_ratio)),
        impedance: Spread::of(members.iter().filter_map(|r| r.impedance_ratio)),
    };
    let mut out: Vec<GroupStats> = groups
        .into_iter()
        .map(|g| {
            let members = rows.iter().filter(|r| key(r) == g).collect();
            stats(g, members)
        })
        .collect();
    out.push(stats("all".to_string(), rows.iter().collect()));
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn quartiles_follow_the_type_7_definition() {
        // NumPy: np.percentile([1, 2, 3, 4], [25, 50, 75]) = [1.75, 2.5, 3.25].
        let s = Spread::of([4.0, 1.0, 3.0, 2.0, f64::NAN]).unwrap();
        assert_eq!((s.n, s.q1, s.median, s.q3), (4, 1.75, 2.5, 3.25));
        assert_eq!((s.min, s.max), (1.0, 4.0));
        assert!(Spread::of([]).is_none());
        let one = Spread::of([2.0]).unwrap();
        assert_eq!((one.q1, one.median, one.q3), (2.0, 2.0, 2.0));
    }
}
