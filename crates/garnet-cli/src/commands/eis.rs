//! `garnet eis fit | bench | convert | kk | drt | conductivity`: impedance
//! files in, fits (one file, a parallel batch or a series), validation, DRT and pellet
//! conductivities out (`eis arrhenius` and `eis compare` are in their own modules).

use std::path::{Path, PathBuf};

use anyhow::Context;
use garnet_eis::conductivity::{conductivities_in_band, Conductivities, Geometry};
use garnet_eis::kk::{linkk, KkOptions};
use garnet_eis::records::{fit_record, ConductivityRecord};
use garnet_eis::{Circuit, FitOptions, Spectrum};
use garnet_plot::figures;
use garnet_units::Dimension;
use serde_json::json;

use super::eis_fit::{self, print_fit, timed_fit};
use crate::output::{print_json, sig, table, write_atomic, Stamp};
use crate::{args, UsageError};

/// Impedance spectroscopy.
#[derive(Debug, clap::Subcommand)]
pub enum EisCommand {
    /// Fit an equivalent circuit (impedance.py's circuit strings) to one or more spectra.
    Fit(FitArgs),
    /// Small-signal impedance of a cell design from the linearised model.
    Simulate(crate::commands::eis_simulate::EisSimulateArgs),
    /// Time fits of one file: the median over --repeat fits of the same problem.
    Bench {
        /// Instrument file.
        file: PathBuf,
        #[command(flatten)]
        setup: FitSetup,
        /// Number of timed fits (after one untimed warm-up fit).
        #[arg(long, default_value_t = 50)]
        repeat: usize,
        /// Print JSON on stdout (`median_ms`, `min_ms`, `max_ms`, `repeat`, …).
        #[arg(long)]
        json: bool,
    },
    /// Convert any supported file to CSV: frequency_hz, z_real_ohm, z_imag_ohm.
    Convert {
        /// Instrument file.
        file: PathBuf,
        /// Output CSV.
        #[arg(short = 'o', long = "out")]
        out: PathBuf,
        /// Write every spectrum of a file holding several (BioLogic cycles or sweeps),
        /// with a leading `spectrum` column (1, 2, …); without it, the first.
        #[arg(long)]
        all_spectra: bool,
    },
    /// Linear Kramers–Kronig test (Schönleber et al. 2014).
    Kk {
        /// Instrument file.
        file: PathBuf,
        #[command(flatten)]
        band: Band,
        /// Print JSON on stdout.
        #[arg(long)]
        json: bool,
        /// Plot of the relative residuals (.png or .svg).
        #[arg(long)]
        plot: Option<PathBuf>,
    },
    /// Distribution of relaxation times (Tikhonov, Gaussian RBF).
    Drt(crate::commands::eis_drt::DrtArgs),
    /// Bulk, grain-boundary and total conductivity of a pellet.
    Conductivity {
        /// Instrument file.
        file: PathBuf,
        #[command(flatten)]
        pellet: PelletArgs,
        /// Print JSON on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Bulk, grain-boundary and total activation energies from spectra at several
    /// temperatures.
    Arrhenius(crate::commands::eis_arrhenius::ArrheniusArgs),
    /// A design's simulated impedance beside a measured spectrum: the same circuit
    /// fitted to both, element by element.
    Compare(crate::commands::eis_compare::CompareArgs),
}

/// What to fit and how: shared by `eis fit` and `eis bench`.
#[derive(Debug, Clone, clap::Args)]
pub struct FitSetup {
    /// Circuit, e.g. "R0-p(R1,CPE1)-p(R2,CPE2)".
    #[arg(long)]
    pub(crate) circuit: String,
    /// Initial values in the circuit's parameter order, comma-separated (SI units);
    /// default: guessed from the spectrum.
    #[arg(long, allow_hyphen_values = true)]
    pub(crate) initial: Option<String>,
    /// Residual weighting: unit (1), modulus (1/|Z|² on both parts, impedance.py's
    /// weight_by_modulus), proportional (1/Z′² and 1/Z″² separately, floored at 1 % of
    /// |Z|) or inverse-modulus (1/|Z|, garnet's "modulus" before 0.15).
    #[arg(long, default_value = "unit")]
    pub(crate) weighting: String,
    #[command(flatten)]
    pub(crate) band: Band,
    /// Drop the points with Im Z > 0 (inductive), as impedance.py's `ignoreBelowX`.
    #[arg(long)]
    pub(crate) capacitive_only: bool,
    /// Hold a parameter fixed, NAME=VALUE (repeatable), e.g. --fix R0=12.5.
    #[arg(long)]
    pub(crate) fix: Vec<String>,
    /// Per-parameter bounds, NAME=LO..HI, comma-separated or repeated, replacing the
    /// element's default range (SI units), e.g. --bounds R1=1e3..1e6,CPE1_1=0.6..1.
    #[arg(long, allow_hyphen_values = true)]
    pub(crate) bounds: Vec<String>,
    /// Largest number of starts (default 12): --initial (when given), the automatic
    /// and DRT guesses, choices of arcs, then random perturbations (0.1×–10×,
    /// exponents in [0.5, 1]); stops when 2 starts agree with the best χ². 1: the
    /// initial values (else the guess) only.
    #[arg(long)]
    pub(crate) starts: Option<usize>,
    /// Seed of the random starts (default fixed: fits are reproducible).
    #[arg(long)]
    pub(crate) seed: Option<u64>,
}

/// `garnet eis fit FILES… --circuit …`.
#[derive(Debug, clap::Args)]
pub struct FitArgs {
    /// Instrument files (Gamry .DTA, BioLogic .mpt, ZPlot .z, Autolab, CHI, Parstat,
    /// PowerSuite, VersaStudio .par, CSV/TSV); several are fitted in parallel.
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) setup: FitSetup,
    /// Fit the files in the order given, each starting from the previous result (a
    /// temperature series); the first starts from --initial or the automatic guess.
    #[arg(long)]
    pub(crate) series: bool,
    /// Write one table of all fits: .csv (one row per file), or .json (an array).
    #[arg(short = 'o', long = "out")]
    pub(crate) out: Option<PathBuf>,
    /// Print JSON on stdout: an object for one file, an array for several.
    #[arg(long)]
    pub(crate) json: bool,
    /// Nyquist plot of data and fit (.png or .svg); one file only.
    #[arg(long)]
    pub(crate) plot: Option<PathBuf>,
    /// Bode plot of data and fit (.png or .svg): |Z| against frequency; the phase goes
    /// to the same name with `-phase` before the extension. One file only.
    #[arg(long)]
    pub(crate) bode: Option<PathBuf>,
    /// Fit every spectrum of a file holding several (BioLogic cycles or sweeps), each
    /// a row labelled `FILE#k`; without it, the first spectrum of each file.
    #[arg(long)]
    pub(crate) all_spectra: bool,
}

