//! `garnet report DESIGN.toml [-o report.html]`: one design in, one self-contained
//! HTML report out (and a summary on the terminal).
//!
//! What the report computes is gathered into [`ReportData`] first (all simulations,
//! the mass budget, the §6.1 targets, interface chemistry, the Table 2 comparison);
//! [`crate::commands::report_html`] only renders it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use garnet_cell::budget::{design_budget, DesignBudget};
use garnet_cell::{
    resistance_breakdown, simulate_impedance, CellParams, Design, ImpedancePoint, Protocol,
    ResistanceBreakdown, Simulator, Summary,
};
use garnet_cite::{Bibliography, Provenance};
use garnet_interface::check::{StackCheck, StackSpec};
use garnet_interface::screen::{ScreenSpec, Screening};
use garnet_interface::ThermoData;
use garnet_lit::Architecture;
use garnet_materials::MaterialDb;
use serde::Serialize;

use crate::cli::MaterialsSource;
use crate::commands::materials::load_db;
use crate::output::{sig, write_atomic};

/// `garnet report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Design file (TOML with units; see docs/design.md).
    pub design: PathBuf,
    /// Where to write the HTML report.
    #[arg(short, long, default_value = "report.html")]
    pub output: PathBuf,
    /// Also write the report's numbers as JSON to this file.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Do not print the terminal summary.
    #[arg(long)]
    pub quiet: bool,
    #[command(flatten)]
    pub source: MaterialsSource,
}

/// Discharge rates of the voltage curves (C-rates).
const CURVE_RATES: [f64; 4] = [0.1, 0.5, 1.0, 2.0];
/// Rates of the Ragone plot (C-rates).
const RAGONE_RATES: [f64; 9] = [0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0];
/// §6.1 current capability (A/m²): 5 mA/cm².
const CAPABILITY_CURRENT: f64 = 50.0;
/// Share of the C/10 capacity a 5 mA/cm² discharge must deliver to count as met.
const CAPABILITY_SHARE: f64 = 0.8;

/// How a §6.1 target came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetStatus {
    /// The simulated value meets the target.
    Met,
    /// It does not.
    NotMet,
    /// garnet does not model what the target is about.
    NotModelled,
}

impl TargetStatus {
    /// As printed.
    pub fn label(self) -> &'static str {
        match self {
            TargetStatus::Met => "met",
            TargetStatus::NotMet => "not met",
            TargetStatus::NotModelled => "not modelled",
        }
    }
}

/// One row of the §6.1 target table.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    /// Stable id.
    pub id: &'static str,
    /// What is asked.
    pub criterion: &'static str,
    /// The target as printed.
    pub target: &'static str,
    /// The design's value as text, when modelled.
    pub value: Option<String>,
    /// Outcome.
    pub status: TargetStatus,
    /// How the value was obtained.
    pub basis: String,
}

/// One constant-current discharge.
#[derive(Debug, Clone, Serialize)]
pub struct RateRun {
    /// Label, e.g. "1C" or "5 mA/cm²".
    pub label: String,
    /// Current density (A/m²).
    pub current_density_a_m2: f64,
    /// (capacity mAh/g, voltage V) along the discharge.
    #[serde(skip)]
    pub curve: Vec<(f64, f64)>,
    /// Its summary.
    pub summary: Summary,
}

/// A Ragone point.
#[derive(Debug, Clone, Serialize)]
pub struct RagonePoint {
    /// C-rate.
    pub c_rate: f64,
    /// Specific energy of the cathode composite vs Li (Wh/kg).
    pub composite_wh_per_kg: f64,
    /// Its specific power (W/kg).
    pub composite_w_per_kg: f64,
    /// Specific energy of the stack (Wh/kg).
    pub stack_wh_per_kg: f64,
    /// Its specific power (W/kg).
    pub stack_w_per_kg: f64,
}

