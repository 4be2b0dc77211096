//! Issue 14 items 8 and 12: the separator's bulk and grain-boundary arcs (and the
//! anode-side Li₂CO₃'s) in the simulated spectrum, against the closed forms of an
//! R ∥ C in series: apex at 1/(2πRC), width R, and the DC limit of the model.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use garnet_cell::{
    ohmic_resistance, parse_design, resolve, simulate_impedance, spectrum_notes, CellParams,
    SeriesLayerKind,
};
use garnet_materials::MaterialDb;

/// Thin-film LiCoO2 on 100 µm LLZTO with 5 µm grains and 2 nm boundaries. Neither
/// electrode has a double layer, so the model's own frequency dependence is only the
/// low-frequency solid diffusion, and the kinetics are resistances at every frequency.
fn design(extra_separator: &str) -> CellParams {
    let text = format!(
        r#"
version = 1
name = "arcs"
temperature = "25 degC"
area = "1 cm2"
voltage_min = "3.0 V"
voltage_max = "4.2 V"
initial_soc = 0.5

[separator]
material = "LLZTO"
thickness = "100 um"
relative_permittivity = 50
{extra_separator}

[cathode]
material = "LiCoO2"
structure = "thin-film"
thickness = "1 um"
electronic_conductivity = "1e-1 S/m"
double_layer_capacitance = "0 F/m2"

[anode]
exchange_current_density = "10 mA/cm2"
double_layer_capacitance = "0 F/m2"
"#
    );
    resolve(
        "t.toml",
        &parse_design("t.toml", &text).unwrap(),
        &MaterialDb::embedded().unwrap(),
    )
    .unwrap()
}

const GRAINS: &str = "grain_size = \"5 um\"\ngrain_boundary_thickness = \"2 nm\"\ngrain_boundary_conductivity = \"2e-4 S/m\"\ngrain_boundary_activation_energy = \"0.45 eV\"";

/// The frequency of the maximum of −Im Z within [lo, hi] Hz: a 40-per-decade grid,
/// refined by a parabola through the three points around the maximum in log f.
fn apex(p: &CellParams, lo: f64, hi: f64) -> f64 {
    let n = (40.0 * (hi / lo).log10()).ceil() as usize;
    let freqs: Vec<f64> = (0..=n)
        .map(|k| lo * (hi / lo).powf(k as f64 / n as f64))
        .collect();
    let z = simulate_impedance(p, None, &freqs).unwrap();
    let (k, _) = z
        .iter()
        .enumerate()
        .max_by(|a, b| (-a.1.z_imag_ohm_cm2).total_cmp(&(-b.1.z_imag_ohm_cm2)))
        .unwrap();
    assert!(k > 0 && k < n, "the maximum must be inside [{lo}, {hi}] Hz");
    let (y0, y1, y2) = (
        -z[k - 1].z_imag_ohm_cm2,
        -z[k].z_imag_ohm_cm2,
        -z[k + 1].z_imag_ohm_cm2,
    );
    let h = (hi / lo).log10() / n as f64;
    let shift = 0.5 * h * (y0 - y2) / (y0 - 2.0 * y1 + y2);
    10f64.powf(freqs[k].log10() + shift)
}

fn layer(p: &CellParams, kind: SeriesLayerKind) -> garnet_cell::SeriesLayer {
    *p.series_layers.iter().find(|l| l.kind == kind).unwrap()
}

#[test]
fn issue14_bulk_and_grain_boundary_arcs_peak_at_one_over_two_pi_rc() {
    let p = design(GRAINS);
    let bulk = layer(&p, SeriesLayerKind::SeparatorBulk);
    let gb = layer(&p, SeriesLayerKind::SeparatorGrainBoundary);
    // Closed forms: τ_b = ε₀ε_r/σ_b, τ_gb = ε₀ε_r/σ_gb,sp (geometry-free).
    let eps0 = 8.854_187_812_8e-12;
    let tau_gb = eps0 * 50.0 / 2e-4; // σ_gb,sp given at 25 °C, the cell's temperature
    assert!((gb.resistance * gb.capacitance / tau_gb - 1.0).abs() < 1e-9);
    let sigma_b = p.l_sep / bulk.resistance;
    assert!((bulk.resistance * bulk.capacitance / (eps0 * 50.0 / sigma_b) - 1.0).abs() < 1e-9);
    // The arcs are three decades apart (bulk ~100 MHz, boundaries ~70 kHz): each apex
    // within 3 % of 1/(2πRC) on the simulated spectrum.
    let split = (bulk.apex_frequency() * gb.apex_frequency()).sqrt();
    for (l, lo, hi) in [(bulk, split, 1e12), (gb, gb.apex_frequency() / 30.0, split)] {
        let f = apex(&p, lo, hi);
        let expect = l.apex_frequency();
        assert!(
            (f / expect - 1.0).abs() < 0.03,
            "{}: apex {f:.4e} Hz vs 1/(2πRC) = {expect:.4e} Hz",
            l.kind.label()
        );
    }
    // Irvine, Sinclair & West 1990 Table 1 (capacitance normalised to L/A = 1 cm⁻¹,
    // i.e. a sample of area A = L·1 cm: C_area·L·1 cm): bulk ~1e-12 F, grain boundary
    // 1e-11–1e-8 F.
    let norm = |c: f64| c * p.l_sep * 0.01;
    assert!(
        (1e-13..1e-11).contains(&norm(bulk.capacitance)),
        "{}",
        norm(bulk.capacitance)
    );
    assert!(
        (1e-11..=1.2e-8).contains(&norm(gb.capacitance)),
        "{}",
        norm(gb.capacitance)
    );
}

