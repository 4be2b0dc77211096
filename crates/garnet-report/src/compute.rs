//! [`compute`]: a resolved design in, [`ReportData`] out — the discharges, the §5.1
//! breakdown, the mass budget, the impedance, the interface chemistry, the Table 2
//! comparison and the §6.1 targets. No I/O: the caller reads the design and writes
//! the page.

use std::time::Instant;

use garnet_cell::budget::design_budget;
use garnet_cell::stack::LayerRole;
use garnet_cell::{
    resistance_breakdown, simulate_impedance, CellParams, Design, ModelOptions, Protocol,
    Simulator, Summary,
};
use garnet_cite::{Bibliography, Provenance};
use garnet_interface::check::{StackCheck, StackSpec};
use garnet_interface::screen::{ScreenSpec, Screening};
use garnet_interface::{InterfaceError, ThermoData};
use garnet_lit::targets::MIN_CURRENT_MA_CM2;
use garnet_lit::Architecture;
use garnet_materials::MaterialDb;
use garnet_units::sig;

use crate::data::{LitPoint, RagonePoint, RateRun, ReportData, NOT_MODELLED};
use crate::error::error_chain;
use crate::targets::{evaluate, TargetInputs};
use crate::ReportError;

/// Discharge rates of the voltage curves (C-rates).
pub const CURVE_RATES: [f64; 4] = [0.1, 0.5, 1.0, 2.0];
/// Rates of the Ragone plot (C-rates).
pub const RAGONE_RATES: [f64; 9] = [0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0];

fn run_cc(
    p: &CellParams,
    label: String,
    protocol: &Protocol,
    current_density: f64,
) -> Result<RateRun, ReportError> {
    let mut sim = Simulator::new(p.clone());
    let mut y = sim.initial_state();
    let run = match sim.run(protocol, &mut y) {
        Ok(run) => run,
        Err(source) => {
            return Err(ReportError::Discharge {
                label,
                source: Box::new(source),
            })
        }
    };
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

/// The cited keys of a report, in order of first use, without repeats.
#[derive(Debug, Default)]
struct Keys(Vec<String>);

impl Keys {
    fn add(&mut self, key: &str) {
        if !self.0.iter().any(|k| k == key) {
            self.0.push(key.to_string());
        }
    }

    fn add_provenance(&mut self, prov: &Provenance) {
        for c in prov.citations() {
            self.add(&c.key);
        }
    }
}

/// The voltage curves at [`CURVE_RATES`] (the 1C one given), failures as warnings.
fn curves(p: &CellParams, one_c: &RateRun, warnings: &mut Vec<String>) -> Vec<RateRun> {
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
            Err(e) => warnings.push(format!("discharge at {label} failed: {}", error_chain(&e))),
        }
    }
    curves
}

/// The discharge at the §6.1 current ([`MIN_CURRENT_MA_CM2`]), a failure as a warning.
fn capability(p: &CellParams, warnings: &mut Vec<String>) -> Result<Option<RateRun>, ReportError> {
    let step = format!("Discharge at {MIN_CURRENT_MA_CM2} mA/cm2");
    let proto = Protocol::from_strings(&[step.as_str()], 1)?;
    let label = format!("{MIN_CURRENT_MA_CM2} mA/cm²");
    // mA/cm² → A/m²
    match run_cc(p, label.clone(), &proto, MIN_CURRENT_MA_CM2 * 10.0) {
        Ok(r) => Ok(Some(r)),
        Err(e) => {
            warnings.push(format!("discharge at {label} failed: {}", error_chain(&e)));
            Ok(None)
        }
    }
}

/// Energy efficiency of a 1C discharge, 1C charge, 1C discharge; a failure as a warning.
fn energy_efficiency(
    p: &CellParams,
    warnings: &mut Vec<String>,
) -> Result<Option<f64>, ReportError> {
    let proto = Protocol::from_strings(&["Discharge at 1C", "Charge at 1C", "Discharge at 1C"], 1)?;
    let mut sim = Simulator::new(p.clone());
    let mut y = sim.initial_state();
    Ok(match sim.run(&proto, &mut y) {
        Ok(run) => Summary::of(&run, p).energy_efficiency,
        Err(e) => {
            warnings.push(format!("1C charge–discharge failed: {e}"));
            None
        }
    })
}

