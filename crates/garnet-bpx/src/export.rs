//! garnet → BPX: write a resolved design as a BPX 1.1 document.
//!
//! What BPX can hold is written in its own fields; what it cannot (the Li-metal
//! anode, the single-ion garnet, interfaces, films, contact) goes into
//! `User-defined` under `garnet: …` keys (numbers, SI) and `garnet …: name` lines of
//! the header's `Description`, and is listed in [`Export::not_expressible`].

use garnet_cell::{CellParams, DesignFile, InterfaceModel};
use garnet_materials::ocv::OcvCurve;
use garnet_units::constants::{AVOGADRO, FARADAY};
use serde_json::{json, Map, Value};

use crate::import::Skipped;
use crate::keys::*;
use crate::BpxError;

/// The BPX version written.
pub const BPX_VERSION: &str = "1.1.0";

/// Li metal: molar volume 13.0 cm³/mol → 76 900 mol/m³ (placeholder anode).
const LI_CONCENTRATION: f64 = 76_900.0;
/// Separator porosity: a dense garnet is "all electrolyte", 1, but PyBaMM computes the
/// Bruggeman exponent as ln(τ)/ln(ε), so 1 cannot be loaded there.
const SEPARATOR_POROSITY: f64 = 0.999;
/// Electrolyte diffusivity placeholder (m²/s): with t₊ = 1 no salt gradient forms.
const ELECTROLYTE_D_PLACEHOLDER: f64 = 1e-10;

/// A BPX document and what it could not say.
#[derive(Debug, Clone)]
pub struct Export {
    /// The BPX JSON.
    pub json: Value,
    /// What BPX cannot express (each also in `User-defined` where it is a number).
    pub not_expressible: Vec<Skipped>,
}

/// Write `p` (resolved from `d`) as BPX, section by section: the OCP table, the
/// positive electrode, the Li-metal placeholder negative electrode, the single-ion
/// electrolyte and the dense separator, the cell, garnet's `User-defined` numbers,
/// the header's description with garnet's names, and the initial state.
pub fn export(p: &CellParams, d: &DesignFile) -> Result<Export, BpxError> {
    let mut notes = Vec::new();
    let t = p.temperature;
    let (xs, ys) = ocp_table(p, &mut notes)?;
    let positive = positive_electrode(p, xs, ys, &mut notes);
    let negative = negative_electrode(p, &mut notes);
    let (electrolyte, separator) = electrolyte_and_separator(p, &mut notes);
    let cell = cell(p, &mut notes);
    let user = user_defined(p, d, &mut notes)?;
    let description = description(p, d);
    let doc = json!({
        "Header": {
            "BPX": BPX_VERSION,
            "Title": p.name,
            "Description": description,
            "Model": "DFN",
        },
        "Parameterisation": {
            CELL: cell,
            ELECTROLYTE: electrolyte,
            NEGATIVE: negative,
            POSITIVE: positive,
            SEPARATOR: separator,
            USER: Value::Object(user),
        },
        "State": {
            "Initial conditions": {
                "Initial state-of-charge": initial_soc(p),
                "Initial temperature [K]": t,
                "Initial electrolyte concentration [mol.m-3]": 1000.0,
            },
            "Thermal environment": {
                "Ambient temperature [K]": t,
            },
        },
    });
    note(
        &mut notes,
        "(not written)",
        "mass-budget-only fields ([stack], anode.thickness/excess, separator density), [reported], [mesh] and [solver] have no BPX counterpart (BPX's Cell.Density is one lumped value)",
    );
    note(
        &mut notes,
        "State.Initial conditions.Initial electrolyte concentration [mol.m-3]",
        "a placeholder (1000): the garnet's Li concentration is fixed, so it only sets c_e0 in BPX's exchange current, where it cancels",
    );
    Ok(Export {
        json: doc,
        not_expressible: notes,
    })
}

/// Record what BPX cannot express.
fn note(notes: &mut Vec<Skipped>, path: &str, reason: &str) {
    notes.push(Skipped {
        path: path.to_string(),
        reason: reason.to_string(),
    })
}

