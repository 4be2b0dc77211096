//! The report of the flagship example: its sections, its targets and its outputs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::sync::OnceLock;

use garnet_cell::Design;
use garnet_lit::targets::{MAX_RESISTANCE_OHM_CM2, MIN_COMPOSITE_SPECIFIC_ENERGY_WH_KG};
use garnet_materials::MaterialDb;
use garnet_report::html::{render_sections, SECTIONS};
use garnet_report::{compute, render, write_html, ReportData, TargetStatus};

/// The flagship's report, computed once per test binary (a few seconds unoptimised).
fn flagship() -> &'static ReportData {
    static ONCE: OnceLock<ReportData> = OnceLock::new();
    ONCE.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/flagship.toml");
        let text = std::fs::read_to_string(path).unwrap();
        let design = Design::from_toml("flagship.toml", &text).unwrap();
        let db = MaterialDb::embedded().unwrap();
        let params = design.resolve(&db).unwrap();
        compute(&design, &params, &db).unwrap()
    })
}

#[test]
fn every_section_renders_in_order_and_is_linked_from_the_navigation() {
    let html = render(flagship()).unwrap();
    let mut last = 0;
    for s in SECTIONS {
        let heading = format!("<h2 id=\"{}\">{}</h2>\n", s.id, s.title);
        let at = html
            .find(&heading)
            .unwrap_or_else(|| panic!("no {heading}"));
        assert!(at > last, "section {} out of order", s.id);
        last = at;
        assert!(html.contains(&format!("<a href=\"#{}\">{}</a>", s.id, s.nav)));
    }
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</body></html>\n"));
    assert_eq!(html.matches("<svg").count(), 5);
}

#[test]
fn a_page_of_one_section_holds_that_section_only() {
    let targets = SECTIONS.iter().find(|s| s.id == "sec-targets").unwrap();
    let html = render_sections(flagship(), std::slice::from_ref(targets)).unwrap();
    assert!(html.contains("id=\"targets\""));
    assert!(!html.contains("fig-resistance") && !html.contains("<svg"));
}

#[test]
fn targets_are_graded_against_the_shared_thresholds() {
    let d = flagship();
    let by_id = |id: &str| d.targets.iter().find(|t| t.id == id).unwrap();
    let r = by_id("internal_resistance");
    assert_eq!(r.target, format!("< {MAX_RESISTANCE_OHM_CM2} Ω cm²"));
    assert_eq!(
        r.status == TargetStatus::Met,
        d.resistance.r_total_ohm_cm2 < MAX_RESISTANCE_OHM_CM2
    );
    let e = by_id("composite_specific_energy");
    assert_eq!(e.target, "≥ 500 Wh/kg");
    assert_eq!(
        e.status == TargetStatus::Met,
        d.composite_wh_per_kg.unwrap() >= MIN_COMPOSITE_SPECIFIC_ENERGY_WH_KG
    );
    assert_eq!(by_id("cycle_life").status, TargetStatus::NotModelled);
    assert_eq!(d.targets.len(), 8);
}

#[test]
fn json_holds_the_numbers_not_the_curves() {
    let d = flagship();
    let v: serde_json::Value = serde_json::from_str(&d.to_json().unwrap()).unwrap();
    assert_eq!(v["name"], serde_json::json!(d.name));
    // serde_json (without its float_roundtrip feature) may read a float back 1 ulp off.
    let back = v["stack_wh_per_kg"].as_f64().unwrap();
    assert!(
        (back - d.stack_wh_per_kg).abs() <= 1e-14 * d.stack_wh_per_kg.abs(),
        "{back} vs {}",
        d.stack_wh_per_kg
    );
    assert_eq!(v["targets"].as_array().unwrap().len(), d.targets.len());
    for skipped in ["impedance", "interface", "screening"] {
        assert!(v.get(skipped).is_none(), "{skipped} is in the JSON");
    }
    assert!(v["curves"][0].get("curve").is_none());
}

#[test]
fn write_html_writes_the_rendered_page() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new-folder").join("report.html");
    write_html(flagship(), &path).unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        render(flagship()).unwrap()
    );
}

/// Issue 14 item 8: with grain boundaries resolved (brick layer, R_gb = L·(δ/d)/σ_gb,sp),
/// the resistance table splits the separator into grain interiors and boundaries, and
/// the two rows add up to the separator's.
#[test]
fn the_resistance_table_splits_the_separator_when_grain_boundaries_are_given() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/flagship.toml");
    let text = std::fs::read_to_string(path).unwrap().replacen(
        "[separator]\n",
        "[separator]\ngrain_size = \"5 um\"\ngrain_boundary_thickness = \"2 nm\"\ngrain_boundary_conductivity = \"2e-4 S/m\"\n",
        1,
    );
    let design = Design::from_toml("flagship.toml", &text).unwrap();
    let db = MaterialDb::embedded().unwrap();
    let params = design.resolve(&db).unwrap();
    let data = compute(&design, &params, &db).unwrap();
    let r = &data.resistance;
    // L·(δ/d)/σ_gb,sp in Ω cm², L the flagship's separator.
    let by_hand = params.l_sep * (2e-9 / 5e-6) / 2e-4 * 1e4;
    assert!(
        (r.r_separator_grain_boundary_ohm_cm2 - by_hand).abs() <= 1e-6 * by_hand,
        "{} vs {by_hand}",
        r.r_separator_grain_boundary_ohm_cm2
    );
    let section = SECTIONS.iter().find(|s| s.id == "sec-resistance").unwrap();
    let html = render_sections(&data, std::slice::from_ref(section)).unwrap();
    for label in [
        "of which grain interiors (bulk)",
        "of which grain boundaries",
    ] {
        assert!(html.contains(label), "no row {label}");
    }
    let sum = r.r_separator_bulk_ohm_cm2 + r.r_separator_grain_boundary_ohm_cm2;
    assert!((sum - r.r_separator_ohm_cm2).abs() <= 1e-9 * sum);
    // The flagship without grain-boundary data shows no split.
    let plain = render_sections(flagship(), std::slice::from_ref(section)).unwrap();
    assert!(!plain.contains("of which grain boundaries"));
}
