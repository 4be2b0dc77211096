//! Sweep tests on a small design (coarse mesh, so that a debug build runs a design in
//! well under a second).

use garnet_cell::{resistance_breakdown, Design, Protocol, Simulator, Summary};
use garnet_materials::MaterialDb;

use super::*;

/// The NMC811 | Li3BO3 | LLZTO example with a coarse mesh.
pub(crate) const DESIGN: &str = r#"
version = 1
name = "sweep test"
temperature = "60 degC"
area = "1 cm2"
voltage_min = "3.6 V"
voltage_max = "4.25 V"

[separator]
material = "LLZTO"
thickness = "100 um"

[cathode]
material = "NMC811"
loading = "5.7 mg/cm2"
active_fraction = 0.45
electrolyte_fraction = 0.35
bruggeman = 1.5
electronic_conductivity = "0.1 S/m"
particle_radius = "3 um"
contact_fraction = 0.4
interlayer = "Li3BO3"
interlayer_thickness = "50 nm"
double_layer_capacitance = "0.2 F/m2"

[anode]
interface_resistance = "50 ohm cm2"

[mesh]
separator = 4
cathode = 5
particle = 5
"#;

fn sweep(specs: &[&str], plan: Plan) -> Sweep {
    let base = Design::from_toml("test.toml", DESIGN).unwrap();
    let vars = specs.iter().map(|s| Variation::parse(s).unwrap()).collect();
    Sweep::new(base, vars, 1.0, plan).unwrap()
}

#[test]
fn a_row_equals_a_direct_simulation_of_the_same_design() {
    let db = MaterialDb::embedded().unwrap();
    let s = sweep(
        &[
            "separator.thickness=50um,200um",
            "cathode.contact_fraction=0.3,0.9",
        ],
        Plan::Factorial,
    );
    let points = s.points().unwrap();
    let row = s.run_point(&db, &points[2]); // 200 µm, 0.3
    assert_eq!(row.index, 2);
    assert_eq!(row.inputs, vec![s.variations[0].values[1], 0.3]);
    assert!((row.inputs[0] - 200e-6).abs() < 1e-18);
    let got = row.outcome.as_ref().unwrap();

    // The same design written by hand.
    let text = DESIGN
        .replace("thickness = \"100 um\"", "thickness = \"200 um\"")
        .replace("contact_fraction = 0.4", "contact_fraction = 0.3");
    let design = Design::from_toml("direct.toml", &text).unwrap();
    let params = design.resolve(&db).unwrap();
    let mut sim = Simulator::new(params.clone());
    let mut y = sim.initial_state();
    let run = sim.run(&Protocol::discharge(1.0), &mut y).unwrap();
    let r = resistance_breakdown(&params, None, 1.0).unwrap();
    let want = Summary::of(&run, &params).with_resistance(&r);
    assert_eq!(got.summary, want);
    assert_eq!(got.resistance.as_ref(), Some(&r));
    assert!(want.capacity_mah > 0.0);

    // The table carries the same numbers under the documented names.
    let t = s.table(std::slice::from_ref(&row));
    t.check().unwrap();
    assert_eq!(
        t.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>(),
        s.column_names()
    );
    assert_eq!(
        t.f64s("separator.thickness_m").unwrap(),
        &[Some(row.inputs[0])]
    );
    assert_eq!(t.f64s("cathode.contact_fraction").unwrap(), &[Some(0.3)]);
    assert_eq!(t.f64s("capacity_mah").unwrap(), &[Some(want.capacity_mah)]);
    assert_eq!(
        t.f64s("r_total_ohm_cm2").unwrap(),
        &[Some(r.r_total_ohm_cm2)]
    );
    assert_eq!(t.strs("status").unwrap(), &[Some("ok".to_string())]);
    assert_eq!(t.strs("error").unwrap(), &[None]);
    // The separator term scales with its thickness: R = L / σ_sep (same σ at 60 °C).
    let thin = s.run_point(&db, &points[0]).outcome.unwrap();
    let ratio = r.r_separator_ohm_cm2 / thin.resistance.unwrap().r_separator_ohm_cm2;
    assert!((ratio - 4.0).abs() < 1e-6, "{ratio}");
}

