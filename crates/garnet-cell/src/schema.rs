//! The design file as written: the TOML schema of `docs/design.md`, deserialised
//! without interpretation (units are still strings here; `design::resolve` parses and
//! checks them).

use std::str::FromStr;

use serde::{Deserialize, Deserializer};

use crate::CellError;

pub use crate::interface_options::{CarbonateLocation, InterfaceModel, SurfaceTreatment};

/// The design file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DesignFile {
    /// Schema version (1).
    pub version: Option<u32>,
    /// Name of the design.
    pub name: Option<String>,
    /// What it models and what it is based on.
    pub description: Option<String>,
    /// Cell temperature, e.g. "25 degC".
    pub temperature: Option<String>,
    /// Electrode area, e.g. "1.54 cm2".
    pub area: Option<String>,
    /// Capacity that defines 1C, e.g. "2.4 mAh"; default: practical capacity of the cathode.
    pub nominal_capacity: Option<String>,
    /// Lower cut-off voltage.
    pub voltage_min: Option<String>,
    /// Upper cut-off voltage.
    pub voltage_max: Option<String>,
    /// Initial state of charge (0–1), instead of `cathode.initial_stoichiometry`.
    pub initial_soc: Option<f64>,
    /// The garnet separator.
    pub separator: SeparatorFile,
    /// The cathode.
    pub cathode: CathodeFile,
    /// The Li-metal anode.
    #[serde(default)]
    pub anode: AnodeFile,
    /// Current collectors and stacking (mass budget only).
    #[serde(default)]
    pub stack: StackFile,
    /// Mesh sizes.
    #[serde(default)]
    pub mesh: MeshFile,
    /// Solver tolerances.
    #[serde(default)]
    pub solver: SolverFile,
    /// What the literature reported for the cell this design is modelled on (used by
    /// the examples test and `garnet simulate --compare`); not used by the model.
    pub reported: Option<ReportedFile>,
}

/// `[reported]`: the measured cell a design is modelled on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedFile {
    /// Row of the review's Table 2 (e.g. "T2-43").
    pub table2_id: Option<String>,
    /// Citation key of the source.
    pub source: Option<String>,
    /// Discharge current used in the report (e.g. "40 uA/cm2" or "0.5C").
    pub current: Option<String>,
    /// Initial discharge capacity reported (e.g. "120 mAh/g").
    pub capacity: Option<String>,
    /// Cell impedance reported (e.g. "374 ohm cm2").
    pub cell_impedance: Option<String>,
}

/// `[separator]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeparatorFile {
    /// Garnet name (knowledge base).
    pub material: Option<String>,
    /// Thickness.
    pub thickness: String,
    /// Ionic conductivity, overriding the knowledge base's σ(T).
    pub conductivity: Option<String>,
    /// Li₂CO₃ layer on the garnet surface facing the cathode (air exposure, §2.3).
    pub carbonate_cathode_side: Option<String>,
    /// Li₂CO₃ layer on the garnet surface facing the Li anode.
    pub carbonate_anode_side: Option<String>,
    /// Density of the sintered separator over the dense garnet's (0–1]; mass budget
    /// only (default 1, with a warning).
    pub relative_density: Option<f64>,
    /// Density of the dense garnet, overriding the knowledge base (mass budget only).
    pub density: Option<String>,
    /// Grain size d of the sintered garnet (brick-layer model); needed with
    /// `grain_boundary_conductivity`.
    pub grain_size: Option<String>,
    /// Specific Li-ion conductivity σ_gb,sp of the grain-boundary material at 25 °C
    /// (brick layer: R·A/L = 1/σ_b + (δ/d)/σ_gb,sp); the apparent grain-boundary
    /// conductivity of an impedance fit is σ_gb,sp·d/δ. Default: no grain boundaries
    /// resolved (the separator is one layer of the total σ).
    pub grain_boundary_conductivity: Option<String>,
    /// Activation energy of `grain_boundary_conductivity` (default: the separator
    /// garnet's, with a warning).
    pub grain_boundary_activation_energy: Option<String>,
    /// Grain-boundary thickness δ (default 1 nm, an estimate, with a warning).
    pub grain_boundary_thickness: Option<String>,
    /// Relative permittivity ε_r of the garnet (bulk and grain-boundary capacitances of
    /// the simulated spectrum); default: the knowledge base's, else an estimate.
    pub relative_permittivity: Option<f64>,
    /// Where `carbonate_cathode_side` sits in a composite: `separator-face` (default, a
    /// series resistance t/σ per electrode area) or `particles` (a shell on each
    /// particle contact, in series with the charge transfer). A thin film has one
    /// planar interface, where the two are the same.
    pub carbonate_cathode_location: Option<CarbonateLocation>,
    /// Time the garnet spent in air before assembly (e.g. "2 h"): sets the Li₂CO₃ on
    /// both faces from the growth law of `docs/model.md` (§2.3), instead of
    /// `carbonate_*_side`.
    pub air_exposure: Option<String>,
    /// Relative humidity of that air, 0–1 (required with `air_exposure`).
    pub air_humidity: Option<f64>,
    /// What was done to the exposed surface before assembly: `none` (default),
    /// `polished`, `heat-treated` or `acid-treated` (each removes a stated thickness).
    pub surface_treatment: Option<SurfaceTreatment>,
}

