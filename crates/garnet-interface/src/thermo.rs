//! Formation energies: the embedded Materials Project table and compositions over its
//! elements.
//!
//! `data/thermo/mp_formation_energies.csv` holds, for each reduced composition in the
//! Li–La–Zr–O–Co–Ni–Mn–Fe–P–B–C–Nb–Ta–Al–Ga–Si–N–V–Ti space, the lowest DFT formation
//! energy per atom of the Materials Project (Jain et al. 2013, key `jain2013`) as
//! distributed in Matbench `mp_e_form` (Dunn et al. 2020, key `dunn2020`). Formation
//! energies are relative to the elements, so every element's reference is 0 eV/atom; an
//! element without an entry at or below zero gets a synthetic reference at zero.

use std::sync::OnceLock;

use garnet_chem::Formula;
use garnet_cite::{Citation, Role, UsedSource};

use crate::InterfaceError;

const MP_CSV: &str = include_str!("../../../data/thermo/mp_formation_energies.csv");
const EXPERIMENTAL_CSV: &str =
    include_str!("../../../data/thermo/experimental_formation_enthalpies.csv");
const CRC_CSV: &str = include_str!("../../../data/thermo/crc_formation_enthalpies.csv");

/// Which embedded formation-energy table to use. All three are per atom relative to
/// the elements, so hulls and reactions work the same on any of them; the experimental
/// and CRC tables are sparse (tens to hundreds of compositions), so a phase outside
/// them gives [`InterfaceError::UnknownElement`] or is evaluated at the hull.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnergySource {
    /// Materials Project DFT formation energies (default; 6315 compositions).
    #[default]
    MaterialsProject,
    /// Experimental formation enthalpies of the MP2020 correction fit (Wang et al. 2021).
    Experimental,
    /// CRC Handbook standard formation enthalpies of solids.
    Crc,
}

impl EnergySource {
    /// All sources, default first.
    pub const ALL: [EnergySource; 3] = [
        EnergySource::MaterialsProject,
        EnergySource::Experimental,
        EnergySource::Crc,
    ];

    /// Short name, as on the command line (`mp`, `experimental`, `crc`).
    pub fn name(self) -> &'static str {
        match self {
            EnergySource::MaterialsProject => "mp",
            EnergySource::Experimental => "experimental",
            EnergySource::Crc => "crc",
        }
    }

    /// Parse a short name (`mp`, `experimental`, `crc`; also `materials-project`, `exp`).
    pub fn from_name(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "mp" | "materials-project" | "materials_project" => {
                Some(EnergySource::MaterialsProject)
            }
            "experimental" | "exp" => Some(EnergySource::Experimental),
            "crc" => Some(EnergySource::Crc),
            _ => None,
        }
    }

    /// A readable description with the file it comes from.
    pub fn description(self) -> &'static str {
        match self {
            EnergySource::MaterialsProject => {
                "Materials Project DFT formation energies (data/thermo/mp_formation_energies.csv)"
            }
            EnergySource::Experimental => {
                "experimental formation enthalpies, MP2020 fit set (data/thermo/experimental_formation_enthalpies.csv)"
            }
            EnergySource::Crc => {
                "CRC Handbook formation enthalpies of solids (data/thermo/crc_formation_enthalpies.csv)"
            }
        }
    }

    /// The embedded file name.
    pub fn file(self) -> &'static str {
        match self {
            EnergySource::MaterialsProject => "data/thermo/mp_formation_energies.csv",
            EnergySource::Experimental => "data/thermo/experimental_formation_enthalpies.csv",
            EnergySource::Crc => "data/thermo/crc_formation_enthalpies.csv",
        }
    }

    fn text(self) -> &'static str {
        match self {
            EnergySource::MaterialsProject => MP_CSV,
            EnergySource::Experimental => EXPERIMENTAL_CSV,
            EnergySource::Crc => CRC_CSV,
        }
    }

    /// The references of this source (role: data).
    pub fn sources(self) -> Vec<UsedSource> {
        match self {
            EnergySource::MaterialsProject => vec![
                UsedSource {
                    citation: Citation::new(
                        "jain2013",
                        Some("Materials Project formation energies"),
                    ),
                    role: Role::Data,
                },
                UsedSource {
                    citation: Citation::new("dunn2020", Some("Matbench mp_e_form")),
                    role: Role::Data,
                },
            ],
            EnergySource::Experimental => vec![UsedSource {
                citation: Citation::new(
                    "wang2021b",
                    Some("experimental formation enthalpies of the MP2020 fit"),
                ),
                role: Role::Data,
            }],
            EnergySource::Crc => vec![UsedSource {
                citation: Citation::new("crc_handbook", Some("standard formation enthalpies")),
                role: Role::Data,
            }],
        }
    }
}