/// Pellet geometry: thickness and electrode diameter or area.
#[derive(Debug, clap::Args)]
pub struct PelletGeometry {
    /// Pellet thickness (e.g. 1.2mm).
    #[arg(long)]
    thickness: String,
    /// Electrode diameter (e.g. 10mm); or give --area.
    #[arg(long, conflicts_with = "area")]
    diameter: Option<String>,
    /// Electrode area (e.g. 0.785cm2).
    #[arg(long)]
    area: Option<String>,
}

impl PelletGeometry {
    /// The geometry, or a usage error naming the flag.
    pub(crate) fn resolve(&self) -> anyhow::Result<Geometry> {
        let thickness = args::quantity("--thickness", &self.thickness, Dimension::LENGTH)?;
        match (&self.diameter, &self.area) {
            (Some(d), _) => Geometry::from_diameter(
                thickness,
                args::quantity("--diameter", d, Dimension::LENGTH)?,
            ),
            (None, Some(a)) => {
                Geometry::new(thickness, args::quantity("--area", a, Dimension::AREA)?)
            }
            (None, None) => {
                return Err(UsageError("give the electrode --diameter or --area".into()).into())
            }
        }
        .map_err(|e| UsageError(e.to_string()).into())
    }
}

/// Pellet geometry and the circuit for `eis conductivity`.
#[derive(Debug, clap::Args)]
pub struct PelletArgs {
    #[command(flatten)]
    geometry: PelletGeometry,
    /// Circuit to fit, e.g. "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3".
    #[arg(long)]
    circuit: String,
    #[command(flatten)]
    band: Band,
}