/// `[cathode]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CathodeFile {
    /// Active material (knowledge base).
    pub material: String,
    /// Thickness of the composite (or give `loading`).
    pub thickness: Option<String>,
    /// Active-material loading, e.g. "10 mg/cm2" (alternative to `thickness`).
    pub loading: Option<String>,
    /// Volume fraction of active material (thin film: default 1).
    pub active_fraction: Option<f64>,
    /// Volume fraction of garnet electrolyte in the composite (thin film: none).
    pub electrolyte_fraction: Option<f64>,
    /// Bruggeman exponent b: effective conductivity = σ·ε^b.
    pub bruggeman: Option<f64>,
    /// Garnet in the composite (default: the separator's).
    pub electrolyte_material: Option<String>,
    /// Bulk ionic conductivity of the composite's garnet, overriding the knowledge base.
    pub electrolyte_conductivity: Option<String>,
    /// Electronic conductivity of the composite's solid phase (before the Bruggeman factor).
    pub electronic_conductivity: Option<String>,
    /// Bruggeman exponent of the electronic path (default: `bruggeman`).
    pub electronic_bruggeman: Option<f64>,
    /// Particle radius (composite only).
    pub particle_radius: Option<String>,
    /// Solid diffusivity, overriding the knowledge base.
    pub diffusivity: Option<String>,
    /// Exchange-current density at half lithiation, overriding the knowledge base.
    pub exchange_current_density: Option<String>,
    /// Maximum Li concentration, overriding the knowledge base.
    pub max_concentration: Option<String>,
    /// Double-layer capacitance per particle surface area (0 for none).
    pub double_layer_capacitance: Option<String>,
    /// Initial stoichiometry x = c/c_max (instead of `initial_soc`).
    pub initial_stoichiometry: Option<f64>,
    /// Open-circuit-voltage curve id (e.g. "NMC532-Xu2019"); default from the material.
    pub ocv: Option<String>,
    /// A tabulated open-circuit-voltage curve, instead of `ocv`.
    pub ocv_table: Option<OcvTableFile>,
    /// Activation energy of the solid diffusivity (e.g. "0.3 eV" or "30 kJ/mol"),
    /// overriding the knowledge base; `diffusivity` is its value at 25 °C.
    pub diffusivity_activation_energy: Option<String>,
    /// Activation energy of the exchange-current density, overriding the knowledge
    /// base; `exchange_current_density` is its value at 25 °C.
    pub kinetic_activation_energy: Option<String>,
    /// Practical specific capacity, overriding the knowledge base (defines 1C).
    pub practical_capacity: Option<String>,
    /// Density of the active material, overriding the knowledge base.
    pub density: Option<String>,
    /// `composite` (default: particles in a garnet network) or `thin-film` (a dense
    /// film on the garnet: direct coating by sputtering, PLD or casting).
    pub structure: Option<Structure>,
    /// Share of the particle (or film) surface touching the garnet, 0–1 (default 1).
    pub contact_fraction: Option<f64>,
    /// Artificial CEI material on each particle (or on the film), from the knowledge base.
    pub interlayer: Option<String>,
    /// Thickness of the artificial CEI.
    pub interlayer_thickness: Option<String>,
    /// Li-ion conductivity of the artificial CEI, overriding the knowledge base.
    pub interlayer_conductivity: Option<String>,
    /// Radius of the contact spots through which the particles (or the film) touch the
    /// garnet, for the constriction resistance of a partial contact (default: an
    /// estimate from the packing, see `docs/design.md`).
    pub contact_spot_radius: Option<String>,
    /// Share of the active material connected to both the ionic and the electronic
    /// network, 0–1 (default: computed from the volume fractions, the particle-size
    /// ratio and the contact fraction by percolation; thin film: 1).
    pub connected_fraction: Option<f64>,
    /// Radius of the composite's garnet particles (grains), for the percolation of the
    /// composite (default: the active particle radius).
    pub electrolyte_particle_radius: Option<String>,
    /// Which measurements the cathode's charge-transfer defaults come from:
    /// `solid-state` (default: cathode|garnet interface resistances, where the
    /// knowledge base has one, else the liquid value with a warning) or `liquid`
    /// (the liquid-electrolyte values of the PyBaMM parameter sets, with a warning).
    /// A given `exchange_current_density` is used either way.
    pub kinetics: Option<Kinetics>,
    /// Volume fraction of conductive carbon and binder (default 0): with the active
    /// material it forms the electronic path, σ_s,eff = σ_s·(ε_am + ε_carbon)^b_s;
    /// active + electrolyte + carbon ≤ 1, the rest is pores.
    pub carbon_fraction: Option<f64>,
    /// Activation energy of the electronic conductivity (e.g. "0.12 eV"), overriding
    /// the knowledge base; `electronic_conductivity` is its value at 25 °C.
    pub electronic_activation_energy: Option<String>,
}

