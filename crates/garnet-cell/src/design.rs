//! Cell design files (TOML with units) and their resolution into SI model parameters.
//!
//! The schema, with dotted field paths that sweeps and the Python API reuse, is
//! documented in `docs/design.md`. Resolution order for every parameter: a value in
//! the design file, else the materials knowledge base (with its provenance), else an
//! error naming the field.

use garnet_cite::{Citation, Provenance};
use garnet_materials::{
    ocv::{OcvCurve, OcvTable},
    physics::ConductivityModel,
    Kind, MaterialDb,
};
use garnet_units::{constants::ZERO_CELSIUS, Dimension, Quantity};

use crate::schema::DesignFile;
use crate::CellError;

/// Resolved model parameters, all SI, with the provenance of each.
#[derive(Debug, Clone, PartialEq)]
pub struct CellParams {
    /// Design name.
    pub name: String,
    /// Electrode area (m²).
    pub area: f64,
    /// Temperature (K).
    pub temperature: f64,
    /// Separator thickness (m).
    pub l_sep: f64,
    /// Separator ionic conductivity (S/m).
    pub sigma_sep: f64,
    /// Cathode thickness (m).
    pub l_cat: f64,
    /// Active-material volume fraction.
    pub eps_active: f64,
    /// Garnet volume fraction in the cathode.
    pub eps_electrolyte: f64,
    /// Effective ionic conductivity of the composite (S/m).
    pub sigma_e_eff: f64,
    /// Effective electronic conductivity of the composite (S/m).
    pub sigma_s_eff: f64,
    /// Particle radius (m).
    pub radius: f64,
    /// Maximum Li concentration (mol/m³).
    pub c_max: f64,
    /// Solid diffusivity at the cell temperature (m²/s).
    pub diffusivity: f64,
    /// Exchange-current density at x = 0.5 and the cell temperature (A/m²).
    pub j0_cathode: f64,
    /// Activation energy of the solid diffusivity (J per particle; 0: none).
    pub ea_diffusivity: f64,
    /// Activation energy of the cathode exchange-current density (J per particle).
    pub ea_kinetic: f64,
    /// Cathode double-layer capacitance (F/m² of particle surface).
    pub c_dl_cathode: f64,
    /// OCV curve.
    pub ocv: OcvCurve,
    /// Li|garnet exchange-current density (A/m²).
    pub j0_anode: f64,
    /// Li|garnet double-layer capacitance (F/m²).
    pub c_dl_anode: f64,
    /// Lower cut-off (V).
    pub v_min: f64,
    /// Upper cut-off (V).
    pub v_max: f64,
    /// Capacity that defines 1C (C).
    pub nominal_capacity: f64,
    /// Initial stoichiometry.
    pub x_init: f64,
    /// Stoichiometry at `v_max` (fully charged).
    pub x_charged: f64,
    /// Stoichiometry at `v_min` (fully discharged).
    pub x_discharged: f64,
    /// Active mass (kg).
    pub active_mass: f64,
    /// Mesh: separator, cathode, particle.
    pub mesh: (usize, usize, usize),
    /// Theoretical specific capacity of the cathode from its formula (C/kg), if known.
    pub theoretical_capacity: Option<f64>,
    /// Thin-film cathode (planar diffusion, one interface) instead of a composite.
    pub thin_film: bool,
    /// Share of the active surface in contact with the garnet.
    pub contact_fraction: f64,
    /// Resistance of the films in series with the cathode kinetics, per contact area
    /// (Ω m²): artificial CEI t/σ plus cathode-side Li₂CO₃ t/σ.
    pub film_resistance: f64,
    /// The artificial-CEI part of `film_resistance` (Ω m²).
    pub interlayer_resistance: f64,
    /// Series resistance at the Li|garnet interface per electrode area (Ω m²):
    /// reported or given interface resistance plus anode-side Li₂CO₃.
    pub anode_resistance: f64,
    /// Warnings raised while resolving (e.g. a conductivity without activation energy).
    pub warnings: Vec<String>,
    /// Solver tolerances (rtol, atol).
    pub tolerances: (f64, f64),
    /// Provenance of each parameter, by dotted field path.
    pub provenance: Vec<(String, Provenance)>,
}

