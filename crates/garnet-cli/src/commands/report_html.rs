//! Rendering [`ReportData`] as one self-contained HTML page: inline SVG plots, inline
//! CSS, a few lines of inline script that record whether the plots and tables rendered
//! (read by the browser test); nothing is loaded from the network.

use std::fmt::Write;

use garnet_lit::Architecture;
use garnet_plot::html::{escape, figure, table, Cell};
use garnet_plot::{Bar, BarChart, Series, Style, XyPlot};

use crate::commands::report::{ReportData, TargetStatus};
use crate::output::sig;

const CSS: &str = r#"
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px; padding: 1em 2em; color: #222; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #8b1a1a; padding-bottom: 0.2em; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3eeee; }
td.met { background: #dff3df; font-weight: bold; } td.not-met { background: #f8dcdc; font-weight: bold; }
td.not-modelled { background: #eee; color: #555; font-style: italic; }
td.compatible { background: #dff3df; } td.caution { background: #fff1c9; } td.reactive { background: #f8dcdc; }
.cards { display: flex; flex-wrap: wrap; gap: 0.8em; margin: 1em 0; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: 0.6em 1em; min-width: 9em; }
.card .v { font-size: 1.5em; font-weight: bold; } .card .l { font-size: 0.85em; color: #555; }
figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: 0.9em; color: #444; } .small { font-size: 0.88em; color: #444; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
nav a { margin-right: 1em; }
"#;

const CHECK_SCRIPT: &str = r#"
window.addEventListener('load', function () {
  var svgs = Array.prototype.slice.call(document.querySelectorAll('figure svg'));
  var drawn = svgs.filter(function (s) { var b = s.getBoundingClientRect(); return b.width > 50 && b.height > 50 && s.querySelectorAll('path, polyline, rect, circle, line').length > 3; });
  var tables = Array.prototype.slice.call(document.querySelectorAll('table'));
  var filled = tables.filter(function (t) { return t.querySelectorAll('tbody tr').length > 0 && t.getBoundingClientRect().height > 10; });
  document.body.setAttribute('data-render-check', JSON.stringify({figures: svgs.length, figures_drawn: drawn.length, tables: tables.length, tables_filled: filled.length}));
});
"#;

fn status_class(s: TargetStatus) -> &'static str {
    match s {
        TargetStatus::Met => "met",
        TargetStatus::NotMet => "not-met",
        TargetStatus::NotModelled => "not-modelled",
    }
}

fn card(out: &mut String, value: &str, label: &str) {
    let _ = write!(
        out,
        "<div class=\"card\"><div class=\"v\">{}</div><div class=\"l\">{}</div></div>",
        escape(value),
        escape(label)
    );
}

fn arch_name(a: Architecture) -> &'static str {
    match a {
        Architecture::DirectCoating => "direct coating",
        Architecture::CompositeCathode => "composite cathode",
        Architecture::ArtificialCei => "artificial CEI",
    }
}

/// The report as HTML.
pub fn render(d: &ReportData) -> anyhow::Result<String> {
    let mut h = String::with_capacity(400_000);
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"generator\" content=\"garnet {}\"><title>{} — garnet report</title>\
         <style>{CSS}</style></head><body>",
        env!("CARGO_PKG_VERSION"),
        escape(&d.name)
    );
    let _ = writeln!(h, "<h1>{}</h1>", escape(&d.name));
    if let Some(desc) = &d.description {
        let _ = writeln!(h, "<p>{}</p>", escape(desc));
    }
    let _ = writeln!(
        h,
        "<p class=\"small\">Design file <code>{}</code>; garnet {}; computed in {} s. Figures are \
         simulated with garnet's single-ion DFN model (docs/model.md) at the design's temperature.</p>",
        escape(&d.design_file),
        env!("CARGO_PKG_VERSION"),
        sig(d.compute_s, 2)
    );
    h.push_str(
        "<nav><a href=\"#summary\">Summary</a><a href=\"#sec-targets\">§6.1 targets</a>\
         <a href=\"#sec-resistance\">Resistance</a><a href=\"#sec-curves\">Discharge</a>\
         <a href=\"#sec-budget\">Mass budget</a><a href=\"#sec-impedance\">Impedance</a>\
         <a href=\"#sec-interface\">Interface</a><a href=\"#sec-literature\">Table 2</a>\
         <a href=\"#sec-warnings\">Warnings</a><a href=\"#sec-references\">Sources</a></nav>\n",
    );

    // Summary.
    h.push_str("<h2 id=\"summary\">Summary</h2>\n<div class=\"cards\">");
    if let Some(q) = d.at_1c.capacity_mah_per_g {
        card(&mut h, &format!("{} mAh/g", sig(q, 3)), "capacity at 1C");
    }
    card(
        &mut h,
        &format!("{} mAh/cm²", sig(d.areal_capacity_mah_cm2, 3)),
        "areal capacity at 1C",
    );
    if let Some(e) = d.composite_wh_per_kg {
        card(
            &mut h,
            &format!("{} Wh/kg", sig(e, 3)),
            "cathode composite vs Li, 1C",
        );
    }
    card(
        &mut h,
        &format!("{} Wh/kg", sig(d.stack_wh_per_kg, 3)),
        "stack, 1C",
    );
    card(
        &mut h,
        &format!("{} Wh/L", sig(d.stack_wh_per_l, 3)),
        "stack, 1C",
    );
    card(
        &mut h,
        &format!("{} Ω cm²", sig(d.resistance.r_total_ohm_cm2, 3)),
        "internal resistance",
    );
    h.push_str("</div>\n");
    h.push_str(&verdict(d));
    let rows: Vec<Vec<Cell>> = d
        .parameters
        .iter()
        .map(|(k, v)| vec![Cell::text(k), Cell::text(v)])
        .collect();
    h.push_str(&table("parameters", &["parameter", "value"], &rows));

    // Targets.
    h.push_str("<h2 id=\"sec-targets\">Targets of §6.1</h2>\n<p class=\"small\">The cell requirements of §6.1 of Kurian et al. 2024 [kurian2024]. \"Not modelled\" means garnet cannot say; it is never a guess.</p>\n");
    let rows: Vec<Vec<Cell>> = d
        .targets
        .iter()
        .map(|t| {
            vec![
                Cell::text(t.criterion),
                Cell::text(t.target),
                Cell::text(t.value.as_deref().unwrap_or("—")),
                Cell::text(t.status.label()).class(status_class(t.status)),
                Cell::text(&t.basis),
            ]
        })
        .collect();
    h.push_str(&table(
        "targets",
        &["criterion", "target", "this design", "status", "how"],
        &rows,
    ));

    // Resistance.
    let r = &d.resistance;
    h.push_str("<h2 id=\"sec-resistance\">Where the resistance goes (§5.1)</h2>\n");
    let chart = BarChart {
        title: "Internal resistance by contribution".into(),
        y_label: "Ω cm²".into(),
        bars: vec![
            Bar {
                label: "electronic".into(),
                value: r.r_electronic_ohm_cm2,
            },
            Bar {
                label: "separator".into(),
                value: r.r_separator_ohm_cm2,
            },
            Bar {
                label: "composite ionic".into(),
                value: r.r_composite_ionic_ohm_cm2,
            },
            Bar {
                label: "interfacial".into(),
                value: r.r_interface_ohm_cm2,
            },
            Bar {
                label: "total".into(),
                value: r.r_total_ohm_cm2,
            },
        ],
        target: Some(("§6.1 target 40 Ω cm²".into(), 40.0)),
    };
    h.push_str(&figure(
        "fig-resistance",
        &chart.to_svg((800, 420))?,
        &format!(
            "The four contributions of §5.1 from a C/10 pulse of {} s at SOC {}; the interfacial part includes {} Ω cm² of cathode films and {} Ω cm² at the Li|garnet interface.",
            sig(r.pulse_duration_s, 3),
            sig(r.soc, 3),
            sig(r.r_cathode_films_ohm_cm2, 3),
            sig(r.r_anode_interface_ohm_cm2, 3)
        ),
    ));
    let rows = vec![
        vec![
            Cell::text("(1) electronic, cathode"),
            Cell::text(sig(r.r_electronic_ohm_cm2, 4)),
        ],
        vec![
            Cell::text("(2) ionic, separator"),
            Cell::text(sig(r.r_separator_ohm_cm2, 4)),
        ],
        vec![
            Cell::text("(3) ionic, composite garnet network"),
            Cell::text(sig(r.r_composite_ionic_ohm_cm2, 4)),
        ],
        vec![
            Cell::text("(4) interfacial"),
            Cell::text(sig(r.r_interface_ohm_cm2, 4)),
        ],
        vec![
            Cell::text("    of which cathode films (CEI, Li₂CO₃)"),
            Cell::text(sig(r.r_cathode_films_ohm_cm2, 4)),
        ],
        vec![
            Cell::text("    of which Li|garnet"),
            Cell::text(sig(r.r_anode_interface_ohm_cm2, 4)),
        ],
        vec![
            Cell::text("total of (1)–(4)"),
            Cell::text(sig(r.r_total_ohm_cm2, 4)),
        ],
        vec![
            Cell::text("pulse resistance (V drop / I)"),
            Cell::text(sig(r.r_pulse_ohm_cm2, 4)),
        ],
        vec![
            Cell::text("solid diffusion during the pulse (not one of the four)"),
            Cell::text(sig(r.r_diffusion_ohm_cm2, 4)),
        ],
    ];
    h.push_str(&table("resistance", &["contribution", "Ω cm²"], &rows));

    // Discharge curves and Ragone.
    h.push_str("<h2 id=\"sec-curves\">Discharge at several rates</h2>\n<div class=\"grid\">");
    let mut series: Vec<Series> = d
        .curves
        .iter()
        .map(|c| Series {
            label: c.label.clone(),
            points: c.curve.clone(),
            style: Style::Line,
        })
        .collect();
    if let Some(c) = &d.capability {
        series.push(Series {
            label: c.label.clone(),
            points: c.curve.clone(),
            style: Style::Line,
        });
    }
    let curves = XyPlot {
        title: "Constant-current discharge".into(),
        x_label: "capacity (mAh/g of active material)".into(),
        y_label: "voltage (V)".into(),
        log_x: false,
        log_y: false,
        series,
    };
    h.push_str(&figure(
        "fig-curves",
        &curves.to_svg((640, 460))?,
        "Discharge from the initial state to the lower cut-off at each rate; 5 mA/cm² is the §6.1 current target.",
    ));
    let ragone = XyPlot {
        title: "Ragone plot".into(),
        x_label: "specific power (W/kg)".into(),
        y_label: "specific energy (Wh/kg)".into(),
        log_x: true,
        log_y: true,
        series: vec![
            Series {
                label: "cathode composite vs Li".into(),
                points: d
                    .ragone
                    .iter()
                    .map(|p| (p.composite_w_per_kg, p.composite_wh_per_kg))
                    .collect(),
                style: Style::LinePoints,
            },
            Series {
                label: "stack (all layers)".into(),
                points: d
                    .ragone
                    .iter()
                    .map(|p| (p.stack_w_per_kg, p.stack_wh_per_kg))
                    .collect(),
                style: Style::LinePoints,
            },
        ],
    };
    h.push_str(&figure(
        "fig-ragone",
        &ragone.to_svg((640, 460))?,
        &format!(
            "Rates {} C; §6.1 asks for up to 500 Wh/kg from the cathode composite.",
            d.ragone
                .iter()
                .map(|p| sig(p.c_rate, 2))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ));
    h.push_str("</div>\n");
    let mut rows: Vec<Vec<Cell>> = d
        .curves
        .iter()
        .chain(d.capability.iter())
        .map(|c| {
            vec![
                Cell::text(&c.label),
                Cell::text(sig(c.summary.capacity_mah_per_g.unwrap_or(f64::NAN), 4)),
                Cell::text(sig(c.summary.capacity_mah_per_cm2, 3)),
                Cell::text(sig(c.summary.mean_voltage_v, 4)),
                Cell::text(
                    c.summary
                        .utilisation
                        .map(|u| sig(100.0 * u, 3))
                        .unwrap_or_else(|| "—".into()),
                ),
            ]
        })
        .collect();
    if let Some(e) = d.energy_efficiency {
        rows.push(vec![
            Cell::text("1C charge → 1C discharge"),
            Cell::text(format!("energy efficiency {} %", sig(100.0 * e, 3))),
            Cell::text(""),
            Cell::text(""),
            Cell::text(""),
        ]);
    }
    h.push_str(&table(
        "rates",
        &["rate", "mAh/g", "mAh/cm²", "mean V", "utilisation %"],
        &rows,
    ));

    // Mass budget.
    h.push_str("<h2 id=\"sec-budget\">Mass and volume budget</h2>\n<p class=\"small\">Per unit electrode area, anode side first. Densities are as built (pores weigh nothing); sources in brackets resolve in the list of sources.</p>\n");
    let rows: Vec<Vec<Cell>> = d
        .layers
        .iter()
        .map(|(name, t_um, rho, m, src)| {
            vec![
                Cell::text(name),
                Cell::text(sig(*t_um, 4)),
                Cell::text(sig(*rho, 4)),
                Cell::text(sig(*m, 4)),
                Cell::text(src),
            ]
        })
        .collect();
    h.push_str(&table(
        "budget",
        &[
            "layer",
            "thickness (µm)",
            "density (g/cm³)",
            "areal mass (mg/cm²)",
            "density from",
        ],
        &rows,
    ));
    let _ = writeln!(
        h,
        "<p>Inactive share of the stack's mass: <b>{} %</b>; current density at 1C: {} mA/cm²; stack {} Wh/kg and {} Wh/L at 1C.</p>",
        sig(100.0 * d.inactive_mass_fraction, 3),
        sig(d.current_density_1c_ma_cm2, 3),
        sig(d.stack_wh_per_kg, 3),
        sig(d.stack_wh_per_l, 3)
    );

    // Impedance.
    h.push_str("<h2 id=\"sec-impedance\">Simulated impedance</h2>\n");
    let nyquist = XyPlot {
        title: "Nyquist plot at 50 % state of charge".into(),
        x_label: "Z' (Ω cm²)".into(),
        y_label: "−Z'' (Ω cm²)".into(),
        log_x: false,
        log_y: false,
        series: vec![Series {
            label: "1 MHz – 1 mHz".into(),
            points: d
                .impedance
                .iter()
                .map(|p| (p.z_real_ohm_cm2, -p.z_imag_ohm_cm2))
                .collect(),
            style: Style::LinePoints,
        }],
    };
    h.push_str(&figure(
        "fig-impedance",
        &nyquist.to_svg((700, 460))?,
        "Small-signal impedance of the model (linearised about rest), per electrode area; compare with `garnet eis fit` on measured spectra.",
    ));

    // Interface.
    h.push_str("<h2 id=\"sec-interface\">Interface chemistry</h2>\n");
    match &d.interface {
        Ok(c) => {
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
                                    format!(
                                        "{} eV/atom",
                                        sig(r.vs_hull.reaction_energy_ev_per_atom, 3)
                                    )
                                })
                                .unwrap_or_else(|| "—".into()),
                        ),
                        Cell::text(p.reasons.join("; ")),
                    ]
                })
                .collect();
            h.push_str(&table(
                "interface",
                &["pair", "verdict", "reaction energy", "why"],
                &rows,
            ));
        }
        Err(e) => {
            let _ = writeln!(h, "<p>Interface check not available: {}</p>", escape(e));
        }
    }
    match &d.screening {
        Ok(s) => {
            let _ = writeln!(
                h,
                "<p>Best artificial-CEI candidates for {} on {} (10 nm, co-sintered at 700 °C; the seven properties of §5.2.3, `garnet screen interlayers`):</p>",
                escape(&s.cathode.name),
                escape(&s.electrolyte.name)
            );
            let rows: Vec<Vec<Cell>> = s
                .candidates
                .iter()
                .take(8)
                .map(|c| {
                    vec![
                        Cell::text(c.rank.to_string()),
                        Cell::text(format!("{} ({})", c.name, c.formula)),
                        Cell::text(sig(c.score, 3)),
                        Cell::text(
                            c.asr_ohm_cm2
                                .map(|a| sig(a, 3))
                                .unwrap_or_else(|| "—".into()),
                        ),
                        Cell::text(
                            c.reaction_garnet_ev_per_atom
                                .map(|a| sig(a, 3))
                                .unwrap_or_else(|| "—".into()),
                        ),
                        Cell::text(
                            c.reaction_cathode_ev_per_atom
                                .map(|a| sig(a, 3))
                                .unwrap_or_else(|| "—".into()),
                        ),
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
        }
        Err(e) => {
            let _ = writeln!(
                h,
                "<p>Interlayer screening not available: {}</p>",
                escape(e)
            );
        }
    }

    // Literature.
    h.push_str("<h2 id=\"sec-literature\">Among the reported garnet cells (Table 2)</h2>\n");
    let mut series = Vec::new();
    let same: Vec<(f64, f64)> = d
        .literature
        .iter()
        .filter(|c| c.architecture == d.architecture)
        .map(|c| (c.capacity_mah_g, c.impedance_ohm_cm2))
        .collect();
    let other: Vec<(f64, f64)> = d
        .literature
        .iter()
        .filter(|c| c.architecture != d.architecture)
        .map(|c| (c.capacity_mah_g, c.impedance_ohm_cm2))
        .collect();
    series.push(Series {
        label: format!("reported, {}", arch_name(d.architecture)),
        points: same,
        style: Style::Points,
    });
    series.push(Series {
        label: "reported, other strategies".into(),
        points: other,
        style: Style::Points,
    });
    let q1c = d.at_1c.capacity_mah_per_g.unwrap_or(f64::NAN);
    series.push(Series {
        label: "this design (1C, total R)".into(),
        points: vec![(q1c, d.resistance.r_total_ohm_cm2)],
        style: Style::Highlight,
    });
    let lit_plot = XyPlot {
        title: "Cell impedance vs first discharge capacity".into(),
        x_label: "discharge capacity (mAh/g)".into(),
        y_label: "impedance (Ω cm²)".into(),
        log_x: false,
        log_y: true,
        series,
    };
    h.push_str(&figure(
        "fig-literature",
        &lit_plot.to_svg((760, 480))?,
        "Table 2 of Kurian et al. 2024 [kurian2024]: cells reporting both an impedance and a capacity in mAh/g (reported at their own rates and temperatures, mostly well below 1C).",
    ));
    let lower = d
        .literature
        .iter()
        .filter(|c| c.impedance_ohm_cm2 > d.resistance.r_total_ohm_cm2)
        .count();
    let _ = writeln!(
        h,
        "<p>The design's internal resistance ({} Ω cm²) is below that of {} of the {} reported cells with an impedance; its strategy is <b>{}</b>.</p>",
        sig(d.resistance.r_total_ohm_cm2, 3),
        lower,
        d.literature.len(),
        arch_name(d.architecture)
    );
    let mut lit_sorted: Vec<_> = d.literature.iter().collect();
    lit_sorted.sort_by(|a, b| a.impedance_ohm_cm2.total_cmp(&b.impedance_ohm_cm2));
    let rows: Vec<Vec<Cell>> = lit_sorted
        .iter()
        .filter(|c| c.architecture == d.architecture)
        .take(6)
        .map(|c| {
            vec![
                Cell::text(&c.id),
                Cell::text(&c.cathode),
                Cell::text(sig(c.impedance_ohm_cm2, 3)),
                Cell::text(sig(c.capacity_mah_g, 4)),
            ]
        })
        .collect();
    if !rows.is_empty() {
        let _ = writeln!(
            h,
            "<p>Lowest-impedance reported cells of the same strategy ({}):</p>",
            arch_name(d.architecture)
        );
        h.push_str(&table(
            "literature",
            &["Table 2", "cathode", "Ω cm²", "mAh/g"],
            &rows,
        ));
    }

    // Warnings and not modelled.
    h.push_str("<h2 id=\"sec-warnings\">Warnings and what is not modelled</h2>\n");
    if d.warnings.is_empty() {
        h.push_str("<p>No warnings.</p>\n");
    } else {
        h.push_str("<ul id=\"warnings\">");
        for w in &d.warnings {
            let _ = write!(h, "<li>{}</li>", escape(w));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("<p>Not modelled (reported as such, never guessed):</p><ul id=\"not-modelled\">");
    for w in &d.not_modelled {
        let _ = write!(h, "<li>{}</li>", escape(w));
    }
    h.push_str("</ul>\n");

    // Sources.
    h.push_str("<h2 id=\"sec-references\">Sources</h2>\n<ol id=\"references\">");
    for (k, r) in &d.references {
        let _ = write!(h, "<li><b>[{}]</b> {}</li>", escape(k), escape(r));
    }
    h.push_str("</ol>\n");
    let _ = writeln!(h, "<script>{CHECK_SCRIPT}</script>\n</body></html>");
    Ok(h)
}

/// A few sentences on strengths and weaknesses, from the numbers.
fn verdict(d: &ReportData) -> String {
    let met: Vec<&str> = d
        .targets
        .iter()
        .filter(|t| t.status == TargetStatus::Met)
        .map(|t| t.criterion)
        .collect();
    let missed: Vec<&str> = d
        .targets
        .iter()
        .filter(|t| t.status == TargetStatus::NotMet)
        .map(|t| t.criterion)
        .collect();
    let r = &d.resistance;
    let parts = [
        (
            "electronic conduction in the cathode",
            r.r_electronic_ohm_cm2,
        ),
        ("ionic conduction in the separator", r.r_separator_ohm_cm2),
        (
            "ionic conduction in the composite",
            r.r_composite_ionic_ohm_cm2,
        ),
        ("the interfaces", r.r_interface_ohm_cm2),
    ];
    let (worst, worst_r) =
        parts.iter().copied().fold(
            ("", f64::NEG_INFINITY),
            |a, b| if b.1 > a.1 { b } else { a },
        );
    let modelled = d
        .targets
        .iter()
        .filter(|t| t.status != TargetStatus::NotModelled)
        .count();
    let mut s = format!(
        "<p id=\"verdict\"><b>Meets {} of the {} §6.1 targets garnet can evaluate.</b> ",
        met.len(),
        modelled
    );
    if !met.is_empty() {
        let _ = write!(s, "Strengths: {}. ", escape(&met.join(", ")));
    }
    if !missed.is_empty() {
        let _ = write!(s, "Falls short on: {}. ", escape(&missed.join(", ")));
    }
    if r.r_total_ohm_cm2 > 0.0 {
        let _ = write!(
            s,
            "Most of the internal resistance ({} %) is in {}.",
            sig(100.0 * worst_r / r.r_total_ohm_cm2, 3),
            worst
        );
    }
    s.push_str("</p>\n");
    s
}
