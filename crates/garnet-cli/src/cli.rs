//! Step one of argument handling: the raw flags, as clap parses them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// garnet — a workbench for garnet-electrolyte (LLZO) all-solid-state lithium batteries.
#[derive(Debug, Parser)]
#[command(name = "garnet", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse a chemical formula: molar mass, charge balance, garnet site chemistry.
    Chem(ChemArgs),
    /// Print full references for citation keys.
    Cite(CiteArgs),
    /// The materials knowledge base: garnets, cathodes, interlayers, anode side.
    #[command(subcommand)]
    Materials(MaterialsCommand),
}

/// `garnet chem`.
#[derive(Debug, Args)]
pub struct ChemArgs {
    /// Formula, e.g. Li6.4La3Zr1.4Ta0.6O12 or Ca3(PO4)2.
    pub formula: String,
    /// Print JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// `garnet cite`.
#[derive(Debug, Args)]
pub struct CiteArgs {
    /// Citation keys (e.g. kurian2024), or review reference numbers prefixed with '#' (e.g. #141).
    #[arg(required_unless_present = "all")]
    pub keys: Vec<String>,
    /// Print the whole bibliography.
    #[arg(long)]
    pub all: bool,
    /// Print JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Options shared by every command that reads materials.
#[derive(Debug, Args, Clone)]
pub struct MaterialsSource {
    /// A TOML file of materials (same schema as data/materials/*.toml) that adds to or
    /// overrides the embedded ones.
    #[arg(long, value_name = "FILE", global = true)]
    pub materials: Option<PathBuf>,
}

/// `garnet materials …`.
#[derive(Debug, Subcommand)]
pub enum MaterialsCommand {
    /// List materials.
    List {
        /// Only this kind.
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Print JSON on stdout.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        source: MaterialsSource,
    },
    /// Every value of one material, with unit and source.
    Show {
        /// Alias (LLZTO, LCO, …) or formula.
        name: String,
        /// Print JSON on stdout.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        source: MaterialsSource,
    },
    /// Ionic conductivity against temperature from the Arrhenius law.
    Conductivity {
        /// Alias or formula of an ion conductor.
        name: String,
        /// Temperatures: a value, a list, or a range A..B:N (e.g. 25degC..100degC:4).
        #[arg(long, default_value = "25degC..100degC:4", allow_hyphen_values = true)]
        temperature: String,
        /// Write an Arrhenius plot (.png or .svg).
        #[arg(long, value_name = "PATH")]
        plot: Option<PathBuf>,
        /// Print JSON on stdout.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        source: MaterialsSource,
    },
}

/// Material kinds on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// Garnet solid electrolytes.
    Electrolyte,
    /// Cathode active materials.
    Cathode,
    /// Artificial CEI (interlayer) materials.
    Interlayer,
    /// Li metal and anode interlayers.
    Anode,
}
