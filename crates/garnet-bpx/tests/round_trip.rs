//! garnet → BPX → garnet: every example design comes back with the same cathode
//! (and cell) parameters and the same 1C capacity.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use garnet_bpx::{design_toml, export, import, DesignOptions};
use garnet_cell::{parse_design, resolve, CellParams, Protocol, Simulator};
use garnet_materials::{Kind, MaterialDb};

fn examples() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    v
}

fn round_trip(
    p: &CellParams,
    design: &garnet_cell::DesignFile,
    db: &MaterialDb,
) -> (String, CellParams) {
    let out = export(p, design).unwrap();
    let text = serde_json::to_string_pretty(&out.json).unwrap();
    let imp = import(&text).unwrap();
    let material = imp
        .guess_cathode_material(db.list(Some(Kind::Cathode)).map(|m| m.name.as_str()))
        .unwrap();
    assert_eq!(material, design.cathode.material);
    let toml = design_toml(
        &imp,
        &DesignOptions {
            cathode_material: material,
            ..Default::default()
        },
    )
    .unwrap();
    let back = resolve("back.toml", &parse_design("back.toml", &toml).unwrap(), db)
        .unwrap_or_else(|e| panic!("{e}\n{toml}"));
    (toml, back)
}

fn capacity_1c(p: &CellParams) -> f64 {
    let mut sim = Simulator::new(p.clone());
    let mut y = sim.initial_state();
    let run = sim.run(&Protocol::discharge(1.0), &mut y).unwrap();
    garnet_cell::Summary::of(&run, p).capacity_mah
}

#[test]
fn examples_survive_a_bpx_round_trip() {
    let db = MaterialDb::embedded().unwrap();
    for path in examples() {
        let name = path.display().to_string();
        let design = parse_design(&name, &std::fs::read_to_string(&path).unwrap()).unwrap();
        let p = resolve(&name, &design, &db).unwrap();
        let (toml, b) = round_trip(&p, &design, &db);
        // Scalars: relative 1e-9 (only float rounding of the unit conversions, the
        // Arrhenius shift to 25 °C and back, and ln/exp of the Bruggeman exponent).
        let close = |what: &str, a: f64, b: f64| {
            let ok = if a.is_finite() {
                (a - b).abs() <= 1e-9 * a.abs().max(1e-300)
            } else {
                a == b
            };
            assert!(ok, "{name}: {what}: {a} vs {b}\n{toml}");
        };
        close("area", p.area, b.area);
        close("temperature", p.temperature, b.temperature);
        close("l_sep", p.l_sep, b.l_sep);
        close("sigma_sep", p.sigma_sep, b.sigma_sep);
        close("l_cat", p.l_cat, b.l_cat);
        close("eps_active", p.eps_active, b.eps_active);
        close("eps_electrolyte", p.eps_electrolyte, b.eps_electrolyte);
        close("sigma_e_eff", p.sigma_e_eff, b.sigma_e_eff);
        close("sigma_s_eff", p.sigma_s_eff, b.sigma_s_eff);
        close("radius", p.radius, b.radius);
        close("c_max", p.c_max, b.c_max);
        close("diffusivity", p.diffusivity, b.diffusivity);
        close("j0_cathode", p.j0_cathode, b.j0_cathode);
        close("ea_diffusivity", p.ea_diffusivity, b.ea_diffusivity);
        close("ea_kinetic", p.ea_kinetic, b.ea_kinetic);
        close("c_dl_cathode", p.c_dl_cathode, b.c_dl_cathode);
        close("j0_anode", p.j0_anode, b.j0_anode);
        close("c_dl_anode", p.c_dl_anode, b.c_dl_anode);
        close("v_min", p.v_min, b.v_min);
        close("v_max", p.v_max, b.v_max);
        close("nominal_capacity", p.nominal_capacity, b.nominal_capacity);
        close("contact_fraction", p.contact_fraction, b.contact_fraction);
        close("film_resistance", p.film_resistance, b.film_resistance);
        close("anode_resistance", p.anode_resistance, b.anode_resistance);
        close(
            "anode_interface_resistance",
            p.anode_interface_resistance,
            b.anode_interface_resistance,
        );
        close(
            "cathode_face_resistance",
            p.cathode_face_resistance,
            b.cathode_face_resistance,
        );
        close(
            "ea_anode_interface",
            p.ea_anode_interface,
            b.ea_anode_interface,
        );
        assert_eq!(p.anode_interface_model, b.anode_interface_model, "{name}");
        close("active_mass", p.active_mass, b.active_mass);
        close(
            "connected_fraction",
            p.connected_fraction,
            b.connected_fraction,
        );
        close(
            "contact_spot_radius",
            p.contact_spot_radius,
            b.contact_spot_radius,
        );
        close(
            "constriction_resistance",
            p.constriction_resistance,
            b.constriction_resistance,
        );
        close(
            "contact_diffusion_factor",
            p.contact_diffusion_factor,
            b.contact_diffusion_factor,
        );
        assert_eq!(p.thin_film, b.thin_film, "{name}");
        // The window ends are table nodes, so they come back to bisection precision.
        for (what, a, c) in [
            ("x_charged", p.x_charged, b.x_charged),
            ("x_discharged", p.x_discharged, b.x_discharged),
            ("x_init", p.x_init, b.x_init),
        ] {
            assert!((a - c).abs() < 1e-9, "{name}: {what}: {a} vs {c}");
        }
        // The OCV: garnet's fit vs the exported table (PCHIP, 0.02 mV at midpoints).
        let (lo, hi) = p.ocv.valid_range();
        for i in 0..=1000 {
            let x = lo + (hi - lo) * i as f64 / 1000.0;
            let (u, v) = (p.ocv.voltage(x), b.ocv.voltage(x));
            assert!((u - v).abs() < 1e-4, "{name}: U({x}) {u} vs {v}");
        }
        // Same 1C capacity within 0.5 %.
        let (c0, c1) = (capacity_1c(&p), capacity_1c(&b));
        assert!(
            ((c1 - c0) / c0).abs() < 0.005,
            "{name}: 1C capacity {c0} mAh vs {c1} mAh after the round trip"
        );
    }
}

