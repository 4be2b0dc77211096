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
    /// One design in, one self-contained HTML report out: §6.1 targets, resistance,
    /// discharge and Ragone, mass budget, impedance, interface, Table 2 comparison.
    Report(crate::commands::report::ReportArgs),
    /// Parse a chemical formula: molar mass, charge balance, garnet site chemistry.
    Chem(ChemArgs),
    /// Print full references for citation keys.
    Cite(CiteArgs),
    /// The materials knowledge base: garnets, cathodes, interlayers, anode side.
    #[command(subcommand)]
    Materials(MaterialsCommand),
    /// Reported garnet cells (the review's Table 2), classified and graded against §6.1.
    #[command(subcommand)]
    Cells(CellsCommand),
    /// Simulate a cell design (single-ion DFN): discharge curves, overpotentials, summary.
    Simulate(SimulateArgs),
    /// Time warm solves of a design (build once, solve N times from t = 0).
    Bench(BenchArgs),
    /// Sweep design fields (full factorial or Latin hypercube): one discharge and
    /// resistance breakdown per design, in parallel, to Parquet; resumable.
    Sweep(crate::commands::sweep::SweepArgs),
    /// Where the internal resistance goes (§5.1): electronic, separator, composite ionic, interfacial.
    Resistance(ResistanceArgs),
    /// Impedance spectroscopy: fit, convert, kk, drt, conductivity, arrhenius.
    #[command(subcommand)]
    Eis(crate::commands::eis::EisCommand),
    /// Interface chemistry: stack compatibility and reaction energies (§3.2, §5.1).
    #[command(subcommand)]
    Interface(crate::commands::interface::InterfaceCommand),
    /// Screening: rank interlayer candidates on the seven properties of §5.2.3.
    #[command(subcommand)]
    Screen(crate::commands::interface::ScreenCommand),
    /// BPX (Battery Parameter eXchange) files: import a cathode, export a design.
    #[command(subcommand)]
    Bpx(crate::commands::bpx::BpxCommand),
}

/// `garnet resistance`.
#[derive(Debug, Args)]
pub struct ResistanceArgs {
    /// Design file.
    pub design: PathBuf,
    /// State of charge (0–1); default: the design's initial state.
    #[arg(long)]
    pub soc: Option<f64>,
    /// Cell temperature, overriding the design's (e.g. 60degC).
    #[arg(long, allow_hyphen_values = true)]
    pub temperature: Option<String>,
    /// Print JSON on stdout.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub source: MaterialsSource,
}

/// `garnet simulate`.
#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// Design file (TOML with units; see docs/design.md).
    pub design: PathBuf,
    /// Protocol file (TOML: steps = ["Discharge at 1C until 3.5 V", …], cycles = N).
    #[arg(long, value_name = "FILE", conflicts_with = "rate")]
    pub protocol: Option<PathBuf>,
    /// Constant-current discharge rates, e.g. 1C or 0.1C,0.5C,1C,2C (default 1C).
    #[arg(long)]
    pub rate: Option<String>,
    /// Cell temperature, overriding the design's (e.g. 60degC).
    #[arg(long, allow_hyphen_values = true)]
    pub temperature: Option<String>,
    /// Output folder: timeseries.csv (or timeseries_<rate>.csv) and summary.json.
    #[arg(short = 'o', long = "out", value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Print the time series as CSV on stdout (one run).
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Print the summary as JSON on stdout.
    #[arg(long)]
    pub json: bool,
    /// Plot voltage against capacity (.png or .svg).
    #[arg(long, value_name = "PATH")]
    pub plot: Option<PathBuf>,
    /// Simulate the discharge of the design's [reported] section and print reported vs simulated.
    #[arg(long, conflicts_with_all = ["protocol", "rate", "csv", "out"])]
    pub reported: bool,
    #[command(flatten)]
    pub source: MaterialsSource,
}

/// `garnet bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Design file.
    pub design: PathBuf,
    /// Discharge rate.
    #[arg(long, default_value = "1C")]
    pub rate: String,
    /// Number of timed warm solves.
    #[arg(long, default_value_t = 20)]
    pub repeat: usize,
    /// Print JSON on stdout.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub source: MaterialsSource,
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

