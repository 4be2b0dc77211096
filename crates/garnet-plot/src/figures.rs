//! The figures garnet draws, each defined once on plain data: the CLI (`--plot`,
//! `--bode`) and the HTML report call these constructors, so a figure's axes (labels,
//! logarithmic or not) are decided here and nowhere else. Each returns an [`XyPlot`] to
//! [`XyPlot::write`] to a file or [`XyPlot::to_svg`] into a page.
//!
//! Impedance points are given as (Z′, Z″) in ohms (or ohm square centimetres); the
//! constructors plot −Z″ upward, as electrochemists do.

use std::path::{Path, PathBuf};

use crate::{Series, Style, XyPlot};

impl Series {
    /// A series from its label, points and style.
    pub fn new(label: impl Into<String>, points: Vec<(f64, f64)>, style: Style) -> Self {
        Self {
            label: label.into(),
            points,
            style,
        }
    }
}

/// What an impedance is per: the cell or pellet (Ω, a measured spectrum) or its area
/// (Ω cm², a simulated cell). The labels are those each output has always had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImpedanceUnit {
    /// Ohms: `Z′ (Ω)`, `−Z″ (Ω)`.
    Ohm,
    /// Ohm square centimetres: `Z' (Ω cm²)`, `−Z'' (Ω cm²)`.
    OhmCm2,
}

impl ImpedanceUnit {
    fn labels(self) -> (&'static str, &'static str) {
        match self {
            Self::Ohm => ("Z′ (Ω)", "−Z″ (Ω)"),
            Self::OhmCm2 => ("Z' (Ω cm²)", "−Z'' (Ω cm²)"),
        }
    }
}

/// A Nyquist plot: each series' (Z′, Z″) points drawn as (Z′, −Z″) on linear axes.
pub fn nyquist(title: impl Into<String>, unit: ImpedanceUnit, series: Vec<Series>) -> XyPlot {
    let (x_label, y_label) = unit.labels();
    XyPlot {
        title: title.into(),
        x_label: x_label.into(),
        y_label: y_label.into(),
        log_x: false,
        log_y: false,
        series: series
            .into_iter()
            .map(|s| Series {
                points: s.points.iter().map(|&(re, im)| (re, -im)).collect(),
                ..s
            })
            .collect(),
    }
}

/// Bode plots of measured data (points) and a fitted model (line), each given as
/// (frequency in Hz, Z′, Z″): |Z| against frequency (log–log), and −phase in degrees
/// against log frequency. `name` (e.g. the circuit) follows each title.
pub fn bode(name: &str, data: &[(f64, f64, f64)], fit: &[(f64, f64, f64)]) -> (XyPlot, XyPlot) {
    let panel = |title: &str, y_label: &str, log_y: bool, y: fn(f64, f64) -> f64| XyPlot {
        title: format!("{title}: {name}"),
        x_label: "f (Hz)".into(),
        y_label: y_label.into(),
        log_x: true,
        log_y,
        series: vec![
            Series::new(
                "data",
                data.iter().map(|&(f, re, im)| (f, y(re, im))).collect(),
                Style::Points,
            ),
            Series::new(
                "fit",
                fit.iter().map(|&(f, re, im)| (f, y(re, im))).collect(),
                Style::Line,
            ),
        ],
    };
    (
        panel("Bode |Z|", "|Z| (Ω)", true, f64::hypot),
        panel("Bode phase", "−phase (°)", false, |re, im| {
            -im.atan2(re).to_degrees()
        }),
    )
}

/// Where the phase panel of a Bode plot written to `path` goes: the same name with
/// `-phase` before the extension (`bode.png` → `bode-phase.png`).
pub fn bode_phase_path(path: &Path) -> PathBuf {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("bode");
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("png");
    path.with_file_name(format!("{stem}-phase.{ext}"))
}

