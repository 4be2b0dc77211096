//! `garnet.interface.check`: the stack-compatibility check of `garnet interface check`,
//! through the same library entry point (`garnet_interface::pipeline::check_stack`).

use std::path::PathBuf;

use garnet_interface::check::StackSpec;
use garnet_interface::pipeline::check_stack;
use garnet_interface::{EnergySource, InterfaceError};
use garnet_units::{constants::ZERO_CELSIUS, Dimension, Quantity};
use pyo3::prelude::*;

use crate::convert::to_py;
use crate::errors;
use crate::materials::load_db;

/// A quantity argument given as text with a unit (`"700 degC"`) or as a number in `unit`.
fn quantity(arg: &str, value: &Bound<'_, PyAny>, dim: Dimension, unit: &str) -> PyResult<f64> {
    let text = match value.extract::<f64>() {
        Ok(v) => format!("{v} {unit}"),
        Err(_) => value.extract::<String>().map_err(|_| {
            errors::UnitError::new_err(format!(
                "{arg}: expected a number in {unit} or a quantity with a unit"
            ))
        })?,
    };
    Ok(Quantity::parse_as(arg, &text, dim)
        .map_err(errors::unit)?
        .value)
}

/// `garnet.interface.check(cathode, electrolyte, ...)`: the stack checked pair by pair
/// (reaction energies and products, reported secondary phases, stability windows,
/// verdicts), as `garnet interface check --json` prints it.
///
/// `cosinter` is a temperature (`"700degC"`, or a number in °C), `voltage` the upper
/// operating voltage (`"4.2 V"` or a number in V); `energy_source` one of `mp`,
/// `experimental`, `crc`.
#[pyfunction]
#[pyo3(signature = (cathode, electrolyte, interlayer=None, anode=None, cosinter=None,
    voltage=None, energy_source="mp", materials=None))]
#[allow(clippy::too_many_arguments)]
pub fn interface_check<'py>(
    py: Python<'py>,
    cathode: String,
    electrolyte: String,
    interlayer: Option<String>,
    anode: Option<String>,
    cosinter: Option<Bound<'py, PyAny>>,
    voltage: Option<Bound<'py, PyAny>>,
    energy_source: &str,
    materials: Option<PathBuf>,
) -> PyResult<Bound<'py, PyAny>> {
    let cosinter_c = cosinter
        .map(|t| quantity("cosinter", &t, Dimension::TEMPERATURE, "degC").map(|k| k - ZERO_CELSIUS))
        .transpose()?;
    let voltage_v = voltage
        .map(|v| quantity("voltage", &v, Dimension::VOLTAGE, "V"))
        .transpose()?;
    let source: EnergySource = energy_source.parse().map_err(|e: InterfaceError| {
        errors::InterfaceError::new_err(format!("energy_source: {e}"))
    })?;
    let db = load_db(materials.as_ref())?;
    let spec = StackSpec {
        cathode,
        electrolyte,
        interlayer,
        anode,
        cosinter_c,
        voltage_v,
    };
    // The function `garnet interface check` calls.
    let result = py.detach(|| check_stack(&db, source, &spec));
    to_py(py, &result.map_err(errors::interface)?)
}
