//! Writing an imported BPX file as a garnet design (TOML text with comments).

use garnet_materials::physics::{arrhenius_factor, ActivationEnergy};
use garnet_units::constants::ELEMENTARY_CHARGE;

use crate::import::{BpxImport, T_REF_GARNET};
use crate::keys::*;
use crate::BpxError;

/// Placeholders for what BPX cannot give a garnet cell.
const SEPARATOR_GARNET: &str = "LLZTO";
/// Li|garnet area-specific resistance placeholder (Ω m²): 10 Ω cm², a treated interface.
const ANODE_ASR: f64 = 10e-4;

/// A TOML string literal.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number as TOML writes it exactly (shortest round-trip form).
fn num(v: f64) -> String {
    format!("{v:?}")
}

/// A quantity string in SI units, exact.
fn qty(v: f64, unit: &str) -> String {
    quote(&format!("{v:?} {unit}"))
}

/// Choices the BPX file cannot make for a garnet design.
#[derive(Debug, Clone, Default)]
pub struct DesignOptions {
    /// Knowledge-base cathode (density and practical capacity; every model value is
    /// written explicitly).
    pub cathode_material: String,
    /// Lower cut-off (V) instead of the OCP at the BPX maximum stoichiometry.
    pub voltage_min: Option<f64>,
    /// Upper cut-off (V) instead of the OCP at the BPX minimum stoichiometry.
    pub voltage_max: Option<f64>,
}

