//! `garnet cite KEY…`.

use garnet_cite::{Bibliography, Reference};
use serde::Serialize;

use crate::cli::CiteArgs;
use crate::output::{print_json, Stamp};

#[derive(Serialize)]
struct Entry<'a> {
    key: String,
    #[serde(flatten)]
    reference: &'a Reference,
}

pub fn run(args: &CiteArgs) -> anyhow::Result<()> {
    let bib = Bibliography::embedded()?;
    let keys: Vec<String> = if args.all {
        bib.keys().map(str::to_string).collect()
    } else {
        let mut keys = Vec::new();
        for k in &args.keys {
            match k.strip_prefix('#').map(str::parse::<u32>) {
                Some(Ok(n)) => match bib.key_for_review_ref(n) {
                    Some(key) => keys.push(key.to_string()),
                    None => {
                        anyhow::bail!("the review has no reference number {n} (it lists 1–224)")
                    }
                },
                Some(Err(_)) => anyhow::bail!(
                    "'{k}': after '#' give a reference number of the review, e.g. #141"
                ),
                None => keys.push(k.clone()),
            }
        }
        keys
    };
    let mut entries = Vec::new();
    for key in keys {
        let reference = bib.resolve(&key)?;
        entries.push(Entry { key, reference });
    }
    if args.json {
        return print_json(&entries, &Stamp::data("cite"));
    }
    for e in entries {
        let review = e
            .reference
            .review_ref
            .map(|n| format!(" (review ref. {n})"))
            .unwrap_or_default();
        println!("[{}]{review} {}", e.key, e.reference);
    }
    Ok(())
}
