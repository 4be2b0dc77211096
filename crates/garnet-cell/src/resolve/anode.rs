//! The Li-metal anode and its interface with the garnet: an ohmic interface
//! resistance (given, or reported for an anode interlayer, §4) or Butler–Volmer
//! kinetics with an exchange-current density, their temperature law, and the
//! interface's double layer.
//!
//! Issue 14 item 3. A reported Li|garnet ASR is mostly contact and constriction
//! resistance (current crowding through the spots where Li touches the garnet), not
//! charge transfer, so it is ohmic by default: j = Δφ_a/R_a. The old behaviour turned
//! R into linearised Butler–Volmer kinetics, j₀ = RT/(F·R): its apparent resistance
//! η/I = (2RT/F)·asinh(I·R·F/(2RT))/I falls with current (950 Ω cm² at 0.2 mA/cm²
//! gave η = 0.10 V instead of I·R = 0.19 V). `anode.interface_model = "kinetic"`
//! without an exchange-current density keeps that old form for comparison.

use garnet_cite::Provenance;
use garnet_materials::physics::{arrhenius_factor, ActivationEnergy};
use garnet_materials::{Kind, Material, MaterialDb};
use garnet_units::constants::{ELEMENTARY_CHARGE, FARADAY, GAS, ZERO_CELSIUS};
use garnet_units::Dimension;

use super::context::Ctx;
use super::temperature::{at_temperature, T_REF};
use crate::schema::{AnodeFile, InterfaceModel};
use crate::CellError;

/// Default activation energy of the Li|garnet interface resistance, 0.32 eV per
/// particle: an ESTIMATE. No measured Arrhenius energy of the Li|LLZO interfacial
/// resistance was found in the sources at hand. A contact-dominated ASR is a
/// constriction resistance R ∝ 1/σ_garnet (Holm: R = 1/(2σa) per spot of radius a),
/// so it inherits the garnet's Eₐ; 0.32 eV is the middle of the cubic-garnet range
/// 0.30–0.34 eV of Kurian et al. 2024 §2.1.
pub(crate) const ESTIMATED_INTERFACE_EA_EV: f64 = 0.32;

/// The resolved Li|garnet interface.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Anode {
    /// Exchange-current density at the cell temperature (A/m²); for an ohmic
    /// interface its small-signal equivalent RT/(F·R_a).
    pub(crate) j0: f64,
    /// Series resistance per electrode area (Ω m²), without any anode-side Li₂CO₃:
    /// a resistance given beside an exchange-current density.
    pub(crate) series_resistance: f64,
    /// Double-layer capacitance (F/m²).
    pub(crate) c_dl: f64,
    /// Ohmic or kinetic.
    pub(crate) model: InterfaceModel,
    /// Ohmic interface resistance R_a at the cell temperature (Ω m²); 0 when kinetic.
    pub(crate) interface_resistance: f64,
    /// Activation energy (J per particle).
    pub(crate) ea: f64,
}

