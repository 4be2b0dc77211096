//! Import of the published BPX example (NMC111 pouch cell), checked by hand, and the
//! errors of bad files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use garnet_bpx::{design_toml, import, BpxError, DesignOptions};
use garnet_cell::{parse_design, resolve};
use garnet_materials::MaterialDb;
use serde_json::Value;

const FIXTURE: &str = include_str!("fixtures/nmc_pouch_cell_BPX.json");

/// The positive OCP of the fixture, written out by hand (not through the parser).
fn u_hand(x: f64) -> f64 {
    -3.04420906 * x + 10.04892207 - 0.65637536 * (-4.02134095 * (x - 0.80063948)).tanh()
        + 4.24678547 * (12.17805062 * (x - 7.57659337)).tanh()
        - 0.3757068 * (59.33067782 * (x - 0.99784492)).tanh()
}

#[test]
fn nmc_pouch_cell_values_by_hand() {
    let imp = import(FIXTURE).unwrap();
    let c = &imp.cathode;
    assert_eq!(imp.version, "0.1.0");
    assert_eq!(c.thickness, 5.23e-5);
    assert_eq!(c.particle_radius, 4.6e-6);
    // ε_am = a·R/3 = 432072 m⁻¹ × 4.6 µm / 3 = 0.6625104.
    assert!((c.active_fraction - 0.6625104).abs() < 1e-12);
    // Porosity → garnet fraction; b = ln 0.1462 / ln 0.277493 = −1.922779 / −1.281959 = 1.49988.
    assert_eq!(c.electrolyte_fraction, 0.277493);
    let b = c.transport_efficiency.ln() / c.electrolyte_fraction.ln();
    assert!((b - 1.49988).abs() < 1e-5, "{b}");
    assert_eq!(c.electronic_conductivity, 0.789);
    assert_eq!(c.c_max, 46200.0);
    assert_eq!((c.x_min, c.x_max), (0.42424, 0.96210));
    // Reference temperature 298.15 K = garnet's 25 °C: no Arrhenius shift.
    assert_eq!(c.diffusivity, 3.2e-14);
    assert_eq!((c.ea_diffusivity, c.ea_kinetic), (15000.0, 35000.0));
    // j₀,½ = F·k·√(1·½·½) = 96485.33212 C/mol × 2.305e-5 mol/m²/s / 2 = 1.111993452 A/m².
    assert!((c.j0 - 1.111_993_452).abs() < 1e-9, "{}", c.j0);
    // Area: 0.016808 m² × 34 pairs = 0.571472 m²; 12.5 Ah = 45 000 C.
    assert!((imp.area() - 0.571472).abs() < 1e-12);
    assert_eq!(imp.nominal_capacity, 45_000.0);
    assert_eq!(imp.temperature.0, 298.15);
    // Cut-offs: the OCP at the stoichiometry limits (graphite anode, so not the
    // full-cell 2.7–4.2 V): U(0.96210) = 3.61327 V, U(0.42424) = 4.29065 V.
    assert!(!imp.li_metal_negative);
    let (v_min, v_max) = imp.voltage_window();
    assert!((v_min - u_hand(0.96210)).abs() < 1e-12);
    assert!((v_max - u_hand(0.42424)).abs() < 1e-12);
    assert!((v_min - 3.61327).abs() < 1e-5 && (v_max - 4.29065).abs() < 1e-5);
    // The sampled OCP table follows the expression within 0.5 mV everywhere inside.
    let (lo, hi) = c.ocv.span();
    for i in 0..=2000 {
        let x = lo + (hi - lo) * i as f64 / 2000.0;
        assert!((c.ocv.voltage(x) - u_hand(x)).abs() < 5e-4, "x = {x}");
    }
    // Material from the title ("NMC111|graphite").
    assert_eq!(
        imp.guess_cathode_material(["NMC111", "NMC811", "LiFePO4", "LiCoO2"]),
        Some("NMC111".to_string())
    );
    // What was left out, with reasons.
    let skipped: Vec<&str> = imp.skipped.iter().map(|s| s.path.as_str()).collect();
    for path in [
        "Parameterisation.Negative electrode",
        "Parameterisation.Electrolyte.Cation transference number",
        "Parameterisation.Electrolyte.Conductivity [S.m-1]",
        "Parameterisation.Positive electrode.Entropic change coefficient [V.K-1]",
        "Parameterisation.Separator.Porosity",
        "Parameterisation.Cell.Lower voltage cut-off [V]",
        "Validation",
    ] {
        assert!(skipped.contains(&path), "{path} not listed: {skipped:?}");
    }

    // The design resolves to the same numbers.
    let db = MaterialDb::embedded().unwrap();
    let toml = design_toml(
        &imp,
        &DesignOptions {
            cathode_material: "NMC111".to_string(),
            ..Default::default()
        },
    )
    .unwrap();
    let p = resolve("nmc.toml", &parse_design("nmc.toml", &toml).unwrap(), &db).unwrap();
    assert!((p.j0_cathode - c.j0).abs() < 1e-12);
    assert!((p.sigma_s_eff - 0.789).abs() < 1e-12);
    assert!((p.x_charged - 0.42424).abs() < 1e-9 && (p.x_discharged - 0.96210).abs() < 1e-9);
    assert!((p.area - 0.571472).abs() < 1e-12);
    assert!(toml.contains("ESTIMATE"));
}

