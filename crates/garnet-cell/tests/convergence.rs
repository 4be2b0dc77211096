//! Mesh convergence of the voltage and of every overpotential term (model
//! [`Breakdown`]), beyond the 1C capacity of tests/physics.rs
//! (`doubling_the_mesh_changes_the_1c_capacity_by_less_than_0_1_percent`).
//!
//! For the flagship composite (examples/flagship.toml), the thin film
//! (examples/table2-lco-linbo3-thin-film.toml) and LiFePO4
//! (examples/table2-lfp-direct-coated.toml), at C/10, 1C and 5C: the discharge is run
//! on meshes N = 10, 20, 40 (cathode volumes and particle shells together; a thin film
//! has one cathode volume, so only its shells change) with the solver at
//! rtol = atol = 1e-9, and the voltage and the seven terms are compared at the same five
//! times, 10–90 % of the N = 10 discharge time — at constant current these are the same
//! discharged capacities. Each step of the protocol ends at a checkpoint, so nothing is
//! interpolated between solver steps.
//!
//! Two checks: (1) the default mesh (N = 20) against its doubling (N = 40), per rate,
//! within the tolerances of [`TOLERANCE_V`]; (2) the observed order of convergence,
//! p = log2(|f₁₀ − f₂₀| / |f₂₀ − f₄₀|) (Richardson), is 2 — the finite-volume scheme is
//! second order in space — within [1.7, 2.3] at C/10 and 1C (at 5C, where the
//! composites are pre-asymptotic on these meshes, only convergence: see
//! [`order_range`]) for every quantity that changes with the mesh by more than 1e-7 V (100× the solver noise seen at these tolerances, ~1e-11 V).
//! With p = 2 the Richardson estimate of the error left at N = 20 is |f₂₀ − f₄₀| / 3.
//! The measured values (this commit) are in each test's doc; the default tests run in a
//! few seconds in debug; the 80-volume case is `#[ignore]`d (command in its doc).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use garnet_cell::{Breakdown, CellParams, CurrentSpec, Design, Protocol, Simulator, Step, Summary};
use garnet_materials::MaterialDb;

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// An example with the mesh (cathode volumes, particle shells) and tolerances set.
fn params(example: &str, n_x: usize, n_r: usize, tol: f64) -> CellParams {
    let text = std::fs::read_to_string(root().join("examples").join(example)).unwrap();
    let mut d = Design::from_toml(example, &text).unwrap();
    d.set_number("mesh.cathode", n_x as f64).unwrap();
    d.set_number("mesh.particle", n_r as f64).unwrap();
    d.set_number("solver.rtol", tol).unwrap();
    d.set_number("solver.atol", tol).unwrap();
    d.resolve(&MaterialDb::embedded().unwrap()).unwrap()
}

fn cc(c_rate: f64, max_time: Option<f64>) -> Step {
    Step::ConstantCurrent {
        discharge: true,
        current: CurrentSpec::CRate(c_rate),
        until_voltage: None,
        max_time,
    }
}

/// Discharge time to the cut-off at `c_rate` (s).
fn discharge_time(p: &CellParams, c_rate: f64) -> f64 {
    let mut sim = Simulator::new(p.clone());
    let mut y = sim.initial_state();
    let protocol = Protocol {
        steps: vec![cc(c_rate, None)],
        cycles: 1,
    };
    let run = sim.run(&protocol, &mut y).unwrap();
    Summary::of(&run, p).discharge_time_s
}

/// The breakdown at the given times (s) of a discharge at `c_rate`: one step per
/// interval, so each time is hit exactly (no interpolation between solver steps).
fn at_times(p: &CellParams, c_rate: f64, times: &[f64]) -> Vec<Breakdown> {
    let mut steps = Vec::new();
    let mut last = 0.0;
    for &t in times {
        steps.push(cc(c_rate, Some(t - last)));
        last = t;
    }
    let mut sim = Simulator::new(p.clone());
    let mut y = sim.initial_state();
    let run = sim.run(&Protocol { steps, cycles: 1 }, &mut y).unwrap();
    (1..=times.len())
        .map(|k| {
            run.samples
                .iter()
                .rev()
                .find(|s| s.step == k)
                .unwrap()
                .breakdown
        })
        .collect()
}