/// `[anode]` at temperature `t` (K).
///
/// * `ohmic` (default when `interface_resistance` or `interlayer` is given without
///   an exchange-current density): j = Δφ_a/R_a(T).
/// * `kinetic` with `exchange_current_density` (default when it is given):
///   Butler–Volmer with j₀(T); a resistance given as well is in series.
/// * `kinetic` without one: the linearised form j₀ = RT/(F·R_a(T)) of older versions.
///
/// Temperature law (Arrhenius in the rate, the same Eₐ for both forms):
/// R_a(T) = R_a(25 °C)·exp(Eₐ/k_B·(1/T − 1/T_ref)), j₀(T) = j₀(25 °C)·exp(−Eₐ/k_B·(1/T
/// − 1/T_ref)), T_ref = 25 °C: values in the design file are at 25 °C like every rate
/// of the schema, and the knowledge base's interlayer resistances were measured at
/// room temperature (their locators).
pub(crate) fn anode(
    ctx: &mut Ctx,
    a: &AnodeFile,
    db: &MaterialDb,
    t: f64,
) -> Result<Anode, CellError> {
    let anode_name = a.material.clone().unwrap_or_else(|| "Li".to_string());
    let anode = db
        .get(&anode_name)
        .map_err(|e| ctx.err("anode.material", e.to_string()))?;
    if anode.kind != Kind::Anode {
        return Err(ctx.err("anode.material", format!("{} is not an anode", anode.name)));
    }
    // A solid-state cell needs a solid anode: Li melts at 180.5 °C (CRC Handbook,
    // the knowledge base's `melting_point`, with its source).
    if let Some(t_melt) = anode.si("melting_point") {
        if t >= t_melt {
            return Err(ctx.err(
                "temperature",
                format!(
                    "{:.1} °C: the {} anode melts at {:.1} °C (melting_point of the knowledge base); a solid-state cell with this anode must stay below it",
                    t - ZERO_CELSIUS,
                    anode.name,
                    t_melt - ZERO_CELSIUS
                ),
            ));
        }
    }
    // The resistance and the temperature it was measured (or is given) at.
    let reported = interface_resistance(ctx, a, db)?;
    let given_j0 = ctx.given(
        "anode.exchange_current_density",
        &a.exchange_current_density,
        Dimension::CURRENT_DENSITY,
    )?;
    let model = match (a.interface_model, given_j0, reported) {
        (Some(m), _, _) => m,
        (None, Some(_), _) => InterfaceModel::Kinetic,
        (None, None, Some(_)) => InterfaceModel::Ohmic,
        (None, None, None) => {
            return Err(ctx.err(
                "anode.exchange_current_density",
                "missing: give the Li|garnet exchange-current density, anode.interface_resistance or anode.interlayer",
            ))
        }
    };
    let ea = interface_activation_energy(ctx, a, anode, t, reported.map(|(_, tm)| tm))?;
    // Rates scale by f = exp(−Eₐ/k_B·(1/T − 1/T_ref)), resistances by 1/f, each from
    // the temperature of its value (25 °C for design values).
    let rate_factor = at_temperature(1.0, ea, t);
    let reported = reported.map(|(r, tm)| {
        r / arrhenius_factor(ActivationEnergy::PerParticle(ea), t, tm) * rate_factor
    });
    let (j0, series_resistance, interface_resistance) = match (model, given_j0, reported) {
        (InterfaceModel::Ohmic, Some(_), _) => {
            return Err(ctx.err(
                "anode.exchange_current_density",
                "given with anode.interface_model = \"ohmic\": an ohmic interface has no exchange current; remove one of them",
            ))
        }
        (InterfaceModel::Ohmic, None, None) => {
            return Err(ctx.err(
                "anode.interface_resistance",
                "missing: an ohmic Li|garnet interface needs anode.interface_resistance or anode.interlayer",
            ))
        }
        (InterfaceModel::Ohmic, None, Some(r)) => {
            let r_t = r / rate_factor;
            (GAS * t / (FARADAY * r_t), 0.0, r_t)
        }
        (InterfaceModel::Kinetic, Some(j0), r) => (
            ctx.positive("anode.exchange_current_density", j0)? * rate_factor,
            r.unwrap_or(0.0) / rate_factor,
            0.0,
        ),
        (InterfaceModel::Kinetic, None, Some(r)) => {
            (GAS * t / (FARADAY * r / rate_factor), 0.0, 0.0)
        }
        (InterfaceModel::Kinetic, None, None) => {
            return Err(ctx.err(
                "anode.exchange_current_density",
                "missing: kinetic Li|garnet interface needs the exchange-current density (or anode.interface_resistance for its linearised form)",
            ))
        }
    };
    let c_dl = match &a.double_layer_capacitance {
        Some(text) => ctx.q(
            "anode.double_layer_capacitance",
            text,
            Dimension::CAPACITANCE.mul(Dimension::AREA.inv()),
        )?,
        None => 0.0,
    };
    Ok(Anode {
        j0,
        series_resistance,
        c_dl,
        model,
        interface_resistance,
        ea,
    })
}

