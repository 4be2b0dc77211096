//! garnet → BPX: write a resolved design as a BPX 1.1 document.
//!
//! What BPX can hold is written in its own fields; what it cannot (the Li-metal
//! anode, the single-ion garnet, interfaces, films, contact) goes into
//! `User-defined` under `garnet: …` keys (numbers, SI) and `garnet …: name` lines of
//! the header's `Description`, and is listed in [`Export::not_expressible`].

use garnet_cell::{CellParams, DesignFile};
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

/// Write `p` (resolved from `d`) as BPX.
pub fn export(p: &CellParams, d: &DesignFile) -> Result<Export, BpxError> {
    let mut notes = Vec::new();
    let mut note = |path: &str, reason: &str| {
        notes.push(Skipped {
            path: path.to_string(),
            reason: reason.to_string(),
        })
    };
    let t = p.temperature;
    let molar = |ea_particle: f64| ea_particle * AVOGADRO;

    // OCP: the curve as a table over its valid range, with the window's ends as nodes.
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
            "Positive electrode.OCP [V]",
            &format!(
                "garnet's {} fit is written as a table of {} points (PCHIP-interpolated in garnet, within 0.02 mV; BPX tools interpolate linearly)",
                p.ocv.id(),
                xs.len()
            ),
        );
    }

    // Positive electrode.
    let sigma_e_ref = p.sigma_sep;
    let (porosity, tau, radius, area_per_volume) = if p.thin_film {
        note(
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
        "Positive electrode.Entropic change coefficient [V.K-1]",
        "written as 0: garnet's OCV curves are isothermal fits (PyBaMM's models need the field)",
    );

    // Negative electrode: a Li-metal placeholder, as close to a planar Li|garnet
    // interface as a porous electrode gets: 1 µm thin, ionically transparent
    // (transport efficiency 1), tiny fast particles, holding 3× the cathode's Li, and
    // a rate constant that gives garnet's exchange current per electrode area
    // (j₀,a = F·k/2 per particle area × a·L).
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
        "Negative electrode",
        "garnet's anode is Li metal (a planar interface at 0 V vs Li): BPX needs a porous host electrode, so a placeholder is written: OCP 0 V, 1 µm, transport efficiency 1, 0.1 µm particles, a maximum concentration that holds 3× the cathode's Li (not Li's 76 900 mol/m³ where that is too little), and a rate constant giving garnet's Li|garnet exchange current per electrode area",
    );
    if p.anode_resistance > 0.0 {
        note(
            "User-defined.garnet: Li|garnet series resistance [Ohm.m2]",
            "the Li|garnet interface resistance (with any anode-side Li2CO3) has no BPX field",
        );
    }

    // Electrolyte: the single-ion garnet as a "binary" electrolyte with t₊ = 1.
    let electrolyte = json!({
        "Cation transference number": 1.0,
        "Conductivity [S.m-1]": sigma_e_ref,
        "Diffusivity [m2.s-1]": ELECTROLYTE_D_PLACEHOLDER,
    });
    note(
        "Electrolyte",
        "BPX assumes a binary liquid electrolyte; the garnet is single-ion: written with t₊ = 1 and the separator garnet's conductivity at the cell temperature (no activation energy); Electrolyte.Diffusivity is a placeholder (1e-10 m²/s, inert with t₊ = 1)",
    );
    if !p.thin_film {
        note(
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
        "Separator",
        "a dense single-ion garnet: transport efficiency 1, so its conductivity is the electrolyte's; porosity 0.999 rather than 1 because PyBaMM's BPX import divides by ln(porosity) (with t₊ = 1 the porosity only scales an electrolyte concentration that never changes)",
    );

    let cell = json!({
        "Electrode area [m2]": p.area,
        "Number of electrode pairs connected in parallel to make a cell": 1,
        "Lower voltage cut-off [V]": p.v_min,
        "Upper voltage cut-off [V]": p.v_max,
        "Nominal cell capacity [A.h]": p.nominal_capacity / 3600.0,
        "Reference temperature [K]": t,
        "External surface area [m2]": 2.0 * p.area,
        "Volume [m3]": p.area * (p.l_sep + p.l_cat),
    });
    note(
        "Cell.External surface area [m2], Cell.Volume [m3]",
        "optional in BPX but read by PyBaMM's BPX import: the two faces of the electrode area and the separator + cathode volume (no current collectors, anode or packaging); garnet's model is isothermal",
    );

    // garnet's own values.
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
    let si = |field: &str, text: &Option<String>| -> Result<Option<f64>, BpxError> {
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
    };
    if let Some(v) = si(
        "cathode.interlayer_thickness",
        &d.cathode.interlayer_thickness,
    )? {
        put(G_CEI_THICKNESS, v);
    }
    if let Some(v) = si(
        "separator.carbonate_cathode_side",
        &d.separator.carbonate_cathode_side,
    )? {
        put(G_CO3_CATHODE, v);
    }
    if let Some(v) = si(
        "separator.carbonate_anode_side",
        &d.separator.carbonate_anode_side,
    )? {
        put(G_CO3_ANODE, v);
    }
    if p.contact_fraction < 1.0 {
        note(
            "User-defined.garnet: contact fraction",
            "the share of the particle surface touching the garnet has no BPX field (a liquid wets everything)",
        );
    }
    if p.film_resistance > 0.0 {
        note(
            "User-defined.garnet: cathode film resistance [Ohm.m2]",
            "the artificial CEI and cathode-side Li2CO3 (a resistance in series with the kinetics) have no BPX field",
        );
    }
    if p.c_dl_cathode > 0.0 || p.c_dl_anode > 0.0 {
        note(
            "User-defined.garnet: … double-layer capacitance [F.m-2]",
            "double layers have no BPX field",
        );
    }
    // Names go in the header's description (free text): PyBaMM's BPX import turns
    // every `User-defined` entry, `description` included, into a number.
    let mut description = format!(
        "garnet design '{}': {} cathode, garnet single-ion separator, Li-metal anode. Exported by garnet bpx export; the 'garnet: ...' numbers under User-defined (SI units) are what BPX cannot express, and garnet bpx import reads them and the lines below back.",
        p.name, d.cathode.material
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

    let x_span = p.x_discharged - p.x_charged;
    let soc = if x_span > 0.0 {
        ((p.x_discharged - p.x_init) / x_span).clamp(0.0, 1.0)
    } else {
        1.0
    };
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
                "Initial state-of-charge": soc,
                "Initial temperature [K]": t,
                "Initial electrolyte concentration [mol.m-3]": 1000.0,
            },
            "Thermal environment": {
                "Ambient temperature [K]": t,
            },
        },
    });
    note(
        "(not written)",
        "mass-budget-only fields ([stack], anode.thickness/excess, separator density), [reported], [mesh] and [solver] have no BPX counterpart (BPX's Cell.Density is one lumped value)",
    );
    note(
        "State.Initial conditions.Initial electrolyte concentration [mol.m-3]",
        "a placeholder (1000): the garnet's Li concentration is fixed, so it only sets c_e0 in BPX's exchange current, where it cancels",
    );
    Ok(Export {
        json: doc,
        not_expressible: notes,
    })
}