#[test]
fn export_has_every_field_the_bpx_schema_requires() {
    // The required (no-default) fields of bpx/schema.py (BPX 1.1): Header.BPX/Model;
    // Cell, Electrolyte, Electrode (Contact + Particle + Conductivity), Separator.
    let db = MaterialDb::embedded().unwrap();
    let path = examples().into_iter().next().unwrap();
    let design = parse_design("d", &std::fs::read_to_string(path).unwrap()).unwrap();
    let p = resolve("d", &design, &db).unwrap();
    let json = export(&p, &design).unwrap().json;
    for key in ["BPX", "Model"] {
        assert!(json["Header"][key].is_string(), "{key}");
    }
    let par = &json["Parameterisation"];
    for key in [
        "Electrode area [m2]",
        "Number of electrode pairs connected in parallel to make a cell",
        "Lower voltage cut-off [V]",
        "Upper voltage cut-off [V]",
        "Nominal cell capacity [A.h]",
    ] {
        assert!(par["Cell"][key].is_number(), "Cell.{key}");
    }
    for key in [
        "Cation transference number",
        "Diffusivity [m2.s-1]",
        "Conductivity [S.m-1]",
    ] {
        assert!(!par["Electrolyte"][key].is_null(), "Electrolyte.{key}");
    }
    for electrode in ["Negative electrode", "Positive electrode"] {
        for key in [
            "Thickness [m]",
            "Porosity",
            "Transport efficiency",
            "Conductivity [S.m-1]",
            "Minimum stoichiometry",
            "Maximum stoichiometry",
            "Maximum concentration [mol.m-3]",
            "Particle radius [m]",
            "Surface area per unit volume [m-1]",
            "Diffusivity [m2.s-1]",
            "OCP [V]",
            "Reaction rate constant [mol.m-2.s-1]",
        ] {
            assert!(!par[electrode][key].is_null(), "{electrode}.{key}");
        }
    }
    for key in ["Thickness [m]", "Porosity", "Transport efficiency"] {
        assert!(par["Separator"][key].is_number(), "Separator.{key}");
    }
    // User-defined values must be numbers (or the description string).
    for (k, v) in par["User-defined"].as_object().unwrap() {
        assert!(v.is_number() || k == "description", "{k}");
    }
}

/// Issue 14: Li₂CO₃ on the separator's cathode face (a series resistance of its own)
/// and on the anode face of an ohmic interface come back as layers.
#[test]
fn issue14_carbonate_faces_survive_a_bpx_round_trip() {
    let db = MaterialDb::embedded().unwrap();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/flagship.toml");
    let text = std::fs::read_to_string(path).unwrap().replacen(
        "[separator]\n",
        "[separator]\ncarbonate_cathode_side = \"5 nm\"\ncarbonate_anode_side = \"2 nm\"\n",
        1,
    );
    let design = parse_design("t.toml", &text).unwrap();
    let p = resolve("t.toml", &design, &db).unwrap();
    assert!(p.cathode_face_resistance > 0.0 && p.anode_resistance > 0.0);
    let (toml, b) = round_trip(&p, &design, &db);
    for (what, x, y) in [
        (
            "cathode_face_resistance",
            p.cathode_face_resistance,
            b.cathode_face_resistance,
        ),
        ("film_resistance", p.film_resistance, b.film_resistance),
        ("anode_resistance", p.anode_resistance, b.anode_resistance),
        (
            "anode_interface_resistance",
            p.anode_interface_resistance,
            b.anode_interface_resistance,
        ),
    ] {
        assert!(
            (x - y).abs() <= 1e-9 * x.abs(),
            "{what}: {x} vs {y}\n{toml}"
        );
    }
}
