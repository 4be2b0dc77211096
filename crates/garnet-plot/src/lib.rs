//! Plots: the edge where garnet's results become pictures (the HTML report around
//! them is the crate `garnet-report`).
//!
//! [`XyPlot`] draws line and point series on linear or logarithmic axes to PNG or SVG
//! (chosen by the file extension); [`figures`] builds the figures garnet draws
//! (Nyquist, Bode, Arrhenius, discharge, …) from plain data, so each is defined once.
//! Files are written atomically: to a temporary file in the same folder, then renamed. A TTF font (DejaVu Sans, Bitstream Vera licence,
//! `fonts/DejaVu-LICENSE`) is compiled in, so no system font configuration is needed.

use std::path::{Path, PathBuf};

use plotters::prelude::*;

mod bar;
pub mod figures;

pub use bar::{Bar, BarChart};

/// Errors of plotting.
#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    /// The output path has no `.png` or `.svg` extension.
    #[error("plot path '{path}': expected a .png or .svg file name")]
    Extension {
        /// The path given.
        path: PathBuf,
    },
    /// Nothing to draw.
    #[error("plot '{title}': no finite data points to draw")]
    NoData {
        /// Plot title.
        title: String,
    },
    /// The drawing backend failed.
    #[error("drawing {path}: {message}")]
    Draw {
        /// Output path.
        path: PathBuf,
        /// Backend message.
        message: String,
    },
    /// Writing the file failed.
    #[error("writing {path}: {source}")]
    Io {
        /// Output path.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

pub(crate) const FONT_NAME: &str = "garnet-sans";
static FONT: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

pub(crate) fn register_font() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Only fails for an invalid font file, which the tests would show at once.
        let _ = plotters::style::register_font(FONT_NAME, FontStyle::Normal, FONT);
    });
}

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A line through the points.
    Line,
    /// Markers only.
    Points,
    /// A line with markers.
    LinePoints,
    /// Large triangular markers, for a point to stand out (e.g. "this design").
    Highlight,
}

/// One data series.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend label.
    pub label: String,
    /// (x, y) points.
    pub points: Vec<(f64, f64)>,
    /// How to draw it.
    pub style: Style,
}

/// An x–y plot.
#[derive(Debug, Clone, PartialEq)]
pub struct XyPlot {
    /// Title above the plot.
    pub title: String,
    /// X-axis label.
    pub x_label: String,
    /// Y-axis label.
    pub y_label: String,
    /// Logarithmic x axis.
    pub log_x: bool,
    /// Logarithmic y axis.
    pub log_y: bool,
    /// Data.
    pub series: Vec<Series>,
}

pub(crate) const PALETTE: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(23, 190, 207),
];

