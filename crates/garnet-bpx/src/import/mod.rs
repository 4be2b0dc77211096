//! BPX → garnet: read a BPX file and map its positive electrode onto a garnet cathode.
//!
//! The mapping (details and the fields left out in `docs/bpx.md`):
//!
//! | BPX (`Parameterisation.…`) | garnet design |
//! |---|---|
//! | `Positive electrode.Thickness [m]` | `cathode.thickness` |
//! | `Positive electrode.Particle radius [m]` R | `cathode.particle_radius` |
//! | `Surface area per unit volume [m-1]` a | `cathode.active_fraction` = a·R/3 |
//! | `Porosity` ε (liquid volume fraction) | `cathode.electrolyte_fraction` (garnet volume fraction) |
//! | `Transport efficiency` τ = ε^b | `cathode.bruggeman` b = ln τ / ln ε |
//! | `Conductivity [S.m-1]` (effective) | `cathode.electronic_conductivity`, `electronic_bruggeman = 0` |
//! | `Diffusivity [m2.s-1]` | `cathode.diffusivity` (at 25 °C; x-dependent: its value mid-window) |
//! | `OCP [V]` | `[cathode.ocv_table]` (a table as is; an expression sampled) |
//! | `Maximum concentration [mol.m-3]` | `cathode.max_concentration` |
//! | `Reaction rate constant [mol.m-2.s-1]` k | `cathode.exchange_current_density` j₀ = F·k/2 |
//! | activation energies | `cathode.diffusivity_activation_energy`, `kinetic_activation_energy` |
//! | `Minimum/Maximum stoichiometry` | `voltage_max` = U(x_min), `voltage_min` = U(x_max) |
//! | `Cell.Electrode area [m2]` × electrode pairs | `area` |
//!
//! Exchange current. BPX defines (BPX standard, eq. 2; PyBaMM
//! `pybamm/parameters/bpx.py`, comment on the reaction rates)
//! j₀ = F·k·√((c_e/c_e0)·(c_s/c_s,max)·(1 − c_s/c_s,max)), with k the "Reaction rate
//! constant [mol.m-2.s-1]" and c_e0 the initial electrolyte concentration; PyBaMM
//! writes it as j₀ = k'·c_e^½·c_s^½·(c_s,max − c_s)^½ with k' = F·k/(c_s,max·c_e0^½).
//! In a garnet (single-ion) electrolyte c_e = c_e0 everywhere, so at x = ½:
//! j₀,½ = F·k·½, whatever c_e0 is. garnet's kinetics (`garnet_cell::model`) are the
//! same Butler–Volmer law, j = 2·j₀·sinh(Fη/2RT) with j₀(x) = 2·j₀,½·√(x(1−x)).

use std::collections::BTreeMap;

use garnet_materials::ocv::OcvTable;
use serde_json::Value;

use crate::json::{FloatFunctionTable, Owned};
use crate::keys::*;
use crate::BpxError;

mod cell;
mod header;
mod kinetics;
mod ocp;
mod positive;
mod skipped;

/// garnet's reference temperature for design values (25 °C).
pub const T_REF_GARNET: f64 = 298.15;

/// How closely a sampled OCP expression is followed (V).
pub const OCP_TOL: f64 = 0.5e-3;

/// A BPX field that was not imported, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// JSON path.
    pub path: String,
    /// Why garnet does not use it.
    pub reason: String,
}

/// The positive electrode, in garnet's terms (SI; rates at 25 °C).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedCathode {
    /// Thickness (m).
    pub thickness: f64,
    /// Particle radius (m).
    pub particle_radius: f64,
    /// Active-material volume fraction a·R/3.
    pub active_fraction: f64,
    /// BPX porosity, read as the garnet volume fraction.
    pub electrolyte_fraction: f64,
    /// BPX transport efficiency.
    pub transport_efficiency: f64,
    /// Effective electronic conductivity (S/m).
    pub electronic_conductivity: f64,
    /// Solid diffusivity at 25 °C (m²/s).
    pub diffusivity: f64,
    /// Its activation energy (J/mol).
    pub ea_diffusivity: f64,
    /// BPX reaction rate constant at the BPX reference temperature (mol m⁻² s⁻¹).
    pub rate_constant: f64,
    /// Exchange-current density at x = ½ and 25 °C (A/m²).
    pub j0: f64,
    /// Its activation energy (J/mol).
    pub ea_kinetic: f64,
    /// Maximum concentration (mol/m³).
    pub c_max: f64,
    /// Minimum stoichiometry (charged).
    pub x_min: f64,
    /// Maximum stoichiometry (discharged).
    pub x_max: f64,
    /// OCP as a table.
    pub ocv: OcvTable,
    /// Where the OCP table came from (for the design's comments).
    pub ocv_origin: String,
    /// Thin-film cathode (from garnet's own `User-defined` keys).
    pub thin_film: bool,
}