/// A reported cell placed on the comparison plot.
#[derive(Debug, Clone, Serialize)]
pub struct LitPoint {
    /// Table 2 id.
    pub id: String,
    /// Strategy.
    pub architecture: Architecture,
    /// Cathode.
    pub cathode: String,
    /// Cell impedance (Ω cm²).
    pub impedance_ohm_cm2: f64,
    /// Initial discharge capacity (mAh/g).
    pub capacity_mah_g: f64,
}

/// Everything the report shows.
#[derive(Debug, Clone, Serialize)]
pub struct ReportData {
    /// Design name.
    pub name: String,
    /// Design description.
    pub description: Option<String>,
    /// Design file as given.
    pub design_file: String,
    /// Key parameters (label, value) for the summary table.
    pub parameters: Vec<(String, String)>,
    /// §6.1 targets.
    pub targets: Vec<Target>,
    /// The discharge at 1C with the resistance breakdown.
    pub at_1c: Summary,
    /// The §5.1 breakdown.
    pub resistance: ResistanceBreakdown,
    /// Voltage curves.
    pub curves: Vec<RateRun>,
    /// The 5 mA/cm² discharge, when it ran.
    pub capability: Option<RateRun>,
    /// Energy efficiency of a 1C charge followed by a 1C discharge.
    pub energy_efficiency: Option<f64>,
    /// Ragone points.
    pub ragone: Vec<RagonePoint>,
    /// Layers (name, thickness µm, density g/cm³, areal mass mg/cm², source).
    pub layers: Vec<(String, f64, f64, f64, String)>,
    /// Cathode composite specific energy vs Li at 1C (Wh/kg).
    pub composite_wh_per_kg: Option<f64>,
    /// Stack specific energy at 1C (Wh/kg).
    pub stack_wh_per_kg: f64,
    /// Stack energy density at 1C (Wh/L).
    pub stack_wh_per_l: f64,
    /// Areal capacity at 1C (mAh/cm²).
    pub areal_capacity_mah_cm2: f64,
    /// Current density at 1C (mA/cm²).
    pub current_density_1c_ma_cm2: f64,
    /// Inactive share of the stack mass.
    pub inactive_mass_fraction: f64,
    /// Simulated impedance at half charge.
    #[serde(skip)]
    pub impedance: Vec<ImpedancePoint>,
    /// Stack chemistry check, or why it could not run.
    #[serde(skip)]
    pub interface: Result<StackCheck, String>,
    /// Interlayer screening, or why it could not run.
    #[serde(skip)]
    pub screening: Result<Screening, String>,
    /// The design's strategy.
    pub architecture: Architecture,
    /// Reported cells with impedance and capacity.
    pub literature: Vec<LitPoint>,
    /// What garnet does not model.
    pub not_modelled: Vec<&'static str>,
    /// Warnings.
    pub warnings: Vec<String>,
    /// Sources: (key, full reference).
    pub references: Vec<(String, String)>,
    /// Seconds spent computing.
    pub compute_s: f64,
}

/// What garnet does not model, listed in every report.
const NOT_MODELLED: [&str; 6] = [
    "cycle life and capacity fade (the 1000-cycle target of §6.1)",
    "mechanical degradation: cracking, contact loss and stack pressure (Table 1 gives the moduli, the model keeps contact fixed)",
    "Li dendrites, voids and the critical current density at the Li|garnet interface",
    "secondary phases growing during co-sintering or cycling (the interface check only flags them)",
    "heat generation and temperature gradients (isothermal model)",
    "cost, scalability and manufacturing (§6.2–6.3)",
];

