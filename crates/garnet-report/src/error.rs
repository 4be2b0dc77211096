//! [`ReportError`]: what can stop a report.

/// Everything that can stop a report from being computed, rendered or written. The
/// wrapped errors keep their own messages (`transparent`), so the CLI prints the same
/// words as the library that failed.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A discharge the report cannot do without (the 1C one) failed.
    #[error("discharge at {label}")]
    Discharge {
        /// The run, e.g. "1C".
        label: String,
        /// Why (boxed: a cell error is large, and most results are not errors).
        #[source]
        source: Box<garnet_cell::CellError>,
    },
    /// The design, a protocol, the resistance breakdown, the budget or the impedance.
    #[error(transparent)]
    Cell(#[from] garnet_cell::CellError),
    /// The reported cells of Table 2 do not load.
    #[error(transparent)]
    Lit(#[from] garnet_lit::LitError),
    /// The bibliography does not load.
    #[error(transparent)]
    Cite(#[from] garnet_cite::CiteError),
    /// A plot of the page cannot be drawn.
    #[error(transparent)]
    Plot(#[from] garnet_plot::PlotError),
    /// The page cannot be written.
    #[error(transparent)]
    Write(#[from] garnet_io::WriteError),
    /// The numbers do not serialise (every field is plain data, so this does not happen).
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

/// An error and its causes, joined by ": " (as the CLI prints an error chain).
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cause = c.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_discharge_names_the_run_then_the_cause() {
        let e = ReportError::Discharge {
            label: "2C".to_string(),
            source: Box::new(garnet_cell::CellError::Protocol {
                index: 1,
                text: "x".to_string(),
                message: "bad".to_string(),
            }),
        };
        assert_eq!(
            error_chain(&e),
            "discharge at 2C: protocol step 1 \"x\": bad"
        );
    }
}
