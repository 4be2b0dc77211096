//! Mass and volume budget of a cell stack per unit electrode area, and the design-level
//! figures built on it.
//!
//! The review's §6.1 targets (Kurian et al., RSC Appl. Interfaces 2024, `kurian2024`)
//! ask for a cathode composite delivering up to 500 Wh/kg against a lithium anode and
//! for the inactive mass and volume of the stack to be kept small (bipolar stacking,
//! where one collector serves two cells, is named as a way to do it). This module turns
//! layer thicknesses and densities into those figures; it knows no materials, so the
//! caller resolves densities (and says where they came from).
//!
//! Equations, per unit area A of electrode (SI throughout):
//! - areal mass of a layer: m = ρ t, with ρ the layer's density as built
//!   (a porous layer: its relative density times the dense value; a composite:
//!   [`mixture_density`]);
//! - areal energy: E = Q V̄ (Q areal capacity in C/m², V̄ mean discharge voltage);
//! - cathode composite specific energy against Li: E / m_cathode composite;
//! - stack specific energy E / Σm and energy density E / Σt;
//! - inactive mass share 1 − m_active / Σm;
//! - current density at 1C: Q / (3600 s).

use crate::error::CellError;

/// What a layer does in the stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerRole {
    /// Lithium metal, including its excess.
    Anode,
    /// Interlayer between Li and the garnet.
    AnodeInterlayer,
    /// Garnet separator.
    Separator,
    /// Artificial CEI between the garnet and the cathode.
    CathodeInterlayer,
    /// Cathode composite: active material, garnet, additives and pores.
    CathodeComposite,
    /// Current collector foil (one shared foil per cell in a bipolar stack).
    CurrentCollector,
}

/// One layer of the stack.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// Name shown in reports (e.g. "LLZTO separator").
    pub name: String,
    /// What the layer does.
    pub role: LayerRole,
    /// Thickness (m).
    pub thickness: f64,
    /// Density of the layer as built (kg/m³), pores included.
    pub density: f64,
}

/// A stack to budget: its layers, how much charge it stores and at what voltage.
#[derive(Debug, Clone, PartialEq)]
pub struct StackInput {
    /// Layers in order from anode collector to cathode collector.
    pub layers: Vec<Layer>,
    /// Areal capacity (C/m²).
    pub areal_capacity: f64,
    /// Mean discharge voltage (V).
    pub mean_voltage: f64,
    /// Areal mass of cathode active material (kg/m²).
    pub active_mass: f64,
}

/// One layer's share of the budget.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerBudget {
    /// Layer name.
    pub name: String,
    /// What the layer does.
    pub role: LayerRole,
    /// Thickness (m), which is also its volume per area (m³/m²).
    pub thickness: f64,
    /// Areal mass (kg/m²).
    pub areal_mass: f64,
}

/// The design-level figures of a stack.
#[derive(Debug, Clone, PartialEq)]
pub struct StackBudget {
    /// Each layer's thickness and mass.
    pub layers: Vec<LayerBudget>,
    /// Total areal mass (kg/m²).
    pub areal_mass: f64,
    /// Total thickness (m).
    pub thickness: f64,
    /// Areal energy (J/m²).
    pub areal_energy: f64,
    /// Specific energy of the cathode composite against Li (J/kg); `None` without a
    /// cathode composite layer.
    pub cathode_specific_energy: Option<f64>,
    /// Specific energy of the stack (J/kg).
    pub specific_energy: f64,
    /// Energy density of the stack (J/m³).
    pub energy_density: f64,
    /// Share of the stack's mass that is not cathode active material (0–1).
    pub inactive_mass_fraction: f64,
    /// Current density at 1C (A/m²).
    pub current_density_1c: f64,
}

/// Density of a mixture from volume fractions: ρ = Σ φᵢ ρᵢ, pores (1 − Σφᵢ) weighing
/// nothing. Each pair is (volume fraction, density in kg/m³).
pub fn mixture_density(parts: &[(f64, f64)]) -> f64 {
    parts.iter().map(|(phi, rho)| phi * rho).sum()
}

/// Avogadro constant (1/mol), exact in the 2019 SI.
const AVOGADRO: f64 = 6.022_140_76e23;

