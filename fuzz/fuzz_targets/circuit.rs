//! Fuzz the circuit parser: it must return Ok or Err, never panic; what parses must
//! round-trip through `Display`, and its impedance must be computable (finite or NaN,
//! never a panic) with and without the gradient.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(c) = garnet_eis::Circuit::parse(text) else {
        return;
    };
    let written = c.to_string();
    let back = garnet_eis::Circuit::parse(&written);
    assert_eq!(back.as_ref().ok(), Some(&c), "{text:?} → {written:?}");
    let n = c.n_params();
    if n > 64 {
        return;
    }
    let p: Vec<f64> = c
        .parameter_specs()
        .iter()
        .map(|s| if s.bound == garnet_eis::Bound::Exponent { 0.8 } else { 1.0 })
        .collect();
    let mut grad = vec![num_complex::Complex64::new(0.0, 0.0); n];
    for w in [1e-3, 1.0, 1e6] {
        let _ = c.impedance(&p, w);
        let _ = c.impedance_and_gradient(&p, w, &mut grad);
    }
});
