//! Bar charts (e.g. where a cell's resistance goes), with an optional target line.

use std::path::Path;

use plotters::prelude::*;

use crate::{register_font, PlotError, FONT_NAME, PALETTE};

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Label under the bar.
    pub label: String,
    /// Height (≥ 0 drawn; negative values are drawn as 0).
    pub value: f64,
}

/// A vertical bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Title above the chart.
    pub title: String,
    /// Y-axis label.
    pub y_label: String,
    /// The bars, left to right.
    pub bars: Vec<Bar>,
    /// A horizontal line (label, value), e.g. a target.
    pub target: Option<(String, f64)>,
}

impl BarChart {
    /// Draw as SVG text of the given size (pixels).
    pub fn to_svg(&self, size: (u32, u32)) -> Result<String, PlotError> {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
            self.draw(root)?;
        }
        Ok(out)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: DrawingArea<DB, plotters::coord::Shift>,
    ) -> Result<(), PlotError> {
        register_font();
        let path = Path::new(&self.title);
        let err = |e: &dyn std::fmt::Display| PlotError::Draw {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        let finite: Vec<f64> = self
            .bars
            .iter()
            .map(|b| b.value)
            .chain(self.target.as_ref().map(|t| t.1))
            .filter(|v| v.is_finite())
            .collect();
        if self.bars.is_empty() || finite.is_empty() {
            return Err(PlotError::NoData {
                title: self.title.clone(),
            });
        }
        let top = finite.iter().fold(0.0_f64, |a, &b| a.max(b)) * 1.12;
        let top = if top > 0.0 { top } else { 1.0 };
        let n = self.bars.len() as i32;
        root.fill(&WHITE).map_err(|e| err(&e))?;
        let mut chart = ChartBuilder::on(&root)
            .caption(&self.title, (FONT_NAME, 20))
            .margin(15)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d((0..n).into_segmented(), 0.0..top)
            .map_err(|e| err(&e))?;
        let labels: Vec<String> = self.bars.iter().map(|b| b.label.clone()).collect();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(self.bars.len())
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => labels
                    .get(usize::try_from(*i).unwrap_or(usize::MAX))
                    .cloned()
                    .unwrap_or_default(),
                _ => String::new(),
            })
            .y_desc(self.y_label.as_str())
            .label_style((FONT_NAME, 13))
            .axis_desc_style((FONT_NAME, 15))
            .draw()
            .map_err(|e| err(&e))?;
        chart
            .draw_series(self.bars.iter().enumerate().map(|(i, b)| {
                let i = i as i32;
                let v = if b.value.is_finite() {
                    b.value.max(0.0)
                } else {
                    0.0
                };
                let color = PALETTE[(i as usize) % PALETTE.len()];
                let mut r = Rectangle::new(
                    [
                        (SegmentValue::Exact(i), 0.0),
                        (SegmentValue::Exact(i + 1), v),
                    ],
                    color.filled(),
                );
                r.set_margin(0, 0, 12, 12);
                r
            }))
            .map_err(|e| err(&e))?;
        if let Some((label, value)) = &self.target {
            let red = RGBColor(200, 0, 0);
            chart
                .draw_series(LineSeries::new(
                    vec![
                        (SegmentValue::Exact(0), *value),
                        (SegmentValue::Last, *value),
                    ],
                    red.stroke_width(2),
                ))
                .map_err(|e| err(&e))?
                .label(label.as_str())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], red.stroke_width(2))
                });
            chart
                .configure_series_labels()
                .label_font((FONT_NAME, 13))
                .background_style(WHITE.mix(0.8))
                .border_style(BLACK)
                .draw()
                .map_err(|e| err(&e))?;
        }
        root.present().map_err(|e| err(&e))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_target_render() {
        let chart = BarChart {
            title: "Resistance".into(),
            y_label: "Ω cm²".into(),
            bars: vec![
                Bar {
                    label: "electronic".into(),
                    value: 1.0,
                },
                Bar {
                    label: "separator".into(),
                    value: 20.0,
                },
                Bar {
                    label: "interface".into(),
                    value: 55.0,
                },
            ],
            target: Some(("target 40".into(), 40.0)),
        };
        let svg = chart.to_svg((600, 400)).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        for text in ["separator", "interface", "target 40", "Resistance"] {
            assert!(svg.contains(text), "missing {text}");
        }
        // three bars (rects beyond the background and legend box)
        assert!(svg.matches("<rect").count() >= 4);
        let empty = BarChart {
            bars: vec![],
            ..chart
        };
        assert!(matches!(
            empty.to_svg((10, 10)),
            Err(PlotError::NoData { .. })
        ));
    }
}