/// Activation energy per particle (J) → per mole (J/mol), BPX's unit.
fn molar(ea_particle: f64) -> f64 {
    ea_particle * AVOGADRO
}

/// The OCP as a table (x, U) over the curve's valid range, with the window's ends as
/// nodes; a fit is tabulated within 0.02 mV.
fn ocp_table(p: &CellParams, notes: &mut Vec<Skipped>) -> Result<(Vec<f64>, Vec<f64>), BpxError> {
    let (lo, hi) = p.ocv.valid_range();
    let table = match &p.ocv {
        OcvCurve::Tabulated(t) => t.clone(),
        curve => curve
            .tabulate(lo, hi, 2e-5, 4000)
            .map_err(|e| BpxError::Export {
                field: "cathode.ocv".to_string(),
                message: e.to_string(),
            })?,
    };
    let mut xs: Vec<f64> = table.stoichiometry().to_vec();
    for x in [p.x_charged, p.x_discharged] {
        if !xs.iter().any(|v| (v - x).abs() < 1e-12) {
            xs.push(x);
        }
    }
    xs.sort_by(f64::total_cmp);
    let ys: Vec<f64> = xs.iter().map(|&x| p.ocv.voltage(x)).collect();
    if !matches!(p.ocv, OcvCurve::Tabulated(_)) {
        note(
            notes,
            "Positive electrode.OCP [V]",
            &format!(
                "garnet's {} fit is written as a table of {} points (PCHIP-interpolated in garnet, within 0.02 mV; BPX tools interpolate linearly)",
                p.ocv.id(),
                xs.len()
            ),
        );
    }
    Ok((xs, ys))
}

/// `Positive electrode`: geometry, a = 3ε/R (a thin film: ε/L), porosity = garnet
/// fraction, transport efficiency σ_e,eff/σ_sep, k = 2·j₀/F, Eₐ per mole.
fn positive_electrode(
    p: &CellParams,
    xs: Vec<f64>,
    ys: Vec<f64>,
    notes: &mut Vec<Skipped>,
) -> Value {
    let sigma_e_ref = p.sigma_sep;
    let (porosity, tau, radius, area_per_volume) = if p.thin_film {
        note(
            notes,
            "Positive electrode",
            "a thin-film cathode: BPX has no planar electrode; written as particles of radius = film thickness with a = ε/L, porosity 0 (not runnable in a DFN as is)",
        );
        (0.0, 0.0, p.radius, p.eps_active / p.radius)
    } else {
        (
            p.eps_electrolyte,
            p.sigma_e_eff / sigma_e_ref,
            p.radius,
            3.0 * p.eps_active / p.radius,
        )
    };
    if tau > 1.0 {
        note(
            notes,
            "Positive electrode.Transport efficiency",
            "above 1: the composite's garnet conducts better than the separator's (BPX has one electrolyte conductivity)",
        );
    }
    // garnet's thin film puts its one reaction site mid-film (σ_s,eff = σ·ε^b/2, see
    // garnet_cell::design); BPX gets the film's own conductivity.
    let sigma_s = if p.thin_film {
        2.0 * p.sigma_s_eff
    } else {
        p.sigma_s_eff
    };
    let positive = json!({
        "Thickness [m]": p.l_cat,
        "Particle radius [m]": radius,
        "Surface area per unit volume [m-1]": area_per_volume,
        "Porosity": porosity,
        "Transport efficiency": tau,
        "Conductivity [S.m-1]": sigma_s,
        "Diffusivity [m2.s-1]": p.diffusivity,
        "Diffusivity activation energy [J.mol-1]": molar(p.ea_diffusivity),
        "OCP [V]": {"x": xs, "y": ys},
        "Reaction rate constant [mol.m-2.s-1]": 2.0 * p.j0_cathode / FARADAY,
        "Reaction rate constant activation energy [J.mol-1]": molar(p.ea_kinetic),
        "Maximum concentration [mol.m-3]": p.c_max,
        "Minimum stoichiometry": p.x_charged,
        "Maximum stoichiometry": p.x_discharged,
        "Entropic change coefficient [V.K-1]": 0.0,
    });
    note(
        notes,
        "Positive electrode.Entropic change coefficient [V.K-1]",
        "written as 0: garnet's OCV curves are isothermal fits (PyBaMM's models need the field)",
    );
    positive
}

