//! Classification of reported cells: CEI strategy (§5.2.3), all-solid vs pseudo-solid
//! (§7), and the nature of each CEI-column entry.

use serde::Serialize;

use crate::cell::{Architecture, Cell, SoftAdditive};

/// What an entry of the CEI column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InterlayerNature {
    /// An inorganic compound or metal: a true artificial CEI.
    Inorganic,
    /// Garnet modified in place (e.g. "Co-diffused LLZO"): part of the garnet, not an
    /// added layer.
    GarnetDerived,
    /// An organic Li salt (LiTFSI, LiFSI, …).
    OrganicSalt,
    /// A polymer (PEO, PVDF, …).
    Polymer,
    /// An ionic liquid.
    IonicLiquid,
    /// A liquid electrolyte.
    LiquidElectrolyte,
    /// Not recognised: check the source.
    Unknown,
}

const ORGANIC_SALTS: &[&str] = &[
    "litfsi", "lifsi", "libob", "lidfob", "lipf6", "liclo4", "libf4",
];
const POLYMERS: &[&str] = &["peo", "pvdf", "pan", "pmma", "ppc", "pvdf-hfp", "polymer"];
const IONIC_LIQUIDS: &[&str] = &["ionic liquid", "pyr14tfsi", "emim", "il"];
const LIQUIDS: &[&str] = &[
    "liquid electrolyte",
    "le",
    "lipf6 in ec/dmc",
    "carbonate electrolyte",
];

/// Classify one entry of the CEI column.
///
/// Rules: names of known organic salts, polymers, ionic liquids and liquid electrolytes
/// are matched case-insensitively; an entry containing "LLZO" is garnet-derived; an
/// entry that parses as an inorganic formula (e.g. `Li3BO3`, `Nb`,
/// `In2(1-x)Sn2xO3`-style with a variable) is inorganic; anything else is unknown.
pub fn interlayer_nature(entry: &str) -> InterlayerNature {
    let lower = entry.trim().to_lowercase();
    if ORGANIC_SALTS.contains(&lower.as_str()) {
        return InterlayerNature::OrganicSalt;
    }
    if POLYMERS.contains(&lower.as_str()) {
        return InterlayerNature::Polymer;
    }
    if IONIC_LIQUIDS.contains(&lower.as_str()) {
        return InterlayerNature::IonicLiquid;
    }
    if LIQUIDS.contains(&lower.as_str()) {
        return InterlayerNature::LiquidElectrolyte;
    }
    if lower.contains("llzo") {
        return InterlayerNature::GarnetDerived;
    }
    if garnet_chem::Formula::parse(entry).is_ok()
        || looks_like_formula_with_variable(entry)
        || lower == "ito"
    {
        return InterlayerNature::Inorganic;
    }
    InterlayerNature::Unknown
}

/// `In2(1-x)Sn2xO3` and similar: element symbols with a variable composition.
fn looks_like_formula_with_variable(entry: &str) -> bool {
    let stripped: String = entry
        .chars()
        .filter(|c| !matches!(c, 'x' | 'y' | '-' | '+' | '(' | ')' | '.' | ' '))
        .collect();
    entry.contains('x') && garnet_chem::Formula::parse(&stripped).is_ok()
}

/// The §7 class of a cell's electrolyte system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SolidStateClass {
    /// No liquid, ionic liquid or polymer: a true all-solid-state battery.
    #[serde(rename = "all-solid")]
    AllSolid,
    /// Garnet with a liquid electrolyte.
    #[serde(rename = "hybrid SE")]
    Hybrid,
    /// Garnet with an ionic liquid.
    #[serde(rename = "quasi SE")]
    Quasi,
    /// Garnet with a polymer.
    #[serde(rename = "composite SE")]
    Composite,
}

impl SolidStateClass {
    /// The name used in JSON (`all-solid`, `hybrid SE`, `quasi SE`, `composite SE`).
    pub fn as_str(self) -> &'static str {
        match self {
            SolidStateClass::AllSolid => "all-solid",
            SolidStateClass::Hybrid => "hybrid SE",
            SolidStateClass::Quasi => "quasi SE",
            SolidStateClass::Composite => "composite SE",
        }
    }
}