/// The frequency band kept (`--fmin`, `--fmax`), for every command that reads spectra.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Band {
    /// Lowest frequency used (e.g. 5Hz).
    #[arg(long)]
    pub(crate) fmin: Option<String>,
    /// Highest frequency used (e.g. 1MHz).
    #[arg(long)]
    pub(crate) fmax: Option<String>,
}

impl Band {
    /// The band in Hz (`None`: no limit), or a usage error naming the flag.
    pub(crate) fn hz(&self) -> anyhow::Result<(Option<f64>, Option<f64>)> {
        let lo = args::optional("--fmin", self.fmin.as_deref(), Dimension::FREQUENCY)?;
        let hi = args::optional("--fmax", self.fmax.as_deref(), Dimension::FREQUENCY)?;
        Ok((lo, hi))
    }

    /// The band as a stamp's model options.
    pub(crate) fn options(&self) -> anyhow::Result<serde_json::Value> {
        let (lo, hi) = self.hz()?;
        Ok(json!({ "fmin_hz": lo, "fmax_hz": hi }))
    }
}

/// Run an `eis` subcommand.
pub fn run(cmd: EisCommand) -> anyhow::Result<()> {
    match cmd {
        EisCommand::Fit(args) => eis_fit::fit_cmd(args),
        EisCommand::Simulate(args) => crate::commands::eis_simulate::run(&args),
        EisCommand::Bench {
            file,
            setup,
            repeat,
            json,
        } => eis_fit::bench_cmd(&file, &setup, repeat, json),
        EisCommand::Convert {
            file,
            out,
            all_spectra,
        } => {
            let spectra = if all_spectra {
                load_all(&file, &Band::default())?
            } else {
                vec![load(&file, &Band::default())?]
            };
            let text = garnet_eis::readers::to_csv(&spectra, all_spectra);
            let points: usize = spectra.iter().map(Spectrum::len).sum();
            write_atomic(&out, text.as_bytes())?;
            eprintln!(
                "wrote {points} points of {} spectra to {}",
                spectra.len(),
                out.display()
            );
            Ok(())
        }
        EisCommand::Kk {
            file,
            band,
            json,
            plot,
        } => {
            let s = load(&file, &band)?;
            let r = linkk(&s, &KkOptions::default())?;
            if let Some(path) = &plot {
                figures::kk_residuals(r.m, &r.frequency_hz, &r.residual_real, &r.residual_imag)
                    .write(path)?;
            }
            if json {
                return print_json(&r, &Stamp::model("eis kk", &band.options()?)?);
            }
            println!(
                "Linear Kramers–Kronig test (Schönleber et al. 2014), {} points",
                s.len()
            );
            println!("  RC elements M          {}", r.m);
            println!("  µ                      {}", sig(r.mu, 3));
            println!(
                "  max |residual|         {} %",
                sig(100.0 * r.max_residual, 3)
            );
            let verdict = if r.is_consistent() {
                "residuals below 1 %: consistent with Kramers–Kronig"
            } else {
                "residuals above 1 %: check for drift, non-linearity or noise"
            };
            println!("  {verdict}");
            Ok(())
        }
        EisCommand::Drt(args) => crate::commands::eis_drt::run(args),
        EisCommand::Conductivity { file, pellet, json } => {
            let (geometry, circuit) = pellet_setup(&pellet)?;
            let s = load(&file, &pellet.band)?;
            let (result, ms) = timed_fit(&circuit, &s, &FitOptions::default())?;
            let fmax = s.frequency_hz().iter().copied().fold(f64::MIN, f64::max);
            let c = conductivities_in_band(&circuit, &result.values(), &geometry, Some(fmax))?;
            if json {
                let (lo, hi) = pellet.band.hz()?;
                let options = FitOptions::default().model_options(&circuit, lo, hi, false);
                let value = ConductivityRecord {
                    fit: fit_record(&result, ms, &s, &file.display().to_string()),
                    geometry: &geometry,
                    conductivity: &c,
                };
                let value = serde_json::to_value(value)?; // keys sorted, as always
                return print_json(&value, &Stamp::model("eis conductivity", &options)?);
            }
            print_fit(&result, ms, &s);
            print_conductivities(&c);
            Ok(())
        }
        EisCommand::Arrhenius(args) => crate::commands::eis_arrhenius::run(&args),
        EisCommand::Compare(args) => crate::commands::eis_compare::run(&args),
    }
}