#[test]
fn issue14_high_frequency_limit_drops_the_layers_and_their_widths_sum_to_the_separator() {
    let p = design(GRAINS);
    let r_layers: f64 = p.series_layers.iter().map(|l| l.resistance).sum();
    // The separator's layers are its whole DC resistance L_s/σ_sep (σ_sep the total).
    assert!((r_layers / (p.l_sep / p.sigma_sep) - 1.0).abs() < 1e-12);
    // ω → ∞: every layer short-circuited by its capacitance; what remains is the
    // model's ohmic resistance without the layers (the thin film's electronic path)
    // plus the two charge-transfer resistances, which have no double layer here:
    // RT/(F·j₀,a) and RT/(F·j₀(x))/(a·L) with j₀(x) = 2·j₀,c·√(x(1 − x)).
    let rt_f = garnet_units::constants::GAS * p.temperature / garnet_units::constants::FARADAY;
    let x = p.x_init;
    let r_ct_c = rt_f
        / (2.0 * p.j0_cathode * (x * (1.0 - x)).sqrt())
        / (p.specific_area() * p.l_cat * p.contact_fraction);
    let r_ct_a = rt_f / p.j0_anode;
    let rest = (ohmic_resistance(&p) - r_layers + r_ct_a + r_ct_c) * 1e4;
    let z_inf = simulate_impedance(&p, None, &[1e14]).unwrap()[0];
    assert!(
        (z_inf.z_real_ohm_cm2 / rest - 1.0).abs() < 1e-3,
        "{} vs {rest} Ω cm²",
        z_inf.z_real_ohm_cm2
    );
    // Widths: between the arcs (geometric mean of the apexes) the bulk arc has closed,
    // below the boundary arc (f_gb/300) both have: Re Z steps by R_b, then by R_gb —
    // measured against the same spectrum without the layers' capacitances.
    let bulk = layer(&p, SeriesLayerKind::SeparatorBulk);
    let gb = layer(&p, SeriesLayerKind::SeparatorGrainBoundary);
    let mut plain = p.clone();
    plain.series_layers.clear();
    let f_gap = (bulk.apex_frequency() * gb.apex_frequency()).sqrt();
    let f_low = gb.apex_frequency() / 300.0;
    for (f, expect) in [
        (f_gap, bulk.resistance),
        (f_low, bulk.resistance + gb.resistance),
    ] {
        let z = simulate_impedance(&p, None, &[f]).unwrap()[0];
        let z0 = simulate_impedance(&plain, None, &[f]).unwrap()[0];
        // Re Z − Re Z_plain = −(layers still shorted) = Σ R_k − expect at f.
        let shorted = z0.z_real_ohm_cm2 - z.z_real_ohm_cm2;
        assert!(
            (shorted - (r_layers - expect) * 1e4).abs() < 0.01 * r_layers * 1e4,
            "at {f:.3e} Hz: {shorted} Ω cm² still shorted, expected {}",
            (r_layers - expect) * 1e4
        );
    }
}

#[test]
fn issue14_without_grain_boundary_data_the_separator_is_one_arc_of_its_total() {
    let p = design("");
    assert_eq!(p.series_layers.len(), 1);
    let bulk = p.series_layers[0];
    assert_eq!(bulk.kind, SeriesLayerKind::SeparatorBulk);
    assert_eq!(bulk.resistance, p.l_sep / p.sigma_sep);
    let f = apex(&p, 1e6, 1e11);
    assert!((f / bulk.apex_frequency() - 1.0).abs() < 0.03, "{f:e}");
    // The default band (1 mHz–1 MHz) does not reach it, and the notes say so.
    let notes = spectrum_notes(&p, 1e-3, 1e6);
    assert!(notes[0].contains("above the band"), "{notes:?}");
}

#[test]
fn issue14_anode_side_li2co3_is_an_arc_of_its_film_capacitance() {
    let p = design("carbonate_anode_side = \"10 nm\"");
    let co3 = layer(&p, SeriesLayerKind::CarbonateAnodeSide);
    // C = ε₀ε_r/t with the estimated ε_r = 10 (no cited permittivity of Li₂CO₃ here).
    let c = 8.854_187_812_8e-12 * 10.0 / 10e-9;
    assert!((co3.capacitance / c - 1.0).abs() < 1e-9);
    assert!(co3.permittivity_estimated);
    let f = co3.apex_frequency();
    let found = apex(&p, f / 100.0, f * 100.0);
    assert!((found / f - 1.0).abs() < 0.03, "{found:e} vs {f:e}");
}
