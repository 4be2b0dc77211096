//! A cell design from one Table 2 row: what the row gives, and a stated default for the
//! rest.
//!
//! Rules (the same for every row):
//! - **Needs** the cathode, the architecture, the temperature and a current (C-rate,
//!   µA/cm² or mA/g); a row without one of them is not built, with the reason.
//! - **Structure**: a row printed under direct coating has no garnet in the cathode, so
//!   its Li⁺ path is the active layer itself: a `thin-film` cathode, as thick as the
//!   loading. A method that deposits from the vapour (PLD, sputtering) also gives a
//!   `thin-film`. Everything else (co-sintered, cast with garnet, infiltrated) is a
//!   `composite` of active particles in the row's garnet.
//! - **Garnet**: the row's composition from the knowledge base; where the knowledge base
//!   holds no conductivity for it (or does not know it), the stand-in of the same main
//!   dopant ([`defaults::garnet_stand_in`]), stated.
//! - **CEI**: the first entry of the CEI column that the knowledge base holds a Li⁺
//!   conductivity for becomes `cathode.interlayer` with [`defaults::INTERLAYER_THICKNESS`];
//!   the other entries (organic salts, garnet modified in place, unknown phases) and any
//!   impurity phase are listed as not modelled.
//! - **Loading**: the row's (mean of its range), else [`defaults::LOADING_MG_CM2`].
//! - Everything else from [`crate::defaults`] or the resolver's own defaults (anode
//!   interface: the bare Li|garnet value of the knowledge base), each listed.

use garnet_lit::{Architecture, Cell, InterlayerNature};
use garnet_materials::ocv::OcvCurve;
use garnet_materials::MaterialDb;
use serde::Serialize;

use crate::defaults as d;
use crate::ValidationError;

/// One value a row did not give, and why it is what it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DefaultUsed {
    /// Dotted design field (e.g. `separator.thickness`).
    pub field: String,
    /// The value, as written in the design.
    pub value: String,
    /// Where it comes from.
    pub why: String,
}

/// The current a row reports, as printed (converted once the design is resolved).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowCurrent {
    /// Current density (µA/cm²).
    DensityUaCm2(f64),
    /// Specific current per gram of active material (mA/g).
    SpecificMaG(f64),
    /// C-rate (1/h) against the design's nominal capacity.
    CRate(f64),
}

/// A design built from a row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BuiltDesign {
    /// Row id.
    pub id: String,
    /// Architecture as printed.
    pub architecture: Architecture,
    /// CEI strategy per §5.2.3 (`garnet_lit::classify`).
    pub strategy: Architecture,
    /// `composite` or `thin-film`.
    pub structure: String,
    /// Temperature (°C).
    pub temperature_c: f64,
    /// The reported current.
    pub current: RowCurrent,
    /// Reported initial discharge capacity and its unit, if any.
    pub reported_capacity: Option<(f64, String)>,
    /// Reported cell impedance (Ω cm²), an EIS total.
    pub reported_impedance_ohm_cm2: Option<f64>,
    /// The artificial CEI modelled (`cathode.interlayer`), if any.
    pub interlayer: Option<String>,
    /// The design file.
    pub design_toml: String,
    /// Every value the row did not give.
    pub defaults: Vec<DefaultUsed>,
    /// What the row names and the design leaves out.
    pub not_modelled: Vec<String>,
}