/// The relative residuals (fractions, drawn in %) of a Kramers–Kronig test with `m`
/// RC elements, against log frequency.
pub fn kk_residuals(m: usize, frequency_hz: &[f64], real: &[f64], imag: &[f64]) -> XyPlot {
    let pts = |v: &[f64]| -> Vec<(f64, f64)> {
        frequency_hz
            .iter()
            .zip(v)
            .map(|(f, d)| (*f, 100.0 * d))
            .collect()
    };
    XyPlot {
        title: format!("Kramers–Kronig residuals, M = {m}"),
        x_label: "frequency (Hz)".into(),
        y_label: "residual (%)".into(),
        log_x: true,
        log_y: false,
        series: vec![
            Series::new("real", pts(real), Style::LinePoints),
            Series::new("imaginary", pts(imag), Style::LinePoints),
        ],
    }
}

/// A distribution of relaxation times γ(τ) (Ω) against log τ (s).
pub fn drt(tau_s: &[f64], gamma_ohm: &[f64]) -> XyPlot {
    XyPlot {
        title: "Distribution of relaxation times".into(),
        x_label: "τ (s)".into(),
        y_label: "γ (Ω)".into(),
        log_x: true,
        log_y: false,
        series: vec![Series::new(
            "γ(ln τ)",
            tau_s
                .iter()
                .copied()
                .zip(gamma_ohm.iter().copied())
                .collect(),
            Style::Line,
        )],
    }
}

/// An Arrhenius plot: each series' (T in kelvin, y) points drawn as (1000/T, y) on a
/// logarithmic y axis labelled `y_label` (σ or σT with its unit).
pub fn arrhenius(title: impl Into<String>, y_label: &str, series: Vec<Series>) -> XyPlot {
    XyPlot {
        title: title.into(),
        x_label: "1000/T (1/K)".into(),
        y_label: y_label.into(),
        log_x: false,
        log_y: true,
        series: series
            .into_iter()
            .map(|s| Series {
                points: s.points.iter().map(|&(t, y)| (1000.0 / t, y)).collect(),
                ..s
            })
            .collect(),
    }
}

/// One contribution of [`arrhenius_fits`]: its measured (T in K, y) points and its
/// fitted line (T in K, y).
#[derive(Debug, Clone, PartialEq)]
pub struct ArrheniusGroup {
    /// Legend label of the points (the line gets `label` + " fit" + `fit_note`).
    pub label: String,
    /// Measured points (T in K, y).
    pub points: Vec<(f64, f64)>,
    /// The fitted line (T in K, y).
    pub line: Vec<(f64, f64)>,
    /// Appended to the line's label, e.g. ", Eₐ = 0.38 eV".
    pub fit_note: String,
}

/// An Arrhenius plot with fitted lines: for each group (bulk, grain boundary, total, …)
/// its points as markers and its fitted line, all against 1000/T ([`arrhenius`]).
pub fn arrhenius_fits(
    title: impl Into<String>,
    y_label: &str,
    groups: Vec<ArrheniusGroup>,
) -> XyPlot {
    let series = groups
        .into_iter()
        .flat_map(|g| {
            let line = format!("{} fit{}", g.label, g.fit_note);
            [
                Series::new(g.label, g.points, Style::Points),
                Series::new(line, g.line, Style::Line),
            ]
        })
        .collect();
    arrhenius(title, y_label, series)
}

/// Discharge curves: one line per (label, (capacity, voltage in V) points), the
/// capacity in `capacity_unit` (e.g. `mAh`).
pub fn discharge(
    title: impl Into<String>,
    capacity_unit: &str,
    curves: Vec<(String, Vec<(f64, f64)>)>,
) -> XyPlot {
    XyPlot {
        title: title.into(),
        x_label: format!("capacity ({capacity_unit})"),
        y_label: "voltage (V)".into(),
        log_x: false,
        log_y: false,
        series: curves
            .into_iter()
            .map(|(label, points)| Series::new(label, points, Style::Line))
            .collect(),
    }
}

/// A scatter plot of groups of points, one colour (and legend entry) per group.
pub fn scatter(
    title: impl Into<String>,
    (x_label, log_x): (&str, bool),
    (y_label, log_y): (&str, bool),
    groups: Vec<(String, Vec<(f64, f64)>)>,
) -> XyPlot {
    XyPlot {
        title: title.into(),
        x_label: x_label.into(),
        y_label: y_label.into(),
        log_x,
        log_y,
        series: groups
            .into_iter()
            .map(|(label, points)| Series::new(label, points, Style::Points))
            .collect(),
    }
}

