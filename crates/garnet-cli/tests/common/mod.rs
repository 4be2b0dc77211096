//! What the end-to-end tests share: the binary, its JSON output, and where the
//! examples and fixtures are. (Each test file uses part of it.)
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

/// The `garnet` binary of this build.
pub fn garnet() -> Command {
    Command::cargo_bin("garnet").unwrap()
}

/// Run garnet with `args`, require success and return its stdout as JSON.
pub fn json(args: &[&str]) -> Value {
    let out = garnet().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: stdout is not JSON: {e}"))
}

/// The repository root.
pub fn root() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// An example design by file name.
pub fn example(name: &str) -> String {
    format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// An impedance fixture of garnet-eis by file name.
pub fn eis_fixture(name: &str) -> String {
    format!(
        "{}/../garnet-eis/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}