impl XyPlot {
    /// Draw the plot to `path` (.png or .svg), atomically.
    pub fn write(&self, path: &Path) -> Result<(), PlotError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let is_svg = match ext.as_deref() {
            Some("svg") => true,
            Some("png") => false,
            _ => {
                return Err(PlotError::Extension {
                    path: path.to_path_buf(),
                })
            }
        };
        // The drawing's own error is kept as it is (not turned into text).
        let mut failure = None;
        let written = garnet_io::write_atomic_with(path, |_, tmp| {
            let result = if is_svg {
                self.draw(SVGBackend::new(tmp, (900, 600)).into_drawing_area(), path)
            } else {
                self.draw(
                    BitMapBackend::new(tmp, (900, 600)).into_drawing_area(),
                    path,
                )
            };
            result.map_err(|e| {
                let message = e.to_string();
                failure = Some(e);
                message
            })
        });
        match (written, failure) {
            (Ok(()), _) => Ok(()),
            (Err(_), Some(e)) => Err(e),
            (Err(garnet_io::WriteError::Io { path, source, .. }), None) => {
                Err(PlotError::Io { path, source })
            }
            (Err(garnet_io::WriteError::Writer { path, message }), None) => {
                Err(PlotError::Draw { path, message })
            }
        }
    }

    /// Draw the plot as SVG text of the given size (pixels), for embedding in a page.
    pub fn to_svg(&self, size: (u32, u32)) -> Result<String, PlotError> {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
            self.draw(root, Path::new(&self.title))?;
        }
        Ok(out)
    }

    fn bounds(&self) -> Option<((f64, f64), (f64, f64))> {
        let ok = |v: f64, log: bool| v.is_finite() && (!log || v > 0.0);
        let pts = self
            .series
            .iter()
            .flat_map(|s| s.points.iter())
            .filter(|(x, y)| ok(*x, self.log_x) && ok(*y, self.log_y));
        let mut b: Option<((f64, f64), (f64, f64))> = None;
        for &(x, y) in pts {
            b = Some(match b {
                None => ((x, x), (y, y)),
                Some(((x0, x1), (y0, y1))) => ((x0.min(x), x1.max(x)), (y0.min(y), y1.max(y))),
            });
        }
        b.map(|((x0, x1), (y0, y1))| (pad(x0, x1, self.log_x), pad(y0, y1, self.log_y)))
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: DrawingArea<DB, plotters::coord::Shift>,
        path: &Path,
    ) -> Result<(), PlotError> {
        register_font();
        let err = |e: &dyn std::fmt::Display| PlotError::Draw {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        let ((x0, x1), (y0, y1)) = self.bounds().ok_or_else(|| PlotError::NoData {
            title: self.title.clone(),
        })?;
        root.fill(&WHITE).map_err(|e| err(&e))?;
        let mut builder = ChartBuilder::on(&root);
        builder
            .caption(&self.title, (FONT_NAME, 22))
            .margin(15)
            .x_label_area_size(50)
            .y_label_area_size(80);
        macro_rules! finish {
            ($chart:expr) => {{
                let mut chart = $chart;
                chart
                    .configure_mesh()
                    .x_desc(self.x_label.as_str())
                    .y_desc(self.y_label.as_str())
                    .label_style((FONT_NAME, 14))
                    .axis_desc_style((FONT_NAME, 16))
                    .draw()
                    .map_err(|e| err(&e))?;
                for (i, s) in self.series.iter().enumerate() {
                    let color = PALETTE[i % PALETTE.len()];
                    let pts: Vec<(f64, f64)> = s
                        .points
                        .iter()
                        .copied()
                        .filter(|(x, y)| {
                            x.is_finite()
                                && y.is_finite()
                                && (!self.log_x || *x > 0.0)
                                && (!self.log_y || *y > 0.0)
                        })
                        .collect();
                    if matches!(s.style, Style::Line | Style::LinePoints) {
                        chart
                            .draw_series(LineSeries::new(pts.clone(), color.stroke_width(2)))
                            .map_err(|e| err(&e))?
                            .label(s.label.as_str())
                            .legend(move |(x, y)| {
                                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
                            });
                    }
                    if s.style == Style::Highlight {
                        chart
                            .draw_series(
                                pts.iter()
                                    .map(|&p| TriangleMarker::new(p, 9, color.filled())),
                            )
                            .map_err(|e| err(&e))?
                            .label(s.label.as_str())
                            .legend(move |(x, y)| {
                                TriangleMarker::new((x + 10, y), 7, color.filled())
                            });
                    }
                    if matches!(s.style, Style::Points | Style::LinePoints) {
                        let series = chart
                            .draw_series(pts.iter().map(|&p| Circle::new(p, 4, color.filled())))
                            .map_err(|e| err(&e))?;
                        if s.style == Style::Points {
                            series
                                .label(s.label.as_str())
                                .legend(move |(x, y)| Circle::new((x + 10, y), 4, color.filled()));
                        }
                    }
                }
                if self.series.len() > 1 || self.series.iter().any(|s| !s.label.is_empty()) {
                    chart
                        .configure_series_labels()
                        .label_font((FONT_NAME, 14))
                        .background_style(WHITE.mix(0.8))
                        .border_style(BLACK)
                        .draw()
                        .map_err(|e| err(&e))?;
                }
            }};
        }
        match (self.log_x, self.log_y) {
            (false, false) => finish!(builder
                .build_cartesian_2d(x0..x1, y0..y1)
                .map_err(|e| err(&e))?),
            (false, true) => finish!(builder
                .build_cartesian_2d(x0..x1, (y0..y1).log_scale())
                .map_err(|e| err(&e))?),
            (true, false) => finish!(builder
                .build_cartesian_2d((x0..x1).log_scale(), y0..y1)
                .map_err(|e| err(&e))?),
            (true, true) => finish!(builder
                .build_cartesian_2d((x0..x1).log_scale(), (y0..y1).log_scale())
                .map_err(|e| err(&e))?),
        }
        root.present().map_err(|e| err(&e))?;
        Ok(())
    }
}

/// Widen [lo, hi] a little so points do not sit on the frame (multiplicatively on log axes).
fn pad(lo: f64, hi: f64, log: bool) -> (f64, f64) {
    if log {
        let (l, h) = if hi > lo {
            (lo, hi)
        } else {
            (lo / 2.0, hi * 2.0)
        };
        let f = (h / l).powf(0.05);
        (l / f, h * f)
    } else {
        let span = if hi > lo { hi - lo } else { lo.abs().max(1.0) };
        (lo - 0.05 * span, hi + 0.05 * span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plot() -> XyPlot {
        XyPlot {
            title: "Arrhenius".into(),
            x_label: "1000/T (1/K)".into(),
            y_label: "σ (S/cm)".into(),
            log_x: false,
            log_y: true,
            series: vec![Series {
                label: "LLZTO".into(),
                points: vec![(3.35, 1e-4), (3.0, 5e-4), (2.7, 2e-3)],
                style: Style::LinePoints,
            }],
        }
    }

    #[test]
    fn writes_png_and_svg_atomically() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.png", "a.svg"] {
            let p = dir.path().join(name);
            plot().write(&p).unwrap();
            let bytes = std::fs::read(&p).unwrap();
            assert!(bytes.len() > 1000, "{name}: {} bytes", bytes.len());
        }
        let png = std::fs::read(dir.path().join("a.png")).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let svg = std::fs::read_to_string(dir.path().join("a.svg")).unwrap();
        assert!(svg.contains("<svg") && svg.contains("LLZTO"));
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 2, "no temporary files left");
    }

    #[test]
    fn bad_extension_and_empty_data_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            plot().write(&dir.path().join("a.jpg")),
            Err(PlotError::Extension { .. })
        ));
        let mut empty = plot();
        empty.series[0].points = vec![(1.0, -1.0)];
        assert!(matches!(
            empty.write(&dir.path().join("b.png")),
            Err(PlotError::NoData { .. })
        ));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
