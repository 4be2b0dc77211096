//! A measured impedance spectrum and what the file said about it.

use num_complex::Complex64;
use serde::Serialize;

use crate::error::EisError;

/// Metadata an instrument file may hold; everything optional, SI units.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Metadata {
    /// Sample temperature (K).
    pub temperature_k: Option<f64>,
    /// Electrode area (m²).
    pub area_m2: Option<f64>,
    /// Date and time as written in the file.
    pub date: Option<String>,
    /// Instrument or file format.
    pub format: Option<String>,
    /// Notes the reader wants to pass on (assumptions made, e.g. the sign convention).
    pub notes: Vec<String>,
}

/// An impedance spectrum: frequencies (Hz) and complex impedances (Ω), with
/// Im Z negative for a capacitive arc (the physics convention).
#[derive(Debug, Clone, PartialEq)]
pub struct Spectrum {
    frequency_hz: Vec<f64>,
    z: Vec<Complex64>,
    /// What the file said about the measurement.
    pub metadata: Metadata,
}

impl Spectrum {
    /// A spectrum from frequencies (Hz, > 0) and impedances (Ω, finite), same length, at
    /// least one point.
    pub fn new(frequency_hz: Vec<f64>, z: Vec<Complex64>) -> Result<Self, EisError> {
        if frequency_hz.len() != z.len() {
            return Err(EisError::BadSpectrum(format!(
                "{} frequencies but {} impedances",
                frequency_hz.len(),
                z.len()
            )));
        }
        if frequency_hz.is_empty() {
            return Err(EisError::BadSpectrum("no data points".to_string()));
        }
        if let Some(i) = frequency_hz
            .iter()
            .position(|f| !(f.is_finite() && *f > 0.0))
        {
            return Err(EisError::BadSpectrum(format!(
                "point {}: frequency {} Hz is not a positive number",
                i + 1,
                frequency_hz[i]
            )));
        }
        if let Some(i) = z
            .iter()
            .position(|z| !(z.re.is_finite() && z.im.is_finite()))
        {
            return Err(EisError::BadSpectrum(format!(
                "point {}: impedance {} is not finite",
                i + 1,
                z[i]
            )));
        }
        Ok(Self {
            frequency_hz,
            z,
            metadata: Metadata::default(),
        })
    }

    /// Frequencies (Hz).
    pub fn frequency_hz(&self) -> &[f64] {
        &self.frequency_hz
    }

    /// Impedances (Ω).
    pub fn z(&self) -> &[Complex64] {
        &self.z
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.z.len()
    }

    /// Whether there are no points (never true for a constructed spectrum).
    pub fn is_empty(&self) -> bool {
        self.z.is_empty()
    }

    fn keep(&self, pred: impl Fn(f64, Complex64) -> bool) -> Result<Self, EisError> {
        let (f, z): (Vec<f64>, Vec<Complex64>) = self
            .frequency_hz
            .iter()
            .zip(&self.z)
            .filter(|(f, z)| pred(**f, **z))
            .map(|(f, z)| (*f, *z))
            .unzip();
        let mut s = Spectrum::new(f, z)?;
        s.metadata = self.metadata.clone();
        Ok(s)
    }

    /// The points with `fmin ≤ f ≤ fmax` (Hz); an error if none is left.
    pub fn band(&self, fmin: Option<f64>, fmax: Option<f64>) -> Result<Self, EisError> {
        let lo = fmin.unwrap_or(0.0);
        let hi = fmax.unwrap_or(f64::INFINITY);
        self.keep(|f, _| f >= lo && f <= hi)
            .map_err(|_| EisError::BadSpectrum(format!("no points between {lo} Hz and {hi} Hz")))
    }

    /// The points with Im Z ≤ 0 (drops an inductive tail, as impedance.py's
    /// `ignoreBelowX` does).
    pub fn capacitive_only(&self) -> Result<Self, EisError> {
        self.keep(|_, z| z.im <= 0.0)
    }

    /// `n` ≥ 2 frequencies log-spaced from the lowest to the highest of the spectrum
    /// (Hz), ends included: where a fitted model is drawn.
    pub fn log_grid(&self, n: usize) -> Vec<f64> {
        let (lo, hi) = self
            .frequency_hz
            .iter()
            .fold((f64::INFINITY, 0.0f64), |(a, b), &x| (a.min(x), b.max(x)));
        let last = n.saturating_sub(1).max(1) as f64;
        (0..n)
            .map(|i| (lo.ln() + (hi / lo).ln() * i as f64 / last).exp())
            .collect()
    }

    /// The same spectrum with the imaginary part negated (for files that store −Im Z).
    pub fn conjugated(&self) -> Self {
        Self {
            frequency_hz: self.frequency_hz.clone(),
            z: self.z.iter().map(|z| z.conj()).collect(),
            metadata: self.metadata.clone(),
        }
    }
}
