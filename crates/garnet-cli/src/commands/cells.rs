//! `garnet cells list | show | report-card | plot`.

use anyhow::Context;
use garnet_cite::Bibliography;
use garnet_lit::query::{csv_record, list_json, report_card_json, report_cards_json, Catalogue};
use garnet_lit::{
    scatter, Architecture, CategoryField, CellDb, CellFormat, CellView, Criterion, Filter,
    NumericField, Tally,
};
use garnet_units::Dimension;
use serde_json::Value as Json;

use crate::cli::{ArchitectureArg, CellsCommand, CellsSource, LogArg};
use crate::commands::materials::load_db;
use crate::output::{print_json, sig, table, Stamp};
use crate::UsageError;

pub fn run(cmd: CellsCommand) -> anyhow::Result<()> {
    match cmd {
        CellsCommand::List {
            architecture,
            strategy,
            cathode,
            interlayer,
            min_temperature,
            max_temperature,
            sort,
            desc,
            json,
            csv,
            source,
        } => {
            let ctx = load(&source)?;
            let filter = Filter {
                architecture: architecture.map(arch),
                strategy: strategy.map(arch),
                cathode,
                interlayer,
                min_temperature_c: temperature_c("--min-temperature", min_temperature.as_deref())?,
                max_temperature_c: temperature_c("--max-temperature", max_temperature.as_deref())?,
            };
            let views = ctx
                .select(&filter, sort.as_deref(), desc)
                .map_err(|e| UsageError(e.to_string()))?;
            if json {
                let rows: Vec<Json> = views.iter().map(list_json).collect();
                return print_json(&rows, &Stamp::data("cells list"));
            }
            if csv {
                return print_csv(&views);
            }
            print_list(&views);
            Ok(())
        }
        CellsCommand::Show { id, json, source } => {
            let ctx = load(&source)?;
            let v = ctx.view(&id).map_err(|e| UsageError(e.to_string()))?;
            if json {
                return print_json(&v, &Stamp::data("cells show"));
            }
            print_show(&v);
            Ok(())
        }
        CellsCommand::ReportCard { id, json, source } => {
            let ctx = load(&source)?;
            match id {
                Some(id) => {
                    let v = ctx.view(&id).map_err(|e| UsageError(e.to_string()))?;
                    if json {
                        return print_json(
                            &report_card_json(&v),
                            &Stamp::data("cells report-card"),
                        );
                    }
                    println!(
                        "{} — {} | {} | {}",
                        v.id,
                        v.cathode,
                        v.interlayer_text(),
                        v.electrolyte
                    );
                    print_grades(&v);
                    Ok(())
                }
                None => {
                    let views = ctx.views();
                    let tallies = ctx.tallies(&views);
                    if json {
                        return print_json(
                            &report_cards_json(&views, &tallies),
                            &Stamp::data("cells report-card"),
                        );
                    }
                    print_summary(&tallies, views.len());
                    Ok(())
                }
            }
        }
        CellsCommand::Simulate {
            ids,
            json,
            markdown,
            source,
        } => super::cells_simulate::run(&ids, json, markdown.as_deref(), &load(&source)?),
        CellsCommand::Plot {
            x,
            y,
            color,
            plot,
            log,
            source,
        } => {
            let ctx = load(&source)?;
            plot_cells(&ctx.views(), &x, &y, &color, log, &plot)?;
            println!("wrote {}", plot.display());
            Ok(())
        }
    }
}

/// The cells of Table 2, merged with `--cells FILE`, and the databases their views need.
pub(crate) fn load(source: &CellsSource) -> anyhow::Result<Catalogue> {
    let mut cells = CellDb::embedded().context("loading Table 2")?;
    if let Some(path) = &source.cells {
        let name = path.display().to_string();
        let format = CellFormat::from_path(&name)
            .ok_or_else(|| UsageError(format!("--cells {name}: expected a .toml or .csv file")))?;
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {name}"))?;
        cells.merge(&name, &text, format)?;
    }
    Ok(Catalogue {
        cells,
        materials: load_db(&source.materials)?,
        bibliography: Bibliography::embedded()?,
    })
}

