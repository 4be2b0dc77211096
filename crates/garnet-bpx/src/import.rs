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
use garnet_materials::physics::{arrhenius_factor, ActivationEnergy};
use garnet_units::constants::FARADAY;
use serde_json::Value;

use crate::json::{FloatFunctionTable, Owned};
use crate::keys::*;
use crate::BpxError;

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

/// Parse a BPX document and map it.
pub fn import(text: &str) -> Result<BpxImport, BpxError> {
    let doc: Value = serde_json::from_str(text).map_err(|e| BpxError::Json {
        message: e.to_string(),
    })?;
    let root = Owned::root(&doc);
    root.object()?;
    let mut skipped = Vec::new();
    let mut notes = Vec::new();

    // Header.
    let header = root.get("Header")?;
    let version_node = header.get("BPX")?;
    let version = match version_node.value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => {
            return Err(BpxError::Type {
                path: version_node.path,
                expected: "a version string such as \"1.0.0\"",
            })
        }
    };
    let major: u64 = version
        .trim()
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .ok_or_else(|| BpxError::Value {
            path: "Header.BPX".to_string(),
            message: format!("'{version}' is not a version number"),
        })?;
    if major > 1 {
        notes.push(format!(
            "BPX version {version} is newer than garnet knows (0.x and 1.x); read as 1.x"
        ));
    }
    let title = header.opt_string("Title")?.map(str::to_string);
    let description = header.opt_string("Description")?.map(str::to_string);
    let model = header
        .opt_string("Model")?
        .ok_or_else(|| BpxError::Missing {
            path: "Header.Model".to_string(),
        })?
        .to_string();

    if model == "SPM" {
        return Err(BpxError::Unsupported {
            path: "Header.Model".to_string(),
            message: "an SPM parameterisation has no porosity, transport efficiency or electrode conductivity, which garnet's composite cathode needs; use a DFN or SPMe file".to_string(),
        });
    }
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

    // garnet's own names (lines `garnet …: name` of the header's description) and
    // numbers (User-defined `garnet: …`).
    let mut garnet_numbers = BTreeMap::new();
    let mut garnet_names = BTreeMap::new();
    let mut read_names = |text: &str| {
        for line in text.lines() {
            if let Some((key, value)) = line.split_once(':') {
                let key = key.trim();
                if [D_CATHODE, D_SEPARATOR, D_COMPOSITE, D_INTERLAYER].contains(&key)
                    && !value.trim().is_empty()
                {
                    garnet_names.insert(key.to_string(), value.trim().to_string());
                }
            }
        }
    };
    if let Some(d) = &description {
        read_names(d);
    }
    if let Some(user) = par.opt(USER)? {
        for (k, v) in user.object()? {
            let path = format!("{}.{k}", user.path);
            if k == "description" {
                if let Some(text) = v.as_str() {
                    read_names(text);
                }
                continue;
            }
            if k.starts_with("garnet: ") {
                let n = Owned {
                    path: path.clone(),
                    value: v,
                };
                garnet_numbers.insert(k.clone(), n.as_number()?);
            } else {
                skipped.push(Skipped {
                    path,
                    reason: "user-defined parameter with no garnet meaning".to_string(),
                });
            }
        }
    }
    let g = |k: &str| garnet_numbers.get(k).copied();
    let thin_film = g(G_THIN_FILM).is_some_and(|v| v != 0.0);

    // Positive electrode.
    if pos.opt("Particle")?.is_some() {
        return Err(BpxError::Unsupported {
            path: format!("{}.Particle", pos.path),
            message: "a blended positive electrode (several active materials); garnet models one active material".to_string(),
        });
    }
    let t_ref = match cell.opt_number("Reference temperature [K]")? {
        Some(t) if t > 0.0 => t,
        Some(t) => {
            return Err(BpxError::Value {
                path: format!("{}.Reference temperature [K]", cell.path),
                message: format!("{t} K is not a temperature"),
            })
        }
        None => {
            notes.push(
                "no Cell.Reference temperature [K]: rates are taken as given at 298.15 K"
                    .to_string(),
            );
            T_REF_GARNET
        }
    };
    let thickness = pos.positive("Thickness [m]")?;
    let radius = pos.positive("Particle radius [m]")?;
    let a = pos.positive("Surface area per unit volume [m-1]")?;
    let porosity = pos.fraction("Porosity", false)?;
    let tau = pos.fraction("Transport efficiency", false)?;
    let sigma_s = pos.positive("Conductivity [S.m-1]")?;
    let c_max = pos.positive("Maximum concentration [mol.m-3]")?;
    let x_min = pos.fraction("Minimum stoichiometry", false)?;
    let x_max = pos.fraction("Maximum stoichiometry", false)?;
    if x_min >= x_max {
        return Err(BpxError::Value {
            path: format!("{}.Minimum stoichiometry", pos.path),
            message: format!("{x_min} is not below the maximum stoichiometry {x_max}"),
        });
    }
    let k = pos.positive("Reaction rate constant [mol.m-2.s-1]")?;
    let ea_k = pos
        .opt_number("Reaction rate constant activation energy [J.mol-1]")?
        .unwrap_or(0.0);
    let ea_d = pos
        .opt_number("Diffusivity activation energy [J.mol-1]")?
        .unwrap_or(0.0);
    let active_fraction = if thin_film {
        // garnet's thin film: a = ε/L, R = L.
        a * radius
    } else {
        a * radius / 3.0
    };
    if !(active_fraction > 0.0 && active_fraction + porosity <= 1.0 + 1e-9) {
        return Err(BpxError::Value {
            path: format!("{}.Surface area per unit volume [m-1]", pos.path),
            message: format!(
                "gives an active volume fraction a·R/3 = {active_fraction:.4}, which with porosity {porosity} exceeds 1"
            ),
        });
    }
    if !thin_film && (porosity <= 0.0 || porosity >= 1.0 || tau <= 0.0) {
        return Err(BpxError::Value {
            path: format!("{}.Porosity", pos.path),
            message: format!(
                "{porosity} (transport efficiency {tau}): a garnet composite needs a garnet fraction in (0, 1) and a positive transport efficiency"
            ),
        });
    }

    // Diffusivity: constant, or its value mid-window.
    let d_node = pos.get("Diffusivity [m2.s-1]")?;
    let d_fn = FloatFunctionTable::read(&d_node)?;
    let x_mid = 0.5 * (x_min + x_max);
    let d_ref = d_fn.eval(x_mid);
    if !(d_ref.is_finite() && d_ref > 0.0) {
        return Err(BpxError::Value {
            path: d_node.path,
            message: format!("{d_ref} m²/s at x = {x_mid}: expected a positive diffusivity"),
        });
    }
    if !d_fn.is_constant() {
        notes.push(format!(
            "{}: depends on stoichiometry; garnet's particles have one diffusivity, so its value at the middle of the window (x = {x_mid:.4}) is used: {d_ref:.4e} m²/s",
            d_node.path
        ));
    }

    // OCP.
    let ocp_node = pos.get("OCP [V]")?;
    let (ocv, ocv_origin) = ocp_table(&ocp_node, x_min, x_max)?;

    for key in [
        "Entropic change coefficient [V.K-1]",
        "OCP (lithiation) [V]",
        "OCP (delithiation) [V]",
        "OCP hysteresis decay constant",
    ] {
        if pos.opt(key)?.is_some() {
            skipped.push(Skipped {
                path: format!("{}.{key}", pos.path),
                reason: if key.starts_with("Entropic") {
                    "garnet's OCV is isothermal (no entropic term; the cell is isothermal)"
                        .to_string()
                } else {
                    "garnet's OCV has no hysteresis branches".to_string()
                },
            });
        }
    }

    // A flat OCP at the end of the window: the default cut-off sits on the plateau.
    let (_, span_hi) = ocv.span();
    let probe = (x_max - 0.05).max(x_min);
    if !li_metal_negative && ocv.voltage(probe) - ocv.voltage(x_max) < 0.02 {
        notes.push(format!(
            "the OCP is flat at the end of the BPX window (U({probe:.3}) − U({x_max}) = {:.1} mV): voltage_min = U(x_max) = {:.4} V is reached at once under load; give a lower --voltage-min (the OCP reaches {:.4} V at x = {span_hi})",
            (ocv.voltage(probe) - ocv.voltage(x_max)) * 1e3,
            ocv.voltage(x_max),
            ocv.voltage(span_hi)
        ));
    }

    // Rates at 25 °C.
    let to_25 = |ea: f64| arrhenius_factor(ActivationEnergy::Molar(ea), T_REF_GARNET, t_ref);
    let j0 = 0.5 * FARADAY * k * to_25(ea_k);
    let diffusivity = d_ref * to_25(ea_d);

    let cathode = ImportedCathode {
        thickness,
        particle_radius: radius,
        active_fraction,
        electrolyte_fraction: porosity,
        transport_efficiency: tau,
        electronic_conductivity: sigma_s,
        diffusivity,
        ea_diffusivity: ea_d,
        rate_constant: k,
        j0,
        ea_kinetic: ea_k,
        c_max,
        x_min,
        x_max,
        ocv,
        ocv_origin,
        thin_film,
    };

    // Cell.
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

    // Temperature: State (1.x), else Cell (0.x), else the reference temperature.
    let mut temperature = (t_ref, "Cell.Reference temperature [K]".to_string());
    for (node, key) in [
        (&thermal, "Ambient temperature [K]"),
        (&init, "Initial temperature [K]"),
        (&Some(cell.clone()), "Ambient temperature [K]"),
        (&Some(cell.clone()), "Initial temperature [K]"),
    ] {
        if let Some(n) = node {
            if let Some(t) = n.opt_number(key)? {
                temperature = (t, format!("{}.{key}", n.path));
            }
        }
    }
    let initial_soc = match &init {
        Some(n) => match n.opt("Initial state-of-charge")? {
            Some(s) => {
                let v = s.as_number()?;
                if !(0.0..=1.0).contains(&v) {
                    return Err(BpxError::Value {
                        path: s.path,
                        message: format!("{v} is outside [0, 1]"),
                    });
                }
                Some(v)
            }
            None => None,
        },
        None => None,
    };

    // Separator and electrolyte.
    let separator_thickness = sep.positive("Thickness [m]")?;
    let electrolyte = par.get(ELECTROLYTE)?;
    let t_plus = electrolyte.number("Cation transference number")?;
    let sigma_node = electrolyte.get("Conductivity [S.m-1]")?;
    let sigma_e = FloatFunctionTable::read(&sigma_node)?;
    let single_ion_conductivity = match (&sigma_e, t_plus == 1.0) {
        (FloatFunctionTable::Number(v), true) if *v > 0.0 => Some(*v),
        _ => None,
    };

    // What was not imported, section by section.
    let used_pos = [
        "Thickness [m]",
        "Particle radius [m]",
        "Surface area per unit volume [m-1]",
        "Porosity",
        "Transport efficiency",
        "Conductivity [S.m-1]",
        "Maximum concentration [mol.m-3]",
        "Minimum stoichiometry",
        "Maximum stoichiometry",
        "Reaction rate constant [mol.m-2.s-1]",
        "Reaction rate constant activation energy [J.mol-1]",
        "Diffusivity activation energy [J.mol-1]",
        "Diffusivity [m2.s-1]",
        "OCP [V]",
        "Entropic change coefficient [V.K-1]",
        "OCP (lithiation) [V]",
        "OCP (delithiation) [V]",
        "OCP hysteresis decay constant",
    ];
    for key in pos.object()?.keys() {
        if !used_pos.contains(&key.as_str()) {
            skipped.push(Skipped {
                path: format!("{}.{key}", pos.path),
                reason: "not a BPX positive-electrode field garnet knows".to_string(),
            });
        }
    }
    if let Some(neg) = par.opt(NEGATIVE)? {
        skipped.push(Skipped {
            path: neg.path,
            reason: "garnet models a Li-metal anode (OCP 0 V vs Li, no host particles): the whole negative electrode is left out; the Li|garnet interface is a placeholder in [anode]".to_string(),
        });
    }
    for key in electrolyte.object()?.keys() {
        let path = format!("{}.{key}", electrolyte.path);
        let reason = match (key.as_str(), single_ion_conductivity) {
            ("Conductivity [S.m-1]", Some(_)) => continue,
            ("Cation transference number", _) if t_plus == 1.0 => continue,
            ("Conductivity [S.m-1]", None) => "a liquid electrolyte's conductivity: garnet's separator and composite conduct through a garnet (σ from the knowledge base)".to_string(),
            ("Cation transference number", _) => format!("t₊ = {t_plus}: garnet's electrolyte is a single-ion garnet (t₊ = 1)"),
            ("Diffusivity [m2.s-1]" | "Diffusivity activation energy [J.mol-1]", _) => "a single-ion garnet has no salt diffusion".to_string(),
            ("Initial concentration [mol.m-3]", _) => "a single-ion garnet's Li concentration is fixed; it cancels in the exchange current (c_e = c_e0)".to_string(),
            _ => "a liquid-electrolyte property with no garnet counterpart".to_string(),
        };
        skipped.push(Skipped { path, reason });
    }
    for key in sep.object()?.keys() {
        if key != "Thickness [m]" {
            skipped.push(Skipped {
                path: format!("{}.{key}", sep.path),
                reason: "garnet's separator is a dense garnet pellet or film (porosity 1 and transport efficiency 1 in BPX terms)".to_string(),
            });
        }
    }
    for key in cell.object()?.keys() {
        let reason = match key.as_str() {
            "Electrode area [m2]"
            | "Number of electrode pairs connected in parallel to make a cell"
            | "Nominal cell capacity [A.h]"
            | "Reference temperature [K]"
            | "Ambient temperature [K]"
            | "Initial temperature [K]" => continue,
            "Lower voltage cut-off [V]" | "Upper voltage cut-off [V]" if li_metal_negative => {
                continue
            }
            "Lower voltage cut-off [V]" | "Upper voltage cut-off [V]" => format!(
                "full-cell cut-offs ({v_lo}–{v_hi} V); garnet's cut-offs are the cathode's OCP vs Li at the BPX stoichiometry limits instead"
            ),
            _ => "thermal or packaging data; garnet's cell model is isothermal".to_string(),
        };
        skipped.push(Skipped {
            path: format!("{}.{key}", cell.path),
            reason,
        });
    }
    if let Some(s) = &state {
        for (section, v) in s.object()? {
            let Some(obj) = v.as_object() else { continue };
            for key in obj.keys() {
                let reason = match (section.as_str(), key.as_str()) {
                    ("Initial conditions", "Initial state-of-charge" | "Initial temperature [K]")
                    | ("Thermal environment", "Ambient temperature [K]") => continue,
                    (_, "Initial electrolyte concentration [mol.m-3]") => "a single-ion garnet's Li concentration is fixed; it cancels in the exchange current (c_e = c_e0)".to_string(),
                    (_, k) if k.contains("hysteresis") => "garnet's OCV has no hysteresis".to_string(),
                    ("Degradation", _) => "garnet has no degradation model".to_string(),
                    _ => "thermal data; garnet's cell model is isothermal".to_string(),
                };
                skipped.push(Skipped {
                    path: format!("{}.{section}.{key}", s.path),
                    reason,
                });
            }
        }
    }
    if root.opt("Validation")?.is_some() {
        skipped.push(Skipped {
            path: "Validation".to_string(),
            reason: "experimental data are not imported (compare with `garnet simulate` output yourself)".to_string(),
        });
    }

    Ok(BpxImport {
        version,
        title,
        description,
        model,
        cathode,
        electrode_area,
        pairs,
        nominal_capacity,
        temperature,
        reference_temperature: t_ref,
        cell_cutoffs: (v_lo, v_hi),
        li_metal_negative,
        initial_soc,
        separator_thickness,
        transference_number: t_plus,
        single_ion_conductivity,
        garnet_numbers,
        garnet_names,
        skipped,
        notes,
    })
}

