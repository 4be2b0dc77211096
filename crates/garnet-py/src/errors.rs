//! The Python exceptions and the mapping of each crate's error onto one of them.
//!
//! Messages are the library errors' `Display` text, the same words the CLI prints after
//! `error:` (the CLI's flag names, e.g. `--rate`, become the Python argument names).

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    _garnet,
    GarnetError,
    PyException,
    "Base class of every error garnet raises."
);
create_exception!(
    _garnet,
    DesignError,
    GarnetError,
    "A design that does not parse, or a field with a bad value or unit."
);
create_exception!(
    _garnet,
    UnitError,
    GarnetError,
    "A quantity with a bad number, unit or dimension (the message names the argument)."
);
create_exception!(
    _garnet,
    ProtocolError,
    GarnetError,
    "A protocol step that does not parse."
);
create_exception!(
    _garnet,
    SimulationError,
    GarnetError,
    "The solver failed during a simulation."
);
create_exception!(
    _garnet,
    MaterialError,
    GarnetError,
    "An unknown material, or a materials file that does not load."
);
create_exception!(
    _garnet,
    FitError,
    GarnetError,
    "An impedance fit that cannot be set up or fails (bad circuit, data or option)."
);
create_exception!(
    _garnet,
    InterfaceError,
    GarnetError,
    "An interface-chemistry check that cannot be done."
);
create_exception!(
    _garnet,
    SweepError,
    GarnetError,
    "A sweep plan or shard that cannot be built or written."
);

/// Add the exception classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("GarnetError", py.get_type::<GarnetError>())?;
    m.add("DesignError", py.get_type::<DesignError>())?;
    m.add("UnitError", py.get_type::<UnitError>())?;
    m.add("ProtocolError", py.get_type::<ProtocolError>())?;
    m.add("SimulationError", py.get_type::<SimulationError>())?;
    m.add("MaterialError", py.get_type::<MaterialError>())?;
    m.add("FitError", py.get_type::<FitError>())?;
    m.add("InterfaceError", py.get_type::<InterfaceError>())?;
    m.add("SweepError", py.get_type::<SweepError>())?;
    Ok(())
}

/// A cell-layer error as the matching Python exception.
pub fn cell(e: garnet_cell::CellError) -> PyErr {
    use garnet_cell::CellError as E;
    match e {
        E::Parse { .. } | E::Field { .. } => DesignError::new_err(e.to_string()),
        E::Protocol { .. } => ProtocolError::new_err(e.to_string()),
        E::Solver { .. } => SimulationError::new_err(e.to_string()),
        #[allow(unreachable_patterns)]
        _ => GarnetError::new_err(e.to_string()),
    }
}

/// A materials error.
pub fn materials(e: garnet_materials::MaterialsError) -> PyErr {
    MaterialError::new_err(e.to_string())
}

/// A unit error (its message names the argument).
pub fn unit(e: garnet_units::UnitError) -> PyErr {
    UnitError::new_err(e.to_string())
}

/// An impedance error.
pub fn eis(e: garnet_eis::EisError) -> PyErr {
    FitError::new_err(e.to_string())
}

/// An interface-chemistry error; unknown materials are material errors, as the CLI's
/// usage errors are.
pub fn interface(e: garnet_interface::InterfaceError) -> PyErr {
    match e {
        garnet_interface::InterfaceError::Materials(m) => materials(m),
        other => InterfaceError::new_err(other.to_string()),
    }
}

/// A serialisation failure (should not happen: every result serialises).
pub fn json(e: serde_json::Error) -> PyErr {
    GarnetError::new_err(format!("serialising the result: {e}"))
}
