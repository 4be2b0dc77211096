//! `garnet materials list | show | conductivity`.

use std::path::PathBuf;

use anyhow::Context;
use garnet_cite::{Bibliography, Provenance, Role, UsedSource};
use garnet_materials::physics::{theoretical_capacity, ConductivityTable};
use garnet_materials::{Kind, Material, MaterialDb, Value};
use garnet_plot::Style;
use garnet_units::{constants::ZERO_CELSIUS, Dimension};
use serde::Serialize;

use crate::cli::{KindArg, MaterialsCommand, MaterialsSource};
use crate::output::{print_json, print_sources, sig, table, Stamp};
use crate::UsageError;

pub fn run(cmd: MaterialsCommand) -> anyhow::Result<()> {
    match cmd {
        MaterialsCommand::List { kind, json, source } => list(kind, json, &source),
        MaterialsCommand::Show { name, json, source } => show(&name, json, &source),
        MaterialsCommand::Conductivity {
            name,
            temperature,
            plot,
            json,
            source,
        } => conductivity(&name, &temperature, plot, json, &source),
    }
}

/// The embedded database, with the user's `--materials` file merged in.
pub fn load_db(source: &MaterialsSource) -> anyhow::Result<MaterialDb> {
    let mut db = MaterialDb::embedded().context("loading the embedded materials")?;
    if let Some(path) = &source.materials {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading materials file {}", path.display()))?;
        let report = db.merge_user_file(&path.display().to_string(), &text)?;
        if !report.overridden.is_empty() {
            eprintln!(
                "note: {} overrides values of {}",
                path.display(),
                report.overridden.join(", ")
            );
        }
    }
    Ok(db)
}

fn kinds(arg: Option<KindArg>) -> Vec<Kind> {
    match arg {
        None => Kind::ALL.to_vec(),
        Some(KindArg::Electrolyte) => vec![Kind::Electrolyte],
        Some(KindArg::Cathode) => vec![Kind::Cathode],
        Some(KindArg::Interlayer) => vec![Kind::Interlayer],
        Some(KindArg::Anode) => vec![Kind::Anode, Kind::AnodeInterlayer],
    }
}

use garnet_materials::json::in_unit;

#[derive(Serialize)]
struct ListRow {
    name: String,
    formula: Option<String>,
    kind: Kind,
    aliases: Vec<String>,
    n_properties: usize,
}

fn list(kind: Option<KindArg>, json: bool, source: &MaterialsSource) -> anyhow::Result<()> {
    let db = load_db(source)?;
    let rows: Vec<ListRow> = kinds(kind)
        .into_iter()
        .flat_map(|k| db.list(Some(k)))
        .map(|m| ListRow {
            name: m.name.clone(),
            formula: m.formula.clone(),
            kind: m.kind,
            aliases: m.aliases.clone(),
            n_properties: m.properties.len(),
        })
        .collect();
    if json {
        return print_json(&rows, &Stamp::data("materials list"));
    }
    let mut t = table(&["name", "formula", "kind", "aliases", "values"]);
    for r in &rows {
        t.add_row(vec![
            r.name.clone(),
            r.formula.clone().unwrap_or_default(),
            r.kind.to_string(),
            r.aliases.join(", "),
            r.n_properties.to_string(),
        ]);
    }
    println!("{t}");
    println!(
        "{} materials. `garnet materials show NAME` prints every value with its source.",
        rows.len()
    );
    Ok(())
}

