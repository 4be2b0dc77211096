//! What a simulation writes as text: the time series of a run
//! (`timeseries.csv`, [`timeseries_csv`]) and a simulated impedance spectrum
//! ([`impedance_csv`]), with the frequency grid of a spectrum
//! ([`log_frequencies`]). Text only; writing the files is the caller's (garnet-io).

use crate::{ImpedancePoint, Run};

/// The time series of a run as CSV: time, voltage, current, capacity, state of charge,
/// open-circuit voltage, each term of the voltage breakdown
/// ([`crate::Breakdown::COLUMNS`]) and the protocol step, one row per sample.
pub fn timeseries_csv(run: &Run) -> String {
    let mut out = String::from("time_s,voltage_v,current_a,capacity_mah,soc,ocv_v");
    for c in crate::Breakdown::COLUMNS {
        out.push(',');
        out.push_str(c);
    }
    out.push_str(",step\n");
    for s in &run.samples {
        let b = &s.breakdown;
        out.push_str(&format!(
            "{:.9e},{:.12},{:.9e},{:.9e},{:.9},{:.12}",
            s.time, b.voltage, s.current, s.capacity_mah, s.soc, b.ocv
        ));
        for v in b.terms() {
            out.push_str(&format!(",{v:.9e}"));
        }
        out.push_str(&format!(",{}\n", s.step));
    }
    out
}

/// A simulated spectrum as CSV: frequency, Z of the cell (Ω) and per electrode area
/// (Ω cm²), real and imaginary parts.
pub fn impedance_csv(points: &[ImpedancePoint]) -> String {
    let mut text =
        String::from("frequency_hz,z_real_ohm,z_imag_ohm,z_real_ohm_cm2,z_imag_ohm_cm2\n");
    for p in points {
        text.push_str(&format!(
            "{:.9e},{:.9e},{:.9e},{:.9e},{:.9e}\n",
            p.frequency_hz, p.z_real_ohm, p.z_imag_ohm, p.z_real_ohm_cm2, p.z_imag_ohm_cm2
        ));
    }
    text
}

/// Log-spaced frequencies from `fmax` down to `fmin` (Hz), as instruments sweep, with
/// at least `per_decade` points per decade and both ends included; for
/// 0 < `fmin` < `fmax` and `per_decade` ≥ 1 (otherwise the grid is degenerate).
pub fn log_frequencies(fmin: f64, fmax: f64, per_decade: usize) -> Vec<f64> {
    let decades = (fmax / fmin).log10();
    let n = ((decades * per_decade as f64).ceil() as usize).max(1) + 1;
    (0..n)
        .map(|k| fmax * (fmin / fmax).powf(k as f64 / (n - 1) as f64))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_runs_high_to_low_with_both_ends() {
        let f = log_frequencies(1.0, 1e3, 2);
        assert_eq!(f.len(), 7);
        assert_eq!((f[0], f[6]), (1e3, 1.0));
        assert!(f.windows(2).all(|w| w[0] > w[1]));
    }

    #[test]
    fn the_impedance_csv_has_a_header_and_one_row_per_point() {
        let p = ImpedancePoint {
            frequency_hz: 1.0,
            z_real_ohm_cm2: 2.0,
            z_imag_ohm_cm2: -3.0,
            z_real_ohm: 4.0,
            z_imag_ohm: -5.0,
        };
        let text = impedance_csv(&[p]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[1],
            "1.000000000e0,4.000000000e0,-5.000000000e0,2.000000000e0,-3.000000000e0"
        );
    }
}
