//! What resuming an interrupted sweep decides, without touching a file: the manifest
//! that identifies a sweep, what changed between two manifests, which designs are
//! still missing, the order that merges the parts, and the names of the part files.
//!
//! The files themselves (parts folder, Parquet parts, the merged output) are written
//! by `garnet_parquet::resumable`, which the command line and the Python bindings call.

use std::collections::BTreeSet;

use serde_json::json;

use crate::{Point, Sweep};

/// Version of the parts layout and of the manifest.
pub const MANIFEST_FORMAT: u32 = 1;

/// Footer metadata key of a merged sweep file: its manifest (JSON).
pub const METADATA_KEY: &str = "garnet.sweep";

/// Designs per part file unless the caller chooses (how much an interruption can lose).
pub const DEFAULT_CHUNK: usize = 512;

/// The manifest of a sweep (pretty JSON): the format, the garnet version,
/// [`Sweep::definition`], a fingerprint of the materials file the designs were
/// resolved against (if any), the number of designs and the column names. Two runs
/// with equal manifests compute equal rows, so parts of one can complete the other.
pub fn manifest(sweep: &Sweep, materials_fnv1a64: Option<u64>, n_designs: usize) -> String {
    let m = json!({
        "format": MANIFEST_FORMAT,
        "garnet_version": env!("CARGO_PKG_VERSION"),
        "sweep": sweep.definition(),
        "materials_fnv1a64": materials_fnv1a64.map(|h| format!("{h:016x}")),
        "n_designs": n_designs,
        "columns": sweep.column_names(),
    });
    format!("{m:#}")
}

/// A part of a sweep's definition that differs between two manifests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestChange {
    /// The base design (its re-serialised text).
    Design,
    /// The varied fields or their values.
    Variations,
    /// The discharge rate.
    Rate,
    /// The plan (factorial, or the Latin hypercube's samples and seed).
    Plan,
    /// Whether the resistance breakdown is computed.
    Resistance,
    /// The materials file.
    Materials,
    /// The garnet version or the manifest format.
    Version,
    /// The old manifest could not be read.
    Unreadable,
}

impl std::fmt::Display for ManifestChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Design => "the design",
            Self::Variations => "the varied values",
            Self::Rate => "the rate",
            Self::Plan => "the plan (samples, seed)",
            Self::Resistance => "whether the resistance is computed",
            Self::Materials => "the materials file",
            Self::Version => "the garnet version",
            Self::Unreadable => "the manifest is unreadable",
        })
    }
}

/// What differs between an old and a new manifest, in a fixed order (empty when
/// they differ elsewhere, e.g. in layout only).
pub fn differences(old: &str, new: &str) -> Vec<ManifestChange> {
    let (Ok(old), Ok(new)) = (
        serde_json::from_str::<serde_json::Value>(old),
        serde_json::from_str::<serde_json::Value>(new),
    ) else {
        return vec![ManifestChange::Unreadable];
    };
    let mut changes = Vec::new();
    let keys = [
        ("design_fnv1a64", ManifestChange::Design),
        ("variations", ManifestChange::Variations),
        ("rate_c", ManifestChange::Rate),
        ("plan", ManifestChange::Plan),
        ("resistance", ManifestChange::Resistance),
    ];
    for (k, change) in keys {
        if old["sweep"][k] != new["sweep"][k] {
            changes.push(change);
        }
    }
    if old["materials_fnv1a64"] != new["materials_fnv1a64"] {
        changes.push(ManifestChange::Materials);
    }
    if old["format"] != new["format"] || old["garnet_version"] != new["garnet_version"] {
        changes.push(ManifestChange::Version);
    }
    changes
}

/// The points whose index is not in `done`, in plan order.
pub fn missing(points: &[Point], done: &BTreeSet<usize>) -> Vec<Point> {
    points
        .iter()
        .filter(|p| !done.contains(&p.index))
        .cloned()
        .collect()
}

/// The row order that sorts stacked parts by design index, if they hold every index
/// `0..n_designs` exactly once (`None`: duplicates, gaps or a null index).
pub fn merge_order(index: &[Option<i64>], n_designs: usize) -> Option<Vec<usize>> {
    let index: Vec<usize> = index
        .iter()
        .map(|i| {
            i.and_then(|i| usize::try_from(i).ok())
                .unwrap_or(usize::MAX)
        })
        .collect();
    let mut order: Vec<usize> = (0..index.len()).collect();
    order.sort_by_key(|&r| index[r]);
    let complete =
        order.len() == n_designs && order.iter().enumerate().all(|(k, &r)| index[r] == k);
    complete.then_some(order)
}