impl std::fmt::Display for EnergySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for EnergySource {
    type Err = InterfaceError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_name(s).ok_or_else(|| InterfaceError::UnknownEnergySource {
            name: s.to_string(),
        })
    }
}

/// Tolerance on atomic fractions when comparing compositions.
pub const COMPOSITION_TOL: f64 = 1e-6;

/// A composition as atomic fractions over the data's elements (they sum to 1), with a
/// bit mask of the elements present.
#[derive(Debug, Clone, PartialEq)]
pub struct Composition {
    /// Atomic fraction of each element of [`ThermoData::elements`].
    pub fractions: Vec<f64>,
    /// Bit k set when element k is present.
    pub mask: u32,
}

impl Composition {
    /// Build from amounts over the data's elements (any positive scale).
    pub fn from_amounts(amounts: &[f64]) -> Option<Self> {
        let total: f64 = amounts.iter().sum();
        if total.is_nan() || total <= 0.0 || amounts.iter().any(|a| *a < 0.0) {
            return None;
        }
        let fractions: Vec<f64> = amounts.iter().map(|a| a / total).collect();
        let mask = fractions
            .iter()
            .enumerate()
            .filter(|(_, f)| **f > 1e-12)
            .fold(0u32, |m, (k, _)| m | (1 << k));
        Some(Self { fractions, mask })
    }

    /// Same composition within [`COMPOSITION_TOL`].
    pub fn same_as(&self, other: &Composition) -> bool {
        self.mask == other.mask
            && self
                .fractions
                .iter()
                .zip(&other.fractions)
                .all(|(a, b)| (a - b).abs() < COMPOSITION_TOL)
    }

    /// Number of elements present.
    pub fn n_elements(&self) -> u32 {
        self.mask.count_ones()
    }
}

/// One entry of the table: a reduced formula and its formation energy per atom.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Reduced formula as written in the data (pymatgen's reduced formula).
    pub formula: String,
    /// Its composition.
    pub composition: Composition,
    /// Formation energy per atom (eV/atom).
    pub energy: f64,
}

/// The formation-energy table.
#[derive(Debug, Clone)]
pub struct ThermoData {
    /// The embedded table it was loaded from (`None` for a parsed one).
    source: Option<EnergySource>,
    elements: Vec<&'static str>,
    entries: Vec<Entry>,
    /// Energy above hull of each entry, filled in as phase diagrams need it. It is a
    /// property of the entry within its own chemical system (entries of other
    /// elements cannot lie below it), so every diagram built from this table can
    /// share it.
    e_above_hull: Vec<OnceLock<f64>>,
}

impl ThermoData {
    /// The Materials Project table compiled into garnet (the default source).
    pub fn embedded() -> Result<Self, InterfaceError> {
        Self::embedded_source(EnergySource::MaterialsProject)
    }

    /// One of the embedded tables.
    pub fn embedded_source(source: EnergySource) -> Result<Self, InterfaceError> {
        let mut data = Self::parse_file(source.text(), source.file())?;
        data.source = Some(source);
        Ok(data)
    }

    /// The embedded table this was loaded from (`None` for one from [`Self::parse`]).
    pub fn energy_source(&self) -> Option<EnergySource> {
        self.source
    }

    /// The references of this table: its source's, or the default (MP) ones for a
    /// parsed table.
    pub fn used_sources(&self) -> Vec<UsedSource> {
        self.source.unwrap_or_default().sources()
    }

    /// Parse a table whose header starts `formula,e_form_ev_per_atom` or
    /// `formula,dh_form_ev_per_atom` (further columns are ignored; `#` lines are
    /// comments). Several rows with the same composition keep the lowest energy.
    pub fn parse(text: &str) -> Result<Self, InterfaceError> {
        Self::parse_file(text, "formation-energy table")
    }

