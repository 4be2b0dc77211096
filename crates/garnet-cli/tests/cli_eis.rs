//! End-to-end tests of `garnet eis`: run the binary on the impedance.py and pyDRTtools
//! example files kept in crates/garnet-eis/tests/fixtures.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use assert_cmd::Command;
use predicates::prelude::*;

mod common;
use common::{eis_fixture, garnet, json};

#[test]
fn eis_fit_json_matches_impedance_py_example() {
    // impedance.py 1.7 on the same file (points with Im Z > 0 dropped by --fmax 1kHz is
    // not the same set, so only the circuit, the field names and a sane fit are checked).
    let file = eis_fixture("exampleData.csv");
    let v = json(&[
        "eis",
        "fit",
        &file,
        "--circuit",
        "R0-p(R1,C1)-p(R2-Wo1,C2)",
        "--fmax",
        "1kHz",
        "--json",
    ]);
    assert_eq!(v["circuit"], "R0-p(R1,C1)-p(R2-Wo1,C2)");
    let params = v["parameters"].as_array().unwrap();
    let names: Vec<&str> = params.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["R0", "R1", "C1", "R2", "Wo1_0", "Wo1_1", "C2"]);
    assert_eq!(params[0]["unit"], "Ohm");
    assert!(params[0]["stderr"].as_f64().unwrap() > 0.0);
    assert!((params[0]["value"].as_f64().unwrap() / 0.0165 - 1.0).abs() < 0.05);
    assert!(v["chi2"].as_f64().unwrap() < 2e-5);
    assert!(v["fit_time_ms"].as_f64().unwrap() >= 0.0);
}