/// The design text.
///
/// Cut-offs: by default the OCP at the BPX stoichiometry limits (the window BPX's
/// cell uses at open circuit). A BPX window is set by the full cell's balance; with
/// a Li-metal anode nothing stops the cathode there, and where its OCP is flat at the
/// window's end (LFP) any overpotential reaches that cut-off at once, so
/// [`DesignOptions::voltage_min`] can move it (it must lie within the OCP table).
pub fn design_toml(imp: &BpxImport, opts: &DesignOptions) -> Result<String, BpxError> {
    let cathode_material = opts.cathode_material.as_str();
    let c = &imp.cathode;
    let (u_lo, u_hi) = {
        let (a, b) = c.ocv.span();
        (c.ocv.voltage(b), c.ocv.voltage(a))
    };
    for (name, v) in [
        ("voltage_min", opts.voltage_min),
        ("voltage_max", opts.voltage_max),
    ] {
        if let Some(v) = v {
            if !(u_lo..=u_hi).contains(&v) {
                return Err(BpxError::Value {
                    path: format!("--{}", name.replace('_', "-")),
                    message: format!(
                        "{v} V is outside the imported OCP's range {u_lo:.4}–{u_hi:.4} V"
                    ),
                });
            }
        }
    }
    let g = |k: &str| imp.garnet_numbers.get(k).copied();
    let name = |k: &str| imp.garnet_names.get(k).cloned();
    let ours = !imp.garnet_numbers.is_empty();
    let mut s = String::new();
    let mut line = |text: String| {
        s.push_str(&text);
        s.push('\n');
    };
    line("# Imported from a BPX file by `garnet bpx import`.".into());
    line(format!(
        "# BPX {} ({} model): {}",
        imp.version,
        imp.model,
        imp.title.as_deref().unwrap_or("(no title)")
    ));
    line("# [BPX]: taken from the file (SI; diffusivity and exchange current moved to".into());
    line("# 25 °C with the file's activation energies). ESTIMATE: a garnet placeholder".into());
    line("# for what BPX cannot describe (a BPX cell has a liquid electrolyte and a host".into());
    line("# anode; a garnet cell a single-ion garnet and Li metal): check these first.".into());
    if ours {
        line("# This file was written by `garnet bpx export`: its `User-defined` garnet".into());
        line("# values restore the separator, interfaces and films.".into());
    }
    line("version = 1".into());
    line(format!(
        "name = {}",
        quote(imp.title.as_deref().unwrap_or("Imported from BPX"))
    ));
    if let Some(d) = &imp.description {
        line(format!("description = {}", quote(d)));
    }
    line(format!(
        "temperature = {}   # [BPX] {}",
        qty(imp.temperature.0, "K"),
        imp.temperature.1
    ));
    line(format!(
        "area = {}   # [BPX] Electrode area {} m2 × {} electrode pair(s)",
        qty(imp.area(), "m2"),
        imp.electrode_area,
        imp.pairs
    ));
    line(format!(
        "nominal_capacity = {}   # [BPX] Nominal cell capacity (defines 1C)",
        qty(imp.nominal_capacity / 3600.0, "Ah")
    ));
    let (v_min, v_max) = imp.voltage_window();
    match opts.voltage_min {
        Some(v) => line(format!(
            "voltage_min = {}   # given on import (the OCP at the BPX Maximum stoichiometry {} is {v_min} V)",
            qty(v, "V"),
            c.x_max
        )),
        None if imp.li_metal_negative => line(format!(
            "voltage_min = {}   # [BPX] Lower voltage cut-off (Li-metal negative electrode)",
            qty(v_min, "V")
        )),
        None => line(format!(
            "voltage_min = {}   # [BPX] OCP at Maximum stoichiometry {} (BPX full-cell cut-off {} V)",
            qty(v_min, "V"),
            c.x_max,
            imp.cell_cutoffs.0
        )),
    }
    match opts.voltage_max {
        Some(v) => line(format!(
            "voltage_max = {}   # given on import (the OCP at the BPX Minimum stoichiometry {} is {v_max} V)",
            qty(v, "V"),
            c.x_min
        )),
        None if imp.li_metal_negative => line(format!(
            "voltage_max = {}   # [BPX] Upper voltage cut-off (Li-metal negative electrode)",
            qty(v_max, "V")
        )),
        None => line(format!(
            "voltage_max = {}   # [BPX] OCP at Minimum stoichiometry {} (BPX full-cell cut-off {} V)",
            qty(v_max, "V"),
            c.x_min,
            imp.cell_cutoffs.1
        )),
    }
    if let Some(soc) = imp.initial_soc {
        line(format!(
            "initial_soc = {}   # [BPX] State.Initial conditions",
            num(soc)
        ));
    }

    line(String::new());
    line("[separator]".into());
    let sep_material = name(D_SEPARATOR);
    line(format!(
        "material = {}   # {}",
        quote(sep_material.as_deref().unwrap_or(SEPARATOR_GARNET)),
        if sep_material.is_some() {
            "garnet (User-defined)"
        } else {
            "ESTIMATE: BPX names no garnet; Ta-doped LLZO"
        }
    ));
    line(format!(
        "thickness = {}   # [BPX] Separator.Thickness{}",
        qty(imp.separator_thickness, "m"),
        if ours {
            ""
        } else {
            " — ESTIMATE for a garnet: BPX's is a porous polymer's"
        }
    ));
    let sep_sigma = g(G_SEP_SIGMA).or(imp.single_ion_conductivity);
    if let Some(sigma) = sep_sigma {
        line(format!(
            "conductivity = {}   # [BPX] single-ion electrolyte conductivity",
            qty(sigma, "S/m")
        ));
    }
    // Li2CO3 layers kept as layers where their resistance is not folded in elsewhere:
    // on the cathode face (a series resistance of its own) and, with an ohmic
    // Li|garnet interface, on the anode face (G_ANODE_R is then that layer alone).
    let ohmic_anode = g(G_ANODE_OHMIC).is_some_and(|v| v > 0.5);
    if let (Some(t), Some(_)) = (g(G_CO3_CATHODE), g(G_FACE).filter(|r| *r > 0.0)) {
        line(format!(
            "carbonate_cathode_side = {}   # garnet (User-defined)",
            qty(t, "m")
        ));
        line("carbonate_cathode_location = \"separator-face\"".into());
    }
    if let (true, Some(t)) = (ohmic_anode, g(G_CO3_ANODE)) {
        line(format!(
            "carbonate_anode_side = {}   # garnet (User-defined)",
            qty(t, "m")
        ));
    }

    line(String::new());
    line("[cathode]".into());
    line(format!(
        "material = {}   # knowledge-base entry (density, practical capacity); every model value below is explicit",
        quote(cathode_material)
    ));
    if c.thin_film {
        line("structure = \"thin-film\"   # garnet (User-defined)".into());
    }
    line(format!(
        "thickness = {}   # [BPX] Positive electrode.Thickness",
        qty(c.thickness, "m")
    ));
    line(format!(
        "active_fraction = {}   # [BPX] {} (Surface area per unit volume × radius{})",
        num(c.active_fraction),
        if c.thin_film { "a·L" } else { "a·R/3" },
        if c.thin_film { "" } else { " / 3" }
    ));
    if !c.thin_film {
        line(format!(
            "electrolyte_fraction = {}   # [BPX] Porosity (the liquid's volume fraction there; the garnet's here)",
            num(c.electrolyte_fraction)
        ));
        // σ_e,eff = σ_e·τ_BPX where σ_e is BPX's electrolyte conductivity; garnet
        // writes σ_e,eff = σ_bulk·ε^b, so b = ln(τ·σ_e/σ_bulk)/ln ε.
        let (bulk, b) = match (g(G_CAT_SIGMA), sep_sigma) {
            (Some(bulk), Some(sigma_e)) => (
                Some(bulk),
                (c.transport_efficiency * sigma_e / bulk).ln() / c.electrolyte_fraction.ln(),
            ),
            _ => (
                sep_sigma,
                c.transport_efficiency.ln() / c.electrolyte_fraction.ln(),
            ),
        };
        line(format!(
            "bruggeman = {}   # [BPX] ln(Transport efficiency {}) / ln(Porosity)",
            num(b),
            c.transport_efficiency
        ));
        if let Some(m) = name(D_COMPOSITE) {
            line(format!(
                "electrolyte_material = {}   # garnet (User-defined)",
                quote(&m)
            ));
        }
        match bulk {
            Some(v) => line(format!(
                "electrolyte_conductivity = {}   # garnet bulk σ of the composite's garnet",
                qty(v, "S/m")
            )),
            None => line(
                "# electrolyte_conductivity: ESTIMATE — from the separator garnet's σ(T) in the knowledge base"
                    .into(),
            ),
        }
        line(format!(
            "particle_radius = {}   # [BPX] Particle radius",
            qty(c.particle_radius, "m")
        ));
    }
    line(format!(
        "electronic_conductivity = {}   # [BPX] Conductivity (already effective)",
        qty(c.electronic_conductivity, "S/m")
    ));
    line("electronic_bruggeman = 0.0   # so that garnet uses it as given".into());
    line(format!(
        "diffusivity = {}   # [BPX] Diffusivity at 25 °C",
        qty(c.diffusivity, "m2/s")
    ));
    line(format!(
        "diffusivity_activation_energy = {}   # [BPX]",
        qty(c.ea_diffusivity, "J/mol")
    ));
    line(format!(
        "exchange_current_density = {}   # [BPX] F·k/2 at x = 0.5 and 25 °C, k = {} mol/m2/s at {} K",
        qty(c.j0, "A/m2"),
        c.rate_constant,
        imp.reference_temperature
    ));
    line(format!(
        "kinetic_activation_energy = {}   # [BPX] Reaction rate constant activation energy",
        qty(c.ea_kinetic, "J/mol")
    ));
    line(format!(
        "max_concentration = {}   # [BPX] Maximum concentration",
        qty(c.c_max, "mol/m3")
    ));
    match g(G_CONTACT) {
        Some(f) => line(format!("contact_fraction = {}   # garnet (User-defined)", num(f))),
        None => line(
            "contact_fraction = 1.0   # ESTIMATE: full wetting, as in a liquid cell; a sintered garnet composite has less"
                .into(),
        ),
    }
    match g(G_CONNECTED) {
        Some(chi) => line(format!(
            "connected_fraction = {}   # garnet (User-defined)",
            num(chi)
        )),
        None => line(
            "connected_fraction = 1.0   # ESTIMATE: a liquid reaches every particle; garnet's default (random-packing percolation) is for a sintered garnet composite"
                .into(),
        ),
    }
    if let Some(a) = g(G_SPOT_RADIUS).filter(|a| *a > 0.0) {
        line(format!(
            "contact_spot_radius = {}   # garnet (User-defined)",
            qty(a, "m")
        ));
    }
    if let Some(cdl) = g(G_CDL_CATHODE) {
        line(format!(
            "double_layer_capacitance = {}   # garnet (User-defined)",
            qty(cdl, "F/m2")
        ));
    }
    if let Some(r) = g(G_FILM).filter(|r| *r > 0.0) {
        // The films' total resistance as one interlayer: t/σ = R.
        let t = g(G_CEI_THICKNESS).filter(|t| *t > 0.0).unwrap_or(1e-9);
        line(format!(
            "interlayer = {}   # garnet (User-defined); carries all cathode-side films (CEI + Li2CO3)",
            quote(&name(D_INTERLAYER).unwrap_or_else(|| "Li3BO3".to_string()))
        ));
        line(format!("interlayer_thickness = {}", qty(t, "m")));
        line(format!(
            "interlayer_conductivity = {}   # thickness / {} ohm m2",
            qty(t / r, "S/m"),
            r
        ));
    }
    line(String::new());
    line(format!(
        "[cathode.ocv_table]   # [BPX] OCP [V]: {}",
        c.ocv_origin
    ));
    let list = |v: &[f64]| v.iter().map(|x| num(*x)).collect::<Vec<_>>().join(", ");
    line(format!("stoichiometry = [{}]", list(c.ocv.stoichiometry())));
    line(format!("voltage = [{}]", list(c.ocv.voltage_nodes())));

    line(String::new());
    line("[anode]".into());
    line("material = \"Li\"   # garnet models a Li-metal anode; BPX's negative electrode is not used".into());
    // Design values of the interface are at 25 °C; the User-defined ones at the cell
    // temperature: undo the Arrhenius shift (rates × f, resistances ÷ f).
    let ea = g(G_ANODE_EA).unwrap_or(0.0);
    let f = arrhenius_factor(
        ActivationEnergy::PerParticle(ea),
        imp.temperature.0,
        T_REF_GARNET,
    );
    if g(G_ANODE_EA).is_some() {
        line(format!(
            "interface_activation_energy = {}   # garnet (User-defined)",
            qty(ea / ELEMENTARY_CHARGE, "eV")
        ));
    }
    match (
        ohmic_anode,
        g(G_ANODE_J0),
        g(G_ANODE_R),
        g(G_ANODE_R_INTERFACE),
    ) {
        (true, _, _, Some(r)) => {
            line("interface_model = \"ohmic\"   # garnet (User-defined)".into());
            line(format!(
                "interface_resistance = {}   # garnet (User-defined), at 25 °C",
                qty(r * f, "ohm m2")
            ));
        }
        (_, Some(j0), r, _) => {
            line(format!(
                "exchange_current_density = {}   # garnet (User-defined), at 25 °C",
                qty(j0 / f, "A/m2")
            ));
            if let Some(r) = r.filter(|r| *r > 0.0) {
                line(format!(
                    "interface_resistance = {}   # garnet (User-defined), Li2CO3 included, at 25 °C",
                    qty(r * f, "ohm m2")
                ));
            }
        }
        _ => line(format!(
            "interface_resistance = {}   # ESTIMATE: a treated Li|garnet interface (10 ohm cm2)",
            qty(ANODE_ASR, "ohm m2")
        )),
    }
    if let Some(cdl) = g(G_CDL_ANODE) {
        line(format!(
            "double_layer_capacitance = {}   # garnet (User-defined)",
            qty(cdl, "F/m2")
        ));
    }
    Ok(s)
}
