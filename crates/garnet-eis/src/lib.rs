//! Impedance spectroscopy (EIS) for garnet: why and how data flows.
//!
//! Garnet researchers measure bulk and grain-boundary conduction of LLZO pellets and
//! the resistances of a cell's interfaces with impedance spectroscopy. This crate
//! turns spectra into those numbers:
//!
//! ```text
//! text of an instrument file ──readers──▶ Spectrum (f in Hz, Z in Ω, metadata)
//! circuit string ──parser──▶ Circuit (typed tree, parameters with units and bounds)
//! Spectrum + Circuit ──fit──▶ FitResult (values, standard errors, χ², AIC/BIC, correlations)
//! Spectrum ──kk──▶ Kramers–Kronig residuals      Spectrum ──drt──▶ γ(ln τ) and its peaks
//! FitResult + pellet geometry ──conductivity──▶ bulk / grain-boundary / total σ ──▶ Arrhenius Eₐ
//! [Spectrum] + [T] + geometry ──arrhenius──▶ a temperature series (bulk arc may leave the window)
//! two spectra + Circuit ──compare──▶ the same circuit fitted to both, element by element
//! [Spectrum] + Circuit ──batch──▶ parallel fits, series fits (each from the previous), bench
//! results ──records──▶ what `garnet eis … --json` prints (fit, bench, conductivity, Arrhenius)
//! ```
//!
//! A fit runs several starts ([`starts`]: the spectrum's guesses, then random ones,
//! until two agree), puts interchangeable blocks in time-constant order ([`order`]),
//! weights residuals as the field does ([`weighting`]) and reports its quality
//! ([`quality`]: conditioning, undetermined parameters, a Kramers–Kronig check).
//!
//! [`FitOptions::validate`] (module [`bounds`]) is the one check of a fit's set-up —
//! bounds, starts, initial and fixed values — used by [`fit`], the CLI and Python; the
//! one Cholesky factorisation and triangular solve are in the private `linalg` module.
//!
//! Domain code does no I/O: readers take the text of a file (the caller reads it) and
//! return a [`Spectrum`]; everything is SI (Hz, Ω, F, s, m, K).

pub mod arrhenius;
pub mod batch;
pub mod bounds;
pub mod circuit;
pub mod compare;
pub mod conductivity;
pub mod drt;
pub mod element;
mod error;
pub mod parser;
pub mod readers;
pub mod records;

pub use batch::{bench, fit_batch, fit_series, fit_timed, Bench, TimedFit};
pub use bounds::{parameter_bounds, FitOption};
pub use circuit::{Circuit, Element, Node};
pub use element::{Bound, ElementKind, ParamSpec};
pub use error::EisError;
pub mod fit;
pub mod guess;
pub mod kk;
mod linalg;
pub mod lm;
pub mod order;
pub mod quality;
pub mod spectrum;
pub mod starts;
pub mod weighting;

pub use fit::{fit, FitOptions, FitResult, FittedParameter, Weighting};
pub use num_complex::Complex64;
pub use quality::FitQuality;
pub use spectrum::{Metadata, Spectrum};