impl CellParams {
    /// Specific interfacial area of the particles a = 3ε/R (1/m).
    ///
    /// For a thin film (one planar reacting face per film thickness L): a = ε/L.
    pub fn specific_area(&self) -> f64 {
        if self.thin_film {
            self.eps_active / self.radius
        } else {
            3.0 * self.eps_active / self.radius
        }
    }

    /// Current density (A/m²) of a C-rate.
    pub fn c_rate_to_current_density(&self, c_rate: f64) -> f64 {
        c_rate * self.nominal_capacity / 3600.0 / self.area
    }

    /// Li capacity of the cathode between the charged and discharged stoichiometries (C).
    pub fn stoichiometric_capacity(&self) -> f64 {
        garnet_units::constants::FARADAY
            * self.c_max
            * self.eps_active
            * self.l_cat
            * self.area
            * (self.x_discharged - self.x_charged)
    }
}

struct Ctx<'a> {
    file: &'a str,
    prov: Vec<(String, Provenance)>,
    warnings: Vec<String>,
}

/// Ionic conductivity of a knowledge-base material at `t` (S/m), with its provenance
/// recorded. Without an activation energy the value is used at every temperature and
/// a warning says so.
fn conductivity_at(
    ctx: &mut Ctx,
    field: &str,
    m: &garnet_materials::Material,
    t: f64,
) -> Result<f64, CellError> {
    match ConductivityModel::of(m) {
        Ok(model) => {
            for p in &model.provenance {
                ctx.prov.push((field.to_string(), p.clone()));
            }
            Ok(model.at(t))
        }
        Err(_) => {
            let p = m
                .property("ionic_conductivity")
                .or_else(|| m.property("bulk_conductivity"))
                .ok_or_else(|| {
                    ctx.err(
                        field,
                        format!(
                            "the knowledge base has no Li-ion conductivity for {}; give one",
                            m.name
                        ),
                    )
                })?;
            ctx.prov.push((field.to_string(), p.provenance.clone()));
            ctx.warnings.push(format!(
                "{field}: {} has no activation energy in the knowledge base; its conductivity is used at every temperature",
                m.name
            ));
            ctx.positive(field, p.value.representative().value)
        }
    }
}

impl Ctx<'_> {
    fn err(&self, field: &str, message: impl Into<String>) -> CellError {
        CellError::Field {
            file: self.file.to_string(),
            field: field.to_string(),
            message: message.into(),
        }
    }

    fn q(&self, field: &str, text: &str, dim: Dimension) -> Result<f64, CellError> {
        Quantity::parse_as(field, text, dim)
            .map(|q| q.value)
            .map_err(|e| self.err(field, crate::edit::without_field(e)))
    }

    fn given(
        &mut self,
        field: &str,
        text: &Option<String>,
        dim: Dimension,
    ) -> Result<Option<f64>, CellError> {
        match text {
            Some(t) => {
                let v = self.q(field, t, dim)?;
                self.prov.push((
                    field.to_string(),
                    Provenance::Estimated {
                        reason: "given in the design file".to_string(),
                    },
                ));
                Ok(Some(v))
            }
            None => Ok(None),
        }
    }

    fn positive(&self, field: &str, v: f64) -> Result<f64, CellError> {
        if v.is_finite() && v > 0.0 {
            Ok(v)
        } else {
            Err(self.err(field, format!("must be positive, got {v}")))
        }
    }

    /// A design value, or the knowledge-base property, or an error.
    fn value_or_kb(
        &mut self,
        field: &str,
        text: &Option<String>,
        dim: Dimension,
        material: &garnet_materials::Material,
        property: &str,
    ) -> Result<f64, CellError> {
        if let Some(v) = self.given(field, text, dim)? {
            return self.positive(field, v);
        }
        match material.property(property) {
            Some(p) => {
                self.prov.push((field.to_string(), p.provenance.clone()));
                self.positive(field, p.value.representative().value)
            }
            None => Err(self.err(
                field,
                format!("not given, and the knowledge base has no {property} for {}; set it in the design", material.name),
            )),
        }
    }
}

fn fraction(ctx: &Ctx, field: &str, v: f64) -> Result<f64, CellError> {
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(ctx.err(field, format!("must be between 0 and 1, got {v}")))
    }
}

