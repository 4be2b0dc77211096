//! `garnet interface check | react` and `garnet screen interlayers`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use garnet_cite::Bibliography;
use garnet_interface::check::StackSpec;
use garnet_interface::pipeline::{check_stack, react_phases, screen_interlayers};
use garnet_interface::reaction::Reaction;
use garnet_interface::screen::ScreenSpec;
use garnet_interface::{EnergySource, Product};
use garnet_units::{constants::ZERO_CELSIUS, Dimension};

use super::materials::load_db;
use crate::args::quantity;
use crate::cli::MaterialsSource;
use crate::output::{print_json, print_sources, sig, table, Stamp};
use crate::UsageError;

/// `garnet interface …`.
#[derive(Debug, Subcommand)]
pub enum InterfaceCommand {
    /// Check a stack (anode | garnet | interlayer | cathode) pair by pair: reaction
    /// energies and products, reported secondary phases, stability windows, verdicts.
    Check {
        /// Cathode (alias such as LCO or NMC811, or a formula).
        #[arg(long)]
        cathode: String,
        /// Garnet electrolyte (alias such as LLZTO, or a formula).
        #[arg(long)]
        electrolyte: String,
        /// Artificial CEI between garnet and cathode.
        #[arg(long)]
        interlayer: Option<String>,
        /// Anode (Li) to check the anode side too.
        #[arg(long)]
        anode: Option<String>,
        /// Co-sintering temperature (e.g. 700degC).
        #[arg(long, allow_hyphen_values = true)]
        cosinter: Option<String>,
        /// Upper operating voltage of the cathode (e.g. 4.2V).
        #[arg(long)]
        voltage: Option<String>,
        /// Formation-energy table: mp (Materials Project, default), experimental
        /// (MP2020 fit set, Wang et al. 2021) or crc (CRC Handbook, solids).
        #[arg(long, default_value = "mp", value_parser = parse_energy_source)]
        energy_source: EnergySource,
        /// Print JSON on stdout.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        source: MaterialsSource,
    },
    /// Most negative reaction energy between two phases (Richards et al. 2016).
    React {
        /// Phase A (the mixing ratio is its per-atom fraction).
        phase_a: String,
        /// Phase B.
        phase_b: String,
        /// Open to Li at this voltage vs Li/Li⁺ (e.g. 3.0V): grand potential.
        #[arg(long)]
        li_potential: Option<String>,
        /// Formation-energy table: mp (Materials Project, default), experimental
        /// (MP2020 fit set, Wang et al. 2021) or crc (CRC Handbook, solids).
        #[arg(long, default_value = "mp", value_parser = parse_energy_source)]
        energy_source: EnergySource,
        /// Print JSON on stdout.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        source: MaterialsSource,
    },
}

/// `garnet screen …`.
#[derive(Debug, Subcommand)]
pub enum ScreenCommand {
    /// Rank interlayer candidates on the seven properties of §5.2.3.
    Interlayers(ScreenArgs),
}

/// `garnet screen interlayers`.
#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// Cathode (alias or formula).
    #[arg(long)]
    pub cathode: String,
    /// Garnet electrolyte (alias or formula).
    #[arg(long)]
    pub electrolyte: String,
    /// Co-sintering temperature.
    #[arg(long, default_value = "700degC", allow_hyphen_values = true)]
    pub cosinter: String,
    /// Interlayer thickness.
    #[arg(long, default_value = "10nm")]
    pub thickness: String,
    /// Elements allowed in candidates from the thermo data (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub elements: Option<Vec<String>>,
    /// Rows to print.
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    /// Print JSON on stdout.
    #[arg(long)]
    pub json: bool,
    /// Write the Pareto plot (added ASR vs reaction energy) to a .png or .svg.
    #[arg(long)]
    pub plot: Option<PathBuf>,
    #[command(flatten)]
    pub source: MaterialsSource,
}

/// The stamp of an interface result: its thermodynamic data source.
fn energy_stamp(command: &str, source: EnergySource) -> anyhow::Result<Stamp> {
    Stamp::model(command, &garnet_interface::pipeline::model_options(source))
}

fn parse_energy_source(s: &str) -> Result<EnergySource, String> {
    s.parse()
        .map_err(|e: garnet_interface::InterfaceError| e.to_string())
}