fn run_cc(
    p: &CellParams,
    label: String,
    protocol: &Protocol,
    current_density: f64,
) -> anyhow::Result<RateRun> {
    let mut sim = Simulator::new(p.clone());
    let mut y = sim.initial_state();
    let run = sim
        .run(protocol, &mut y)
        .with_context(|| format!("discharge at {label}"))?;
    let grams = p.active_mass * 1e3;
    let curve = run
        .samples
        .iter()
        .map(|s| (s.capacity_mah / grams, s.breakdown.voltage))
        .collect();
    Ok(RateRun {
        label,
        current_density_a_m2: current_density,
        curve,
        summary: Summary::of(&run, p),
    })
}

fn source_text(prov: &Provenance) -> String {
    match prov {
        Provenance::Cited(c) => format!("[{}]", c.key),
        Provenance::Estimated { reason } => format!("estimate: {reason}"),
        Provenance::Fitted { dataset } => format!("fitted to {dataset}"),
        Provenance::Computed { method, inputs } => {
            let keys: Vec<String> = inputs.iter().map(|c| format!("[{}]", c.key)).collect();
            if keys.is_empty() {
                method.clone()
            } else {
                format!("{method} {}", keys.join(" "))
            }
        }
    }
}

fn architecture_of(p: &CellParams, interlayer: bool) -> Architecture {
    if interlayer {
        Architecture::ArtificialCei
    } else if p.thin_film {
        Architecture::DirectCoating
    } else {
        Architecture::CompositeCathode
    }
}

