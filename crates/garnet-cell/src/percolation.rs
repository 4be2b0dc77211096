//! Which active particles of a composite cathode can react: percolation of the
//! garnet (ionic) and active (electronic) networks of a random binary packing.
//!
//! A particle of active material takes part in the reaction only if it belongs to
//! the electronic network that reaches the current collector *and* touches the garnet
//! network that reaches the separator. Both networks are clusters of touching
//! particles; below a share of about 0.29 of the solid (equal sizes) a phase no longer
//! spans the electrode. The model here is the coordination-number percolation of
//! random binary sphere packings used for composite fuel-cell electrodes:
//!
//! * number fractions n_A = (φ_A/r_A³)/Σ(φ_k/r_k³), φ the solid-volume shares;
//! * coordination of a particle of phase i, Z_i = 3 + (Z̄ − 3)·r_i²/Σ n_k r_k², with
//!   Z̄ = 6 the mean coordination of a random packing of monosized spheres
//!   (Hosokawa et al. 2007, p. 232); contacts with phase j, Z_ij = n_j·Z_i·Z_j/Z̄
//!   (the Suzuki–Oshima relations as used in composite-electrode percolation models —
//!   recalled, not checked against the original here, so results are estimates);
//! * the share of phase-i particles in the spanning cluster (Bouvard & Lange 1991, as
//!   quoted in Hosokawa et al. 2007, eq. 4.4.1):
//!   P_i = [1 − ((4.236 − Z_ii)/2.472)^2.5]^0.4 for 1.764 < Z_ii < 4.236, 0 below the
//!   threshold Z_ii = 1.764 and 1 above 4.236.
//!
//! The utilisable (connected) share of the active material is
//!
//! χ = P_A · [1 − (1 − P_E)^(f·Z_AE)]
//!
//! an active particle in the electronic cluster (P_A) with at least one of its f·Z_AE
//! bonded garnet neighbours in the ionic cluster; f is the contact fraction, read as
//! the share of the geometric active–garnet contacts that are bonded (a garnet
//! neighbour that has delaminated, or never sintered to the particle, carries no ions).
//!
//! **Carried over to co-sintered garnet composites** (the model is for random packings
//! of unsintered powders, as are the cold-pressed sulfide composites of Bielefeld,
//! Weber & Janek 2019): sintering turns contacts into necks and densifies the packing,
//! raising the coordination above Z̄ = 6, so this model *underestimates* the connected
//! share of a well-sintered composite; it does not know about carbon or other
//! electronic additives (the electronic network is the active material alone), about
//! the finite thickness of thin electrodes (a few particle layers percolate more easily
//! than an infinite packing) or about particle-size distributions. A design that knows
//! better sets `cathode.connected_fraction`.

/// Mean coordination number of a random packing of monosized spheres (Hosokawa et al.
/// 2007, p. 232).
pub const MEAN_COORDINATION: f64 = 6.0;

/// Like-particle coordination at the percolation threshold (Bouvard & Lange 1991;
/// Hosokawa et al. 2007, eq. 4.4.1).
pub const THRESHOLD_COORDINATION: f64 = 1.764;

/// Like-particle coordination above which every particle of the phase is in the
/// spanning cluster (4.236 = 1.764 + 2.472 in eq. 4.4.1 of Hosokawa et al. 2007).
pub const FULL_COORDINATION: f64 = 4.236;

/// Share of the particles of a phase that belong to its spanning cluster, from their
/// like-particle coordination number `z_ii`:
///
/// P = [1 − ((4.236 − Z_ii)/2.472)^2.5]^0.4, 0 below Z_ii = 1.764, 1 above 4.236
///
/// (Bouvard & Lange 1991, in the form of Hosokawa et al. 2007, eq. 4.4.1).
pub fn percolation_probability(z_ii: f64) -> f64 {
    if z_ii.is_nan() || z_ii <= THRESHOLD_COORDINATION {
        return 0.0;
    }
    if z_ii >= FULL_COORDINATION {
        return 1.0;
    }
    let s = (FULL_COORDINATION - z_ii) / (FULL_COORDINATION - THRESHOLD_COORDINATION);
    (1.0 - s.powf(2.5)).max(0.0).powf(0.4)
}

/// Coordination numbers of a random packing of active (A) and garnet (E) spheres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coordination {
    /// Number fraction of active particles n_A.
    pub n_active: f64,
    /// Contacts of an active particle with other active particles, Z_AA.
    pub active_active: f64,
    /// Contacts of an active particle with garnet particles, Z_AE.
    pub active_garnet: f64,
    /// Contacts of a garnet particle with active particles, Z_EA.
    pub garnet_active: f64,
    /// Contacts of a garnet particle with other garnet particles, Z_EE.
    pub garnet_garnet: f64,
}