#[test]
fn eis_fit_fix_and_errors() {
    let file = eis_fixture("exampleData.csv");
    let v = json(&[
        "eis",
        "fit",
        &file,
        "--circuit",
        "R0-p(R1,C1)",
        "--fix",
        "R0=0.0165",
        "--json",
    ]);
    assert_eq!(v["parameters"][0]["value"].as_f64().unwrap(), 0.0165);
    assert!(v["parameters"][0]["stderr"].is_null());
    garnet()
        .args(["eis", "fit", &file, "--circuit", "R0-p(R1,C1)-CEP1"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("column 13")
                .and(predicate::str::contains("did you mean 'CPE'")),
        );
    garnet()
        .args([
            "eis",
            "fit",
            &file,
            "--circuit",
            "R0-p(R1,C1)",
            "--weighting",
            "modulos",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean 'modulus'"));
    garnet()
        .args([
            "eis",
            "fit",
            &file,
            "--circuit",
            "R0-p(R1,C1)",
            "--initial",
            "1,2",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has 3 parameters"));
    garnet()
        .args([
            "eis",
            "fit",
            &eis_fixture("exampleDataBioLogic_MissingFreq.mpt"),
            "--circuit",
            "R0-p(R1,C1)",
        ])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("line 61")
                .and(predicate::str::contains("no frequency column")),
        );
}

#[test]
fn eis_convert_writes_the_documented_columns() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("spectrum.csv");
    garnet()
        .args([
            "eis",
            "convert",
            &eis_fixture("exampleDataBioLogic.mpt"),
            "-o",
            out.to_str().unwrap(),
        ])
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("frequency_hz,z_real_ohm,z_imag_ohm"));
    // BioLogic stores −Im Z = 0.38998979 Ω: converted to Im Z.
    assert_eq!(lines.next(), Some("1000.3201,65.470886,-0.38998979"));
    assert_eq!(text.lines().count(), 44);
}

#[test]
fn eis_drt_finds_the_two_zarcs() {
    let v = json(&["eis", "drt", &eis_fixture("2XZARCequal.csv"), "--json"]);
    let peaks = v["peaks"].as_array().unwrap();
    assert_eq!(peaks.len(), 2);
    // τ within 15 %: with this noise (σ = 0.5 Ω) the centroid of the 0.1 s peak lies
    // at 0.107–0.115 s for every λ from 1e-3 to 2e-2 (the L-curve picks 1.8e-2).
    for (p, tau) in peaks.iter().zip([1e-4, 0.1]) {
        assert!((p["tau_s"].as_f64().unwrap() / tau - 1.0).abs() < 0.15);
        assert!((p["resistance_ohm"].as_f64().unwrap() - 50.0).abs() < 5.0);
    }
    assert_eq!(v["lambda_method"], "l-curve");
}

#[test]
fn eis_drt_suggests_a_circuit() {
    // pyDRTtools' 2XZARCequal: R∞ = 10 Ω and two ZARCs of 50 Ω (τ = 1e-4 s, 0.1 s).
    let v = json(&[
        "eis",
        "drt",
        &eis_fixture("2XZARCequal.csv"),
        "--suggest",
        "--inductance",
        "--json",
    ]);
    let sg = &v["suggestion"];
    assert_eq!(sg["circuit"], "R0-p(R1,CPE1)-p(R2,CPE2)", "{sg}");
    let initial = sg["initial"].as_array().unwrap();
    assert_eq!(initial[0]["name"], "R0");
    assert!(
        (initial[1]["value"].as_f64().unwrap() - 50.0).abs() < 5.0,
        "{sg}"
    );
    // No inductance in the data: the fitted L is (numerically) zero, and no L element.
    assert!(v["series"]["inductance_h"].as_f64().unwrap() < 1e-9);
}

#[test]
fn eis_drt_rejects_an_unknown_blocking_term() {
    garnet()
        .args([
            "eis",
            "drt",
            &eis_fixture("2XZARCequal.csv"),
            "--blocking",
            "wall",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--blocking"));
}

#[test]
fn eis_kk_reports_residuals() {
    let v = json(&["eis", "kk", &eis_fixture("exampleDataZPlot.z"), "--json"]);
    assert!(v["m"].as_u64().unwrap() >= 2);
    assert!(v["mu"].as_f64().unwrap() <= 0.85);
    assert_eq!(v["residual_real"].as_array().unwrap().len(), 21);
}

/// Two-arc pellet spectra (R0 = 5 Ω, bulk 30 pF with Eₐ = 0.35 eV, grain boundary
/// 3 nF with 0.45 eV) at 25–70 °C, written as headerless CSV named `pellet-<T>deg.csv`.
fn write_series(dir: &std::path::Path) -> Vec<String> {
    write_series_as(dir, false)
}

/// The same series; with `zplot`, as ZPlot-style `.z` files named `pellet-<i>.z` whose
/// header holds `Temperature: <T>` (°C) instead of a temperature in the name.
fn write_series_as(dir: &std::path::Path, zplot: bool) -> Vec<String> {
    let kb = 8.617_333_262e-5;
    let (l, a) = (1.2e-3, std::f64::consts::PI * 1e-4 / 4.0);
    let sigma =
        |s25: f64, ea: f64, t: f64| s25 * 298.15 / t * (-ea / kb * (1.0 / t - 1.0 / 298.15)).exp();
    let mut files = Vec::new();
    for c in [25, 40, 55, 70] {
        let t = c as f64 + 273.15;
        let rb = l / (sigma(1e-3, 0.35, t) * a);
        let rg = l / (sigma(3e-4, 0.45, t) * a);
        let mut text = String::new();
        if zplot {
            text.push_str(&format!(
                "ZPLOT2 ASCII\n  Temperature:   {c}\nEnd Comments\nFreq(Hz)\tZ'(a)\tZ''(b)\n"
            ));
        }
        for i in 0..71 {
            let f = 10f64.powf(7.0 - i as f64 / 10.0);
            let w = 2.0 * std::f64::consts::PI * f;
            // R/(1 + jωRC) = R(1 − jωRC)/(1 + (ωRC)²)
            let arc = |r: f64, cap: f64| {
                let x = w * r * cap;
                (r / (1.0 + x * x), -r * x / (1.0 + x * x))
            };
            let (b, g) = (arc(rb, 30e-12), arc(rg, 3e-9));
            let sep = if zplot { '\t' } else { ',' };
            text.push_str(&format!("{f}{sep}{}{sep}{}\n", 5.0 + b.0 + g.0, b.1 + g.1));
        }
        let name = if zplot {
            format!("pellet-{}.z", files.len() + 1)
        } else {
            format!("pellet-{c}deg.csv")
        };
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        files.push(path.to_str().unwrap().to_string());
    }
    files
}

#[test]
fn eis_conductivity_and_arrhenius_on_a_synthetic_series() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_series(dir.path());
    let v = json(&[
        "eis",
        "conductivity",
        &files[0],
        "--thickness",
        "1.2mm",
        "--diameter",
        "10mm",
        "--circuit",
        "R0-p(R1,C1)-p(R2,C2)",
        "--json",
    ]);
    let bulk = v["conductivity"]["bulk_s_per_m"].as_f64().unwrap();
    assert!((bulk / 1e-3 - 1.0).abs() < 1e-4, "{bulk}");
    assert_eq!(v["conductivity"]["arcs"][0]["contribution"], "bulk");
    assert_eq!(
        v["conductivity"]["arcs"][1]["contribution"],
        "grain_boundary"
    );
    let mut args = vec!["eis", "arrhenius"];
    args.extend(files.iter().map(String::as_str));
    args.extend([
        "--thickness",
        "1.2mm",
        "--diameter",
        "10mm",
        "--circuit",
        "R0-p(R1,C1)-p(R2,C2)",
        "--json",
    ]);
    let v = json(&args);
    let ea = |k: &str| {
        v["contributions"][k]["activation_energy_ev"]
            .as_f64()
            .unwrap()
    };
    assert!((ea("bulk") - 0.35).abs() < 1e-4);
    assert!((ea("grain_boundary") - 0.45).abs() < 1e-4);
    assert!(v["contributions"]["total"]["activation_energy_ev"].is_number());
    // Temperatures from --temperatures must match the number of files.
    let mut bad = args.clone();
    bad.extend(["--temperatures", "25degC,40degC"]);
    garnet()
        .args(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2 values for 4 files"));
}

#[test]
fn eis_fit_batch_writes_one_table_and_series_starts_from_the_previous_fit() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = ["Circuit1_EIS_1.z", "Circuit1_EIS_2.z", "Circuit2_EIS_1.z"]
        .iter()
        .map(|f| eis_fixture(f))
        .collect();
    let csv = dir.path().join("table.csv");
    let mut args = vec!["eis", "fit"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--circuit", "R0-p(R1,C1)", "-o", csv.to_str().unwrap()]);
    garnet().args(&args).assert().success();
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("file,n_points,chi2,reduced_chi2,aic,bic,converged,iterations,fit_time_ms,R0,R0_stderr,R1,R1_stderr,C1,C1_stderr,error"));
    // Rows keep the order of the files although they are fitted in parallel.
    for (line, f) in lines[1..].iter().zip(&files) {
        assert!(line.starts_with(f.as_str()), "{line}");
    }
    // --series --json: an array, the second fit starts at the first one's result.
    args.truncate(args.len() - 2);
    args.extend(["--series", "--json"]);
    let v = json(&args);
    let a = v.as_array().unwrap();
    assert_eq!(a.len(), 3);
    assert_eq!(
        a[1]["initial"],
        serde_json::json!(a[0]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["value"].clone())
            .collect::<Vec<_>>())
    );
    assert!((a[2]["parameters"][1]["value"].as_f64().unwrap() / 502.0 - 1.0).abs() < 0.01);
    // A table must be .csv or .json.
    garnet()
        .args([
            "eis",
            "fit",
            &files[0],
            "--circuit",
            "R0-p(R1,C1)",
            "-o",
            "t.txt",
        ])
        .assert()
        .code(2);
}

#[test]
fn eis_bench_reports_a_median() {
    let v = json(&[
        "eis",
        "bench",
        &eis_fixture("Circuit1_EIS_1.z"),
        "--circuit",
        "R0-p(R1,C1)",
        "--repeat",
        "5",
        "--json",
    ]);
    // Never assert wall-clock times: only that they are there and ordered.
    let (lo, med, hi) = (
        v["min_ms"].as_f64().unwrap(),
        v["median_ms"].as_f64().unwrap(),
        v["max_ms"].as_f64().unwrap(),
    );
    assert!(lo <= med && med <= hi && lo >= 0.0);
    assert_eq!(v["repeat"], 5);
    assert_eq!(v["starts"], 12, "the default largest number of starts");
}

#[test]
fn eis_fit_bounds_are_applied_and_checked() {
    let file = eis_fixture("exampleData.csv");
    let v = json(&[
        "eis",
        "fit",
        &file,
        "--circuit",
        "R0-p(R1,CPE1)",
        "--bounds",
        "R1=0.05..0.06,CPE1_1=0.6..0.7",
        "--json",
    ]);
    let r1 = v["parameters"][1]["value"].as_f64().unwrap();
    let alpha = v["parameters"][3]["value"].as_f64().unwrap();
    assert!((0.05..=0.06).contains(&r1), "R1 = {r1}");
    assert!((0.6..=0.7).contains(&alpha), "CPE1_1 = {alpha}");
    garnet()
        .args(["eis", "fit", &file, "--circuit", "R0-p(R1,CPE1)"])
        .args(["--bounds", "CPE1_2=0.6..1"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("--bounds CPE1_2")
                .and(predicate::str::contains("did you mean")),
        );
    garnet()
        .args(["eis", "fit", &file, "--circuit", "R0-p(R1,CPE1)"])
        .args(["--bounds", "R1=1e6..1e3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("lower bound of R1"));
}

#[test]
fn eis_arrhenius_takes_temperatures_from_file_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_series_as(dir.path(), true);
    let mut args = vec!["eis", "arrhenius"];
    args.extend(files.iter().map(String::as_str));
    args.extend([
        "--thickness",
        "1.2mm",
        "--diameter",
        "10mm",
        "--circuit",
        "R0-p(R1,C1)-p(R2,C2)",
        "--json",
    ]);
    let v = json(&args);
    let t: Vec<f64> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["temperature_k"].as_f64().unwrap())
        .collect();
    assert_eq!(t.len(), 4);
    for (t, c) in t.iter().zip([25.0, 40.0, 55.0, 70.0]) {
        assert!((t - (c + 273.15)).abs() < 1e-9, "{t}");
    }
    let ea = v["contributions"]["bulk"]["activation_energy_ev"]
        .as_f64()
        .unwrap();
    assert!((ea - 0.35).abs() < 1e-4, "{ea}");
    // --temperatures wins over the metadata.
    let mut given = args.clone();
    given.extend(["--temperatures", "30degC,45degC,60degC,75degC"]);
    let v = json(&given);
    let t0 = v["files"][0]["temperature_k"].as_f64().unwrap();
    assert!((t0 - 303.15).abs() < 1e-9, "{t0}");
}

#[test]
fn eis_fit_json_reports_the_temperature_of_a_fixture() {
    let v = json(&[
        "eis",
        "fit",
        &eis_fixture("exampleDataZPlot_temperature.z"),
        "--circuit",
        "R0-p(R1,CPE1)",
        "--json",
    ]);
    let t = v["metadata"]["temperature_k"].as_f64().unwrap();
    assert!((t - 423.15).abs() < 1e-9, "{t}");
}

#[test]
fn eis_convert_reads_a_binary_mpr() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mpr.csv");
    garnet()
        .args([
            "eis",
            "convert",
            &eis_fixture("synthetic_BioLogic.mpr"),
            "-o",
        ])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("holds 2 spectra"));
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 1 + 7);
    assert!(text.starts_with("frequency_hz,z_real_ohm,z_imag_ohm\n100000,"));
}