fn all_terms(b: &Breakdown) -> [f64; 8] {
    let t = b.terms();
    [b.voltage, t[0], t[1], t[2], t[3], t[4], t[5], t[6]]
}

const NAMES: [&str; 8] = [
    "voltage",
    "anode",
    "separator",
    "electrolyte",
    "reaction",
    "film",
    "particle",
    "electronic",
];

/// Largest |a − b| over the checkpoints, per quantity (V).
fn max_diff(a: &[Breakdown], b: &[Breakdown]) -> [f64; 8] {
    let mut out = [0.0; 8];
    for (x, y) in a.iter().zip(b) {
        for (k, (u, v)) in all_terms(x).iter().zip(all_terms(y)).enumerate() {
            out[k] = f64::max(out[k], (u - v).abs());
        }
    }
    out
}

/// Tolerance on |f₂₀ − f₄₀| (V), the voltage and every term, by C-rate. The measured
/// largest differences (all three designs) are 1.2e-5 V at C/10, 2.5e-4 V at 1C and
/// 5.7e-3 V at 5C (the flagship's voltage); the tolerances leave a factor 2–4.
const TOLERANCE_V: [(f64, f64); 3] = [(0.1, 5e-5), (1.0, 5e-4), (5.0, 1.5e-2)];

/// Accepted observed orders: second order at C/10 and 1C. At 5C the reaction front at
/// the separator side of a composite is a few volumes thick on these meshes, and the
/// terms of the breakdown (current-weighted averages over that front) are not yet in
/// their asymptotic range: the measured orders scatter between 1.45 and 4.8 (below), so
/// at 5C only convergence (an order above 1: each refinement at least halves the
/// change) is asserted, with the size of |N20 − N40| bounded by the tolerance.
fn order_range(rate: f64) -> std::ops::RangeInclusive<f64> {
    if rate >= 5.0 {
        1.0..=6.0
    } else {
        1.7..=2.3
    }
}

/// Quantities that move less than this between meshes are at the solver's noise: no
/// order is read from them (V).
const RESOLVED_V: f64 = 1e-7;

/// The three meshes' breakdowns at the checkpoints of a discharge at `rate`.
fn three_meshes(example: &str, rate: f64, n: [usize; 3]) -> [Vec<Breakdown>; 3] {
    let coarse = params(example, n[0], n[0], 1e-9);
    let t_end = discharge_time(&coarse, rate);
    let times: Vec<f64> = [0.1, 0.3, 0.5, 0.7, 0.9]
        .iter()
        .map(|f| f * t_end)
        .collect();
    n.map(|k| at_times(&params(example, k, k, 1e-9), rate, &times))
}

/// Check (1) and (2) for one design; `skip_order` names (rate, quantity) pairs whose
/// order is pre-asymptotic on these meshes (stated where used).
fn converges(example: &str, skip_order: &[(f64, &str)]) {
    for (rate, tol) in TOLERANCE_V {
        let [b10, b20, b40] = three_meshes(example, rate, [10, 20, 40]);
        let d1 = max_diff(&b10, &b20);
        let d2 = max_diff(&b20, &b40);
        for k in 0..8 {
            // The measured figures quoted in the doc comments (`-- --nocapture`).
            println!(
                "{example} {rate}C {}: |N10 − N20| = {:.2e}, |N20 − N40| = {:.2e}, order {:.2}",
                NAMES[k],
                d1[k],
                d2[k],
                (d1[k] / d2[k]).log2()
            );
            assert!(
                d2[k] < tol,
                "{example} {rate}C {}: |N20 − N40| = {:.2e} V ≥ {tol:.0e} V",
                NAMES[k],
                d2[k]
            );
            if d1[k] > RESOLVED_V && !skip_order.contains(&(rate, NAMES[k])) {
                let p = (d1[k] / d2[k]).log2();
                assert!(
                    order_range(rate).contains(&p),
                    "{example} {rate}C {}: observed order {p:.2} (|N10 − N20| = {:.2e}, |N20 − N40| = {:.2e})",
                    NAMES[k],
                    d1[k],
                    d2[k]
                );
            }
        }
    }
}

