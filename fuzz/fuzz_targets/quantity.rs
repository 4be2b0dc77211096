//! Fuzz the unit and range parsers: they must return Ok or Err, never panic.
#![no_main]
use garnet_units::{parse_values, Dimension, Quantity, Unit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Unit::parse(text);
        if let Ok(q) = Quantity::parse(text) {
            let _ = q.to_string();
        }
        let _ = Quantity::parse_as("f", text, Dimension::C_RATE);
        let _ = parse_values("f", text, Dimension::TEMPERATURE);
    }
});