/// An activation energy (J per particle): given in the design (an energy such as
/// "0.3 eV", or per mole such as "30 kJ/mol"), else the knowledge base's, else 0.
fn activation_energy(
    ctx: &mut Ctx,
    field: &str,
    text: &Option<String>,
    material: &garnet_materials::Material,
    property: &str,
) -> Result<f64, CellError> {
    let Some(t) = text else {
        return Ok(material.si(property).unwrap_or(0.0));
    };
    let molar = Dimension::ENERGY.mul(Dimension::AMOUNT.inv());
    let v = match Quantity::parse_as(field, t, Dimension::ENERGY) {
        Ok(q) => q.value,
        Err(e) => match Quantity::parse_as(field, t, molar) {
            Ok(q) => q.value / garnet_units::constants::AVOGADRO,
            Err(_) => return Err(ctx.err(field, crate::edit::without_field(e))),
        },
    };
    if !(v.is_finite() && v >= 0.0) {
        return Err(ctx.err(field, format!("must not be negative, got {t}")));
    }
    ctx.prov.push((
        field.to_string(),
        Provenance::Estimated {
            reason: "given in the design file".to_string(),
        },
    ));
    Ok(v)
}

/// Arrhenius factor exp(−Eₐ/R·(1/T − 1/T_ref)) for a kinetic or transport parameter.
fn arrhenius_factor(ea_j_per_particle: f64, t: f64, t_ref: f64) -> f64 {
    (-ea_j_per_particle / garnet_units::constants::BOLTZMANN * (1.0 / t - 1.0 / t_ref)).exp()
}