/// A Pareto plot of two objectives: every candidate as a point, the front joined by a
/// line; the x objective on a logarithmic axis.
pub fn pareto(
    title: impl Into<String>,
    (x_label, y_label): (&str, &str),
    candidates: Vec<(f64, f64)>,
    front: Vec<(f64, f64)>,
) -> XyPlot {
    XyPlot {
        title: title.into(),
        x_label: x_label.into(),
        y_label: y_label.into(),
        log_x: true,
        log_y: false,
        series: vec![
            Series::new("candidates", candidates, Style::Points),
            Series::new("Pareto front", front, Style::LinePoints),
        ],
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn nyquist_plots_minus_z_imag_and_keeps_each_outputs_labels() {
        let p = nyquist(
            "t",
            ImpedanceUnit::OhmCm2,
            vec![Series::new("s", vec![(1.0, -2.0)], Style::Points)],
        );
        assert_eq!(p.series[0].points, vec![(1.0, 2.0)]);
        assert_eq!((p.x_label.as_str(), p.log_x), ("Z' (Ω cm²)", false));
        assert_eq!(nyquist("t", ImpedanceUnit::Ohm, vec![]).y_label, "−Z″ (Ω)");
    }

    #[test]
    fn bode_gives_magnitude_and_phase() {
        let (m, p) = bode("R0", &[(10.0, 3.0, -4.0)], &[(10.0, 1.0, -1.0)]);
        assert_eq!(m.series[0].points, vec![(10.0, 5.0)]);
        assert!((p.series[1].points[0].1 - 45.0).abs() < 1e-12);
        assert!(m.log_x && m.log_y && p.log_x && !p.log_y);
        assert_eq!(m.title, "Bode |Z|: R0");
        let path = bode_phase_path(Path::new("out/b.svg"));
        assert_eq!(path, Path::new("out/b-phase.svg"));
    }

    #[test]
    fn arrhenius_plots_against_1000_over_t() {
        let p = arrhenius(
            "A",
            "σ (S/cm)",
            vec![Series::new("x", vec![(500.0, 1e-3)], Style::LinePoints)],
        );
        assert_eq!(p.series[0].points, vec![(2.0, 1e-3)]);
        assert!(p.log_y && !p.log_x);
    }

    #[test]
    fn arrhenius_fits_draw_points_and_a_line_per_group() {
        let g = ArrheniusGroup {
            label: "bulk".into(),
            points: vec![(250.0, 1.0), (500.0, 2.0)],
            line: vec![(250.0, 1.0), (400.0, 1.5), (500.0, 2.0)],
            fit_note: ", Eₐ = 0.38 eV".into(),
        };
        let p = arrhenius_fits("A", "σT", vec![g]);
        assert_eq!(p.series.len(), 2);
        assert_eq!(p.series[0].style, Style::Points);
        assert_eq!(p.series[1].style, Style::Line);
        assert_eq!(p.series[1].label, "bulk fit, Eₐ = 0.38 eV");
        assert_eq!(p.series[1].points[1], (2.5, 1.5), "1000/T");
    }

    #[test]
    fn the_other_figures_set_their_axes() {
        let k = kk_residuals(3, &[1.0, 10.0], &[0.01, 0.02], &[0.0, -0.01]);
        assert_eq!(k.series[0].points, vec![(1.0, 1.0), (10.0, 2.0)]);
        assert_eq!(k.title, "Kramers–Kronig residuals, M = 3");
        assert!(drt(&[1.0], &[2.0]).log_x);
        let d = discharge("d", "mAh", vec![("1C".into(), vec![(0.0, 4.0)])]);
        assert_eq!(d.x_label, "capacity (mAh)");
        assert_eq!(d.series[0].style, Style::Line);
        let s = scatter("s", ("x", true), ("y", false), vec![("g".into(), vec![])]);
        assert!(s.log_x && !s.log_y && s.series[0].style == Style::Points);
        let p = pareto("p", ("a", "b"), vec![(1.0, 1.0)], vec![(1.0, 1.0)]);
        assert_eq!(p.series[1].label, "Pareto front");
    }
}
