//! Convex hulls of formation energy in any number of elements.
//!
//! The hull energy of a composition c is the linear program
//!
//! E_hull(c) = min Σᵢ xᵢ·Eᵢ  subject to  Σᵢ xᵢ·cᵢ = c,  xᵢ ≥ 0,
//!
//! with Eᵢ the formation energy per atom of entry i (eV/atom) and cᵢ its atomic
//! fractions; the optimal xᵢ are the atom fractions of the decomposition products
//! (Σ xᵢ = 1). This is the lower convex hull of pymatgen's `PhaseDiagram` computed
//! without a facet enumeration, so it works in any number of elements. Only entries
//! whose elements lie within those of c can take part. An entry's energy above the hull
//! is Eᵢ − E_hull(cᵢ) (≥ 0); entries at zero are stable. Elements are the references at
//! 0 eV/atom (Jain et al. 2013 for the Materials Project convention).

use serde::Serialize;

use crate::lp;
use crate::thermo::{Composition, ThermoData};
use crate::{HullFailure, InterfaceError};

/// Energy above hull below which an entry counts as stable (eV/atom).
pub const STABLE_TOL: f64 = 1e-8;
/// Product fractions below this are dropped from decompositions (numerical dust).
pub const PRODUCT_TOL: f64 = 1e-7;

/// One decomposition product.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Product {
    /// Formula of the product (as in the data).
    pub formula: String,
    /// Atom fraction of the product in the decomposition (sums to 1).
    pub fraction: f64,
}

impl Product {
    /// Products as one line, atom fractions to three significant digits
    /// (`0.5 Li2SiO3 + 0.5 SiO2`).
    pub fn describe(products: &[Product]) -> String {
        products
            .iter()
            .map(|p| format!("{} {}", garnet_units::sig(p.fraction, 3), p.formula))
            .collect::<Vec<_>>()
            .join(" + ")
    }
}

/// The hull at a composition: the energy and the products that realise it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HullPoint {
    /// Hull energy (eV/atom, or eV per non-Li atom for a grand potential).
    pub energy: f64,
    /// Decomposition products, largest first.
    pub products: Vec<Product>,
}

/// A set of columns (composition, energy, label) over which hull energies are taken:
/// closed (formation energies) or open to an element (grand potentials).
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    pub fractions: Vec<Vec<f64>>,
    pub masks: Vec<u32>,
    pub energies: Vec<f64>,
    pub labels: Vec<String>,
}

impl Columns {
    /// The columns within an element mask (to speed up repeated hulls in a subsystem).
    pub fn restrict(&self, mask: u32) -> Columns {
        let keep: Vec<usize> = (0..self.masks.len())
            .filter(|&i| self.masks[i] & !mask == 0)
            .collect();
        Columns {
            fractions: keep.iter().map(|&i| self.fractions[i].clone()).collect(),
            masks: keep.iter().map(|&i| self.masks[i]).collect(),
            energies: keep.iter().map(|&i| self.energies[i]).collect(),
            labels: keep.iter().map(|&i| self.labels[i].clone()).collect(),
        }
    }

    /// min Σ xᵢ Eᵢ s.t. Σ xᵢ cᵢ = target over columns within the target's elements.
    pub fn hull(&self, target: &Composition, what: &str) -> Result<HullPoint, InterfaceError> {
        let rows: Vec<usize> = (0..target.fractions.len())
            .filter(|k| target.mask & (1 << k) != 0)
            .collect();
        let mut cols: Vec<Vec<f64>> = Vec::new();
        let mut costs: Vec<f64> = Vec::new();
        let mut ids: Vec<usize> = Vec::new();
        let mut start: Vec<Option<usize>> = vec![None; rows.len()];
        for (i, mask) in self.masks.iter().enumerate() {
            if mask & !target.mask != 0 || *mask == 0 {
                continue;
            }
            let col: Vec<f64> = rows.iter().map(|&k| self.fractions[i][k]).collect();
            if mask.count_ones() == 1 {
                if let Some(r) = rows.iter().position(|&k| *mask == 1 << k) {
                    let better = start[r].is_none_or(|j: usize| self.energies[i] < costs[j]);
                    if better {
                        start[r] = Some(cols.len());
                    }
                }
            }
            cols.push(col);
            costs.push(self.energies[i]);
            ids.push(i);
        }
        let start: Vec<usize> = start
            .into_iter()
            .enumerate()
            .map(|(r, s)| {
                s.ok_or_else(|| InterfaceError::Hull {
                    what: what.to_string(),
                    reason: HullFailure::NoElementalReference { row: r },
                })
            })
            .collect::<Result<_, _>>()?;
        let b: Vec<f64> = rows.iter().map(|&k| target.fractions[k]).collect();
        let sol =
            lp::minimize(&cols, &costs, &b, &start).map_err(|reason| InterfaceError::Hull {
                what: what.to_string(),
                reason,
            })?;
        let total: f64 = sol.basis.iter().map(|(_, x)| x).sum();
        let mut products: Vec<Product> = sol
            .basis
            .iter()
            .filter(|(_, x)| *x > PRODUCT_TOL)
            .map(|&(j, x)| Product {
                formula: self.labels[ids[j]].clone(),
                fraction: x / total,
            })
            .collect();
        products.sort_by(|a, b| b.fraction.total_cmp(&a.fraction));
        Ok(HullPoint {
            energy: sol.objective,
            products,
        })
    }
}

