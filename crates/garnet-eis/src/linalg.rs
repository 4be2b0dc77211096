//! Small dense linear algebra for the fits: one Cholesky factorisation and one
//! triangular solve (used by the LM steps, the covariance and NNLS), Householder least
//! squares and non-negative least squares. Matrices are row-major `Vec<f64>`; sizes are small
//! (tens to a few hundred unknowns), so clarity beats blocking.

/// Solve A x = b for a symmetric positive-definite `n × n` matrix A by Cholesky
/// factorisation ([`cholesky_in_place`] on a copy, then [`cholesky_solve_factored`]);
/// `None` when A is not positive definite.
pub fn cholesky_solve(a: &[f64], b: &[f64], n: usize) -> Option<Vec<f64>> {
    let mut l = a.to_vec();
    if a.len() != n * n || b.len() != n || !cholesky_in_place(&mut l, n) {
        return None;
    }
    let mut x = b.to_vec();
    cholesky_solve_factored(&l, &mut x, n);
    Some(x)
}

/// The one Cholesky factorisation of the crate: factor the symmetric positive-definite
/// `n × n` matrix in `a` (row-major) in place into its lower factor L, A = L Lᵀ (the
/// strict upper triangle is left as it was and never read); `false` when it is not
/// positive definite (a pivot ≤ 0 or not finite). No allocation: the inner loop of the
/// fits calls it every step.
pub fn cholesky_in_place(a: &mut [f64], n: usize) -> bool {
    if a.len() < n * n {
        return false;
    }
    for i in 0..n {
        for j in 0..=i {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= a[i * n + k] * a[j * n + k];
            }
            if i == j {
                if s <= 0.0 || !s.is_finite() {
                    return false;
                }
                a[i * n + i] = s.sqrt();
            } else {
                a[i * n + j] = s / a[j * n + j];
            }
        }
    }
    true
}

/// The one triangular solve of the crate: L Lᵀ x = b in place (`b` becomes x), forward
/// substitution with L then back substitution with Lᵀ, for the factor of
/// [`cholesky_in_place`] (only its lower triangle is read).
pub fn cholesky_solve_factored(l: &[f64], b: &mut [f64], n: usize) {
    for i in 0..n {
        for k in 0..i {
            b[i] -= l[i * n + k] * b[k];
        }
        b[i] /= l[i * n + i];
    }
    for i in (0..n).rev() {
        for k in i + 1..n {
            b[i] -= l[k * n + i] * b[k];
        }
        b[i] /= l[i * n + i];
    }
}

/// Inverse of a symmetric positive-semidefinite matrix, computed after scaling it to
/// unit diagonal (which makes the result independent of the parameters' units);
/// `None` when it is singular.
pub fn inverse_spd(a: &[f64], n: usize) -> Option<Vec<f64>> {
    let d: Vec<f64> = (0..n).map(|i| a[i * n + i].sqrt()).collect();
    if d.iter().any(|&x| x <= 0.0 || !x.is_finite()) {
        return None;
    }
    let mut l: Vec<f64> = (0..n * n).map(|k| a[k] / (d[k / n] * d[k % n])).collect();
    if !cholesky_in_place(&mut l, n) {
        return None;
    }
    let mut inv = vec![0.0; n * n];
    for j in 0..n {
        let mut col = vec![0.0; n];
        col[j] = 1.0;
        cholesky_solve_factored(&l, &mut col, n);
        for i in 0..n {
            inv[i * n + j] = col[i] / (d[i] * d[j]);
        }
    }
    Some(inv)
}

/// Least-squares solution of the `m × n` system A x ≈ b (m ≥ n) by Householder QR
/// with column scaling; `None` when A is rank deficient.
pub fn lstsq(a: &[f64], b: &[f64], m: usize, n: usize) -> Option<Vec<f64>> {
    if a.len() != m * n || b.len() != m || m < n {
        return None;
    }
    let scale: Vec<f64> = (0..n)
        .map(|j| {
            let s = (0..m).map(|i| a[i * n + j].powi(2)).sum::<f64>().sqrt();
            if s > 0.0 {
                s
            } else {
                1.0
            }
        })
        .collect();
    let mut r: Vec<f64> = (0..m * n).map(|k| a[k] / scale[k % n]).collect();
    let mut y = b.to_vec();
    for k in 0..n {
        let norm = (k..m).map(|i| r[i * n + k].powi(2)).sum::<f64>().sqrt();
        if norm < 1e-13 {
            return None;
        }
        let alpha = if r[k * n + k] > 0.0 { -norm } else { norm };
        let mut v: Vec<f64> = (k..m).map(|i| r[i * n + k]).collect();
        v[0] -= alpha;
        let vnorm2: f64 = v.iter().map(|x| x * x).sum();
        if vnorm2 == 0.0 {
            continue;
        }
        for j in k..n {
            let dot: f64 = (k..m).map(|i| v[i - k] * r[i * n + j]).sum();
            let f = 2.0 * dot / vnorm2;
            for i in k..m {
                r[i * n + j] -= f * v[i - k];
            }
        }
        let dot: f64 = (k..m).map(|i| v[i - k] * y[i]).sum();
        let f = 2.0 * dot / vnorm2;
        for i in k..m {
            y[i] -= f * v[i - k];
        }
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let mut s = y[i];
        for j in i + 1..n {
            s -= r[i * n + j] * x[j];
        }
        x[i] = s / r[i * n + i];
    }
    Some(x.iter().zip(&scale).map(|(x, s)| x / s).collect())
}

