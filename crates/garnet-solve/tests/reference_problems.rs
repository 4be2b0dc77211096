//! The integrator over every reference problem with a known solution (the problems
//! are in `problems/mod.rs`): accuracy at the stated tolerances, conservation, event
//! location on the interpolant, and a problem that must fail.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

mod problems;

use garnet_solve::{Bdf, BdfOptions, RootTolerance, SolveError};
use problems::{Reference, Solution};

/// |y − y_ref| ≤ factor·(atol + rtol·|y_ref|), as a list of failures.
fn mismatches(r: &Reference, outputs: &[(f64, Vec<f64>)]) -> Vec<String> {
    let mut bad = Vec::new();
    let expected = r.expected();
    assert_eq!(outputs.len(), expected.len(), "{}", r.name);
    for ((t, y), (t_ref, y_ref)) in outputs.iter().zip(&expected) {
        assert_eq!(t, t_ref);
        for (i, (a, b)) in y.iter().zip(y_ref).enumerate() {
            let allowed = r.factor * (r.options.atol + r.options.rtol * b.abs());
            if (a - b).abs() > allowed {
                bad.push(format!(
                    "{} at t = {t:e}: y[{i}] = {a:.12e}, reference {b:.12e} (error {:.2e} > {allowed:.2e})",
                    r.name,
                    (a - b).abs()
                ));
            }
        }
    }
    bad
}

