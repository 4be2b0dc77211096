//! End-to-end tests of `garnet cells simulate`: the model against Table 2.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use predicates::prelude::*;

mod common;
use common::{garnet, json, root};

#[test]
fn cells_simulate_json_states_every_default_and_leaves_out_rows_with_a_reason() {
    let v = json(&["cells", "simulate", "T2-37", "T2-16", "--json"]);
    assert_eq!(v["generated_by"]["command"], "cells simulate");
    let cells = v["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 2);
    let t37 = &cells[0];
    assert_eq!(
        (t37["id"].as_str(), t37["status"].as_str()),
        (Some("T2-37"), Some("simulated"))
    );
    // 220 µA/cm² as reported (T2-37, ref 160) = 0.22 mA/cm².
    assert!((t37["current_ma_cm2"].as_f64().unwrap() - 0.22).abs() < 1e-12);
    assert_eq!(t37["reported_impedance_ohm_cm2"].as_f64(), Some(31.0));
    let defaults = t37["defaults"].as_array().unwrap();
    assert!(defaults.len() >= 5);
    for d in defaults {
        for key in ["field", "value", "why"] {
            assert!(d[key].as_str().is_some_and(|s| !s.is_empty()), "{d}");
        }
    }
    assert!(t37["design_toml"]
        .as_str()
        .unwrap()
        .contains("interlayer = \"LiNbO3\""));
    assert_eq!(cells[1]["status"], "not-built");
    assert_eq!(cells[1]["reason"], "the row gives no temperature");
    // The compared impedance is read where the simulated arcs end, with its frequency.
    let f = t37["simulated_impedance_frequency_hz"].as_f64().unwrap();
    assert!((1e-3..=1e6).contains(&f), "{f}");
    assert!(v["by_strategy"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["group"] == "all"));
}

#[test]
fn cells_simulate_table_markdown_and_unknown_ids() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("validation.md");
    garnet()
        .args(["cells", "simulate", "T2-43", "--markdown"])
        .arg(&md)
        .assert()
        .success()
        .stdout(predicate::str::contains("T2-43").and(predicate::str::contains("Re Z(arcs end)")));
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.contains("| T2-43 | artificial-cei | composite |"),
        "{text}"
    );
    assert!(text.contains("## Error distribution"));
    garnet()
        .args(["cells", "simulate", "T2-4x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("did you mean 'T2-40'"));
}

#[test]
fn docs_validation_md_is_the_generated_page_over_every_row() {
    // docs/validation.md is written by `garnet cells simulate --markdown
    // docs/validation.md` (scripts/validation.sh), not by hand: its header names the
    // command and it has a line for every Table 2 row.
    let text = std::fs::read_to_string(root().join("docs/validation.md")).unwrap();
    assert!(text.contains(garnet_validation::markdown::COMMAND));
    let db = garnet_lit::CellDb::embedded().unwrap();
    for c in db.cells() {
        assert!(text.contains(&format!("| {} |", c.id)), "{} missing", c.id);
    }
}
