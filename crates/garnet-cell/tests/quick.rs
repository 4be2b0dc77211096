#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use garnet_cell::*;
#[test]
#[ignore]
fn quick() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/pybamm-xu2019-halfcell.toml"
    ))
    .unwrap();
    let d = parse_design("x", &text).unwrap();
    let db = garnet_materials::MaterialDb::embedded().unwrap();
    let p = resolve("x", &d, &db).unwrap();
    println!("{p:?}");
    let mut sim = Simulator::new(p.clone());
    let mut y = sim.initial_state();
    let mut times = vec![];
    let mut run = None;
    for _ in 0..20 {
        let mut y2 = sim.initial_state();
        let t0 = std::time::Instant::now();
        run = Some(sim.run(&Protocol::discharge(1.0), &mut y2).unwrap());
        times.push(t0.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let run = run.unwrap();
    let _ = &mut y;
    println!(
        "median ms {:.3} min {:.3} stats {:?}",
        times[10], times[0], run.stats
    );
    for s in run.samples.iter().step_by(10) {
        println!(
            "{:.2} {:.6} {:.6}",
            s.time, s.breakdown.voltage, s.capacity_mah
        );
    }
    let l = run.samples.last().unwrap();
    println!(
        "end {:.4} {:.6} {:.6}",
        l.time, l.breakdown.voltage, l.capacity_mah
    );
}