/// Read a file (BioLogic binary .mpr, else text: UTF-8, else Latin-1 byte for byte) and
/// keep the frequency band.
pub(crate) fn load(path: &Path, keep: &Band) -> anyhow::Result<Spectrum> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let name = path.display().to_string();
    let s = garnet_eis::readers::read_bytes(&name, &bytes)?;
    for note in &s.metadata.notes {
        eprintln!("note: {name}: {note}");
    }
    band(s, keep)
}

/// Every spectrum in a file (several for a BioLogic file with several cycles or
/// sweeps), each cut to the frequency band.
pub(crate) fn load_all(path: &Path, keep: &Band) -> anyhow::Result<Vec<Spectrum>> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let name = path.display().to_string();
    let all = garnet_eis::readers::read_all_bytes(&name, &bytes)?;
    all.into_iter().map(|s| band(s, keep)).collect()
}

/// Keep the points between `--fmin` and `--fmax`.
pub(crate) fn band(s: Spectrum, band: &Band) -> anyhow::Result<Spectrum> {
    let (lo, hi) = band.hz()?;
    if lo.is_none() && hi.is_none() {
        return Ok(s);
    }
    Ok(s.band(lo, hi)?)
}

pub(crate) fn parse_circuit(text: &str) -> anyhow::Result<Circuit> {
    Circuit::parse(text).map_err(|e| UsageError(format!("--circuit: {e}")).into())
}

fn pellet_setup(p: &PelletArgs) -> anyhow::Result<(Geometry, Circuit)> {
    Ok((p.geometry.resolve()?, parse_circuit(&p.circuit)?))
}

pub(crate) fn s_per_cm(v: Option<f64>) -> String {
    v.map(|x| format!("{} S/cm", sig(x / 100.0, 4)))
        .unwrap_or_else(|| "—".to_string())
}

fn print_conductivities(c: &Conductivities) {
    let mut t = table(&[
        "arc",
        "R (Ω)",
        "C (F)",
        "C at L/A = 1 cm⁻¹",
        "apex (Hz)",
        "assigned to",
    ]);
    for a in &c.arcs {
        let assigned = if a.above_band {
            "above the window: in the intercept".to_string()
        } else {
            format!("{:?}", a.contribution)
        };
        t.add_row(vec![
            a.block.clone(),
            sig(a.resistance_ohm, 4),
            sig(a.capacitance_f, 3),
            sig(a.normalised_capacitance_f, 3),
            sig(a.apex_frequency_hz, 3),
            assigned,
        ]);
    }
    println!("{t}");
    println!("  bulk σ            {}", s_per_cm(c.bulk_s_per_m));
    println!("  grain-boundary σ  {}", s_per_cm(c.grain_boundary_s_per_m));
    println!("  total σ           {}", s_per_cm(c.total_s_per_m));
    if c.grain_boundary_specific_s_per_m.is_some() {
        println!(
            "  specific gb σ     {} (brick layer, (L/A)/R_gb · C_bulk/C_gb)",
            s_per_cm(c.grain_boundary_specific_s_per_m)
        );
    }
    for n in &c.notes {
        println!("  note: {n}");
    }
}