/// Everything garnet takes from a BPX file.
#[derive(Debug, Clone, PartialEq)]
pub struct BpxImport {
    /// `Header.BPX`.
    pub version: String,
    /// `Header.Title`.
    pub title: Option<String>,
    /// `Header.Description`.
    pub description: Option<String>,
    /// `Header.Model`.
    pub model: String,
    /// The positive electrode.
    pub cathode: ImportedCathode,
    /// One electrode's area (m²).
    pub electrode_area: f64,
    /// Electrode pairs in parallel.
    pub pairs: u64,
    /// Nominal capacity (C).
    pub nominal_capacity: f64,
    /// Cell temperature (K) and where it came from.
    pub temperature: (f64, String),
    /// BPX reference temperature (K).
    pub reference_temperature: f64,
    /// BPX full-cell cut-offs (V).
    pub cell_cutoffs: (f64, f64),
    /// The negative electrode's OCP is the constant 0 V: a Li-metal (half-cell or
    /// garnet-exported) file, whose cut-offs are the cathode's potential vs Li.
    pub li_metal_negative: bool,
    /// Initial state of charge.
    pub initial_soc: Option<f64>,
    /// Separator thickness (m).
    pub separator_thickness: f64,
    /// Cation transference number of the BPX electrolyte.
    pub transference_number: f64,
    /// Electrolyte conductivity, when the electrolyte is single-ion (t₊ = 1) and the
    /// conductivity a constant (S/m).
    pub single_ion_conductivity: Option<f64>,
    /// garnet's own numbers from `User-defined` (keys in [`crate::keys`]).
    pub garnet_numbers: BTreeMap<String, f64>,
    /// garnet's own names from `User-defined.description`.
    pub garnet_names: BTreeMap<String, String>,
    /// Fields not imported.
    pub skipped: Vec<Skipped>,
    /// Approximations made while importing.
    pub notes: Vec<String>,
}

impl BpxImport {
    /// Cell area: electrode area × electrode pairs (m²).
    pub fn area(&self) -> f64 {
        self.electrode_area * self.pairs as f64
    }

    /// garnet's voltage_min and voltage_max: with a Li-metal negative electrode (OCP
    /// 0 V) the BPX cut-offs themselves; otherwise the cathode's OCP at the BPX
    /// stoichiometry limits (vs Li, which is what a garnet cell with its Li-metal
    /// anode measures; the full-cell cut-offs include the host anode's potential).
    pub fn voltage_window(&self) -> (f64, f64) {
        if self.li_metal_negative {
            return self.cell_cutoffs;
        }
        let c = &self.cathode;
        (c.ocv.voltage(c.x_max), c.ocv.voltage(c.x_min))
    }

    /// The cathode material: garnet's own note in the file, else the first of `known`
    /// (knowledge-base names) found in the header's title or description, with the
    /// usual abbreviations (LFP, LCO, LMO, LNMO). Longer names win (NMC811 over NMC).
    pub fn guess_cathode_material<'a>(
        &self,
        known: impl IntoIterator<Item = &'a str>,
    ) -> Option<String> {
        if let Some(name) = self.garnet_names.get(D_CATHODE) {
            return Some(name.clone());
        }
        let text = format!(
            "{} {}",
            self.title.as_deref().unwrap_or(""),
            self.description.as_deref().unwrap_or("")
        )
        .to_ascii_lowercase();
        let mut names: Vec<(String, String)> = known
            .into_iter()
            .map(|n| (n.to_ascii_lowercase(), n.to_string()))
            .collect();
        for (alias, name) in [
            ("lfp", "LiFePO4"),
            ("lco", "LiCoO2"),
            ("lnmo", "LiNi0.5Mn1.5O4"),
            ("lmo", "LiMn2O4"),
        ] {
            if names.iter().any(|(_, n)| n == name) {
                names.push((alias.to_string(), name.to_string()));
            }
        }
        names.sort_by_key(|n| std::cmp::Reverse(n.0.len()));
        names
            .into_iter()
            .find(|(lower, _)| contains_word(&text, lower))
            .map(|(_, n)| n)
    }
}