/// The phase diagram of a chemical system: its entries and which are stable.
#[derive(Debug, Clone)]
pub struct PhaseDiagram<'a> {
    data: &'a ThermoData,
    mask: u32,
    /// Indices (into the data) of the entries within the system.
    members: Vec<usize>,
    /// Energy above hull of each member (eV/atom), same order.
    e_above: Vec<f64>,
    /// The stable members as hull columns.
    stable: Columns,
}

impl<'a> PhaseDiagram<'a> {
    /// The phase diagram of the system spanned by `elements` (symbols); an element
    /// outside the data is an error naming it.
    pub fn new(data: &'a ThermoData, elements: &[&str]) -> Result<Self, InterfaceError> {
        let mask = data.mask_of(elements, &elements.join("-"))?;
        Self::from_mask(data, mask)
    }

    /// The phase diagram of every element in the data.
    pub fn full(data: &'a ThermoData) -> Result<Self, InterfaceError> {
        let mask = if data.elements().len() == 32 {
            u32::MAX
        } else {
            (1u32 << data.elements().len()) - 1
        };
        Self::from_mask(data, mask)
    }

    /// The phase diagram of the system given by an element bit mask.
    ///
    /// Stability is decided entry by entry in order of increasing number of elements:
    /// the hull at an entry's composition uses every entry of its own chemical system
    /// not already found unstable (an unstable entry can never lie on a hull). The
    /// result depends only on the entry's own chemical system, so it is cached in the
    /// [`ThermoData`] and reused by every later diagram built from the same table.
    pub fn from_mask(data: &'a ThermoData, mask: u32) -> Result<Self, InterfaceError> {
        let mut members: Vec<usize> = (0..data.entries().len())
            .filter(|&i| data.entries()[i].composition.mask & !mask == 0)
            .collect();
        members.sort_by_key(|&i| data.entries()[i].composition.n_elements());
        let entries = data.entries();
        let all = Columns {
            fractions: members
                .iter()
                .map(|&i| entries[i].composition.fractions.clone())
                .collect(),
            masks: members
                .iter()
                .map(|&i| entries[i].composition.mask)
                .collect(),
            energies: members.iter().map(|&i| entries[i].energy).collect(),
            labels: members
                .iter()
                .map(|&i| entries[i].formula.clone())
                .collect(),
        };
        let mut unstable = vec![false; members.len()];
        let mut e_above = vec![0.0; members.len()];
        for (p, &i) in members.iter().enumerate() {
            let c = &entries[i].composition;
            if let Some(e) = data.e_above_hull_cache(i).and_then(|c| c.get()) {
                e_above[p] = *e;
                unstable[p] = *e > STABLE_TOL;
                continue;
            }
            if c.n_elements() == 1 {
                // The elemental reference of lowest energy is the hull at that corner.
                let lowest = members
                    .iter()
                    .filter(|&&j| entries[j].composition.mask == c.mask)
                    .map(|&j| entries[j].energy)
                    .fold(f64::INFINITY, f64::min);
                e_above[p] = entries[i].energy - lowest;
                unstable[p] = e_above[p] > STABLE_TOL;
                continue;
            }
            let sub = Columns {
                fractions: Vec::new(),
                masks: Vec::new(),
                energies: Vec::new(),
                labels: Vec::new(),
            };
            let mut sub = sub;
            for (q, &bad) in unstable.iter().enumerate() {
                if !bad && all.masks[q] & !c.mask == 0 {
                    sub.fractions.push(all.fractions[q].clone());
                    sub.masks.push(all.masks[q]);
                    sub.energies.push(all.energies[q]);
                    sub.labels.push(String::new());
                }
            }
            let h = sub.hull(c, &entries[i].formula)?;
            e_above[p] = (entries[i].energy - h.energy).max(0.0);
            unstable[p] = e_above[p] > STABLE_TOL;
            if let Some(cache) = data.e_above_hull_cache(i) {
                let _ = cache.set(e_above[p]);
            }
        }
        let keep: Vec<usize> = (0..members.len()).filter(|&p| !unstable[p]).collect();
        let stable = Columns {
            fractions: keep.iter().map(|&p| all.fractions[p].clone()).collect(),
            masks: keep.iter().map(|&p| all.masks[p]).collect(),
            energies: keep.iter().map(|&p| all.energies[p]).collect(),
            labels: keep.iter().map(|&p| all.labels[p].clone()).collect(),
        };
        Ok(Self {
            data,
            mask,
            members,
            e_above,
            stable,
        })
    }

