//! Closed-form limits of the model, used to test it.

use garnet_units::constants::{FARADAY, GAS};

use crate::CellParams;

/// Porous-electrode resistance per area (Ω m²) with linear kinetics and uniform
/// properties — Newman & Tobias, J. Electrochem. Soc. 109 (1962) 1183; Newman &
/// Thomas-Alyea, *Electrochemical Systems*, 3rd ed., §22.3:
///
/// R = L/(κ+σ)·[1 + (2 + (κ/σ + σ/κ)·cosh ν)/(ν·sinh ν)],  ν = L·√(a/R_ct·(1/κ + 1/σ)),
///
/// with L the thickness, κ and σ the effective ionic and electronic conductivities,
/// a the specific area and R_ct the charge-transfer resistance per particle area.
pub fn newman_tobias(l: f64, kappa: f64, sigma: f64, a: f64, r_ct: f64) -> f64 {
    let nu = l * (a / r_ct * (1.0 / kappa + 1.0 / sigma)).sqrt();
    // Written with 1/sinh and coth so that large ν (fast kinetics) does not overflow.
    let inv_sinh = if nu > 700.0 { 0.0 } else { 1.0 / nu.sinh() };
    let coth = 1.0 / nu.tanh();
    l / (kappa + sigma) * (1.0 + (2.0 * inv_sinh + (kappa / sigma + sigma / kappa) * coth) / nu)
}

/// Linearised Butler–Volmer charge-transfer resistance R_ct = RT/(F·j₀) (Ω m²) for
/// j = 2·j₀·sinh(Fη/2RT).
pub fn charge_transfer_resistance(j0: f64, temperature: f64) -> f64 {
    GAS * temperature / (FARADAY * j0)
}

/// The model's low-current resistance per electrode area (Ω m²) at stoichiometry x:
/// Li interface (R_ct = RT/(F·j₀,a), which for an ohmic interface is R_a) + series
/// resistances at the anode and on the separator's cathode face + separator +
/// composite cathode (Newman–Tobias).
pub fn low_current_resistance(p: &CellParams, x: f64) -> f64 {
    let j0 = 2.0 * p.j0_cathode * (x * (1.0 - x)).sqrt();
    let r_ct = charge_transfer_resistance(j0, p.temperature);
    let r_li = charge_transfer_resistance(p.j0_anode, p.temperature);
    r_li + p.anode_resistance
        + p.l_sep / p.sigma_sep
        + p.cathode_face_resistance
        + newman_tobias(
            p.l_cat,
            p.sigma_e_eff,
            p.sigma_s_eff,
            p.specific_area(),
            r_ct,
        )
}

/// Single-particle limit (fast solid diffusion, high conductivities): the voltage at
/// time t of a constant-current discharge of density I from stoichiometry x₀:
///
/// x(t) = x₀ + I·t/(F·c_max·ε_am·χ·L) (χ the connected share),
/// V = U(x) − (2RT/F)·asinh(I/(2·a·L·j₀(x))) − η_Li − I·(L_s/σ_sep + R_s,a + R_face),
/// η_Li = (2RT/F)·asinh(I/(2·j₀,Li)) for a kinetic Li|garnet interface and I·R_a for an
/// ohmic one.
pub fn single_particle_voltage(p: &CellParams, current: f64, x0: f64, t: f64) -> f64 {
    let x = x0 + current * t / (FARADAY * p.c_max * p.reacting_fraction() * p.l_cat);
    let j0 = 2.0 * p.j0_cathode * (x * (1.0 - x)).sqrt();
    let k = 2.0 * GAS * p.temperature / FARADAY;
    let eta_li = match p.anode_interface_model {
        crate::InterfaceModel::Ohmic => current * p.anode_interface_resistance,
        crate::InterfaceModel::Kinetic => k * (current / (2.0 * p.j0_anode)).asinh(),
    };
    p.ocv.voltage(x)
        - k * (current / (2.0 * p.specific_area() * p.l_cat * j0)).asinh()
        - eta_li
        - current * (p.l_sep / p.sigma_sep + p.anode_resistance + p.cathode_face_resistance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newman_tobias_limits() {
        // Slow kinetics (ν → 0): R → R_ct/(aL) + L/(3(κ+σ))·(…) ≈ R_ct/(aL) dominates.
        let r = newman_tobias(1e-4, 0.01, 10.0, 1e5, 1e3);
        assert!((r - 1e3 / (1e5 * 1e-4)).abs() / r < 0.01, "{r}");
        // Fast kinetics (ν ≫ σ/κ + κ/σ): R → L/(κ+σ), the two phases in parallel.
        let r = newman_tobias(1e-4, 1.0, 2.0, 1e5, 1e-30);
        assert!((r - 1e-4 / 3.0).abs() / r < 0.01, "{r}");
        // Poor electronic conduction (σ → 0 … here σ ≪ κ): the reaction moves to the
        // collector and R → L/σ·(…) stays finite.
        assert!(newman_tobias(1e-4, 1.0, 1e-3, 1e5, 1e-3).is_finite());
    }
}
