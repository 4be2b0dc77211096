//! Warnings and what garnet does not model.

use std::fmt::Write;

use super::blocks::escape;
use super::Section;
use crate::data::ReportData;
use crate::ReportError;

/// The warnings section.
pub const SECTION: Section = Section {
    id: "sec-warnings",
    nav: "Warnings",
    title: "Warnings and what is not modelled",
    body,
};

fn body(d: &ReportData) -> Result<String, ReportError> {
    let mut h = String::new();
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
    Ok(h)
}
