//! `garnet chem FORMULA`.

use garnet_chem::{analyse_garnet, charge_balance, ChargeBalance, Formula, GarnetAnalysis, Phase};
use garnet_cite::{dedup_sources, Bibliography, Citation, Role, UsedSource};
use serde::Serialize;

use crate::cli::ChemArgs;
use crate::output::{print_json, print_sources, sig, table, Stamp};
use crate::UsageError;

#[derive(Serialize)]
struct ElementAmount {
    element: String,
    amount: f64,
    atomic_weight_g_per_mol: f64,
    mass_fraction: f64,
}

#[derive(Serialize)]
struct ChemReport {
    formula: String,
    canonical: String,
    composition: Vec<ElementAmount>,
    molar_mass_g_per_mol: f64,
    charge_balance: ChargeBalance,
    is_garnet: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    li_per_formula_unit: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    li_vacancies: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected_phase: Option<Phase>,
    #[serde(skip_serializing_if = "Option::is_none")]
    garnet: Option<GarnetAnalysis>,
    warnings: Vec<String>,
    sources: Vec<UsedSource>,
}

pub fn run(args: &ChemArgs) -> anyhow::Result<()> {
    let formula = Formula::parse(&args.formula).map_err(|e| UsageError(e.to_string()))?;
    let molar_mass = formula.molar_mass_g_per_mol();
    let balance = charge_balance(&formula);
    let garnet = analyse_garnet(&formula);
    let mut warnings = Vec::new();
    warnings.extend(balance.warning(formula.as_str()));
    if formula.has_nonstandard_weights() {
        warnings.push("contains an element with no standard atomic weight: mass number of its longest-lived isotope used".to_string());
    }
    let mut sources = vec![UsedSource {
        citation: Citation::new("prohaska2022", Some("standard atomic weights")),
        role: Role::Data,
    }];
    if let Some(g) = &garnet {
        warnings.extend(g.warnings.iter().cloned());
        sources.push(UsedSource {
            citation: Citation::new("kurian2024", Some("§2.1, garnet sites")),
            role: Role::Rule,
        });
        for key in &g.phase_rule_sources {
            sources.push(UsedSource {
                citation: Citation::new(*key, Some("phase rule")),
                role: Role::Rule,
            });
        }
    }
    let report = ChemReport {
        formula: formula.as_str().to_string(),
        canonical: formula.canonical(),
        composition: formula
            .amounts()
            .iter()
            .map(|(e, n)| ElementAmount {
                element: e.symbol.to_string(),
                amount: *n,
                atomic_weight_g_per_mol: e.atomic_weight,
                mass_fraction: e.atomic_weight * n / molar_mass,
            })
            .collect(),
        molar_mass_g_per_mol: molar_mass,
        charge_balance: balance,
        is_garnet: garnet.is_some(),
        li_per_formula_unit: garnet.as_ref().map(|g| g.li_per_formula_unit),
        li_vacancies: garnet.as_ref().map(|g| g.li_vacancies),
        expected_phase: garnet.as_ref().map(|g| g.expected_phase),
        garnet,
        warnings,
        sources: dedup_sources(sources),
    };
    if args.json {
        return print_json(&report, &Stamp::data("chem"));
    }
    print_human(&report)
}

fn print_human(r: &ChemReport) -> anyhow::Result<()> {
    println!("{}", r.formula);
    println!("  molar mass        {:.2} g/mol", r.molar_mass_g_per_mol);
    let cb = &r.charge_balance;
    if cb.balanced {
        println!("  charge balance    balanced with common oxidation states");
    } else {
        println!(
            "  charge balance    NOT balanced: net charge {:+.3} per formula unit",
            cb.net_charge
        );
    }
    let mut t = table(&["element", "per f.u.", "Ar (g/mol)", "mass %"]);
    for c in &r.composition {
        t.add_row(vec![
            c.element.clone(),
            sig(c.amount, 4),
            format!("{}", c.atomic_weight_g_per_mol),
            format!("{:.2}", 100.0 * c.mass_fraction),
        ]);
    }
    println!("{t}");
    if let Some(g) = &r.garnet {
        println!("Garnet site chemistry");
        println!("  Li per formula unit   {}", sig(g.li_per_formula_unit, 4));
        println!("  Li vacancies (vs Li7) {}", sig(g.li_vacancies, 4));
        println!("  empty Li sites        {}", sig(g.empty_li_sites, 4));
        let site_list = |site: garnet_chem::Site| {
            g.sites
                .iter()
                .filter(|s| s.site == site)
                .map(|s| format!("{}{}", s.element, sig(s.amount, 4)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        println!(
            "  Li site               {}",
            site_list(garnet_chem::Site::Li)
        );
        println!(
            "  La site (dodecahedral) {}",
            site_list(garnet_chem::Site::La)
        );
        println!(
            "  Zr site (octahedral)  {}",
            site_list(garnet_chem::Site::Zr)
        );
        let phase = match g.expected_phase {
            Phase::Cubic => "cubic",
            Phase::Tetragonal => "tetragonal",
            Phase::Borderline => "borderline (cubic or tetragonal)",
        };
        println!("  expected RT phase     {phase}");
        println!("  rule                  {}", g.phase_rule);
    }
    for w in &r.warnings {
        eprintln!("warning: {w}");
    }
    let bib = Bibliography::embedded()?;
    print_sources(&r.sources, &bib);
    Ok(())
}
