//! The list of layers in series with the cell ([`SeriesLayer`]): each resistance that
//! the model already counts in a series resistance, with its dielectric capacitance
//! (ε₀ε_r/t of the layer; module doc of [`super::grain`]), for the simulated spectrum.
//!
//! Listed: the separator's grain interiors and grain boundaries (their sum is
//! L_s/σ_sep) and the anode-side Li₂CO₃ (part of the anode's series resistance). The
//! cathode films (artificial CEI, cathode-side Li₂CO₃ on the particles) are not: in the
//! model they sit in each particle's faradaic branch, with the double layer across the
//! whole interface (C_dl ∥ (R_ct + R_f)), not in series with the cell; there a film
//! capacitance ε₀ε_r/t below C_dl is short-circuited by the double layer first, and a
//! film arc of its own needs the film as a node in front of the double layer
//! (`docs/model.md`).

use garnet_materials::MaterialDb;
use garnet_units::Dimension;

use super::context::Ctx;
use super::grain;
use super::separator::{relative_permittivity, Separator};
use crate::design::{SeriesLayer, SeriesLayerKind};
use crate::schema::SeparatorFile;
use crate::CellError;

/// The series layers of a design: the separator's bulk and grain boundaries, and the
/// anode-side Li₂CO₃ of resistance `carbonate_anode` (Ω m²) when there is one.
pub(crate) fn series_layers(
    ctx: &mut Ctx,
    sep: &Separator,
    s: &SeparatorFile,
    db: &MaterialDb,
    carbonate_anode: f64,
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
    if carbonate_anode > 0.0 {
        let field = "separator.carbonate_anode_side";
        if let Some(text) = &s.carbonate_anode_side {
            let t = ctx.q(field, text, Dimension::LENGTH)?;
            let m = db.get("Li2CO3").ok();
            let (eps, estimated) = relative_permittivity(ctx, field, None, m)?;
            layers.push(SeriesLayer {
                kind: SeriesLayerKind::CarbonateAnodeSide,
                resistance: carbonate_anode,
                capacitance: grain::slab_capacitance(eps, t),
                permittivity_estimated: estimated,
            });
        }
    }
    Ok(layers)
}
