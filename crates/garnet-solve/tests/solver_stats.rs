//! The integrator's work on every reference problem, pinned with `insta` snapshots
//! (`tests/snapshots/`): a change in steps, rejections, Jacobian evaluations (each one
//! factorisation of c_M·M − c_J·J), Newton iterations or right-hand-side evaluations
//! shows up as a diff to review, not as a silent slowdown. After a deliberate solver
//! change, update with `INSTA_UPDATE=always cargo test -p garnet-solve --test
//! solver_stats` (or `cargo insta review`) and commit the `.snap` files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

mod problems;

use garnet_solve::{Bdf, BdfOptions};

#[test]
fn work_on_the_reference_problems() {
    for mut r in problems::all() {
        let out = problems::run(&mut r).unwrap();
        insta::assert_debug_snapshot!(r.name, out.stats);
    }
}

#[test]
fn work_until_the_blow_up_is_detected() {
    let mut p = problems::blow_up();
    let mut bdf = Bdf::new(&mut p, 0.0, &[1.0], BdfOptions::default()).unwrap();
    while bdf.step(&mut p, 2.0).is_ok() {}
    insta::assert_debug_snapshot!("blow_up", bdf.stats);
}
