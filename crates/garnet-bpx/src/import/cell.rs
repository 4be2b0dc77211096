//! `Cell`, `State`, `Separator` and `Electrolyte`: area and electrode pairs, nominal
//! capacity and cut-offs, the cell temperature and initial state of charge, the
//! separator thickness, and whether the electrolyte is single-ion.

use crate::json::{FloatFunctionTable, Owned};
use crate::keys::ELECTROLYTE;
use crate::BpxError;

/// `Cell`: what garnet takes from it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct CellData {
    /// One electrode's area (m²).
    pub(super) electrode_area: f64,
    /// Electrode pairs in parallel.
    pub(super) pairs: u64,
    /// Nominal capacity (C).
    pub(super) nominal_capacity: f64,
    /// Lower and upper full-cell cut-offs (V).
    pub(super) cutoffs: (f64, f64),
}

/// Read `Cell`.
pub(super) fn cell(cell: &Owned) -> Result<CellData, BpxError> {
    let electrode_area = cell.positive("Electrode area [m2]")?;
    let pairs_key = "Number of electrode pairs connected in parallel to make a cell";
    let pairs_node = cell.get(pairs_key)?;
    let pairs = pairs_node
        .value
        .as_u64()
        .filter(|n| *n >= 1)
        .ok_or(BpxError::Type {
            path: pairs_node.path.clone(),
            expected: "a whole number ≥ 1",
        })?;
    let nominal_capacity = cell.positive("Nominal cell capacity [A.h]")? * 3600.0;
    let v_lo = cell.number("Lower voltage cut-off [V]")?;
    let v_hi = cell.number("Upper voltage cut-off [V]")?;
    Ok(CellData {
        electrode_area,
        pairs,
        nominal_capacity,
        cutoffs: (v_lo, v_hi),
    })
}

/// The cell temperature (K) and the path it came from: `State` (BPX 1.x), else
/// `Cell` (0.x), else the reference temperature.
pub(super) fn temperature(
    thermal: &Option<Owned>,
    init: &Option<Owned>,
    cell: &Owned,
    t_ref: f64,
) -> Result<(f64, String), BpxError> {
    let mut temperature = (t_ref, "Cell.Reference temperature [K]".to_string());
    for (node, key) in [
        (thermal, "Ambient temperature [K]"),
        (init, "Initial temperature [K]"),
        (&Some(cell.clone()), "Ambient temperature [K]"),
        (&Some(cell.clone()), "Initial temperature [K]"),
    ] {
        if let Some(n) = node {
            if let Some(t) = n.opt_number(key)? {
                temperature = (t, format!("{}.{key}", n.path));
            }
        }
    }
    Ok(temperature)
}

/// `State.Initial conditions.Initial state-of-charge`, in [0, 1], if given.
pub(super) fn initial_soc(init: &Option<Owned>) -> Result<Option<f64>, BpxError> {
    let Some(n) = init else { return Ok(None) };
    match n.opt("Initial state-of-charge")? {
        Some(s) => {
            let v = s.as_number()?;
            if !(0.0..=1.0).contains(&v) {
                return Err(BpxError::Value {
                    path: s.path,
                    message: format!("{v} is outside [0, 1]"),
                });
            }
            Ok(Some(v))
        }
        None => Ok(None),
    }
}

/// Separator thickness and the electrolyte garnet can read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Electrolyte {
    /// Separator thickness (m).
    pub(super) separator_thickness: f64,
    /// Cation transference number t₊.
    pub(super) t_plus: f64,
    /// The conductivity when the electrolyte is single-ion (t₊ = 1) and constant.
    pub(super) single_ion_conductivity: Option<f64>,
}