/// The stack check and the interlayer screening of the design's cathode and garnet.
fn interface(
    p: &CellParams,
    design: &Design,
    db: &MaterialDb,
) -> (
    Result<StackCheck, InterfaceError>,
    Result<Screening, InterfaceError>,
) {
    let file = design.file();
    let cathode = file.cathode.material.clone();
    let garnet = file
        .separator
        .material
        .clone()
        .unwrap_or_else(|| "LLZO".to_string());
    let check = ThermoData::embedded().and_then(|data| {
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
    });
    let screening = ThermoData::embedded().and_then(|data| {
        garnet_interface::screen::screen(
            db,
            &data,
            &ScreenSpec {
                cathode,
                electrolyte: garnet,
                cosinter_c: 700.0,
                thickness_m: 10e-9,
                elements: garnet_interface::screen::DEFAULT_ELEMENTS
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            },
        )
    });
    (check, screening)
}

/// The reported cells of Table 2 with an impedance and a capacity in mAh/g.
fn literature() -> Result<Vec<LitPoint>, ReportError> {
    let lit = garnet_lit::CellDb::embedded()?;
    Ok(lit
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
        .collect())
}

/// Compute everything the report shows, for a design resolved (`params`) against `db`.
///
/// A failure of the 1C discharge, the resistance breakdown, the mass budget or the
/// impedance is an error; the other discharges and the interface chemistry only warn
/// (their failure is in [`ReportData::warnings`], or in
/// [`ReportData::interface`]/[`ReportData::screening`]).
pub fn compute(
    design: &Design,
    params: &CellParams,
    db: &MaterialDb,
) -> Result<ReportData, ReportError> {
    let t0 = Instant::now();
    let p = params;
    let file = design.file();
    let mut warnings = p.warnings.clone();
    let mut keys = Keys::default();
    keys.add("kurian2024");
    for (_, prov) in &p.provenance {
        keys.add_provenance(prov);
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
    let curves = curves(p, &one_c, &mut warnings);
    let slow_capacity = curves
        .iter()
        .find(|c| c.current_density_a_m2 == p.c_rate_to_current_density(0.1))
        .map(|c| c.summary.capacity_mah);
    let capability = capability(p, &mut warnings)?;
    let energy_efficiency = energy_efficiency(p, &mut warnings)?;

    // Mass budget at 1C.
    let q_areal = at_1c.capacity_mah * 3.6 / p.area;
    let budget = design_budget(design.label(), file, p, db, q_areal, at_1c.mean_voltage_v)?;
    warnings.extend(budget.warnings.iter().cloned());
    for (_, prov) in &budget.layers {
        keys.add_provenance(prov);
    }
    let b = &budget.budget;
    let composite_mass = budget
        .layers
        .iter()
        .filter(|(l, _)| l.role == LayerRole::CathodeComposite)
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

    let (interface, screening) = interface(p, design, db);
    if let Ok(c) = &interface {
        for s in &c.sources {
            keys.add(&s.citation.key);
        }
    }
    let literature = literature()?;
    let architecture = architecture_of(p, file.cathode.interlayer.is_some());

    let targets = evaluate(&TargetInputs {
        params: p,
        at_1c: &at_1c,
        resistance: &resistance,
        budget: b,
        slow_capacity_mah: slow_capacity,
        capability: capability.as_ref(),
        energy_efficiency,
    });

    let bib = Bibliography::embedded()?;
    let references = keys
        .0
        .iter()
        .map(|k| match bib.resolve(k) {
            Ok(r) => (k.clone(), r.reference.clone()),
            Err(e) => (k.clone(), format!("(unresolved: {e})")),
        })
        .collect();

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
        parameters: crate::parameters::parameters(p, file),
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
        model_options: ModelOptions::of(p),
    })
}
