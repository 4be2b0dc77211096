//! Citation keys, the provenance of every value, and the bibliography.
//!
//! Every number garnet uses has a [`Provenance`]: cited (a bibliography key plus a
//! locator such as "Table 1" or "§2.2"), estimated (with the reason), or fitted
//! (with the data set). Results return the [`Citation`]s they used, in the role they
//! played; nothing is registered globally. The [`Bibliography`] is compiled into the
//! binary from `data/bibliography/*.toml` and resolves keys to full references; a
//! test fails if any key used anywhere in `data/` does not resolve.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Errors of the citation layer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CiteError {
    /// A key that no bibliography file defines.
    #[error("unknown citation key '{key}'{}", suggestion.as_ref().map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default())]
    UnknownKey {
        /// The key asked for.
        key: String,
        /// A close existing key.
        suggestion: Option<String>,
    },
    /// A bibliography file that does not parse.
    #[error("bibliography file {file}: {message}")]
    BadFile {
        /// Which embedded file.
        file: String,
        /// The parser's message.
        message: String,
    },
    /// The same key defined twice.
    #[error("citation key '{key}' is defined in both {first} and {second}")]
    DuplicateKey {
        /// The key.
        key: String,
        /// First file defining it.
        first: String,
        /// Second file defining it.
        second: String,
    },
}

/// One bibliography entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// The full reference as it should be printed.
    pub reference: String,
    /// Publication year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// Journal abbreviation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal: Option<String>,
    /// Volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// DOI without the resolver prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// Web address, for sources without a DOI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Number in the review's reference list, where the source is cited there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_ref: Option<u32>,
    /// Any remark (what the source is used for, caveats).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reference)?;
        if let Some(doi) = &self.doi {
            if !self.reference.contains(doi.as_str()) {
                write!(f, " doi:{doi}")?;
            }
        } else if let Some(url) = &self.url {
            if !self.reference.contains(url.as_str()) {
                write!(f, " {url}")?;
            }
        }
        Ok(())
    }
}

/// The embedded bibliography files: (name, contents).
const FILES: &[(&str, &str)] = &[
    (
        "core.toml",
        include_str!("../../../data/bibliography/core.toml"),
    ),
    (
        "review_refs.toml",
        include_str!("../../../data/bibliography/review_refs.toml"),
    ),
    (
        "materials.toml",
        include_str!("../../../data/bibliography/materials.toml"),
    ),
    (
        "ocv.toml",
        include_str!("../../../data/bibliography/ocv.toml"),
    ),
    (
        "interface.toml",
        include_str!("../../../data/bibliography/interface.toml"),
    ),
    (
        "eis.toml",
        include_str!("../../../data/bibliography/eis.toml"),
    ),
    (
        "contact.toml",
        include_str!("../../../data/bibliography/contact.toml"),
    ),
];

/// All known references, by key.
#[derive(Debug, Clone, Default)]
pub struct Bibliography {
    entries: BTreeMap<String, (Reference, &'static str)>,
}

impl Bibliography {
    /// The bibliography compiled into garnet.
    pub fn embedded() -> Result<Self, CiteError> {
        let mut bib = Self::default();
        for (name, text) in FILES {
            bib.add_file(name, text)?;
        }
        Ok(bib)
    }

    /// Add the entries of one TOML file (a table of `[key]` entries).
    pub fn add_file(&mut self, name: &'static str, text: &str) -> Result<(), CiteError> {
        let table: BTreeMap<String, Reference> =
            toml::from_str(text).map_err(|e| CiteError::BadFile {
                file: name.to_string(),
                message: e.to_string(),
            })?;
        for (key, reference) in table {
            if let Some((_, first)) = self.entries.get(&key) {
                return Err(CiteError::DuplicateKey {
                    key,
                    first: (*first).to_string(),
                    second: name.to_string(),
                });
            }
            self.entries.insert(key, (reference, name));
        }
        Ok(())
    }

    /// The reference for `key`, or an error with a did-you-mean suggestion.
    pub fn resolve(&self, key: &str) -> Result<&Reference, CiteError> {
        self.entries
            .get(key)
            .map(|(r, _)| r)
            .ok_or_else(|| CiteError::UnknownKey {
                key: key.to_string(),
                suggestion: garnet_units::suggest::closest_str(
                    key,
                    self.entries.keys().map(String::as_str),
                ),
            })
    }