    fn parse_file(text: &str, file: &str) -> Result<Self, InterfaceError> {
        let data_err = |line: usize, message: String| InterfaceError::Data {
            file: file.to_string(),
            line,
            message,
        };
        let mut raw: Vec<(String, Formula, f64)> = Vec::new();
        let mut header_seen = false;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if !header_seen {
                let mut h = line.split(',');
                let ok = h.next() == Some("formula")
                    && matches!(h.next(), Some("e_form_ev_per_atom" | "dh_form_ev_per_atom"));
                if !ok {
                    return Err(data_err(
                        i + 1,
                        format!(
                            "expected header 'formula,e_form_ev_per_atom' or 'formula,dh_form_ev_per_atom,...', found '{line}'"
                        ),
                    ));
                }
                header_seen = true;
                continue;
            }
            let mut fields = line.split(',');
            let (f, e) = match (fields.next(), fields.next()) {
                (Some(f), Some(e)) => (f, e),
                _ => {
                    return Err(data_err(
                        i + 1,
                        "expected at least two comma-separated fields".into(),
                    ))
                }
            };
            let energy: f64 = e
                .trim()
                .parse()
                .map_err(|_| data_err(i + 1, format!("'{e}' is not a number")))?;
            let formula = Formula::parse(f).map_err(|err| data_err(i + 1, err.to_string()))?;
            raw.push((f.trim().to_string(), formula, energy));
        }
        let mut elements: Vec<&'static str> = raw
            .iter()
            .flat_map(|(_, f, _)| f.amounts().iter().map(|(e, _)| e.symbol))
            .collect();
        elements.sort_unstable();
        elements.dedup();
        if elements.len() > 32 {
            return Err(data_err(
                0,
                format!("{} elements; at most 32 are supported", elements.len()),
            ));
        }
        let mut data = Self {
            source: None,
            elements,
            entries: Vec::new(),
            e_above_hull: Vec::new(),
        };
        let mut seen: std::collections::HashMap<Vec<i64>, usize> = std::collections::HashMap::new();
        for (name, formula, energy) in raw {
            let composition = data.composition_of(&name, &formula)?;
            let key: Vec<i64> = composition
                .fractions
                .iter()
                .map(|f| (f / COMPOSITION_TOL).round() as i64)
                .collect();
            match seen.get(&key) {
                Some(&i) => {
                    if energy < data.entries[i].energy {
                        data.entries[i].energy = energy;
                        data.entries[i].formula = name;
                    }
                }
                None => {
                    seen.insert(key, data.entries.len());
                    data.entries.push(Entry {
                        formula: name,
                        composition,
                        energy,
                    });
                }
            }
        }
        for k in 0..data.elements.len() {
            let has_ref = data
                .entries
                .iter()
                .any(|e| e.composition.mask == 1 << k && e.energy <= 0.0);
            if !has_ref {
                let mut fractions = vec![0.0; data.elements.len()];
                fractions[k] = 1.0;
                data.entries.push(Entry {
                    formula: data.elements[k].to_string(),
                    composition: Composition {
                        fractions,
                        mask: 1 << k,
                    },
                    energy: 0.0,
                });
            }
        }
        data.e_above_hull = vec![OnceLock::new(); data.entries.len()];
        Ok(data)
    }

    /// The cached energy above hull of entry `i` (see [`crate::PhaseDiagram`]).
    pub(crate) fn e_above_hull_cache(&self, i: usize) -> Option<&OnceLock<f64>> {
        self.e_above_hull.get(i)
    }

    /// The elements the data cover, in alphabetical order.
    pub fn elements(&self) -> &[&'static str] {
        &self.elements
    }

    /// All entries (one per composition).
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Index of an element symbol.
    pub fn element_index(&self, symbol: &str) -> Option<usize> {
        self.elements.iter().position(|e| *e == symbol)
    }

    /// Bit mask of a set of element symbols; an unknown one is an error naming it.
    pub fn mask_of(&self, symbols: &[&str], phase: &str) -> Result<u32, InterfaceError> {
        symbols.iter().try_fold(0u32, |m, s| {
            self.element_index(s)
                .map(|k| m | (1 << k))
                .ok_or_else(|| self.unknown_element(s, phase))
        })
    }

    fn unknown_element(&self, symbol: &str, phase: &str) -> InterfaceError {
        InterfaceError::UnknownElement {
            element: symbol.to_string(),
            phase: phase.to_string(),
            known: self.elements.join(" "),
        }
    }

    /// The composition of a parsed formula; `phase` names it in errors.
    pub fn composition_of(
        &self,
        phase: &str,
        formula: &Formula,
    ) -> Result<Composition, InterfaceError> {
        let mut amounts = vec![0.0; self.elements.len()];
        for (e, n) in formula.amounts() {
            if *n <= 0.0 {
                continue;
            }
            let k = self
                .element_index(e.symbol)
                .ok_or_else(|| self.unknown_element(e.symbol, phase))?;
            amounts[k] += n;
        }
        Composition::from_amounts(&amounts).ok_or_else(|| InterfaceError::BadPhase {
            phase: phase.to_string(),
            reason: "has no atoms".into(),
        })
    }

    /// The entry with exactly this composition, if the data have one.
    pub fn entry_for(&self, composition: &Composition) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.composition.same_as(composition))
    }

    /// A readable formula for a composition: the data's formula if it has an entry,
    /// else the element fractions scaled to the smallest amount = 1.
    pub fn describe(&self, composition: &Composition) -> String {
        if let Some(e) = self.entry_for(composition) {
            return e.formula.clone();
        }
        let min = composition
            .fractions
            .iter()
            .copied()
            .filter(|f| *f > 1e-12)
            .fold(f64::INFINITY, f64::min);
        let mut s = String::new();
        for (k, f) in composition.fractions.iter().enumerate() {
            if *f > 1e-12 {
                let n = f / min;
                s.push_str(self.elements[k]);
                if (n - 1.0).abs() > 1e-6 {
                    s.push_str(&format!("{}", (n * 1e4).round() / 1e4));
                }
            }
        }
        s
    }

    /// The sources of the default data: MP (data) via Matbench (data). For another
    /// table use [`EnergySource::sources`].
    pub fn sources() -> Vec<UsedSource> {
        EnergySource::MaterialsProject.sources()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_has_one_entry_per_composition_and_zero_references() {
        let d = ThermoData::embedded().unwrap();
        assert_eq!(d.elements().len(), 19);
        assert_eq!(d.entries().len(), 6315);
        for k in 0..19 {
            let r = d
                .entries()
                .iter()
                .find(|e| e.composition.mask == 1 << k)
                .unwrap();
            assert_eq!(r.energy, 0.0, "{}", r.formula);
        }
        let llzo = d
            .composition_of("LLZO", &Formula::parse("Li7La3Zr2O12").unwrap())
            .unwrap();
        let e = d.entry_for(&llzo).unwrap();
        assert!((e.energy - (-3.135_9)).abs() < 1e-3);
    }

    #[test]
    fn element_outside_the_data_is_named() {
        let d = ThermoData::embedded().unwrap();
        let err = d
            .composition_of("ITO", &Formula::parse("In1.8Sn0.2O3").unwrap())
            .unwrap_err();
        assert!(err.to_string().contains("element In of ITO"), "{err}");
    }

    fn per_atom(d: &ThermoData, formula: &str) -> f64 {
        let c = d
            .composition_of(formula, &Formula::parse(formula).unwrap())
            .unwrap();
        d.entry_for(&c).unwrap().energy
    }

    #[test]
    fn experimental_and_crc_values_pinned_by_hand() {
        // pymatgen exp_compounds.json: Li2O −6.196797 eV/f.u., La2O3 −18.602828 eV/f.u.
        let e = ThermoData::embedded_source(EnergySource::Experimental).unwrap();
        assert_eq!(e.energy_source(), Some(EnergySource::Experimental));
        assert!((per_atom(&e, "Li2O") - (-6.196_797 / 3.0)).abs() < 1e-5);
        assert!((per_atom(&e, "La2O3") - (-18.602_828 / 5.0)).abs() < 1e-5);
        // CRC: Li2O −597.9 kJ/mol, La2O3 −1793.7 kJ/mol (solids).
        let c = ThermoData::embedded_source(EnergySource::Crc).unwrap();
        let f = 96_485.332_12;
        assert!((per_atom(&c, "Li2O") - (-597_900.0 / f / 3.0)).abs() < 1e-5);
        assert!((per_atom(&c, "La2O3") - (-1_793_700.0 / f / 5.0)).abs() < 1e-5);
        // Both agree with each other within a few meV/atom.
        assert!((per_atom(&c, "Li2O") - per_atom(&e, "Li2O")).abs() < 0.005);
        // The default is the MP table.
        let mp = ThermoData::embedded_source(EnergySource::default()).unwrap();
        assert_eq!(mp.entries().len(), 6315);
        assert_eq!(ThermoData::embedded().unwrap().entries().len(), 6315);
    }

    #[test]
    fn sparse_sources_give_the_existing_errors_and_their_citations() {
        let c = ThermoData::embedded_source(EnergySource::Crc).unwrap();
        // No La–Zr compound in CRC, but all elements are there; Li7La3Zr2O12 parses.
        assert!(c.element_index("La").is_some());
        let err = c
            .composition_of("LiCl", &Formula::parse("LiCl").unwrap())
            .unwrap_err();
        assert!(err.to_string().contains("element Cl of LiCl"), "{err}");
        let keys: Vec<String> = EnergySource::Experimental
            .sources()
            .iter()
            .map(|s| s.citation.key.to_string())
            .collect();
        assert_eq!(keys, ["wang2021b"]);
        assert_eq!(c.used_sources()[0].citation.key.to_string(), "crc_handbook");
        for s in EnergySource::ALL {
            assert_eq!(EnergySource::from_name(s.name()), Some(s));
        }
    }

    #[test]
    fn energy_source_names_parse_to_the_source_or_a_typed_error() {
        assert_eq!(
            "exp".parse::<EnergySource>(),
            Ok(EnergySource::Experimental)
        );
        assert_eq!(
            " MP ".parse::<EnergySource>(),
            Ok(EnergySource::MaterialsProject)
        );
        let e = "dft".parse::<EnergySource>().unwrap_err();
        assert_eq!(
            e,
            InterfaceError::UnknownEnergySource { name: "dft".into() }
        );
        assert_eq!(
            e.to_string(),
            "unknown energy source 'dft' (expected mp, experimental or crc)"
        );
    }
}
