//! The element registry: every circuit element, its parameters with units and bounds,
//! and its impedance.
//!
//! Formulas follow impedance.py's element definitions
//! (ECSHackWeek/impedance.py, `impedance/models/circuits/elements.py`, MIT licence),
//! re-expressed here; ω = 2πf is the angular frequency in rad/s and j² = −1.

use num_complex::Complex64;

/// The kinds of circuit elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ElementKind {
    /// Resistor.
    R,
    /// Capacitor.
    C,
    /// Inductor.
    L,
    /// Constant-phase element.
    Cpe,
    /// Semi-infinite Warburg element.
    W,
    /// Finite-length Warburg, open (reflective) boundary.
    Wo,
    /// Finite-length Warburg, short (transmissive) boundary.
    Ws,
    /// Gerischer element.
    G,
    /// Voigt element written with a time constant.
    K,
    /// ZARC (R in parallel with a CPE, written with a time constant).
    Zarc,
    /// Simplified transmission line with a CPE interface (porous electrode).
    Tlmq,
}

/// The range a parameter may take; fitting works in a transformed variable that keeps
/// it there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// Strictly positive (fitted as ln p).
    Positive,
    /// An exponent in (0, 1] (fitted through a logistic function).
    Exponent,
    /// Between two finite values (scaled logistic).
    Interval(f64, f64),
    /// Any real number.
    Free,
}

impl Bound {
    /// Whether `value` lies in the range (the closed upper end of exponents included).
    pub fn contains(&self, value: f64) -> bool {
        match *self {
            Bound::Positive => value > 0.0 && value.is_finite(),
            Bound::Exponent => value > 0.0 && value <= 1.0,
            Bound::Interval(lo, hi) => value >= lo && value <= hi,
            Bound::Free => value.is_finite(),
        }
    }

    /// The range in words, for messages.
    pub fn describe(&self) -> String {
        match *self {
            Bound::Positive => "(0, ∞)".to_string(),
            Bound::Exponent => "(0, 1]".to_string(),
            Bound::Interval(lo, hi) => format!("[{lo}, {hi}]"),
            Bound::Free => "(−∞, ∞)".to_string(),
        }
    }
}

/// One parameter of an element kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    /// Symbol in the formula (for documentation).
    pub symbol: &'static str,
    /// Unit as written in output.
    pub unit: &'static str,
    /// Allowed range.
    pub bound: Bound,
}

const fn pos(symbol: &'static str, unit: &'static str) -> ParamSpec {
    ParamSpec {
        symbol,
        unit,
        bound: Bound::Positive,
    }
}

const fn exponent(symbol: &'static str) -> ParamSpec {
    ParamSpec {
        symbol,
        unit: "",
        bound: Bound::Exponent,
    }
}

/// All element kinds, longest prefix first where prefixes overlap.
pub const ALL: [ElementKind; 11] = [
    ElementKind::Cpe,
    ElementKind::Tlmq,
    ElementKind::Zarc,
    ElementKind::Wo,
    ElementKind::Ws,
    ElementKind::W,
    ElementKind::R,
    ElementKind::C,
    ElementKind::L,
    ElementKind::G,
    ElementKind::K,
];

