//! The cell model against conservation laws, analytic limits, mesh convergence and
//! PyBaMM on the same problem (fixtures written by scripts/compare_pybamm.py).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use garnet_cell::analytic::{low_current_resistance, single_particle_voltage};
use garnet_cell::{
    parse_design, resolve, CellError, CellParams, Model, Protocol, Run, Simulator, Summary,
};
use garnet_materials::MaterialDb;
use garnet_units::constants::FARADAY;

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example_text() -> String {
    std::fs::read_to_string(root().join("examples/pybamm-xu2019-halfcell.toml")).unwrap()
}

fn params_from(text: &str) -> Result<CellParams, CellError> {
    let d = parse_design("test.toml", text)?;
    resolve("test.toml", &d, &MaterialDb::embedded().unwrap())
}

/// The PyBaMM example with some lines replaced (`key = value` matched by its start).
fn variant(edits: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for line in example_text().lines() {
        let replaced = edits
            .iter()
            .find(|(k, _)| line.trim_start().starts_with(&format!("{k} =")));
        match replaced {
            Some((k, v)) => out.push_str(&format!("{k} = {v}\n")),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

fn run(p: &CellParams, protocol: &Protocol) -> (Run, Simulator, Vec<f64>) {
    let mut sim = Simulator::new(p.clone());
    let y0 = sim.initial_state();
    let mut y = y0.clone();
    let r = sim.run(protocol, &mut y).unwrap();
    (r, sim, y0)
}

#[test]
fn overpotentials_sum_to_the_terminal_voltage() {
    let p = params_from(&example_text()).unwrap();
    let (r, _, _) = run(&p, &Protocol::discharge(2.0));
    for s in &r.samples {
        let b = s.breakdown;
        let sum: f64 = b.ocv + b.terms().iter().sum::<f64>();
        assert!(
            (sum - b.voltage).abs() < 1e-12,
            "t = {}: {sum} vs {}",
            s.time,
            b.voltage
        );
    }
}

#[test]
fn charge_is_conserved_with_double_layers() {
    // ∫I dt = F·(Li moved into the cathode) − (charge taken up by the cathode double layer)
    let text = variant(&[("double_layer_capacitance", "\"0.2 F/m2\"")]);
    let p = params_from(&text).unwrap();
    let protocol = Protocol::from_strings(
        &[
            "Discharge at 1C until 3.6 V",
            "Rest for 10 min",
            "Charge at 0.5C until 4.1 V",
            "Hold at 4.1 V until C/20",
        ],
        1,
    )
    .unwrap();
    let (r, sim, y0) = run(&p, &protocol);
    let m = &sim.model;
    let y = &r.state;
    let q = y[Model::CHARGE];
    let d_li = m.lithium_per_area(y) - m.lithium_per_area(&y0);
    let d_dl = m.double_layer_charge(y).0 - m.double_layer_charge(&y0).0;
    // the total passed on discharge, for scale
    let q_dis = r.samples.iter().map(|s| s.capacity_mah).fold(0.0, f64::max) * 3.6 / p.area;
    let residual = FARADAY * d_li - d_dl - q;
    assert!(
        residual.abs() <= 1e-6 * q_dis,
        "residual {residual} C/m² of {q_dis}"
    );
    assert!(d_dl.abs() > 1e-9, "the double layer took part");
}

#[test]
fn zero_current_gives_the_open_circuit_voltage() {
    let p = params_from(&example_text()).unwrap();
    let protocol = Protocol::from_strings(&["Rest for 1 h"], 1).unwrap();
    let (r, _, _) = run(&p, &protocol);
    let u = p.ocv.voltage(p.x_init);
    for s in &r.samples {
        assert!(
            (s.breakdown.voltage - u).abs() < 1e-9,
            "{} vs {u}",
            s.breakdown.voltage
        );
    }
    // After a discharge, a long rest relaxes to U(x̄).
    let protocol =
        Protocol::from_strings(&["Discharge at 1C for 20 min", "Rest for 10 h"], 1).unwrap();
    let (r, sim, _) = run(&p, &protocol);
    let x = sim.model.x_mean(&r.state);
    let v = r.samples.last().unwrap().breakdown.voltage;
    assert!(
        (v - p.ocv.voltage(x)).abs() < 1e-6,
        "{v} vs {}",
        p.ocv.voltage(x)
    );
}

#[test]
fn small_current_gives_ocv_minus_ir() {
    // Fast solid diffusion so that only ohmic and charge-transfer resistances remain;
    // R from the separator, Newman–Tobias for the composite and the linearised
    // kinetics of both interfaces.
    let text = variant(&[("diffusivity", "\"1e-9 m2/s\""), ("cathode", "80")]);
    let p = params_from(&text).unwrap();
    // C/10 for 1 s: IR ≈ 6 mV, small against 2RT/F (linear kinetics to ~0.1 %) and large
    // against the OCV spread that local state-of-charge differences build up.
    let protocol = Protocol::from_strings(&["Discharge at C/10 for 1 s"], 1).unwrap();
    let (r, sim, _) = run(&p, &protocol);
    let s = r.samples.last().unwrap();
    let x = sim.model.x_mean(&r.state);
    let i = s.current / p.area;
    let r_model = (p.ocv.voltage(x) - s.breakdown.voltage) / i;
    let r_analytic = low_current_resistance(&p, x);

    assert!(
        (r_model / r_analytic - 1.0).abs() < 0.01,
        "model {r_model} Ω m² vs analytic {r_analytic} Ω m²"
    );
}

#[test]
fn fast_diffusion_high_conductivity_is_the_single_particle_model() {
    let text = variant(&[
        ("diffusivity", "\"1e-9 m2/s\""),
        ("electrolyte_conductivity", "\"1e6 S/m\""),
        ("electronic_conductivity", "\"1e6 S/m\""),
    ]);
    let p = params_from(&text).unwrap();
    let (r, _, _) = run(&p, &Protocol::discharge(1.0));
    let i = p.c_rate_to_current_density(1.0);
    let mut worst: f64 = 0.0;
    for s in r.samples.iter().filter(|s| s.time > 1.0 && s.soc > 0.05) {
        let v = single_particle_voltage(&p, i, p.x_init, s.time);
        worst = worst.max((v - s.breakdown.voltage).abs());
    }
    assert!(worst < 2e-4, "largest difference {worst} V");
}

#[test]
fn doubling_the_mesh_changes_the_1c_capacity_by_less_than_0_1_percent() {
    let coarse = params_from(&example_text()).unwrap();
    // The separator has no volumes (one series resistance): cathode and particle only.
    let fine = params_from(&variant(&[("cathode", "40"), ("particle", "40")])).unwrap();
    assert_eq!((fine.mesh.1, fine.mesh.2), (40, 40));
    let q = |p: &CellParams| {
        let (r, _, _) = run(p, &Protocol::discharge(1.0));
        Summary::of(&r, p).capacity_mah
    };
    let (qc, qf) = (q(&coarse), q(&fine));
    assert!(((qc - qf) / qf).abs() < 1e-3, "{qc} vs {qf} mAh");
}

fn read_fixture(name: &str) -> Vec<(f64, f64)> {
    let text = std::fs::read_to_string(root().join("tests/fixtures").join(name)).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let mut it = l.split(',').map(|v| v.parse::<f64>().unwrap());
            (it.next().unwrap(), it.next().unwrap())
        })
        .collect()
}

fn interp(pts: &[(f64, f64)], t: f64) -> f64 {
    let k = pts.partition_point(|p| p.0 < t).clamp(1, pts.len() - 1);
    let (a, b) = (pts[k - 1], pts[k]);
    a.1 + (b.1 - a.1) * (t - a.0) / (b.0 - a.0)
}

#[test]
fn same_problem_as_pybamm() {
    // PyBaMM 26.10 DFN, {"working electrode": "positive"}, Xu2019 with t+ = 1,
    // κ = 0.03 S/m, separator porosity 1, 20 points per domain, IDAKLU rtol = atol = 1e-6.
    let p = params_from(&example_text()).unwrap();
    for (label, rate) in [("0.1C", 0.1), ("0.5C", 0.5), ("1C", 1.0), ("2C", 2.0)] {
        let reference = read_fixture(&format!("pybamm_xu2019_{label}.csv"));
        let (r, _, _) = run(&p, &Protocol::discharge(rate));
        let ours: Vec<(f64, f64)> = r
            .samples
            .iter()
            .map(|s| (s.time, s.breakdown.voltage))
            .collect();
        let t_ref = reference.last().unwrap().0;
        let t_ours = ours.last().unwrap().0;
        assert!(
            ((t_ours - t_ref) / t_ref).abs() < 0.002,
            "{label}: cut-off {t_ours} s vs {t_ref} s"
        );
        let t_end = 0.99 * t_ref.min(t_ours);
        let (mut sum, mut n, mut max): (f64, usize, f64) = (0.0, 0, 0.0);
        for &(t, v_ref) in reference.iter().filter(|(t, _)| *t <= t_end) {
            let d = interp(&ours, t) - v_ref;
            sum += d * d;
            n += 1;
            max = max.max(d.abs());
        }
        let rms = (sum / n as f64).sqrt();
        assert!(
            rms <= 1e-3 && max <= 3e-3,
            "{label}: rms {:.3} mV, max {:.3} mV",
            rms * 1e3,
            max * 1e3
        );
    }
}

#[test]
fn bad_designs_name_the_field() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[("active_fraction", "0.8")], "cathode.active_fraction"),
        (&[("thickness", "\"-42 um\"")], ".thickness"),
        (&[("material", "\"NMC999\"")], "cathode.material"),
        (
            &[("initial_stoichiometry", "1.7")],
            "cathode.initial_stoichiometry",
        ),
        (&[("voltage_min", "\"1.0 V\"")], "voltage_min"),
        (
            &[("particle_radius", "\"5.3 S/cm\"")],
            "cathode.particle_radius",
        ),
        (
            &[("exchange_current_density", "\"-1 A/m2\"")],
            "cathode.exchange_current_density",
        ),
    ];
    for (edits, field) in cases {
        let err = params_from(&variant(edits)).unwrap_err().to_string();
        assert!(err.contains(field), "{field}: {err}");
        assert!(err.contains("test.toml"), "{err}");
    }
    let err = params_from("version = 1\n[separator]\nthickness = \"25 um\"\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("cathode"), "{err}");
}