#[test]
fn eis_fit_bode_plots() {
    let dir = tempfile::tempdir().unwrap();
    let bode = dir.path().join("bode.svg");
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../garnet-eis/tests/fixtures/exampleData.csv"
    );
    Command::cargo_bin("garnet")
        .unwrap()
        .args([
            "eis",
            "fit",
            file,
            "--circuit",
            "R0-p(R1,C1)-p(R2-Wo1,C2)",
            "--capacitive-only",
            "--bode",
            bode.to_str().unwrap(),
        ])
        .assert()
        .success();
    assert!(std::fs::read_to_string(&bode).unwrap().contains("<svg"));
    assert!(std::fs::read_to_string(dir.path().join("bode-phase.svg"))
        .unwrap()
        .contains("<svg"));
}

#[test]
fn eis_fit_all_spectra_fits_each_cycle_of_an_mpt() {
    let file = eis_fixture("synthetic_BioLogic_3cycles.mpt");
    let fits = json(&[
        "eis",
        "fit",
        &file,
        "--circuit",
        "R0-p(R1,C1)",
        "--all-spectra",
        "--json",
    ]);
    let fits = fits.as_array().unwrap();
    assert_eq!(fits.len(), 3);
    // The fixture was written with R1 = 100, 150, 200 Ω (fixtures/README.md).
    for (k, (fit, r1)) in fits.iter().zip([100.0, 150.0, 200.0]).enumerate() {
        assert_eq!(fit["file"].as_str().unwrap(), format!("{file}#{}", k + 1));
        let got = fit["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "R1")
            .unwrap()["value"]
            .as_f64()
            .unwrap();
        assert!(
            (got - r1).abs() < 1e-3 * r1,
            "spectrum {}: R1 = {got}",
            k + 1
        );
    }
}

#[test]
fn eis_convert_all_spectra_writes_a_spectrum_column() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all.csv");
    garnet()
        .args(["eis", "convert"])
        .arg(eis_fixture("synthetic_BioLogic_3sweeps.mpt"))
        .arg("-o")
        .arg(&out)
        .arg("--all-spectra")
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "spectrum,frequency_hz,z_real_ohm,z_imag_ohm"
    );
    let mut counts = [0usize; 3];
    for line in lines {
        let k: usize = line.split(',').next().unwrap().parse().unwrap();
        counts[k - 1] += 1;
    }
    // Three sweeps of 100 kHz–0.1 Hz at 2 points per decade: 13 points each.
    assert_eq!(counts, [13, 13, 13]);
}

