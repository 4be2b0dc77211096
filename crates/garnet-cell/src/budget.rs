//! The stack of a design file, layer by layer, for the mass and energy budget of
//! [`crate::stack`]: which thickness and density each layer has and where each density
//! came from (the knowledge base, the design file, or an X-ray estimate).
//!
//! Layers, anode side first (per unit electrode area):
//! - anode current collector (omitted in a bipolar stack, where the cathode collector
//!   is the plate shared by neighbouring cells — §6.1 of Kurian et al. 2024);
//! - Li metal: `anode.thickness`, or the cathode's capacity times (1 + `anode.excess`)
//!   as Li: t = Q (1 + x) M_Li / (F ρ_Li);
//! - anode interlayer (`anode.interlayer` at `anode.interlayer_thickness`);
//! - garnet separator at `separator.relative_density` of the dense garnet;
//! - Li₂CO₃ layers when given;
//! - the artificial CEI on the particles: volume per area a·L·t (a = 3ε/R, or one
//!   film face for a thin film);
//! - the cathode composite: ρ = ε_am ρ_am + ε_e ρ_garnet (pores weigh nothing);
//! - cathode current collector.

use garnet_cite::Provenance;
use garnet_materials::{Material, MaterialDb};
use garnet_units::{constants::FARADAY, Dimension, Quantity};

use crate::schema::DesignFile;
use crate::stack::{budget, xray_density, Layer, LayerRole, StackBudget, StackInput};
use crate::{CellError, CellParams};

/// Formula units of garnet in the cubic cell (Ia-3d, Z = 8).
const GARNET_FORMULA_UNITS: f64 = 8.0;

/// The budget of a design, with where each density came from.
#[derive(Debug, Clone, PartialEq)]
pub struct DesignBudget {
    /// The figures.
    pub budget: StackBudget,
    /// Each layer with its density and the density's provenance.
    pub layers: Vec<(Layer, Provenance)>,
    /// Assumptions made for values the design does not give.
    pub warnings: Vec<String>,
}

struct Ctx<'a> {
    file: &'a str,
    db: &'a MaterialDb,
    warnings: Vec<String>,
}

impl<'a> Ctx<'a> {
    fn err(&self, field: &str, message: impl Into<String>) -> CellError {
        CellError::Field {
            file: self.file.to_string(),
            field: field.to_string(),
            message: message.into(),
        }
    }

    fn length(&self, field: &str, text: &Option<String>) -> Result<Option<f64>, CellError> {
        text.as_deref()
            .map(|t| {
                let v = Quantity::parse_as(field, t, Dimension::LENGTH)
                    .map_err(|e| self.err(field, crate::edit::without_field(e)))?
                    .value;
                if v >= 0.0 && v.is_finite() {
                    Ok(v)
                } else {
                    Err(self.err(field, format!("expected a thickness ≥ 0, got '{t}'")))
                }
            })
            .transpose()
    }

