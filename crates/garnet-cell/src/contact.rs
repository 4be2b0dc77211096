//! Constriction (spreading) resistance of a partial contact between two solids.
//!
//! When two solids touch on only a share f of their surface, the current crossing
//! the interface is squeezed through the contact spots and spreads out again on each
//! side; the extra resistance over a full contact is the *constriction* (or spreading)
//! resistance. Its value depends on the resistivities of both sides, the spot radius
//! a and, through the interaction of neighbouring spots, on f. The same Laplace
//! problem describes heat (thermal contact conductance) and current.
//!
//! The functions here are plain formulas on SI numbers, shared by the cathode|garnet
//! contact of a composite or thin film ([`crate::resolve`]) and, later, the
//! Li|garnet interface with voids under stack pressure. Their inputs are checked by
//! the callers (the design resolver names the field); the formulas themselves return
//! `∞` where the physics does (a vanishing contact) and never NaN for inputs in their
//! documented domain.
//!
//! Sources: Holm 1967 (`holm1967`) and Newman 1966 (`newman1966`) for one spot;
//! Cooper, Mikic & Yovanovich 1969 (`cooper1969`) for many spots.

use garnet_units::constants::FARADAY;

/// Constriction resistance (Ω) of one circular spot of radius `a` (m) into a
/// half-space of resistivity `rho` (Ω m), one side:
///
/// R₁ = ρ/(4a)
///
/// the resistance of an isopotential disk on a half-space (Holm 1967, §1–4; the
/// primary-current resistance of a disk electrode, R = 1/(4κr₀), Newman 1966). Both
/// sides of a contact: (ρ₁ + ρ₂)/(4a).
pub fn single_spot_resistance(rho: f64, a: f64) -> f64 {
    rho / (4.0 * a)
}

/// Constriction alleviation factor ψ of spots covering a share `f` of the surface
/// (0 < f ≤ 1):
///
/// ψ(ε) ≈ (1 − ε)^1.5, ε = a/b = √f
///
/// with b the radius of the flux tube that feeds each spot (π·b²·n = 1). ψ → 1 for
/// isolated spots (f → 0, Holm's single spot), ψ = 0 for a full contact (f = 1).
/// The Cooper–Mikic–Yovanovich approximation (Cooper, Mikic & Yovanovich 1969), most
/// accurate for small ε; a share outside (0, 1] is clamped to it.
pub fn alleviation_factor(f: f64) -> f64 {
    let eps = f.clamp(0.0, 1.0).sqrt();
    (1.0 - eps).powf(1.5)
}

/// Constriction resistance per apparent (whole) area (Ω m²) of spots of radius `a`
/// (m) covering a share `f` of the surface between resistivities `rho1` and `rho2`
/// (Ω m):
///
/// R·A = (ρ₁ + ρ₂)·ψ(√f)/(4·a·n), n = f/(π·a²) spots per area
///     = (ρ₁ + ρ₂)·π·a·ψ(√f)/(4·f)
///
/// (Cooper, Mikic & Yovanovich 1969: n spots in parallel, each Holm's ρ/(4a) per side
/// reduced by ψ for the crowding of the neighbours). Zero at f = 1; ∞ for f → 0.
pub fn constriction_asr(rho1: f64, rho2: f64, a: f64, f: f64) -> f64 {
    if f <= 0.0 {
        return f64::INFINITY;
    }
    constriction_per_contact_area(rho1, rho2, a, f) / f
}

/// The same constriction resistance per area of the *contact* itself (Ω m² of
/// touching surface), the unit of garnet's film resistances, which carry the
/// current density per contact area:
///
/// R·A_contact = R·A·f = (ρ₁ + ρ₂)·π·a·ψ(√f)/4
pub fn constriction_per_contact_area(rho1: f64, rho2: f64, a: f64, f: f64) -> f64 {
    (rho1 + rho2) * std::f64::consts::PI * a * alleviation_factor(f) / 4.0
}