fn is_deposited(method: &str) -> bool {
    let m = method.to_lowercase();
    m.contains("pld") || m.contains("sputter")
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A row's garnet for the design: the composition itself when the knowledge base holds a
/// conductivity for it, else the dopant-family stand-in (stated in `defaults`).
fn garnet(cell: &Cell, db: &MaterialDb, defaults: &mut Vec<DefaultUsed>) -> String {
    let has_sigma = |m: &garnet_materials::Material| m.property("ionic_conductivity").is_some();
    match db.get(&cell.electrolyte) {
        Ok(m) if has_sigma(m) => m.name.clone(),
        found => {
            let stand_in = d::garnet_stand_in(&cell.electrolyte);
            let why = match found {
                Ok(m) => format!(
                    "the knowledge base holds no ionic conductivity for {} ({}): stand-in of the same main dopant",
                    cell.electrolyte, m.name
                ),
                Err(_) => format!(
                    "{} is not in the knowledge base: stand-in of the same main dopant",
                    cell.electrolyte
                ),
            };
            defaults.push(DefaultUsed {
                field: "separator.material".to_string(),
                value: stand_in.to_string(),
                why,
            });
            stand_in.to_string()
        }
    }
}

/// The design of one row, or why there is none.
pub fn build(cell: &Cell, db: &MaterialDb) -> Result<BuiltDesign, ValidationError> {
    let missing = |what: &str| ValidationError::NotBuildable {
        id: cell.id.clone(),
        reason: format!("the row gives no {what}"),
    };
    let temperature_c = cell.temperature_c.ok_or_else(|| missing("temperature"))?;
    let current = match (cell.current_ua_cm2, cell.specific_current_ma_g, cell.c_rate) {
        (Some(j), _, _) => RowCurrent::DensityUaCm2(j),
        (None, Some(s), _) => RowCurrent::SpecificMaG(s),
        (None, None, Some(c)) => RowCurrent::CRate(c),
        _ => return Err(missing("current (C-rate, µA/cm² or mA/g)")),
    };
    let cathode = db
        .get(&cell.cathode)
        .map_err(|e| ValidationError::NotBuildable {
            id: cell.id.clone(),
            reason: format!("cathode: {e}"),
        })?;
    let class = garnet_lit::classify(cell);
    let method = cell.method.clone().unwrap_or_default();
    let deposited = is_deposited(&method);
    let thin_film = cell.architecture == Architecture::DirectCoating || deposited;
    let mut defaults = Vec::new();
    let mut not_modelled = Vec::new();
    let mut put = |field: &str, value: &str, why: &str| {
        defaults.push(DefaultUsed {
            field: field.to_string(),
            value: value.to_string(),
            why: why.to_string(),
        })
    };

    put(
        "area",
        d::AREA,
        "results are per cm² and per gram; the area fixes only units",
    );
    let sputtered_se = method.to_lowercase().contains("se sputtered");
    let sep_thickness = if sputtered_se {
        put(
            "separator.thickness",
            d::SPUTTERED_SEPARATOR_THICKNESS,
            "estimate: the method says the garnet was sputtered (a film), as examples/table2-lco-linbo3-thin-film.toml",
        );
        d::SPUTTERED_SEPARATOR_THICKNESS
    } else {
        put(
            "separator.thickness",
            d::SEPARATOR_THICKNESS,
            "estimate: a sintered garnet pellet (Table 2 gives no thickness), as the Table 2 examples",
        );
        d::SEPARATOR_THICKNESS
    };
    let (loading, loading_given) = match (cell.loading_min_mg_cm2, cell.loading_max_mg_cm2) {
        (Some(a), Some(b)) => (0.5 * (a + b), true),
        (Some(a), None) | (None, Some(a)) => (a, true),
        (None, None) => (d::LOADING_MG_CM2, false),
    };
    if !loading_given {
        put(
            "cathode.loading",
            &format!("{} mg/cm2", d::LOADING_MG_CM2),
            "the median of the loadings Table 2 reports",
        );
    }
    let structure = if thin_film { "thin-film" } else { "composite" };
    put(
        "cathode.structure",
        structure,
        if deposited {
            "the method deposits the cathode from the vapour (PLD/sputtering): a dense film"
        } else if thin_film {
            "direct coating: no garnet in the cathode, the active layer is its own Li⁺ path (a film as thick as the loading)"
        } else {
            "co-sintered/cast with garnet: particles in a garnet network"
        },
    );
    let contact = if deposited {
        d::CONTACT_FRACTION_DEPOSITED
    } else {
        d::CONTACT_FRACTION_SINTERED
    };
    put(
        "cathode.contact_fraction",
        &contact.to_string(),
        if deposited {
            "a deposited dense film touches the garnet everywhere"
        } else {
            "estimate: point contacts of sintered or cast particles (review §3.2), as examples/table2-lco-li3bo3-composite.toml"
        },
    );
    let mut cathode_toml = format!(
        "material = {}\nstructure = \"{structure}\"\nloading = \"{loading} mg/cm2\"\ncontact_fraction = {contact}\ndouble_layer_capacitance = \"{}\"\n",
        toml_str(&cathode.name),
        d::DOUBLE_LAYER_CAPACITANCE
    );
    put(
        "cathode.double_layer_capacitance",
        d::DOUBLE_LAYER_CAPACITANCE,
        "estimate: the order of a double layer (20 µF/cm²), as every example",
    );
    if cathode.property("electronic_conductivity").is_none() {
        let (v, why) = d::electronic_conductivity(&cathode.name);
        cathode_toml.push_str(&format!("electronic_conductivity = \"{v}\"\n"));
        put("cathode.electronic_conductivity", v, why);
    }
    if !thin_film {
        let radius = if cathode.name == "LiFePO4" {
            (
                d::PARTICLE_RADIUS_LFP,
                "estimate: nano-LiFePO4, as examples/table2-lfp-direct-coated.toml",
            )
        } else {
            (
                d::PARTICLE_RADIUS_OXIDE,
                "estimate: as examples/table2-lco-li3bo3-composite.toml",
            )
        };
        cathode_toml.push_str(&format!(
            "active_fraction = {}\nelectrolyte_fraction = {}\nbruggeman = {}\nparticle_radius = \"{}\"\n",
            d::ACTIVE_FRACTION,
            d::ELECTROLYTE_FRACTION,
            d::BRUGGEMAN,
            radius.0
        ));
        put(
            "cathode.active_fraction",
            &d::ACTIVE_FRACTION.to_string(),
            "estimate: as examples/table2-lco-li3bo3-composite.toml",
        );
        put(
            "cathode.electrolyte_fraction",
            &d::ELECTROLYTE_FRACTION.to_string(),
            "estimate: garnet network, as examples/table2-lco-li3bo3-composite.toml",
        );
        put(
            "cathode.bruggeman",
            &d::BRUGGEMAN.to_string(),
            "Bruggeman's exponent for spheres (the resolver's default)",
        );
        put("cathode.particle_radius", radius.0, radius.1);
    }

    // The CEI column.
    let mut interlayer = None;
    for (entry, nature) in &class.interlayer_nature {
        let modelled = interlayer.is_none()
            && *nature == InterlayerNature::Inorganic
            && db
                .get(entry)
                .is_ok_and(|m| m.property("ionic_conductivity").is_some());
        if modelled {
            interlayer = db.get(entry).ok().map(|m| m.name.clone());
        } else {
            not_modelled.push(format!(
                "CEI entry '{entry}' ({}): {}",
                nature_name(*nature),
                if interlayer.is_some() {
                    "one interlayer per design; the first with a known conductivity is used"
                } else {
                    "no Li⁺ conductivity in the knowledge base"
                }
            ));
        }
    }
    if let Some(name) = &interlayer {
        cathode_toml.push_str(&format!(
            "interlayer = {}\ninterlayer_thickness = \"{}\"\n",
            toml_str(name),
            d::INTERLAYER_THICKNESS
        ));
        put(
            "cathode.interlayer_thickness",
            d::INTERLAYER_THICKNESS,
            "the one CEI thickness the review states: 10 nm Nb by PLD, Kato et al. [kato2014], review §5.2.3 [kurian2024]",
        );
    }
    for phase in cell.impurity_phase.iter().flatten() {
        not_modelled.push(format!("impurity phase '{phase}'"));
    }
    if let Some(soft) = cell.soft_additive {
        not_modelled.push(format!(
            "soft additive {soft:?} at the interface (a pseudo-solid cell, §7): the model is all-solid"
        ));
    }
    if let Some(note) = &cell.electrolyte_note {
        not_modelled.push(format!("electrolyte note '{note}'"));
    }

    let sep_material = garnet(cell, db, &mut defaults);
    defaults.push(DefaultUsed {
        field: "anode.interlayer".to_string(),
        value: "bare".to_string(),
        why: "Table 2 gives no anode interface: the knowledge base's bare Li|garnet value (the resolver's, with its warning)".to_string(),
    });
    let window = voltage_window(cathode, &mut defaults);

    let design_toml = format!(
        "version = 1\nname = {}\ntemperature = \"{temperature_c} degC\"\narea = \"{}\"\n\n{window}\n[separator]\nmaterial = {}\nthickness = \"{sep_thickness}\"\n\n[anode]\ninterlayer = \"bare\"\n\n[cathode]\n{cathode_toml}",
        toml_str(&format!("Table 2 {} ({} | {} | {})", cell.id, cell.cathode, cell.interlayer.as_ref().map(|v| v.join("+")).unwrap_or_default(), cell.electrolyte)),
        d::AREA,
        toml_str(&sep_material),
    );
    Ok(BuiltDesign {
        id: cell.id.clone(),
        architecture: cell.architecture,
        strategy: class.strategy,
        structure: structure.to_string(),
        temperature_c,
        current,
        reported_capacity: cell.capacity_value.map(|v| {
            (
                v,
                cell.capacity_unit
                    .clone()
                    .unwrap_or_else(|| "mAh/g".to_string()),
            )
        }),
        reported_impedance_ohm_cm2: cell.impedance_ohm_cm2,
        interlayer,
        design_toml,
        defaults,
        not_modelled,
    })
}

/// The cut-offs: the knowledge base's window of the cathode, narrowed to the range of
/// its OCV fit (rounded inward to 10 mV) where the fit covers less; empty when the
/// knowledge base's window fits (the resolver then reads it itself).
fn voltage_window(m: &garnet_materials::Material, defaults: &mut Vec<DefaultUsed>) -> String {
    let Some(ocv) = OcvCurve::ALL.iter().find(|o| o.material() == m.name) else {
        return String::new();
    };
    let (lo, hi) = ocv.valid_range();
    let (u_lo, u_hi) = (ocv.voltage(hi), ocv.voltage(lo));
    let mut text = String::new();
    if let Some(v) = m.si("voltage_min").filter(|v| *v < u_lo) {
        let w = (u_lo * 100.0).ceil() / 100.0;
        text.push_str(&format!("voltage_min = \"{w:.2} V\"\n"));
        defaults.push(DefaultUsed {
            field: "voltage_min".to_string(),
            value: format!("{w:.2} V"),
            why: format!("the knowledge base's {v} V narrowed to the range of the OCV fit {} ({u_lo:.3}–{u_hi:.3} V)", ocv.id()),
        });
    }
    if let Some(v) = m.si("voltage_max").filter(|v| *v > u_hi) {
        let w = (u_hi * 100.0).floor() / 100.0;
        text.push_str(&format!("voltage_max = \"{w:.2} V\"\n"));
        defaults.push(DefaultUsed {
            field: "voltage_max".to_string(),
            value: format!("{w:.2} V"),
            why: format!("the knowledge base's {v} V narrowed to the range of the OCV fit {} ({u_lo:.3}–{u_hi:.3} V)", ocv.id()),
        });
    }
    text
}

fn nature_name(n: InterlayerNature) -> &'static str {
    match n {
        InterlayerNature::Inorganic => "inorganic",
        InterlayerNature::GarnetDerived => "garnet-derived",
        InterlayerNature::OrganicSalt => "organic salt",
        InterlayerNature::Polymer => "polymer",
        InterlayerNature::IonicLiquid => "ionic liquid",
        InterlayerNature::LiquidElectrolyte => "liquid electrolyte",
        InterlayerNature::Unknown => "unknown",
    }
}
