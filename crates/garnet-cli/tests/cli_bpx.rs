//! End-to-end: `garnet bpx export` and `garnet bpx import`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::{garnet, root};

fn capacity(design: &std::path::Path) -> f64 {
    let out = garnet()
        .args(["simulate", design.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = if v.is_array() { &v[0] } else { &v };
    s["capacity_mah"]
        .as_f64()
        .or_else(|| s["summary"]["capacity_mah"].as_f64())
        .unwrap_or_else(|| panic!("no capacity_mah in {s}"))
}

#[test]
fn export_then_import_simulates_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let design = root().join("examples/pybamm-xu2019-halfcell.toml");
    let bpx = dir.path().join("cell.bpx.json");
    let back = dir.path().join("back.toml");
    garnet()
        .args([
            "bpx",
            "export",
            design.to_str().unwrap(),
            "-o",
            bpx.to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("what BPX cannot express"))
        .stdout(predicate::str::contains("Li metal"));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&bpx).unwrap()).unwrap();
    assert_eq!(
        v["Parameterisation"]["Electrolyte"]["Cation transference number"],
        1.0
    );
    garnet()
        .args([
            "bpx",
            "import",
            bpx.to_str().unwrap(),
            "-o",
            back.to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("BPX fields not imported"))
        .stdout(predicate::str::contains(
            "Parameterisation.Negative electrode",
        ));
    let (a, b) = (capacity(&design), capacity(&back));
    assert!(((a - b) / a).abs() < 0.005, "{a} vs {b} mAh");
}

#[test]
fn import_errors_name_the_path_and_exit_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        root().join("crates/garnet-bpx/tests/fixtures/nmc_pouch_cell_BPX.json"),
    )
    .unwrap()
    .replace(
        "\"Particle radius [m]\": 4.6e-06",
        "\"Particle radius [m]\": \"4.6 um\"",
    );
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, text).unwrap();
    garnet()
        .args(["bpx", "import", bad.to_str().unwrap()])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "Parameterisation.Positive electrode.Particle radius [m]: expected a number",
        ));
}

#[test]
fn import_of_the_published_example_writes_a_runnable_design() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("nmc.toml");
    let fixture = root().join("crates/garnet-bpx/tests/fixtures/nmc_pouch_cell_BPX.json");
    garnet()
        .args([
            "bpx",
            "import",
            fixture.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("cathode NMC111"));
    let c = capacity(&out);
    // 1C of a 12.5 Ah cell: most of the nominal capacity at 1C.
    assert!(c > 0.7 * 12_500.0 && c < 1.2 * 12_500.0, "{c} mAh");
}