/// `Negative electrode`: a Li-metal placeholder, as close to a planar Li|garnet
/// interface as a porous electrode gets: 1 µm thin, ionically transparent (transport
/// efficiency 1), tiny fast particles, holding 3× the cathode's Li, and a rate
/// constant that gives garnet's exchange current per electrode area
/// (j₀,a = F·k/2 per particle area × a·L).
fn negative_electrode(p: &CellParams, notes: &mut Vec<Skipped>) -> Value {
    let (l_neg, eps_neg, r_neg) = (1e-6, 0.5, 1e-7);
    let a_neg = 3.0 * eps_neg / r_neg;
    let li_needed = p.stoichiometric_capacity() / (FARADAY * p.area * l_neg * eps_neg * 0.98);
    let c_neg = (3.0 * li_needed).max(LI_CONCENTRATION);
    let negative = json!({
        "Thickness [m]": l_neg,
        "Particle radius [m]": r_neg,
        "Surface area per unit volume [m-1]": a_neg,
        "Porosity": 1.0 - eps_neg,
        "Transport efficiency": 1.0,
        "Conductivity [S.m-1]": 1.1e7,
        "Diffusivity [m2.s-1]": 1e-9,
        "OCP [V]": 0.0,
        "Reaction rate constant [mol.m-2.s-1]": 2.0 * p.j0_anode / (FARADAY * a_neg * l_neg),
        "Maximum concentration [mol.m-3]": c_neg,
        "Minimum stoichiometry": 0.01,
        "Maximum stoichiometry": 0.99,
        "Entropic change coefficient [V.K-1]": 0.0,
    });
    note(
        notes,
        "Negative electrode",
        "garnet's anode is Li metal (a planar interface at 0 V vs Li): BPX needs a porous host electrode, so a placeholder is written: OCP 0 V, 1 µm, transport efficiency 1, 0.1 µm particles, a maximum concentration that holds 3× the cathode's Li (not Li's 76 900 mol/m³ where that is too little), and a rate constant giving garnet's Li|garnet exchange current per electrode area",
    );
    if p.anode_resistance > 0.0 {
        note(
            notes,
            "User-defined.garnet: Li|garnet series resistance [Ohm.m2]",
            "the Li|garnet interface resistance (with any anode-side Li2CO3) has no BPX field",
        );
    }
    negative
}

/// `Electrolyte` (the single-ion garnet as a "binary" electrolyte with t₊ = 1) and
/// `Separator` (dense: transport efficiency 1).
fn electrolyte_and_separator(p: &CellParams, notes: &mut Vec<Skipped>) -> (Value, Value) {
    let electrolyte = json!({
        "Cation transference number": 1.0,
        "Conductivity [S.m-1]": p.sigma_sep,
        "Diffusivity [m2.s-1]": ELECTROLYTE_D_PLACEHOLDER,
    });
    note(
        notes,
        "Electrolyte",
        "BPX assumes a binary liquid electrolyte; the garnet is single-ion: written with t₊ = 1 and the separator garnet's conductivity at the cell temperature (no activation energy); Electrolyte.Diffusivity is a placeholder (1e-10 m²/s, inert with t₊ = 1)",
    );
    if !p.thin_film {
        note(
            notes,
            "Positive electrode.Transport efficiency",
            "carries the composite's effective ionic conductivity over the separator garnet's (σ_e,eff/σ_sep), so that BPX's σ_e·τ is garnet's σ_e,eff",
        );
    }
    let separator = json!({
        "Thickness [m]": p.l_sep,
        "Porosity": SEPARATOR_POROSITY,
        "Transport efficiency": 1.0,
    });
    note(
        notes,
        "Separator",
        "a dense single-ion garnet: transport efficiency 1, so its conductivity is the electrolyte's; porosity 0.999 rather than 1 because PyBaMM's BPX import divides by ln(porosity) (with t₊ = 1 the porosity only scales an electrolyte concentration that never changes)",
    );
    (electrolyte, separator)
}

