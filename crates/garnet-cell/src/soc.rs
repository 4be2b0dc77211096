//! The state of charge, validated once for every consumer (the resistance pulse, the
//! impedance spectrum).

use crate::CellError;

/// A state of charge s in [0, 1]: 0 fully discharged (x = x_discharged, the
/// stoichiometry at `voltage_min`), 1 fully charged (x = x_charged, at `voltage_max`).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct StateOfCharge(f64);

impl StateOfCharge {
    /// A state of charge, or [`CellError::StateOfCharge`] when `value` is not in
    /// [0, 1] (or not a number).
    pub fn new(value: f64) -> Result<Self, CellError> {
        if (0.0..=1.0).contains(&value) {
            Ok(Self(value))
        } else {
            Err(CellError::StateOfCharge { value })
        }
    }

    /// The value, 0–1.
    pub fn value(self) -> f64 {
        self.0
    }

    /// The cathode stoichiometry at this state of charge, linear in the window:
    /// x = x_discharged − s·(x_discharged − x_charged).
    pub fn stoichiometry(self, x_charged: f64, x_discharged: f64) -> f64 {
        x_discharged - self.0 * (x_discharged - x_charged)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn accepts_zero_to_one_and_maps_to_the_window() {
        let (x_ch, x_dis) = (0.2, 0.9);
        let x = |s: f64| StateOfCharge::new(s).unwrap().stoichiometry(x_ch, x_dis);
        assert_eq!(x(0.0), 0.9);
        assert!((x(1.0) - 0.2).abs() < 1e-15);
        let half = StateOfCharge::new(0.5).unwrap();
        assert_eq!(half.value(), 0.5);
        assert!((half.stoichiometry(x_ch, x_dis) - 0.55).abs() < 1e-15);
    }

    #[test]
    fn rejects_outside_zero_to_one_naming_the_parameter() {
        for bad in [-0.1, 1.5, f64::NAN] {
            let e = StateOfCharge::new(bad).unwrap_err();
            assert!(matches!(e, CellError::StateOfCharge { .. }));
            let text = e.to_string();
            assert!(text.contains("state of charge"), "{text}");
            assert!(
                !text.contains("--"),
                "no CLI flag in a library error: {text}"
            );
        }
        assert_eq!(
            StateOfCharge::new(1.5).unwrap_err().to_string(),
            "state of charge 1.5: expected a value between 0 and 1"
        );
    }
}