fn usage(e: garnet_interface::InterfaceError) -> anyhow::Error {
    use garnet_interface::InterfaceError as E;
    match e {
        E::Materials(_) | E::Formula(_) | E::Input { .. } | E::UnknownElement { .. } => {
            UsageError(e.to_string()).into()
        }
        other => other.into(),
    }
}

/// Run `garnet interface …`.
pub fn run_interface(cmd: InterfaceCommand) -> anyhow::Result<()> {
    match cmd {
        InterfaceCommand::Check {
            cathode,
            electrolyte,
            interlayer,
            anode,
            cosinter,
            voltage,
            energy_source,
            json,
            source,
        } => {
            let cosinter_c = cosinter
                .map(|t| {
                    quantity("--cosinter", &t, Dimension::TEMPERATURE).map(|k| k - ZERO_CELSIUS)
                })
                .transpose()?;
            let voltage_v = voltage
                .map(|v| quantity("--voltage", &v, Dimension::VOLTAGE))
                .transpose()?;
            let db = load_db(&source)?;
            let spec = StackSpec {
                cathode,
                electrolyte,
                interlayer,
                anode,
                cosinter_c,
                voltage_v,
            };
            let result = check_stack(&db, energy_source, &spec).map_err(usage)?;
            if json {
                return print_json(&result, &energy_stamp("interface check", energy_source)?);
            }
            let stack: Vec<String> = result
                .layers
                .iter()
                .map(|l| format!("{} ({})", l.name, l.formula))
                .collect();
            println!("Stack: {}", stack.join(" | "));
            println!(
                "Energies: {} [{}]",
                energy_source.description(),
                energy_source
            );
            if let Some(t) = cosinter_c {
                println!("Co-sintering at {} °C", sig(t, 4));
            }
            for p in &result.pairs {
                println!("\n{} | {}: {}", p.left, p.right, p.verdict.as_str());
                if let Some(r) = &p.reaction {
                    print_reaction_line("  closed", r);
                }
                if let Some(r) = &p.reaction_open {
                    print_reaction_line(
                        &format!(
                            "  open to Li at {} V",
                            sig(-r.li_potential_ev.unwrap_or(0.0), 3)
                        ),
                        r,
                    );
                }
                for reason in &p.reasons {
                    println!("  • {reason}");
                }
                for k in p.known.iter().filter(|k| !k.active) {
                    println!("  ◦ not active: {} ({})", k.rule.summary, k.condition);
                }
                for w in &p.warnings {
                    println!("  ! {w}");
                }
            }
            if !result.windows.is_empty() {
                println!("\nElectrochemical stability windows (computed, V vs Li/Li⁺):");
                let mut t = table(&[
                    "phase",
                    "reduction",
                    "oxidation",
                    "review (DFT)",
                    "review (CV)",
                ]);
                for w in &result.windows {
                    t.add_row(vec![
                        w.window.phase.clone(),
                        format!("{:.2}", w.window.reduction_v),
                        w.window
                            .oxidation_v
                            .map_or("—".into(), |v| format!("{v:.2}")),
                        w.review_dft_v
                            .map_or(String::new(), |(a, b)| format!("{a}–{b}")),
                        w.review_cv_v.map_or(String::new(), |v| format!("~{v}")),
                    ]);
                }
                println!("{t}");
                for w in &result.windows {
                    for s in &w.warnings {
                        println!("  ! {s}");
                    }
                }
            }
            println!("\nVerdict: {}", result.verdict.as_str());
            print_sources(&result.sources, &Bibliography::embedded()?);
            Ok(())
        }
        InterfaceCommand::React {
            phase_a,
            phase_b,
            li_potential,
            energy_source,
            json,
            source,
        } => {
            let voltage = li_potential
                .map(|v| quantity("--li-potential", &v, Dimension::VOLTAGE))
                .transpose()?;
            let db = load_db(&source)?;
            let out =
                react_phases(&db, energy_source, &phase_a, &phase_b, voltage).map_err(usage)?;
            if json {
                return print_json(&out, &energy_stamp("interface react", energy_source)?);
            }
            let r = &out.reaction;
            println!(
                "{} ({}) + {} ({}){}",
                r.a,
                out.formula_a,
                r.b,
                out.formula_b,
                voltage.map_or(String::new(), |v| format!(
                    ", open to Li at {v} V vs Li/Li⁺"
                ))
            );
            let per = if voltage.is_some() {
                "eV per non-Li atom"
            } else {
                "eV/atom"
            };
            println!(
                "  most negative ΔE  {} {per} at x = {} (fraction of {})",
                sig(r.minimum.reaction_energy_ev_per_atom, 4),
                sig(r.minimum.ratio, 4),
                r.a
            );
            println!(
                "  products          {}",
                Product::describe(&r.minimum.products)
            );
            println!(
                "  energies          {} [{}]",
                energy_source.description(),
                energy_source
            );
            if r.vs_hull != r.minimum {
                println!(
                    "  vs hull energies  {} {per} at x = {} → {}",
                    sig(r.vs_hull.reaction_energy_ev_per_atom, 4),
                    sig(r.vs_hull.ratio, 4),
                    Product::describe(&r.vs_hull.products)
                );
            }
            for n in &r.notes {
                println!("  note: {n}");
            }
            print_sources(&out.sources, &Bibliography::embedded()?);
            Ok(())
        }
    }
}