/// Issue 13: the fit's set-up is checked once, in garnet-eis; the CLI adds the flag.
#[test]
fn eis_fit_setup_errors_name_their_flag() {
    let file = eis_fixture("exampleData.csv");
    let fit = |extra: &[&str]| {
        let mut cmd = garnet();
        cmd.args(["eis", "fit", &file, "--circuit", "R0-p(R1,CPE1)"])
            .args(extra);
        cmd.assert().code(2)
    };
    fit(&["--fix", "R9=1"]).stderr(predicate::str::contains(
        "--fix R9: circuit R0-p(R1,CPE1) has no parameter 'R9' (did you mean 'R0'?)",
    ));
    fit(&["--starts", "0"]).stderr(predicate::str::contains(
        "--starts: the number of starts must be at least 1",
    ));
    fit(&["--bounds", "R1=1..2,R1=3..4"]).stderr(predicate::str::contains(
        "--bounds R1=3..4: R1 is bounded twice",
    ));
    fit(&["--bounds", "R0=1..inf"]).stderr(predicate::str::contains(
        "--bounds R0=1..inf: the bounds of R0 must be finite numbers",
    ));
    fit(&["--initial", "0.01,0.05,1e-3,0.9", "--bounds", "R1=1..2"]).stderr(
        predicate::str::contains(
            "--initial: parameter R1 = 0.05 is outside its allowed range [1, 2]",
        ),
    );
    // A batch with a bad --initial is refused before any file is fitted.
    garnet()
        .args(["eis", "fit", &file, &file, "--circuit", "R0-p(R1,C1)"])
        .args(["--initial", "0.01,0.05,1", "--bounds", "R1=1..2"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("--initial: parameter R1 = 0.05"));
}

#[test]
fn issue_15_eis_fit_reports_starts_quality_and_the_field_weighting() {
    // Two ZARCs of 50 Ω (pyDRTtools' 2XZARCequal.csv): modulus weighting is
    // impedance.py's weight_by_modulus, whose fit (tests/weighting.rs) has R1 = 50.01.
    let file = eis_fixture("2XZARCequal.csv");
    let args = [
        "eis",
        "fit",
        &file,
        "--circuit",
        "R0-p(R1,CPE1)-p(R2,CPE2)",
        "--weighting",
        "modulus",
        "--json",
    ];
    let v = json(&args);
    assert_eq!(v["weighting"], "modulus");
    let (run, at_best) = (
        v["starts_run"].as_u64().unwrap(),
        v["starts_at_best"].as_u64().unwrap(),
    );
    assert!(
        run <= 12 && at_best >= 2 && at_best <= run,
        "{run} {at_best}"
    );
    assert_eq!(v["quality"]["stderr_reliable"], true);
    assert!(v["quality"]["condition_number"].as_f64().unwrap() >= 1.0);
    // R1 is the high-frequency arc (τ = 1e-4 s), R2 the low one (0.1 s).
    let value = |i: usize| v["parameters"][i]["value"].as_f64().unwrap();
    assert!((value(1) / 50.0135538 - 1.0).abs() < 1e-3, "{}", value(1));
    assert!(
        value(2) < value(5),
        "CPE1_0 {} < CPE2_0 {}",
        value(2),
        value(5)
    );
    // The same seed gives the same fit; --starts 1 is a single start.
    assert_eq!(json(&args)["parameters"], v["parameters"]);
    let mut one = args.to_vec();
    one.extend(["--starts", "1", "--seed", "7"]);
    let w = json(&one);
    assert_eq!(w["starts_run"], 1);
    garnet()
        .args(&args[..args.len() - 1])
        .assert()
        .success()
        .stdout(predicate::str::contains("starts reached the best χ²"));
}