impl ElementKind {
    /// The prefix used in circuit strings (`CPE` in `CPE1`).
    pub fn prefix(self) -> &'static str {
        match self {
            ElementKind::R => "R",
            ElementKind::C => "C",
            ElementKind::L => "L",
            ElementKind::Cpe => "CPE",
            ElementKind::W => "W",
            ElementKind::Wo => "Wo",
            ElementKind::Ws => "Ws",
            ElementKind::G => "G",
            ElementKind::K => "K",
            ElementKind::Zarc => "Zarc",
            ElementKind::Tlmq => "TLMQ",
        }
    }

    /// The element kind for a prefix, exactly as written (case-sensitive, as in impedance.py).
    pub fn from_prefix(prefix: &str) -> Option<Self> {
        ALL.iter().copied().find(|k| k.prefix() == prefix)
    }

    /// Parameters in impedance.py's order.
    pub fn params(self) -> &'static [ParamSpec] {
        const R: [ParamSpec; 1] = [pos("R", "Ohm")];
        const C: [ParamSpec; 1] = [pos("C", "F")];
        const L: [ParamSpec; 1] = [pos("L", "H")];
        const CPE: [ParamSpec; 2] = [pos("Q", "Ohm^-1 s^a"), exponent("alpha")];
        const W: [ParamSpec; 1] = [pos("A_W", "Ohm s^-1/2")];
        const WO: [ParamSpec; 2] = [pos("Z0", "Ohm"), pos("tau", "s")];
        const G: [ParamSpec; 2] = [pos("R_G", "Ohm"), pos("t_G", "s")];
        const K: [ParamSpec; 2] = [pos("R", "Ohm"), pos("tau_k", "s")];
        const ZARC: [ParamSpec; 3] = [pos("R", "Ohm"), pos("tau_k", "s"), exponent("gamma")];
        const TLMQ: [ParamSpec; 3] = [
            pos("R_ion", "Ohm"),
            pos("Q_s", "F s^(gamma-1)"),
            exponent("gamma"),
        ];
        match self {
            ElementKind::R => &R,
            ElementKind::C => &C,
            ElementKind::L => &L,
            ElementKind::Cpe => &CPE,
            ElementKind::W => &W,
            ElementKind::Wo | ElementKind::Ws => &WO,
            ElementKind::G => &G,
            ElementKind::K => &K,
            ElementKind::Zarc => &ZARC,
            ElementKind::Tlmq => &TLMQ,
        }
    }

    /// Impedance Z(ω) (Ω) for parameters `p` (in the order of [`ElementKind::params`],
    /// SI units) at angular frequency `omega` (rad/s).
    ///
    /// - R: Z = R.
    /// - C: Z = 1/(jωC).
    /// - L: Z = jωL.
    /// - CPE: Z = 1/(Q (jω)^α), Q in Ω⁻¹ s^α, 0 < α ≤ 1.
    /// - W (semi-infinite Warburg): Z = A_W (1 − j)/√ω, A_W in Ω s^−½.
    /// - Wo (finite-length Warburg, open/reflective end): Z = Z₀ coth(√(jωτ))/√(jωτ);
    ///   Z → Z₀/3 + 1/(jωC) with C = τ/Z₀ at low ω.
    /// - Ws (finite-length Warburg, short/transmissive end): Z = Z₀ tanh(√(jωτ))/√(jωτ);
    ///   Z → Z₀ at low ω.
    /// - G (Gerischer): Z = R_G/√(1 + jω t_G).
    /// - K (Voigt element, Schönleber et al. 2014): Z = R/(1 + jωτ).
    /// - Zarc: Z = R/(1 + (jωτ)^γ).
    /// - TLMQ (Landesfeind et al., J. Electrochem. Soc. 163 (2016) A1373, eq. 11):
    ///   Z_s = 1/(Q_s (jω)^γ), Z = √(R_ion Z_s) coth(√(R_ion/Z_s)).
    pub fn impedance(self, p: &[f64], omega: f64) -> Complex64 {
        let j = Complex64::new(0.0, 1.0);
        let jw = j * omega;
        let at = |i: usize| p.get(i).copied().unwrap_or(f64::NAN);
        match self {
            ElementKind::R => Complex64::new(at(0), 0.0),
            ElementKind::C => Complex64::new(0.0, -1.0 / (omega * at(0))),
            ElementKind::L => jw * at(0),
            ElementKind::Cpe => {
                // (jω)^α = ω^α e^{jπα/2}, without a complex power.
                let a = at(1);
                Complex64::from_polar(
                    1.0 / (at(0) * omega.powf(a)),
                    -a * std::f64::consts::FRAC_PI_2,
                )
            }
            ElementKind::W => Complex64::new(1.0, -1.0) * at(0) / omega.sqrt(),
            ElementKind::Wo => {
                let (s, t) = sqrt_j_and_tanh(omega * at(1));
                at(0) / (s * t)
            }
            ElementKind::Ws => {
                let (s, t) = sqrt_j_and_tanh(omega * at(1));
                at(0) * t / s
            }
            ElementKind::G => at(0) / (1.0 + jw * at(1)).sqrt(),
            ElementKind::K => at(0) / (1.0 + jw * at(1)),
            ElementKind::Zarc => at(0) / (1.0 + (jw * at(1)).powf(at(2))),
            ElementKind::Tlmq => {
                let zs = 1.0 / (at(1) * jw.powf(at(2)));
                (at(0) * zs).sqrt() / tanh((at(0) / zs).sqrt())
            }
        }
    }
}

