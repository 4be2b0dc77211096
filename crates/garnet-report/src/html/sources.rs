//! The sources: every citation key the report used, with its full reference.

use std::fmt::Write;

use super::blocks::escape;
use super::Section;
use crate::data::ReportData;
use crate::ReportError;

/// The sources section.
pub const SECTION: Section = Section {
    id: "sec-references",
    nav: "Sources",
    title: "Sources",
    body,
};

fn body(d: &ReportData) -> Result<String, ReportError> {
    let mut h = String::from("<ol id=\"references\">");
    for (k, r) in &d.references {
        let _ = write!(h, "<li><b>[{}]</b> {}</li>", escape(k), escape(r));
    }
    h.push_str("</ol>\n");
    Ok(h)
}