fn edited(f: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(FIXTURE).unwrap();
    f(&mut v);
    v.to_string()
}

fn pos(v: &mut Value) -> &mut Value {
    &mut v["Parameterisation"]["Positive electrode"]
}

#[test]
fn errors_name_the_json_path() {
    let e = import(&edited(|v| {
        pos(v)["Particle radius [m]"] = Value::from("big")
    }))
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Parameterisation.Positive electrode.Particle radius [m]: expected a number"
    );
    let e = import(&edited(|v| {
        pos(v)
            .as_object_mut()
            .unwrap()
            .remove("Maximum concentration [mol.m-3]");
    }))
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Parameterisation.Positive electrode.Maximum concentration [mol.m-3]: missing"
    );
    let e = import(&edited(|v| pos(v)["Porosity"] = Value::from(1.5))).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("Parameterisation.Positive electrode.Porosity: 1.5 is outside"),
        "{e}"
    );
    let e =
        import(&edited(
            |v| pos(v)["OCP [V]"] = serde_json::json!({"x": [0.0, 0.5, 1.0], "y": [4.2, 4.3, 3.0]}),
        ))
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("Parameterisation.Positive electrode.OCP [V].y: must fall strictly"),
        "{e}"
    );
    let e = import(&edited(|v| {
        pos(v)["OCP [V]"] = serde_json::json!({"x": [0.0, 0.5], "y": [4.2, 4.1, 3.0]})
    }))
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Parameterisation.Positive electrode.OCP [V].y: 3 values for 2 x values"
    );
    let e = import("{\"Header\": ").unwrap_err();
    assert!(matches!(e, BpxError::Json { .. }), "{e}");
}

#[test]
fn unsupported_expressions_and_models_are_clear_errors() {
    let e = import(&edited(|v| {
        pos(v)["OCP [V]"] = Value::from("4.2 - 0.5 * log(x)")
    }))
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Parameterisation.Positive electrode.OCP [V]: expression \"4.2 - 0.5 * log(x)\": at character 13: unsupported function 'log' (BPX allows exp, tanh and cosh)"
    );
    let e = import(&edited(|v| {
        pos(v)["Diffusivity [m2.s-1]"] = Value::from("3e-14 * exp(-1000 / T)")
    }))
    .unwrap_err();
    assert!(e.to_string().contains("variable 'T'"), "{e}");
    // A non-monotone OCP expression over the window.
    let e = import(&edited(|v| {
        pos(v)["OCP [V]"] = Value::from("4 - (x - 0.7)**2")
    }))
    .unwrap_err();
    assert!(e.to_string().contains("does not fall strictly"), "{e}");
    // A blended electrode.
    let e = import(&edited(|v| pos(v)["Particle"] = serde_json::json!({}))).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("Parameterisation.Positive electrode.Particle: not supported"),
        "{e}"
    );
    // A stoichiometry-dependent diffusivity is evaluated mid-window, with a note.
    let imp = import(&edited(|v| {
        pos(v)["Diffusivity [m2.s-1]"] = Value::from("1e-14 * (1 + x)")
    }))
    .unwrap();
    let mid = 0.5 * (0.42424 + 0.96210);
    assert!((imp.cathode.diffusivity - 1e-14 * (1.0 + mid)).abs() < 1e-27);
    assert!(imp
        .notes
        .iter()
        .any(|n| n.contains("depends on stoichiometry")));
    // A diffusivity table: linear interpolation at mid-window.
    let imp = import(&edited(|v| {
        pos(v)["Diffusivity [m2.s-1]"] = serde_json::json!({"x": [1.0, 0.0], "y": [3e-14, 1e-14]})
    }))
    .unwrap();
    assert!((imp.cathode.diffusivity - (1e-14 + 2e-14 * mid)).abs() < 1e-27);
}

#[test]
fn reference_temperature_shifts_rates_to_25_c() {
    // Rates given at 308.15 K move to 298.15 K with exp(Ea/R·(1/T_ref − 1/T)).
    let imp = import(&edited(|v| {
        v["Parameterisation"]["Cell"]["Reference temperature [K]"] = Value::from(308.15)
    }))
    .unwrap();
    let r = 8.314462618;
    let f_k = (35000.0 / r * (1.0 / 308.15 - 1.0 / 298.15_f64)).exp();
    let f_d = (15000.0 / r * (1.0 / 308.15 - 1.0 / 298.15_f64)).exp();
    assert!((imp.cathode.j0 - 1.111_993_452 * f_k).abs() < 1e-8);
    assert!((imp.cathode.diffusivity / (3.2e-14 * f_d) - 1.0).abs() < 1e-9);
}