/// Options shared by the `cells` subcommands.
#[derive(Debug, Args, Clone)]
pub struct CellsSource {
    /// A lab's own cells (TOML with [[cell]] tables, or CSV with the JSON field names as
    /// columns) to merge with Table 2.
    #[arg(long, value_name = "FILE", global = true)]
    pub cells: Option<PathBuf>,
    #[command(flatten)]
    pub materials: MaterialsSource,
}

/// CEI strategies on the command line (§5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ArchitectureArg {
    /// §5.2.1 direct coating.
    DirectCoating,
    /// §5.2.2 composite cathode.
    CompositeCathode,
    /// §5.2.3 artificial CEI.
    ArtificialCei,
}

/// `garnet cells …`.
#[derive(Debug, Subcommand)]
pub enum CellsCommand {
    /// List cells, filtered and sorted.
    List {
        /// Only cells printed under this architecture.
        #[arg(long, value_enum)]
        architecture: Option<ArchitectureArg>,
        /// Only cells whose strategy (§5.2.3) is this.
        #[arg(long, value_enum)]
        strategy: Option<ArchitectureArg>,
        /// Only cells with this cathode (alias or formula, e.g. LCO, NMC811).
        #[arg(long)]
        cathode: Option<String>,
        /// Only cells with this interlayer (any CEI entry; `none` for cells without one).
        #[arg(long)]
        interlayer: Option<String>,
        /// Only cells tested at or above this temperature (e.g. 60degC).
        #[arg(long, allow_hyphen_values = true)]
        min_temperature: Option<String>,
        /// Only cells tested at or below this temperature (e.g. 25degC).
        #[arg(long, allow_hyphen_values = true)]
        max_temperature: Option<String>,
        /// Sort by this field (any JSON field name, e.g. impedance_ohm_cm2); unknown values last.
        #[arg(long)]
        sort: Option<String>,
        /// Sort in descending order.
        #[arg(long)]
        desc: bool,
        /// Print JSON on stdout.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV on stdout.
        #[arg(long)]
        csv: bool,
        #[command(flatten)]
        source: CellsSource,
    },
    /// Every field of one cell, its classification and report card.
    Show {
        /// Cell id, e.g. T2-37.
        id: String,
        /// Print JSON on stdout.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        source: CellsSource,
    },
    /// Grade cells against the targets of §6.1; without ID, counts per criterion and architecture.
    ReportCard {
        /// Cell id; all cells when omitted.
        id: Option<String>,
        /// Print JSON on stdout.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        source: CellsSource,
    },
    /// Build a design from each Table 2 row (what the row gives, stated defaults for the
    /// rest), simulate its reported discharge and compare capacity and impedance.
    Simulate {
        /// Cell ids (e.g. T2-37 T2-43); every cell when omitted.
        ids: Vec<String>,
        /// Print JSON on stdout (each design, its defaults, warnings and numbers).
        #[arg(long)]
        json: bool,
        /// Also write the comparison as Markdown to this file (e.g. docs/validation.md).
        #[arg(long, value_name = "PATH")]
        markdown: Option<PathBuf>,
        #[command(flatten)]
        source: CellsSource,
    },
    /// Scatter plot of two numeric fields.
    Plot {
        /// Field on the x axis (e.g. impedance_ohm_cm2).
        #[arg(long)]
        x: String,
        /// Field on the y axis (e.g. capacity_value).
        #[arg(long)]
        y: String,
        /// Categorical field that colours the points (default: architecture).
        #[arg(long, default_value = "architecture")]
        color: String,
        /// Output file (.png or .svg).
        #[arg(long, value_name = "PATH")]
        plot: PathBuf,
        /// Logarithmic axes: auto (when positive values span more than two decades), both, none, x, y.
        #[arg(long, value_enum, default_value = "auto")]
        log: LogArg,
        #[command(flatten)]
        source: CellsSource,
    },
}

/// Which axes are logarithmic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogArg {
    /// Log where positive values span more than two decades.
    Auto,
    /// Both axes.
    Both,
    /// Neither.
    None,
    /// X only.
    X,
    /// Y only.
    Y,
}