/// Resolve a design into model parameters, checking every field.
pub fn resolve(file: &str, d: &DesignFile, db: &MaterialDb) -> Result<CellParams, CellError> {
    let mut ctx = Ctx {
        file,
        prov: Vec::new(),
        warnings: Vec::new(),
    };
    if let Some(v) = d.version {
        if v != 1 {
            return Err(ctx.err(
                "version",
                format!("this garnet reads design version 1, the file says {v}"),
            ));
        }
    }
    let t_ref = ZERO_CELSIUS + 25.0;
    let temperature = match &d.temperature {
        Some(t) => ctx.q("temperature", t, Dimension::TEMPERATURE)?,
        None => t_ref,
    };
    if !(150.0..=700.0).contains(&temperature) {
        return Err(ctx.err(
            "temperature",
            format!("{:.1} K is outside 150–700 K", temperature),
        ));
    }
    let area = match &d.area {
        Some(a) => ctx.q("area", a, Dimension::AREA)?,
        None => 1e-4,
    };
    ctx.positive("area", area)?;

    // Cathode material and model data.
    let cat_field = "cathode.material";
    let cathode = db
        .get(&d.cathode.material)
        .map_err(|e| ctx.err(cat_field, e.to_string()))?;
    if cathode.kind != Kind::Cathode {
        return Err(ctx.err(
            cat_field,
            format!("{} is a {}, not a cathode", cathode.name, cathode.kind),
        ));
    }
    let c = &d.cathode;
    let thin_film = match c.structure.as_deref() {
        None | Some("composite") => false,
        Some("thin-film") => true,
        Some(other) => {
            return Err(ctx.err(
                "cathode.structure",
                format!("'{other}' is not a structure; expected composite or thin-film"),
            ))
        }
    };
    let (eps_active, eps_electrolyte) = if thin_film {
        if c.electrolyte_fraction.is_some_and(|v| v != 0.0) || c.particle_radius.is_some() {
            return Err(ctx.err(
                "cathode.structure",
                "a thin-film cathode has no particles or garnet fraction: remove particle_radius and electrolyte_fraction",
            ));
        }
        (
            fraction(
                &ctx,
                "cathode.active_fraction",
                c.active_fraction.unwrap_or(1.0),
            )?,
            0.0,
        )
    } else {
        let a = c.active_fraction.ok_or_else(|| {
            ctx.err(
                "cathode.active_fraction",
                "missing (volume fraction of active material)",
            )
        })?;
        let e = c.electrolyte_fraction.ok_or_else(|| {
            ctx.err(
                "cathode.electrolyte_fraction",
                "missing (volume fraction of garnet)",
            )
        })?;
        (
            fraction(&ctx, "cathode.active_fraction", a)?,
            fraction(&ctx, "cathode.electrolyte_fraction", e)?,
        )
    };
    if eps_active <= 0.0 {
        return Err(ctx.err("cathode.active_fraction", "must be above 0"));
    }
    if !thin_film && eps_electrolyte <= 0.0 {
        return Err(ctx.err(
            "cathode.electrolyte_fraction",
            "must be above 0 (the garnet network carries the ions)",
        ));
    }
    if eps_active + eps_electrolyte > 1.0 + 1e-12 {
        return Err(ctx.err(
            "cathode.active_fraction",
            format!(
                "active_fraction + electrolyte_fraction = {:.4} exceeds 1",
                eps_active + eps_electrolyte
            ),
        ));
    }
    let contact_fraction = c.contact_fraction.unwrap_or(1.0);
    if !(contact_fraction > 0.0 && contact_fraction <= 1.0) {
        return Err(ctx.err(
            "cathode.contact_fraction",
            format!("{contact_fraction}: expected a share of the surface in (0, 1]"),
        ));
    }
    let radius_given = match (&c.particle_radius, thin_film) {
        (Some(r), false) => {
            let v = ctx.q("cathode.particle_radius", r, Dimension::LENGTH)?;
            Some(ctx.positive("cathode.particle_radius", v)?)
        }
        (None, false) => {
            return Err(ctx.err("cathode.particle_radius", "missing (composite cathode)"))
        }
        (_, true) => None,
    };
    let c_max = ctx.value_or_kb(
        "cathode.max_concentration",
        &c.max_concentration,
        Dimension::CONCENTRATION,
        cathode,
        "max_li_concentration",
    )?;
    let d_ref = ctx.value_or_kb(
        "cathode.diffusivity",
        &c.diffusivity,
        Dimension::DIFFUSIVITY,
        cathode,
        "solid_diffusivity",
    )?;
    let j0_ref = ctx.value_or_kb(
        "cathode.exchange_current_density",
        &c.exchange_current_density,
        Dimension::CURRENT_DENSITY,
        cathode,
        "exchange_current_density",
    )?;
    let ea_d = activation_energy(
        &mut ctx,
        "cathode.diffusivity_activation_energy",
        &c.diffusivity_activation_energy,
        cathode,
        "diffusivity_activation_energy",
    )?;
    let ea_k = activation_energy(
        &mut ctx,
        "cathode.kinetic_activation_energy",
        &c.kinetic_activation_energy,
        cathode,
        "kinetic_activation_energy",
    )?;
    let diffusivity = d_ref * arrhenius_factor(ea_d, temperature, t_ref);
    let j0_cathode = j0_ref * arrhenius_factor(ea_k, temperature, t_ref);
    let c_dl_cathode = match &c.double_layer_capacitance {
        Some(t) => ctx.q(
            "cathode.double_layer_capacitance",
            t,
            Dimension::CAPACITANCE.mul(Dimension::AREA.inv()),
        )?,
        None => 0.0,
    };
    if c_dl_cathode < 0.0 {
        return Err(ctx.err("cathode.double_layer_capacitance", "must not be negative"));
    }
    let ocv = match (&c.ocv, &c.ocv_table) {
        (Some(_), Some(_)) => {
            return Err(ctx.err(
                "cathode.ocv_table",
                "give cathode.ocv (a built-in fit) or cathode.ocv_table, not both",
            ))
        }
        (None, Some(t)) => {
            let table = OcvTable::new(&t.stoichiometry, &t.voltage).map_err(|e| match e {
                garnet_materials::MaterialsError::OcvTable { array, message } => {
                    ctx.err(&format!("cathode.ocv_table.{array}"), message)
                }
                other => ctx.err("cathode.ocv_table", other.to_string()),
            })?;
            ctx.prov.push((
                "cathode.ocv".to_string(),
                Provenance::Estimated {
                    reason: "tabulated in the design file (cathode.ocv_table)".to_string(),
                },
            ));
            OcvCurve::Tabulated(table)
        }
        (Some(id), None) => OcvCurve::ALL
            .iter()
            .find(|o| o.id().eq_ignore_ascii_case(id))
            .cloned()
            .ok_or_else(|| {
                let ids: Vec<&str> = OcvCurve::ALL.iter().map(|o| o.id()).collect();
                ctx.err(
                    "cathode.ocv",
                    format!(
                        "unknown OCV curve '{id}'{}; known: {}",
                        garnet_units::suggest::closest_str(id, ids.iter().copied())
                            .map(|s| format!(" (did you mean '{s}'?)"))
                            .unwrap_or_default(),
                        ids.join(", ")
                    ),
                )
            })?,
        (None, None) => OcvCurve::ALL
            .iter()
            .find(|o| db.get(o.material()).is_ok_and(|m| m.name == cathode.name))
            .cloned()
            .ok_or_else(|| {
                ctx.err(
                    "cathode.ocv",
                    format!("no OCV curve is known for {}; name one", cathode.name),
                )
            })?,
    };
    for key in ocv.citation_keys() {
        ctx.prov.push((
            "cathode.ocv".to_string(),
            Provenance::Cited(Citation::new(*key, Some(ocv.id()))),
        ));
    }

    // Cut-offs and the stoichiometry window.
    let v_min = match &d.voltage_min {
        Some(v) => ctx.q("voltage_min", v, Dimension::VOLTAGE)?,
        None => ctx.value_or_kb(
            "voltage_min",
            &None,
            Dimension::VOLTAGE,
            cathode,
            "voltage_min",
        )?,
    };
    let v_max = match &d.voltage_max {
        Some(v) => ctx.q("voltage_max", v, Dimension::VOLTAGE)?,
        None => ctx.value_or_kb(
            "voltage_max",
            &None,
            Dimension::VOLTAGE,
            cathode,
            "voltage_max",
        )?,
    };
    if v_min >= v_max {
        return Err(ctx.err(
            "voltage_min",
            format!("{v_min} V is not below voltage_max {v_max} V"),
        ));
    }
    let (lo, hi) = ocv.valid_range();
    let (u_hi, u_lo) = (ocv.voltage(lo), ocv.voltage(hi));
    let x_discharged = ocv.stoichiometry_at(v_min).ok_or_else(|| {
        ctx.err(
            "voltage_min",
            format!(
                "{v_min} V is outside the OCV range of {} ({u_lo:.3}–{u_hi:.3} V)",
                ocv.id()
            ),
        )
    })?;
    let x_charged = ocv.stoichiometry_at(v_max).ok_or_else(|| {
        ctx.err(
            "voltage_max",
            format!(
                "{v_max} V is outside the OCV range of {} ({u_lo:.3}–{u_hi:.3} V)",
                ocv.id()
            ),
        )
    })?;
    let x_init = match (c.initial_stoichiometry, d.initial_soc) {
        (Some(_), Some(_)) => {
            return Err(ctx.err(
                "initial_soc",
                "give initial_soc or cathode.initial_stoichiometry, not both",
            ))
        }
        (Some(x), None) => {
            if !(lo..=hi).contains(&x) {
                return Err(ctx.err(
                    "cathode.initial_stoichiometry",
                    format!("{x} is outside the OCV curve's range {lo}–{hi}"),
                ));
            }
            x
        }
        (None, Some(s)) => {
            let s = fraction(&ctx, "initial_soc", s)?;
            x_discharged - s * (x_discharged - x_charged)
        }
        (None, None) => x_charged,
    };

    // Thickness or loading.
    let density = ctx.value_or_kb(
        "cathode.density",
        &c.density,
        Dimension::DENSITY,
        cathode,
        "density",
    );
    let l_cat = match (&c.thickness, &c.loading) {
        (Some(t), None) => {
            let l = ctx.q("cathode.thickness", t, Dimension::LENGTH)?;
            ctx.positive("cathode.thickness", l)?
        }
        (None, Some(m)) => {
            let loading = ctx.q("cathode.loading", m, Dimension::AREAL_MASS)?;
            ctx.positive("cathode.loading", loading)?;
            let rho = density.clone()?;
            loading / (rho * eps_active)
        }
        (Some(_), Some(_)) => {
            return Err(ctx.err("cathode.thickness", "give thickness or loading, not both"))
        }
        (None, None) => {
            return Err(ctx.err(
                "cathode.thickness",
                "missing: give cathode.thickness or cathode.loading",
            ))
        }
    };
    let active_mass = density
        .as_ref()
        .map_or(0.0, |rho| rho * eps_active * l_cat * area);
    let nominal_capacity = match &d.nominal_capacity {
        Some(q) => {
            let v = ctx.q("nominal_capacity", q, Dimension::CHARGE)?;
            ctx.positive("nominal_capacity", v)?
        }
        None => {
            let q = ctx.value_or_kb(
                "cathode.practical_capacity",
                &c.practical_capacity,
                Dimension::SPECIFIC_CAPACITY,
                cathode,
                "practical_capacity",
            )?;
            let m = density.map_err(|_| ctx.err("nominal_capacity", "not given, and the cathode density is unknown: give nominal_capacity or cathode.density"))?;
            q * m * eps_active * l_cat * area
        }
    };

    // A thin film is one planar "particle" as thick as the film.
    let radius = radius_given.unwrap_or(l_cat);

    // Electrolyte conductivities.
    let sep_material = d.separator.material.clone();
    let sigma_of = |ctx: &mut Ctx,
                    field: &str,
                    given: &Option<String>,
                    material: &Option<String>|
     -> Result<f64, CellError> {
        if let Some(v) = ctx.given(field, given, Dimension::CONDUCTIVITY)? {
            return ctx.positive(field, v);
        }
        let mat_field = field.replace("conductivity", "material");
        let name = material
            .clone()
            .ok_or_else(|| ctx.err(field, "give a conductivity or a garnet material"))?;
        let m = db
            .get(&name)
            .map_err(|e| ctx.err(&mat_field, e.to_string()))?;
        conductivity_at(ctx, field, m, temperature)
    };
    let l_sep = ctx.q(
        "separator.thickness",
        &d.separator.thickness,
        Dimension::LENGTH,
    )?;
    ctx.positive("separator.thickness", l_sep)?;
    let sigma_sep = sigma_of(
        &mut ctx,
        "separator.conductivity",
        &d.separator.conductivity,
        &sep_material,
    )?;
    let cat_garnet = c.electrolyte_material.clone().or(sep_material);
    let sigma_e = if thin_film {
        f64::INFINITY
    } else {
        sigma_of(
            &mut ctx,
            "cathode.electrolyte_conductivity",
            &c.electrolyte_conductivity,
            &cat_garnet,
        )?
    };
    let b = c.bruggeman.unwrap_or(1.5);
    if !(0.0..=10.0).contains(&b) {
        return Err(ctx.err(
            "cathode.bruggeman",
            format!("{b} is not a plausible exponent (0–10)"),
        ));
    }
    let sigma_s = match &c.electronic_conductivity {
        Some(t) => {
            let v = ctx.q(
                "cathode.electronic_conductivity",
                t,
                Dimension::CONDUCTIVITY,
            )?;
            ctx.positive("cathode.electronic_conductivity", v)?
        }
        None => ctx.value_or_kb(
            "cathode.electronic_conductivity",
            &None,
            Dimension::CONDUCTIVITY,
            cathode,
            "electronic_conductivity",
        )?,
    };
    let b_s = c.electronic_bruggeman.unwrap_or(b);
    // Bruggeman: σ_eff = σ·ε^b for each percolating phase. Electrons use all of the
    // solid that is not garnet (active material and any carbon/inert), as in PyBaMM,
    // whose electrode conductivity is scaled by (1 − porosity)^b.
    let (sigma_e_eff, sigma_s_eff) = if thin_film {
        // A dense film: no ionic path inside it (σ_e → ∞ removes the composite terms),
        // and all the current crosses the whole film electronically. The model puts the
        // single volume's reaction at its centre (drop ½·L·I/σ_s,eff), so σ_s,eff = σ/2
        // gives the film's full drop L·I/σ.
        (f64::INFINITY, 0.5 * sigma_s * eps_active.powf(b_s))
    } else {
        (
            sigma_e * eps_electrolyte.powf(b),
            sigma_s * (1.0 - eps_electrolyte).powf(b_s),
        )
    };

    // Films in series with the cathode kinetics: artificial CEI and surface Li2CO3.
    let interlayer_resistance = match (&c.interlayer, &c.interlayer_thickness) {
        (None, None) => {
            if c.interlayer_conductivity.is_some() {
                return Err(ctx.err(
                    "cathode.interlayer_conductivity",
                    "given without cathode.interlayer",
                ));
            }
            0.0
        }
        (Some(_), None) => {
            return Err(ctx.err(
                "cathode.interlayer_thickness",
                "missing: the thickness of the artificial CEI",
            ))
        }
        (None, Some(_)) => {
            return Err(ctx.err(
                "cathode.interlayer",
                "missing: which material the artificial CEI is",
            ))
        }
        (Some(name), Some(t)) => {
            let m = db
                .get(name)
                .map_err(|e| ctx.err("cathode.interlayer", e.to_string()))?;
            let thickness = ctx.q("cathode.interlayer_thickness", t, Dimension::LENGTH)?;
            ctx.positive("cathode.interlayer_thickness", thickness)?;
            let sigma = match ctx.given(
                "cathode.interlayer_conductivity",
                &c.interlayer_conductivity,
                Dimension::CONDUCTIVITY,
            )? {
                Some(v) => ctx.positive("cathode.interlayer_conductivity", v)?,
                None => {
                    conductivity_at(&mut ctx, "cathode.interlayer_conductivity", m, temperature)?
                }
            };
            thickness / sigma
        }
    };
    let carbonate = |ctx: &mut Ctx, field: &str, t: &Option<String>| -> Result<f64, CellError> {
        match t {
            None => Ok(0.0),
            Some(t) => {
                let thickness = ctx.q(field, t, Dimension::LENGTH)?;
                if thickness < 0.0 {
                    return Err(ctx.err(field, "must not be negative"));
                }
                if thickness == 0.0 {
                    return Ok(0.0);
                }
                let m = db
                    .get("Li2CO3")
                    .map_err(|e| ctx.err(field, e.to_string()))?;
                Ok(thickness / conductivity_at(ctx, field, m, temperature)?)
            }
        }
    };
    let carbonate_cathode = carbonate(
        &mut ctx,
        "separator.carbonate_cathode_side",
        &d.separator.carbonate_cathode_side,
    )?;
    let carbonate_anode = carbonate(
        &mut ctx,
        "separator.carbonate_anode_side",
        &d.separator.carbonate_anode_side,
    )?;
    let film_resistance = interlayer_resistance + carbonate_cathode;

    // Anode.
    let anode_name = d.anode.material.clone().unwrap_or_else(|| "Li".to_string());
    let anode = db
        .get(&anode_name)
        .map_err(|e| ctx.err("anode.material", e.to_string()))?;
    if anode.kind != Kind::Anode {
        return Err(ctx.err("anode.material", format!("{} is not an anode", anode.name)));
    }
    // The Li|garnet interfacial resistance: given, or reported for an anode interlayer
    // (§4). Without an exchange-current density it is the linearised kinetics
    // (j₀ = RT/(F·R)); with one it is an extra series resistance.
    let reported = match (&d.anode.interface_resistance, &d.anode.interlayer) {
        (Some(_), Some(_)) => {
            return Err(ctx.err(
                "anode.interface_resistance",
                "give interface_resistance or interlayer, not both",
            ))
        }
        (Some(r), None) => {
            let v = ctx.q(
                "anode.interface_resistance",
                r,
                Dimension::AREA_SPECIFIC_RESISTANCE,
            )?;
            Some(ctx.positive("anode.interface_resistance", v)?)
        }
        (None, Some(name))
            if name.eq_ignore_ascii_case("bare") || name.eq_ignore_ascii_case("none") =>
        {
            // No interlayer: the median of the bare Li|garnet resistances that the
            // anode-interlayer studies of the knowledge base report (§4).
            let mut bare: Vec<(f64, String)> = db
                .list(Some(Kind::AnodeInterlayer))
                .filter_map(|m| {
                    m.property("interfacial_resistance_bare")
                        .map(|p| (p.value.representative().value, m.name.clone()))
                })
                .collect();
            if bare.is_empty() {
                return Err(ctx.err(
                    "anode.interlayer",
                    "the knowledge base reports no bare Li|garnet resistance; give anode.interface_resistance",
                ));
            }
            bare.sort_by(|a, b| a.0.total_cmp(&b.0));
            let median = if bare.len() % 2 == 1 {
                bare[bare.len() / 2].0
            } else {
                0.5 * (bare[bare.len() / 2 - 1].0 + bare[bare.len() / 2].0)
            };
            let listing: Vec<String> = bare
                .iter()
                .map(|(v, n)| format!("{:.0} Ω cm² ({n} study)", v * 1e4))
                .collect();
            ctx.prov.push((
                "anode.interlayer".to_string(),
                Provenance::Estimated {
                    reason: format!(
                        "median of the bare Li|garnet resistances in the knowledge base: {}",
                        listing.join(", ")
                    ),
                },
            ));
            ctx.warnings.push(format!(
                "anode.interlayer = \"bare\": using {:.0} Ω cm², the median of {}; bare interfaces vary by orders of magnitude with surface treatment (§4), so give anode.interface_resistance if you know it",
                median * 1e4,
                listing.join(", ")
            ));
            Some(median)
        }
        (None, Some(name)) => {
            let m = db
                .get(name)
                .map_err(|e| ctx.err("anode.interlayer", e.to_string()))?;
            if m.kind != Kind::AnodeInterlayer {
                return Err(ctx.err(
                    "anode.interlayer",
                    format!("{} is a {}, not an anode interlayer", m.name, m.kind),
                ));
            }
            Some(ctx.value_or_kb(
                "anode.interlayer",
                &None,
                Dimension::AREA_SPECIFIC_RESISTANCE,
                m,
                "interfacial_resistance",
            )?)
        }
        (None, None) => None,
    };
    let given_j0 = ctx.given(
        "anode.exchange_current_density",
        &d.anode.exchange_current_density,
        Dimension::CURRENT_DENSITY,
    )?;
    let (j0_anode, anode_series) = match (given_j0, reported) {
        (Some(j0), r) => (ctx.positive("anode.exchange_current_density", j0)?, r.unwrap_or(0.0)),
        (None, Some(r)) => (garnet_units::constants::GAS * temperature / (garnet_units::constants::FARADAY * r), 0.0),
        (None, None) => {
            return Err(ctx.err(
                "anode.exchange_current_density",
                "missing: give the Li|garnet exchange-current density, anode.interface_resistance or anode.interlayer",
            ))
        }
    };
    let anode_resistance = anode_series + carbonate_anode;
    let c_dl_anode = match &d.anode.double_layer_capacitance {
        Some(t) => ctx.q(
            "anode.double_layer_capacitance",
            t,
            Dimension::CAPACITANCE.mul(Dimension::AREA.inv()),
        )?,
        None => 0.0,
    };

    let (n_sep, n_cat, n_r) = (
        d.mesh.separator,
        if thin_film { 2 } else { d.mesh.cathode },
        d.mesh.particle,
    );
    for (field, n) in [
        ("mesh.separator", n_sep),
        ("mesh.cathode", n_cat),
        ("mesh.particle", n_r),
    ] {
        if !(2..=2000).contains(&n) {
            return Err(ctx.err(field, format!("{n} control volumes: expected 2–2000")));
        }
    }
    for (field, v) in [
        ("solver.rtol", d.solver.rtol),
        ("solver.atol", d.solver.atol),
    ] {
        if !(v > 0.0 && v < 1.0) {
            return Err(ctx.err(field, format!("{v}: expected a tolerance between 0 and 1")));
        }
    }
    Ok(CellParams {
        name: d.name.clone().unwrap_or_else(|| file.to_string()),
        area,
        temperature,
        l_sep,
        sigma_sep,
        l_cat,
        eps_active,
        eps_electrolyte,
        sigma_e_eff,
        sigma_s_eff,
        radius,
        c_max,
        diffusivity,
        j0_cathode,
        ea_diffusivity: ea_d,
        ea_kinetic: ea_k,
        c_dl_cathode,
        ocv,
        j0_anode,
        c_dl_anode,
        v_min,
        v_max,
        nominal_capacity,
        x_init,
        x_charged,
        x_discharged,
        active_mass,
        mesh: (n_sep, if thin_film { 1 } else { n_cat }, n_r),
        theoretical_capacity: garnet_materials::physics::theoretical_capacity(cathode)
            .ok()
            .map(|(q, _)| q),
        thin_film,
        contact_fraction,
        film_resistance,
        interlayer_resistance,
        anode_resistance,
        warnings: std::mem::take(&mut ctx.warnings),
        tolerances: (d.solver.rtol, d.solver.atol),
        provenance: ctx.prov,
    })
}
