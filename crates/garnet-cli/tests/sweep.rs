//! End-to-end tests of `garnet sweep`: plans, Parquet output, resuming, bad input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use std::path::{Path, PathBuf};

use garnet_sweep::Table;
use predicates::prelude::*;

mod common;
use common::garnet;

/// The NMC811 | Li3BO3 | LLZTO example with a coarse mesh (fast in debug builds).
fn design(dir: &Path) -> PathBuf {
    let example = format!(
        "{}/../../examples/table2-nmc811-li3bo3-60c.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(example).unwrap();
    let path = dir.join("design.toml");
    std::fs::write(
        &path,
        format!("{text}\n[mesh]\nseparator = 4\ncathode = 5\nparticle = 5\n"),
    )
    .unwrap();
    path
}

const VARY: [&str; 4] = [
    "--vary",
    "separator.thickness=100um,400um",
    "--vary",
    "cathode.contact_fraction=0.2..1:3",
];

fn sweep(dir: &Path, out: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    garnet()
        .arg("sweep")
        .arg(design(dir))
        .args(VARY)
        .args(["-o", dir.join(out).to_str().unwrap(), "--quiet"])
        .args(extra)
        .assert()
}

fn read(path: &Path) -> Table {
    garnet_parquet::read(path).unwrap().table
}

#[test]
fn factorial_sweep_writes_one_row_per_design() {
    let dir = tempfile::tempdir().unwrap();
    sweep(dir.path(), "r.parquet", &["--jobs", "2"])
        .success()
        .stdout(predicate::str::contains("6 designs"))
        .stdout(predicate::str::contains("designs/s per thread"));
    let t = read(&dir.path().join("r.parquet"));
    assert_eq!(t.n_rows(), 6);
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names[..5],
        [
            "index",
            "separator.thickness_m",
            "cathode.contact_fraction",
            "status",
            "error"
        ]
    );
    for col in [
        "capacity_mah",
        "capacity_mah_per_g",
        "capacity_mah_per_cm2",
        "energy_mwh",
        "mean_voltage_v",
        "discharge_time_s",
        "utilisation",
        "final_voltage_v",
        "r_electronic_ohm_cm2",
        "r_separator_ohm_cm2",
        "r_composite_ionic_ohm_cm2",
        "r_interface_ohm_cm2",
        "r_total_ohm_cm2",
    ] {
        assert!(names.contains(&col), "{col} missing from {names:?}");
    }
    let index: Vec<i64> = t
        .i64s("index")
        .unwrap()
        .iter()
        .map(|i| i.unwrap())
        .collect();
    assert_eq!(index, (0..6).collect::<Vec<_>>());
    // Last --vary innermost.
    let f: Vec<f64> = t
        .f64s("cathode.contact_fraction")
        .unwrap()
        .iter()
        .map(|x| x.unwrap())
        .collect();
    for (got, want) in f.iter().zip([0.2, 0.6, 1.0, 0.2, 0.6, 1.0]) {
        assert!((got - want).abs() < 1e-15, "{f:?}");
    }
    let l: Vec<f64> = t
        .f64s("separator.thickness_m")
        .unwrap()
        .iter()
        .map(|x| x.unwrap())
        .collect();
    assert!(
        (l[0] - 100e-6).abs() < 1e-18 && (l[5] - 400e-6).abs() < 1e-18,
        "{l:?}"
    );
    assert!(t
        .strs("status")
        .unwrap()
        .iter()
        .all(|s| s.as_deref() == Some("ok")));
    // Separator resistance L/σ: four times the thickness, four times the resistance.
    let r = t.f64s("r_separator_ohm_cm2").unwrap();
    let ratio = r[3].unwrap() / r[0].unwrap();
    assert!((ratio - 4.0).abs() < 1e-6, "{ratio}");
    // Total = sum of the four contributions.
    let get = |c: &str, i: usize| t.f64s(c).unwrap()[i].unwrap();
    for i in 0..6 {
        let sum = get("r_electronic_ohm_cm2", i)
            + get("r_separator_ohm_cm2", i)
            + get("r_composite_ionic_ohm_cm2", i)
            + get("r_interface_ohm_cm2", i);
        assert!((sum - get("r_total_ohm_cm2", i)).abs() < 1e-9 * sum, "{i}");
        assert!(get("capacity_mah", i) > 0.0);
        // mAh/cm² on a 1 cm² cell is the capacity.
        assert!((get("capacity_mah_per_cm2", i) - get("capacity_mah", i)).abs() < 1e-12);
    }
    // Parts are gone once merged; a rerun of the finished sweep does nothing.
    assert!(!dir.path().join("r.parquet.parts").exists());
    sweep(dir.path(), "r.parquet", &[])
        .success()
        .stdout(predicate::str::contains("already holds this sweep"));
}

