//! `[cathode.ocv_table]` and the cathode activation-energy fields of the design schema.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use garnet_cell::{parse_design, resolve, CellError, CellParams};
use garnet_materials::{ocv::OcvCurve, MaterialDb};

fn base() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/pybamm-xu2019-halfcell.toml"
    ))
    .unwrap()
}

fn resolve_text(text: &str) -> Result<CellParams, CellError> {
    resolve(
        "t.toml",
        &parse_design("t.toml", text)?,
        &MaterialDb::embedded().unwrap(),
    )
}

/// The example with its OCV fit replaced by `table` (TOML lines).
fn with_table(table: &str) -> String {
    let text = base().replace("ocv = \"NMC532-Xu2019\"\n", "");
    let at = text.find("\n[anode]").unwrap();
    format!(
        "{}\n[cathode.ocv_table]\n{table}\n{}",
        &text[..at],
        &text[at..]
    )
}

fn field_error(text: &str) -> (String, String) {
    match resolve_text(text) {
        Err(CellError::Field { field, message, .. }) => (field, message),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn a_sampled_table_resolves_like_the_fit() {
    let fit = OcvCurve::Nmc532Xu2019;
    let x: Vec<f64> = (0..=200).map(|i| i as f64 / 200.0).collect();
    let u: Vec<String> = x.iter().map(|&x| format!("{:?}", fit.voltage(x))).collect();
    let xs: Vec<String> = x.iter().map(|x| format!("{x:?}")).collect();
    let text = with_table(&format!(
        "stoichiometry = [{}]\nvoltage = [{}]",
        xs.join(", "),
        u.join(", ")
    ));
    let p = resolve_text(&text).unwrap();
    let q = resolve_text(&base()).unwrap();
    assert!(matches!(p.ocv, OcvCurve::Tabulated(_)));
    // 201 points on [0, 1]: the monotone cubic is within 1 mV of the fit except at
    // the exponential knee above x = 0.95, so the 4.2 V window end agrees closely.
    assert!(
        (p.x_charged - q.x_charged).abs() < 1e-4,
        "{} {}",
        p.x_charged,
        q.x_charged
    );
    assert!((p.x_discharged - q.x_discharged).abs() < 2e-3);
    assert_eq!(p.ocv.id(), "table");
}

#[test]
fn table_errors_name_the_field() {
    let (f, m) = field_error(&with_table(
        "stoichiometry = [0.1, 0.5, 0.3]\nvoltage = [4.3, 4.0, 3.6]",
    ));
    assert_eq!(f, "cathode.ocv_table.stoichiometry");
    assert!(m.contains("strictly monotone"), "{m}");
    let (f, m) = field_error(&with_table("stoichiometry = [0.1, 0.5]\nvoltage = [4.3]"));
    assert_eq!(f, "cathode.ocv_table.voltage");
    assert!(m.contains("same length"), "{m}");
    let (f, _) = field_error(&with_table("stoichiometry = [0.1]\nvoltage = [4.3]"));
    assert_eq!(f, "cathode.ocv_table.stoichiometry");
    let (f, m) = field_error(&with_table(
        "stoichiometry = [0.1, 0.5, 0.9]\nvoltage = [4.3, 4.4, 3.6]",
    ));
    assert_eq!(f, "cathode.ocv_table.voltage");
    assert!(m.contains("fall strictly"), "{m}");
    // Both a fit and a table.
    let both = with_table("stoichiometry = [0.0, 1.0]\nvoltage = [4.3, 3.5]")
        .replace("[cathode]\n", "[cathode]\nocv = \"NMC532-Xu2019\"\n");
    let (f, _) = field_error(&both);
    assert_eq!(f, "cathode.ocv_table");
    // A cut-off outside the table's voltage range.
    let (f, m) = field_error(&with_table(
        "stoichiometry = [0.2, 0.9]\nvoltage = [4.1, 3.6]",
    ));
    assert_eq!(f, "voltage_min");
    assert!(m.contains("outside the OCV range"), "{m}");
}

#[test]
fn activation_energies_per_particle_or_per_mole() {
    let hot = |ea: &str| {
        base()
            .replace("temperature = \"298.15 K\"", "temperature = \"333.15 K\"")
            // The example sets both to 0 eV (PyBaMM's Xu2019 has none); replace them.
            .replace(
                "diffusivity_activation_energy = \"0 eV\"\nkinetic_activation_energy = \"0 eV\"\n",
                &format!(
                    "diffusivity_activation_energy = \"{ea}\"\nkinetic_activation_energy = \"{ea}\"\n"
                ),
            )
    };
    let a = resolve_text(&hot("30 kJ/mol")).unwrap();
    let b = resolve_text(&hot("0.310930 eV")).unwrap();
    let ea = 30_000.0 / garnet_units::constants::AVOGADRO;
    assert!((a.ea_diffusivity / ea - 1.0).abs() < 1e-12);
    assert!((b.ea_kinetic / ea - 1.0).abs() < 1e-5);
    // D(333.15 K) = D(25 °C)·exp(−Eₐ/R·(1/333.15 − 1/298.15)) = 1e-14 × 3.5658 m²/s
    // (30000/8.3145 × (1/298.15 − 1/333.15) = 3608.2 × 3.5237e-4 = 1.2714; e^1.2714 = 3.5658).
    let f = (30_000.0 / 8.314462618 * (1.0 / 298.15 - 1.0 / 333.15_f64)).exp();
    assert!((a.diffusivity / (1e-14 * f) - 1.0).abs() < 1e-9);
    assert!((f - 3.5658).abs() < 1e-3, "{f}");
    let (field, _) = field_error(&hot("30 V"));
    assert_eq!(field, "cathode.diffusivity_activation_energy");
}
