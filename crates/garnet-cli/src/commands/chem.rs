//! `garnet chem FORMULA`.

use garnet_chem::{Formula, FormulaReport, Phase};
use garnet_cite::Bibliography;

use crate::cli::ChemArgs;
use crate::output::{print_json, print_sources, sig, table, Stamp};
use crate::UsageError;

pub fn run(args: &ChemArgs) -> anyhow::Result<()> {
    let formula = Formula::parse(&args.formula).map_err(|e| UsageError(e.to_string()))?;
    let report = FormulaReport::of(&formula);
    if args.json {
        return print_json(&report, &Stamp::data("chem"));
    }
    print_human(&report)
}

fn print_human(r: &FormulaReport) -> anyhow::Result<()> {
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
