//! A small dense revised-simplex solver for the hull linear program
//!
//! min Σᵢ cᵢ·xᵢ  subject to  Σᵢ aᵢ·xᵢ = b,  x ≥ 0,
//!
//! where the columns aᵢ are compositions (atomic fractions over m elements), cᵢ their
//! energies per atom and b the target composition. Every element has a column equal to
//! its unit vector (the elemental reference), so the elements form a feasible starting
//! basis and no phase-one is needed. Pivoting uses Dantzig's rule and falls back to
//! Bland's rule (which cannot cycle) after a run of degenerate steps. The basis inverse
//! is recomputed by Gauss–Jordan elimination with partial pivoting at every step
//! (m ≤ 19 here, so this costs little and keeps round-off from accumulating).

use crate::HullFailure;

/// Reduced-cost tolerance (eV/atom): a column improves the objective only below −this.
const COST_TOL: f64 = 1e-11;
/// Pivot tolerance in the ratio test.
const PIVOT_TOL: f64 = 1e-12;
/// Consecutive degenerate steps before switching to Bland's rule.
const DEGENERATE_SWITCH: usize = 20;

/// The optimum of a hull linear program.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LpSolution {
    /// Minimum objective Σ cᵢ·xᵢ.
    pub objective: f64,
    /// Basic columns with their values (may include zeros at degenerate optima).
    pub basis: Vec<(usize, f64)>,
}

/// Solve min c·x s.t. A·x = b, x ≥ 0, with `columns[i]` the m-vector aᵢ.
///
/// `start` names, for each row k, a column equal to the k-th unit vector.
pub(crate) fn minimize(
    columns: &[Vec<f64>],
    costs: &[f64],
    b: &[f64],
    start: &[usize],
) -> Result<LpSolution, HullFailure> {
    let m = b.len();
    if start.len() != m {
        return Err(HullFailure::BasisSize);
    }
    let mut basis: Vec<usize> = start.to_vec();
    let mut degenerate = 0usize;
    let max_iter = 50 * (m + columns.len()).max(10);
    for _ in 0..max_iter {
        let binv = inverse(&basis.iter().map(|&j| &columns[j][..]).collect::<Vec<_>>())
            .ok_or(HullFailure::SingularBasis)?;
        let xb: Vec<f64> = (0..m)
            .map(|k| (0..m).map(|j| binv[k][j] * b[j]).sum::<f64>())
            .collect();
        // Simplex multipliers (element chemical potentials): μ_j = Σ_k c_B,k · B⁻¹[k][j].
        let mu: Vec<f64> = (0..m)
            .map(|j| (0..m).map(|k| costs[basis[k]] * binv[k][j]).sum::<f64>())
            .collect();
        let bland = degenerate >= DEGENERATE_SWITCH;
        let mut entering: Option<(usize, f64)> = None;
        for (i, col) in columns.iter().enumerate() {
            if basis.contains(&i) {
                continue;
            }
            let r = costs[i] - col.iter().zip(&mu).map(|(a, u)| a * u).sum::<f64>();
            if r < -COST_TOL {
                match entering {
                    None => {
                        entering = Some((i, r));
                        if bland {
                            break;
                        }
                    }
                    Some((_, best)) if r < best => entering = Some((i, r)),
                    Some(_) => {}
                }
            }
        }
        let Some((q, _)) = entering else {
            let objective = (0..m).map(|k| costs[basis[k]] * xb[k]).sum();
            return Ok(LpSolution {
                objective,
                basis: basis
                    .iter()
                    .zip(&xb)
                    .map(|(&j, &x)| (j, x.max(0.0)))
                    .collect(),
            });
        };
        let d: Vec<f64> = (0..m)
            .map(|k| (0..m).map(|j| binv[k][j] * columns[q][j]).sum::<f64>())
            .collect();
        let mut leave: Option<(usize, f64)> = None;
        for k in 0..m {
            if d[k] > PIVOT_TOL {
                let theta = xb[k].max(0.0) / d[k];
                let better = match leave {
                    None => true,
                    Some((kl, t)) => {
                        theta < t - 1e-15 || (theta <= t + 1e-15 && basis[k] < basis[kl])
                    }
                };
                if better {
                    leave = Some((k, theta));
                }
            }
        }
        let Some((k, theta)) = leave else {
            return Err(HullFailure::Unbounded);
        };
        degenerate = if theta < 1e-14 { degenerate + 1 } else { 0 };
        basis[k] = q;
    }
    Err(HullFailure::NoConvergence)
}

/// Inverse of the matrix whose *columns* are `cols` (m × m), or None if singular.
fn inverse(cols: &[&[f64]]) -> Option<Vec<Vec<f64>>> {
    let m = cols.len();
    // a[r][c] = cols[c][r]; augmented with identity.
    let mut a: Vec<Vec<f64>> = (0..m)
        .map(|r| {
            let mut row: Vec<f64> = (0..m).map(|c| cols[c][r]).collect();
            row.extend((0..m).map(|c| if c == r { 1.0 } else { 0.0 }));
            row
        })
        .collect();
    for c in 0..m {
        let p = (c..m).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))?;
        if a[p][c].abs() < 1e-14 {
            return None;
        }
        a.swap(c, p);
        let piv = a[c][c];
        for v in a[c].iter_mut() {
            *v /= piv;
        }
        let pivot_row = a[c].clone();
        for (r, row) in a.iter_mut().enumerate() {
            if r != c {
                let f = row[c];
                if f != 0.0 {
                    for (v, pv) in row.iter_mut().zip(&pivot_row) {
                        *v -= f * pv;
                    }
                }
            }
        }
    }
    Some(a.into_iter().map(|row| row[m..].to_vec()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_hull_picks_the_compound() {
        // A, B at 0; AB (½,½) at −1; target ½,½ → −1 with AB alone.
        let cols = vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![0.5, 0.5]];
        let s = minimize(&cols, &[0.0, 0.0, -1.0], &[0.5, 0.5], &[0, 1]).unwrap();
        assert!((s.objective + 1.0).abs() < 1e-12);
        let ab = s.basis.iter().find(|(j, _)| *j == 2).unwrap();
        assert!((ab.1 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn inverse_of_permutation() {
        let c0 = [0.0, 1.0];
        let c1 = [1.0, 0.0];
        let inv = inverse(&[&c0, &c1]).unwrap();
        assert_eq!(inv, vec![vec![0.0, 1.0], vec![1.0, 0.0]]);
    }

    #[test]
    fn failures_are_typed() {
        let cols = vec![vec![1.0, 0.0], vec![0.0, 1.0]];
        assert_eq!(
            minimize(&cols, &[0.0, 0.0], &[0.5, 0.5], &[0]),
            Err(HullFailure::BasisSize)
        );
        // Two equal columns as the basis: singular.
        let same = vec![vec![1.0, 0.0], vec![1.0, 0.0]];
        assert_eq!(
            minimize(&same, &[0.0, 0.0], &[0.5, 0.5], &[0, 1]),
            Err(HullFailure::SingularBasis)
        );
        assert_eq!(
            HullFailure::Unbounded.to_string(),
            "unbounded (no elemental reference?)"
        );
    }
}