#[test]
fn parallel_rows_come_back_in_order_and_equal_serial_ones() {
    let db = MaterialDb::embedded().unwrap();
    let s = sweep(
        &[
            "cathode.contact_fraction=0.2..1:3",
            "separator.thickness=30um,60um",
        ],
        Plan::Factorial,
    );
    let points = s.points().unwrap();
    let count = std::sync::atomic::AtomicUsize::new(0);
    let rows = s.run_points(&db, &points, &|_| {
        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    });
    assert_eq!(count.into_inner(), 6);
    assert_eq!(
        rows.iter().map(|r| r.index).collect::<Vec<_>>(),
        (0..6).collect::<Vec<_>>()
    );
    assert_eq!(rows[3], s.run_point(&db, &points[3]));
    // Capacity grows with the contact fraction at equal thickness (less film
    // resistance, same charge available): a sanity check of the wiring.
    let cap = |r: &Row| r.outcome.as_ref().unwrap().summary.capacity_mah;
    assert!(
        cap(&rows[4]) >= cap(&rows[0]),
        "{} {}",
        cap(&rows[4]),
        cap(&rows[0])
    );
}

#[test]
fn a_failing_design_is_a_failed_row_not_an_error() {
    let db = MaterialDb::embedded().unwrap();
    // A negative fraction resolves to an error; a zero thickness too.
    let s = sweep(&["cathode.active_fraction=-0.5,0.45"], Plan::Factorial);
    let points = s.points().unwrap();
    let rows = s.run_points(&db, &points, &|_| {});
    let e = rows[0].outcome.as_ref().unwrap_err();
    assert!(
        matches!(e, SweepError::Edit(_) | SweepError::Resolve(_)),
        "{e:?}"
    );
    assert!(e.to_string().contains("active_fraction"), "{e}");
    assert!(rows[1].outcome.is_ok());
    let t = s.table(&rows);
    assert_eq!(
        t.strs("status").unwrap(),
        &[Some("failed".to_string()), Some("ok".to_string())]
    );
    assert_eq!(t.f64s("capacity_mah").unwrap()[0], None);
    assert_eq!(t.f64s("cathode.active_fraction").unwrap()[0], Some(-0.5));
    // The stored text is the message of the cell layer's error, unchanged.
    assert_eq!(t.strs("error").unwrap()[0], Some(e.to_string()));
    assert_eq!(t.strs("error").unwrap()[1], None);
}

#[test]
fn bench_counts_designs_failures_and_mean_steps() {
    let db = MaterialDb::embedded().unwrap();
    let s = sweep(&["cathode.active_fraction=-0.5,0.45"], Plan::Factorial);
    let points = s.points().unwrap();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let count = std::sync::atomic::AtomicUsize::new(0);
    let b = s.bench(&db, &points, &pool, &|| {
        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    });
    assert_eq!((b.designs, b.failed, count.into_inner()), (2, 1, 2));
    // The mean over the designs that ran a discharge: here the one that succeeded.
    let ok = s.run_point(&db, &points[1]).outcome.unwrap();
    assert_eq!(b.mean_steps, ok.summary.n_steps as f64);
    assert!(b.discharge_ms > 0.0 && b.designs_per_s() > 0.0);
}

#[test]
fn without_resistance_the_columns_are_null() {
    let db = MaterialDb::embedded().unwrap();
    let mut s = sweep(&[], Plan::Factorial);
    s.resistance = false;
    let points = s.points().unwrap();
    assert_eq!(points.len(), 1);
    let row = s.run_point(&db, &points[0]);
    let t = s.table(&[row]);
    assert_eq!(t.f64s("r_total_ohm_cm2").unwrap(), &[None]);
    assert!(t.f64s("capacity_mah").unwrap()[0].unwrap() > 0.0);
    assert_eq!(s.column_names()[..3], ["index", "status", "error"]);
}

