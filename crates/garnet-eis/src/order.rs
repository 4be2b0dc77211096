//! Interchangeable parallel blocks in time-constant order (issue 15, item 3).
//!
//! In `R0-p(R1,CPE1)-p(R2,CPE2)-CPE3` the two `p(R,CPE)` blocks have the same
//! impedance function, so the fit's χ² does not change when their parameters are
//! swapped, and which arc comes out as `R1` depends on the start. A fit puts every such
//! group of blocks — parallel blocks of the top-level series with the same structure
//! (the same element kinds in the same arrangement) — in increasing time constant, so
//! `R1` is the highest-frequency arc (in a garnet pellet: bulk, then grain boundary),
//! unless the caller fixes or bounds a parameter of a block in the group, which then
//! keeps its label. The time constant of a block is
//!
//! - τ = R·C for p(R, C) (the apex of the arc is at ωτ = 1);
//! - τ = (R·Q)^{1/n} for p(R, CPE(Q, n)) (the ZARC: Z = R/(1 + RQ(jω)ⁿ), apex at
//!   ω = (RQ)^{−1/n}; Orazem & Tribollet, *Electrochemical Impedance Spectroscopy*,
//!   2nd ed., Wiley 2017, §14.4);
//! - otherwise 1/ω_apex with ω_apex the angular frequency of the largest −Im Z of the
//!   block, found on a log grid of 20 points per decade over 10⁻⁹–10¹² rad/s.

use crate::circuit::{Circuit, Node};
use crate::element::ElementKind;

/// One block of a group: where its parameters are and what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Index of its first parameter in the circuit's parameter order.
    pub offset: usize,
    /// The block alone, as a circuit (its parameters in the same order).
    pub circuit: Circuit,
}

/// Groups of interchangeable blocks of `circuit` (two or more blocks each), in circuit
/// order; blocks with a parameter in `pinned` (fixed or user-bounded) are left out.
pub fn interchangeable_groups(circuit: &Circuit, pinned: &[bool]) -> Vec<Vec<Block>> {
    let Node::Series(items) = circuit.root() else {
        return Vec::new();
    };
    let mut groups: Vec<(String, Vec<Block>)> = Vec::new();
    let mut offset = 0;
    for node in items {
        let n = node.n_params();
        let free = (offset..offset + n).all(|i| !pinned.get(i).copied().unwrap_or(true));
        if let (Node::Parallel(_), true) = (node, free) {
            let key = signature(node);
            let block = Block {
                offset,
                circuit: Circuit::from_root(node.clone()),
            };
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, g)) => g.push(block),
                None => groups.push((key, vec![block])),
            }
        }
        offset += n;
    }
    groups
        .into_iter()
        .map(|(_, g)| g)
        .filter(|g| g.len() > 1)
        .collect()
}

/// The structure of a node without its element indices: `p(R,CPE)`.
fn signature(node: &Node) -> String {
    match node {
        Node::Element(e) => e.kind.prefix().to_string(),
        Node::Series(items) => items.iter().map(signature).collect::<Vec<_>>().join("-"),
        Node::Parallel(items) => format!(
            "p({})",
            items.iter().map(signature).collect::<Vec<_>>().join(",")
        ),
    }
}

/// Time constant τ (s) of a block with parameters `p` (module doc).
pub fn time_constant(block: &Circuit, p: &[f64]) -> f64 {
    let kinds: Vec<ElementKind> = block.elements().iter().map(|e| e.kind).collect();
    match (kinds.as_slice(), p) {
        ([ElementKind::R, ElementKind::C], [r, c]) | ([ElementKind::C, ElementKind::R], [c, r]) => {
            r * c
        }
        ([ElementKind::R, ElementKind::Cpe], [r, q, n])
        | ([ElementKind::Cpe, ElementKind::R], [q, n, r]) => (r * q).powf(1.0 / n),
        _ => {
            let mut best = (f64::NEG_INFINITY, f64::NAN);
            for k in 0..=420 {
                let w = 10f64.powf(-9.0 + k as f64 / 20.0);
                let y = -block.impedance(p, w).im;
                if y.is_finite() && y > best.0 {
                    best = (y, w);
                }
            }
            1.0 / best.1
        }
    }
}

/// Put the blocks of each group in increasing time constant, moving their parameter
/// slices within `p`. Returns whether anything moved.
pub fn order_blocks(groups: &[Vec<Block>], p: &mut [f64]) -> bool {
    let mut moved = false;
    for group in groups {
        let slices: Vec<Vec<f64>> = group
            .iter()
            .map(|b| {
                let n = b.circuit.n_params();
                p.get(b.offset..b.offset + n).unwrap_or(&[]).to_vec()
            })
            .collect();
        let mut order: Vec<usize> = (0..group.len()).collect();
        let tau: Vec<f64> = group
            .iter()
            .zip(&slices)
            .map(|(b, s)| time_constant(&b.circuit, s))
            .collect();
        order.sort_by(|&a, &b| tau[a].total_cmp(&tau[b]));
        for (slot, &from) in order.iter().enumerate() {
            if slot != from {
                moved = true;
            }
            let b = &group[slot];
            if let Some(dst) = p.get_mut(b.offset..b.offset + slices[from].len()) {
                dst.copy_from_slice(&slices[from]);
            }
        }
    }
    moved
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn zarc_time_constant_is_the_apex_of_the_arc() {
        // Z = R/(1 + RQ(jω)ⁿ): −Im Z is largest at ω = (RQ)^(−1/n).
        let c = Circuit::parse("p(R1,CPE1)").unwrap();
        let p = [100.0, 1e-6, 0.8];
        let tau = time_constant(&c, &p);
        assert!((tau - (1e-4f64).powf(1.25)).abs() < 1e-12 * tau);
        let generic = Circuit::parse("p(CPE1,R1)").unwrap();
        let t2 = time_constant(&generic, &[1e-6, 0.8, 100.0]);
        assert!((t2 / tau - 1.0).abs() < 1e-12);
    }

    #[test]
    fn swapped_blocks_are_put_back_in_time_constant_order() {
        let c = Circuit::parse("R0-p(R1,CPE1)-p(R2,CPE2)-CPE3").unwrap();
        let groups = interchangeable_groups(&c, &[false; 9]);
        assert_eq!(groups.len(), 1);
        // The slow arc (τ = 1e-2 s) written first.
        let mut p = [10.0, 1e4, 1e-6, 1.0, 1e3, 1e-9, 1.0, 1e-5, 0.9];
        assert!(order_blocks(&groups, &mut p));
        assert_eq!(p, [10.0, 1e3, 1e-9, 1.0, 1e4, 1e-6, 1.0, 1e-5, 0.9]);
        // A pinned block keeps its place.
        let mut pinned = [false; 9];
        pinned[1] = true;
        assert!(interchangeable_groups(&c, &pinned).is_empty());
    }
}
