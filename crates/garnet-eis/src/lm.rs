//! Levenberg–Marquardt for small dense nonlinear least squares, min ½‖r(u)‖².
//!
//! The damped step solves (JᵀJ + μ·diag(JᵀJ)) δ = −Jᵀr (Marquardt's scaling), and μ is
//! updated from the gain ratio ρ = actual/predicted reduction as in Nielsen
//! (IMM-REP-1999-05; Madsen, Nielsen & Tingleff, *Methods for non-linear least squares
//! problems*, 2004, §3.2): on success μ ← μ·max(⅓, 1 − (2ρ − 1)³), on failure μ ← μ·ν,
//! ν ← 2ν. The Jacobian is taken by forward differences.

use crate::linalg::cholesky_solve;

/// How an LM run ended.
#[derive(Debug, Clone, PartialEq)]
pub struct LmOutcome {
    /// Final point.
    pub u: Vec<f64>,
    /// Final cost ‖r‖² (not halved).
    pub cost: f64,
    /// Iterations taken.
    pub iterations: usize,
    /// Whether a convergence test was met (rather than the iteration limit).
    pub converged: bool,
    /// Residual evaluations used.
    pub evaluations: usize,
}

fn sumsq(r: &[f64]) -> f64 {
    r.iter().map(|x| x * x).sum()
}

/// Forward-difference Jacobian (row-major, m × n) of `f` at `u` with residual `r0`.
pub fn jacobian<F>(f: &mut F, u: &[f64], r0: &[f64], evals: &mut usize) -> Option<Vec<f64>>
where
    F: FnMut(&[f64]) -> Option<Vec<f64>>,
{
    let n = u.len();
    let m = r0.len();
    let mut j = vec![0.0; m * n];
    let mut up = u.to_vec();
    for k in 0..n {
        let h = 1e-7 * u[k].abs().max(1.0);
        up[k] = u[k] + h;
        *evals += 1;
        let r = f(&up)?;
        up[k] = u[k];
        for i in 0..m {
            j[i * n + k] = (r[i] - r0[i]) / h;
        }
    }
    Some(j)
}

/// Minimise ‖f(u)‖² from `u0`. `f` returns `None` where the model is not defined
/// (non-finite values), which the method treats as an infinitely bad point.
pub fn minimise<F>(mut f: F, u0: &[f64], max_iterations: usize) -> Option<LmOutcome>
where
    F: FnMut(&[f64]) -> Option<Vec<f64>>,
{
    let n = u0.len();
    let mut evals = 1;
    let mut u = u0.to_vec();
    let mut r = f(&u)?;
    let m = r.len();
    let mut cost = sumsq(&r);
    if n == 0 {
        return Some(LmOutcome {
            u,
            cost,
            iterations: 0,
            converged: true,
            evaluations: evals,
        });
    }
    let mut mu = -1.0;
    let mut diag = vec![0.0f64; n];
    let mut nu = 2.0;
    let mut iterations = 0;
    let mut converged = false;
    'outer: while iterations < max_iterations {
        iterations += 1;
        let j = jacobian(&mut f, &u, &r, &mut evals)?;
        let mut a = vec![0.0; n * n];
        let mut g = vec![0.0; n];
        for i in 0..m {
            let row = &j[i * n..(i + 1) * n];
            for p in 0..n {
                g[p] += row[p] * r[i];
                for q in 0..=p {
                    a[p * n + q] += row[p] * row[q];
                }
            }
        }
        for p in 0..n {
            for q in 0..p {
                a[q * n + p] = a[p * n + q];
            }
        }
        // Moré's scaling (MINPACK): the largest diagonal seen so far, so a parameter
        // whose column has faded (a resistance running to zero in log space) keeps
        // its damping and cannot take an unbounded step.
        for p in 0..n {
            diag[p] = diag[p].max(a[p * n + p]).max(1e-300);
        }
        let gmax = g
            .iter()
            .zip(&diag)
            .fold(0.0f64, |m, (g, d)| m.max(g.abs() / d.sqrt()));
        if gmax <= 1e-12 * cost.sqrt().max(1e-300) {
            converged = true;
            break;
        }
        if mu < 0.0 {
            mu = 1e-3;
        }
        // Inner loop: raise μ until a step reduces the cost.
        loop {
            let mut damped = a.clone();
            for p in 0..n {
                damped[p * n + p] += mu * diag[p];
            }
            let rhs: Vec<f64> = g.iter().map(|x| -x).collect();
            let Some(delta) = cholesky_solve(&damped, &rhs, n) else {
                mu *= nu;
                nu *= 2.0;
                if mu > 1e20 {
                    break 'outer;
                }
                continue;
            };
            let unorm = u.iter().map(|x| x * x).sum::<f64>().sqrt();
            let dnorm = delta.iter().map(|x| x * x).sum::<f64>().sqrt();
            if dnorm <= 1e-12 * (unorm + 1e-12) {
                converged = true;
                break 'outer;
            }
            let trial: Vec<f64> = u.iter().zip(&delta).map(|(a, b)| a + b).collect();
            evals += 1;
            let trial_r = f(&trial);
            let trial_cost = trial_r.as_ref().map(|r| sumsq(r)).unwrap_or(f64::INFINITY);
            // Predicted reduction of ‖r‖²: δᵀ(μ D δ − g).
            let predicted: f64 = (0..n)
                .map(|p| delta[p] * (mu * diag[p] * delta[p] - g[p]))
                .sum();
            let rho = (cost - trial_cost) / predicted.max(1e-300);
            if trial_cost.is_finite() && rho > 0.0 {
                let old = cost;
                u = trial;
                if let Some(tr) = trial_r {
                    r = tr;
                }
                cost = trial_cost;
                mu *= (1.0 - (2.0 * rho - 1.0).powi(3)).max(1.0 / 3.0);
                nu = 2.0;
                if old - cost <= 1e-15 * old {
                    converged = true;
                    break 'outer;
                }
                break;
            }
            mu *= nu;
            nu *= 2.0;
            if mu > 1e20 {
                converged = true;
                break 'outer;
            }
        }
    }
    Some(LmOutcome {
        u,
        cost,
        iterations,
        converged,
        evaluations: evals,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn rosenbrock_minimum() {
        // r = (10 (u1 − u0²), 1 − u0): minimum at (1, 1) with cost 0.
        let out = minimise(
            |u| Some(vec![10.0 * (u[1] - u[0] * u[0]), 1.0 - u[0]]),
            &[-1.2, 1.0],
            200,
        )
        .unwrap();
        assert!(out.converged);
        assert!((out.u[0] - 1.0).abs() < 1e-6 && (out.u[1] - 1.0).abs() < 1e-6);
    }

    #[test]
    fn exponential_decay() {
        // y = 3 e^{−0.5 t} sampled exactly.
        let t: Vec<f64> = (0..20).map(|i| i as f64 * 0.5).collect();
        let y: Vec<f64> = t.iter().map(|t| 3.0 * (-0.5 * t).exp()).collect();
        let out = minimise(
            |u| {
                Some(
                    t.iter()
                        .zip(&y)
                        .map(|(t, y)| u[0] * (-u[1] * t).exp() - y)
                        .collect(),
                )
            },
            &[1.0, 1.0],
            200,
        )
        .unwrap();
        assert!((out.u[0] - 3.0).abs() < 1e-7 && (out.u[1] - 0.5).abs() < 1e-8);
    }
}