/// Read `Separator.Thickness [m]` and `Parameterisation.Electrolyte`.
pub(super) fn electrolyte(sep: &Owned, par: &Owned) -> Result<Electrolyte, BpxError> {
    let separator_thickness = sep.positive("Thickness [m]")?;
    let electrolyte = par.get(ELECTROLYTE)?;
    let t_plus = electrolyte.number("Cation transference number")?;
    let sigma_node = electrolyte.get("Conductivity [S.m-1]")?;
    let sigma_e = FloatFunctionTable::read(&sigma_node)?;
    let single_ion_conductivity = match (&sigma_e, t_plus == 1.0) {
        (FloatFunctionTable::Number(v), true) if *v > 0.0 => Some(*v),
        _ => None,
    };
    Ok(Electrolyte {
        separator_thickness,
        t_plus,
        single_ion_conductivity,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    fn cell_json() -> serde_json::Value {
        json!({
            "Cell": {
                "Electrode area [m2]": 0.01,
                "Number of electrode pairs connected in parallel to make a cell": 2,
                "Nominal cell capacity [A.h]": 1.5,
                "Lower voltage cut-off [V]": 2.7,
                "Upper voltage cut-off [V]": 4.2,
                "Ambient temperature [K]": 300.0,
            },
            "State": {"Initial conditions": {"Initial state-of-charge": 0.4, "Initial temperature [K]": 310.0}},
            "Separator": {"Thickness [m]": 2e-5},
            "Parameterisation": {"Electrolyte": {"Cation transference number": 1.0, "Conductivity [S.m-1]": 0.05}},
        })
    }

    #[test]
    fn cell_values_in_si() {
        let doc = cell_json();
        let c = cell(&Owned::root(&doc).get("Cell").unwrap()).unwrap();
        assert_eq!(
            c,
            CellData {
                electrode_area: 0.01,
                pairs: 2,
                nominal_capacity: 5400.0,
                cutoffs: (2.7, 4.2),
            }
        );
    }

    #[test]
    fn temperature_state_then_cell_then_reference() {
        let doc = cell_json();
        let root = Owned::root(&doc);
        let cell = root.get("Cell").unwrap();
        let init = root
            .get("State")
            .unwrap()
            .opt("Initial conditions")
            .unwrap();
        // Later sources override earlier ones: Cell (0.x) after State (1.x).
        let (t, from) = temperature(&None, &init, &cell, 298.15).unwrap();
        assert_eq!((t, from.as_str()), (300.0, "Cell.Ambient temperature [K]"));
        let doc = json!({"Cell": {}});
        let cell = Owned::root(&doc).get("Cell").unwrap();
        let (t, from) = temperature(&None, &init, &cell, 298.15).unwrap();
        assert_eq!(
            (t, from.as_str()),
            (310.0, "State.Initial conditions.Initial temperature [K]")
        );
        let (t, from) = temperature(&None, &None, &cell, 308.15).unwrap();
        assert_eq!(
            (t, from.as_str()),
            (308.15, "Cell.Reference temperature [K]")
        );
        assert_eq!(initial_soc(&init).unwrap(), Some(0.4));
        assert_eq!(initial_soc(&None).unwrap(), None);
    }

    #[test]
    fn single_ion_electrolyte_keeps_its_conductivity() {
        let doc = cell_json();
        let root = Owned::root(&doc);
        let e = electrolyte(
            &root.get("Separator").unwrap(),
            &root.get("Parameterisation").unwrap(),
        )
        .unwrap();
        assert_eq!(e.separator_thickness, 2e-5);
        assert_eq!(e.single_ion_conductivity, Some(0.05));
        let mut doc = cell_json();
        doc["Parameterisation"]["Electrolyte"]["Cation transference number"] = json!(0.26);
        let root = Owned::root(&doc);
        let e = electrolyte(
            &root.get("Separator").unwrap(),
            &root.get("Parameterisation").unwrap(),
        )
        .unwrap();
        assert_eq!((e.t_plus, e.single_ion_conductivity), (0.26, None));
    }

    #[test]
    fn bad_cells_name_the_path() {
        let mut doc = cell_json();
        doc["Cell"]["Number of electrode pairs connected in parallel to make a cell"] = json!(0);
        let e = cell(&Owned::root(&doc).get("Cell").unwrap()).unwrap_err();
        assert!(
            e.to_string().starts_with("Cell.Number of electrode pairs"),
            "{e}"
        );
        let mut doc = cell_json();
        doc["State"]["Initial conditions"]["Initial state-of-charge"] = json!(1.2);
        let init = Owned::root(&doc)
            .get("State")
            .unwrap()
            .opt("Initial conditions")
            .unwrap();
        let e = initial_soc(&init).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("State.Initial conditions.Initial state-of-charge"),
            "{e}"
        );
    }
}
