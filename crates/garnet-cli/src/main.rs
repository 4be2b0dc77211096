//! `garnet`: a workbench for garnet-electrolyte (LLZO) all-solid-state batteries.
//!
//! The binary is thin: it parses flags (step one, [`cli`]), resolves them into
//! validated settings and calls the library crates (step two, [`commands`]), and
//! prints tables or JSON. Exit codes: 0 success, 1 failure, 2 usage error.

mod args;
mod cli;
mod commands;
mod output;

use std::process::ExitCode;

use clap::Parser;

/// A failure the user caused with their arguments: exit code 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn main() -> ExitCode {
    restore_sigpipe();
    let args = cli::Cli::parse();
    match commands::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            if err.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

/// Let a closed pipe end the program quietly (`garnet cells list | head`), as Unix tools
/// do, instead of Rust's default of ignoring SIGPIPE and then panicking in `println!`.
#[cfg(unix)]
fn restore_sigpipe() {
    // SAFETY: called first thing in main, before any other thread exists; setting a
    // signal disposition to its default has no other effect on the process.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_sigpipe() {}
