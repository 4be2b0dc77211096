//! Issue 14 items 8 and 12 end to end: `garnet resistance` splits the separator into
//! grain interiors and grain boundaries, `garnet eis simulate` lists the layers' arcs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use predicates::prelude::*;

mod common;
use common::{example, garnet, json};

/// The flagship with 5 µm grains, 2 nm boundaries of σ_gb,sp = 2e-4 S/m (0.45 eV).
fn flagship_with_grains(dir: &std::path::Path) -> String {
    let text = std::fs::read_to_string(example("flagship.toml")).unwrap();
    let from = "relative_density = 0.96";
    assert!(text.contains(from));
    let text = text.replacen(
        from,
        "relative_density = 0.96\ngrain_size = \"5 um\"\ngrain_boundary_thickness = \"2 nm\"\ngrain_boundary_conductivity = \"2e-4 S/m\"\ngrain_boundary_activation_energy = \"0.45 eV\"\nrelative_permittivity = 50",
        1,
    );
    let path = dir.join("grains.toml");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn issue14_resistance_splits_the_separator_into_bulk_and_grain_boundaries() {
    let dir = tempfile::tempdir().unwrap();
    let design = flagship_with_grains(dir.path());
    let v = json(&["resistance", &design, "--json"]);
    let (sep, bulk, gb) = (
        v["r_separator_ohm_cm2"].as_f64().unwrap(),
        v["r_separator_bulk_ohm_cm2"].as_f64().unwrap(),
        v["r_separator_grain_boundary_ohm_cm2"].as_f64().unwrap(),
    );
    assert!((bulk + gb - sep).abs() < 1e-9 * sep);
    // Brick layer at 25 °C (σ_gb,sp given at 25 °C): R_gb = L·(δ/d)/σ_gb,sp
    // = 30e-6 m · 4e-4 / 2e-4 S/m = 6e-5 Ω m² = 0.6 Ω cm².
    assert!((gb - 0.6).abs() < 1e-6, "{gb}");
    // The text table shows the split.
    garnet()
        .args(["resistance", &design])
        .assert()
        .success()
        .stdout(predicates::str::contains("of which grain boundaries"));
    // Without grain-boundary data the separator is all "bulk" and the table unchanged.
    let v = json(&["resistance", &example("flagship.toml"), "--json"]);
    assert_eq!(v["r_separator_grain_boundary_ohm_cm2"], 0.0);
    assert_eq!(v["r_separator_bulk_ohm_cm2"], v["r_separator_ohm_cm2"]);
}

#[test]
fn issue14_eis_simulate_lists_the_arcs_and_says_when_the_band_misses_one() {
    let dir = tempfile::tempdir().unwrap();
    let design = flagship_with_grains(dir.path());
    let v = json(&["eis", "simulate", &design, "--fmax", "10GHz", "--json"]);
    let layers = v["series_layers"].as_array().unwrap();
    let labels: Vec<&str> = layers
        .iter()
        .map(|l| l["layer"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["separator bulk", "separator grain boundaries"]);
    for l in layers {
        // apex = 1/(2πRC) with R in Ω cm² and C in F/cm².
        let (r, c) = (
            l["resistance_ohm_cm2"].as_f64().unwrap(),
            l["capacitance_f_cm2"].as_f64().unwrap(),
        );
        let f = l["apex_frequency_hz"].as_f64().unwrap();
        assert!((f * 2.0 * std::f64::consts::PI * r * c - 1.0).abs() < 1e-9);
    }
    // τ_gb = ε₀ε_r/σ_gb,sp = 8.854e-12·50/2e-4 s: apex 71.9 kHz.
    let f_gb = layers[1]["apex_frequency_hz"].as_f64().unwrap();
    let expect = 2e-4 / (2.0 * std::f64::consts::PI * 8.854_187_812_8e-12 * 50.0);
    assert!((f_gb / expect - 1.0).abs() < 1e-9, "{f_gb}");
    // The default band (to 1 MHz) misses the bulk arc, and the text says so.
    garnet()
        .args(["eis", "simulate", &design])
        .assert()
        .success()
        .stdout(
            predicates::str::contains("separator bulk")
                .and(predicates::str::contains("above the band")),
        );
}