/// Coordination numbers of a random binary packing with solid-volume share
/// `share_active` of active material (the rest garnet), active radius `r_active` and
/// garnet radius `r_garnet` (m, or any common unit):
///
/// n_i = (φ_i/r_i³)/Σ_k(φ_k/r_k³), Z_i = 3 + (Z̄ − 3)·r_i²/Σ_k n_k r_k², Z_ij = n_j·Z_i·Z_j/Z̄
///
/// with Z̄ = 6 (see the module documentation for the sources and their status). The
/// relations count every contact from both sides: n_A·Z_AE = n_E·Z_EA, and
/// Z_AA + Z_AE = Z_A.
pub fn coordination(share_active: f64, r_active: f64, r_garnet: f64) -> Coordination {
    let phi_a = share_active.clamp(0.0, 1.0);
    let phi_e = 1.0 - phi_a;
    let (na_raw, ne_raw) = (phi_a / r_active.powi(3), phi_e / r_garnet.powi(3));
    let n_a = na_raw / (na_raw + ne_raw);
    let n_e = 1.0 - n_a;
    let mean_r2 = n_a * r_active * r_active + n_e * r_garnet * r_garnet;
    let z = MEAN_COORDINATION;
    let z_a = 3.0 + (z - 3.0) * r_active * r_active / mean_r2;
    let z_e = 3.0 + (z - 3.0) * r_garnet * r_garnet / mean_r2;
    Coordination {
        n_active: n_a,
        active_active: n_a * z_a * z_a / z,
        active_garnet: n_e * z_a * z_e / z,
        garnet_active: n_a * z_e * z_a / z,
        garnet_garnet: n_e * z_e * z_e / z,
    }
}

/// How much of the active material is connected to both networks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Connectivity {
    /// Coordination numbers of the packing.
    pub coordination: Coordination,
    /// Share of active particles in the electronic (active) spanning cluster, P_A.
    pub electronic: f64,
    /// Share of garnet particles in the ionic spanning cluster, P_E.
    pub garnet: f64,
    /// Probability that an active particle touches the ionic cluster through a bonded
    /// contact, 1 − (1 − P_E)^(f·Z_AE).
    pub ionic: f64,
    /// Connected (utilisable) share of the active material χ = P_A·ionic.
    pub connected: f64,
}