/// `anode.interface_activation_energy` (J per particle), or the estimate
/// [`ESTIMATED_INTERFACE_EA_EV`] with its provenance, and a warning where it changes
/// the result (a cell temperature other than 25 °C).
fn interface_activation_energy(
    ctx: &mut Ctx,
    a: &AnodeFile,
    anode: &Material,
    t: f64,
    t_measured: Option<f64>,
) -> Result<f64, CellError> {
    const FIELD: &str = "anode.interface_activation_energy";
    if a.interface_activation_energy.is_some() {
        return ctx.activation_energy(
            FIELD,
            &a.interface_activation_energy,
            anode,
            "interface_activation_energy",
        );
    }
    let ea = ESTIMATED_INTERFACE_EA_EV * ELEMENTARY_CHARGE;
    ctx.prov.push((
        FIELD.to_string(),
        Provenance::Estimated {
            reason: format!(
                "{ESTIMATED_INTERFACE_EA_EV} eV: no measured Arrhenius energy of the Li|garnet interface resistance at hand; a contact (constriction) resistance scales as 1/σ_garnet, so the cubic-garnet Eₐ (0.30–0.34 eV, Kurian et al. 2024 §2.1) is taken"
            ),
        },
    ));
    if (t - T_REF).abs() > 1e-6 || t_measured.is_some_and(|tm| (t - tm).abs() > 1e-6) {
        ctx.warnings.push(format!(
            "{FIELD}: the Li|garnet interface is moved from 25 °C to {:.1} °C with an estimated {ESTIMATED_INTERFACE_EA_EV} eV (the cubic garnet's conduction energy, as for a constriction resistance); give it if it was measured",
            t - ZERO_CELSIUS
        ));
    }
    Ok(ea)
}

/// The Li|garnet interfacial resistance (Ω m²) and the temperature it refers to (K):
/// given (at 25 °C, like every rate of the design file), or reported for an anode
/// interlayer of the knowledge base (at the property's stated temperature, else room
/// temperature, 25 °C, as the locators say), or for `"bare"` the median of the bare
/// interfaces the interlayer studies report (room temperature); `None` when neither
/// is given.
fn interface_resistance(
    ctx: &mut Ctx,
    a: &AnodeFile,
    db: &MaterialDb,
) -> Result<Option<(f64, f64)>, CellError> {
    match (&a.interface_resistance, &a.interlayer) {
        (Some(_), Some(_)) => Err(ctx.err(
            "anode.interface_resistance",
            "give interface_resistance or interlayer, not both",
        )),
        (Some(r), None) => {
            let v = ctx.q(
                "anode.interface_resistance",
                r,
                Dimension::AREA_SPECIFIC_RESISTANCE,
            )?;
            Ok(Some((
                ctx.positive("anode.interface_resistance", v)?,
                T_REF,
            )))
        }
        (None, Some(name))
            if name.eq_ignore_ascii_case("bare") || name.eq_ignore_ascii_case("none") =>
        {
            bare_median(ctx, db).map(|r| Some((r, T_REF)))
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
            let r = ctx.value_or_kb(
                "anode.interlayer",
                &None,
                Dimension::AREA_SPECIFIC_RESISTANCE,
                m,
                "interfacial_resistance",
            )?;
            let t_measured = m
                .property("interfacial_resistance")
                .and_then(|p| p.temperature.as_ref())
                .map_or(T_REF, |q| q.value);
            Ok(Some((r, t_measured)))
        }
        (None, None) => Ok(None),
    }
}