/// Compute everything the report shows.
pub fn compute(design: &Design, p: &CellParams, db: &MaterialDb) -> anyhow::Result<ReportData> {
    let t0 = Instant::now();
    let file = design.file();
    let mut warnings = p.warnings.clone();
    let mut keys: Vec<String> = vec!["kurian2024".to_string()];
    let add_keys = |prov: &Provenance, keys: &mut Vec<String>| {
        for c in prov.citations() {
            if !keys.contains(&c.key) {
                keys.push(c.key.clone());
            }
        }
    };
    for (_, prov) in &p.provenance {
        add_keys(prov, &mut keys);
    }

    // Discharges.
    let one_c = run_cc(
        p,
        "1C".to_string(),
        &Protocol::discharge(1.0),
        p.c_rate_to_current_density(1.0),
    )?;
    let resistance = resistance_breakdown(p, None, 1.0)?;
    let at_1c = one_c.summary.clone().with_resistance(&resistance);
    let mut curves = Vec::new();
    for rate in CURVE_RATES {
        let label = if rate < 1.0 {
            format!("C/{}", sig(1.0 / rate, 3))
        } else {
            format!("{}C", sig(rate, 3))
        };
        if rate == 1.0 {
            curves.push(one_c.clone());
            continue;
        }
        match run_cc(
            p,
            label.clone(),
            &Protocol::discharge(rate),
            p.c_rate_to_current_density(rate),
        ) {
            Ok(r) => curves.push(r),
            Err(e) => warnings.push(format!("discharge at {label} failed: {e:#}")),
        }
    }
    let slow_capacity = curves
        .iter()
        .find(|c| c.current_density_a_m2 == p.c_rate_to_current_density(0.1))
        .map(|c| c.summary.capacity_mah);
    let capability = match Protocol::from_strings(&["Discharge at 5 mA/cm2"], 1) {
        Ok(proto) => match run_cc(p, "5 mA/cm²".to_string(), &proto, CAPABILITY_CURRENT) {
            Ok(r) => Some(r),
            Err(e) => {
                warnings.push(format!("discharge at 5 mA/cm² failed: {e:#}"));
                None
            }
        },
        Err(e) => return Err(e.into()),
    };
    let energy_efficiency = {
        let proto =
            Protocol::from_strings(&["Discharge at 1C", "Charge at 1C", "Discharge at 1C"], 1)?;
        let mut sim = Simulator::new(p.clone());
        let mut y = sim.initial_state();
        match sim.run(&proto, &mut y) {
            Ok(run) => Summary::of(&run, p).energy_efficiency,
            Err(e) => {
                warnings.push(format!("1C charge–discharge failed: {e:#}"));
                None
            }
        }
    };

    // Mass budget at 1C.
    let q_areal = at_1c.capacity_mah * 3.6 / p.area;
    let budget: DesignBudget =
        design_budget(design.label(), file, p, db, q_areal, at_1c.mean_voltage_v)?;
    warnings.extend(budget.warnings.iter().cloned());
    for (_, prov) in &budget.layers {
        add_keys(prov, &mut keys);
    }
    let b = &budget.budget;
    let composite_mass = budget
        .layers
        .iter()
        .filter(|(l, _)| l.role == garnet_cell::stack::LayerRole::CathodeComposite)
        .map(|(l, _)| l.thickness * l.density)
        .sum::<f64>();
    let mut ragone = Vec::new();
    for rate in RAGONE_RATES {
        let r = if rate == 1.0 {
            Ok(one_c.clone())
        } else {
            run_cc(p, format!("{rate}C"), &Protocol::discharge(rate), 0.0)
        };
        if let Ok(r) = r {
            let s = &r.summary;
            if s.discharge_time_s <= 0.0 || s.energy_mwh <= 0.0 {
                continue;
            }
            let e_areal = s.energy_mwh * 3.6 / p.area; // J/m²
            let pw = e_areal / s.discharge_time_s; // W/m²
            ragone.push(RagonePoint {
                c_rate: rate,
                composite_wh_per_kg: e_areal / composite_mass / 3600.0,
                composite_w_per_kg: pw / composite_mass,
                stack_wh_per_kg: e_areal / b.areal_mass / 3600.0,
                stack_w_per_kg: pw / b.areal_mass,
            });
        }
    }

    // Impedance at half charge, 1 MHz … 1 mHz.
    let freqs: Vec<f64> = (0..=54).map(|i| 10f64.powf(6.0 - i as f64 / 6.0)).collect();
    let impedance = simulate_impedance(p, Some(0.5), &freqs)?;

    // Interface chemistry.
    let cathode = file.cathode.material.clone();
    let garnet = file
        .separator
        .material
        .clone()
        .unwrap_or_else(|| "LLZO".to_string());
    let interface = ThermoData::embedded()
        .map_err(|e| e.to_string())
        .and_then(|data| {
            garnet_interface::check::check(
                db,
                &data,
                &StackSpec {
                    cathode: cathode.clone(),
                    electrolyte: garnet.clone(),
                    interlayer: file.cathode.interlayer.clone(),
                    anode: Some("Li".to_string()),
                    cosinter_c: None,
                    voltage_v: Some(p.v_max),
                },
            )
            .map_err(|e| e.to_string())
        });
    if let Ok(c) = &interface {
        for s in &c.sources {
            if !keys.contains(&s.citation.key) {
                keys.push(s.citation.key.clone());
            }
        }
    }
    let screening = ThermoData::embedded()
        .map_err(|e| e.to_string())
        .and_then(|data| {
            garnet_interface::screen::screen(
                db,
                &data,
                &ScreenSpec {
                    cathode: cathode.clone(),
                    electrolyte: garnet.clone(),
                    cosinter_c: 700.0,
                    thickness_m: 10e-9,
                    elements: garnet_interface::screen::DEFAULT_ELEMENTS
                        .iter()
                        .map(|s| s.to_string())
                        .collect(),
                },
            )
            .map_err(|e| e.to_string())
        });

    // Table 2.
    let lit = garnet_lit::CellDb::embedded()?;
    let literature: Vec<LitPoint> = lit
        .cells()
        .iter()
        .filter_map(|c| {
            let unit_ok = c
                .capacity_unit
                .as_deref()
                .is_none_or(|u| u.contains("mAh/g") || u.contains("mA h g"));
            match (c.impedance_ohm_cm2, c.capacity_value) {
                (Some(z), Some(q)) if unit_ok && z > 0.0 && q > 0.0 => Some(LitPoint {
                    id: c.id.clone(),
                    architecture: c.architecture,
                    cathode: c.cathode.clone(),
                    impedance_ohm_cm2: z,
                    capacity_mah_g: q,
                }),
                _ => None,
            }
        })
        .collect();
    let architecture = architecture_of(p, file.cathode.interlayer.is_some());

    // Targets.
    let targets = targets(
        p,
        &at_1c,
        &resistance,
        b,
        slow_capacity,
        capability.as_ref(),
        energy_efficiency,
    );

    let bib = Bibliography::embedded()?;
    let references = keys
        .iter()
        .map(|k| match bib.resolve(k) {
            Ok(r) => (k.clone(), r.reference.clone()),
            Err(e) => (k.clone(), format!("(unresolved: {e})")),
        })
        .collect();

    let parameters = parameters(p, file);
    let layers = budget
        .layers
        .iter()
        .map(|(l, prov)| {
            (
                l.name.clone(),
                l.thickness * 1e6,
                l.density / 1e3,
                l.thickness * l.density * 1e2,
                source_text(prov),
            )
        })
        .collect();
    Ok(ReportData {
        name: file
            .name
            .clone()
            .unwrap_or_else(|| design.label().to_string()),
        description: file.description.clone(),
        design_file: design.label().to_string(),
        parameters,
        targets,
        at_1c,
        resistance,
        curves,
        capability,
        energy_efficiency,
        ragone,
        layers,
        composite_wh_per_kg: b.cathode_specific_energy.map(|e| e / 3600.0),
        stack_wh_per_kg: b.specific_energy / 3600.0,
        stack_wh_per_l: b.energy_density / 3.6e6,
        areal_capacity_mah_cm2: q_areal / 3.6 / 1e4,
        current_density_1c_ma_cm2: b.current_density_1c * 0.1,
        inactive_mass_fraction: b.inactive_mass_fraction,
        impedance,
        interface,
        screening,
        architecture,
        literature,
        not_modelled: NOT_MODELLED.to_vec(),
        warnings,
        references,
        compute_s: t0.elapsed().as_secs_f64(),
    })
}

