//! Every design in examples/ resolves and simulates; the designs modelled on Table 2
//! cells land within a factor 2 of the reported initial discharge capacity at the
//! reported current and temperature.
//!
//! Why a factor 2: the examples' geometry, contact fraction and interface resistances
//! are estimates (Table 2 gives none of them), and the model leaves out what lowers a
//! real cell's first discharge (impurity phases from co-sintering, cracks, Li loss to
//! the interphase). Landing within 2× says the physics and parameters are in the right
//! range, not that the model is fitted.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use garnet_cell::{compare_with_report, parse_design, resolve, Protocol, Simulator};
use garnet_materials::MaterialDb;

#[test]
fn every_example_runs_and_table2_examples_land_within_a_factor_2() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let db = MaterialDb::embedded().unwrap();
    let mut compared = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let name = path.display().to_string();
        let design = parse_design(&name, &std::fs::read_to_string(&path).unwrap()).unwrap();
        let p = resolve(&name, &design, &db).unwrap_or_else(|e| panic!("{e}"));
        let mut sim = Simulator::new(p.clone());
        let mut y = sim.initial_state();
        sim.run(&Protocol::discharge(1.0), &mut y)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        if design.reported.is_some() {
            let c = compare_with_report(&name, &design, &p).unwrap();
            let ratio = c.capacity_ratio.unwrap();
            assert!(
                (0.5..=2.0).contains(&ratio),
                "{name}: simulated/reported capacity {ratio:.2}"
            );
            compared += 1;
        }
    }
    assert!(compared >= 4, "the four Table 2 examples");
}
