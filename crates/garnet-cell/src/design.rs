//! Cell design files (TOML with units) and their resolution into SI model parameters.
//!
//! The schema, with dotted field paths that sweeps and the Python API reuse, is
//! documented in `docs/design.md`. Resolution order for every parameter: a value in
//! the design file, else the materials knowledge base (with its provenance), else an
//! error naming the field. The resolvers, one per layer, are in `resolve/`
//! (separator, cathode, OCV window, films, anode, temperature scaling, cell).

use garnet_cite::Provenance;
use garnet_materials::ocv::OcvCurve;

use crate::schema::Structure;

pub use crate::resolve::resolve;

/// Resolved model parameters, all SI, with the provenance of each.
#[derive(Debug, Clone, PartialEq)]
pub struct CellParams {
    /// Design name.
    pub name: String,
    /// Electrode area (m²).
    pub area: f64,
    /// Temperature (K).
    pub temperature: f64,
    /// Separator thickness (m).
    pub l_sep: f64,
    /// Separator ionic conductivity (S/m).
    pub sigma_sep: f64,
    /// Cathode thickness (m).
    pub l_cat: f64,
    /// Active-material volume fraction.
    pub eps_active: f64,
    /// Garnet volume fraction in the cathode.
    pub eps_electrolyte: f64,
    /// Effective ionic conductivity of the composite (S/m).
    pub sigma_e_eff: f64,
    /// Effective electronic conductivity of the composite (S/m).
    pub sigma_s_eff: f64,
    /// Particle radius (m).
    pub radius: f64,
    /// Maximum Li concentration (mol/m³).
    pub c_max: f64,
    /// Solid diffusivity at the cell temperature (m²/s).
    pub diffusivity: f64,
    /// Exchange-current density at x = 0.5 and the cell temperature (A/m²).
    pub j0_cathode: f64,
    /// Activation energy of the solid diffusivity (J per particle; 0: none).
    pub ea_diffusivity: f64,
    /// Activation energy of the cathode exchange-current density (J per particle).
    pub ea_kinetic: f64,
    /// Cathode double-layer capacitance (F/m² of particle surface).
    pub c_dl_cathode: f64,
    /// OCV curve.
    pub ocv: OcvCurve,
    /// Li|garnet exchange-current density (A/m²).
    pub j0_anode: f64,
    /// Li|garnet double-layer capacitance (F/m²).
    pub c_dl_anode: f64,
    /// Lower cut-off (V).
    pub v_min: f64,
    /// Upper cut-off (V).
    pub v_max: f64,
    /// Capacity that defines 1C (C).
    pub nominal_capacity: f64,
    /// Initial stoichiometry.
    pub x_init: f64,
    /// Stoichiometry at `v_max` (fully charged).
    pub x_charged: f64,
    /// Stoichiometry at `v_min` (fully discharged).
    pub x_discharged: f64,
    /// Active mass (kg).
    pub active_mass: f64,
    /// Mesh: separator, cathode, particle.
    pub mesh: (usize, usize, usize),
    /// Theoretical specific capacity of the cathode from its formula (C/kg), if known.
    pub theoretical_capacity: Option<f64>,
    /// Thin-film cathode (planar diffusion, one interface) instead of a composite.
    pub thin_film: bool,
    /// Share of the active surface in contact with the garnet.
    pub contact_fraction: f64,
    /// Resistance of the films in series with the cathode kinetics, per contact area
    /// (Ω m²): artificial CEI t/σ plus cathode-side Li₂CO₃ t/σ.
    pub film_resistance: f64,
    /// The artificial-CEI part of `film_resistance` (Ω m²).
    pub interlayer_resistance: f64,
    /// Series resistance at the Li|garnet interface per electrode area (Ω m²):
    /// reported or given interface resistance plus anode-side Li₂CO₃.
    pub anode_resistance: f64,
    /// Warnings raised while resolving (e.g. a conductivity without activation energy).
    pub warnings: Vec<String>,
    /// Solver tolerances (rtol, atol).
    pub tolerances: (f64, f64),
    /// Provenance of each parameter, by dotted field path.
    pub provenance: Vec<(String, Provenance)>,
    /// (stoichiometry, σ_s,eff) points (S/m) of a state-of-charge-dependent effective
    /// electronic conductivity, increasing in x: ln σ_s,eff is interpolated linearly in
    /// the local particle's mean stoichiometry. Empty: σ_s,eff is the constant
    /// `sigma_s_eff`.
    pub sigma_s_eff_table: Vec<(f64, f64)>,
    /// Conductive carbon/binder volume fraction of the cathode (part of the electronic
    /// path with the active material).
    pub carbon_fraction: f64,
}

impl CellParams {
    /// Specific interfacial area of the particles a = 3ε/R (1/m).
    ///
    /// For a thin film (one planar reacting face per film thickness L): a = ε/L.
    pub fn specific_area(&self) -> f64 {
        if self.thin_film {
            self.eps_active / self.radius
        } else {
            3.0 * self.eps_active / self.radius
        }
    }

    /// The cathode's structure ([`CellParams::thin_film`] as the schema's option).
    pub fn structure(&self) -> Structure {
        if self.thin_film {
            Structure::ThinFilm
        } else {
            Structure::Composite
        }
    }

    /// Current density (A/m²) of a C-rate.
    pub fn c_rate_to_current_density(&self, c_rate: f64) -> f64 {
        c_rate * self.nominal_capacity / 3600.0 / self.area
    }

    /// Li capacity of the cathode between the charged and discharged stoichiometries (C).
    pub fn stoichiometric_capacity(&self) -> f64 {
        garnet_units::constants::FARADAY
            * self.c_max
            * self.eps_active
            * self.l_cat
            * self.area
            * (self.x_discharged - self.x_charged)
    }
}
