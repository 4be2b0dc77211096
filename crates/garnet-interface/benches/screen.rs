//! Timings of issue 8's speed criterion: a full interlayer screening for one
//! cathode–garnet pair ("well under a second") and one interface reaction.
//!
//! `cargo bench -p garnet-interface --bench screen`. Each iteration includes the parse
//! of the embedded materials database and formation-energy table, as a CLI call
//! would; the tests never assert wall-clock times.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use garnet_chem::Formula;
use garnet_interface::check::pd_for;
use garnet_interface::reaction::{react, Reactant};
use garnet_interface::screen::{screen, ScreenSpec, DEFAULT_ELEMENTS};
use garnet_interface::ThermoData;
use garnet_materials::MaterialDb;

fn spec(cathode: &str, electrolyte: &str) -> ScreenSpec {
    ScreenSpec {
        cathode: cathode.into(),
        electrolyte: electrolyte.into(),
        cosinter_c: 700.0,
        thickness_m: 10e-9,
        elements: DEFAULT_ELEMENTS.iter().map(|s| s.to_string()).collect(),
    }
}

fn bench_screen(c: &mut Criterion) {
    let mut g = c.benchmark_group("screen interlayers");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    for (cathode, electrolyte) in [("LiCoO2", "LLZO"), ("NMC811", "LLZTO")] {
        g.bench_function(format!("{cathode} | {electrolyte}"), |b| {
            b.iter(|| {
                let db = MaterialDb::embedded().unwrap();
                let data = ThermoData::embedded().unwrap();
                black_box(screen(&db, &data, &spec(cathode, electrolyte)).unwrap())
            })
        });
    }
    g.finish();
}

fn bench_react(c: &mut Criterion) {
    let (a, b) = (
        Formula::parse("Li7La3Zr2O12").unwrap(),
        Formula::parse("LiCoO2").unwrap(),
    );
    let run = |data: &ThermoData| {
        let pd = pd_for(data, &[&a, &b]).unwrap();
        let ra = Reactant::new(&pd, "LLZO", &a).unwrap();
        let rb = Reactant::new(&pd, "LiCoO2", &b).unwrap();
        react(&pd, &ra, &rb).unwrap()
    };
    // Cold: a fresh table, so the phase diagram decides every entry's stability (the
    // `garnet interface react` case). Warm: the table's stability cache is filled, so
    // this times the reaction itself.
    c.bench_function(
        "react LLZO | LiCoO2, cold (parse + diagram + reaction)",
        |bench| bench.iter(|| black_box(run(&ThermoData::embedded().unwrap()))),
    );
    let data = ThermoData::embedded().unwrap();
    c.bench_function("react LLZO | LiCoO2, warm (reaction)", |bench| {
        bench.iter(|| black_box(run(&data)))
    });
    c.bench_function("parse embedded materials + thermo data", |bench| {
        bench.iter(|| {
            black_box((
                MaterialDb::embedded().unwrap(),
                ThermoData::embedded().unwrap(),
            ))
        })
    });
}

criterion_group!(benches, bench_screen, bench_react);
criterion_main!(benches);
