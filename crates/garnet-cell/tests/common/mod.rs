//! Helpers shared by the integration tests of garnet-cell (each test binary uses a
//! part of them).

#![allow(dead_code, clippy::unwrap_used)]

use garnet_cell::{parse_design, resolve, CellError, CellParams};
use garnet_materials::MaterialDb;

/// The repository root (examples/, data/).
pub fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A design text resolved against the embedded knowledge base.
pub fn params(text: &str) -> Result<CellParams, CellError> {
    resolve(
        "t.toml",
        &parse_design("t.toml", text)?,
        &MaterialDb::embedded().unwrap(),
    )
}