impl ElementKind {
    /// Impedance Z(ω) and its partial derivatives ∂Z/∂pₖ, written into `grad` (one entry
    /// per parameter, same order and units as `p`), in closed form:
    ///
    /// - R: ∂Z/∂R = 1. C: ∂Z/∂C = −Z/C. L: ∂Z/∂L = jω.
    /// - CPE: ∂Z/∂Q = −Z/Q, ∂Z/∂α = −Z ln(jω) = −Z (ln ω + jπ/2).
    /// - W: ∂Z/∂A_W = Z/A_W.
    /// - Wo, with s = √(jωτ), t = tanh s: ∂Z/∂Z₀ = Z/Z₀,
    ///   ∂Z/∂τ = −Z₀/(2τ) · ((1 − t²)/t² + 1/(t s)).
    /// - Ws: ∂Z/∂Z₀ = Z/Z₀, ∂Z/∂τ = Z₀/(2τ) · (1 − t² − t/s).
    /// - G: ∂Z/∂R_G = Z/R_G, ∂Z/∂t_G = −Z jω/(2(1 + jωt_G)).
    /// - K: ∂Z/∂R = Z/R, ∂Z/∂τ = −Z jω/(1 + jωτ).
    /// - Zarc, x = (jωτ)^γ: ∂Z/∂R = Z/R, ∂Z/∂τ = −Z γx/(τ(1 + x)),
    ///   ∂Z/∂γ = −Z x ln(jωτ)/(1 + x).
    /// - TLMQ, a = √(R Z_s), b = √(R/Z_s), c = coth b, Z = a c:
    ///   ∂Z/∂R = (a c − a b (c² − 1))/(2R), ∂Z/∂Z_s = (a c + a b (c² − 1))/(2Z_s),
    ///   ∂Z_s/∂Q_s = −Z_s/Q_s, ∂Z_s/∂γ = −Z_s ln(jω).
    ///
    /// `grad` must hold at least as many entries as the element has parameters.
    pub fn impedance_and_gradient(
        self,
        p: &[f64],
        omega: f64,
        grad: &mut [Complex64],
    ) -> Complex64 {
        let j = Complex64::new(0.0, 1.0);
        let jw = j * omega;
        let at = |i: usize| p.get(i).copied().unwrap_or(f64::NAN);
        // ln(jω) = ln ω + jπ/2, and (jω)^α = ω^α e^{jπα/2} without a complex power.
        let ln_jw = Complex64::new(omega.ln(), std::f64::consts::FRAC_PI_2);
        let jw_pow = |a: f64| Complex64::from_polar(omega.powf(a), a * std::f64::consts::FRAC_PI_2);
        let mut set = |k: usize, v: Complex64| {
            if let Some(g) = grad.get_mut(k) {
                *g = v;
            }
        };
        match self {
            ElementKind::R => {
                set(0, Complex64::new(1.0, 0.0));
                Complex64::new(at(0), 0.0)
            }
            ElementKind::C => {
                let z = Complex64::new(0.0, -1.0 / (omega * at(0)));
                set(0, -z / at(0));
                z
            }
            ElementKind::L => {
                set(0, jw);
                jw * at(0)
            }
            ElementKind::Cpe => {
                let z = 1.0 / (at(0) * jw_pow(at(1)));
                set(0, -z / at(0));
                set(1, -z * ln_jw);
                z
            }
            ElementKind::W => {
                let z = Complex64::new(1.0, -1.0) * at(0) / omega.sqrt();
                set(0, z / at(0));
                z
            }
            ElementKind::Wo => {
                let (z0, tau) = (at(0), at(1));
                let (s, t) = sqrt_j_and_tanh(omega * tau);
                let z = z0 / (s * t);
                set(0, z / z0);
                set(
                    1,
                    -z0 / (2.0 * tau) * ((1.0 - t * t) / (t * t) + 1.0 / (t * s)),
                );
                z
            }
            ElementKind::Ws => {
                let (z0, tau) = (at(0), at(1));
                let (s, t) = sqrt_j_and_tanh(omega * tau);
                let z = z0 * t / s;
                set(0, z / z0);
                set(1, z0 / (2.0 * tau) * (1.0 - t * t - t / s));
                z
            }
            ElementKind::G => {
                let d = 1.0 + jw * at(1);
                let z = at(0) / d.sqrt();
                set(0, z / at(0));
                set(1, -z * jw / (2.0 * d));
                z
            }
            ElementKind::K => {
                let d = 1.0 + jw * at(1);
                let z = at(0) / d;
                set(0, z / at(0));
                set(1, -z * jw / d);
                z
            }
            ElementKind::Zarc => {
                let (r, tau, g) = (at(0), at(1), at(2));
                let x =
                    Complex64::from_polar((omega * tau).powf(g), g * std::f64::consts::FRAC_PI_2);
                let z = r / (1.0 + x);
                let ln_jwt = Complex64::new((omega * tau).ln(), std::f64::consts::FRAC_PI_2);
                set(0, z / r);
                set(1, -z * g * x / (tau * (1.0 + x)));
                set(2, -z * x * ln_jwt / (1.0 + x));
                z
            }
            ElementKind::Tlmq => {
                let (r, q, g) = (at(0), at(1), at(2));
                let zs = 1.0 / (q * jw_pow(g));
                let a = (r * zs).sqrt();
                let b = (r / zs).sqrt();
                let c = 1.0 / tanh(b);
                let z = a * c;
                let abc = a * b * (c * c - 1.0);
                let dz_dzs = (z + abc) / (2.0 * zs);
                set(0, (z - abc) / (2.0 * r));
                set(1, dz_dzs * (-zs / q));
                set(2, dz_dzs * (-zs * ln_jw));
                z
            }
        }
    }
}

