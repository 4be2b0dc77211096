//! Issue 14 item 9 end to end: the constriction term in `garnet resistance`, the
//! connected-fraction warning, and a composite below the percolation threshold as a
//! named error (exit status 1, no panic).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use predicates::prelude::*;

mod common;
use common::{example, garnet, json};

#[test]
fn issue14_resistance_reports_the_constriction() {
    let v = json(&["resistance", &example("flagship.toml"), "--json"]);
    let c = v["r_constriction_ohm_cm2"].as_f64().unwrap();
    let interface = v["r_interface_ohm_cm2"].as_f64().unwrap();
    // The flagship touches the garnet on 60 % of its surface: a garnet-side
    // constriction, positive and part of the interfacial term.
    assert!(c > 0.0 && c < interface, "{c} of {interface}");
    garnet()
        .args(["resistance", &example("flagship.toml")])
        .assert()
        .success()
        .stdout(predicate::str::contains("of which constriction"))
        .stderr(predicate::str::contains("connected to both the garnet"));
}

#[test]
fn issue14_below_the_percolation_threshold_is_a_named_error() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(example("flagship.toml"))
        .unwrap()
        .replace("electrolyte_fraction = 0.35", "electrolyte_fraction = 0.1 ");
    assert!(text.contains("electrolyte_fraction = 0.1 "));
    let path = dir.path().join("thin-garnet.toml");
    std::fs::write(&path, text).unwrap();
    garnet()
        .args(["simulate", path.to_str().unwrap()])
        .assert()
        .failure()
        .code(1)
        .stderr(predicate::str::contains("cathode.electrolyte_fraction"))
        .stderr(predicate::str::contains("percolation threshold"))
        .stderr(predicate::str::contains("panicked").not());
}
