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
//! | [`kinetics`] | `cathode.kinetics`, `cathode.exchange_current_density` and its Eₐ (solid-state or liquid defaults) |
//! | [`window`] | `cathode.ocv`/`ocv_table`, `voltage_min`/`max`, initial state |
//! | [`separator`] | `[separator]` thickness and conductivity |
//! | [`grain`] | `separator.grain_*`, `relative_permittivity`: brick layer, capacitances |
//! | [`layers`] | the series layers (R, C) of the spectrum |
//! | [`interlayer`] | `cathode.interlayer*` (artificial CEI), `separator.carbonate_*` (Li₂CO₃) |
//! | [`air`] | `separator.air_exposure`, `air_humidity`, `surface_treatment` (Li₂CO₃ thickness) |
//! | [`anode`] | `[anode]` |
//! | [`contact`] | `cathode.connected_fraction`, `electrolyte_particle_radius`, `contact_spot_radius` |

mod air;
mod anode;
mod cathode;
mod contact;
mod context;
pub(crate) mod electronic;
mod grain;
mod interlayer;
mod kinetics;
mod layers;
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
    let rates = cathode::rates(&mut ctx, &d.cathode, cathode, temperature)?;
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

    // Films: the artificial CEI in series with the cathode kinetics; surface Li2CO3
    // (given, or grown in air) on the separator's faces or the particles.
    let interlayer_resistance = interlayer::artificial_cei(&mut ctx, &d.cathode, db, temperature)?;
    let (co3_cathode, co3_anode) = air::carbonate_thicknesses(&mut ctx, &d.separator)?;
    let carbonate_cathode = interlayer::carbonate_layer(
        &mut ctx,
        db,
        "separator.carbonate_cathode_side",
        co3_cathode,
        temperature,
    )?;
    let carbonate_anode = interlayer::carbonate_layer(
        &mut ctx,
        db,
        "separator.carbonate_anode_side",
        co3_anode,
        temperature,
    )?;
    let (carbonate_particles, cathode_face_resistance) = interlayer::cathode_carbonate_placement(
        d.separator.carbonate_cathode_location,
        thin_film,
        carbonate_cathode,
    );
    let film_resistance = interlayer_resistance + carbonate_particles;

    // Contact beyond its area: connected share (percolation) and constriction.
    let rho_garnet = if thin_film {
        1.0 / sep.conductivity
    } else {
        // σ_e,eff = σ·ε^b (cathode::conductivities): the garnet's own σ at T.
        let b = d.cathode.bruggeman.unwrap_or(1.5);
        fractions.electrolyte.powf(b) / sigma_e_eff
    };
    let contact = contact::contact(
        &mut ctx,
        &d.cathode,
        &contact::ContactInputs {
            thin_film,
            fractions: &fractions,
            radius,
            rho_garnet,
        },
    )?;

    let anode = anode::anode(&mut ctx, &d.anode, db, temperature)?;
    let anode_resistance = anode.series_resistance + carbonate_anode;

    let series_layers = layers::series_layers(
        &mut ctx,
        &sep,
        db,
        &layers::CarbonateFaces {
            cathode: (co3_cathode, cathode_face_resistance),
            anode: (co3_anode, carbonate_anode),
        },
    )?;

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
        connected_fraction: contact.connected_fraction,
        constriction_resistance: contact.constriction,
        contact_spot_radius: contact.spot_radius,
        contact_diffusion_factor: contact.diffusion_factor,
        warnings: std::mem::take(&mut ctx.warnings),
        tolerances,
        provenance: ctx.prov,
        series_layers,
        cathode_face_resistance,
        anode_interface_model: anode.model,
        anode_interface_resistance: anode.interface_resistance,
        ea_anode_interface: anode.ea,
        sigma_s_eff_table: conductivities.sigma_s_eff_table,
        carbon_fraction: fractions.carbon,
    })
}