/// The connected share of the active material of a composite with active and garnet
/// volume fractions `eps_active`, `eps_garnet` (of the electrode; pores are ignored,
/// only the solid shares matter), particle radii `r_active`, `r_garnet`, and contact
/// fraction `contact` (the share of active–garnet contacts that are bonded):
///
/// χ = P_A·[1 − (1 − P_E)^(f·Z_AE)]
///
/// (see the module documentation). Zero, not NaN, below either threshold.
pub fn connectivity(
    eps_active: f64,
    eps_garnet: f64,
    r_active: f64,
    r_garnet: f64,
    contact: f64,
) -> Connectivity {
    let solid = eps_active + eps_garnet;
    let share = if solid > 0.0 { eps_active / solid } else { 0.0 };
    let c = coordination(share, r_active, r_garnet);
    let electronic = percolation_probability(c.active_active);
    let garnet = percolation_probability(c.garnet_garnet);
    let bonded = contact.clamp(0.0, 1.0) * c.active_garnet;
    let ionic = 1.0 - (1.0 - garnet).powf(bonded);
    Connectivity {
        coordination: c,
        electronic,
        garnet,
        ionic,
        connected: electronic * ionic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Eq. 4.4.1 of Hosokawa et al. 2007: P = 0 at Z = 1.764, 1 at 4.236, and the
    /// closed form between (Z = 3: [1 − 0.5^2.5]^0.4).
    #[test]
    fn percolation_probability_closed_form() {
        assert_eq!(percolation_probability(1.764), 0.0);
        assert_eq!(percolation_probability(1.0), 0.0);
        assert_eq!(percolation_probability(f64::NAN), 0.0);
        assert_eq!(percolation_probability(4.236), 1.0);
        assert_eq!(percolation_probability(6.0), 1.0);
        let p3 = (1.0 - 0.5_f64.powf(2.5)).powf(0.4);
        assert!((percolation_probability(3.0) - p3).abs() < 1e-15);
        let mut last = 0.0;
        for i in 0..=100 {
            let p = percolation_probability(1.764 + 2.472 * i as f64 / 100.0);
            assert!(p >= last && (0.0..=1.0).contains(&p), "{i}: {p}");
            last = p;
        }
    }

    /// Equal sizes: Z_i = Z̄ = 6 for both phases and Z_ii = 6·φ_i, so each phase
    /// percolates above a solid share of 1.764/6 = 0.294 (Bouvard & Lange's
    /// threshold for monosized spheres).
    #[test]
    fn monosized_packing_threshold_is_0_294() {
        let c = coordination(0.5, 1.0, 1.0);
        assert!((c.active_active - 3.0).abs() < 1e-12);
        assert!((c.active_garnet - 3.0).abs() < 1e-12);
        let threshold = THRESHOLD_COORDINATION / MEAN_COORDINATION;
        assert!((threshold - 0.294).abs() < 1e-12);
        let below = coordination(threshold - 1e-6, 1.0, 1.0);
        let above = coordination(threshold + 1e-3, 1.0, 1.0);
        assert_eq!(percolation_probability(below.active_active), 0.0);
        assert!(percolation_probability(above.active_active) > 0.0);
        // The garnet network of a composite with 70 % active solid: just above.
        let k = connectivity(0.7, 0.3 - 1e-9, 1.0, 1.0, 1.0);
        assert!(k.garnet > 0.0 && k.garnet < 0.3, "{k:?}");
        let k = connectivity(0.71, 0.29, 1.0, 1.0, 1.0);
        assert_eq!((k.garnet, k.ionic, k.connected), (0.0, 0.0, 0.0));
    }

    /// Contact bookkeeping: n_A·Z_AE = n_E·Z_EA, Z_AA + Z_AE = Z_A, and the number-
    /// weighted mean coordination is Z̄ for any size ratio.
    #[test]
    fn coordination_counts_each_contact_twice() {
        for (share, ra, re) in [(0.6, 2.5, 0.5), (0.3, 1.0, 4.0), (0.5, 1.0, 1.0)] {
            let c = coordination(share, ra, re);
            let n_e = 1.0 - c.n_active;
            assert!((c.n_active * c.active_garnet - n_e * c.garnet_active).abs() < 1e-12);
            let z_a = c.active_active + c.active_garnet;
            let z_e = c.garnet_active + c.garnet_garnet;
            let mean = c.n_active * z_a + n_e * z_e;
            assert!(
                (mean - MEAN_COORDINATION).abs() < 1e-12,
                "{share} {ra} {re}: {mean}"
            );
            // Z_i = 3 + 3·r_i²/⟨r²⟩.
            let mean_r2 = c.n_active * ra * ra + n_e * re * re;
            assert!((z_a - (3.0 + 3.0 * ra * ra / mean_r2)).abs() < 1e-12);
        }
    }

    /// Smaller garnet particles at the same volume share are more numerous: each
    /// active particle touches more of them, and the garnet network connects better
    /// (the size-ratio effect Bouvard & Lange describe).
    #[test]
    fn small_garnet_particles_touch_more_active_surface() {
        let equal = connectivity(0.6, 0.3, 2.5e-6, 2.5e-6, 1.0);
        let small = connectivity(0.6, 0.3, 2.5e-6, 0.5e-6, 1.0);
        assert!(small.coordination.active_garnet > equal.coordination.active_garnet);
        assert!(small.ionic > equal.ionic, "{small:?} vs {equal:?}");
    }

    /// More garnet connects more active material while the active network still spans
    /// (χ increasing in the garnet fraction from its threshold); fewer bonded contacts
    /// connect less (χ increasing in f); χ stays in [0, 1] and finite.
    #[test]
    fn connected_share_rises_with_garnet_and_contact() {
        let mut last = 0.0;
        for i in 0..=30 {
            let eps_e = 0.10 + 0.01 * i as f64;
            let k = connectivity(0.55, eps_e, 1.0, 1.0, 0.8);
            assert!(k.connected.is_finite() && (0.0..=1.0).contains(&k.connected));
            assert!(
                k.connected >= last,
                "ε_e = {eps_e}: {} < {last}",
                k.connected
            );
            last = k.connected;
        }
        assert!(last > 0.5);
        let mut last = 0.0;
        for i in 0..=10 {
            let k = connectivity(0.6, 0.3, 1.0, 1.0, i as f64 / 10.0);
            assert!(k.connected >= last);
            last = k.connected;
        }
        assert_eq!(connectivity(0.6, 0.3, 1.0, 1.0, 0.0).connected, 0.0);
    }
}