    fn material(&self, field: &str, name: &str) -> Result<&'a Material, CellError> {
        let db: &'a MaterialDb = self.db;
        db.get(name).map_err(|e| self.err(field, e.to_string()))
    }

    /// Density of a knowledge-base material, with its provenance.
    fn kb_density(&self, m: &Material) -> Option<(f64, Provenance)> {
        m.property("density")
            .map(|p| (p.value.representative().value, p.provenance.clone()))
    }

    /// Density of a garnet: the knowledge base's, else the X-ray density of its
    /// formula in the cubic cell of the first garnet with a lattice constant (LLZO),
    /// an estimate good to the doping's change of a (< 0.5 %, so ~1.5 % in ρ).
    fn garnet_density(&self, field: &str, m: &Material) -> Result<(f64, Provenance), CellError> {
        if let Some(d) = self.kb_density(m) {
            return Ok(d);
        }
        let molar_mass = m
            .parsed_formula
            .as_ref()
            .map(|f| f.molar_mass_g_per_mol() * 1e-3)
            .ok_or_else(|| {
                self.err(
                    field,
                    format!(
                        "no density and no formula for '{}'; give the density",
                        m.name
                    ),
                )
            })?;
        let (a, source) = [m.name.as_str(), "LLZO"]
            .iter()
            .filter_map(|n| self.db.get(n).ok())
            .find_map(|g| {
                g.property("lattice_parameter_a")
                    .map(|p| (p.value.representative().value, p.provenance.clone()))
            })
            .ok_or_else(|| self.err(field, "no lattice constant to estimate a density from"))?;
        let inputs = source.citations().into_iter().cloned().collect();
        Ok((
            xray_density(GARNET_FORMULA_UNITS, molar_mass, a),
            Provenance::Computed {
                method: format!(
                    "estimate: X-ray density 8M/(N_A a³) of {} with the cubic LLZO lattice \
                     constant (no measured density in the knowledge base)",
                    m.name
                ),
                inputs,
            },
        ))
    }

    /// Density of a coating or interlayer material; a missing density is assumed
    /// (the layers are nanometres thick, so the assumption moves the budget by
    /// far less than 0.1 %) and said.
    fn film_density(&mut self, field: &str, name: &str) -> Result<(f64, Provenance), CellError> {
        let m = self.material(field, name)?;
        if let Some(d) = self.kb_density(m) {
            return Ok(d);
        }
        let reason = format!(
            "estimate: no density for {name} in the knowledge base; 2.5 g/cm³ assumed \
             (typical of Li borates, oxides and fluorides)"
        );
        self.warnings.push(format!("{field}: {reason}"));
        Ok((2500.0, Provenance::Estimated { reason }))
    }

    fn collector(
        &self,
        field: &str,
        material: &Option<String>,
        default_material: &str,
        thickness_field: &str,
        thickness: &Option<String>,
        default_thickness: f64,
    ) -> Result<Option<(Layer, Provenance)>, CellError> {
        let name = material.as_deref().unwrap_or(default_material);
        if name.eq_ignore_ascii_case("none") {
            return Ok(None);
        }
        let m = self.material(field, name)?;
        let (rho, prov) = self
            .kb_density(m)
            .ok_or_else(|| self.err(field, format!("no density known for '{name}'")))?;
        let t = self
            .length(thickness_field, thickness)?
            .unwrap_or(default_thickness);
        Ok(Some((
            Layer {
                name: format!("{} current collector", m.name),
                role: LayerRole::CurrentCollector,
                thickness: t,
                density: rho,
            },
            prov,
        )))
    }
}

