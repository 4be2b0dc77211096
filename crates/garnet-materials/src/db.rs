//! The materials database: embedded curated files plus optional user overrides.

use garnet_chem::Formula;

use crate::load::{parse_materials, Registry};
use crate::record::{Kind, Material};
use crate::MaterialsError;

/// Embedded data files: (name, contents).
const REGISTRY: (&str, &str) = (
    "data/materials/properties.toml",
    include_str!("../../../data/materials/properties.toml"),
);

const FILES: &[(&str, &str)] = &[
    (
        "data/materials/electrolytes.toml",
        include_str!("../../../data/materials/electrolytes.toml"),
    ),
    (
        "data/materials/cathodes.toml",
        include_str!("../../../data/materials/cathodes.toml"),
    ),
    (
        "data/materials/interlayers.toml",
        include_str!("../../../data/materials/interlayers.toml"),
    ),
    (
        "data/materials/anodes.toml",
        include_str!("../../../data/materials/anodes.toml"),
    ),
];

/// What a user file changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergeReport {
    /// Materials the user file added.
    pub added: Vec<String>,
    /// Materials whose fields or properties the user file replaced.
    pub overridden: Vec<String>,
}

/// All materials garnet knows.
#[derive(Debug, Clone)]
pub struct MaterialDb {
    registry: Registry,
    materials: Vec<Material>,
}

impl MaterialDb {
    /// The curated materials compiled into garnet.
    pub fn embedded() -> Result<Self, MaterialsError> {
        let registry = Registry::parse(REGISTRY.0, REGISTRY.1)?;
        let mut db = Self {
            registry,
            materials: Vec::new(),
        };
        for (file, text) in FILES {
            for m in parse_materials(file, text, &db.registry)? {
                if let Some(clash) = db.find_exact(&m.name) {
                    return Err(MaterialsError::Field {
                        file: (*file).to_string(),
                        field: format!("material \"{}\".name", m.name),
                        message: format!("name already used by a material in {}", clash.origin),
                    });
                }
                db.materials.push(m);
            }
        }
        Ok(db)
    }

    /// Merge a user file (same schema): a material with a known name has the fields
    /// and properties it gives replaced; others are added.
    pub fn merge_user_file(
        &mut self,
        file: &str,
        text: &str,
    ) -> Result<MergeReport, MaterialsError> {
        let mut report = MergeReport::default();
        for m in parse_materials(file, text, &self.registry)? {
            match self.materials.iter_mut().find(|x| x.name == m.name) {
                Some(existing) => {
                    existing.kind = m.kind;
                    if m.formula.is_some() {
                        existing.formula = m.formula;
                        existing.parsed_formula = m.parsed_formula;
                    }
                    for a in m.aliases {
                        if !existing.aliases.contains(&a) {
                            existing.aliases.push(a);
                        }
                    }
                    if m.phase.is_some() {
                        existing.phase = m.phase;
                    }
                    if m.notes.is_some() {
                        existing.notes = m.notes;
                    }
                    existing.properties.extend(m.properties);
                    existing.origin = format!("{} + {file}", existing.origin);
                    report.overridden.push(m.name);
                }
                None => {
                    report.added.push(m.name.clone());
                    self.materials.push(m);
                }
            }
        }
        Ok(report)
    }

    /// The property registry.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// All materials, optionally of one kind, in file order.
    pub fn list(&self, kind: Option<Kind>) -> impl Iterator<Item = &Material> {
        self.materials
            .iter()
            .filter(move |m| kind.is_none_or(|k| m.kind == k))
    }

    fn find_exact(&self, name: &str) -> Option<&Material> {
        self.materials.iter().find(|m| m.names().any(|n| n == name))
    }

    /// Find a material by name, alias or formula.
    ///
    /// Order: exact name or alias; then the same ignoring case; then a formula with
    /// the same composition (so `Li6.4Ta0.6La3Zr1.4O12` finds LLZTO). Unknown names
    /// get a did-you-mean suggestion.
    pub fn get(&self, name: &str) -> Result<&Material, MaterialsError> {
        let query = name.trim();
        if let Some(m) = self
            .materials
            .iter()
            .find(|m| m.name == query || m.aliases.iter().any(|a| a == query))
        {
            return Ok(m);
        }
        let lower = query.to_lowercase();
        if let Some(m) = self.materials.iter().find(|m| {
            m.name.to_lowercase() == lower || m.aliases.iter().any(|a| a.to_lowercase() == lower)
        }) {
            return Ok(m);
        }
        if let Ok(f) = Formula::parse(query) {
            // Prefer the canonical record (name = formula or alias) over e.g. a tetragonal
            // variant with the same composition: the first in file order wins.
            if let Some(m) = self.materials.iter().find(|m| {
                m.parsed_formula
                    .as_ref()
                    .is_some_and(|g| same_composition(&f, g))
            }) {
                return Ok(m);
            }
        }
        Err(MaterialsError::UnknownMaterial {
            name: query.to_string(),
            suggestion: garnet_units::suggest::closest_str(
                query,
                self.materials.iter().flat_map(|m| m.names()),
            ),
        })
    }
}

/// True when two formulas have the same elements in the same amounts (±1e-6).
pub fn same_composition(a: &Formula, b: &Formula) -> bool {
    a.amounts().len() == b.amounts().len()
        && a.amounts()
            .iter()
            .all(|(e, n)| (b.amount(e.symbol) - n).abs() < 1e-6)
}
