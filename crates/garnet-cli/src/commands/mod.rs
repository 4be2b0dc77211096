//! Step two of argument handling: resolve raw flags into settings and run.

mod bench;
pub(crate) mod bpx;
mod cells;
mod cells_simulate;
mod chem;
mod cite;
pub(crate) mod eis;
mod eis_arrhenius;
mod eis_compare;
mod eis_drt;
mod eis_fit;
mod eis_simulate;
pub(crate) mod interface;
mod materials;
pub(crate) mod report;
mod simulate;
pub(crate) mod sweep;

use crate::cli::{Cli, Command};

/// Run a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Report(args) => report::run(&args),
        Command::Chem(args) => chem::run(&args),
        Command::Cite(args) => cite::run(&args),
        Command::Materials(cmd) => materials::run(cmd),
        Command::Cells(cmd) => cells::run(cmd),
        Command::Simulate(args) => simulate::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Sweep(args) => sweep::run(&args),
        Command::Eis(cmd) => eis::run(cmd),
        Command::Interface(cmd) => interface::run_interface(cmd),
        Command::Screen(cmd) => interface::run_screen(cmd),
        Command::Bpx(cmd) => bpx::run(cmd),
        Command::Resistance(args) => {
            let params =
                simulate::load_params(&args.design, args.temperature.as_deref(), &args.source)?;
            if let Some(s) = args.soc {
                // The library's one check; the CLI names its flag.
                garnet_cell::StateOfCharge::new(s)
                    .map_err(|_| crate::UsageError(format!("--soc {s}: expected 0–1")))?;
            }
            let r = garnet_cell::resistance_breakdown(&params, args.soc, 1.0)?;
            if args.json {
                let stamp = crate::output::Stamp::cell("resistance", &params)?;
                return crate::output::print_json(&r, &stamp);
            }
            simulate::print_resistance(&r);
            Ok(())
        }
    }
}
