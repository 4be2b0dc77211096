//! Resolution of a design file into SI model parameters, one layer at a time.
//!
//! Every resolver takes its part of the [`DesignFile`] and the knowledge base, checks
//! each field (an error names the dotted field), and records where each value came
//! from in the shared [`context::Ctx`]. [`resolve`] calls them in a fixed order —
//! cell, temperature, cathode (material, structure, rates, OCV window, size),
//! separator, the composite's conductivities, films, anode, mesh and solver — which
//! is the order of the provenance and warnings in [`CellParams`] and of the checks
//! (the first bad field is the one reported).
//!
//! | module | fields |
//! |---|---|
//! | [`stack`] | `version`, `area`, `[mesh]`, `[solver]` |
//! | [`temperature`] | `temperature`; σ(T) of knowledge-base conductors; D and j₀ at T |
//! | [`cathode`] | `[cathode]` material, structure, fractions, rates, size, conductivities |
//! | [`window`] | `cathode.ocv`/`ocv_table`, `voltage_min`/`max`, initial state |
//! | [`separator`] | `[separator]` thickness and conductivity |
//! | [`interlayer`] | `cathode.interlayer*` (artificial CEI), `separator.carbonate_*` (Li₂CO₃) |
//! | [`anode`] | `[anode]` |

mod anode;
mod cathode;
mod context;
pub(crate) mod electronic;
mod interlayer;
mod separator;
mod stack;
mod temperature;
mod window;

use garnet_materials::MaterialDb;

use crate::design::CellParams;
use crate::schema::{DesignFile, Structure};
use crate::CellError;
use context::Ctx;

/// Resolve a design into model parameters, checking every field.
pub fn resolve(file: &str, d: &DesignFile, db: &MaterialDb) -> Result<CellParams, CellError> {
    let mut ctx = Ctx::new(file);
    stack::version(&ctx, d)?;
    let temperature = temperature::cell_temperature(&ctx, &d.temperature)?;
    let area = stack::area(&ctx, d)?;

    // Cathode material and model data.
    let cathode = cathode::material(&ctx, &d.cathode, db)?;
    let structure = d.cathode.structure.unwrap_or_default();
    let thin_film = structure == Structure::ThinFilm;
    let fractions = cathode::fractions(&ctx, &d.cathode, structure)?;
    let rates = cathode::rates(&mut ctx, &d.cathode, cathode)?;
    let diffusivity =
        temperature::at_temperature(rates.diffusivity, rates.ea_diffusivity, temperature);
    let j0_cathode = temperature::at_temperature(rates.j0, rates.ea_kinetic, temperature);
    let c_dl_cathode = cathode::double_layer(&ctx, &d.cathode)?;
    let ocv = window::ocv(&mut ctx, &d.cathode, cathode, db)?;
    let w = window::window(&mut ctx, d, cathode, &ocv)?;
    let size = cathode::size(&mut ctx, d, cathode, fractions.active, area)?;
    // A thin film is one planar "particle" as thick as the film.
    let radius = fractions.radius.unwrap_or(size.thickness);

    // Electrolyte conductivities.
    let sep = separator::separator(&mut ctx, &d.separator, db, temperature)?;
    let conductivities = cathode::conductivities(
        &mut ctx,
        &d.cathode,
        cathode,
        db,
        structure,
        &fractions,
        &d.separator.material,
        temperature,
        w.x_init,
    )?;
    let (sigma_e_eff, sigma_s_eff) = (conductivities.sigma_e_eff, conductivities.sigma_s_eff);

    // Films in series with the cathode kinetics: artificial CEI and surface Li2CO3.
    let interlayer_resistance = interlayer::artificial_cei(&mut ctx, &d.cathode, db, temperature)?;
    let carbonate_cathode = interlayer::carbonate(
        &mut ctx,
        db,
        "separator.carbonate_cathode_side",
        &d.separator.carbonate_cathode_side,
        temperature,
    )?;
    let carbonate_anode = interlayer::carbonate(
        &mut ctx,
        db,
        "separator.carbonate_anode_side",
        &d.separator.carbonate_anode_side,
        temperature,
    )?;
    let film_resistance = interlayer_resistance + carbonate_cathode;

    let anode = anode::anode(&mut ctx, &d.anode, db, temperature)?;
    let anode_resistance = anode.series_resistance + carbonate_anode;

    let mesh = stack::mesh(&mut ctx, d, thin_film)?;
    let tolerances = stack::tolerances(&ctx, d)?;
    Ok(CellParams {
        name: d.name.clone().unwrap_or_else(|| file.to_string()),
        area,
        temperature,
        l_sep: sep.thickness,
        sigma_sep: sep.conductivity,
        l_cat: size.thickness,
        eps_active: fractions.active,
        eps_electrolyte: fractions.electrolyte,
        sigma_e_eff,
        sigma_s_eff,
        radius,
        c_max: rates.c_max,
        diffusivity,
        j0_cathode,
        ea_diffusivity: rates.ea_diffusivity,
        ea_kinetic: rates.ea_kinetic,
        c_dl_cathode,
        ocv,
        j0_anode: anode.j0,
        c_dl_anode: anode.c_dl,
        v_min: w.v_min,
        v_max: w.v_max,
        nominal_capacity: size.nominal_capacity,
        x_init: w.x_init,
        x_charged: w.x_charged,
        x_discharged: w.x_discharged,
        active_mass: size.active_mass,
        mesh,
        theoretical_capacity: garnet_materials::physics::theoretical_capacity(cathode)
            .ok()
            .map(|(q, _)| q),
        thin_film,
        contact_fraction: fractions.contact,
        film_resistance,
        interlayer_resistance,
        anode_resistance,
        warnings: std::mem::take(&mut ctx.warnings),
        tolerances,
        provenance: ctx.prov,
        sigma_s_eff_table: conductivities.sigma_s_eff_table,
        carbon_fraction: fractions.carbon,
    })
}
