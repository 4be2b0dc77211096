//! End-to-end tests of `garnet eis arrhenius` (issue 15, item 4) and `garnet eis
//! compare` (item 7).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use predicates::prelude::*;

mod common;
use common::{example, garnet, json};

const KB: f64 = 8.617_333_262e-5;
const CIRCUIT: &str = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3";
const TEMPERATURES: &str =
    "30degC,20degC,10degC,0degC,-10degC,-20degC,-30degC,-40degC,-50degC,-60degC";

/// Z of R ∥ CPE: R/(1 + R Q (jω)^α).
fn zarc(r: f64, q: f64, alpha: f64, w: f64) -> (f64, f64) {
    let (m, ph) = (w.powf(alpha), alpha * std::f64::consts::FRAC_PI_2);
    let (dr, di) = (1.0 + r * q * m * ph.cos(), r * q * m * ph.sin());
    let d = dr * dr + di * di;
    (r * dr / d, -r * di / d)
}

/// Exact three-arc spectra of a 1 mm pellet with ⌀10 mm electrodes (L/A = 12.73 m⁻¹)
/// at −60 … +30 °C, 1 MHz … 0.1 Hz: bulk σ(25 °C) = 1e-4 S/cm, Eₐ = 0.38 eV, α = 0.95,
/// Q = 1e-10; grain boundary R = 2 R_b(25 °C), Eₐ = 0.45 eV, α = 0.85, Q = 2.7e-8;
/// electrode CPE 1e-6, 0.8; leads 0.1 Ω. The bulk apex 1/(2π(RQ)^(1/α)) passes
/// 1 MHz/√10 at about −15 °C. Files named `pellet-<i>.csv`, hottest first (their
/// temperatures go in `--temperatures`, [`TEMPERATURES`]).
fn write_series(dir: &std::path::Path) -> Vec<String> {
    let (l, a) = (1e-3, std::f64::consts::PI * 1e-4 / 4.0);
    let rb0 = l / (1e-2 * a);
    let r = |r0: f64, ea: f64, t: f64| r0 * t / 298.15 * (ea / KB * (1.0 / t - 1.0 / 298.15)).exp();
    let mut files = Vec::new();
    for c in (-60..=30).rev().step_by(10) {
        let t = c as f64 + 273.15;
        let mut text = String::from("frequency_hz,z_real_ohm,z_imag_ohm\n");
        for i in 0..=70 {
            let f = 10f64.powf(6.0 - 0.1 * i as f64);
            let w = 2.0 * std::f64::consts::PI * f;
            let b = zarc(r(rb0, 0.38, t), 1e-10, 0.95, w);
            let g = zarc(r(2.0 * rb0, 0.45, t), 2.7e-8, 0.85, w);
            let e = zarc(1e30, 1e-6, 0.8, w);
            text.push_str(&format!(
                "{f},{},{}\n",
                0.1 + b.0 + g.0 + e.0,
                b.1 + g.1 + e.1
            ));
        }
        let path = dir.join(format!("pellet-{}.csv", files.len() + 1));
        std::fs::write(&path, text).unwrap();
        files.push(path.to_str().unwrap().to_string());
    }
    files
}

