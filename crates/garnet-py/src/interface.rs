//! `garnet.interface.check | react | screen`: `garnet interface check | react` and
//! `garnet screen interlayers`, through the same library entry points
//! (`garnet_interface::pipeline`); only the arguments are converted here.

use std::path::PathBuf;

use garnet_interface::check::StackSpec;
use garnet_interface::pipeline::{check_stack, react_phases, screen_interlayers};
use garnet_interface::screen::ScreenSpec;
use garnet_interface::{EnergySource, InterfaceError};
use garnet_units::{constants::ZERO_CELSIUS, Dimension, Quantity};
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::convert::to_py_stamped;
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
    let options = Some(garnet_interface::pipeline::model_options(source));
    to_py_stamped(
        py,
        &result.map_err(errors::interface)?,
        "garnet.interface.check",
        options,
    )
}

fn energy_source_of(name: &str) -> PyResult<EnergySource> {
    name.parse()
        .map_err(|e: InterfaceError| errors::InterfaceError::new_err(format!("energy_source: {e}")))
}

/// `garnet.interface.react(phase_a, phase_b, ...)`: the most negative reaction energy
/// between two phases, as `garnet interface react A B --json` prints it (the same
/// library function, `garnet_interface::pipeline::react_phases`).
///
/// `li_potential`: open to Li at this voltage vs Li/Li⁺ (`"3 V"` or a number in V).
#[pyfunction]
#[pyo3(signature = (phase_a, phase_b, li_potential=None, energy_source="mp", materials=None))]
pub fn interface_react<'py>(
    py: Python<'py>,
    phase_a: String,
    phase_b: String,
    li_potential: Option<Bound<'py, PyAny>>,
    energy_source: &str,
    materials: Option<PathBuf>,
) -> PyResult<Bound<'py, PyAny>> {
    let voltage = li_potential
        .map(|v| quantity("li_potential", &v, Dimension::VOLTAGE, "V"))
        .transpose()?;
    let source = energy_source_of(energy_source)?;
    let db = load_db(materials.as_ref())?;
    let result = py.detach(|| react_phases(&db, source, &phase_a, &phase_b, voltage));
    let options = Some(garnet_interface::pipeline::model_options(source));
    to_py_stamped(
        py,
        &result.map_err(errors::interface)?,
        "garnet.interface.react",
        options,
    )
}

/// `garnet.interface.screen(cathode, electrolyte, ...)`: interlayer candidates ranked on
/// the seven properties of §5.2.3, as `garnet screen interlayers --json` prints it (the
/// `top` best; the same library function, `garnet_interface::pipeline::screen_interlayers`).
///
/// `cosinter`: `"700 degC"` or a number in °C; `thickness`: `"10 nm"` or a number in nm;
/// `elements`: the elements allowed in candidates from the formation-energy data.
#[pyfunction]
#[pyo3(signature = (cathode, electrolyte, cosinter=None, thickness=None, elements=None, top=20,
    materials=None))]
#[allow(clippy::too_many_arguments)]
pub fn interface_screen<'py>(
    py: Python<'py>,
    cathode: String,
    electrolyte: String,
    cosinter: Option<Bound<'py, PyAny>>,
    thickness: Option<Bound<'py, PyAny>>,
    elements: Option<Vec<String>>,
    top: usize,
    materials: Option<PathBuf>,
) -> PyResult<Bound<'py, PyAny>> {
    // The CLI's defaults, parsed as it parses them (so the numbers are identical).
    let cosinter = cosinter.unwrap_or_else(|| PyString::new(py, "700degC").into_any());
    let thickness = thickness.unwrap_or_else(|| PyString::new(py, "10nm").into_any());
    let cosinter_c =
        quantity("cosinter", &cosinter, Dimension::TEMPERATURE, "degC")? - ZERO_CELSIUS;
    let thickness_m = quantity("thickness", &thickness, Dimension::LENGTH, "nm")?;
    let db = load_db(materials.as_ref())?;
    let spec = ScreenSpec::new(&cathode, &electrolyte, cosinter_c, thickness_m, elements);
    let mut result = py
        .detach(|| screen_interlayers(&db, &spec))
        .map_err(errors::interface)?;
    result.candidates.truncate(top.max(1));
    to_py_stamped(
        py,
        &result,
        "garnet.interface.screen",
        Some(spec.model_options()),
    )
}