/// The OCP as a table: a BPX table as given (sorted by x); an expression sampled
/// over the widest stretch of [0, 1] around the stoichiometry window on which it is
/// finite and falls strictly, refined until the interpolant is within [`OCP_TOL`] of
/// it at the quarter points of every interval (at most 1000 points).
fn ocp_table(node: &Owned, x_min: f64, x_max: f64) -> Result<(OcvTable, String), BpxError> {
    let to_err = |e: garnet_materials::MaterialsError| match e {
        garnet_materials::MaterialsError::OcvTable { array, message } => BpxError::Value {
            path: format!(
                "{}.{}",
                node.path,
                if array == "voltage" { "y" } else { "x" }
            ),
            message,
        },
        other => BpxError::Value {
            path: node.path.clone(),
            message: other.to_string(),
        },
    };
    let table = match FloatFunctionTable::read(node)? {
        FloatFunctionTable::Number(v) => {
            return Err(BpxError::Unsupported {
                path: node.path.clone(),
                message: format!("a constant OCP ({v} V) gives no stoichiometry window"),
            })
        }
        FloatFunctionTable::Table(x, y) => {
            let t = OcvTable::new(&x, &y).map_err(to_err)?;
            (t, format!("BPX table of {} points", x.len()))
        }
        FloatFunctionTable::Expression(e, text) => {
            let n = 400;
            let grid: Vec<f64> = (0..=n).map(|i| i as f64 / n as f64).collect();
            let u: Vec<f64> = grid.iter().map(|&x| e.eval(x)).collect();
            let good = |i: usize| u[i].is_finite() && u[i + 1].is_finite() && u[i + 1] < u[i];
            // Grid intervals covering the window.
            let i_lo = ((x_min * n as f64).floor() as usize).min(n - 1);
            let i_hi = ((x_max * n as f64).ceil() as usize).clamp(1, n) - 1;
            if let Some(bad) = (i_lo..=i_hi).find(|&i| !good(i)) {
                return Err(BpxError::Value {
                    path: node.path.clone(),
                    message: format!(
                        "the expression \"{text}\" does not fall strictly between x = {} and {} (the stoichiometry window): garnet needs an invertible OCP",
                        grid[bad],
                        grid[bad + 1]
                    ),
                });
            }
            let (mut a, mut b) = (i_lo, i_hi);
            while a > 0 && good(a - 1) {
                a -= 1;
            }
            while b + 1 < n && good(b + 1) {
                b += 1;
            }
            let (lo, hi) = (grid[a], grid[b + 1]);
            let mut xs: Vec<f64> = (0..=64)
                .map(|i| lo + (hi - lo) * i as f64 / 64.0)
                .chain([x_min, x_max])
                .collect();
            xs.sort_by(f64::total_cmp);
            xs.dedup_by(|p, q| (*p - *q).abs() < 1e-12);
            let table = loop {
                let ys: Vec<f64> = xs.iter().map(|&x| e.eval(x)).collect();
                let t = OcvTable::new(&xs, &ys).map_err(to_err)?;
                let mut next = Vec::with_capacity(2 * xs.len());
                for w in xs.windows(2) {
                    next.push(w[0]);
                    let m = 0.5 * (w[0] + w[1]);
                    let misses = [0.25, 0.5, 0.75].iter().any(|f| {
                        let q = w[0] + f * (w[1] - w[0]);
                        (t.voltage(q) - e.eval(q)).abs() > OCP_TOL
                    });
                    if misses && m > w[0] && m < w[1] {
                        next.push(m);
                    }
                }
                next.push(xs[xs.len() - 1]);
                if next.len() == xs.len() || next.len() > 1000 {
                    break t;
                }
                xs = next;
            };
            let n = table.stoichiometry().len();
            (
                table,
                format!(
                    "BPX expression sampled at {n} points over x = {lo}–{hi} (within {} mV)",
                    OCP_TOL * 1e3
                ),
            )
        }
    };
    let (lo, hi) = table.0.span();
    if x_min < lo || x_max > hi {
        return Err(BpxError::Value {
            path: node.path.clone(),
            message: format!(
                "the table covers x = {lo}–{hi}, not the whole stoichiometry window {x_min}–{x_max}"
            ),
        });
    }
    Ok(table)
}