#[test]
fn every_reference_problem_matches_its_solution() {
    let mut failures = Vec::new();
    for mut r in problems::all() {
        let out = problems::run(&mut r).unwrap_or_else(|e| panic!("{}: {e}", r.name));
        failures.extend(mismatches(&r, &out.outputs));
        if let Some(inv) = &r.invariant {
            if out.invariant_defect > inv.tolerance {
                failures.push(format!(
                    "{}: invariant defect {:.2e} > {:.0e}",
                    r.name, out.invariant_defect, inv.tolerance
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn robertson_matches_hairer_wanner_at_t_40_and_conserves_mass() {
    // Hairer & Wanner II §IV.1 reference at t = 40 (digits in problems::robertson):
    // y1 = 0.7158270687, y2 = 9.185534765e-6, y3 = 0.2841637457; at rtol 1e-8 the
    // solution agrees to 7 significant digits in every component.
    for mut r in [problems::robertson(), problems::robertson_dae()] {
        let out = problems::run(&mut r).unwrap();
        let (t, y) = &out.outputs[0];
        assert_eq!(*t, 40.0);
        let reference = [0.7158270687193, 9.185534764529e-6, 0.2841637457462];
        for (i, (a, b)) in y.iter().zip(reference).enumerate() {
            assert!(
                ((a - b) / b).abs() < 1e-6,
                "{}: y{} = {a:.12e} vs {b:.12e}",
                r.name,
                i + 1
            );
        }
        let tolerance = r.invariant.as_ref().map_or(0.0, |i| i.tolerance);
        assert!(
            out.invariant_defect <= tolerance,
            "{}: |y1 + y2 + y3 − 1| = {:.2e} > {tolerance:.0e}",
            r.name,
            out.invariant_defect
        );
    }
}

#[test]
fn counters_match_the_calls_the_problem_saw() {
    for mut r in problems::all() {
        let out = problems::run(&mut r).unwrap();
        let s = out.stats;
        assert_eq!(s.jacobian_evals, r.problem.prepare_calls, "{}", r.name);
        assert_eq!(s.rhs_evals, r.problem.rhs_calls, "{}", r.name);
        assert!(s.newton_iters <= s.rhs_evals, "{}: {s:?}", r.name);
        assert!(
            s.steps > 0 && s.jacobian_evals <= s.steps + s.rejected,
            "{}: {s:?}",
            r.name
        );
    }
}

#[test]
fn oscillator_error_falls_with_the_tolerance() {
    let errors: Vec<f64> = [1e-4, 1e-6, 1e-8]
        .into_iter()
        .map(|rtol| {
            let mut r = problems::oscillator(rtol);
            let out = problems::run(&mut r).unwrap();
            let (t, y) = &out.outputs[0];
            let Solution::Exact(exact) = r.solution else {
                unreachable!()
            };
            let e = exact(*t);
            ((y[0] - e[0]).powi(2) + (y[1] - e[1]).powi(2)).sqrt()
        })
        .collect();
    assert!(errors[0] > errors[1] && errors[1] > errors[2], "{errors:?}");
    assert!(errors[2] < 1e-5, "{errors:?}");
}

#[test]
fn interpolant_matches_the_solution_inside_steps() {
    // At a quarter, half and three quarters of every step the interpolant is as
    // accurate as the steps' ends: within the problem's own error allowance.
    let mut r = problems::exponential_decay(1e-8, 1e-10);
    let mut bdf = Bdf::new(&mut r.problem, 0.0, &r.y0, r.options).unwrap();
    let mut y = [0.0];
    let mut t_prev = 0.0;
    let mut worst: f64 = 0.0;
    while bdf.t < 10.0 {
        let t = bdf.step(&mut r.problem, 10.0).unwrap();
        for frac in [0.25, 0.5, 0.75] {
            let tm = t_prev + frac * (t - t_prev);
            bdf.interpolate(tm, &mut y);
            let exact = (-tm).exp();
            let allowed = r.options.atol + r.options.rtol * exact;
            worst = worst.max((y[0] - exact).abs() / allowed);
        }
        t_prev = t;
    }
    assert!(
        worst < r.factor,
        "worst interpolation error {worst:.1}× the tolerance"
    );
}

/// Integrate y' = −y from y(0) = 1 until y = ½ and locate the crossing of
/// g = sign·(y − ½) (either sign: falling or rising through zero).
fn half_life(rtol: f64, atol: f64, tol: RootTolerance, sign: f64) -> (f64, f64) {
    let mut r = problems::exponential_decay(rtol, atol);
    let mut bdf = Bdf::new(&mut r.problem, 0.0, &r.y0, r.options).unwrap();
    let g = |y: &[f64]| sign * (y[0] - 0.5);
    let (mut t_prev, mut g_prev) = (0.0, g(&r.y0));
    let mut y = [0.0];
    loop {
        let t = bdf.step(&mut r.problem, 10.0).unwrap();
        let g_new = g(bdf.y());
        if g_new * g_prev <= 0.0 {
            let t_root = bdf.locate_root(g, (t_prev, g_prev), (t, g_new), tol, &mut y);
            assert!(
                t_root > t_prev && t_root < t,
                "{t_root} outside ({t_prev}, {t})"
            );
            return (t_root, g(&y));
        }
        (t_prev, g_prev) = (t, g_new);
    }
}

#[test]
fn cut_off_event_is_located_on_the_interpolant_to_1e_10() {
    // y' = −y, y(0) = 1 crosses y = ½ at t = ln 2. With tight solver tolerances and
    // root tolerances below 1e-10 the located time is ln 2 to 1e-10.
    let tight = RootTolerance {
        value: 1e-14,
        time: 1e-14,
    };
    for sign in [1.0, -1.0] {
        let (t, g) = half_life(1e-12, 1e-12, tight, sign);
        assert!(
            (t - 2f64.ln()).abs() < 1e-10,
            "t = {t:.15} vs ln 2 = {:.15}",
            2f64.ln()
        );
        assert!(g.abs() < 1e-14, "g = {g:e}");
    }
    // At the cell's settings (rtol = atol = 1e-6, |g| < 1e-10) g vanishes on the
    // interpolant to 1e-10 and the time is as good as the solution: |Δt| ≈ |Δy|/|y'|.
    let (t, g) = half_life(1e-6, 1e-6, RootTolerance::default(), 1.0);
    assert!(g.abs() < 1e-10, "g = {g:e}");
    assert!((t - 2f64.ln()).abs() < 1e-5, "t = {t:.12}");
}

#[test]
fn finite_time_blow_up_fails_with_the_time() {
    // y' = y², y(0) = 1: y = 1/(1 − t) → ∞ as t → 1; asked for t = 2, the step size
    // must collapse just before t = 1 and the error must say when. The numerical
    // solution's own blow-up moves with its accumulated error, towards t = 1 as the
    // tolerance shrinks (measured 1 − 3e-5 at 1e-6, 1 − 1.2e-8 at 1e-10).
    for (tol, distance) in [(1e-6, 1e-4), (1e-10, 1e-7)] {
        let mut p = problems::blow_up();
        let options = BdfOptions {
            rtol: tol,
            atol: tol,
            ..BdfOptions::default()
        };
        let mut bdf = Bdf::new(&mut p, 0.0, &[1.0], options).unwrap();
        let err = loop {
            match bdf.step(&mut p, 2.0) {
                Ok(t) => assert!(t < 1.0, "stepped past the singularity to t = {t}"),
                Err(e) => break e,
            }
        };
        let SolveError::StepSizeTooSmall {
            time,
            step,
            variable,
            ..
        } = &err
        else {
            panic!("expected StepSizeTooSmall, got {err:?}");
        };
        assert!((time - 1.0).abs() < distance, "tol {tol}: time {time}");
        assert!(*step < options.min_step, "step {step}");
        assert_eq!(variable, "y");
        let message = err.to_string();
        assert!(message.contains(&format!("t = {time:.6e} s")), "{message}");
    }
}
