//! The list of layers in series with the cell ([`SeriesLayer`]): each resistance that
//! the model already counts in a series resistance, with its dielectric capacitance
//! (ε₀ε_r/t of the layer; module doc of [`super::grain`]), for the simulated spectrum.
//!
//! Listed: the separator's grain interiors and grain boundaries (their sum is
//! L_s/σ_sep), the anode-side Li₂CO₃ (part of the anode's series resistance) and the
//! Li₂CO₃ on the separator's cathode face (`cathode_face_resistance`). The ohmic
//! Li|garnet interface is not: its double layer is a state of the model already. The
//! cathode films (artificial CEI, cathode-side Li₂CO₃ on the particles) are not: in the
//! model they sit in each particle's faradaic branch, with the double layer across the
//! whole interface (C_dl ∥ (R_ct + R_f)), not in series with the cell; there a film
//! capacitance ε₀ε_r/t below C_dl is short-circuited by the double layer first, and a
//! film arc of its own needs the film as a node in front of the double layer
//! (`docs/model.md`).

use garnet_materials::MaterialDb;

use super::context::Ctx;
use super::grain;
use super::separator::{relative_permittivity, Separator};
use crate::design::{SeriesLayer, SeriesLayerKind};
use crate::CellError;

/// A Li₂CO₃ film of `thickness` (m) and resistance `resistance` (Ω m² of electrode) in
/// series with the cell, with its capacitance ε₀ε_r/t.
fn carbonate_film(
    ctx: &mut Ctx,
    db: &MaterialDb,
    field: &str,
    kind: SeriesLayerKind,
    thickness: f64,
    resistance: f64,
) -> Result<SeriesLayer, CellError> {
    let m = db.get("Li2CO3").ok();
    let (eps, estimated) = relative_permittivity(ctx, field, None, m)?;
    Ok(SeriesLayer {
        kind,
        resistance,
        capacitance: grain::slab_capacitance(eps, thickness),
        permittivity_estimated: estimated,
    })
}

/// Li₂CO₃ layers in series with the cell: thickness (m, given or grown in air) and
/// resistance per electrode area (Ω m²) on each face of the separator; a resistance of
/// 0 means the layer is not in series with the cell (absent, or on the particles).
pub(crate) struct CarbonateFaces {
    /// Cathode face: (thickness, series resistance).
    pub(crate) cathode: (Option<f64>, f64),
    /// Anode face: (thickness, series resistance).
    pub(crate) anode: (Option<f64>, f64),
}

/// The series layers of a design: the separator's bulk and grain boundaries, and the
/// Li₂CO₃ on either separator face where it is in series with the cell.
pub(crate) fn series_layers(
    ctx: &mut Ctx,
    sep: &Separator,
    db: &MaterialDb,
    carbonate: &CarbonateFaces,
) -> Result<Vec<SeriesLayer>, CellError> {
    let mut layers = vec![SeriesLayer {
        kind: SeriesLayerKind::SeparatorBulk,
        resistance: sep.bulk_resistance,
        capacitance: sep.bulk_capacitance,
        permittivity_estimated: sep.permittivity_estimated,
    }];
    if sep.grain_boundary_resistance > 0.0 {
        layers.push(SeriesLayer {
            kind: SeriesLayerKind::SeparatorGrainBoundary,
            resistance: sep.grain_boundary_resistance,
            capacitance: sep.grain_boundary_capacitance,
            permittivity_estimated: sep.permittivity_estimated,
        });
    }
    for (field, kind, (thickness, resistance)) in [
        (
            "separator.carbonate_cathode_side",
            SeriesLayerKind::CarbonateCathodeFace,
            carbonate.cathode,
        ),
        (
            "separator.carbonate_anode_side",
            SeriesLayerKind::CarbonateAnodeSide,
            carbonate.anode,
        ),
    ] {
        if let (Some(t), true) = (thickness, resistance > 0.0) {
            layers.push(carbonate_film(ctx, db, field, kind, t, resistance)?);
        }
    }
    Ok(layers)
}