/// Crystallographic (X-ray) density of a cubic crystal: ρ = Z M / (N_A a³), with Z
/// formula units of molar mass M (kg/mol) in a cell of edge a (m). Cubic garnet
/// (space group Ia-3d, the review's §2.1) holds Z = 8 formula units of Li₇La₃Zr₂O₁₂
/// per cell (Buschmann et al. 2011, `buschmann2011`, a = 12.9727 Å).
pub fn xray_density(formula_units: f64, molar_mass: f64, lattice_constant: f64) -> f64 {
    formula_units * molar_mass / (AVOGADRO * lattice_constant.powi(3))
}

fn field(name: &str, what: &str, message: String) -> CellError {
    CellError::Field {
        file: "stack".to_string(),
        field: format!("{name}.{what}"),
        message,
    }
}

/// Budget a stack (equations in the module documentation).
pub fn budget(input: &StackInput) -> Result<StackBudget, CellError> {
    if input.layers.is_empty() {
        return Err(field("stack", "layers", "no layers given".to_string()));
    }
    let positive = |name: &str, what: &str, v: f64, zero_ok: bool| {
        if v.is_finite() && (v > 0.0 || (zero_ok && v == 0.0)) {
            Ok(())
        } else {
            Err(field(
                name,
                what,
                format!("expected a positive number, got {v}"),
            ))
        }
    };
    let mut layers = Vec::with_capacity(input.layers.len());
    for l in &input.layers {
        positive(&l.name, "thickness", l.thickness, false)?;
        positive(&l.name, "density", l.density, false)?;
        layers.push(LayerBudget {
            name: l.name.clone(),
            role: l.role,
            thickness: l.thickness,
            areal_mass: l.thickness * l.density,
        });
    }
    positive("stack", "areal_capacity", input.areal_capacity, false)?;
    positive("stack", "mean_voltage", input.mean_voltage, false)?;
    positive("stack", "active_mass", input.active_mass, true)?;
    let areal_mass: f64 = layers.iter().map(|l| l.areal_mass).sum();
    let thickness: f64 = layers.iter().map(|l| l.thickness).sum();
    if input.active_mass > areal_mass {
        return Err(field(
            "stack",
            "active_mass",
            format!(
                "{} kg/m² of active material is more than the whole stack ({areal_mass} kg/m²)",
                input.active_mass
            ),
        ));
    }
    let cathode_mass: f64 = layers
        .iter()
        .filter(|l| l.role == LayerRole::CathodeComposite)
        .map(|l| l.areal_mass)
        .sum();
    let areal_energy = input.areal_capacity * input.mean_voltage;
    Ok(StackBudget {
        cathode_specific_energy: (cathode_mass > 0.0).then(|| areal_energy / cathode_mass),
        specific_energy: areal_energy / areal_mass,
        energy_density: areal_energy / thickness,
        inactive_mass_fraction: 1.0 - input.active_mass / areal_mass,
        current_density_1c: input.areal_capacity / 3600.0,
        layers,
        areal_mass,
        thickness,
        areal_energy,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use approx::assert_relative_eq;

    fn layer(name: &str, role: LayerRole, thickness_um: f64, density: f64) -> Layer {
        Layer {
            name: name.to_string(),
            role,
            thickness: thickness_um * 1e-6,
            density,
        }
    }

    /// A stack worked by hand: 20 µm Li (534 kg/m³), 50 µm garnet at 5100 kg/m³ and
    /// 95 % relative density, 60 µm cathode composite of 60 vol% LiCoO₂ (5050 kg/m³)
    /// and 30 vol% garnet (5100 kg/m³) with 10 % pores, 10 µm Al (2700 kg/m³);
    /// 3 mAh/cm² at 3.8 V.
    fn hand_stack() -> StackInput {
        let composite = mixture_density(&[(0.6, 5050.0), (0.3, 5100.0)]);
        StackInput {
            layers: vec![
                layer("Li", LayerRole::Anode, 20.0, 534.0),
                layer("garnet", LayerRole::Separator, 50.0, 0.95 * 5100.0),
                layer("cathode", LayerRole::CathodeComposite, 60.0, composite),
                layer("Al", LayerRole::CurrentCollector, 10.0, 2700.0),
            ],
            // 3 mAh/cm² = 30 Ah/m² = 108 000 C/m².
            areal_capacity: 108_000.0,
            mean_voltage: 3.8,
            // 60 µm × 0.6 × 5050 kg/m³.
            active_mass: 60e-6 * 0.6 * 5050.0,
        }
    }

    #[test]
    fn mixture_density_by_hand() {
        // 0.6 × 5050 + 0.3 × 5100 = 3030 + 1530 = 4560 kg/m³.
        assert_relative_eq!(
            mixture_density(&[(0.6, 5050.0), (0.3, 5100.0)]),
            4560.0,
            max_relative = 1e-12
        );
    }

    #[test]
    fn stack_budget_matches_hand_calculation() {
        let b = budget(&hand_stack()).unwrap();
        // Areal masses (kg/m²): Li 0.01068, garnet 0.24225, cathode 0.2736, Al 0.027.
        let masses: Vec<f64> = b.layers.iter().map(|l| l.areal_mass).collect();
        for (got, want) in masses.iter().zip([0.01068, 0.24225, 0.2736, 0.027]) {
            assert_relative_eq!(*got, want, max_relative = 1e-12);
        }
        assert_relative_eq!(b.areal_mass, 0.55353, max_relative = 1e-12);
        assert_relative_eq!(b.thickness, 140e-6, max_relative = 1e-12);
        // E = 108 000 C/m² × 3.8 V = 410 400 J/m² = 114 Wh/m².
        assert_relative_eq!(b.areal_energy / 3600.0, 114.0, max_relative = 1e-12);
        // Cathode composite: 114 / 0.2736 = 416.67 Wh/kg.
        assert_relative_eq!(
            b.cathode_specific_energy.unwrap() / 3600.0,
            114.0 / 0.2736,
            max_relative = 1e-12
        );
        // Stack: 114 / 0.55353 = 205.95 Wh/kg; 114 Wh/m² / 140 µm = 814.3 Wh/L.
        assert_relative_eq!(b.specific_energy / 3600.0, 205.951, max_relative = 1e-5);
        assert_relative_eq!(
            b.energy_density / 3600.0 / 1000.0,
            814.286,
            max_relative = 1e-5
        );
        // Active LiCoO₂ 0.1818 kg/m² of 0.55353: 67.16 % inactive.
        assert_relative_eq!(
            b.inactive_mass_fraction,
            1.0 - 0.1818 / 0.55353,
            max_relative = 1e-12
        );
        // 1C = 30 A/m² = 3 mA/cm².
        assert_relative_eq!(b.current_density_1c, 30.0, max_relative = 1e-12);
    }

    #[test]
    fn removing_a_collector_raises_specific_energy_by_its_mass_share() {
        // Bipolar stacking shares collectors: without the Al foil the stack's Wh/kg
        // rises by exactly the ratio of the masses.
        let with = budget(&hand_stack()).unwrap();
        let mut input = hand_stack();
        input.layers.pop();
        let without = budget(&input).unwrap();
        assert_relative_eq!(
            without.specific_energy / with.specific_energy,
            0.55353 / (0.55353 - 0.027),
            max_relative = 1e-12
        );
        assert_eq!(
            with.cathode_specific_energy,
            without.cathode_specific_energy
        );
    }

    #[test]
    fn cubic_llzo_xray_density_matches_the_knowledge_base() {
        // Buschmann 2011's a = 12.9727 Å, Z = 8, M = 839.74 g/mol: by hand
        // 8 × 0.83974 / (6.02214076e23 × (12.9727e-10)³) = 5110.0 kg/m³, the value in
        // data/materials/electrolytes.toml (5.110 g/cm³).
        let rho = xray_density(8.0, 0.839_74, 12.9727e-10);
        assert_relative_eq!(rho, 5110.0, max_relative = 1e-4);
    }

    #[test]
    fn bad_layers_name_the_field() {
        let mut input = hand_stack();
        input.layers[1].thickness = -1.0;
        let e = budget(&input).unwrap_err().to_string();
        assert!(e.contains("garnet.thickness"), "{e}");
        let mut input = hand_stack();
        input.active_mass = 10.0;
        let e = budget(&input).unwrap_err().to_string();
        assert!(e.contains("active_mass"), "{e}");
        let input = StackInput {
            layers: vec![],
            ..hand_stack()
        };
        assert!(budget(&input).is_err());
    }
}