/// `cathode.structure`: how the cathode is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Structure {
    /// `"composite"`: active particles in a percolating garnet network (the default).
    #[default]
    Composite,
    /// `"thin-film"`: a dense film of active material on the garnet (sputtering, PLD,
    /// casting): planar diffusion through the film, one interface.
    ThinFilm,
}

impl Structure {
    /// Every structure, in the order the schema lists them.
    pub const ALL: [Structure; 2] = [Structure::Composite, Structure::ThinFilm];

    /// The spelling in a design file.
    pub fn as_str(self) -> &'static str {
        match self {
            Structure::Composite => "composite",
            Structure::ThinFilm => "thin-film",
        }
    }
}

impl std::fmt::Display for Structure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Structure {
    type Err = CellError;

    /// `composite` or `thin-film` (exact spelling); anything else is
    /// [`CellError::UnknownOption`] with the closest spelling.
    fn from_str(s: &str) -> Result<Self, CellError> {
        Structure::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| CellError::UnknownOption {
                field: "cathode.structure".to_string(),
                value: s.to_string(),
                what: "a cathode structure",
                known: Structure::ALL.iter().map(|v| v.as_str()).collect(),
                suggestion: garnet_units::suggest::closest_str(
                    s,
                    Structure::ALL.iter().map(|v| v.as_str()),
                ),
            })
    }
}

impl<'de> Deserialize<'de> for Structure {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// `cathode.kinetics`: where the cathode's charge-transfer defaults come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kinetics {
    /// `"solid-state"`: exchange-current densities from measured cathode|garnet
    /// interface resistances, j₀ = RT/(F·R_ct) (the default).
    #[default]
    SolidState,
    /// `"liquid"`: the liquid-electrolyte exchange-current densities of the PyBaMM
    /// parameter sets (a warning says so).
    Liquid,
}

impl Kinetics {
    /// Every basis, in the order the schema lists them.
    pub const ALL: [Kinetics; 2] = [Kinetics::SolidState, Kinetics::Liquid];

    /// The spelling in a design file.
    pub fn as_str(self) -> &'static str {
        match self {
            Kinetics::SolidState => "solid-state",
            Kinetics::Liquid => "liquid",
        }
    }
}

impl std::fmt::Display for Kinetics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kinetics {
    type Err = CellError;

    /// `solid-state` or `liquid` (exact spelling); anything else is
    /// [`CellError::UnknownOption`] with the closest spelling.
    fn from_str(s: &str) -> Result<Self, CellError> {
        Kinetics::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| CellError::UnknownOption {
                field: "cathode.kinetics".to_string(),
                value: s.to_string(),
                what: "a kinetics basis",
                known: Kinetics::ALL.iter().map(|v| v.as_str()).collect(),
                suggestion: garnet_units::suggest::closest_str(
                    s,
                    Kinetics::ALL.iter().map(|v| v.as_str()),
                ),
            })
    }
}

impl<'de> Deserialize<'de> for Kinetics {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// `[cathode.ocv_table]`: U(x) as points, interpolated by a monotone cubic.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OcvTableFile {
    /// Stoichiometries x = c/c_max, strictly monotone, in 0–1.
    pub stoichiometry: Vec<f64>,
    /// Open-circuit voltage vs Li/Li⁺ at each stoichiometry, in volts; falling as x rises.
    pub voltage: Vec<f64>,
}

