//! Step two of argument handling: resolve raw flags into settings and run.

mod bench;
mod cells;
mod chem;
mod cite;
mod materials;
mod simulate;

use crate::cli::{Cli, Command};

/// Run a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Chem(args) => chem::run(&args),
        Command::Cite(args) => cite::run(&args),
        Command::Materials(cmd) => materials::run(cmd),
        Command::Cells(cmd) => cells::run(cmd),
        Command::Simulate(args) => simulate::run(&args),
        Command::Bench(args) => bench::run(&args),
    }
}