fn arch(a: ArchitectureArg) -> Architecture {
    match a {
        ArchitectureArg::DirectCoating => Architecture::DirectCoating,
        ArchitectureArg::CompositeCathode => Architecture::CompositeCathode,
        ArchitectureArg::ArtificialCei => Architecture::ArtificialCei,
    }
}

fn temperature_c(flag: &str, text: Option<&str>) -> anyhow::Result<Option<f64>> {
    let t = crate::args::optional(flag, text, Dimension::TEMPERATURE)
        .map_err(|e| UsageError(format!("{e} (write e.g. 60degC)")))?;
    Ok(t.map(|k| k - garnet_units::constants::ZERO_CELSIUS))
}

fn print_csv(views: &[CellView]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(std::io::stdout().lock());
    w.write_record(garnet_lit::fields::csv_fields())?;
    for v in views {
        w.write_record(csv_record(v))?;
    }
    w.flush()?;
    Ok(())
}

fn opt(v: Option<f64>) -> String {
    v.map(|x| sig(x, 4)).unwrap_or_else(|| "—".to_string())
}

fn print_list(views: &[CellView]) {
    let mut t = table(&[
        "id",
        "architecture",
        "cathode",
        "CEI",
        "electrolyte",
        "Ω cm²",
        "capacity",
        "cycles, ret.",
        "T (°C)",
        "ref",
        "conf.",
    ]);
    for v in views {
        let arch = if v.strategy != v.architecture {
            format!(
                "{} → {}",
                v.architecture.short_name(),
                v.strategy.short_name()
            )
        } else {
            v.architecture.short_name().to_string()
        };
        let cap = match (v.capacity_value, v.capacity_unit.as_deref()) {
            (Some(c), Some("mAh/g") | None) => sig(c, 4),
            (Some(c), Some(u)) => format!("{} {u}", sig(c, 4)),
            (None, _) => "—".to_string(),
        };
        let cyc = match (v.cycles, v.retention_pct) {
            (Some(n), Some(r)) => format!("{n}, {}%", sig(r, 3)),
            (Some(n), None) => format!("{n}"),
            _ => "—".to_string(),
        };
        let temp = if v.temperature_is_rt {
            "RT".to_string()
        } else {
            opt(v.temperature_c)
        };
        t.add_row(vec![
            v.id.clone(),
            arch,
            v.cathode.clone(),
            v.interlayer_text(),
            v.electrolyte.clone(),
            opt(v.impedance_ohm_cm2),
            cap,
            cyc,
            temp,
            v.review_ref.map(|r| r.to_string()).unwrap_or_default(),
            v.confidence.as_str().to_string(),
        ]);
    }
    println!("{t}");
    println!("{} cells. Capacity in mAh/g unless stated; 'a → b': printed architecture a, strategy b per §5.2.3.", views.len());
}

fn print_grades(v: &CellView) {
    let mut t = table(&["§6.1 criterion", "target", "value", "verdict", "basis"]);
    for g in &v.report_card {
        t.add_row(vec![
            g.criterion.id().to_string(),
            g.target.to_string(),
            g.value
                .map(|x| format!("{} {}", sig(x, 3), g.unit))
                .unwrap_or_else(|| "—".to_string()),
            g.status.as_str().to_string(),
            g.basis.clone(),
        ]);
    }
    println!("{t}");
}

