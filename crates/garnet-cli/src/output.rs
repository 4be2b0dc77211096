//! Printing: human tables, JSON on stdout, atomic file writes.

use std::io::Write;
use std::path::Path;

use comfy_table::{presets::UTF8_BORDERS_ONLY, Table};
use garnet_cite::{Bibliography, UsedSource};
use serde::Serialize;

/// What made an output (`garnet_io::stamp`): the command and, where a model ran,
/// its options. Every JSON the CLI prints or writes carries it as `generated_by`.
#[derive(Debug, Clone)]
pub struct Stamp(serde_json::Value);

impl Stamp {
    /// An output of `command` that ran no model (look-ups of data).
    pub fn data(command: &str) -> Self {
        Self(garnet_io::stamp::generated_by(command, None))
    }

    /// An output of `command` whose numbers these model options decide.
    pub fn model<O: Serialize>(command: &str, options: &O) -> anyhow::Result<Self> {
        let options = serde_json::to_value(options)?;
        Ok(Self(garnet_io::stamp::generated_by(command, Some(options))))
    }

    /// An output of a cell simulation of `params` (the model, mesh and solver).
    pub fn cell(command: &str, params: &garnet_cell::CellParams) -> anyhow::Result<Self> {
        Self::model(command, &garnet_cell::ModelOptions::of(params))
    }
}

/// `value` as pretty JSON text with the stamp (for files and stdout).
pub fn json_text<T: Serialize>(value: &T, stamp: &Stamp) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(
        &garnet_io::stamp::Stamped::new(value, &stamp.0),
    )?)
}

/// Print a value as pretty JSON on stdout (and nothing else there), stamped.
pub fn print_json<T: Serialize>(value: &T, stamp: &Stamp) -> anyhow::Result<()> {
    let text = json_text(value, stamp)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")?;
    Ok(())
}

/// A table with a header row, borders only, for the terminal.
pub fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_BORDERS_ONLY);
    t.set_header(header.iter().copied());
    t
}

/// Print the sources a result used, resolved to full references.
pub fn print_sources(sources: &[UsedSource], bib: &Bibliography) {
    if sources.is_empty() {
        return;
    }
    println!("\nSources:");
    for s in sources {
        let reference = bib
            .resolve(&s.citation.key)
            .map(ToString::to_string)
            .unwrap_or_else(|e| format!("<{e}>"));
        let loc = s
            .citation
            .locator
            .as_deref()
            .map(|l| format!(", {l}"))
            .unwrap_or_default();
        let role = match s.role {
            garnet_cite::Role::Model => "model",
            garnet_cite::Role::Parameter => "parameter",
            garnet_cite::Role::Rule => "rule",
            garnet_cite::Role::Data => "data",
        };
        println!("  [{}{loc}] ({role}) {reference}", s.citation.key);
    }
}

pub use garnet_units::sig;

/// Write a file atomically: to a temporary file beside it, then rename, so a
/// failure never leaves a half-written output.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    Ok(garnet_io::write_atomic(path, bytes)?)
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    #[test]
    fn atomic_writes_are_readable_by_others() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        super::write_atomic(&path, b"hello").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"hello");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        // Readable by group and others exactly when a plain write would be (umask).
        let plain = dir.path().join("plain.txt");
        std::fs::write(&plain, b"x").unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode();
        assert_eq!(mode(&path) & 0o044, mode(&plain) & 0o044);
        assert_eq!(mode(&path) & 0o600, 0o600);
    }
}
