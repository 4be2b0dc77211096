//! `Header` and garnet's own data: the BPX version, title, description and model,
//! and the names (`garnet …: name` lines of the description) and numbers
//! (`User-defined` `garnet: …` keys) that garnet's export writes.

use std::collections::BTreeMap;

use serde_json::Value;

use super::Skipped;
use crate::json::Owned;
use crate::keys::*;
use crate::BpxError;

/// `Header`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Header {
    pub(super) version: String,
    pub(super) title: Option<String>,
    pub(super) description: Option<String>,
    pub(super) model: String,
}

/// Read `Header`; a major version above 1 is read as 1.x with a note. An SPM file is
/// refused: it lacks what a composite cathode needs.
pub(super) fn header(root: &Owned, notes: &mut Vec<String>) -> Result<Header, BpxError> {
    let header = root.get("Header")?;
    let version_node = header.get("BPX")?;
    let version = match version_node.value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => {
            return Err(BpxError::Type {
                path: version_node.path,
                expected: "a version string such as \"1.0.0\"",
            })
        }
    };
    let major: u64 = version
        .trim()
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .ok_or_else(|| BpxError::Value {
            path: "Header.BPX".to_string(),
            message: format!("'{version}' is not a version number"),
        })?;
    if major > 1 {
        notes.push(format!(
            "BPX version {version} is newer than garnet knows (0.x and 1.x); read as 1.x"
        ));
    }
    let title = header.opt_string("Title")?.map(str::to_string);
    let description = header.opt_string("Description")?.map(str::to_string);
    let model = header
        .opt_string("Model")?
        .ok_or_else(|| BpxError::Missing {
            path: "Header.Model".to_string(),
        })?
        .to_string();
    if model == "SPM" {
        return Err(BpxError::Unsupported {
            path: "Header.Model".to_string(),
            message: "an SPM parameterisation has no porosity, transport efficiency or electrode conductivity, which garnet's composite cathode needs; use a DFN or SPMe file".to_string(),
        });
    }
    Ok(Header {
        version,
        title,
        description,
        model,
    })
}

/// garnet's own numbers (by `User-defined` key) and names (by description key).
pub(super) type GarnetOwn = (BTreeMap<String, f64>, BTreeMap<String, String>);

/// garnet's names (lines `garnet …: name` of the header's description and of a
/// `User-defined.description`) and numbers (`User-defined` `garnet: …`); other
/// `User-defined` entries are skipped.
pub(super) fn garnet_own(
    description: Option<&str>,
    par: &Owned,
    skipped: &mut Vec<Skipped>,
) -> Result<GarnetOwn, BpxError> {
    let mut garnet_numbers = BTreeMap::new();
    let mut garnet_names = BTreeMap::new();
    let mut read_names = |text: &str| {
        for line in text.lines() {
            if let Some((key, value)) = line.split_once(':') {
                let key = key.trim();
                if [D_CATHODE, D_SEPARATOR, D_COMPOSITE, D_INTERLAYER].contains(&key)
                    && !value.trim().is_empty()
                {
                    garnet_names.insert(key.to_string(), value.trim().to_string());
                }
            }
        }
    };
    if let Some(d) = description {
        read_names(d);
    }
    if let Some(user) = par.opt(USER)? {
        for (k, v) in user.object()? {
            let path = format!("{}.{k}", user.path);
            if k == "description" {
                if let Some(text) = v.as_str() {
                    read_names(text);
                }
                continue;
            }
            if k.starts_with("garnet: ") {
                let n = Owned {
                    path: path.clone(),
                    value: v,
                };
                garnet_numbers.insert(k.clone(), n.as_number()?);
            } else {
                skipped.push(Skipped {
                    path,
                    reason: "user-defined parameter with no garnet meaning".to_string(),
                });
            }
        }
    }
    Ok((garnet_numbers, garnet_names))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    #[test]
    fn header_fields_as_given() {
        let doc = json!({"Header": {"BPX": "1.0.0", "Title": "T", "Model": "DFN"}});
        let mut notes = Vec::new();
        let h = header(&Owned::root(&doc), &mut notes).unwrap();
        assert_eq!(
            h,
            Header {
                version: "1.0.0".into(),
                title: Some("T".into()),
                description: None,
                model: "DFN".into(),
            }
        );
        assert!(notes.is_empty());
        let doc = json!({"Header": {"BPX": 2.0, "Model": "SPMe"}});
        let h = header(&Owned::root(&doc), &mut notes).unwrap();
        assert_eq!(h.version, "2.0");
        assert_eq!(notes.len(), 1, "a newer major version is noted");
    }

    #[test]
    fn bad_headers_name_the_path() {
        let cases = [
            (
                json!({"Header": {"BPX": true, "Model": "DFN"}}),
                "Header.BPX",
            ),
            (
                json!({"Header": {"BPX": "one", "Model": "DFN"}}),
                "Header.BPX",
            ),
            (json!({"Header": {"BPX": "1.0"}}), "Header.Model"),
            (
                json!({"Header": {"BPX": "1.0", "Model": "SPM"}}),
                "Header.Model",
            ),
            (json!({"Parameterisation": {}}), "Header"),
        ];
        for (doc, path) in cases {
            let e = header(&Owned::root(&doc), &mut Vec::new()).unwrap_err();
            assert!(e.to_string().starts_with(path), "{path}: {e}");
        }
    }

    #[test]
    fn garnet_names_and_numbers_come_back() {
        let doc = json!({"Parameterisation": {"User-defined": {
            G_CONTACT: 0.8,
            "description": format!("{D_SEPARATOR}: LLZTO"),
            "Someone's parameter": 3.0,
        }}});
        let par = Owned::root(&doc).get("Parameterisation").unwrap();
        let mut skipped = Vec::new();
        let description = format!("free text\n{D_CATHODE}: NMC811\n{D_INTERLAYER}: ");
        let (numbers, names) = garnet_own(Some(&description), &par, &mut skipped).unwrap();
        assert_eq!(numbers.get(G_CONTACT), Some(&0.8));
        assert_eq!(names.get(D_CATHODE).map(String::as_str), Some("NMC811"));
        assert_eq!(names.get(D_SEPARATOR).map(String::as_str), Some("LLZTO"));
        assert!(
            !names.contains_key(D_INTERLAYER),
            "an empty name is no name"
        );
        assert_eq!(skipped.len(), 1);
        assert_eq!(
            skipped[0].path,
            "Parameterisation.User-defined.Someone's parameter"
        );
    }
}
