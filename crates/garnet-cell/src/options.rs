//! The model options behind a result: what, besides the design's numbers, decides
//! what a simulation gives — the model, the cathode structure, the Li|garnet
//! interface model, the mesh and the solver tolerances. Every output of a simulation carries them (with garnet's
//! version, `garnet_io::stamp`), so that results from different settings or releases
//! can be told apart.

use serde::Serialize;

use crate::CellParams;

/// The model options of a resolved design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelOptions {
    /// The model: garnet's single-ion DFN (docs/model.md).
    pub model: &'static str,
    /// The cathode structure (`"composite"` or `"thin-film"`, the design file's spelling).
    pub cathode_structure: &'static str,
    /// The Li|garnet interface (`"ohmic"` or `"kinetic"`, the design file's spelling of
    /// `anode.interface_model`).
    pub anode_interface: &'static str,
    /// Finite volumes per region.
    pub mesh: Mesh,
    /// The time integrator and its tolerances.
    pub solver: Solver,
}

/// Finite volumes per region (the separator has none: it is one series resistance).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Mesh {
    /// Through the cathode.
    pub cathode: usize,
    /// Along a particle's radius (or the thin film's thickness).
    pub particle: usize,
}

/// The time integrator and its tolerances.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Solver {
    /// The method.
    pub method: &'static str,
    /// Relative tolerance.
    pub rtol: f64,
    /// Absolute tolerance.
    pub atol: f64,
}

impl ModelOptions {
    /// The options of a resolved design.
    pub fn of(p: &CellParams) -> Self {
        let (_, cathode, particle) = p.mesh;
        Self {
            model: "single-ion DFN",
            cathode_structure: p.structure().as_str(),
            anode_interface: p.anode_interface_model.as_str(),
            mesh: Mesh { cathode, particle },
            solver: Solver {
                method: "variable-order BDF (garnet-solve)",
                rtol: p.tolerances.0,
                atol: p.tolerances.1,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn options_are_read_from_the_resolved_design() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/table2-lco-linbo3-thin-film.toml"
        ))
        .unwrap();
        let design = crate::Design::from_toml("thin-film", &text).unwrap();
        let db = garnet_materials::MaterialDb::embedded().unwrap();
        let p = design.resolve(&db).unwrap();
        let o = ModelOptions::of(&p);
        // The example says structure = "thin-film" and [mesh] particle = 20.
        assert_eq!(o.cathode_structure, "thin-film");
        // It gives an interface resistance and no exchange current: ohmic.
        assert_eq!(o.anode_interface, "ohmic");
        assert_eq!(o.mesh.particle, 20);
        assert_eq!(o.model, "single-ion DFN");
        assert_eq!((o.mesh.cathode, o.mesh.particle), (p.mesh.1, p.mesh.2));
        assert_eq!((o.solver.rtol, o.solver.atol), p.tolerances);
    }
}
