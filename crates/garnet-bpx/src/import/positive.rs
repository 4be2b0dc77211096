//! `Parameterisation.Positive electrode`: geometry, porosity and transport
//! efficiency, conductivity, concentration and stoichiometry window, and the
//! active-material fraction garnet reads from the surface area per volume.

use crate::json::Owned;
use crate::BpxError;

/// The positive electrode's geometry and window, in BPX's terms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Geometry {
    /// Thickness (m).
    pub(super) thickness: f64,
    /// Particle radius R (m).
    pub(super) radius: f64,
    /// Surface area per unit volume a (1/m).
    pub(super) area_per_volume: f64,
    /// Porosity ε (read as the garnet volume fraction).
    pub(super) porosity: f64,
    /// Transport efficiency τ.
    pub(super) tau: f64,
    /// Effective electronic conductivity (S/m).
    pub(super) sigma_s: f64,
    /// Maximum concentration (mol/m³).
    pub(super) c_max: f64,
    /// Minimum stoichiometry (charged).
    pub(super) x_min: f64,
    /// Maximum stoichiometry (discharged).
    pub(super) x_max: f64,
}

/// A blended positive electrode (`Particle` sub-sections) is refused.
pub(super) fn single_material(pos: &Owned) -> Result<(), BpxError> {
    if pos.opt("Particle")?.is_some() {
        return Err(BpxError::Unsupported {
            path: format!("{}.Particle", pos.path),
            message: "a blended positive electrode (several active materials); garnet models one active material".to_string(),
        });
    }
    Ok(())
}

/// The geometry and stoichiometry window, each value checked.
pub(super) fn geometry(pos: &Owned) -> Result<Geometry, BpxError> {
    let thickness = pos.positive("Thickness [m]")?;
    let radius = pos.positive("Particle radius [m]")?;
    let area_per_volume = pos.positive("Surface area per unit volume [m-1]")?;
    let porosity = pos.fraction("Porosity", false)?;
    let tau = pos.fraction("Transport efficiency", false)?;
    let sigma_s = pos.positive("Conductivity [S.m-1]")?;
    let c_max = pos.positive("Maximum concentration [mol.m-3]")?;
    let x_min = pos.fraction("Minimum stoichiometry", false)?;
    let x_max = pos.fraction("Maximum stoichiometry", false)?;
    if x_min >= x_max {
        return Err(BpxError::Value {
            path: format!("{}.Minimum stoichiometry", pos.path),
            message: format!("{x_min} is not below the maximum stoichiometry {x_max}"),
        });
    }
    Ok(Geometry {
        thickness,
        radius,
        area_per_volume,
        porosity,
        tau,
        sigma_s,
        c_max,
        x_min,
        x_max,
    })
}

/// The active-material volume fraction: a·R/3 for spheres, a·R for garnet's thin
/// film (a = ε/L, R = L); with the porosity it must not exceed 1, and a composite
/// needs a porosity (garnet fraction) in (0, 1) and a positive transport efficiency.
pub(super) fn active_fraction(pos: &Owned, g: &Geometry, thin_film: bool) -> Result<f64, BpxError> {
    let (a, radius, porosity, tau) = (g.area_per_volume, g.radius, g.porosity, g.tau);
    let active_fraction = if thin_film {
        a * radius
    } else {
        a * radius / 3.0
    };
    if !(active_fraction > 0.0 && active_fraction + porosity <= 1.0 + 1e-9) {
        return Err(BpxError::Value {
            path: format!("{}.Surface area per unit volume [m-1]", pos.path),
            message: format!(
                "gives an active volume fraction a·R/3 = {active_fraction:.4}, which with porosity {porosity} exceeds 1"
            ),
        });
    }
    if !thin_film && (porosity <= 0.0 || porosity >= 1.0 || tau <= 0.0) {
        return Err(BpxError::Value {
            path: format!("{}.Porosity", pos.path),
            message: format!(
                "{porosity} (transport efficiency {tau}): a garnet composite needs a garnet fraction in (0, 1) and a positive transport efficiency"
            ),
        });
    }
    Ok(active_fraction)
}

#[cfg(test)]
pub(super) mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::{json, Value};

    /// A positive electrode: 70 µm, R = 5 µm, a = 3·0.6/R, porosity 0.3.
    pub(in crate::import) fn electrode() -> Value {
        json!({"Positive electrode": {
            "Thickness [m]": 70e-6,
            "Particle radius [m]": 5e-6,
            "Surface area per unit volume [m-1]": 3.0 * 0.6 / 5e-6,
            "Porosity": 0.3,
            "Transport efficiency": 0.3_f64.powf(1.5),
            "Conductivity [S.m-1]": 0.18,
            "Maximum concentration [mol.m-3]": 48000.0,
            "Minimum stoichiometry": 0.25,
            "Maximum stoichiometry": 0.9,
            "Reaction rate constant [mol.m-2.s-1]": 3e-11,
            "Diffusivity [m2.s-1]": 4e-15,
            "OCP [V]": "4.2 - x",
        }})
    }

    #[test]
    fn geometry_and_active_fraction_as_given() {
        let doc = electrode();
        let pos = Owned::root(&doc).get("Positive electrode").unwrap();
        single_material(&pos).unwrap();
        let g = geometry(&pos).unwrap();
        assert_eq!((g.thickness, g.radius, g.porosity), (70e-6, 5e-6, 0.3));
        assert_eq!((g.x_min, g.x_max, g.c_max), (0.25, 0.9, 48000.0));
        let eps = active_fraction(&pos, &g, false).unwrap();
        assert!((eps - 0.6).abs() < 1e-12, "a·R/3 = {eps}");
        let film = Geometry {
            area_per_volume: 0.9 / 5e-6,
            porosity: 0.0,
            tau: 0.0,
            ..g
        };
        let eps = active_fraction(&pos, &film, true).unwrap();
        assert!((eps - 0.9).abs() < 1e-12, "a·R = {eps}");
    }

    #[test]
    fn bad_electrodes_name_the_path() {
        let cases: [(&str, Value, &str); 4] = [
            ("Particle radius [m]", json!(-1.0), "Particle radius [m]"),
            ("Porosity", json!(1.5), "Porosity"),
            (
                "Minimum stoichiometry",
                json!(0.95),
                "Minimum stoichiometry",
            ),
            ("Thickness [m]", json!("thick"), "Thickness [m]"),
        ];
        for (key, value, path) in cases {
            let mut doc = electrode();
            doc["Positive electrode"][key] = value;
            let pos = Owned::root(&doc).get("Positive electrode").unwrap();
            let e = geometry(&pos).unwrap_err();
            assert!(
                e.to_string()
                    .starts_with(&format!("Positive electrode.{path}")),
                "{e}"
            );
        }
        let mut doc = electrode();
        doc["Positive electrode"]["Surface area per unit volume [m-1]"] = json!(1e6);
        let pos = Owned::root(&doc).get("Positive electrode").unwrap();
        let e = active_fraction(&pos, &geometry(&pos).unwrap(), false).unwrap_err();
        assert!(
            e.to_string().contains("Surface area per unit volume"),
            "{e}"
        );
        let mut doc = electrode();
        doc["Positive electrode"]["Particle"] = json!({});
        let pos = Owned::root(&doc).get("Positive electrode").unwrap();
        assert!(matches!(
            single_material(&pos),
            Err(BpxError::Unsupported { .. })
        ));
    }
}
