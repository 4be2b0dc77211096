//! Python bindings of garnet: the native module `garnet._garnet`.
//!
//! Each `#[pyfunction]` converts its arguments, calls the library crates (the same
//! calls as the `garnet` CLI) with the GIL released, and maps every error to one
//! Python exception class ([`errors`]). The Python package (`python/garnet`) wraps these
//! functions into `garnet.simulate`, `garnet.report`, `garnet.Design`, `garnet.eis`,
//! `garnet.materials`, `garnet.interface`, `garnet.sweep` and `garnet.dask`; see
//! `docs/python.md`.

use pyo3::prelude::*;

mod convert;
mod design;
mod eis;
mod errors;
mod interface;
mod materials;
mod report;
mod simulate;
mod sweep;

/// The native module.
#[pymodule]
fn _garnet(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    m.add_class::<design::PyDesign>()?;
    m.add("ETA_COLUMNS", garnet_cell::Breakdown::COLUMNS.to_vec())?;
    m.add_function(wrap_pyfunction!(simulate::simulate, m)?)?;
    m.add_function(wrap_pyfunction!(report::report, m)?)?;
    m.add_function(wrap_pyfunction!(materials::materials_get, m)?)?;
    m.add_function(wrap_pyfunction!(materials::materials_names, m)?)?;
    m.add_function(wrap_pyfunction!(interface::interface_check, m)?)?;
    m.add_function(wrap_pyfunction!(interface::interface_react, m)?)?;
    m.add_function(wrap_pyfunction!(interface::interface_screen, m)?)?;
    m.add_function(wrap_pyfunction!(eis::eis_fit, m)?)?;
    m.add_function(wrap_pyfunction!(eis::eis_impedance, m)?)?;
    m.add_function(wrap_pyfunction!(eis::eis_parameter_names, m)?)?;
    m.add_function(wrap_pyfunction!(sweep::sweep_plan, m)?)?;
    m.add_function(wrap_pyfunction!(sweep::sweep_run, m)?)?;
    m.add_function(wrap_pyfunction!(sweep::sweep_run_resumable, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
