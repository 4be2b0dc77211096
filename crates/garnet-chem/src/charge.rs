//! Charge balance with common oxidation states.
//!
//! Each element may take any average oxidation state between the lowest and highest
//! of its common states (see [`crate::elements`]). A formula is balanced when some
//! such assignment gives zero net charge; otherwise the net charge reported is the
//! smallest one reachable (signed). Several published garnet formulas are slightly off
//! balance (e.g. Li6.73La3Zr1.75Nb0.25O12 is −0.02 per formula unit): garnet reports
//! that as a warning and never changes the formula.

use serde::Serialize;

use crate::Formula;

/// Net charge below this magnitude (per formula unit) counts as balanced: formulas
/// are printed with two decimals, so smaller residues are rounding.
pub const BALANCE_TOLERANCE: f64 = 1e-6;

/// Result of the charge-balance check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChargeBalance {
    /// True when some assignment of common oxidation states gives zero net charge.
    pub balanced: bool,
    /// The smallest net charge per formula unit reachable (0 when balanced).
    pub net_charge: f64,
    /// Net charge with every element in its usual (first-listed) oxidation state.
    pub nominal_net_charge: f64,
    /// Elements whose oxidation state can vary within their common states.
    pub variable_elements: Vec<String>,
    /// Elements with no common oxidation state (noble gases); they count as 0.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub elements_without_states: Vec<String>,
}

impl ChargeBalance {
    /// A human-readable warning if unbalanced.
    pub fn warning(&self, formula: &str) -> Option<String> {
        (!self.balanced).then(|| {
            format!(
                "{formula} is not charge balanced with common oxidation states: net charge {:+.3} per formula unit",
                self.net_charge
            )
        })
    }
}

/// Check the charge balance of a formula.
///
/// Net charge q = Σᵢ nᵢ·zᵢ with zᵢ ∈ [min zᵢ, max zᵢ] over the common states of each
/// element; balanced iff 0 ∈ [Σ nᵢ min zᵢ, Σ nᵢ max zᵢ].
pub fn charge_balance(formula: &Formula) -> ChargeBalance {
    let mut low = 0.0;
    let mut high = 0.0;
    let mut nominal = 0.0;
    let mut variable = Vec::new();
    let mut without = Vec::new();
    for (el, n) in formula.amounts() {
        let states = el.oxidation_states;
        let (Some(&first), Some(&min), Some(&max)) =
            (states.first(), states.iter().min(), states.iter().max())
        else {
            without.push(el.symbol.to_string());
            continue;
        };
        low += n * f64::from(min);
        high += n * f64::from(max);
        nominal += n * f64::from(first);
        if min != max {
            variable.push(el.symbol.to_string());
        }
    }
    let net = if low > BALANCE_TOLERANCE {
        low
    } else if high < -BALANCE_TOLERANCE {
        high
    } else {
        0.0
    };
    ChargeBalance {
        balanced: net == 0.0,
        net_charge: net,
        nominal_net_charge: nominal,
        variable_elements: variable,
        elements_without_states: without,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cb(f: &str) -> ChargeBalance {
        charge_balance(&Formula::parse(f).unwrap())
    }

    #[test]
    fn balanced_compounds() {
        for f in [
            "Li7La3Zr2O12",
            "Li6.4La3Zr1.4Ta0.6O12",
            "Li6.25Al0.25La3Zr2O12",
            "Li7La2.75Ca0.25Zr1.75Nb0.25O12",
            "LiNi0.8Mn0.1Co0.1O2",
            "Li2.3C0.7B0.3O3",
            "Ca3(PO4)2",
            "LiCoO2",
            "LiFePO4",
        ] {
            assert!(cb(f).balanced, "{f}: {:?}", cb(f));
        }
    }

    #[test]
    fn slightly_off_garnets_report_net_charge() {
        // 6.73 + 9 + 7 + 1.25 − 24 = −0.02
        let c = cb("Li6.73La3Zr1.75Nb0.25O12");
        assert!(!c.balanced);
        assert!((c.net_charge + 0.02).abs() < 1e-9, "{c:?}");
        // 6.28 + 0.72 + 9 + 8 − 24 = 0.00 → balanced
        assert!(cb("Li6.28La3Zr2Al0.24O12").balanced);
        // 6.06 + 0.6 + 9 + 8 − 24 = −0.34
        let c = cb("Li6.06Al0.20La3Zr2O12");
        assert!((c.net_charge + 0.34).abs() < 1e-9, "{c:?}");
        assert!(c.warning("x").unwrap().contains("-0.340"));
    }
}
