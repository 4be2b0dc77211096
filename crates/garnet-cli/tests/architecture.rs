#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! docs/architecture.md's crate table is the workspace's real dependency graph: every
//! crate is listed, with exactly the garnet crates its Cargo.toml depends on.

use std::collections::{BTreeMap, BTreeSet};

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// crate → the garnet crates in its `[dependencies]` (not dev-dependencies).
fn from_manifests() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph = BTreeMap::new();
    for entry in std::fs::read_dir(root().join("crates")).unwrap() {
        let manifest = entry.unwrap().path().join("Cargo.toml");
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            continue;
        };
        let doc: toml::Table = text.parse().unwrap();
        let name = doc["package"]["name"].as_str().unwrap().to_string();
        let deps = doc
            .get("dependencies")
            .and_then(|d| d.as_table())
            .map(|d| {
                d.keys()
                    .filter(|k| k.starts_with("garnet-"))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        graph.insert(name, deps);
    }
    graph
}

/// crate → the garnet crates the table's third column names.
fn from_doc() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(root().join("docs/architecture.md")).unwrap();
    let mut graph = BTreeMap::new();
    for line in text.lines().filter(|l| l.starts_with("| `garnet-")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        assert_eq!(cells.len(), 3, "{line}");
        let name = cells[0].trim_matches('`').to_string();
        let deps = cells[2]
            .split(',')
            .map(|d| d.trim().trim_matches('`').to_string())
            .filter(|d| d.starts_with("garnet-"))
            .collect();
        assert!(
            graph.insert(name.clone(), deps).is_none(),
            "{name} listed twice"
        );
    }
    graph
}

#[test]
fn the_documented_crate_graph_is_the_real_one() {
    let (real, documented) = (from_manifests(), from_doc());
    assert!(real.len() >= 18, "{} crates found", real.len());
    assert_eq!(
        real.keys().collect::<Vec<_>>(),
        documented.keys().collect::<Vec<_>>(),
        "crates in docs/architecture.md"
    );
    for (name, deps) in &real {
        assert_eq!(deps, &documented[name], "dependencies of {name}");
    }
}