    /// The key of the entry with number `n` in the review's reference list.
    pub fn key_for_review_ref(&self, n: u32) -> Option<&str> {
        self.entries
            .iter()
            .find(|(_, (r, _))| r.review_ref == Some(n))
            .map(|(k, _)| k.as_str())
    }

    /// All keys, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A pointer into the literature: a bibliography key and where in the source.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Citation {
    /// Bibliography key.
    pub key: String,
    /// Where in the source (table, figure, section, page), if useful.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
}

impl Citation {
    /// A citation of `key` at `locator`.
    pub fn new(key: impl Into<String>, locator: Option<&str>) -> Self {
        Self {
            key: key.into(),
            locator: locator.map(str::to_string),
        }
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.locator {
            Some(loc) => write!(f, "[{}, {}]", self.key, loc),
            None => write!(f, "[{}]", self.key),
        }
    }
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Provenance {
    /// Taken from a source.
    Cited(Citation),
    /// Estimated, with the reason (and what would replace it).
    Estimated {
        /// Why this is an estimate.
        reason: String,
    },
    /// Fitted to a data set.
    Fitted {
        /// The data set it was fitted to.
        dataset: String,
    },
    /// Computed by garnet from other values (e.g. capacity from a formula).
    Computed {
        /// How it was computed.
        method: String,
        /// The sources of the inputs.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        inputs: Vec<Citation>,
    },
}

impl Provenance {
    /// The citations this provenance rests on.
    pub fn citations(&self) -> Vec<&Citation> {
        match self {
            Provenance::Cited(c) => vec![c],
            Provenance::Computed { inputs, .. } => inputs.iter().collect(),
            _ => Vec::new(),
        }
    }
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Provenance::Cited(c) => write!(f, "{c}"),
            Provenance::Estimated { reason } => write!(f, "estimated: {reason}"),
            Provenance::Fitted { dataset } => write!(f, "fitted to {dataset}"),
            Provenance::Computed { method, inputs } => {
                write!(f, "computed: {method}")?;
                for c in inputs {
                    write!(f, " {c}")?;
                }
                Ok(())
            }
        }
    }
}

/// The role a source played in a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The model or method.
    Model,
    /// A parameter value.
    Parameter,
    /// A rule or classification.
    Rule,
    /// Data compared against.
    Data,
}

/// A citation with the role it played in a result.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UsedSource {
    /// What was cited.
    #[serde(flatten)]
    pub citation: Citation,
    /// In what role.
    pub role: Role,
}

/// Collect sources, dropping exact duplicates and keeping first-use order.
pub fn dedup_sources(sources: impl IntoIterator<Item = UsedSource>) -> Vec<UsedSource> {
    let mut out: Vec<UsedSource> = Vec::new();
    for s in sources {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_bibliography_loads_without_duplicates() {
        let bib = Bibliography::embedded().unwrap();
        assert!(bib.len() >= 224, "review list alone has 224 entries");
        let review = bib.resolve("kurian2024").unwrap();
        assert_eq!(review.doi.as_deref(), Some("10.1039/d4lf00099d"));
    }

    #[test]
    fn review_numbers_map_to_keys() {
        let bib = Bibliography::embedded().unwrap();
        assert_eq!(bib.key_for_review_ref(141), Some("du2015"));
        assert_eq!(bib.key_for_review_ref(160), Some("sastre2021"));
        assert_eq!(bib.key_for_review_ref(112), Some("xu2018"));
        let every_number_present = (1..=224).all(|n| bib.key_for_review_ref(n).is_some());
        assert!(every_number_present);
    }

    #[test]
    fn unknown_key_suggests() {
        let bib = Bibliography::embedded().unwrap();
        match bib.resolve("kurian2042") {
            Err(CiteError::UnknownKey { suggestion, .. }) => {
                assert_eq!(suggestion.as_deref(), Some("kurian2024"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let mut bib = Bibliography::default();
        bib.add_file("a.toml", "[x]\nreference = \"A\"\n").unwrap();
        let err = bib
            .add_file("b.toml", "[x]\nreference = \"B\"\n")
            .unwrap_err();
        assert!(matches!(err, CiteError::DuplicateKey { .. }));
    }
}