#[test]
fn definitions_differ_when_the_sweep_does() {
    let a = sweep(&["separator.thickness=20um..200um:10"], Plan::Factorial);
    let b = sweep(&["separator.thickness=20um..200um:10"], Plan::Factorial);
    assert_eq!(a.definition(), b.definition());
    let c = sweep(&["separator.thickness=20um..200um:11"], Plan::Factorial);
    assert_ne!(a.definition(), c.definition());
    let mut d = sweep(&["separator.thickness=20um..200um:10"], Plan::Factorial);
    d.rate = 2.0;
    assert_ne!(a.definition(), d.definition());
    let mut e = sweep(&["separator.thickness=20um..200um:10"], Plan::Factorial);
    e.base.set_text("temperature", "25 degC").unwrap();
    assert_ne!(a.definition(), e.definition());
    // Known FNV-1a test vectors.
    assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
}

#[test]
fn sweep_checks_rate_and_duplicate_paths() {
    let base = Design::from_toml("test.toml", DESIGN).unwrap();
    let v = Variation::parse("separator.thickness=20um").unwrap();
    assert_eq!(
        Sweep::new(base.clone(), vec![], 0.0, Plan::Factorial).unwrap_err(),
        SweepError::Rate { rate: 0.0 }
    );
    let e = Sweep::new(base, vec![v.clone(), v], 1.0, Plan::Factorial).unwrap_err();
    assert_eq!(
        e,
        SweepError::Duplicate {
            path: "separator.thickness".into()
        }
    );
    assert_eq!(
        e.to_string(),
        "sweep field 'separator.thickness' is given twice"
    );
}

#[test]
fn library_messages_name_parameters_not_command_line_flags() {
    let base = Design::from_toml("test.toml", DESIGN).unwrap();
    let range = Variation::parse("separator.thickness=20um..200um").unwrap();
    let list = Variation::parse("separator.thickness=20um,50um").unwrap();
    let lhs = |samples| Plan::LatinHypercube { samples, seed: 0 };
    let errors = [
        Variation::parse("separator.thicknes=20um").unwrap_err(),
        Variation::parse("separator.thickness").unwrap_err(),
        Variation::parse("separator.thickness=20um..200um:").unwrap_err(),
        Variation::parse("cathode.material=NMC811").unwrap_err(),
        Sweep::new(base.clone(), vec![range.clone()], 1.0, Plan::Factorial)
            .unwrap()
            .points()
            .unwrap_err(),
        Sweep::new(base.clone(), vec![list], 1.0, lhs(3))
            .unwrap()
            .points()
            .unwrap_err(),
        Sweep::new(base.clone(), vec![range.clone()], 1.0, lhs(0))
            .unwrap()
            .points()
            .unwrap_err(),
        Sweep::new(base, vec![range], 1.0, lhs(usize::MAX))
            .unwrap()
            .points()
            .unwrap_err(),
    ];
    assert!(
        matches!(errors[4], SweepError::RangeWithoutCount { .. }),
        "{:?}",
        errors[4]
    );
    assert!(
        matches!(errors[5], SweepError::ListInLatinHypercube { .. }),
        "{:?}",
        errors[5]
    );
    assert_eq!(errors[6], SweepError::NoSamples);
    assert_eq!(
        errors[6].to_string(),
        "number of samples: must be at least 1"
    );
    for e in &errors {
        let text = e.to_string();
        assert!(!text.contains("--"), "{text}");
        assert!(
            !matches!(e, SweepError::NoSamples | SweepError::TooManySamples { .. })
                || text.contains("number of samples"),
            "{text}"
        );
    }
    assert!(errors[0]
        .to_string()
        .starts_with("sweep field 'separator.thicknes': "));
}