fn show(name: &str, json: bool, source: &MaterialsSource) -> anyhow::Result<()> {
    let db = load_db(source)?;
    let m = db.get(name).map_err(|e| UsageError(e.to_string()))?;
    let capacity = theoretical_capacity(m)
        .ok()
        .filter(|_| matches!(m.kind, Kind::Cathode | Kind::Anode));
    let molar_mass = m.parsed_formula.as_ref().map(|f| f.molar_mass_g_per_mol());
    if json {
        return print_json(
            &garnet_materials::json::material_json(m),
            &Stamp::data("materials show"),
        );
    }
    let bib = Bibliography::embedded()?;
    println!(
        "{} — {}{}",
        m.name,
        m.kind,
        m.formula
            .as_deref()
            .map(|f| format!(", {f}"))
            .unwrap_or_default()
    );
    if !m.aliases.is_empty() {
        println!("  also known as: {}", m.aliases.join(", "));
    }
    if let Some(phase) = m.phase {
        println!(
            "  phase: {}",
            serde_json::to_value(phase)?.as_str().unwrap_or("")
        );
    }
    if let Some(mm) = molar_mass {
        println!("  molar mass: {mm:.2} g/mol");
    }
    if let Some((q, prov)) = &capacity {
        println!("  theoretical capacity: {:.1} mAh/g ({prov})", q / 3600.0);
    }
    let mut t = table(&["property", "value", "unit", "T", "source"]);
    let mut sources = Vec::new();
    for (pname, p) in &m.properties {
        let value = match p.value {
            Value::Single(q) => sig(in_unit(q, &p.unit), 4),
            Value::Range { min, max } => format!(
                "{}–{}",
                sig(in_unit(min, &p.unit), 4),
                sig(in_unit(max, &p.unit), 4)
            ),
        };
        let temp = p
            .temperature
            .map(|t| format!("{} °C", sig(t.value - ZERO_CELSIUS, 4)))
            .unwrap_or_default();
        t.add_row(vec![
            pname.clone(),
            value,
            p.unit.clone(),
            temp,
            p.provenance.to_string(),
        ]);
        for c in p.provenance.citations() {
            sources.push(UsedSource {
                citation: c.clone(),
                role: Role::Data,
            });
        }
    }
    println!("{t}");
    if let Some(notes) = &m.notes {
        println!("Notes: {notes}");
    }
    let sources = garnet_cite::dedup_sources(sources);
    print_sources(&sources, &bib);
    Ok(())
}

fn conductivity(
    name: &str,
    temperature: &str,
    plot: Option<PathBuf>,
    json: bool,
    source: &MaterialsSource,
) -> anyhow::Result<()> {
    let temps = crate::args::values("--temperature", temperature, Dimension::TEMPERATURE)?;
    if let Some(bad) = temps.iter().find(|t| **t <= 0.0) {
        let message = format!("--temperature: {bad} K is not above absolute zero");
        return Err(UsageError(message).into());
    }
    let db = load_db(source)?;
    let m: &Material = db.get(name).map_err(|e| UsageError(e.to_string()))?;
    let report = ConductivityTable::of(m, &temps)?;
    if let Some(path) = &plot {
        let label = format!("{} (Ea = {:.2} eV)", m.name, report.activation_energy_ev);
        let points = report
            .points
            .iter()
            .map(|p| (p.temperature_k, p.sigma_s_per_cm));
        let series = garnet_plot::Series::new(label, points.collect(), Style::LinePoints);
        let title = format!("Arrhenius conductivity of {}", m.name);
        garnet_plot::figures::arrhenius(title, "σ (S/cm)", vec![series]).write(path)?;
        if !json {
            println!("wrote {}", path.display());
        }
    }
    if json {
        return print_json(&report.points, &Stamp::data("materials conductivity"));
    }
    println!(
        "{}: σ({} °C) = {} S/cm, Ea = {:.3} eV, form {}",
        report.material,
        sig(report.reference_temperature_c, 4),
        sig(report.sigma_ref_s_per_cm, 3),
        report.activation_energy_ev,
        match report.form {
            garnet_materials::ArrheniusForm::SigmaT => "σT = A exp(−Ea/kT)",
            garnet_materials::ArrheniusForm::Sigma => "σ = σ0 exp(−Ea/kT)",
        }
    );
    let mut t = table(&["T (°C)", "T (K)", "σ (S/cm)"]);
    for p in &report.points {
        t.add_row(vec![
            sig(p.temperature_c, 4),
            format!("{:.2}", p.temperature_k),
            format!("{:.3e}", p.sigma_s_per_cm),
        ]);
    }
    println!("{t}");
    for p in &report.sources {
        if let Provenance::Estimated { reason } = p {
            eprintln!("warning: estimated input: {reason}");
        }
    }
    print_sources(&report.used_sources(), &Bibliography::embedded()?);
    Ok(())
}
