//! Cell design files (TOML with units) and their resolution into SI model parameters.
//!
//! The schema, with dotted field paths that sweeps and the Python API reuse, is
//! documented in `docs/design.md`. Resolution order for every parameter: a value in
//! the design file, else the materials knowledge base (with its provenance), else an
//! error naming the field. The resolvers, one per layer, are in `resolve/`
//! (separator, cathode, OCV window, films, anode, temperature scaling, cell).

use garnet_cite::Provenance;
use garnet_materials::ocv::OcvCurve;

use crate::schema::{InterfaceModel, Structure};

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
    /// Share of the active material connected to both the ionic and the electronic
    /// network, which alone reacts (1: all of it); `eps_active` and `active_mass` stay
    /// the full active material ([`crate::percolation`]).
    pub connected_fraction: f64,
    /// Constriction resistance of the partial contact on the garnet side per contact
    /// area (Ω m²), in series with the cathode kinetics like `film_resistance`
    /// ([`crate::contact`]).
    pub constriction_resistance: f64,
    /// Radius of the contact spots used for the constriction (m).
    pub contact_spot_radius: f64,
    /// The particle side of the constriction as a factor (≤ 1; 1 for a full contact)
    /// on the solid diffusivity: the model's particles diffuse with
    /// `diffusivity × contact_diffusion_factor` ([`crate::contact::diffusion_factor`]).
    pub contact_diffusion_factor: f64,
    /// Warnings raised while resolving (e.g. a conductivity without activation energy).
    pub warnings: Vec<String>,
    /// Solver tolerances (rtol, atol).
    pub tolerances: (f64, f64),
    /// Provenance of each parameter, by dotted field path.
    pub provenance: Vec<(String, Provenance)>,
    /// The layers the cell current crosses in series whose resistances are already
    /// counted in the model's series resistances (`l_sep/sigma_sep`,
    /// `anode_resistance`), each with its dielectric capacitance; the time-domain model
    /// treats them as resistors, [`crate::simulate_impedance`] as R ∥ C.
    pub series_layers: Vec<SeriesLayer>,
    /// Li₂CO₃ on the separator's cathode face (`separator.carbonate_cathode_location =
    /// "separator-face"`), a series resistance t/σ(T) per electrode area (Ω m²); 0
    /// without one (and for a thin film, whose one interface carries it in
    /// `film_resistance`).
    pub cathode_face_resistance: f64,
    /// How the Li|garnet interface conducts: ohmic (j = Δφ_a/R_a) or kinetic
    /// (Butler–Volmer with `j0_anode`).
    pub anode_interface_model: InterfaceModel,
    /// Ohmic Li|garnet interface resistance R_a at the cell temperature (Ω m²); with
    /// the ohmic model `j0_anode` is its small-signal equivalent RT/(F·R_a).
    pub anode_interface_resistance: f64,
    /// Activation energy of the Li|garnet interface (J per particle): R_a and j₀,a at
    /// the cell temperature follow it from 25 °C.
    pub ea_anode_interface: f64,
    /// (stoichiometry, σ_s,eff) points (S/m) of a state-of-charge-dependent effective
    /// electronic conductivity, increasing in x: ln σ_s,eff is interpolated linearly in
    /// the local particle's mean stoichiometry. Empty: σ_s,eff is the constant
    /// `sigma_s_eff`.
    pub sigma_s_eff_table: Vec<(f64, f64)>,
    /// Conductive carbon/binder volume fraction of the cathode (part of the electronic
    /// path with the active material).
    pub carbon_fraction: f64,
}

/// One layer in series with the cell: a resistance R (Ω m² of electrode) in parallel
/// with its capacitance C (F/m²), an arc of apex frequency 1/(2πRC) in the spectrum.
///
/// To add a layer (e.g. a separator-face Li₂CO₃ or an ohmic Li|garnet interface), add
/// a [`SeriesLayerKind`] and push the layer in `resolve` wherever its resistance is
/// added to one of the model's series resistances; the spectrum and the §5.1 breakdown
/// pick it up from the list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeriesLayer {
    /// What the layer is.
    pub kind: SeriesLayerKind,
    /// Resistance per electrode area (Ω m²), part of a series resistance of the model.
    pub resistance: f64,
    /// Capacitance per electrode area (F/m²); 0 for a pure resistance.
    pub capacitance: f64,
    /// Whether the permittivity behind `capacitance` is an estimate (a warning for the
    /// spectrum).
    pub permittivity_estimated: bool,
}

impl SeriesLayer {
    /// Apex frequency of the layer's arc, 1/(2πRC) (Hz); infinite without capacitance.
    pub fn apex_frequency(&self) -> f64 {
        1.0 / (2.0 * std::f64::consts::PI * self.resistance * self.capacitance)
    }
}

/// The kinds of [`SeriesLayer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesLayerKind {
    /// Grain interiors of the garnet separator (bulk arc; capacitance ε₀ε_r/L).
    SeparatorBulk,
    /// Grain boundaries of the separator (brick layer; capacitance ε₀ε_r·d/(δ·L)).
    SeparatorGrainBoundary,
    /// Li₂CO₃ on the separator face towards the anode (capacitance ε₀ε_r/t).
    CarbonateAnodeSide,
    /// Li₂CO₃ on the separator face towards a composite cathode
    /// (`separator.carbonate_cathode_location = "separator-face"`; capacitance ε₀ε_r/t).
    CarbonateCathodeFace,
}

impl SeriesLayerKind {
    /// A short label for output.
    pub fn label(self) -> &'static str {
        match self {
            SeriesLayerKind::SeparatorBulk => "separator bulk",
            SeriesLayerKind::SeparatorGrainBoundary => "separator grain boundaries",
            SeriesLayerKind::CarbonateAnodeSide => "Li2CO3, anode side",
            SeriesLayerKind::CarbonateCathodeFace => "Li2CO3, cathode face",
        }
    }
}

impl CellParams {
    /// Specific interfacial area of the reacting particles a = 3·ε·χ/R (1/m), χ the
    /// [`CellParams::connected_fraction`].
    ///
    /// For a thin film (one planar reacting face per film thickness L): a = ε·χ/L.
    pub fn specific_area(&self) -> f64 {
        if self.thin_film {
            self.reacting_fraction() / self.radius
        } else {
            3.0 * self.reacting_fraction() / self.radius
        }
    }

    /// Volume fraction of the active material that reacts, ε·χ: the connected share
    /// of `eps_active`.
    pub fn reacting_fraction(&self) -> f64 {
        self.eps_active * self.connected_fraction
    }

    /// Resistance in series with the cathode kinetics per contact area (Ω m²): the
    /// films plus the constriction of the partial contact.
    pub fn series_film_resistance(&self) -> f64 {
        self.film_resistance + self.constriction_resistance
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
            * self.reacting_fraction()
            * self.l_cat
            * self.area
            * (self.x_discharged - self.x_charged)
    }
}
