//! The building blocks the sections share: escaping, tables, figures and summary
//! cards. Pages embed their plots as inline SVG and their style in a `<style>` element,
//! so nothing is loaded from the network.

use std::fmt::Write;

/// Escape text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A table cell: text (escaped) or trusted HTML, with an optional CSS class.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The content, already HTML.
    pub html: String,
    /// CSS class of the `<td>`.
    pub class: Option<String>,
}

impl Cell {
    /// A cell of plain text.
    pub fn text(text: impl AsRef<str>) -> Self {
        Self {
            html: escape(text.as_ref()),
            class: None,
        }
    }

    /// A cell of trusted HTML.
    pub fn html(html: impl Into<String>) -> Self {
        Self {
            html: html.into(),
            class: None,
        }
    }

    /// With a CSS class.
    pub fn class(mut self, class: &str) -> Self {
        self.class = Some(class.to_string());
        self
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::text(s)
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::text(s)
    }
}

/// An HTML table with a header row; `id` names it for tests and links.
pub fn table(id: &str, header: &[&str], rows: &[Vec<Cell>]) -> String {
    let mut out = format!("<table id=\"{}\">\n<thead><tr>", escape(id));
    for h in header {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for c in row {
            match &c.class {
                Some(cl) => {
                    let _ = write!(out, "<td class=\"{}\">{}</td>", escape(cl), c.html);
                }
                None => {
                    let _ = write!(out, "<td>{}</td>", c.html);
                }
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
    out
}

/// A figure: inline SVG with a caption; `id` names it.
pub fn figure(id: &str, svg: &str, caption: &str) -> String {
    format!(
        "<figure id=\"{}\">{}<figcaption>{}</figcaption></figure>\n",
        escape(id),
        svg,
        escape(caption)
    )
}

/// A summary card: a big value over a small label.
pub fn card(out: &mut String, value: &str, label: &str) {
    let _ = write!(
        out,
        "<div class=\"card\"><div class=\"v\">{}</div><div class=\"l\">{}</div></div>",
        escape(value),
        escape(label)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_builds_tables() {
        assert_eq!(escape("a<b & \"c\"'"), "a&lt;b &amp; &quot;c&quot;&#39;");
        let t = table(
            "t",
            &["x", "y<"],
            &[vec![
                Cell::text("1 < 2"),
                Cell::html("<b>ok</b>").class("met"),
            ]],
        );
        assert!(t.contains("<th>y&lt;</th>"));
        assert!(t.contains("<td>1 &lt; 2</td><td class=\"met\"><b>ok</b></td>"));
        assert!(figure("f", "<svg></svg>", "a & b").contains("<figcaption>a &amp; b"));
    }
}