/// The stack of a design and its budget. `areal_capacity` (C/m²) and `mean_voltage`
/// (V) are those of the discharge the figures refer to (§6.1 asks for 1C).
pub fn design_budget(
    file: &str,
    d: &DesignFile,
    p: &CellParams,
    db: &MaterialDb,
    areal_capacity: f64,
    mean_voltage: f64,
) -> Result<DesignBudget, CellError> {
    let mut ctx = Ctx {
        file,
        db,
        warnings: Vec::new(),
    };
    let mut layers: Vec<(Layer, Provenance)> = Vec::new();
    let bipolar = d.stack.bipolar.unwrap_or(false);

    // Defaults: 10 µm Al and 6 µm Cu, common foil gauges of Li-ion cells (estimates).
    if !bipolar {
        if let Some(l) = ctx.collector(
            "stack.anode_current_collector",
            &d.stack.anode_current_collector,
            "Cu",
            "stack.anode_current_collector_thickness",
            &d.stack.anode_current_collector_thickness,
            6e-6,
        )? {
            layers.push(l);
        }
    }

    // Li metal.
    let li_field = "anode.material";
    let li = ctx.material(li_field, d.anode.material.as_deref().unwrap_or("Li"))?;
    let (rho_li, li_prov) = ctx
        .kb_density(li)
        .ok_or_else(|| ctx.err(li_field, "no density known for the anode metal"))?;
    let li_thickness = match (
        ctx.length("anode.thickness", &d.anode.thickness)?,
        d.anode.excess,
    ) {
        (Some(_), Some(_)) => {
            return Err(ctx.err(
                "anode.excess",
                "give anode.thickness or anode.excess, not both",
            ))
        }
        (Some(t), None) => t,
        (None, excess) => {
            let x = excess.unwrap_or_else(|| {
                ctx.warnings.push(
                    "anode.thickness: not given; Li sized to the cathode's capacity with no \
                     excess (anode.excess = 0), the lightest possible anode"
                        .to_string(),
                );
                0.0
            });
            if !(x >= 0.0 && x.is_finite()) {
                return Err(ctx.err("anode.excess", format!("expected a number ≥ 0, got {x}")));
            }
            let molar_mass = li
                .parsed_formula
                .as_ref()
                .map(|f| f.molar_mass_g_per_mol() * 1e-3)
                .ok_or_else(|| ctx.err(li_field, "anode metal has no formula"))?;
            areal_capacity * (1.0 + x) * molar_mass / (FARADAY * rho_li)
        }
    };
    layers.push((
        Layer {
            name: format!("{} metal", li.name),
            role: LayerRole::Anode,
            thickness: li_thickness,
            density: rho_li,
        },
        li_prov,
    ));

    // Anode interlayer.
    let ai_t = ctx.length("anode.interlayer_thickness", &d.anode.interlayer_thickness)?;
    match (&d.anode.interlayer, ai_t) {
        (Some(name), Some(t)) if name != "bare" => {
            let (rho, prov) = ctx.film_density("anode.interlayer", name)?;
            layers.push((
                Layer {
                    name: format!("{name} anode interlayer"),
                    role: LayerRole::AnodeInterlayer,
                    thickness: t,
                    density: rho,
                },
                prov,
            ));
        }
        (Some(name), None) if name != "bare" => ctx.warnings.push(format!(
            "anode.interlayer_thickness: not given; the {name} interlayer's mass is not counted"
        )),
        _ => {}
    }

    // Separator.
    let sep_name = d.separator.material.as_deref().unwrap_or("LLZO");
    let (rho_sep, sep_prov) = match &d.separator.density {
        Some(t) => (
            Quantity::parse_as("separator.density", t, Dimension::DENSITY)
                .map_err(|e| ctx.err("separator.density", crate::edit::without_field(e)))?
                .value,
            Provenance::Estimated {
                reason: "given in the design file".to_string(),
            },
        ),
        None => {
            let m = ctx.material("separator.material", sep_name)?;
            ctx.garnet_density("separator.material", m)?
        }
    };
    let rel = match d.separator.relative_density {
        Some(r) if r > 0.0 && r <= 1.0 => r,
        Some(r) => {
            return Err(ctx.err(
                "separator.relative_density",
                format!("expected a fraction in (0, 1], got {r}"),
            ))
        }
        None => {
            ctx.warnings.push(
                "separator.relative_density: not given; the separator is taken as fully dense"
                    .to_string(),
            );
            1.0
        }
    };
    let carbonate = |ctx: &mut Ctx, field: &str, t: &Option<String>, list: &mut Vec<_>| {
        if let Some(t) = ctx.length(field, t)? {
            let (rho, prov) = ctx.film_density(field, "Li2CO3")?;
            list.push((
                Layer {
                    name: "Li2CO3 surface layer".to_string(),
                    role: LayerRole::Separator,
                    thickness: t,
                    density: rho,
                },
                prov,
            ));
        }
        Ok::<(), CellError>(())
    };
    carbonate(
        &mut ctx,
        "separator.carbonate_anode_side",
        &d.separator.carbonate_anode_side,
        &mut layers,
    )?;
    layers.push((
        Layer {
            name: format!("{sep_name} separator"),
            role: LayerRole::Separator,
            thickness: p.l_sep,
            density: rel * rho_sep,
        },
        sep_prov,
    ));
    carbonate(
        &mut ctx,
        "separator.carbonate_cathode_side",
        &d.separator.carbonate_cathode_side,
        &mut layers,
    )?;

    // Artificial CEI on the particles (or on the film).
    if let (Some(name), Some(t)) = (
        &d.cathode.interlayer,
        ctx.length(
            "cathode.interlayer_thickness",
            &d.cathode.interlayer_thickness,
        )?,
    ) {
        let (rho, prov) = ctx.film_density("cathode.interlayer", name)?;
        // Every particle is coated, connected or not: the full active fraction.
        let faces = if p.thin_film {
            1.0
        } else {
            3.0 * p.eps_active / p.radius * p.l_cat
        };
        layers.push((
            Layer {
                name: format!("{name} cathode interlayer"),
                role: LayerRole::CathodeInterlayer,
                thickness: faces * t,
                density: rho,
            },
            prov,
        ));
    }

    // Cathode composite.
    let active_areal_mass = p.active_mass / p.area;
    let rho_active = active_areal_mass / (p.eps_active * p.l_cat);
    let mut parts = vec![(p.eps_active, rho_active)];
    let mut comp_prov = Provenance::Computed {
        method: "ε_am ρ_am + ε_e ρ_garnet (pores weigh nothing)".to_string(),
        inputs: Vec::new(),
    };
    if p.eps_electrolyte > 0.0 {
        let garnet = d
            .cathode
            .electrolyte_material
            .as_deref()
            .unwrap_or(sep_name);
        let m = ctx.material("cathode.electrolyte_material", garnet)?;
        let (rho_g, gp) = ctx.garnet_density("cathode.electrolyte_material", m)?;
        parts.push((p.eps_electrolyte, rho_g));
        if let Provenance::Computed { inputs, .. } = &mut comp_prov {
            inputs.extend(gp.citations().into_iter().cloned());
        }
    }
    layers.push((
        Layer {
            name: "cathode composite".to_string(),
            role: LayerRole::CathodeComposite,
            thickness: p.l_cat,
            density: crate::stack::mixture_density(&parts),
        },
        comp_prov,
    ));

    if let Some(l) = ctx.collector(
        "stack.cathode_current_collector",
        &d.stack.cathode_current_collector,
        "Al",
        "stack.cathode_current_collector_thickness",
        &d.stack.cathode_current_collector_thickness,
        10e-6,
    )? {
        layers.push(l);
    }

    let input = StackInput {
        layers: layers.iter().map(|(l, _)| l.clone()).collect(),
        areal_capacity,
        mean_voltage,
        active_mass: active_areal_mass,
    };
    let budget = budget(&input)?;
    Ok(DesignBudget {
        budget,
        layers,
        warnings: ctx.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::parse_design;

    const DESIGN: &str = r#"
name = "budget"
voltage_min = "3.6 V"
voltage_max = "4.25 V"
[separator]
material = "LLZTO"
thickness = "100 um"
relative_density = 0.95
[cathode]
material = "NMC811"
thickness = "50 um"
active_fraction = 0.6
electrolyte_fraction = 0.3
particle_radius = "5 um"
electronic_conductivity = "1 S/m"
interlayer = "LiNbO3"
interlayer_thickness = "10 nm"
[anode]
interface_resistance = "10 ohm cm2"
excess = 1.0
[stack]
cathode_current_collector_thickness = "12 um"
"#;

    fn run(text: &str) -> (DesignBudget, CellParams) {
        let db = MaterialDb::embedded().unwrap();
        let d = parse_design("t", text).unwrap();
        let p = crate::resolve("t", &d, &db).unwrap();
        // 3 mAh/cm² at 3.7 V
        let q = 3.0 * 3.6 * 1e4;
        (design_budget("t", &d, &p, &db, q, 3.7).unwrap(), p)
    }

    #[test]
    fn layers_by_hand() {
        let (b, p) = run(DESIGN);
        let by = |name: &str| {
            b.layers
                .iter()
                .find(|(l, _)| l.name == name)
                .unwrap_or_else(|| panic!("no layer {name}"))
                .0
                .clone()
        };
        // LLZTO has no measured density: X-ray estimate 8 M/(N_A a³) with
        // M = 889.40 g/mol and LLZO's a = 12.9727 Å → 5411.8 kg/m³, × 0.95.
        let sep = by("LLZTO separator");
        assert!(
            (sep.density - 0.95 * 5411.84).abs() < 1.0,
            "{}",
            sep.density
        );
        assert!((sep.thickness - 100e-6).abs() < 1e-12);
        // Li for 2 × 3 mAh/cm²: t = 2·Q·M/(F ρ) = 2·1.08e5·6.94e-3/(96485·534) = 29.1 µm
        let li = by("Li metal");
        let expect = 2.0 * 1.08e5 * 6.94e-3 / (96485.332 * 534.0);
        assert!(
            (li.thickness / expect - 1.0).abs() < 1e-3,
            "{}",
            li.thickness
        );
        // Composite: 0.6·ρ_NMC811 + 0.3·ρ_LLZTO (NMC811 4.75 g/cm³ in the knowledge base)
        let comp = by("cathode composite");
        let expect = 0.6 * 4750.0 + 0.3 * 5411.84;
        assert!(
            (comp.density / expect - 1.0).abs() < 1e-3,
            "{}",
            comp.density
        );
        // CEI: a·L·t = 3·0.6/5e-6 · 50e-6 · 10e-9 = 180 nm of LiNbO3 (4.3 g/cm³)
        let cei = by("LiNbO3 cathode interlayer");
        assert!((cei.thickness - 180e-9).abs() < 1e-12, "{}", cei.thickness);
        assert!((cei.density - 4300.0).abs() < 1e-9);
        // Collectors: 6 µm Cu (default) and the given 12 µm Al.
        assert!((by("Cu current collector").thickness - 6e-6).abs() < 1e-15);
        assert!((by("Al current collector").thickness - 12e-6).abs() < 1e-15);
        // Totals add up.
        let total: f64 = b.layers.iter().map(|(l, _)| l.thickness * l.density).sum();
        assert!((b.budget.areal_mass - total).abs() < 1e-12 * total.max(1.0));
        let active = p.active_mass / p.area;
        assert!((b.budget.inactive_mass_fraction - (1.0 - active / total)).abs() < 1e-12);
        assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    }

    #[test]
    fn bipolar_drops_the_anode_collector_and_defaults_warn() {
        let text = DESIGN
            .replace("relative_density = 0.95\n", "")
            .replace("excess = 1.0\n", "")
            .replace("[stack]\n", "[stack]\nbipolar = true\n");
        let (b, _) = run(&text);
        assert!(b
            .layers
            .iter()
            .all(|(l, _)| l.name != "Cu current collector"));
        assert_eq!(b.warnings.len(), 2, "{:?}", b.warnings);
        let (plain, _) = run(DESIGN);
        assert!(b.budget.specific_energy > plain.budget.specific_energy);
    }

    #[test]
    fn bad_values_name_the_field() {
        let db = MaterialDb::embedded().unwrap();
        for (from, to, field) in [
            (
                "relative_density = 0.95",
                "relative_density = 1.5",
                "separator.relative_density",
            ),
            (
                "excess = 1.0",
                "excess = 1.0\nthickness = \"20 um\"",
                "anode.excess",
            ),
            (
                "[stack]",
                "[stack]\ncathode_current_collector = \"Alu\"",
                "stack.cathode_current_collector",
            ),
            (
                "[stack]",
                "[stack]\nanode_current_collector_thickness = \"2 V\"",
                "stack.anode_current_collector_thickness",
            ),
        ] {
            let text = DESIGN.replace(from, to);
            let d = parse_design("t", &text).unwrap();
            let p = crate::resolve("t", &d, &db).unwrap();
            let e = design_budget("t", &d, &p, &db, 1e5, 3.7).unwrap_err();
            assert!(e.to_string().contains(field), "{field}: {e}");
        }
    }
}