/// `needle` in `hay` not inside a longer alphanumeric word.
fn contains_word(hay: &str, needle: &str) -> bool {
    let bytes = hay.as_bytes();
    hay.match_indices(needle).any(|(i, _)| {
        let before = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let j = i + needle.len();
        let after = j >= bytes.len() || !bytes[j].is_ascii_alphanumeric();
        before && after
    })
}

/// Parse a BPX document and map it, section by section (one module each under
/// `import/`): the header and garnet's own names and numbers (`header.rs`), the
/// positive electrode (`positive.rs`, `kinetics.rs`, `ocp.rs`), the cell, state,
/// separator and electrolyte (`cell.rs`), and what is left out (`skipped.rs`).
pub fn import(text: &str) -> Result<BpxImport, BpxError> {
    let doc: Value = serde_json::from_str(text).map_err(|e| BpxError::Json {
        message: e.to_string(),
    })?;
    let root = Owned::root(&doc);
    root.object()?;
    let mut skipped = Vec::new();
    let mut notes = Vec::new();

    let header = header::header(&root, &mut notes)?;
    let par = root.get("Parameterisation")?;
    let cell = par.get(CELL)?;
    let pos = par.get(POSITIVE)?;
    let sep = par.get(SEPARATOR)?;
    let mut li_metal_negative = false;
    if let Some(neg) = par.opt(NEGATIVE)? {
        if let Some(ocp) = neg.opt("OCP [V]")? {
            li_metal_negative =
                FloatFunctionTable::read(&ocp).is_ok_and(|f| f == FloatFunctionTable::Number(0.0));
        }
    }
    let state = root.opt("State")?;
    let init = match &state {
        Some(s) => s.opt("Initial conditions")?,
        None => None,
    };
    let thermal = match &state {
        Some(s) => s.opt("Thermal environment")?,
        None => None,
    };
    let (garnet_numbers, garnet_names) =
        header::garnet_own(header.description.as_deref(), &par, &mut skipped)?;
    let thin_film = garnet_numbers.get(G_THIN_FILM).is_some_and(|v| *v != 0.0);

    // Positive electrode.
    positive::single_material(&pos)?;
    let t_ref = kinetics::reference_temperature(&cell, &mut notes)?;
    let g = positive::geometry(&pos)?;
    let rates = kinetics::rates(&pos)?;
    let active_fraction = positive::active_fraction(&pos, &g, thin_film)?;
    let d_ref = kinetics::diffusivity(&pos, g.x_min, g.x_max, &mut notes)?;
    let (ocv, ocv_origin) = ocp::ocp(
        &pos,
        g.x_min,
        g.x_max,
        li_metal_negative,
        &mut skipped,
        &mut notes,
    )?;
    let (j0, diffusivity) = kinetics::at_25c(&rates, d_ref, t_ref);
    let cathode = ImportedCathode {
        thickness: g.thickness,
        particle_radius: g.radius,
        active_fraction,
        electrolyte_fraction: g.porosity,
        transport_efficiency: g.tau,
        electronic_conductivity: g.sigma_s,
        diffusivity,
        ea_diffusivity: rates.ea_d,
        rate_constant: rates.k,
        j0,
        ea_kinetic: rates.ea_k,
        c_max: g.c_max,
        x_min: g.x_min,
        x_max: g.x_max,
        ocv,
        ocv_origin,
        thin_film,
    };

    // Cell, state, separator and electrolyte.
    let cell_data = cell::cell(&cell)?;
    let temperature = cell::temperature(&thermal, &init, &cell, t_ref)?;
    let initial_soc = cell::initial_soc(&init)?;
    let electrolyte = cell::electrolyte(&sep, &par)?;
    let electrolyte_node = par.get(ELECTROLYTE)?;

    let sections = skipped::Sections {
        root: &root,
        par: &par,
        pos: &pos,
        sep: &sep,
        cell: &cell,
        electrolyte: &electrolyte_node,
        state: &state,
    };
    skipped::not_imported(
        &sections,
        &cell_data,
        &electrolyte,
        li_metal_negative,
        &mut skipped,
    )?;

    Ok(BpxImport {
        version: header.version,
        title: header.title,
        description: header.description,
        model: header.model,
        cathode,
        electrode_area: cell_data.electrode_area,
        pairs: cell_data.pairs,
        nominal_capacity: cell_data.nominal_capacity,
        temperature,
        reference_temperature: t_ref,
        cell_cutoffs: cell_data.cutoffs,
        li_metal_negative,
        initial_soc,
        separator_thickness: electrolyte.separator_thickness,
        transference_number: electrolyte.t_plus,
        single_ion_conductivity: electrolyte.single_ion_conductivity,
        garnet_numbers,
        garnet_names,
        skipped,
        notes,
    })
}
