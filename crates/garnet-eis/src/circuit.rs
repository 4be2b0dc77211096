//! Typed equivalent circuits: a tree of series and parallel connections of elements,
//! its parameters in impedance.py's order, and its impedance.

use std::fmt;
use std::str::FromStr;

use num_complex::Complex64;

use crate::element::{ElementKind, ParamSpec};
use crate::error::EisError;

/// One element of a circuit: its kind and the index written after the prefix.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Element {
    /// What it is.
    pub kind: ElementKind,
    /// The text after the prefix (`1` in `CPE1`).
    pub index: String,
}

impl Element {
    /// The element's name (`CPE1`).
    pub fn name(&self) -> String {
        format!("{}{}", self.kind.prefix(), self.index)
    }

    /// Its parameter names as impedance.py writes them: `R1` for one parameter,
    /// `CPE1_0`, `CPE1_1` for several.
    pub fn parameter_names(&self) -> Vec<String> {
        let n = self.kind.params().len();
        if n == 1 {
            vec![self.name()]
        } else {
            (0..n).map(|i| format!("{}_{i}", self.name())).collect()
        }
    }
}

/// A node of the circuit tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A single element.
    Element(Element),
    /// Elements in series: Z = Σ Zᵢ.
    Series(Vec<Node>),
    /// Elements in parallel: 1/Z = Σ 1/Zᵢ.
    Parallel(Vec<Node>),
}

impl Node {
    fn visit<'a>(&'a self, out: &mut Vec<&'a Element>) {
        match self {
            Node::Element(e) => out.push(e),
            Node::Series(items) | Node::Parallel(items) => {
                for i in items {
                    i.visit(out);
                }
            }
        }
    }

    /// Impedance of this node; `p` is consumed from `*offset` on.
    fn impedance(&self, p: &[f64], offset: &mut usize, omega: f64) -> Complex64 {
        match self {
            Node::Element(e) => {
                let n = e.kind.params().len();
                let slice = p.get(*offset..*offset + n).unwrap_or(&[]);
                *offset += n;
                e.kind.impedance(slice, omega)
            }
            Node::Series(items) => items.iter().map(|i| i.impedance(p, offset, omega)).sum(),
            Node::Parallel(items) => {
                let y: Complex64 = items
                    .iter()
                    .map(|i| 1.0 / i.impedance(p, offset, omega))
                    .sum();
                1.0 / y
            }
        }
    }

    /// Impedance of this node and ∂Z/∂p for its parameters, written into
    /// `grad[*offset..]`. In a parallel connection Z = 1/Y, Y = Σ 1/Zᵢ, so
    /// ∂Z/∂p = −Z² ∂Y/∂p with ∂Y/∂p = −(∂Zᵢ/∂p)/Zᵢ² for a parameter of branch i.
    fn impedance_and_gradient(
        &self,
        p: &[f64],
        offset: &mut usize,
        omega: f64,
        grad: &mut [Complex64],
    ) -> Complex64 {
        match self {
            Node::Element(e) => {
                let n = e.kind.params().len();
                let slice = p.get(*offset..*offset + n).unwrap_or(&[]);
                let g = grad.get_mut(*offset..*offset + n).unwrap_or(&mut []);
                *offset += n;
                e.kind.impedance_and_gradient(slice, omega, g)
            }
            Node::Series(items) => items
                .iter()
                .map(|i| i.impedance_and_gradient(p, offset, omega, grad))
                .sum(),
            Node::Parallel(items) => {
                let start = *offset;
                let mut y = Complex64::new(0.0, 0.0);
                for item in items {
                    let first = *offset;
                    let zi = item.impedance_and_gradient(p, offset, omega, grad);
                    let yi = 1.0 / zi;
                    y += yi;
                    for g in grad.iter_mut().take(*offset).skip(first) {
                        *g *= -yi * yi;
                    }
                }
                let z = 1.0 / y;
                for g in grad.iter_mut().take(*offset).skip(start) {
                    *g *= -z * z;
                }
                z
            }
        }
    }

    /// Number of parameters below this node.
    pub fn n_params(&self) -> usize {
        let mut els = Vec::new();
        self.visit(&mut els);
        els.iter().map(|e| e.kind.params().len()).sum()
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::Element(e) => write!(f, "{}", e.name()),
            Node::Series(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str("-")?;
                    }
                    write!(f, "{item}")?;
                }
                Ok(())
            }
            Node::Parallel(items) => {
                f.write_str("p(")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str(")")
            }
        }
    }
}