/// s = √(jx) = √(x/2)·(1 + j) for x ≥ 0 and tanh s, without a complex square root:
/// with a = √(x/2), tanh(a + ja) = (sinh 2a + j sin 2a)/(cosh 2a + cos 2a), written
/// with e^{−2a} so it stays finite for large a.
fn sqrt_j_and_tanh(x: f64) -> (Complex64, Complex64) {
    let a = (0.5 * x).sqrt();
    let s = Complex64::new(a, a);
    if !a.is_finite() {
        return (s, tanh(s));
    }
    // Divide numerator and denominator by cosh 2a = (1 + e^{−4a})/(2e^{−2a}).
    let e = (-2.0 * a).exp();
    let (sin2a, cos2a) = (2.0 * a).sin_cos();
    let den_scale = 2.0 * e / (1.0 + e * e); // 1/cosh 2a
    let th = -(-4.0 * a).exp_m1() / (1.0 + e * e); // tanh 2a, accurate for small a
    let num = Complex64::new(th, sin2a * den_scale);
    let den = 1.0 + cos2a * den_scale;
    (s, num / den)
}

/// tanh of a complex number that stays finite for large real parts (where the
/// library formula divides infinities).
fn tanh(z: Complex64) -> Complex64 {
    if z.re > 20.0 {
        // tanh z = (1 − e^{−2z})/(1 + e^{−2z}); e^{−2z} is tiny.
        let e = (-2.0 * z).exp();
        (1.0 - e) / (1.0 + e)
    } else if z.re < -20.0 {
        let e = (2.0 * z).exp();
        (e - 1.0) / (e + 1.0)
    } else {
        z.tanh()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::f64::consts::PI;

    fn close(a: Complex64, b: Complex64, rel: f64) -> bool {
        (a - b).norm() <= rel * b.norm().max(1e-300)
    }

    #[test]
    fn resistor_capacitor_inductor_closed_forms() {
        let w = 2.0 * PI * 1000.0;
        assert_eq!(
            ElementKind::R.impedance(&[12.5], w),
            Complex64::new(12.5, 0.0)
        );
        let zc = ElementKind::C.impedance(&[1e-6], w);
        assert!(close(zc, Complex64::new(0.0, -1.0 / (w * 1e-6)), 1e-14));
        let zl = ElementKind::L.impedance(&[1e-3], w);
        assert!(close(zl, Complex64::new(0.0, w * 1e-3), 1e-14));
    }

    #[test]
    fn cpe_phase_is_minus_alpha_times_90_degrees() {
        let z = ElementKind::Cpe.impedance(&[2e-5, 0.8], 10.0);
        assert!((z.arg() + 0.8 * PI / 2.0).abs() < 1e-12);
        assert!((z.norm() - 1.0 / (2e-5 * 10f64.powf(0.8))).abs() < 1e-9 * z.norm());
        // α = 1 is a capacitor.
        let z1 = ElementKind::Cpe.impedance(&[1e-6, 1.0], 10.0);
        assert!(close(z1, Complex64::new(0.0, -1e5), 1e-12));
    }

    #[test]
    fn warburg_has_equal_real_and_minus_imaginary_parts() {
        let z = ElementKind::W.impedance(&[3.0], 4.0);
        assert!(close(z, Complex64::new(1.5, -1.5), 1e-14));
    }

    #[test]
    fn finite_warburgs_limits() {
        // Ws → Z0 at low frequency; Wo → Z0/3 + 1/(jωC), C = τ/Z0.
        let z = ElementKind::Ws.impedance(&[7.0, 2.0], 1e-6);
        assert!(close(z, Complex64::new(7.0, 0.0), 1e-5));
        let w = 1e-4;
        let z = ElementKind::Wo.impedance(&[7.0, 2.0], w);
        let expect = Complex64::new(7.0 / 3.0, -7.0 / (2.0 * w));
        assert!(close(z, expect, 1e-6));
        // Both → W-like (1 − j)·Z0/√(2ωτ) at high frequency.
        let w = 1e6;
        for kind in [ElementKind::Wo, ElementKind::Ws] {
            let z = kind.impedance(&[7.0, 2.0], w);
            let expect = Complex64::new(1.0, -1.0) * 7.0 / (2.0 * w * 2.0).sqrt();
            assert!(close(z, expect, 1e-9), "{kind:?}: {z}");
        }
    }

    #[test]
    fn gerischer_voigt_zarc_closed_forms() {
        // G at ω t_G = 1: R/√(1+j) = R/2^{1/4} · e^{−jπ/8}.
        let z = ElementKind::G.impedance(&[5.0, 0.1], 10.0);
        let expect = Complex64::from_polar(5.0 / 2f64.powf(0.25), -PI / 8.0);
        assert!(close(z, expect, 1e-12));
        // K at ωτ = 1: R/2 − jR/2.
        let z = ElementKind::K.impedance(&[8.0, 1e-3], 1e3);
        assert!(close(z, Complex64::new(4.0, -4.0), 1e-12));
        // Zarc with γ = 1 is K.
        let z = ElementKind::Zarc.impedance(&[8.0, 1e-3, 1.0], 1e3);
        assert!(close(z, Complex64::new(4.0, -4.0), 1e-12));
    }

    #[test]
    fn tlmq_limits() {
        // Low frequency: coth x ≈ 1/x + x/3 → Z ≈ Z_s + R_ion/3.
        let (r, q, g) = (30.0, 1e-3, 1.0);
        let w = 1e-3;
        let zs = 1.0 / (q * Complex64::new(0.0, w));
        let z = ElementKind::Tlmq.impedance(&[r, q, g], w);
        assert!(close(z, zs + r / 3.0, 1e-6));
        // High frequency: coth → 1, Z ≈ √(R_ion Z_s).
        let w = 1e8;
        let zs = 1.0 / (q * Complex64::new(0.0, w));
        let z = ElementKind::Tlmq.impedance(&[r, q, g], w);
        assert!(close(z, (zs * r).sqrt(), 1e-9));
    }

    #[test]
    fn analytic_gradients_match_central_differences() {
        let cases: [(ElementKind, &[f64]); 11] = [
            (ElementKind::R, &[12.5]),
            (ElementKind::C, &[2e-6]),
            (ElementKind::L, &[1e-4]),
            (ElementKind::Cpe, &[3e-5, 0.83]),
            (ElementKind::W, &[40.0]),
            (ElementKind::Wo, &[7.0, 2.0]),
            (ElementKind::Ws, &[7.0, 2.0]),
            (ElementKind::G, &[5.0, 0.1]),
            (ElementKind::K, &[8.0, 1e-3]),
            (ElementKind::Zarc, &[8.0, 1e-3, 0.7]),
            (ElementKind::Tlmq, &[30.0, 1e-3, 0.9]),
        ];
        for (kind, p) in cases {
            for w in [1e-3, 0.7, 10.0, 3e3, 1e6] {
                let mut g = [Complex64::new(0.0, 0.0); 3];
                let z = kind.impedance_and_gradient(p, w, &mut g);
                assert!(close(z, kind.impedance(p, w), 1e-12), "{kind:?} at {w}");
                for k in 0..p.len() {
                    let h = 1e-6 * p[k];
                    let mut pp = p.to_vec();
                    pp[k] = p[k] + h;
                    let zp = kind.impedance(&pp, w);
                    pp[k] = p[k] - h;
                    let zm = kind.impedance(&pp, w);
                    let fd = (zp - zm) / (2.0 * h);
                    // Central differences are good to ~1e-8 of |Z|/p.
                    assert!(
                        (g[k] - fd).norm() <= 1e-6 * (fd.norm() + z.norm() / p[k]),
                        "{kind:?} ∂/∂p{k} at ω = {w}: {} vs {fd}",
                        g[k]
                    );
                }
            }
        }
    }

    #[test]
    fn warburg_tanh_matches_the_library_tanh() {
        for x in [0.0, 1e-8, 0.3, 2.0, 40.0, 1e3, 1e9] {
            let (s, t) = sqrt_j_and_tanh(x);
            let s_ref = (Complex64::new(0.0, x)).sqrt();
            assert!(close(s, s_ref, 1e-14) || x == 0.0, "{x}");
            assert!(
                close(t, tanh(s_ref), 1e-13) || x == 0.0,
                "{x}: {t} vs {}",
                tanh(s_ref)
            );
        }
    }

    #[test]
    fn prefixes_round_trip() {
        for k in ALL {
            assert_eq!(ElementKind::from_prefix(k.prefix()), Some(k));
        }
    }
}