    /// The data this diagram was built from.
    pub fn data(&self) -> &'a ThermoData {
        self.data
    }

    /// The element mask of the system.
    pub fn mask(&self) -> u32 {
        self.mask
    }

    /// Formulas of the stable entries.
    pub fn stable_formulas(&self) -> &[String] {
        &self.stable.labels
    }

    pub(crate) fn stable_columns(&self) -> &Columns {
        &self.stable
    }

    /// The hull energy and decomposition at a composition within the system.
    pub fn hull(&self, composition: &Composition) -> Result<HullPoint, InterfaceError> {
        if composition.mask & !self.mask != 0 {
            return Err(InterfaceError::Hull {
                what: self.data.describe(composition),
                reason: HullFailure::CompositionOutsideSystem,
            });
        }
        self.stable
            .hull(composition, &self.data.describe(composition))
    }

    /// Energy above hull (eV/atom) of the data's entry at this composition, if any.
    pub fn e_above_hull(&self, composition: &Composition) -> Option<f64> {
        self.members
            .iter()
            .position(|&i| self.data.entries()[i].composition.same_as(composition))
            .map(|p| self.e_above[p])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use garnet_chem::Formula;

    fn data(text: &str) -> ThermoData {
        ThermoData::parse(&format!("formula,e_form_ev_per_atom\n{text}")).unwrap()
    }

    fn comp(d: &ThermoData, f: &str) -> Composition {
        d.composition_of(f, &Formula::parse(f).unwrap()).unwrap()
    }

    #[test]
    fn binary_hull_by_hand() {
        // Li–O: Li2O at −2.0 eV/atom (x_O = 1/3), Li2O2 at −1.6 (x_O = 1/2).
        // Hull at x_O = 1/2 between Li2O (1/3) and O2 (1): −2.0·(1/2)/(2/3) = −1.5 > −1.6,
        // so Li2O2 is stable. A fictitious LiO2 at −0.5 (x_O = 2/3): hull there between
        // Li2O2 and O2 = −1.6·(1/3)/(1/2) = −1.0667, so LiO2 is 0.5667 above the hull.
        let d = data("Li,0\nO2,0\nLi2O,-2.0\nLi2O2,-1.6\nLiO2,-0.5\n");
        let pd = PhaseDiagram::new(&d, &["Li", "O"]).unwrap();
        assert_eq!(pd.e_above_hull(&comp(&d, "Li2O2")), Some(0.0));
        let e = pd.e_above_hull(&comp(&d, "LiO2")).unwrap();
        assert!((e - (-0.5 + 1.6 * 2.0 / 3.0)).abs() < 1e-12, "{e}");
        let h = pd.hull(&comp(&d, "LiO2")).unwrap();
        assert!((h.energy + 1.6 * 2.0 / 3.0).abs() < 1e-12);
        let names: Vec<&str> = h.products.iter().map(|p| p.formula.as_str()).collect();
        assert_eq!(names, vec!["Li2O2", "O2"]);
        assert!((h.products[0].fraction - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn ternary_hull_decomposes_into_three_phases() {
        // A–B–C with AB (−1), BC (−1), AC (−1) each at the edge midpoints; the centre
        // (⅓,⅓,⅓) is reached by any two-edge mix... use ABC above the hull at −0.5:
        // the hull at the centre is the mix of AB, BC, AC (⅓ each) = −1, ABC 0.5 above.
        let d = data("Li,0\nB,0\nC,0\nLiB,-1\nBC,-1\nLiC,-1\nLiBC,-0.5\n");
        let pd = PhaseDiagram::new(&d, &["Li", "B", "C"]).unwrap();
        let h = pd.hull(&comp(&d, "LiBC")).unwrap();
        assert!((h.energy + 1.0).abs() < 1e-12);
        assert!((pd.e_above_hull(&comp(&d, "LiBC")).unwrap() - 0.5).abs() < 1e-12);
        let sum: f64 = h.products.iter().map(|p| p.fraction).sum();
        assert!((sum - 1.0).abs() < 1e-12);
    }

    #[test]
    fn composition_without_entry_uses_hull() {
        let d = data("Li,0\nO2,0\nLi2O,-2.0\n");
        let pd = PhaseDiagram::new(&d, &["Li", "O"]).unwrap();
        // Li3O: x_O = 1/4 between Li (0) and Li2O (1/3): −2·(1/4)/(1/3) = −1.5.
        let c = comp(&d, "Li3O");
        assert!(d.entry_for(&c).is_none());
        let h = pd.hull(&c).unwrap();
        assert!((h.energy + 1.5).abs() < 1e-12);
        assert!((h.products[0].fraction - 0.75).abs() < 1e-12);
        assert_eq!(h.products[0].formula, "Li2O");
    }

    #[test]
    fn llzo_system_from_the_mp_data() {
        let d = ThermoData::embedded().unwrap();
        let pd = PhaseDiagram::new(&d, &["Li", "La", "Zr", "O"]).unwrap();
        let c = comp(&d, "Li7La3Zr2O12");
        let e = pd.e_above_hull(&c).unwrap();
        assert!((0.0..0.05).contains(&e), "LLZO e_above_hull {e}");
        for f in ["Li2O", "La2O3", "ZrO2", "La2Zr2O7", "Li2ZrO3"] {
            assert_eq!(pd.e_above_hull(&comp(&d, f)), Some(0.0), "{f}");
        }
    }
}