/// No interlayer: the median of the bare Li|garnet resistances that the
/// anode-interlayer studies of the knowledge base report (§4), with a warning.
fn bare_median(ctx: &mut Ctx, db: &MaterialDb) -> Result<f64, CellError> {
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
    Ok(median)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::resolve::context::testing::{db, design, field_of};

    #[test]
    fn interface_resistance_is_ohmic_by_default() {
        // 10 Ω cm² = 1e-3 Ω m² at 298.15 K: ohmic, R_a = 1e-3 Ω m², and the
        // small-signal equivalent j₀ = RT/(F·R).
        let d = design(&[], "");
        let mut ctx = Ctx::new("t.toml");
        let a = anode(&mut ctx, &d.anode, &db(), 298.15).unwrap();
        assert_eq!(a.model, InterfaceModel::Ohmic);
        assert!((a.interface_resistance - 1e-3).abs() < 1e-18);
        assert!((a.j0 - GAS * 298.15 / (FARADAY * 1e-3)).abs() < 1e-12 * a.j0);
        assert!((a.j0 - 25.69).abs() < 0.01, "{}", a.j0);
        assert_eq!((a.series_resistance, a.c_dl), (0.0, 0.0));
        assert!(ctx.warnings.is_empty(), "{:?}", ctx.warnings);
    }

    /// R(T) = R(25 °C)·exp(Eₐ/k_B·(1/T − 1/T_ref)) and j₀(T) = j₀(25 °C)/(that
    /// ratio): 0.5 eV from 25 °C to 80 °C by hand.
    #[test]
    fn interface_follows_arrhenius_from_25c() {
        let ratio = (0.5 / 8.617_333_262e-5 * (1.0 / 353.15 - 1.0 / 298.15_f64)).exp();
        let d = design(
            &[(
                "interface_resistance = \"10 ohm cm2\"",
                "interface_resistance = \"10 ohm cm2\"\ninterface_activation_energy = \"0.5 eV\"",
            )],
            "",
        );
        let a = anode(&mut Ctx::new("t.toml"), &d.anode, &db(), 353.15).unwrap();
        assert!((a.interface_resistance / 1e-3 - ratio).abs() < 1e-9 * ratio);
        let d = design(
            &[(
                "interface_resistance = \"10 ohm cm2\"",
                "exchange_current_density = \"5 mA/cm2\"\ninterface_activation_energy = \"0.5 eV\"",
            )],
            "",
        );
        let a = anode(&mut Ctx::new("t.toml"), &d.anode, &db(), 353.15).unwrap();
        assert_eq!(a.model, InterfaceModel::Kinetic);
        assert!((a.j0 / 50.0 - 1.0 / ratio).abs() < 1e-9 / ratio);
        // At 25 °C a given j₀ is used as given (the PyBaMM-parity example).
        let a = anode(&mut Ctx::new("t.toml"), &d.anode, &db(), T_REF).unwrap();
        assert_eq!(a.j0, 50.0);
    }

    /// A knowledge-base resistance measured at 60 °C is moved from 60 °C, not from
    /// 25 °C: at 60 °C it is used as stored, at 25 °C it is R·exp(Eₐ/k_B(1/298.15 −
    /// 1/333.15)).
    #[test]
    fn interlayer_resistance_moves_from_its_measurement_temperature() {
        let mut db = db();
        db.merge_user_file(
            "user.toml",
            r#"
[[material]]
name = "TestLayer"
formula = "Al2O3"
kind = "anode-interlayer"
[material.properties.interfacial_resistance]
value = "40 ohm cm2"
temperature = "60 degC"
estimated = "test value"
"#,
        )
        .unwrap();
        let d = design(
            &[(
                "interface_resistance = \"10 ohm cm2\"",
                "interlayer = \"TestLayer\"\ninterface_activation_energy = \"0.4 eV\"",
            )],
            "",
        );
        let hot = anode(&mut Ctx::new("t.toml"), &d.anode, &db, 333.15).unwrap();
        assert!(
            (hot.interface_resistance - 40e-4).abs() < 1e-12,
            "{}",
            hot.interface_resistance
        );
        let cold = anode(&mut Ctx::new("t.toml"), &d.anode, &db, 298.15).unwrap();
        let ratio = (0.4 / 8.617_333_262e-5 * (1.0 / 298.15 - 1.0 / 333.15_f64)).exp();
        assert!((cold.interface_resistance / 40e-4 - ratio).abs() < 1e-9 * ratio);
    }

    #[test]
    fn given_j0_keeps_the_resistance_in_series() {
        let d = design(
            &[(
                "interface_resistance = \"10 ohm cm2\"",
                "interface_resistance = \"10 ohm cm2\"\nexchange_current_density = \"5 mA/cm2\"\ndouble_layer_capacitance = \"20 uF/cm2\"",
            )],
            "",
        );
        let a = anode(&mut Ctx::new("t.toml"), &d.anode, &db(), 298.15).unwrap();
        assert!((a.j0 - 50.0).abs() < 1e-12);
        assert!((a.series_resistance - 1e-3).abs() < 1e-15);
        assert!((a.c_dl - 0.2).abs() < 1e-15);
    }

    #[test]
    fn bare_interface_is_the_median_with_a_warning() {
        let d = design(
            &[(
                "interface_resistance = \"10 ohm cm2\"",
                "interlayer = \"bare\"",
            )],
            "",
        );
        let mut ctx = Ctx::new("t.toml");
        let a = anode(&mut ctx, &d.anode, &db(), 298.15).unwrap();
        assert!(a.j0 > 0.0);
        assert_eq!(ctx.warnings.len(), 1);
        assert!(ctx.warnings[0].starts_with("anode.interlayer = \"bare\""));
    }

    #[test]
    fn bad_anodes_name_the_field() {
        let db = db();
        let r = "interface_resistance = \"10 ohm cm2\"";
        let cases = [
            (
                r,
                "interface_resistance = \"10 ohm\"",
                "anode.interface_resistance",
            ),
            (r, "", "anode.exchange_current_density"),
            (r, "interlayer = \"LLZTO\"", "anode.interlayer"),
            (r, "material = \"NMC811\"", "anode.material"),
            (
                r,
                "interlayer = \"bare\"\ninterface_resistance = \"1 ohm cm2\"",
                "anode.interface_resistance",
            ),
            (
                r,
                "interface_model = \"ohmic\"\nexchange_current_density = \"5 mA/cm2\"",
                "anode.exchange_current_density",
            ),
            (
                r,
                "interface_model = \"ohmic\"",
                "anode.interface_resistance",
            ),
            (
                r,
                "interface_model = \"kinetic\"",
                "anode.exchange_current_density",
            ),
            (
                "interface_resistance = \"10 ohm cm2\"",
                "interface_resistance = \"10 ohm cm2\"\ninterface_activation_energy = \"-1 eV\"",
                "anode.interface_activation_energy",
            ),
        ];
        for (from, to, field) in cases {
            let d = design(&[(from, to)], "");
            let e = anode(&mut Ctx::new("t.toml"), &d.anode, &db, 298.15).unwrap_err();
            assert_eq!(field_of(&e), field, "{to}: {e}");
        }
    }

    /// Issue 14 item 6: Li melts at 180.5 °C (CRC Handbook, Tm = 453.65 K); a Li-metal
    /// design at or above it is an error naming the temperature, just below it is not.
    #[test]
    fn issue14_li_metal_above_its_melting_point_is_an_error() {
        let d = design(&[], "");
        let db = db();
        let e = anode(&mut Ctx::new("t.toml"), &d.anode, &db, 453.65 + 10.0).unwrap_err();
        assert_eq!(field_of(&e), "temperature", "{e}");
        let text = e.to_string();
        assert!(
            text.contains("190.5 °C") && text.contains("180.5 °C"),
            "{text}"
        );
        assert!(anode(&mut Ctx::new("t.toml"), &d.anode, &db, 453.65 - 1.0).is_ok());
    }
}