/// `Cell`: one electrode pair of the design's area, its cut-offs and capacity, at the
/// cell temperature.
fn cell(p: &CellParams, notes: &mut Vec<Skipped>) -> Value {
    let cell = json!({
        "Electrode area [m2]": p.area,
        "Number of electrode pairs connected in parallel to make a cell": 1,
        "Lower voltage cut-off [V]": p.v_min,
        "Upper voltage cut-off [V]": p.v_max,
        "Nominal cell capacity [A.h]": p.nominal_capacity / 3600.0,
        "Reference temperature [K]": p.temperature,
        "External surface area [m2]": 2.0 * p.area,
        "Volume [m3]": p.area * (p.l_sep + p.l_cat),
    });
    note(
        notes,
        "Cell.External surface area [m2], Cell.Volume [m3]",
        "optional in BPX but read by PyBaMM's BPX import: the two faces of the electrode area and the separator + cathode volume (no current collectors, anode or packaging); garnet's model is isothermal",
    );
    cell
}

/// `User-defined`: garnet's numbers that BPX cannot express (keys in
/// [`crate::keys`], SI).
fn user_defined(
    p: &CellParams,
    d: &DesignFile,
    notes: &mut Vec<Skipped>,
) -> Result<Map<String, Value>, BpxError> {
    let mut user = Map::new();
    let mut put = |k: &str, v: f64| {
        user.insert(k.to_string(), json!(v));
    };
    put(G_SEP_SIGMA, p.sigma_sep);
    if !p.thin_film {
        // Bulk σ of the composite's garnet: σ_e,eff = σ·ε^b.
        let b = d.cathode.bruggeman.unwrap_or(1.5);
        put(G_CAT_SIGMA, p.sigma_e_eff / p.eps_electrolyte.powf(b));
    }
    put(G_CONTACT, p.contact_fraction);
    put(G_ANODE_J0, p.j0_anode);
    put(G_ANODE_R, p.anode_resistance);
    put(G_FILM, p.film_resistance);
    put(G_CDL_CATHODE, p.c_dl_cathode);
    put(G_CDL_ANODE, p.c_dl_anode);
    put(G_THIN_FILM, if p.thin_film { 1.0 } else { 0.0 });
    put(G_CONNECTED, p.connected_fraction);
    put(G_SPOT_RADIUS, p.contact_spot_radius);
    put(G_CONSTRICTION, p.constriction_resistance);
    put(G_CONTACT_DIFFUSION, p.contact_diffusion_factor);
    put(G_FACE, p.cathode_face_resistance);
    put(
        G_ANODE_OHMIC,
        if p.anode_interface_model == InterfaceModel::Ohmic {
            1.0
        } else {
            0.0
        },
    );
    put(G_ANODE_R_INTERFACE, p.anode_interface_resistance);
    put(G_ANODE_EA, p.ea_anode_interface);
    if p.carbon_fraction > 0.0 {
        put(G_CARBON, p.carbon_fraction);
    }
    for (key, field, text) in [
        (
            G_CEI_THICKNESS,
            "cathode.interlayer_thickness",
            &d.cathode.interlayer_thickness,
        ),
        (
            G_CO3_CATHODE,
            "separator.carbonate_cathode_side",
            &d.separator.carbonate_cathode_side,
        ),
        (
            G_CO3_ANODE,
            "separator.carbonate_anode_side",
            &d.separator.carbonate_anode_side,
        ),
    ] {
        if let Some(v) = length(field, text)? {
            put(key, v);
        }
    }
    if !p.sigma_s_eff_table.is_empty() {
        note(
            notes,
            "Positive electrode.Conductivity [S.m-1]",
            "garnet's electronic conductivity depends on the state of charge (cathode.electronic_conductivity from the knowledge base's σ_s(x)); BPX holds one value: the one at the initial state",
        );
    }
    if p.contact_fraction < 1.0 {
        note(
            notes,
            "User-defined.garnet: contact fraction",
            "the share of the particle surface touching the garnet has no BPX field (a liquid wets everything)",
        );
    }
    if p.cathode_face_resistance > 0.0 {
        note(
            notes,
            "User-defined.garnet: Li2CO3 on the separator's cathode face [Ohm.m2]",
            "Li2CO3 on the separator's face towards the cathode (a series resistance per electrode area) has no BPX field",
        );
    }
    if p.anode_interface_model == InterfaceModel::Ohmic {
        note(
            notes,
            "User-defined.garnet: Li|garnet interface ohmic, … interface resistance [Ohm.m2]",
            "an ohmic Li|garnet interface (j = Δφ/R) has no BPX form: the placeholder negative electrode carries its small-signal equivalent j₀ = RT/(F·R), exact at low current only",
        );
    }
    if p.film_resistance > 0.0 {
        note(
            notes,
            "User-defined.garnet: cathode film resistance [Ohm.m2]",
            "the artificial CEI and cathode-side Li2CO3 (a resistance in series with the kinetics) have no BPX field",
        );
    }
    if p.connected_fraction < 1.0 {
        note(
            notes,
            "User-defined.garnet: connected fraction of the active material",
            "active material cut off from the garnet or electronic network (percolation) has no BPX field: BPX's active material volume fraction is all of it, so a BPX reader would use more capacity than garnet",
        );
    }
    if p.constriction_resistance > 0.0 || p.contact_diffusion_factor < 1.0 {
        note(
            notes,
            "User-defined.garnet: constriction resistance [Ohm.m2]",
            "the constriction of a partial contact (a series resistance on the garnet side, a slower solid diffusion on the particle side) has no BPX field; BPX's diffusivity is the material's",
        );
    }
    if p.series_layers
        .iter()
        .any(|l| l.kind == garnet_cell::SeriesLayerKind::SeparatorGrainBoundary)
    {
        note(
            notes,
            "separator.grain_size, separator.grain_boundary_*",
            "the separator's split into grain interiors and grain boundaries (brick layer) has no BPX field: its total conductivity is written",
        );
    }
    if d.separator.relative_permittivity.is_some() {
        note(
            notes,
            "separator.relative_permittivity",
            "the dielectric capacitances of the layers in series (separator bulk and grain boundaries, Li2CO3) have no BPX field; they shape only the simulated spectrum",
        );
    }
    if p.c_dl_cathode > 0.0 || p.c_dl_anode > 0.0 {
        note(
            notes,
            "User-defined.garnet: … double-layer capacitance [F.m-2]",
            "double layers have no BPX field",
        );
    }
    Ok(user)
}

