//! Issue 14 item 8: the separator's brick-layer split against a published bulk/total
//! pair. OBELiX (Therrien et al. 2025, knowledge-base key `therrien2025`;
//! github.com/NRC-Mila/OBELiX, data/downloads/all.csv, row 4vd, original paper
//! DOI 10.1149/2.024205esl) gives for a Li6.75La3Zr1.75Ta0.25O12 pellet at room
//! temperature a total conductivity of 6.3e-4 S/cm and a bulk conductivity of
//! 8.7e-4 S/cm (recorded in the notes of that knowledge-base entry). With the
//! sample's apparent grain-boundary conductivity from the series form,
//! σ_gb,app = 1/(1/σ_total − 1/σ_bulk), entered as the specific σ_gb,sp = σ_gb,app·δ/d,
//! the split of the given total must give back the published bulk and the total.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use garnet_cell::{parse_design, resolve, CellParams, SeriesLayerKind};
use garnet_materials::MaterialDb;

/// OBELiX row 4vd (DOI 10.1149/2.024205esl): total and bulk σ (S/m) at room temperature.
const SIGMA_TOTAL: f64 = 6.3e-4 * 100.0;
const SIGMA_BULK: f64 = 8.7e-4 * 100.0;

fn params(text: &str) -> CellParams {
    resolve(
        "t.toml",
        &parse_design("t.toml", text).unwrap(),
        &MaterialDb::embedded().unwrap(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn layer(p: &CellParams, kind: SeriesLayerKind) -> f64 {
    p.series_layers
        .iter()
        .find(|l| l.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} layer"))
        .resistance
}

#[test]
fn issue14_brick_layer_split_returns_a_published_bulk() {
    let (grain, delta) = (1e-6, 1e-9); // d = 1 µm, δ = 1 nm: only δ/d enters
    let sigma_gb_apparent = 1.0 / (1.0 / SIGMA_TOTAL - 1.0 / SIGMA_BULK);
    let sigma_gb_specific = sigma_gb_apparent * delta / grain;
    let design = std::fs::read_to_string(format!(
        "{}/../../examples/flagship.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replacen(
        "material = \"LLZTO\"\n",
        &format!(
            "material = \"Li6.75La3Zr1.75Ta0.25O12\"\nconductivity = \"{SIGMA_TOTAL:.6e} S/m\"\n\
             grain_size = \"1 um\"\ngrain_boundary_thickness = \"1 nm\"\n\
             grain_boundary_conductivity = \"{sigma_gb_specific:.6e} S/m\"\n\
             grain_boundary_activation_energy = \"0.45 eV\"\n"
        ),
        1,
    );
    let p = params(&design);
    assert!(
        (p.temperature - 298.15).abs() < 1e-9,
        "the flagship runs at 25 °C"
    );
    let l = p.l_sep;
    let bulk = layer(&p, SeriesLayerKind::SeparatorBulk);
    let gb = layer(&p, SeriesLayerKind::SeparatorGrainBoundary);
    let rel = |a: f64, b: f64| (a - b).abs() / b;
    assert!(
        rel(bulk, l / SIGMA_BULK) < 1e-5,
        "bulk {bulk} vs published L/σ_bulk {}",
        l / SIGMA_BULK
    );
    assert!(rel(gb, l / sigma_gb_apparent) < 1e-5);
    assert!(
        rel(bulk + gb, l / SIGMA_TOTAL) < 1e-5,
        "the split keeps the published total"
    );
    assert!(rel(p.sigma_sep, SIGMA_TOTAL) < 1e-5);
}