/// A parsed equivalent circuit.
#[derive(Debug, Clone, PartialEq)]
pub struct Circuit {
    root: Node,
    /// Number of parameters, counted once (the impedance checks it on every call).
    n_params: usize,
}

impl Circuit {
    /// Parse a circuit string (see [`crate::parser`] for the grammar).
    pub fn parse(text: &str) -> Result<Self, EisError> {
        crate::parser::parse(text)
    }

    /// Wrap a tree. Series nested directly in series are not merged: build trees
    /// the parser would build if `Display` must round-trip.
    pub fn from_root(root: Node) -> Self {
        let n_params = root.n_params();
        Self { root, n_params }
    }

    /// The tree.
    pub fn root(&self) -> &Node {
        &self.root
    }

    /// The elements in parameter order (left to right as written).
    pub fn elements(&self) -> Vec<&Element> {
        let mut out = Vec::new();
        self.root.visit(&mut out);
        out
    }

    /// Number of parameters.
    pub fn n_params(&self) -> usize {
        self.n_params
    }

    /// Parameter names in order (`R0`, `CPE1_0`, `CPE1_1`, …).
    pub fn parameter_names(&self) -> Vec<String> {
        self.elements()
            .iter()
            .flat_map(|e| e.parameter_names())
            .collect()
    }

    /// Parameter specifications (unit, bound) in order.
    pub fn parameter_specs(&self) -> Vec<ParamSpec> {
        self.elements()
            .iter()
            .flat_map(|e| e.kind.params().iter().copied())
            .collect()
    }

    /// Index of a parameter by name, with a did-you-mean error.
    pub fn parameter_index(&self, name: &str) -> Result<usize, EisError> {
        let names = self.parameter_names();
        names
            .iter()
            .position(|n| n == name)
            .ok_or_else(|| EisError::UnknownParameter {
                circuit: self.to_string(),
                name: name.to_string(),
                suggestion: garnet_units::suggest::closest(name, &names),
            })
    }

    /// Check that `params` has the right length and every value lies in its range.
    pub fn check_params(&self, params: &[f64]) -> Result<(), EisError> {
        let names = self.parameter_names();
        if params.len() != names.len() {
            return Err(EisError::ParameterCount {
                circuit: self.to_string(),
                expected: names.len(),
                found: params.len(),
                names: names.join(", "),
            });
        }
        for ((name, spec), &v) in names.iter().zip(self.parameter_specs()).zip(params) {
            if !spec.bound.contains(v) {
                return Err(EisError::ParameterOutOfRange {
                    name: name.clone(),
                    value: v,
                    range: spec.bound.describe(),
                });
            }
        }
        Ok(())
    }

    /// Impedance Z(ω) (Ω) at angular frequency `omega` (rad/s) for parameters `params`
    /// in [`Circuit::parameter_names`] order. A wrong number of parameters gives NaN;
    /// use [`Circuit::check_params`] first where the input is untrusted.
    pub fn impedance(&self, params: &[f64], omega: f64) -> Complex64 {
        if params.len() != self.n_params() {
            return Complex64::new(f64::NAN, f64::NAN);
        }
        let mut offset = 0;
        self.root.impedance(params, &mut offset, omega)
    }

    /// Impedance Z(ω) and its partial derivatives ∂Z/∂pₖ (in the parameters' own
    /// units) written into `grad`, which must hold [`Circuit::n_params`] entries. A
    /// wrong number of parameters gives NaN.
    pub fn impedance_and_gradient(
        &self,
        params: &[f64],
        omega: f64,
        grad: &mut [Complex64],
    ) -> Complex64 {
        if params.len() != self.n_params() || grad.len() < params.len() {
            return Complex64::new(f64::NAN, f64::NAN);
        }
        let mut offset = 0;
        self.root
            .impedance_and_gradient(params, &mut offset, omega, grad)
    }