fn print_reaction_line(label: &str, r: &Reaction) {
    println!(
        "{label}: ΔE = {} meV/atom at x = {} → {}",
        sig(r.vs_hull.reaction_energy_ev_per_atom * 1e3, 3),
        sig(r.vs_hull.ratio, 3),
        Product::describe(&r.vs_hull.products)
    );
}

/// Run `garnet screen …`.
pub fn run_screen(cmd: ScreenCommand) -> anyhow::Result<()> {
    let ScreenCommand::Interlayers(args) = cmd;
    let cosinter_c = quantity("--cosinter", &args.cosinter, Dimension::TEMPERATURE)? - ZERO_CELSIUS;
    let thickness_m = quantity("--thickness", &args.thickness, Dimension::LENGTH)?;
    let db = load_db(&args.source)?;
    let spec = ScreenSpec::new(
        &args.cathode,
        &args.electrolyte,
        cosinter_c,
        thickness_m,
        args.elements.clone(),
    );
    let s = screen_interlayers(&db, &spec).map_err(usage)?;
    if let Some(path) = &args.plot {
        let title = format!(
            "Interlayers for {} on {}",
            s.cathode.name, s.electrolyte.name
        );
        let x_label = format!("added ASR at {} nm (Ω cm²)", sig(thickness_m * 1e9, 3));
        let y_label = "reaction energy, worse side (meV/atom)";
        let (all, front) = (s.pareto_points(false), s.pareto_points(true));
        garnet_plot::figures::pareto(title, (&x_label, y_label), all, front).write(path)?;
        if !args.json {
            println!("wrote {}", path.display());
        }
    }
    if args.json {
        let mut s = s;
        s.candidates.truncate(args.top.max(1));
        let stamp = Stamp::model("screen interlayers", &spec.model_options())?;
        return print_json(&s, &stamp);
    }
    println!(
        "Interlayers for {} ({}) on {} ({}), co-sintering {} °C, thickness {} nm",
        s.cathode.name,
        s.cathode.formula,
        s.electrolyte.name,
        s.electrolyte.formula,
        sig(cosinter_c, 4),
        sig(thickness_m * 1e9, 3)
    );
    let mut t = table(&[
        "rank",
        "candidate",
        "score",
        "Tm °C",
        "ΔE garnet",
        "ΔE cathode",
        "ASR Ω cm²",
        "interdiff.",
        "Pareto",
        "from",
    ]);
    let fmt = |v: Option<f64>| v.map_or("?".to_string(), |x| sig(x, 3));
    for c in s.candidates.iter().take(args.top) {
        t.add_row(vec![
            c.rank.to_string(),
            c.name.clone(),
            format!("{:.3}", c.score),
            fmt(c.criteria[0].value),
            fmt(c.reaction_garnet_ev_per_atom.map(|e| e * 1e3)),
            fmt(c.reaction_cathode_ev_per_atom.map(|e| e * 1e3)),
            fmt(c.asr_ohm_cm2),
            fmt(c.criteria[3].score),
            if c.pareto {
                "●".into()
            } else {
                String::new()
            },
            c.origin.to_string(),
        ]);
    }
    println!("{t}");
    println!("ΔE in meV/atom (vs hull, MP data); wetting unknown for all (no data); '?' = unknown, scored 0.5.");
    let front: Vec<&str> = s.pareto_front().iter().map(|c| c.name.as_str()).collect();
    println!(
        "Pareto front (added ASR vs reaction energy): {}",
        front.join(", ")
    );
    print_sources(&s.sources, &Bibliography::embedded()?);
    Ok(())
}