/// `[anode]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnodeFile {
    /// Anode material (Li).
    pub material: Option<String>,
    /// Exchange-current density of the Li|garnet interface.
    pub exchange_current_density: Option<String>,
    /// Double-layer capacitance of the Li|garnet interface.
    pub double_layer_capacitance: Option<String>,
    /// Anode interlayer (§4) whose reported Li|garnet interfacial resistance is used.
    pub interlayer: Option<String>,
    /// Li|garnet interfacial resistance given directly (e.g. "20 ohm cm2").
    pub interface_resistance: Option<String>,
    /// Thickness of the Li foil (mass budget only; or give `excess`).
    pub thickness: Option<String>,
    /// Li beyond the cathode's capacity, as a fraction of it (1.0 = twice the Li the
    /// cathode can take); mass budget only, default 0 with a warning.
    pub excess: Option<f64>,
    /// Thickness of the anode interlayer (mass budget only).
    pub interlayer_thickness: Option<String>,
    /// `ohmic` (j = Δφ_a/R; default with `interface_resistance` or `interlayer`) or
    /// `kinetic` (Butler–Volmer; default with `exchange_current_density`).
    pub interface_model: Option<InterfaceModel>,
    /// Activation energy of the Li|garnet interface (e.g. "0.32 eV"): R(T) and j₀(T)
    /// follow Arrhenius from their 25 °C values; default an estimate (docs/model.md).
    pub interface_activation_energy: Option<String>,
}

/// `[stack]`: what surrounds the cell in a stack (used by the mass and energy budget,
/// not by the electrochemical model).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StackFile {
    /// Cathode current collector metal (`Al`, `Cu`, `Ni`, `stainless-steel`, `none`);
    /// default Al.
    pub cathode_current_collector: Option<String>,
    /// Its thickness (default 10 µm).
    pub cathode_current_collector_thickness: Option<String>,
    /// Anode current collector metal; default Cu.
    pub anode_current_collector: Option<String>,
    /// Its thickness (default 6 µm).
    pub anode_current_collector_thickness: Option<String>,
    /// Bipolar stacking (§6.1): one collector (the cathode one) serves as the bipolar
    /// plate between neighbouring cells, so the anode collector is not counted.
    pub bipolar: Option<bool>,
}

/// `[mesh]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeshFile {
    /// Control volumes across the separator: accepted for older design files, not used
    /// (the single-ion separator has a uniform current and conductivity and enters the
    /// model as one series resistance L_s/σ, which N volumes reproduce exactly); a
    /// design that gives it gets a deprecation warning.
    #[serde(default)]
    pub separator: Option<usize>,
    /// Control volumes across the cathode.
    #[serde(default = "default_mesh")]
    pub cathode: usize,
    /// Shells in each particle.
    #[serde(default = "default_mesh")]
    pub particle: usize,
}

fn default_mesh() -> usize {
    20
}

impl Default for MeshFile {
    fn default() -> Self {
        Self {
            separator: None,
            cathode: 20,
            particle: 20,
        }
    }
}

/// `[solver]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SolverFile {
    /// Relative tolerance.
    #[serde(default = "default_tol")]
    pub rtol: f64,
    /// Absolute tolerance.
    #[serde(default = "default_tol")]
    pub atol: f64,
}

fn default_tol() -> f64 {
    1e-6
}

impl Default for SolverFile {
    fn default() -> Self {
        Self {
            rtol: 1e-6,
            atol: 1e-6,
        }
    }
}

/// Parse a design file's text.
pub fn parse_design(file: &str, text: &str) -> Result<DesignFile, CellError> {
    toml::from_str(text).map_err(|e| CellError::Parse {
        file: file.to_string(),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const MINIMAL: &str = "[separator]\nthickness = \"30 um\"\n[cathode]\nmaterial = \"NMC811\"\n";

    #[test]
    fn structure_spellings_parse_to_the_enum() {
        let d = parse_design("t.toml", MINIMAL).unwrap();
        assert_eq!(d.cathode.structure, None);
        assert_eq!(d.cathode.material, "NMC811");
        assert_eq!(d.separator.thickness, "30 um");
        assert_eq!((d.mesh.separator, d.solver.rtol), (None, 1e-6));
        for s in Structure::ALL {
            let text = format!("{MINIMAL}structure = \"{s}\"\n");
            let d = parse_design("t.toml", &text).unwrap();
            assert_eq!(d.cathode.structure, Some(s));
            assert_eq!(s.as_str().parse::<Structure>().unwrap(), s);
        }
        assert_eq!(Structure::default(), Structure::Composite);
    }

    #[test]
    fn unknown_structure_names_the_field_with_a_suggestion() {
        let e = "thin_film".parse::<Structure>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "cathode.structure: 'thin_film' is not a cathode structure; expected composite or thin-film (did you mean 'thin-film'?)"
        );
        let text = format!("{MINIMAL}structure = \"Composite\"\n");
        let e = parse_design("t.toml", &text).unwrap_err().to_string();
        assert!(
            e.contains("cathode.structure") && e.contains("did you mean 'composite'"),
            "{e}"
        );
    }

    #[test]
    fn unknown_keys_are_errors() {
        let e = parse_design("t.toml", &format!("{MINIMAL}thickness_um = 3\n")).unwrap_err();
        assert!(matches!(e, CellError::Parse { .. }));
        assert!(e.to_string().contains("thickness_um"), "{e}");
    }
}