fn parameters(p: &CellParams, file: &garnet_cell::DesignFile) -> Vec<(String, String)> {
    let mut v = vec![
        (
            "temperature".to_string(),
            format!("{} °C", sig(p.temperature - 273.15, 4)),
        ),
        (
            "electrode area".to_string(),
            format!("{} cm²", sig(p.area * 1e4, 4)),
        ),
        (
            "separator".to_string(),
            format!(
                "{} {} µm, σ = {} S/cm",
                file.separator.material.as_deref().unwrap_or("garnet"),
                sig(p.l_sep * 1e6, 4),
                sig(p.sigma_sep / 100.0, 3)
            ),
        ),
        (
            "cathode".to_string(),
            format!(
                "{} {}, {} µm, ε_am = {}, ε_garnet = {}",
                file.cathode.material,
                if p.thin_film {
                    "thin film"
                } else {
                    "composite"
                },
                sig(p.l_cat * 1e6, 4),
                sig(p.eps_active, 3),
                sig(p.eps_electrolyte, 3)
            ),
        ),
        (
            "active loading".to_string(),
            format!("{} mg/cm²", sig(p.active_mass / p.area * 1e2, 4)),
        ),
        ("contact fraction".to_string(), sig(p.contact_fraction, 3)),
        (
            "voltage window".to_string(),
            format!("{} – {} V", sig(p.v_min, 4), sig(p.v_max, 4)),
        ),
        (
            "1C".to_string(),
            format!(
                "{} mAh ({} mA/cm²)",
                sig(p.nominal_capacity / 3.6, 4),
                sig(p.c_rate_to_current_density(1.0) * 0.1, 4)
            ),
        ),
    ];
    if let (Some(name), Some(t)) = (&file.cathode.interlayer, &file.cathode.interlayer_thickness) {
        v.push(("artificial CEI".to_string(), format!("{name}, {t}")));
    }
    v
}

