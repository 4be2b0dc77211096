//! Fuzz the formula parser: it must return Ok or Err, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(f) = garnet_chem::Formula::parse(text) {
            let _ = f.molar_mass_g_per_mol();
            let _ = garnet_chem::charge_balance(&f);
            let _ = garnet_chem::analyse_garnet(&f);
        }
    }
});
