//! Grain boundaries in the garnet separator (series brick-layer model) and the
//! dielectric capacitances of the layers that the cell's current crosses in series.
//!
//! **Brick layer, series form** (Haile, West & Campbell 1998, J. Mater. Res. 13, 1576;
//! Irvine, Sinclair & West 1990, key `irvine1990`): cubic grains of size d separated by
//! boundaries of thickness δ ≪ d, the current crossing grains and boundaries in series,
//! the boundaries parallel to the current neglected:
//!
//!   R·A/L = 1/σ_b + (δ/d)/σ_gb,sp
//!
//! with σ_b the bulk (grain-interior) conductivity and σ_gb,sp the *specific*
//! conductivity of the boundary material. Limits: δ → 0 (or σ_gb,sp → ∞) gives the bulk
//! 1/σ_b; when the boundaries dominate, R·A/L → (δ/d)/σ_gb,sp, the series form. The
//! apparent ("macroscopic") grain-boundary conductivity an impedance fit reports with the
//! sample's geometry is σ_gb,app = σ_gb,sp·d/δ. Valid while δ ≪ d and the boundaries are
//! laterally homogeneous; detours along boundaries (Fleig & Maier 1999) and nanograins
//! (δ ~ d) are outside it.
//!
//! **Capacitances** of a slab of permittivity ε₀ε_r and thickness t: C = ε₀ε_r/t per
//! area. The bulk of the separator: C_b = ε₀ε_r/L; its L/d boundaries in series, each
//! ε₀ε_r/δ: C_gb = ε₀ε_r·d/(δ·L) (same ε_r in grain and boundary), so that the arcs'
//! time constants τ_b = ε₀ε_r/σ_b and τ_gb = ε₀ε_r/σ_gb,sp do not depend on the
//! geometry — the basis of arc assignment by capacitance (Irvine, Sinclair & West 1990,
//! Table 1: bulk ~1e-12 F, grain boundary 1e-11–1e-8 F for a cell constant
//! L/A = 1 cm⁻¹).

use garnet_cite::Provenance;
use garnet_materials::physics::arrhenius;
use garnet_materials::ArrheniusForm;

/// Vacuum permittivity ε₀ (F/m), CODATA 2018: 8.854 187 8128(13) × 10⁻¹² F/m.
pub(crate) const VACUUM_PERMITTIVITY: f64 = 8.854_187_812_8e-12;

/// Relative permittivity used for a layer whose permittivity neither the design nor the
/// knowledge base gives: an order-of-magnitude **estimate**, ε_r = 10, from the bulk
/// capacitance of Irvine, Sinclair & West 1990, Table 1 (~1e-12 F at L/A = 1 cm⁻¹, i.e.
/// ε_r = 1e-12 F / (ε₀ · 1 cm) ≈ 11). It sets only the frequencies of the arcs in a
/// simulated spectrum, never a DC resistance.
pub(crate) const ESTIMATED_RELATIVE_PERMITTIVITY: f64 = 10.0;

/// Grain-boundary thickness δ used when the design gives none: an **estimate** of 1 nm,
/// the order of the structural width of a grain boundary in an oxide ceramic; only the
/// ratio δ/d enters the resistance, and a given σ_gb,sp is meaningful only with the δ it
/// was derived with.
pub(crate) const ESTIMATED_GRAIN_BOUNDARY_THICKNESS: f64 = 1e-9;

/// Series brick-layer resistivity (Ω m): ρ = 1/σ_b + (δ/d)/σ_gb,sp (module doc).
///
/// `sigma_bulk`, `sigma_gb_specific` in S/m, `delta` and `grain` (d) in m.
pub(crate) fn brick_layer_resistivity(
    sigma_bulk: f64,
    sigma_gb_specific: f64,
    delta: f64,
    grain: f64,
) -> f64 {
    1.0 / sigma_bulk + grain_boundary_resistivity(sigma_gb_specific, delta, grain)
}

/// The grain-boundary term of the brick layer (Ω m): (δ/d)/σ_gb,sp.
pub(crate) fn grain_boundary_resistivity(sigma_gb_specific: f64, delta: f64, grain: f64) -> f64 {
    delta / grain / sigma_gb_specific
}

/// Bulk activation energy that keeps the Arrhenius slope of a measured total at its
/// temperature: with ρ = ρ_b + ρ_gb and each ρ_i ∝ exp(E_i/k_BT) (times T in the σ·T
/// form), d ln ρ/d(1/k_BT) = (1 − s)·E_b + s·E_gb with s = ρ_gb/ρ the boundaries' share,
/// so E_b = (E_tot − s·E_gb)/(1 − s). Energies in J; `share` in [0, 1).
pub(crate) fn bulk_activation_energy(e_total: f64, e_gb: f64, share: f64) -> f64 {
    (e_total - share * e_gb) / (1.0 - share)
}

/// Capacitance per area of a dielectric slab (F/m²): C = ε₀·ε_r/t, t in m.
pub(crate) fn slab_capacitance(relative_permittivity: f64, thickness: f64) -> f64 {
    VACUUM_PERMITTIVITY * relative_permittivity / thickness
}