fn print_show(v: &CellView) {
    println!(
        "{} — {} (strategy {}), {}",
        v.id,
        v.architecture.as_str(),
        v.strategy.as_str(),
        v.cathode
    );
    let rows: Vec<(&str, String)> = vec![
        ("method", v.method.clone().unwrap_or_default()),
        ("process temperature", opt(v.process_temperature_c) + " °C"),
        ("interlayer (CEI)", v.interlayer_text()),
        (
            "impurity phase",
            v.impurity_phase
                .as_ref()
                .map(|l| l.join(", "))
                .unwrap_or_else(|| "?".into()),
        ),
        (
            "electrolyte",
            format!(
                "{}{}",
                v.electrolyte,
                v.electrolyte_note
                    .as_deref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default()
            ),
        ),
        ("cell impedance", opt(v.impedance_ohm_cm2) + " Ω cm²"),
        (
            "initial capacity",
            format!(
                "{} {}",
                opt(v.capacity_value),
                v.capacity_unit.clone().unwrap_or_default()
            ),
        ),
        (
            "cycles, retention",
            format!(
                "{}, {} %",
                v.cycles.map(|c| c.to_string()).unwrap_or("—".into()),
                opt(v.retention_pct)
            ),
        ),
        (
            "current",
            format!(
                "C-rate {} | {} µA/cm² | {} mA/g",
                opt(v.c_rate),
                opt(v.current_ua_cm2),
                opt(v.specific_current_ma_g)
            ),
        ),
        (
            "loading",
            format!(
                "{}–{} mg/cm²",
                opt(v.loading_min_mg_cm2),
                opt(v.loading_max_mg_cm2)
            ),
        ),
        (
            "temperature",
            format!(
                "{} °C{}",
                opt(v.temperature_c),
                if v.temperature_is_rt { " (RT)" } else { "" }
            ),
        ),
        ("class (§7)", v.solid_state_class.as_str().to_string()),
        ("confidence", v.confidence.as_str().to_string()),
    ];
    for (k, val) in rows {
        println!("  {k:<20} {val}");
    }
    if let Some(n) = &v.notes {
        println!("  {:<20} {n}", "notes");
    }
    for f in &v.flags {
        println!("  flag: {f}");
    }
    print_grades(v);
    if let Some(r) = &v.reference {
        println!(
            "Source: [{}]{} {r}",
            v.reference_key.as_deref().unwrap_or(""),
            v.review_ref
                .map(|n| format!(" (review ref. {n})"))
                .unwrap_or_default()
        );
    }
    println!("Data: Kurian et al. 2024, Table 2 [kurian2024] (reconstructed; see docs/table2-reconstruction.md)");
}

fn print_summary(tallies: &[Tally], n: usize) {
    let mut header = vec!["§6.1 criterion", "target"];
    let groups: Vec<(Option<Architecture>, &str)> = vec![
        (None, "all"),
        (Some(Architecture::DirectCoating), "direct coating"),
        (Some(Architecture::CompositeCathode), "composite"),
        (Some(Architecture::ArtificialCei), "artificial CEI"),
    ];
    header.extend(groups.iter().map(|g| g.1));
    let mut t = table(&header);
    for c in Criterion::ALL {
        let mut row = vec![c.id().to_string(), c.target().to_string()];
        for (a, _) in &groups {
            if let Some(x) = tallies
                .iter()
                .find(|x| x.criterion == c && x.architecture == *a)
            {
                row.push(format!(
                    "{} met / {} not / {} ?",
                    x.met, x.not_met, x.unknown
                ));
            }
        }
        t.add_row(row);
    }
    println!("{t}");
    println!("{n} cells graded against the targets of §6.1 (Kurian et al. 2024). `garnet cells report-card ID` shows one cell with the numbers behind each verdict.");
}

fn plot_cells(
    views: &[CellView],
    x: &str,
    y: &str,
    color: &str,
    log: LogArg,
    path: &std::path::Path,
) -> anyhow::Result<()> {
    let flag =
        |flag: &'static str| move |e: garnet_lit::LitError| UsageError(format!("{flag}: {e}"));
    let x_field = NumericField::named(x).map_err(flag("--x"))?;
    let y_field = NumericField::named(y).map_err(flag("--y"))?;
    let color_field = CategoryField::named(color).map_err(flag("--color"))?;
    let points = scatter(views, x_field, y_field, color_field);
    if points.groups.is_empty() {
        anyhow::bail!("no cell reports both {x} and {y}: nothing to plot");
    }
    let (log_x, log_y) = match log {
        LogArg::Auto => points.auto_log(),
        LogArg::Both => (true, true),
        LogArg::None => (false, false),
        LogArg::X => (true, false),
        LogArg::Y => (false, true),
    };
    let title = format!("Reported garnet cells (Kurian et al. 2024, Table 2): {y} vs {x}");
    garnet_plot::figures::scatter(title, (x, log_x), (y, log_y), points.groups).write(path)?;
    if !points.skipped_units.is_empty() {
        eprintln!(
            "note: left out {} (capacity not in mAh/g)",
            points.skipped_units.join(", ")
        );
    }
    Ok(())
}