#[test]
fn resumed_sweep_equals_an_uninterrupted_one() {
    let dir = tempfile::tempdir().unwrap();
    sweep(dir.path(), "full.parquet", &["--no-resistance"]).success();
    let full = read(&dir.path().join("full.parquet"));

    // Interrupted after two parts of two designs each.
    let chunked = ["--no-resistance", "--chunk", "2", "--jobs", "1"];
    sweep(
        dir.path(),
        "r.parquet",
        &[&chunked[..], &["--stop-after", "2"]].concat(),
    )
    .failure()
    .stderr(predicate::str::contains("resume"));
    let parts = dir.path().join("r.parquet.parts");
    assert!(parts.join("manifest.json").exists());
    assert!(parts.join("part-00000.parquet").exists());
    assert!(parts.join("part-00001.parquet").exists());
    assert!(!dir.path().join("r.parquet").exists());
    // Lose one part as well (and leave a stray temporary file behind).
    std::fs::remove_file(parts.join("part-00000.parquet")).unwrap();
    std::fs::write(parts.join(".garnet-parquet-x.tmp"), b"half").unwrap();
    sweep(dir.path(), "r.parquet", &chunked)
        .success()
        .stderr(predicate::str::contains("resuming: 2 of 6 designs"))
        .stdout(predicate::str::contains("4 computed now"));
    let resumed = read(&dir.path().join("r.parquet"));
    assert_eq!(resumed, full);
    assert!(!parts.exists());
}

#[test]
fn a_different_sweep_against_old_parts_needs_restart() {
    let dir = tempfile::tempdir().unwrap();
    let chunked = ["--no-resistance", "--chunk", "2", "--jobs", "1"];
    sweep(
        dir.path(),
        "r.parquet",
        &[&chunked[..], &["--stop-after", "1"]].concat(),
    )
    .failure();
    sweep(
        dir.path(),
        "r.parquet",
        &[&chunked[..], &["--rate", "2C"]].concat(),
    )
    .code(2)
    .stderr(predicate::str::contains("--rate changed"))
    .stderr(predicate::str::contains("--restart"));
    sweep(
        dir.path(),
        "r.parquet",
        &[&chunked[..], &["--rate", "2C", "--restart"]].concat(),
    )
    .success()
    .stdout(predicate::str::contains("6 computed now"));
    assert_eq!(read(&dir.path().join("r.parquet")).n_rows(), 6);
}

#[test]
fn latin_hypercube_is_stratified_and_seeded() {
    let dir = tempfile::tempdir().unwrap();
    let run = |out: &str, seed: &str| {
        garnet()
            .arg("sweep")
            .arg(design(dir.path()))
            .args([
                "--vary",
                "separator.thickness=50um..450um",
                "--vary",
                "cathode.contact_fraction=0.2..1:9",
                "--samples",
                "4",
                "--seed",
                seed,
                "--no-resistance",
                "-o",
                dir.path().join(out).to_str().unwrap(),
            ])
            .assert()
            .success();
        read(&dir.path().join(out))
    };
    let a = run("a.parquet", "3");
    assert_eq!(a.n_rows(), 4);
    let mut strata: Vec<usize> = a
        .f64s("separator.thickness_m")
        .unwrap()
        .iter()
        .map(|x| ((x.unwrap() - 50e-6) / 100e-6).floor() as usize)
        .collect();
    strata.sort_unstable();
    assert_eq!(strata, vec![0, 1, 2, 3]);
    assert_eq!(run("b.parquet", "3"), a);
    assert_ne!(run("c.parquet", "4"), a);
}

#[test]
fn bad_input_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = design(dir.path());
    let out = dir.path().join("x.parquet");
    let bad = |vary: &str, message: &str| {
        garnet()
            .arg("sweep")
            .arg(&d)
            .args(["--vary", vary, "-o", out.to_str().unwrap()])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    };
    bad(
        "separator.thicknes=20um",
        "did you mean 'separator.thickness'",
    );
    bad("separator.thickness=0.2", "separator.thickness");
    bad("separator.thickness=3 S/cm", "length");
    bad("separator.thickness=20um..200um", "A..B:N");
    bad("separator.thickness=20um..200um:x", "whole number");
    bad("cathode.material=LCO", "cannot be swept");
    bad("separator.thickness", "PATH=VALUES");
    garnet()
        .arg("sweep")
        .arg(&d)
        .args([
            "--vary",
            "cathode.contact_fraction=0.2,0.4",
            "--samples",
            "3",
        ])
        .args(["-o", out.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a range"));
    assert!(!out.exists());
}

#[test]
fn bench_times_the_designs_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    garnet()
        .arg("sweep")
        .arg(design(dir.path()))
        .args(["--vary", "cathode.contact_fraction=0.3,0.6", "--bench"])
        .assert()
        .success()
        .stdout(predicate::str::contains("designs/s"))
        .stdout(predicate::str::contains("resistance pulse"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1); // the design only
}