/// Capacitance per area of the L/d grain boundaries of a brick-layer separator (F/m²):
/// C_gb = ε₀·ε_r·d/(δ·L) — the L/d boundary slabs ε₀ε_r/δ in series.
pub(crate) fn grain_boundary_capacitance(
    relative_permittivity: f64,
    grain: f64,
    delta: f64,
    length: f64,
) -> f64 {
    VACUUM_PERMITTIVITY * relative_permittivity * grain / (delta * length)
}

/// A specific grain-boundary conductivity given at 25 °C with its activation energy
/// (J), at `t` (K), in the Arrhenius `form` of the separator's garnet
/// ([`garnet_materials::physics::arrhenius`]).
pub(crate) fn gb_conductivity_at(sigma_25c: f64, ea: f64, form: ArrheniusForm, t: f64) -> f64 {
    arrhenius(sigma_25c, super::temperature::T_REF, ea, form, t)
}

/// The provenance of the estimated permittivity.
pub(crate) fn estimated_permittivity() -> Provenance {
    Provenance::Estimated {
        reason: format!(
            "no relative permittivity given or in the knowledge base: ε_r = {ESTIMATED_RELATIVE_PERMITTIVITY} \
             (order of magnitude of a ceramic's bulk capacitance, Irvine, Sinclair & West 1990 Table 1); \
             sets only arc frequencies of the simulated spectrum"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brick_layer_limits() {
        let (sb, sgb, d) = (0.05, 2e-4, 5e-6);
        // δ → 0: the bulk.
        let r0 = brick_layer_resistivity(sb, sgb, 1e-21, d);
        assert!((r0 * sb - 1.0).abs() < 1e-9, "{r0}");
        // Boundaries dominate (σ_b → ∞): the series form (δ/d)/σ_gb,sp.
        let delta = 2e-9;
        let r = brick_layer_resistivity(1e12, sgb, delta, d);
        assert!((r / (delta / d / sgb) - 1.0).abs() < 1e-9, "{r}");
        // In between: the sum, and the boundaries' share rises with δ/d.
        let r = brick_layer_resistivity(sb, sgb, delta, d);
        assert!((r - (1.0 / sb + delta / d / sgb)).abs() < 1e-12 * r);
        let share = |dd: f64| {
            grain_boundary_resistivity(sgb, delta, dd) / brick_layer_resistivity(sb, sgb, delta, dd)
        };
        assert!(share(1e-6) > share(1e-5));
    }

    #[test]
    fn bulk_activation_energy_keeps_the_slope_of_the_total() {
        // d ln ρ/d(1/kT) of ρ_b + ρ_gb by finite differences, plain form ρ ∝ exp(E/kT).
        let k = garnet_units::constants::BOLTZMANN;
        let ev = garnet_units::constants::ELEMENTARY_CHARGE;
        let (e_tot, e_gb, s) = (0.32 * ev, 0.45 * ev, 0.3);
        let e_b = bulk_activation_energy(e_tot, e_gb, s);
        let t0: f64 = 298.15;
        let rho = |t: f64| {
            (1.0 - s) * (e_b / k * (1.0 / t - 1.0 / t0)).exp()
                + s * (e_gb / k * (1.0 / t - 1.0 / t0)).exp()
        };
        let (t1, t2) = (t0 - 0.01, t0 + 0.01);
        let slope = (rho(t1).ln() - rho(t2).ln()) / (1.0 / (k * t1) - 1.0 / (k * t2));
        assert!((slope / e_tot - 1.0).abs() < 1e-6, "{}", slope / ev);
        assert_eq!(bulk_activation_energy(e_tot, e_gb, 0.0), e_tot);
    }

    #[test]
    fn capacitances_give_geometry_free_time_constants() {
        // τ_b = R_b·C_b = (L/σ_b)·ε₀ε_r/L = ε₀ε_r/σ_b; τ_gb = ε₀ε_r/σ_gb,sp.
        let (eps, l, d, delta, sb, sgb) = (50.0, 30e-6, 5e-6, 2e-9, 0.05, 2e-4);
        let tau_b = l / sb * slab_capacitance(eps, l);
        assert!((tau_b / (VACUUM_PERMITTIVITY * eps / sb) - 1.0).abs() < 1e-12);
        let r_gb = l * grain_boundary_resistivity(sgb, delta, d);
        let tau_gb = r_gb * grain_boundary_capacitance(eps, d, delta, l);
        assert!((tau_gb / (VACUUM_PERMITTIVITY * eps / sgb) - 1.0).abs() < 1e-12);
        // Irvine, Sinclair & West 1990 Table 1: at L/A = 1 cm⁻¹ the estimated ε_r = 10
        // gives a bulk capacitance of the order of 1e-12 F.
        let c_1cm = slab_capacitance(ESTIMATED_RELATIVE_PERMITTIVITY, 0.01) * 1e-4;
        assert!((3e-13..3e-12).contains(&c_1cm), "{c_1cm}");
    }
}
