//! End-to-end tests: run the `garnet` binary as a user would.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn garnet() -> Command {
    Command::cargo_bin("garnet").unwrap()
}

fn json(args: &[&str]) -> Value {
    let out = garnet().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: stdout is not JSON: {e}"))
}

#[test]
fn help_and_version() {
    garnet().arg("--help").assert().success().stdout(predicate::str::contains("chem"));
    garnet()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn chem_json_for_llzto() {
    let v = json(&["chem", "Li6.4La3Zr1.4Ta0.6O12", "--json"]);
    let mm = v["molar_mass_g_per_mol"].as_f64().unwrap();
    assert!((mm - 889.40).abs() < 0.005, "{mm}");
    assert!((v["li_per_formula_unit"].as_f64().unwrap() - 6.4).abs() < 1e-12);
    assert!((v["li_vacancies"].as_f64().unwrap() - 0.6).abs() < 1e-12);
    assert_eq!(v["expected_phase"], "cubic");
    assert_eq!(v["charge_balance"]["balanced"], true);
    assert!(v["sources"].as_array().unwrap().iter().any(|s| s["key"] == "prohaska2022"));
}

#[test]
fn chem_warns_on_unbalanced_formula_without_fixing_it() {
    let v = json(&["chem", "Li6.73La3Zr1.75Nb0.25O12", "--json"]);
    assert_eq!(v["formula"], "Li6.73La3Zr1.75Nb0.25O12");
    assert_eq!(v["charge_balance"]["balanced"], false);
    assert!((v["charge_balance"]["net_charge"].as_f64().unwrap() + 0.02).abs() < 1e-9);
    assert!(v["warnings"][0].as_str().unwrap().contains("-0.020"));
}

#[test]
fn chem_non_garnet_has_no_garnet_fields() {
    let v = json(&["chem", "Ca3(PO4)2", "--json"]);
    assert_eq!(v["is_garnet"], false);
    assert!(v.get("li_vacancies").is_none());
    assert!((v["molar_mass_g_per_mol"].as_f64().unwrap() - 310.1735).abs() < 1e-3);
}

#[test]
fn bad_formula_is_a_usage_error_with_column() {
    garnet()
        .args(["chem", "Li7La3Xx2O12"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("column 7").and(predicate::str::contains("Xx")));
    garnet()
        .args(["chem", "Li7-xLa3Zr2-xTaxO12"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("column 4"));
}

#[test]
fn unknown_subcommand_and_flag_exit_2() {
    garnet().arg("chemm").assert().code(2);
    garnet().args(["chem", "LiCoO2", "--jsn"]).assert().code(2);
}

#[test]
fn cite_resolves_keys_and_review_numbers() {
    garnet()
        .args(["cite", "kurian2024"])
        .assert()
        .success()
        .stdout(predicate::str::contains("10.1039/d4lf00099d"));
    let v = json(&["cite", "#141", "--json"]);
    assert_eq!(v[0]["key"], "du2015");
    assert_eq!(v[0]["review_ref"], 141);
    garnet()
        .args(["cite", "kurian2042"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean 'kurian2024'"));
}