/// A design length in metres, if given.
fn length(field: &str, text: &Option<String>) -> Result<Option<f64>, BpxError> {
    text.as_ref()
        .map(|t| {
            garnet_units::Quantity::parse_as(field, t, garnet_units::Dimension::LENGTH)
                .map(|q| q.value)
                .map_err(|e| BpxError::Export {
                    field: field.to_string(),
                    message: e.to_string(),
                })
        })
        .transpose()
}

/// `Header.Description`: what the file is, and garnet's names as `garnet …: name`
/// lines (free text: PyBaMM's BPX import turns every `User-defined` entry,
/// `description` included, into a number).
fn description(p: &CellParams, d: &DesignFile) -> String {
    let mut description = format!(
        "garnet design '{}': {} cathode, garnet single-ion separator, Li-metal anode. Exported by garnet {} (garnet bpx export); the 'garnet: ...' numbers under User-defined (SI units) are what BPX cannot express, and garnet bpx import reads them and the lines below back.",
        p.name, d.cathode.material, env!("CARGO_PKG_VERSION")
    );
    let mut name = |k: &str, v: Option<&String>| {
        if let Some(v) = v {
            description.push_str(&format!("\n{k}: {v}"));
        }
    };
    name(D_CATHODE, Some(&d.cathode.material));
    name(D_SEPARATOR, d.separator.material.as_ref());
    name(D_COMPOSITE, d.cathode.electrolyte_material.as_ref());
    name(D_INTERLAYER, d.cathode.interlayer.as_ref());
    description
}