    /// Impedance at each frequency `f` (Hz), ω = 2πf.
    pub fn spectrum(&self, params: &[f64], frequencies_hz: &[f64]) -> Vec<Complex64> {
        frequencies_hz
            .iter()
            .map(|f| self.impedance(params, 2.0 * std::f64::consts::PI * f))
            .collect()
    }
}

impl fmt::Display for Circuit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.root)
    }
}

impl FromStr for Circuit {
    type Err = EisError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn randles_closed_form() {
        // R0 + (R1 ∥ C1): Z = R0 + R1/(1 + jωR1C1).
        let c = Circuit::parse("R0-p(R1,C1)").unwrap();
        let (r0, r1, c1) = (10.0, 100.0, 1e-6);
        for w in [1.0, 1e3, 1e4, 1e6] {
            let z = c.impedance(&[r0, r1, c1], w);
            let expect = r0 + r1 / (1.0 + Complex64::new(0.0, w * r1 * c1));
            assert!((z - expect).norm() < 1e-12 * expect.norm());
        }
        assert!(c.impedance(&[1.0], 1.0).re.is_nan());
        assert!(c.check_params(&[1.0, -2.0, 1e-6]).is_err());
        let e = c.parameter_index("R2").unwrap_err().to_string();
        assert!(e.contains("did you mean"), "{e}");
    }

    #[test]
    fn circuit_gradient_matches_central_differences() {
        let c = Circuit::parse("R0-p(R1,CPE1)-p(R2-Wo1,C2,p(K1,L1))").unwrap();
        let p = [
            10.0, 100.0, 1e-5, 0.85, 30.0, 20.0, 0.5, 2e-4, 15.0, 1e-3, 1e-2,
        ];
        for w in [0.1, 30.0, 1e4, 1e7] {
            let mut g = vec![Complex64::new(0.0, 0.0); p.len()];
            let z = c.impedance_and_gradient(&p, w, &mut g);
            assert!((z - c.impedance(&p, w)).norm() < 1e-12 * z.norm());
            for k in 0..p.len() {
                let h = 1e-6 * p[k];
                let mut pp = p.to_vec();
                pp[k] += h;
                let zp = c.impedance(&pp, w);
                pp[k] -= 2.0 * h;
                let fd = (zp - c.impedance(&pp, w)) / (2.0 * h);
                assert!(
                    (g[k] - fd).norm() <= 1e-6 * (fd.norm() + z.norm() / p[k]),
                    "∂Z/∂p{k} at ω = {w}: {} vs {fd}",
                    g[k]
                );
            }
        }
    }

    #[test]
    fn three_branch_parallel() {
        let c = Circuit::parse("p(R1,R2,R3)").unwrap();
        let z = c.impedance(&[2.0, 3.0, 6.0], 1.0);
        assert!((z.re - 1.0).abs() < 1e-14 && z.im.abs() < 1e-14);
    }

    fn leaf() -> impl Strategy<Value = Node> {
        prop::sample::select(crate::element::ALL.to_vec()).prop_map(|kind| {
            Node::Element(Element {
                kind,
                index: String::new(),
            })
        })
    }

    fn tree() -> impl Strategy<Value = Node> {
        leaf().prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 2..4).prop_map(|items| {
                    // A series is never the direct child of a series (the parser flattens).
                    let mut flat = Vec::new();
                    for i in items {
                        match i {
                            Node::Series(sub) => flat.extend(sub),
                            other => flat.push(other),
                        }
                    }
                    Node::Series(flat)
                }),
                prop::collection::vec(inner, 2..4).prop_map(Node::Parallel),
            ]
        })
    }

    fn number(node: &mut Node, next: &mut usize) {
        match node {
            Node::Element(e) => {
                e.index = next.to_string();
                *next += 1;
            }
            Node::Series(items) | Node::Parallel(items) => {
                for i in items {
                    number(i, next);
                }
            }
        }
    }

    proptest! {
        #[test]
        fn display_and_parse_round_trip(mut root in tree()) {
            number(&mut root, &mut 0);
            let c = Circuit::from_root(root);
            let text = c.to_string();
            let back = Circuit::parse(&text).unwrap();
            prop_assert_eq!(&back, &c);
            prop_assert_eq!(back.to_string(), text);
        }
    }
}