/// Non-negative least squares min ‖A x − b‖², x ≥ 0, given the normal-equation data
/// G = AᵀA (`n × n`) and c = Aᵀb: the active-set method of Lawson & Hanson
/// (Solving Least Squares Problems, 1974, ch. 23) in the Gram-matrix form of
/// Bro & de Jong (J. Chemometrics 11 (1997) 393). `free[i]` marks unknowns without
/// the sign constraint (kept in the passive set throughout).
pub fn nnls(g: &[f64], c: &[f64], n: usize, free: &[bool]) -> Option<Vec<f64>> {
    let mut x = vec![0.0; n];
    let mut passive: Vec<bool> = (0..n)
        .map(|i| free.get(i).copied().unwrap_or(false))
        .collect();
    let solve_passive = |passive: &[bool]| -> Option<Vec<f64>> {
        let idx: Vec<usize> = (0..n).filter(|&i| passive[i]).collect();
        let k = idx.len();
        let mut sub = vec![0.0; k * k];
        let mut rhs = vec![0.0; k];
        for (a, &i) in idx.iter().enumerate() {
            rhs[a] = c[i];
            for (b, &j) in idx.iter().enumerate() {
                sub[a * k + b] = g[i * n + j];
            }
        }
        let s = cholesky_solve(&sub, &rhs, k)?;
        let mut full = vec![0.0; n];
        for (a, &i) in idx.iter().enumerate() {
            full[i] = s[a];
        }
        Some(full)
    };
    if passive.iter().any(|&p| p) {
        x = solve_passive(&passive)?;
    }
    let tol = 1e-12 * c.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1e-300);
    for _outer in 0..3 * n + 10 {
        // Gradient of −½‖Ax − b‖²: w = c − G x.
        let w: Vec<f64> = (0..n)
            .map(|i| c[i] - (0..n).map(|j| g[i * n + j] * x[j]).sum::<f64>())
            .collect();
        let candidate = (0..n)
            .filter(|&i| !passive[i] && w[i] > tol)
            .max_by(|&a, &b| w[a].total_cmp(&w[b]));
        let Some(t) = candidate else {
            return Some(x);
        };
        passive[t] = true;
        for _inner in 0..3 * n + 10 {
            let s = solve_passive(&passive)?;
            let bad: Vec<usize> = (0..n)
                .filter(|&i| passive[i] && !free.get(i).copied().unwrap_or(false) && s[i] <= 0.0)
                .collect();
            if bad.is_empty() {
                x = s;
                break;
            }
            let alpha = bad
                .iter()
                .map(|&i| x[i] / (x[i] - s[i]))
                .fold(f64::INFINITY, f64::min);
            for i in 0..n {
                x[i] += alpha * (s[i] - x[i]);
            }
            for i in 0..n {
                if passive[i] && !free.get(i).copied().unwrap_or(false) && x[i] <= 1e-15 {
                    passive[i] = false;
                    x[i] = 0.0;
                }
            }
        }
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// A = L Lᵀ with L = [[2, 0, 0], [6, 1, 0], [−8, 5, 3]] (the textbook example of
    /// Cholesky factorisation), so every entry is exact in binary.
    const A3: [f64; 9] = [4.0, 12.0, -16.0, 12.0, 37.0, -43.0, -16.0, -43.0, 98.0];

    #[test]
    fn cholesky_factor_reproduces_the_matrix() {
        let mut l = A3;
        assert!(cholesky_in_place(&mut l, 3));
        let want_l = [[2.0, 0.0, 0.0], [6.0, 1.0, 0.0], [-8.0, 5.0, 3.0]];
        for i in 0..3 {
            for j in 0..=i {
                assert!((l[i * 3 + j] - want_l[i][j]).abs() < 1e-12, "L[{i}][{j}]");
            }
        }
        // L Lᵀ = A (lower triangle of the factor only; the upper one is A's).
        for i in 0..3 {
            for j in 0..3 {
                let llt: f64 = (0..=i.min(j)).map(|k| l[i * 3 + k] * l[j * 3 + k]).sum();
                assert!(
                    (llt - A3[i * 3 + j]).abs() < 1e-12,
                    "(L Lᵀ)[{i}][{j}] = {llt}"
                );
            }
        }
    }

    #[test]
    fn cholesky_solve_matches_a_hand_computed_solution() {
        // A (1, 2, 3)ᵀ = (4 + 24 − 48, 12 + 74 − 129, −16 − 86 + 294) = (−20, −43, 192).
        let x = cholesky_solve(&A3, &[-20.0, -43.0, 192.0], 3).unwrap();
        for (got, want) in x.iter().zip([1.0, 2.0, 3.0]) {
            assert!((got - want).abs() < 1e-12, "{x:?}");
        }
        // The same through the factor and the in-place triangular solve.
        let mut l = A3;
        assert!(cholesky_in_place(&mut l, 3));
        let mut b = [-20.0, -43.0, 192.0];
        cholesky_solve_factored(&l, &mut b, 3);
        assert_eq!(b.to_vec(), x);
        // 2 × 2: [[4, 2], [2, 3]] x = (2, 1) → (0.5, 0).
        let x = cholesky_solve(&[4.0, 2.0, 2.0, 3.0], &[2.0, 1.0], 2).unwrap();
        assert!((x[0] - 0.5).abs() < 1e-14 && x[1].abs() < 1e-14);
    }

    #[test]
    fn cholesky_refuses_matrices_that_are_not_positive_definite() {
        // Eigenvalues 3 and −1: indefinite; the second pivot is 1 − 4 < 0.
        let mut a = [1.0, 2.0, 2.0, 1.0];
        assert!(!cholesky_in_place(&mut a, 2));
        assert!(cholesky_solve(&[1.0, 2.0, 2.0, 1.0], &[1.0, 1.0], 2).is_none());
        // Singular (semidefinite), negative diagonal, NaN, wrong size.
        assert!(cholesky_solve(&[1.0, 1.0, 1.0, 1.0], &[1.0, 1.0], 2).is_none());
        assert!(cholesky_solve(&[-1.0], &[1.0], 1).is_none());
        assert!(cholesky_solve(&[f64::NAN], &[1.0], 1).is_none());
        assert!(cholesky_solve(&[1.0, 0.0, 0.0], &[1.0, 1.0], 2).is_none());
        assert!(inverse_spd(&[1.0, 2.0, 2.0, 1.0], 2).is_none());
    }

    #[test]
    fn inverse_of_a_symmetric_positive_definite_matrix() {
        let inv = inverse_spd(&[4.0, 2.0, 2.0, 3.0], 2).unwrap();
        // inverse of [[4,2],[2,3]] = [[3,-2],[-2,4]]/8
        let expect = [0.375, -0.25, -0.25, 0.5];
        for (a, b) in inv.iter().zip(expect) {
            assert!((a - b).abs() < 1e-14);
        }
    }

    #[test]
    fn qr_least_squares_fits_a_line() {
        // y = 1 + 2x exactly at x = 0..4.
        let a: Vec<f64> = (0..5).flat_map(|x| [1.0, x as f64]).collect();
        let b: Vec<f64> = (0..5).map(|x| 1.0 + 2.0 * x as f64).collect();
        let x = lstsq(&a, &b, 5, 2).unwrap();
        assert!((x[0] - 1.0).abs() < 1e-12 && (x[1] - 2.0).abs() < 1e-12);
    }

    #[test]
    fn nnls_clips_negative_components() {
        // min (x0 − 1)² + (x1 + 1)², x ≥ 0 → (1, 0); with x1 free → (1, −1).
        let g = [1.0, 0.0, 0.0, 1.0];
        let c = [1.0, -1.0];
        let x = nnls(&g, &c, 2, &[false, false]).unwrap();
        assert!((x[0] - 1.0).abs() < 1e-14 && x[1] == 0.0);
        let x = nnls(&g, &c, 2, &[false, true]).unwrap();
        assert!((x[0] - 1.0).abs() < 1e-14 && (x[1] + 1.0).abs() < 1e-14);
    }
}