/// Effective resistivity (Ω m) of Li transport inside a mixed conductor whose
/// electrons are fast, from its chemical diffusivity D̃ (m²/s) and the slope of its
/// open-circuit voltage with concentration, |dU/dc| (V m³/mol):
///
/// ρ_chem = |dU/dc|/(F·D̃)
///
/// Li flux N = −D̃·∇c and current i = F·N, with ∇U = (dU/dc)·∇c, give
/// ∇U = −(dU/dc)·i/(F·D̃): the particle side of a contact spot behaves as a resistor
/// of this resistivity once the concentration field around the spot is steady
/// (times ≫ a²/D̃). A flat OCV (two-phase plateau) gives ρ_chem → 0.
pub fn chemical_resistivity(du_dc: f64, diffusivity: f64) -> f64 {
    du_dc.abs() / (FARADAY * diffusivity)
}

/// Steady-state concentration resistance of uniform-flux diffusion in the active
/// material, per reacting surface, in units of ρ_chem·(size): c_surf − c_mean =
/// j·R/(5·F·D̃) in a sphere of radius R (parabolic profile), j·L/(3·F·D̃) in a slab of
/// thickness L fed through one face — so R_diff = ρ_chem·R/5 or ρ_chem·L/3.
fn uniform_diffusion_length(size: f64, sphere: bool) -> f64 {
    if sphere {
        size / 5.0
    } else {
        size / 3.0
    }
}