/// The initial state of charge in the design's window (1 for an empty window).
fn initial_soc(p: &CellParams) -> f64 {
    let x_span = p.x_discharged - p.x_charged;
    if x_span > 0.0 {
        ((p.x_discharged - p.x_init) / x_span).clamp(0.0, 1.0)
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use garnet_materials::MaterialDb;

    fn resolved(text: &str) -> (CellParams, DesignFile) {
        let d = garnet_cell::parse_design("t.toml", text).unwrap();
        let p = garnet_cell::resolve("t.toml", &d, &MaterialDb::embedded().unwrap()).unwrap();
        (p, d)
    }

    fn flagship() -> (CellParams, DesignFile) {
        resolved(include_str!("../../../examples/flagship.toml"))
    }

    fn thin_film() -> (CellParams, DesignFile) {
        resolved(include_str!(
            "../../../examples/table2-lco-linbo3-thin-film.toml"
        ))
    }

    #[test]
    fn ocp_table_has_the_window_ends_as_nodes() {
        let (p, _) = flagship();
        let mut notes = Vec::new();
        let (xs, ys) = ocp_table(&p, &mut notes).unwrap();
        assert!(xs.windows(2).all(|w| w[0] < w[1]));
        for x in [p.x_charged, p.x_discharged] {
            let i = xs.iter().position(|v| (v - x).abs() < 1e-12).unwrap();
            assert_eq!(ys[i], p.ocv.voltage(xs[i]));
        }
        assert_eq!(notes.len(), 1, "a fit written as a table is noted");
    }

    #[test]
    fn positive_electrode_in_bpx_terms() {
        let (p, _) = flagship();
        let v = positive_electrode(&p, vec![0.0, 1.0], vec![4.0, 3.0], &mut Vec::new());
        assert_eq!(
            v["Surface area per unit volume [m-1]"],
            json!(3.0 * p.eps_active / p.radius)
        );
        assert_eq!(v["Porosity"], json!(p.eps_electrolyte));
        assert_eq!(
            v["Transport efficiency"],
            json!(p.sigma_e_eff / p.sigma_sep)
        );
        assert_eq!(
            v["Reaction rate constant [mol.m-2.s-1]"],
            json!(2.0 * p.j0_cathode / FARADAY)
        );
        assert_eq!(
            v["Diffusivity activation energy [J.mol-1]"],
            json!(p.ea_diffusivity * AVOGADRO)
        );
        assert_eq!(v["Minimum stoichiometry"], json!(p.x_charged));
        let (p, _) = thin_film();
        let mut notes = Vec::new();
        let v = positive_electrode(&p, vec![0.0, 1.0], vec![4.0, 3.0], &mut notes);
        assert_eq!(v["Porosity"], json!(0.0));
        assert_eq!(v["Conductivity [S.m-1]"], json!(2.0 * p.sigma_s_eff));
        assert_eq!(notes[0].path, "Positive electrode");
    }

    #[test]
    fn issue14_grain_boundaries_and_permittivity_are_listed_as_not_held() {
        let text = include_str!("../../../examples/flagship.toml").replacen(
            "relative_density = 0.96",
            "relative_density = 0.96\ngrain_size = \"5 um\"\ngrain_boundary_conductivity = \"2e-4 S/m\"\ngrain_boundary_activation_energy = \"0.45 eV\"\ngrain_boundary_thickness = \"2 nm\"\nrelative_permittivity = 50",
            1,
        );
        let (p, d) = resolved(&text);
        let mut notes = Vec::new();
        let u = user_defined(&p, &d, &mut notes).unwrap();
        // BPX's separator conductivity is the total, which the split keeps.
        assert_eq!(u[G_SEP_SIGMA], json!(p.sigma_sep));
        let paths: Vec<&str> = notes.iter().map(|n| n.path.as_str()).collect();
        assert!(paths.contains(&"separator.grain_size, separator.grain_boundary_*"));
        assert!(paths.contains(&"separator.relative_permittivity"));
        // The flagship as it is resolves no grain boundaries: no such note.
        let (p, d) = flagship();
        let mut notes = Vec::new();
        user_defined(&p, &d, &mut notes).unwrap();
        assert!(notes.iter().all(|n| !n.path.starts_with("separator.")));
    }

    #[test]
    fn negative_placeholder_carries_the_li_garnet_exchange_current() {
        let (p, _) = flagship();
        let v = negative_electrode(&p, &mut Vec::new());
        assert_eq!(v["OCP [V]"], json!(0.0));
        let k = v["Reaction rate constant [mol.m-2.s-1]"].as_f64().unwrap();
        let a = v["Surface area per unit volume [m-1]"].as_f64().unwrap();
        let l = v["Thickness [m]"].as_f64().unwrap();
        // j₀ per electrode area = F·k/2 per particle area × a·L.
        assert!((FARADAY * k / 2.0 * a * l - p.j0_anode).abs() < 1e-9 * p.j0_anode);
    }

    #[test]
    fn electrolyte_cell_and_state() {
        let (p, _) = flagship();
        let (e, s) = electrolyte_and_separator(&p, &mut Vec::new());
        assert_eq!(e["Cation transference number"], json!(1.0));
        assert_eq!(e["Conductivity [S.m-1]"], json!(p.sigma_sep));
        assert_eq!(s["Thickness [m]"], json!(p.l_sep));
        let c = cell(&p, &mut Vec::new());
        assert_eq!(
            c["Nominal cell capacity [A.h]"],
            json!(p.nominal_capacity / 3600.0)
        );
        assert_eq!(c["Reference temperature [K]"], json!(p.temperature));
        let soc = initial_soc(&p);
        assert!((0.0..=1.0).contains(&soc));
        let empty = CellParams {
            x_discharged: p.x_charged,
            ..p
        };
        assert_eq!(initial_soc(&empty), 1.0);
    }

    #[test]
    fn carbon_fraction_and_soc_dependent_conductivity_are_noted() {
        let (p, d) = resolved(include_str!(
            "../../../examples/pybamm-xu2019-halfcell.toml"
        ));
        let mut notes = Vec::new();
        let u = user_defined(&p, &d, &mut notes).unwrap();
        assert_eq!(u[G_CARBON], json!(0.151));
        let (mut p, _) = flagship();
        assert!(user_defined(&p, &d, &mut Vec::new())
            .unwrap()
            .get(G_CARBON)
            .is_none());
        p.sigma_s_eff_table = vec![(0.25, 1.0), (1.0, 1e-5)];
        let mut notes = Vec::new();
        user_defined(&p, &d, &mut notes).unwrap();
        assert!(notes.iter().any(|n| n.path.contains("Conductivity")));
    }

    #[test]
    fn user_defined_numbers_and_names() {
        let (p, d) = flagship();
        let mut notes = Vec::new();
        let u = user_defined(&p, &d, &mut notes).unwrap();
        assert_eq!(u[G_SEP_SIGMA], json!(p.sigma_sep));
        assert_eq!(u[G_FILM], json!(p.film_resistance));
        assert_eq!(u[G_CEI_THICKNESS], json!(10e-9));
        assert_eq!(u[G_THIN_FILM], json!(0.0));
        // The composite's bulk σ undoes the Bruggeman factor.
        let b = d.cathode.bruggeman.unwrap_or(1.5);
        let bulk = u[G_CAT_SIGMA].as_f64().unwrap();
        assert!((bulk * p.eps_electrolyte.powf(b) - p.sigma_e_eff).abs() < 1e-12 * p.sigma_e_eff);
        assert!(notes
            .iter()
            .any(|n| n.path.contains("cathode film resistance")));
        let text = description(&p, &d);
        assert!(
            text.contains(&format!("\n{D_CATHODE}: {}", d.cathode.material)),
            "{text}"
        );
        assert!(
            text.contains(&format!("\n{D_INTERLAYER}: Li3BO3")),
            "{text}"
        );
        let mut bad = d.clone();
        bad.cathode.interlayer_thickness = Some("10 nm2".into());
        let e = user_defined(&p, &bad, &mut Vec::new()).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("export: cathode.interlayer_thickness"),
            "{e}"
        );
    }
}
