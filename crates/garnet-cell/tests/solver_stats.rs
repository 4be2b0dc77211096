//! The solver's work on the PyBaMM-parity example (`examples/pybamm-xu2019-halfcell.toml`,
//! a 1C discharge, what `garnet bench` runs and reports), pinned with an `insta`
//! snapshot (`tests/snapshots/`): a change in steps, rejections, Jacobian evaluations
//! (each one structured factorisation), Newton iterations or right-hand-side
//! evaluations is a diff to review rather than a slowdown that passes. After a
//! deliberate solver or model change, update with `INSTA_UPDATE=always cargo test -p
//! garnet-cell --test solver_stats` and commit the `.snap` file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use garnet_cell::{parse_design, resolve, Protocol, Simulator};
use garnet_materials::MaterialDb;

const EXAMPLE: &str = "examples/pybamm-xu2019-halfcell.toml";

#[test]
fn pybamm_parity_example_1c_discharge() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(EXAMPLE);
    let text = std::fs::read_to_string(path).unwrap();
    let design = parse_design(EXAMPLE, &text).unwrap();
    let params = resolve(EXAMPLE, &design, &MaterialDb::embedded().unwrap()).unwrap();
    // As `garnet bench`: the solve alone, the voltage breakdown not evaluated.
    let mut sim = Simulator::new(params);
    sim.post_process = false;
    let mut y = sim.initial_state();
    let run = sim.run(&Protocol::discharge(1.0), &mut y).unwrap();
    insta::assert_debug_snapshot!("pybamm_xu2019_1c", run.stats);
}