/// The particle side of the constriction as a factor on the solid diffusivity.
///
/// Inside the active material the constriction is a concentration (diffusion)
/// resistance, not an ohmic one: per particle surface it is ρ_chem·π·a·ψ(√f)/(4f)
/// ([`constriction_per_contact_area`] with ρ₁ = 0, ρ₂ = [`chemical_resistivity`],
/// divided by f), in series with the steady uniform-flux diffusion resistance
/// ρ_chem·R/5 of a sphere (ρ_chem·L/3 of a film of thickness L fed through one face).
/// Carrying their sum with an effective diffusivity
///
/// D̃_eff = D̃/(1 + 5·π·a·ψ(√f)/(4·f·R))   (sphere; 3 instead of 5 for a film)
///
/// gives the steady state exactly (ρ_chem cancels: the factor depends on geometry
/// only) and lets the extra polarisation build up on the diffusion time scale, as the
/// spreading field around a spot does (≈ a²/D̃), rather than instantly. An
/// approximation of garnet's: the transient of a spreading field is not exactly that
/// of a slower uniform diffusion. 1 for a full contact.
pub fn diffusion_factor(a: f64, f: f64, size: f64, sphere: bool) -> f64 {
    if f >= 1.0 {
        return 1.0;
    }
    if f <= 0.0 {
        return 0.0;
    }
    let spreading = std::f64::consts::PI * a * alleviation_factor(f) / (4.0 * f);
    1.0 / (1.0 + spreading / uniform_diffusion_length(size, sphere))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Holm's single spot: ρ/(4a), e.g. 10 Ω m into a 1 µm spot = 2.5 MΩ.
    #[test]
    fn single_spot_is_rho_over_4a() {
        assert_eq!(single_spot_resistance(10.0, 1e-6), 2.5e6);
        // Units: Ω m / m = Ω; halving the spot doubles it.
        assert_eq!(
            single_spot_resistance(10.0, 0.5e-6),
            2.0 * single_spot_resistance(10.0, 1e-6)
        );
    }

    /// Many spots reduce to n independent Holm spots in parallel when they are far
    /// apart (f → 0, ψ → 1): R·A → (ρ₁ + ρ₂)/(4a)/n.
    #[test]
    fn sparse_spots_are_holm_spots_in_parallel() {
        let (rho1, rho2, a) = (20.0, 5.0, 0.2e-6);
        for f in [1e-8, 1e-6] {
            let n = f / (std::f64::consts::PI * a * a);
            let parallel = (rho1 + rho2) / (4.0 * a) / n;
            let asr = constriction_asr(rho1, rho2, a, f);
            // ψ = (1 − √f)^1.5 differs from 1 by 1.5·√f.
            assert!(
                (asr / parallel - 1.0).abs() < 1.6 * f.sqrt(),
                "{f}: {asr} vs {parallel}"
            );
        }
    }

    /// A full contact has no constriction; ψ falls monotonically from 1 to 0.
    #[test]
    fn full_contact_has_none_and_psi_is_monotone() {
        assert_eq!(alleviation_factor(1.0), 0.0);
        assert_eq!(constriction_asr(20.0, 5.0, 1e-6, 1.0), 0.0);
        assert_eq!(alleviation_factor(0.0), 1.0);
        assert_eq!(constriction_asr(20.0, 5.0, 1e-6, 0.0), f64::INFINITY);
        // (1 − √0.25)^1.5 = 0.5^1.5
        assert!((alleviation_factor(0.25) - 0.5_f64.powf(1.5)).abs() < 1e-15);
        let mut last = f64::INFINITY;
        for i in 1..=100 {
            let r = constriction_asr(20.0, 5.0, 1e-6, i as f64 / 100.0);
            assert!(r < last && r.is_finite(), "{i}: {r}");
            last = r;
        }
    }

    /// Per contact area = per apparent area × f; proportional to a and to ρ₁ + ρ₂.
    #[test]
    fn per_contact_area_and_scaling() {
        let (a, f) = (1e-6, 0.6);
        let per_contact = constriction_per_contact_area(20.0, 5.0, a, f);
        let per_apparent = constriction_asr(20.0, 5.0, a, f);
        assert!((per_contact - per_apparent * f).abs() < 1e-15 * per_contact);
        assert!(
            (constriction_per_contact_area(20.0, 5.0, 2.0 * a, f) - 2.0 * per_contact).abs()
                < 1e-15 * per_contact
        );
        assert!(
            (constriction_per_contact_area(50.0, 0.0, a, f) - 2.0 * per_contact).abs()
                < 1e-15 * per_contact
        );
        // Closed form: 25 Ω m·π·1 µm·(1 − √0.6)^1.5/4.
        let expected = 25.0 * std::f64::consts::PI * 1e-6 * (1.0 - 0.6_f64.sqrt()).powf(1.5) / 4.0;
        assert!((per_contact - expected).abs() < 1e-15 * expected);
    }

    /// The diffusion factor reproduces the steady-state sum: with D̃_eff the uniform
    /// sphere resistance ρ_chem'·R/5 (ρ_chem' = |dU/dc|/(F·D̃_eff)) equals
    /// ρ_chem·R/5 + the particle-side constriction per particle area.
    #[test]
    fn diffusion_factor_reproduces_the_steady_state() {
        let (du_dc, d, a, f, r) = (2e-5, 1e-14, 1e-6, 0.4, 3e-6);
        let rho = chemical_resistivity(du_dc, d);
        for sphere in [true, false] {
            let k = diffusion_factor(a, f, r, sphere);
            let rho_eff = chemical_resistivity(du_dc, d * k);
            let len = if sphere { r / 5.0 } else { r / 3.0 };
            let expected = rho * len + constriction_per_contact_area(0.0, rho, a, f) / f;
            assert!((rho_eff * len - expected).abs() < 1e-12 * expected);
            assert!(k > 0.0 && k < 1.0);
        }
        assert_eq!(diffusion_factor(a, 1.0, r, true), 1.0);
        assert_eq!(diffusion_factor(a, 0.0, r, true), 0.0);
    }

    /// ρ_chem = |dU/dc|/(F·D̃): 1 V over 50 000 mol/m³ at D̃ = 1e-14 m²/s.
    #[test]
    fn chemical_resistivity_closed_form() {
        let du_dc = 1.0 / 50_000.0;
        let rho = chemical_resistivity(-du_dc, 1e-14);
        assert!((rho - du_dc / (FARADAY * 1e-14)).abs() < 1e-12 * rho);
        assert!((rho - 20_728.54).abs() < 0.01, "{rho}");
        assert_eq!(chemical_resistivity(0.0, 1e-14), 0.0);
    }
}