#[allow(clippy::too_many_arguments)]
fn targets(
    p: &CellParams,
    at_1c: &Summary,
    r: &ResistanceBreakdown,
    b: &garnet_cell::stack::StackBudget,
    slow_capacity: Option<f64>,
    capability: Option<&RateRun>,
    efficiency: Option<f64>,
) -> Vec<Target> {
    let status = |ok: bool| {
        if ok {
            TargetStatus::Met
        } else {
            TargetStatus::NotMet
        }
    };
    let t_c = p.temperature - 273.15;
    let mut out = vec![Target {
        id: "internal_resistance",
        criterion: "total internal resistance",
        target: "< 40 Ω cm²",
        value: Some(format!("{} Ω cm²", sig(r.r_total_ohm_cm2, 3))),
        status: status(r.r_total_ohm_cm2 < 40.0),
        basis: "sum of the four §5.1 contributions from a C/10 pulse (see the resistance chart)"
            .to_string(),
    }];
    out.push(Target {
        id: "room_temperature",
        criterion: "operation at room temperature",
        target: "≤ 30 °C",
        value: Some(format!("{} °C", sig(t_c, 4))),
        status: status(t_c <= 30.0),
        basis: "the design's temperature; the other figures are at this temperature".to_string(),
    });
    // The budget's areal energy is the 1C discharge's (capacity × mean voltage).
    match b.cathode_specific_energy.map(|e| e / 3600.0) {
        Some(wh_kg) => out.push(Target {
            id: "composite_specific_energy",
            criterion: "cathode composite specific energy vs Li",
            target: "≥ 500 Wh/kg",
            value: Some(format!("{} Wh/kg", sig(wh_kg, 3))),
            status: status(wh_kg >= 500.0),
            basis: "1C discharge energy over the composite's mass (active + garnet)".to_string(),
        }),
        None => out.push(Target {
            id: "composite_specific_energy",
            criterion: "cathode composite specific energy vs Li",
            target: "≥ 500 Wh/kg",
            value: None,
            status: TargetStatus::NotModelled,
            basis: "no cathode composite layer in the budget".to_string(),
        }),
    }
    let areal = at_1c.capacity_mah_per_cm2;
    out.push(Target {
        id: "areal_capacity",
        criterion: "areal capacity",
        target: "≥ 5 mAh/cm²",
        value: Some(format!("{} mAh/cm²", sig(areal, 3))),
        status: status(areal >= 5.0),
        basis: "1C discharge to the lower cut-off".to_string(),
    });
    match (capability, slow_capacity) {
        (Some(c), Some(slow)) if slow > 0.0 => {
            let share = c.summary.capacity_mah / slow;
            out.push(Target {
                id: "current_density",
                criterion: "current capability",
                target: "≥ 5 mA/cm²",
                value: Some(format!(
                    "{} % of the C/10 capacity at 5 mA/cm²",
                    sig(100.0 * share, 3)
                )),
                status: status(share >= CAPABILITY_SHARE),
                basis: format!(
                    "met when a 5 mA/cm² discharge delivers ≥ {} % of the C/10 capacity",
                    100.0 * CAPABILITY_SHARE
                ),
            });
        }
        _ => out.push(Target {
            id: "current_density",
            criterion: "current capability",
            target: "≥ 5 mA/cm²",
            value: None,
            status: TargetStatus::NotMet,
            basis: "the 5 mA/cm² discharge did not run (see warnings)".to_string(),
        }),
    }
    match at_1c.utilisation {
        Some(u) => out.push(Target {
            id: "capacity_vs_theoretical",
            criterion: "practical capacity close to theoretical",
            target: "≥ 80 % of theoretical",
            value: Some(format!("{} %", sig(100.0 * u, 3))),
            status: status(u >= 0.8),
            basis: "1C capacity per active mass over the formula's theoretical capacity"
                .to_string(),
        }),
        None => out.push(Target {
            id: "capacity_vs_theoretical",
            criterion: "practical capacity close to theoretical",
            target: "≥ 80 % of theoretical",
            value: None,
            status: TargetStatus::NotModelled,
            basis: "no theoretical capacity for this cathode".to_string(),
        }),
    }
    match efficiency {
        Some(e) => out.push(Target {
            id: "energy_efficiency",
            criterion: "energy efficiency",
            target: "> 90 %",
            value: Some(format!("{} %", sig(100.0 * e, 3))),
            status: status(e > 0.9),
            basis: "1C discharge energy over the 1C charge energy before it (CC, no hold)"
                .to_string(),
        }),
        None => out.push(Target {
            id: "energy_efficiency",
            criterion: "energy efficiency",
            target: "> 90 %",
            value: None,
            status: TargetStatus::NotMet,
            basis: "the 1C charge–discharge did not run (see warnings)".to_string(),
        }),
    }
    out.push(Target {
        id: "cycle_life",
        criterion: "cycle life",
        target: "≥ 1000 cycles at ≥ 80 %",
        value: None,
        status: TargetStatus::NotModelled,
        basis: "garnet has no degradation model".to_string(),
    });
    out
}

