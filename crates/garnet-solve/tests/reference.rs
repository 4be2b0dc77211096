//! Reference problems with known solutions, run through the integrator.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use garnet_solve::{Problem, SolveError};

/// A 2-unknown problem `M y' = A y + g(t)` with dense 2×2 Newton solves.
struct Linear2 {
    mass: [f64; 2],
    a: [[f64; 2]; 2],
    g: fn(f64) -> [f64; 2],
    lu: [[f64; 2]; 2],
}

impl Problem for Linear2 {
    fn len(&self) -> usize {
        2
    }
    fn mass(&self, out: &mut [f64]) {
        out.copy_from_slice(&self.mass);
    }
    fn rhs(&mut self, t: f64, y: &[f64], f: &mut [f64]) -> Result<(), SolveError> {
        let g = (self.g)(t);
        for i in 0..2 {
            f[i] = self.a[i][0] * y[0] + self.a[i][1] * y[1] + g[i];
        }
        Ok(())
    }
    fn prepare(&mut self, _t: f64, _y: &[f64], c_mass: f64, c_jac: f64) -> Result<(), SolveError> {
        for i in 0..2 {
            for j in 0..2 {
                self.lu[i][j] =
                    if i == j { c_mass * self.mass[i] } else { 0.0 } - c_jac * self.a[i][j];
            }
        }
        Ok(())
    }
    fn solve(&mut self, b: &mut [f64]) -> Result<(), SolveError> {
        let m = self.lu;
        let det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        if det == 0.0 {
            return Err(SolveError::Singular {
                time: 0.0,
                detail: "det = 0".into(),
            });
        }
        let x0 = (b[0] * m[1][1] - m[0][1] * b[1]) / det;
        let x1 = (m[0][0] * b[1] - m[1][0] * b[0]) / det;
        b[0] = x0;
        b[1] = x1;
        Ok(())
    }
}

mod bdf {
    use super::*;
    use garnet_solve::{Bdf, BdfOptions};

    fn run_bdf(p: &mut Linear2, y0: [f64; 2], t_end: f64, rtol: f64) -> ([f64; 2], Bdf) {
        let mut s = Bdf::new(
            p,
            0.0,
            &y0,
            BdfOptions {
                rtol,
                atol: rtol,
                ..BdfOptions::default()
            },
        )
        .unwrap();
        while s.t < t_end {
            s.step(p, t_end).unwrap();
        }
        ([s.y()[0], s.y()[1]], s)
    }

    #[test]
    fn oscillator_converges_with_tolerance() {
        let mut errs = Vec::new();
        for rtol in [1e-4, 1e-6, 1e-8] {
            let mut p = Linear2 {
                mass: [1.0, 1.0],
                a: [[0.0, 1.0], [-1.0, 0.0]],
                g: |_| [0.0, 0.0],
                lu: [[0.0; 2]; 2],
            };
            let (y, _) = run_bdf(&mut p, [1.0, 0.0], 10.0, rtol);
            errs.push(((y[0] - 10f64.cos()).powi(2) + (y[1] + 10f64.sin()).powi(2)).sqrt());
        }
        assert!(errs[0] > errs[1] && errs[1] > errs[2], "{errs:?}");
        assert!(errs[2] < 1e-5, "{errs:?}");
    }

    #[test]
    fn stiff_and_dae() {
        let mut p = Linear2 {
            mass: [1.0, 1.0],
            a: [[-1e6, 0.0], [0.0, -1.0]],
            g: |t| [1e6 * t.cos(), 0.0],
            lu: [[0.0; 2]; 2],
        };
        let (y, s) = run_bdf(&mut p, [1.0, 1.0], 2.0, 1e-7);
        assert!((y[0] - 2f64.cos()).abs() < 1e-5, "{}", y[0]);
        assert!((y[1] - (-2f64).exp()).abs() < 1e-5, "{}", y[1]);
        assert!(s.stats.steps < 500, "{:?}", s.stats);
        let mut p = Linear2 {
            mass: [1.0, 0.0],
            a: [[-1.0, 1.0], [0.0, -1.0]],
            g: |t| [0.0, t.sin()],
            lu: [[0.0; 2]; 2],
        };
        let (y, _) = run_bdf(&mut p, [0.0, 0.0], 3.0, 1e-8);
        let exact = (3f64.sin() - 3f64.cos()) / 2.0 + (-3f64).exp() / 2.0;
        assert!((y[0] - exact).abs() < 1e-6, "{} vs {exact}", y[0]);
        assert!((y[1] - 3f64.sin()).abs() < 1e-6);
    }

    #[test]
    fn interpolant_matches_solution_inside_a_step() {
        let mut p = Linear2 {
            mass: [1.0, 1.0],
            a: [[-1.0, 0.0], [0.0, -1.0]],
            g: |_| [0.0, 0.0],
            lu: [[0.0; 2]; 2],
        };
        let mut s = Bdf::new(
            &mut p,
            0.0,
            &[1.0, 1.0],
            BdfOptions {
                rtol: 1e-8,
                atol: 1e-8,
                ..BdfOptions::default()
            },
        )
        .unwrap();
        for _ in 0..40 {
            s.step(&mut p, 10.0).unwrap();
        }
        let t_mid = s.t - 0.5 * s.step_size().min(s.t);
        let mut out = [0.0; 2];
        s.interpolate(t_mid, &mut out);
        assert!(
            (out[0] - (-t_mid).exp()).abs() < 1e-6,
            "{} vs {}",
            out[0],
            (-t_mid).exp()
        );
    }
}