/// The file name of part `n` (`part-00042.parquet`).
pub fn part_file_name(n: usize) -> String {
    format!("part-{n:05}.parquet")
}

/// The number of a part file from its name (`None` for any other file).
pub fn part_number(file_name: &str) -> Option<usize> {
    file_name
        .strip_prefix("part-")
        .and_then(|n| n.strip_suffix(".parquet"))
        .and_then(|n| n.parse::<usize>().ok())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use crate::{Plan, Variation};
    use garnet_cell::Design;

    use crate::tests::DESIGN;

    fn sweep(vary: &str, rate: f64, plan: Plan) -> Sweep {
        let base = Design::from_toml("m.toml", DESIGN).unwrap();
        Sweep::new(base, vec![Variation::parse(vary).unwrap()], rate, plan).unwrap()
    }

    #[test]
    fn manifest_records_the_definition_and_columns() {
        let s = sweep("separator.thickness=20um,50um", 1.0, Plan::Factorial);
        let m: serde_json::Value = serde_json::from_str(&manifest(&s, Some(0xab), 2)).unwrap();
        assert_eq!(m["format"], 1);
        assert_eq!(m["n_designs"], 2);
        assert_eq!(m["materials_fnv1a64"], "00000000000000ab");
        // (Values compared as text: serde_json's parser may round the last digit.)
        assert_eq!(
            m["sweep"]["design_fnv1a64"],
            s.definition()["design_fnv1a64"]
        );
        assert_eq!(m["sweep"]["plan"]["kind"], "factorial");
        assert_eq!(m["columns"][1], "separator.thickness_m");
        assert_eq!(m["garnet_version"], env!("CARGO_PKG_VERSION"));
        assert!(
            manifest(&s, None, 2).contains("\n  \"columns\""),
            "pretty JSON"
        );
    }

    #[test]
    fn differences_name_what_changed() {
        let a = sweep("separator.thickness=20um,50um", 1.0, Plan::Factorial);
        let b = sweep("separator.thickness=20um,50um", 0.5, Plan::Factorial);
        let c = sweep(
            "separator.thickness=20um..50um",
            1.0,
            Plan::LatinHypercube {
                samples: 3,
                seed: 1,
            },
        );
        let (ma, mb, mc) = (
            manifest(&a, None, 2),
            manifest(&b, None, 2),
            manifest(&c, Some(1), 3),
        );
        assert_eq!(differences(&ma, &ma), vec![]);
        assert_eq!(differences(&ma, &mb), vec![ManifestChange::Rate]);
        assert_eq!(
            differences(&ma, &mc),
            vec![
                ManifestChange::Variations,
                ManifestChange::Plan,
                ManifestChange::Materials
            ]
        );
        assert_eq!(differences("", &ma), vec![ManifestChange::Unreadable]);
        assert_eq!(ManifestChange::Rate.to_string(), "the rate");
    }

    #[test]
    fn missing_points_and_merge_order() {
        let s = sweep(
            "separator.thickness=20um,30um,40um,50um",
            1.0,
            Plan::Factorial,
        );
        let points = s.points().unwrap();
        let todo = missing(&points, &BTreeSet::from([0, 2]));
        assert_eq!(todo.iter().map(|p| p.index).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(
            merge_order(&[Some(2), Some(0), Some(3), Some(1)], 4),
            Some(vec![1, 3, 0, 2])
        );
        assert_eq!(
            merge_order(&[Some(0), Some(0), Some(1)], 3),
            None,
            "a duplicate"
        );
        assert_eq!(merge_order(&[Some(0), Some(2)], 2), None, "a gap");
        assert_eq!(merge_order(&[Some(0), None], 2), None, "a null index");
        assert_eq!(merge_order(&[], 0), Some(vec![]));
    }

    #[test]
    fn part_names_round_trip() {
        assert_eq!(part_file_name(42), "part-00042.parquet");
        assert_eq!(part_number("part-00042.parquet"), Some(42));
        assert_eq!(part_number("manifest.json"), None);
        assert_eq!(part_number(".part-00001.parquet.tmp"), None);
    }
}