/// `garnet report`.
pub fn run(args: &ReportArgs) -> anyhow::Result<()> {
    let t0 = Instant::now();
    let label = args.design.display().to_string();
    let text =
        std::fs::read_to_string(&args.design).with_context(|| format!("reading design {label}"))?;
    let design = Design::from_toml(&label, &text)?;
    let db = load_db(&args.source)?;
    let params = design.resolve(&db)?;
    let data = compute(&design, &params, &db)?;
    let html = crate::commands::report_html::render(&data)?;
    write_atomic(&args.output, html.as_bytes())?;
    if let Some(path) = &args.json {
        let text = serde_json::to_string_pretty(&data)?;
        write_atomic(path, text.as_bytes())?;
    }
    if !args.quiet {
        print_summary(&data, &args.output, t0.elapsed().as_secs_f64());
    }
    Ok(())
}

fn print_summary(d: &ReportData, out: &Path, seconds: f64) {
    println!("{}", d.name);
    println!(
        "  1C: {} mAh/g, {} mAh/cm², mean {} V; composite {} Wh/kg vs Li; stack {} Wh/kg, {} Wh/L",
        d.at_1c
            .capacity_mah_per_g
            .map(|v| sig(v, 4))
            .unwrap_or_else(|| "–".into()),
        sig(d.areal_capacity_mah_cm2, 3),
        sig(d.at_1c.mean_voltage_v, 4),
        d.composite_wh_per_kg
            .map(|v| sig(v, 3))
            .unwrap_or_else(|| "–".into()),
        sig(d.stack_wh_per_kg, 3),
        sig(d.stack_wh_per_l, 3),
    );
    let r = &d.resistance;
    println!(
        "  resistance (Ω cm²): electronic {}, separator {}, composite ionic {}, interfacial {}; total {}",
        sig(r.r_electronic_ohm_cm2, 3),
        sig(r.r_separator_ohm_cm2, 3),
        sig(r.r_composite_ionic_ohm_cm2, 3),
        sig(r.r_interface_ohm_cm2, 3),
        sig(r.r_total_ohm_cm2, 3)
    );
    println!("  §6.1 targets:");
    for t in &d.targets {
        println!(
            "    {:<13} {:<42} {:<24} {}",
            t.status.label(),
            t.criterion,
            t.target,
            t.value.as_deref().unwrap_or("")
        );
    }
    if !d.warnings.is_empty() {
        println!("  {} warning(s), listed in the report", d.warnings.len());
    }
    println!("report: {} ({} s)", out.display(), sig(seconds, 2));
}
