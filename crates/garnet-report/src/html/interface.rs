//! Interface chemistry: the stack check pair by pair and the best artificial-CEI
//! candidates of the interlayer screening.

use std::fmt::Write;

use garnet_interface::check::StackCheck;
use garnet_interface::screen::Screening;
use garnet_units::sig;

use super::blocks::{escape, table, Cell};
use super::Section;
use crate::data::ReportData;
use crate::ReportError;

/// The interface section.
pub const SECTION: Section = Section {
    id: "sec-interface",
    nav: "Interface",
    title: "Interface chemistry",
    body,
};

/// How many screened interlayers the table shows.
const CANDIDATES_SHOWN: usize = 8;

fn body(d: &ReportData) -> Result<String, ReportError> {
    let mut h = String::new();
    match &d.interface {
        Ok(c) => h.push_str(&check(c)),
        Err(e) => {
            let _ = writeln!(
                h,
                "<p>Interface check not available: {}</p>",
                escape(&e.to_string())
            );
        }
    }
    match &d.screening {
        Ok(s) => h.push_str(&screening(s)),
        Err(e) => {
            let _ = writeln!(
                h,
                "<p>Interlayer screening not available: {}</p>",
                escape(&e.to_string())
            );
        }
    }
    Ok(h)
}

fn or_dash(v: Option<f64>) -> String {
    v.map(|a| sig(a, 3)).unwrap_or_else(|| "—".into())
}

fn check(c: &StackCheck) -> String {
    let rows: Vec<Vec<Cell>> = c
        .pairs
        .iter()
        .map(|p| {
            let v = format!("{:?}", p.verdict).to_lowercase();
            vec![
                Cell::text(format!("{} | {}", p.left, p.right)),
                Cell::text(&v).class(&v),
                Cell::text(
                    p.reaction
                        .as_ref()
                        .map(|r| {
                            format!("{} eV/atom", sig(r.vs_hull.reaction_energy_ev_per_atom, 3))
                        })
                        .unwrap_or_else(|| "—".into()),
                ),
                Cell::text(p.reasons.join("; ")),
            ]
        })
        .collect();
    table(
        "interface",
        &["pair", "verdict", "reaction energy", "why"],
        &rows,
    )
}

fn screening(s: &Screening) -> String {
    let mut h = String::new();
    let _ = writeln!(
        h,
        "<p>Best artificial-CEI candidates for {} on {} (10 nm, co-sintered at 700 °C; the seven properties of §5.2.3, `garnet screen interlayers`):</p>",
        escape(&s.cathode.name),
        escape(&s.electrolyte.name)
    );
    let rows: Vec<Vec<Cell>> = s
        .candidates
        .iter()
        .take(CANDIDATES_SHOWN)
        .map(|c| {
            vec![
                Cell::text(c.rank.to_string()),
                Cell::text(format!("{} ({})", c.name, c.formula)),
                Cell::text(sig(c.score, 3)),
                Cell::text(or_dash(c.asr_ohm_cm2)),
                Cell::text(or_dash(c.reaction_garnet_ev_per_atom)),
                Cell::text(or_dash(c.reaction_cathode_ev_per_atom)),
            ]
        })
        .collect();
    h.push_str(&table(
        "interlayers",
        &[
            "rank",
            "interlayer",
            "score",
            "added ASR (Ω cm²)",
            "ΔE vs garnet (eV/atom)",
            "ΔE vs cathode (eV/atom)",
        ],
        &rows,
    ));
    h
}