/// Flagship composite. Measured |N20 − N40| (V): voltage 9.9e-6 / 2.3e-4 / 5.7e-3 at
/// C/10 / 1C / 5C; particle 1.2e-5 / 2.5e-4 / —; electrolyte 2.0e-6 / 3.1e-5 / 3.0e-4;
/// electronic 3.0e-7 / 3.9e-6 / —; reaction 2.4e-8 / 2.0e-6 / 1.8e-4; separator, anode
/// and film do not depend on the mesh (≤ 1e-9). Orders 2.00–2.18 at C/10 and 1C (the
/// particle side of the contact constriction slows the solid diffusion, which makes
/// 1C and 5C harder than before issue 14 item 9); at 5C 1.66 (voltage) to 4.8 on
/// 10/20/40, pre-asymptotic, and 1.45–3.7 on 20/40/80
/// (`five_c_reaction_terms_reach_second_order_on_finer_meshes`).
#[test]
fn flagship_composite_voltage_and_every_term_converge_at_second_order() {
    converges("flagship.toml", &[(5.0, "reaction")]);
}

/// The 5C terms on 20/40/80. Measured (flagship): voltage |N40 − N80| = 1.5e-3 V, order
/// 1.92; particle 1.83; electrolyte 1.45; reaction 2.65; electronic 3.73. LiFePO4:
/// voltage 1.99, electrolyte 1.75, reaction 1.86, particle 2.08.
///
/// Heavier (the 80-volume meshes, ~10 s in debug), so not in the default suite:
/// `cargo test -p garnet-cell --test convergence -- --ignored`.
#[test]
#[ignore]
fn five_c_reaction_terms_reach_second_order_on_finer_meshes() {
    for example in ["flagship.toml", "table2-lfp-direct-coated.toml"] {
        let [b20, b40, b80] = three_meshes(example, 5.0, [20, 40, 80]);
        let (d1, d2) = (max_diff(&b20, &b40), max_diff(&b40, &b80));
        for k in 0..8 {
            if d1[k] > RESOLVED_V {
                let p = (d1[k] / d2[k]).log2();
                println!(
                    "{example} 5C {}: order {p:.2} ({:.2e}, {:.2e})",
                    NAMES[k], d1[k], d2[k]
                );
                assert!(
                    order_range(5.0).contains(&p),
                    "{example} {}: order {p:.2}",
                    NAMES[k]
                );
            }
        }
    }
}

/// Thin-film LiCoO2 (one cathode volume; the shells across the film change). Measured
/// |N20 − N40| (V): voltage 2.1e-7 / 2.2e-6 / 1.1e-5 at C/10 / 1C / 5C, nearly all of
/// it the particle (film diffusion) term; reaction 4.6e-10 / 8.5e-9 / 2.0e-7. Orders
/// 2.00–2.03 where resolved.
#[test]
fn thin_film_voltage_and_every_term_converge_at_second_order() {
    converges("table2-lco-linbo3-thin-film.toml", &[]);
}

/// LiFePO4 composite. Measured |N20 − N40| (V): voltage 6.2e-6 / 6.7e-5 / 4.8e-4 at
/// C/10 / 1C / 5C; particle 6.6e-6 / 6.9e-5 / 3.3e-4; electrolyte 5.1e-7 / 8.9e-6 /
/// 7.7e-5; reaction 7.8e-9 / 1.1e-6 / 7.2e-5. Orders 1.99–2.06 at C/10 and 1C; at 5C
/// 1.45 (electrolyte) to 2.11 on 10/20/40, pre-asymptotic
/// (`five_c_reaction_terms_reach_second_order_on_finer_meshes`).
#[test]
fn lfp_voltage_and_every_term_converge_at_second_order() {
    converges("table2-lfp-direct-coated.toml", &[(5.0, "reaction")]);
}