#[test]
fn eis_arrhenius_series_separates_bulk_from_grain_boundary() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_series(dir.path());
    let plot = dir.path().join("arrhenius.svg");
    // The coldest fit starts from values ×1.5 / ×0.7 off the truth at −60 °C.
    let initial = "0.15,2.3e5,1.5e-10,0.95,2.9e6,1.9e-8,0.85,1.5e-6,0.8";
    let mut args = vec!["eis", "arrhenius"];
    args.extend(files.iter().map(String::as_str));
    args.extend([
        "--thickness",
        "1mm",
        "--diameter",
        "10mm",
        "--circuit",
        CIRCUIT,
        "--temperatures",
        TEMPERATURES,
        "--series",
        "--weighting",
        "proportional",
        "--initial",
        initial,
        "--seed",
        "7",
        "--specific-grain-boundary",
        "--plot",
        plot.to_str().unwrap(),
        "--json",
    ]);
    let v = json(&args);
    let ea = |k: &str| {
        v["contributions"][k]["activation_energy_ev"]
            .as_f64()
            .unwrap()
    };
    // Exact data: the stated Eₐ's back (the intercept adds the 0.1 Ω leads).
    assert!((ea("bulk") - 0.38).abs() < 2e-3, "{}", ea("bulk"));
    assert!(
        (ea("grain_boundary") - 0.45).abs() < 2e-3,
        "{}",
        ea("grain_boundary")
    );
    assert!(v["contributions"]["total"].is_object());
    // Brick layer, σ_gb,sp T ∝ (T/R_gb)·C_b/C_gb with Hsu–Mansfeld C ∝ R^β, β = (1−α)/α
    // at fixed Q: its apparent Eₐ is Eₐ,gb + β_gb Eₐ,gb − β_b Eₐ,b (= 0.5094 eV) less
    // (β_gb − β_b) k_B T ≈ 0.0026 eV from the T in each R; over the five temperatures
    // with the bulk arc in the window.
    let (bb, bg) = (0.05 / 0.95, 0.15 / 0.85);
    let want = 0.45 + bg * 0.45 - bb * 0.38;
    let sp = ea("grain_boundary_specific");
    assert!((sp - want).abs() < 0.005, "{sp} vs {want}");
    assert_eq!(v["contributions"]["grain_boundary_specific"]["n_points"], 5);
    let files_out = v["files"].as_array().unwrap();
    let t: Vec<f64> = files_out
        .iter()
        .map(|f| f["temperature_k"].as_f64().unwrap())
        .collect();
    assert!(
        t.windows(2).all(|w| w[0] < w[1]),
        "sorted coldest first: {t:?}"
    );
    let intercept: Vec<bool> = files_out
        .iter()
        .map(|f| f["conductivity"]["bulk_from_intercept"].as_bool().unwrap())
        .collect();
    assert!(!intercept[0] && intercept[9], "{intercept:?}");
    assert_eq!(v["generated_by"]["model_options"]["series"], true);
    assert_eq!(v["generated_by"]["model_options"]["seed"], 7);
    let svg = std::fs::read_to_string(&plot).unwrap();
    assert!(svg.contains("bulk fit") && svg.contains("grain boundary fit"));
    // The table says which temperatures took the intercept.
    args.retain(|a| *a != "--json");
    garnet().args(&args).assert().success().stdout(
        predicate::str::contains("(intercept)")
            .and(predicate::str::contains("high-frequency intercept at")),
    );
}

#[test]
fn eis_arrhenius_names_a_bad_fit_option() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_series(dir.path());
    let mut args = vec![
        "eis",
        "arrhenius",
        &files[0],
        &files[1],
        "--temperatures",
        "30degC,20degC",
    ];
    args.extend([
        "--thickness",
        "1mm",
        "--diameter",
        "10mm",
        "--circuit",
        CIRCUIT,
    ]);
    let mut bad = args.clone();
    bad.extend(["--fix", "R9=1"]);
    garnet()
        .args(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--fix R9"));
    let mut bad = args.clone();
    bad.extend(["--weighting", "modulos"]);
    garnet()
        .args(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("weighting"));
}

#[test]
fn eis_compare_of_a_design_with_its_own_spectrum_gives_ratios_of_one() {
    let dir = tempfile::tempdir().unwrap();
    let sim = dir.path().join("sim.csv");
    let design = example("flagship.toml");
    garnet()
        .args([
            "eis", "simulate", &design, "--fmin", "1Hz", "--fmax", "1MHz",
        ])
        .args(["-o", sim.to_str().unwrap()])
        .assert()
        .success();
    let plot = dir.path().join("compare.svg");
    let v = json(&[
        "eis",
        "compare",
        &design,
        sim.to_str().unwrap(),
        "--circuit",
        "R0-p(R1,C1)-p(R2,CPE2)",
        "--plot",
        plot.to_str().unwrap(),
        "--json",
    ]);
    let params = v["parameters"].as_array().unwrap();
    assert_eq!(params.len(), 6);
    for p in params {
        // The file holds the simulated Z to 10 significant digits: the two fits see
        // the same data to 1e-9, so their parameters agree far inside the fit's own
        // tolerance (stderr).
        let ratio = p["ratio"].as_f64().unwrap();
        assert!((ratio - 1.0).abs() < 1e-4, "{}: {ratio}", p["name"]);
    }
    assert_eq!(params[1]["name"], "R1");
    assert!(v["measured_fit"]["chi2"].is_number());
    assert!(std::fs::read_to_string(&plot)
        .unwrap()
        .contains("fit to design"));
}

#[test]
fn eis_compare_names_a_bad_design_or_spectrum_file() {
    let dir = tempfile::tempdir().unwrap();
    let sim = dir.path().join("sim.csv");
    std::fs::write(
        &sim,
        "frequency_hz,z_real_ohm,z_imag_ohm\n1e3,5,-1\n1e2,6,-2\n1e1,7,-1\n1e0,7.2,-0.5\n",
    )
    .unwrap();
    let missing = dir.path().join("nope.csv");
    garnet()
        .args([
            "eis",
            "compare",
            &example("flagship.toml"),
            missing.to_str().unwrap(),
        ])
        .args(["--circuit", "R0-p(R1,C1)"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("nope.csv"));
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "name = \"x\"\n[separator]\nthickness = \"thirty\"\n").unwrap();
    garnet()
        .args([
            "eis",
            "compare",
            bad.to_str().unwrap(),
            sim.to_str().unwrap(),
        ])
        .args(["--circuit", "R0-p(R1,C1)"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("bad.toml"));
}
