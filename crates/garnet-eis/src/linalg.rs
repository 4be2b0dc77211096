//! Small dense linear algebra for the fits: Cholesky, Householder least squares and
//! non-negative least squares. Matrices are row-major `Vec<f64>`; sizes are small
//! (tens to a few hundred unknowns), so clarity beats blocking.

/// Solve A x = b for a symmetric positive-definite `n × n` matrix A by Cholesky
/// factorisation; `None` when A is not positive definite.
pub fn cholesky_solve(a: &[f64], b: &[f64], n: usize) -> Option<Vec<f64>> {
    let l = cholesky(a, n)?;
    Some(cholesky_apply(&l, b, n))
}

/// The lower Cholesky factor L (A = L Lᵀ), or `None` when A is not positive definite.
pub fn cholesky(a: &[f64], n: usize) -> Option<Vec<f64>> {
    if a.len() != n * n {
        return None;
    }
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= l[i * n + k] * l[j * n + k];
            }
            if i == j {
                if s <= 0.0 || !s.is_finite() {
                    return None;
                }
                l[i * n + i] = s.sqrt();
            } else {
                l[i * n + j] = s / l[j * n + j];
            }
        }
    }
    Some(l)
}

/// Factor the symmetric positive-definite `n × n` matrix in `a` in place into its lower
/// Cholesky factor (the upper triangle is left as it was); `false` when it is not
/// positive definite. No allocation: the inner loop of the fits calls it every step.
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

/// Solve L Lᵀ x = b in place (`b` becomes x) with the factor of [`cholesky_in_place`].
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

fn cholesky_apply(l: &[f64], b: &[f64], n: usize) -> Vec<f64> {
    let mut y = b.to_vec();
    for i in 0..n {
        for k in 0..i {
            y[i] -= l[i * n + k] * y[k];
        }
        y[i] /= l[i * n + i];
    }
    for i in (0..n).rev() {
        for k in i + 1..n {
            y[i] -= l[k * n + i] * y[k];
        }
        y[i] /= l[i * n + i];
    }
    y
}

/// Inverse of a symmetric positive-semidefinite matrix, computed after scaling it to
/// unit diagonal (which makes the result independent of the parameters' units);
/// `None` when it is singular.
pub fn inverse_spd(a: &[f64], n: usize) -> Option<Vec<f64>> {
    let d: Vec<f64> = (0..n).map(|i| a[i * n + i].sqrt()).collect();
    if d.iter().any(|&x| x <= 0.0 || !x.is_finite()) {
        return None;
    }
    let scaled: Vec<f64> = (0..n * n).map(|k| a[k] / (d[k / n] * d[k % n])).collect();
    let l = cholesky(&scaled, n)?;
    let mut inv = vec![0.0; n * n];
    for j in 0..n {
        let mut e = vec![0.0; n];
        e[j] = 1.0;
        let col = cholesky_apply(&l, &e, n);
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

    #[test]
    fn cholesky_and_inverse() {
        let a = [4.0, 2.0, 2.0, 3.0];
        let x = cholesky_solve(&a, &[2.0, 1.0], 2).unwrap();
        assert!((x[0] - 0.5).abs() < 1e-14 && x[1].abs() < 1e-14);
        let inv = inverse_spd(&a, 2).unwrap();
        // inverse of [[4,2],[2,3]] = [[3,-2],[-2,4]]/8
        let expect = [0.375, -0.25, -0.25, 0.5];
        for (a, b) in inv.iter().zip(expect) {
            assert!((a - b).abs() < 1e-14);
        }
        assert!(cholesky(&[1.0, 2.0, 2.0, 1.0], 2).is_none());
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