/// Classification of one cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    /// The strategy per §5.2.3.
    pub strategy: Architecture,
    /// True when `strategy` differs from the printed architecture.
    pub strategy_disagrees: bool,
    /// §7 class.
    pub solid_state_class: SolidStateClass,
    /// Nature of each CEI-column entry, in order.
    pub interlayer_nature: Vec<(String, InterlayerNature)>,
    /// Human-readable flags.
    pub flags: Vec<String>,
}

/// Classify a cell.
///
/// Strategy (§5.2.3 of Kurian et al. 2024): anything at the cathode–electrolyte
/// interface other than the cathode active material and the garnet makes an artificial
/// CEI; otherwise a cell printed as a composite cathode stays one, and the rest are
/// direct coatings. Garnet-derived entries (interdiffused garnet) and impurity phases
/// do not count as added layers.
pub fn classify(cell: &Cell) -> Classification {
    let entries = cell.interlayer.clone().unwrap_or_default();
    let natures: Vec<(String, InterlayerNature)> = entries
        .iter()
        .map(|e| (e.clone(), interlayer_nature(e)))
        .collect();
    let added = natures
        .iter()
        .any(|(_, n)| *n != InterlayerNature::GarnetDerived);
    let strategy = if added {
        Architecture::ArtificialCei
    } else if cell.architecture == Architecture::CompositeCathode {
        Architecture::CompositeCathode
    } else if cell.architecture == Architecture::ArtificialCei && cell.interlayer.is_none() {
        // Unknown CEI column: keep what was printed rather than guess.
        Architecture::ArtificialCei
    } else {
        Architecture::DirectCoating
    };
    let mut flags = Vec::new();
    if strategy != cell.architecture {
        flags.push(format!(
            "printed as {} but the CEI column makes it {} (§5.2.3)",
            cell.architecture.as_str(),
            strategy.as_str()
        ));
    }
    for (e, n) in &natures {
        match n {
            InterlayerNature::OrganicSalt => flags.push(format!(
                "CEI column holds an organic salt ({e}), not an inorganic interlayer"
            )),
            InterlayerNature::Polymer => flags.push(format!("CEI column holds a polymer ({e})")),
            InterlayerNature::IonicLiquid => {
                flags.push(format!("CEI column holds an ionic liquid ({e})"))
            }
            InterlayerNature::LiquidElectrolyte => {
                flags.push(format!("CEI column holds a liquid electrolyte ({e})"))
            }
            InterlayerNature::Unknown => flags.push(format!(
                "CEI entry '{e}' is not a recognised inorganic compound; check the source"
            )),
            InterlayerNature::Inorganic | InterlayerNature::GarnetDerived => {}
        }
    }
    let has = |n: InterlayerNature| natures.iter().any(|(_, x)| *x == n);
    let solid_state_class = match cell.soft_additive {
        Some(SoftAdditive::Liquid) => SolidStateClass::Hybrid,
        Some(SoftAdditive::IonicLiquid) => SolidStateClass::Quasi,
        Some(SoftAdditive::Polymer) => SolidStateClass::Composite,
        None if has(InterlayerNature::LiquidElectrolyte) => SolidStateClass::Hybrid,
        None if has(InterlayerNature::IonicLiquid) => SolidStateClass::Quasi,
        None if has(InterlayerNature::Polymer) => SolidStateClass::Composite,
        None => SolidStateClass::AllSolid,
    };
    Classification {
        strategy,
        strategy_disagrees: strategy != cell.architecture,
        solid_state_class,
        interlayer_nature: natures,
        flags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natures() {
        assert_eq!(interlayer_nature("Li3BO3"), InterlayerNature::Inorganic);
        assert_eq!(interlayer_nature("Nb"), InterlayerNature::Inorganic);
        assert_eq!(
            interlayer_nature("In2(1-x)Sn2xO3"),
            InterlayerNature::Inorganic
        );
        assert_eq!(interlayer_nature("LiTFSI"), InterlayerNature::OrganicSalt);
        assert_eq!(
            interlayer_nature("Co-diffused LLZO"),
            InterlayerNature::GarnetDerived
        );
        assert_eq!(interlayer_nature("PEO"), InterlayerNature::Polymer);
        assert_eq!(interlayer_nature("PTO"), InterlayerNature::Unknown);
    }
}
