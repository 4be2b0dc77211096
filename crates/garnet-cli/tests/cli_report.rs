//! End-to-end tests of `garnet report`: the HTML page, its numbers, and (with Chromium)
//! that a browser renders its plots and tables.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::{example, garnet};

/// Run the report on the flagship example once per test binary.
fn flagship() -> &'static (PathBuf, String, Value) {
    static ONCE: std::sync::OnceLock<(PathBuf, String, Value)> = std::sync::OnceLock::new();
    ONCE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let html = dir.join("report.html");
        let json = dir.join("report.json");
        let out = garnet()
            .args(["report", &example("flagship.toml"), "-o"])
            .arg(&html)
            .arg("--json")
            .arg(&json)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.contains("§6.1 targets"), "{stdout}");
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        (
            html,
            std::fs::read_to_string(dir.join("report.html")).unwrap(),
            v,
        )
    })
}

#[test]
fn report_is_self_contained_and_has_every_section() {
    let (_, html, _) = flagship();
    for id in [
        "id=\"targets\"",
        "id=\"fig-resistance\"",
        "id=\"fig-curves\"",
        "id=\"fig-ragone\"",
        "id=\"budget\"",
        "id=\"fig-impedance\"",
        "id=\"interface\"",
        "id=\"interlayers\"",
        "id=\"fig-literature\"",
        "id=\"not-modelled\"",
        "id=\"references\"",
    ] {
        assert!(html.contains(id), "missing {id}");
    }
    // Nothing from the network: no external scripts, styles, images or fonts.
    for bad in ["src=\"http", "href=\"http", "<link", "@import", "url(http"] {
        assert!(!html.contains(bad), "external resource: {bad}");
    }
    assert_eq!(html.matches("<svg").count(), 5);
    // Cycle life is never guessed.
    assert!(html.contains("not modelled"));
    // The review and the model's material sources are cited in full.
    assert!(html.contains("[kurian2024]") && html.contains("[chen2020b]"));
}

#[test]
fn report_numbers_are_consistent() {
    let (_, _, v) = flagship();
    let r = &v["resistance"];
    let sum: f64 = [
        "r_electronic_ohm_cm2",
        "r_separator_ohm_cm2",
        "r_composite_ionic_ohm_cm2",
        "r_interface_ohm_cm2",
    ]
    .iter()
    .map(|k| r[k].as_f64().unwrap())
    .sum();
    assert!((sum - r["r_total_ohm_cm2"].as_f64().unwrap()).abs() < 1e-9 * sum);
    // Every target has a status; cycle life is "not-modelled".
    let targets = v["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 8);
    let status = |id: &str| {
        targets.iter().find(|t| t["id"] == id).unwrap()["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(status("cycle_life"), "not-modelled");
    let rt = r["r_total_ohm_cm2"].as_f64().unwrap();
    assert_eq!(
        status("internal_resistance"),
        if rt < 40.0 { "met" } else { "not-met" }
    );
    let composite = v["composite_wh_per_kg"].as_f64().unwrap();
    assert_eq!(
        status("composite_specific_energy"),
        if composite >= 500.0 { "met" } else { "not-met" }
    );
    // Layers: areal masses add up to the stack's specific energy.
    let layers = v["layers"].as_array().unwrap();
    let mass_mg_cm2: f64 = layers.iter().map(|l| l[3].as_f64().unwrap()).sum();
    let e_mwh_cm2 = v["at_1c"]["energy_mwh"].as_f64().unwrap(); // area is 1 cm²
    let wh_kg = e_mwh_cm2 / mass_mg_cm2 * 1e3;
    assert!(
        (wh_kg / v["stack_wh_per_kg"].as_f64().unwrap() - 1.0).abs() < 1e-6,
        "{wh_kg}"
    );
    // Ragone: energy falls as power rises.
    let rag = v["ragone"].as_array().unwrap();
    assert!(rag.len() >= 6);
    for w in rag.windows(2) {
        assert!(w[1]["composite_w_per_kg"].as_f64() > w[0]["composite_w_per_kg"].as_f64());
        assert!(w[1]["composite_wh_per_kg"].as_f64() <= w[0]["composite_wh_per_kg"].as_f64());
    }
    // The stack is lighter per Wh than the composite alone can never be.
    assert!(v["stack_wh_per_kg"].as_f64() < v["composite_wh_per_kg"].as_f64());
}

#[test]
fn report_1c_capacity_matches_simulate() {
    let (_, _, v) = flagship();
    let out = garnet()
        .args([
            "simulate",
            &example("flagship.toml"),
            "--rate",
            "1C",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    let sim = s["capacity_mah"]
        .as_f64()
        .or_else(|| s[0]["capacity_mah"].as_f64())
        .unwrap();
    let rep = v["at_1c"]["capacity_mah"].as_f64().unwrap();
    assert!((sim - rep).abs() < 1e-9 * rep, "{sim} vs {rep}");
}

#[test]
fn bad_design_is_an_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let design = dir.path().join("bad.toml");
    let text = std::fs::read_to_string(example("flagship.toml"))
        .unwrap()
        .replace("relative_density = 0.96", "relative_density = 1.4");
    std::fs::write(&design, text).unwrap();
    let html = dir.path().join("r.html");
    let out = garnet()
        .arg("report")
        .arg(&design)
        .arg("-o")
        .arg(&html)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("separator.relative_density"), "{err}");
    assert!(!html.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no stray files"
    );
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|n| {
            std::env::var_os("PATH")
                .map(|p| {
                    std::env::split_paths(&p)
                        .map(move |d| d.join(n))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .find(|p| p.is_file())
}

/// Opens the report in headless Chromium and reads what the page's own check script
/// found: every figure drawn (non-empty SVG with shapes), every table filled.
/// `.ci/run` installs Debian's chromium and sets GARNET_REQUIRE_BROWSER=1, so there the
/// test cannot silently skip.
#[test]
fn report_renders_in_a_browser() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("GARNET_REQUIRE_BROWSER").is_none(),
            "GARNET_REQUIRE_BROWSER is set but no chromium on PATH"
        );
        eprintln!("skipping: no chromium on PATH (install Debian's chromium to run this test)");
        return;
    };
    let (html, _, _) = flagship();
    let profile = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--virtual-time-budget=5000")
        .arg("--dump-dom")
        .arg(format!("file://{}", Path::new(html).display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = dom.find("data-render-check=\"").unwrap_or_else(|| {
        panic!(
            "no render check in the DOM; stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    }) + "data-render-check=\"".len();
    let end = start + dom[start..].find('"').unwrap();
    let check: Value = serde_json::from_str(&dom[start..end].replace("&quot;", "\"")).unwrap();
    assert_eq!(check["figures"], 5, "{check}");
    assert_eq!(check["figures_drawn"], check["figures"], "{check}");
    assert!(check["tables"].as_u64().unwrap() >= 7, "{check}");
    assert_eq!(check["tables_filled"], check["tables"], "{check}");
}
