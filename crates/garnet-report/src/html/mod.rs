//! Rendering [`ReportData`] as one self-contained HTML page: inline SVG plots, inline
//! CSS, a few lines of inline script that record whether the plots and tables rendered
//! (read by the browser test); nothing is loaded from the network.
//!
//! The page is a header, then the [`SECTIONS`] in order (each an `<h2>` with its
//! anchor, linked from the navigation bar, and a body rendered by its own function),
//! then the check script. A new section is a new module and one line in [`SECTIONS`].

use std::fmt::Write;
use std::path::Path;

use garnet_units::sig;

use crate::data::ReportData;
use crate::ReportError;

pub mod blocks;
mod budget;
mod discharge;
mod impedance;
mod interface;
mod literature;
mod resistance;
mod sources;
mod summary;
mod targets;
mod warnings;

pub use blocks::{card, escape, figure, table, Cell};

/// One section of the page.
#[derive(Debug, Clone, Copy)]
pub struct Section {
    /// Anchor of its heading (`id`), linked from the navigation bar.
    pub id: &'static str,
    /// Its link text in the navigation bar.
    pub nav: &'static str,
    /// Its heading (trusted HTML).
    pub title: &'static str,
    /// Its content after the heading.
    pub body: fn(&ReportData) -> Result<String, ReportError>,
}

/// The sections of the page, in order.
pub const SECTIONS: &[Section] = &[
    summary::SECTION,
    targets::SECTION,
    resistance::SECTION,
    discharge::SECTION,
    budget::SECTION,
    impedance::SECTION,
    interface::SECTION,
    literature::SECTION,
    warnings::SECTION,
    sources::SECTION,
];

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

/// The document head, the title block and the navigation bar.
fn header(d: &ReportData, sections: &[Section]) -> String {
    let mut h = String::new();
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
    let o = &d.model_options;
    let _ = writeln!(
        h,
        "<p class=\"generated-by\" style=\"font-size: 0.88em; color: #444\">Made by garnet {}: {} model, {} cathode, {} Li|garnet interface, mesh {}/{} \
         (cathode volumes/particle shells; the separator is one resistance), {} with rtol {} \
         and atol {}.</p>",
        garnet_io::stamp::VERSION,
        o.model,
        o.cathode_structure,
        o.anode_interface,
        o.mesh.cathode,
        o.mesh.particle,
        o.solver.method,
        sig(o.solver.rtol, 3),
        sig(o.solver.atol, 3)
    );
    h.push_str("<nav>");
    for s in sections {
        let _ = write!(h, "<a href=\"#{}\">{}</a>", s.id, s.nav);
    }
    h.push_str("</nav>\n");
    h
}

/// The report as HTML: the header, every section of [`SECTIONS`] in order, the script.
pub fn render(d: &ReportData) -> Result<String, ReportError> {
    render_sections(d, SECTIONS)
}

/// A page of the given sections only (in the order given).
pub fn render_sections(d: &ReportData, sections: &[Section]) -> Result<String, ReportError> {
    let mut h = String::with_capacity(400_000);
    h.push_str(&header(d, sections));
    for s in sections {
        let _ = writeln!(h, "<h2 id=\"{}\">{}</h2>", s.id, s.title);
        h.push_str(&(s.body)(d)?);
    }
    let _ = writeln!(h, "<script>{CHECK_SCRIPT}</script>\n</body></html>");
    Ok(h)
}

/// Render the report and write it to `path` atomically (`garnet_io::write_atomic`: a
/// failed run leaves no file).
pub fn write_html(d: &ReportData, path: &Path) -> Result<(), ReportError> {
    let html = render(d)?;
    garnet_io::write_atomic(path, html.as_bytes())?;
    Ok(())
}
