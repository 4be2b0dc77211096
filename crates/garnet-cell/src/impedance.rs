//! Small-signal impedance of a cell design from the linearised model.
//!
//! Around a rest state y₀ at a chosen state of charge, the model M·ẏ = f(y, I) is
//! linearised: (jω·M − J)·δy = (∂f/∂I)·δI, δV = (∂V/∂y)·δy + (∂V/∂I)·δI, and
//! Z(ω) = −δV/δI (discharge current positive, so a resistance is positive). J is
//! taken by finite differences of the residual (exact up to rounding for the linear
//! parts); the complex system has the model's structure — each particle's
//! tridiagonal block couples to its double-layer voltage only through the surface — and
//! is solved in O(N·M) per frequency by the same block elimination as the time
//! integration, in complex arithmetic.

use garnet_solve::Problem;
use num_complex::Complex64;
use serde::Serialize;

use crate::model::{Control, Model};
use crate::{CellError, CellParams, StateOfCharge};

/// One point of a simulated spectrum.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ImpedancePoint {
    /// Frequency (Hz).
    pub frequency_hz: f64,
    /// Re Z per electrode area (Ω cm²).
    pub z_real_ohm_cm2: f64,
    /// Im Z per electrode area (Ω cm²), negative for capacitive behaviour.
    pub z_imag_ohm_cm2: f64,
    /// Re Z of the cell (Ω).
    pub z_real_ohm: f64,
    /// Im Z of the cell (Ω).
    pub z_imag_ohm: f64,
}

/// The linearised model at one state: mass diagonal, Jacobian entries on the model's
/// sparsity pattern, and the current/voltage couplings.
struct Linearised {
    nx: usize,
    nr: usize,
    mass: Vec<f64>,
    /// Full dense Jacobian ∂f/∂y (y without I), row-major n×n; n ≈ 400 so this is small.
    jac: Vec<f64>,
    /// ∂f/∂I.
    b: Vec<f64>,
    /// ∂V/∂y and ∂V/∂I.
    dv_dy: Vec<f64>,
    dv_di: f64,
    n: usize,
}

fn linearise(model: &mut Model, y0: &[f64]) -> Result<Linearised, CellError> {
    let err = |e: garnet_solve::SolveError| CellError::Solver {
        step: 0,
        description: "linearisation for the impedance".to_string(),
        source: e,
    };
    model.control = Control::Current(0.0);
    let n_all = model.len();
    let ic = model.current();
    let n = n_all - 1; // I is the last unknown
    let mut mass_all = vec![0.0; n_all];
    model.mass(&mut mass_all);
    let mut f0 = vec![0.0; n_all];
    model.rhs(0.0, y0, &mut f0).map_err(err)?;
    let mut jac = vec![0.0; n * n];
    let mut b = vec![0.0; n];
    let mut y = y0.to_vec();
    let mut f1 = vec![0.0; n_all];
    // Central differences: the residual is smooth and cheap.
    let mut f2 = vec![0.0; n_all];
    for col in 0..n_all {
        let h = 1e-7 * y0[col].abs().max(1e-3);
        y[col] = y0[col] + h;
        model.rhs(0.0, &y, &mut f1).map_err(err)?;
        y[col] = y0[col] - h;
        model.rhs(0.0, &y, &mut f2).map_err(err)?;
        y[col] = y0[col];
        for row in 0..n {
            let d = (f1[row] - f2[row]) / (2.0 * h);
            if col == ic {
                b[row] = d;
            } else {
                jac[row * n + col] = d;
            }
        }
    }
    let mut grad = vec![0.0; n_all];
    model.voltage_gradient(y0, &mut grad);
    let dv_di = grad[ic];
    grad.truncate(n);
    mass_all.truncate(n);
    Ok(Linearised {
        nx: model.nx(),
        nr: model.nr(),
        mass: mass_all,
        jac,
        b,
        dv_dy: grad,
        dv_di,
        n,
    })
}

impl Linearised {
    fn j(&self, r: usize, c: usize) -> f64 {
        self.jac[r * self.n + c]
    }

    /// Solve (jω·M − J)·x = b on the model's structure and return δV for δI = 1.
    fn voltage_response(&self, omega: f64, m: &Model) -> Complex64 {
        let (nx, nr) = (self.nx, self.nr);
        let jw = Complex64::new(0.0, omega);
        let g = |r: usize, c: usize| -> Complex64 {
            let d = if r == c {
                jw * self.mass[r]
            } else {
                Complex64::new(0.0, 0.0)
            };
            d - self.j(r, c)
        };
        let mut x: Vec<Complex64> = self.b.iter().map(|&v| Complex64::new(v, 0.0)).collect();
        // Anode interface and charge rows are diagonal in y.
        for idx in [Model::ANODE, Model::CHARGE] {
            let d = g(idx, idx);
            x[idx] = if d.norm() > 0.0 {
                x[idx] / d
            } else {
                Complex64::new(0.0, 0.0)
            };
        }
        // Particle blocks: Thomas factorisation, w = P⁻¹·(column of Δφ_i), reduce rows.
        let mut s_diag = vec![Complex64::new(0.0, 0.0); nx];
        let mut w_all = vec![Complex64::new(0.0, 0.0); nx * nr];
        let mut t_all = vec![Complex64::new(0.0, 0.0); nx * nr];
        for i in 0..nx {
            let idx = |k: usize| m.conc(i, k);
            let phi = m.phi(i);
            let mut diag: Vec<Complex64> = (0..nr).map(|k| g(idx(k), idx(k))).collect();
            let lower: Vec<Complex64> = (0..nr)
                .map(|k| {
                    if k > 0 {
                        g(idx(k), idx(k - 1))
                    } else {
                        Complex64::new(0.0, 0.0)
                    }
                })
                .collect();
            let upper: Vec<Complex64> = (0..nr)
                .map(|k| {
                    if k + 1 < nr {
                        g(idx(k), idx(k + 1))
                    } else {
                        Complex64::new(0.0, 0.0)
                    }
                })
                .collect();
            let mut mult = vec![Complex64::new(0.0, 0.0); nr];
            for k in 1..nr {
                mult[k] = lower[k] / diag[k - 1];
                let u = upper[k - 1];
                diag[k] -= mult[k] * u;
            }
            let solve = |rhs: &mut [Complex64]| {
                for k in 1..nr {
                    let prev = rhs[k - 1];
                    rhs[k] -= mult[k] * prev;
                }
                rhs[nr - 1] /= diag[nr - 1];
                for k in (0..nr - 1).rev() {
                    let next = rhs[k + 1];
                    rhs[k] = (rhs[k] - upper[k] * next) / diag[k];
                }
            };
            // Column coupling particle rows to Δφ_i.
            let mut w: Vec<Complex64> = (0..nr).map(|k| g(idx(k), phi)).collect();
            solve(&mut w);
            let mut t: Vec<Complex64> = (0..nr).map(|k| x[idx(k)]).collect();
            solve(&mut t);
            // Row coupling Δφ_i to its particle.
            let row: Vec<Complex64> = (0..nr).map(|k| g(phi, idx(k))).collect();
            let rw: Complex64 = row.iter().zip(&w).map(|(a, b)| a * b).sum();
            let rt: Complex64 = row.iter().zip(&t).map(|(a, b)| a * b).sum();
            s_diag[i] = g(phi, phi) - rw;
            x[phi] -= rt;
            w_all[i * nr..(i + 1) * nr].copy_from_slice(&w);
            t_all[i * nr..(i + 1) * nr].copy_from_slice(&t);
        }
        // Tridiagonal Schur system in Δφ.
        let lower: Vec<Complex64> = (0..nx)
            .map(|i| {
                if i > 0 {
                    g(m.phi(i), m.phi(i - 1))
                } else {
                    Complex64::new(0.0, 0.0)
                }
            })
            .collect();
        let upper: Vec<Complex64> = (0..nx)
            .map(|i| {
                if i + 1 < nx {
                    g(m.phi(i), m.phi(i + 1))
                } else {
                    Complex64::new(0.0, 0.0)
                }
            })
            .collect();
        let mut d = s_diag;
        let mut rhs: Vec<Complex64> = (0..nx).map(|i| x[m.phi(i)]).collect();
        for i in 1..nx {
            let mlt = lower[i] / d[i - 1];
            let u = upper[i - 1];
            d[i] -= mlt * u;
            let prev = rhs[i - 1];
            rhs[i] -= mlt * prev;
        }
        rhs[nx - 1] /= d[nx - 1];
        for i in (0..nx.saturating_sub(1)).rev() {
            let next = rhs[i + 1];
            rhs[i] = (rhs[i] - upper[i] * next) / d[i];
        }
        for i in 0..nx {
            x[m.phi(i)] = rhs[i];
            for k in 0..nr {
                x[m.conc(i, k)] = t_all[i * nr + k] - w_all[i * nr + k] * rhs[i];
            }
        }
        let dv: Complex64 = self.dv_dy.iter().zip(&x).map(|(g, v)| v * *g).sum();
        dv + self.dv_di
    }
}

/// The small-signal impedance of a design at state of charge `soc` (the design's
/// initial state when `None`; checked by [`StateOfCharge::new`]) at the given frequencies.
///
/// The linearised model holds each [`crate::SeriesLayer`] as a pure resistance R; the
/// spectrum replaces it by R ∥ C: Z(ω) = Z_model(ω) + Σ_k [R_k/(1 + jωR_kC_k) − R_k]
/// ([`series_layer_correction`]), so that the separator's bulk and grain boundaries and
/// the anode-side Li₂CO₃ give arcs at 1/(2πR_kC_k) and Z → the rest of the model's
/// ohmic resistance (0 when every series resistance has a capacitance) as ω → ∞.
pub fn simulate_impedance(
    p: &CellParams,
    soc: Option<f64>,
    frequencies: &[f64],
) -> Result<Vec<ImpedancePoint>, CellError> {
    let mut params = p.clone();
    if let Some(s) = soc {
        params.x_init = StateOfCharge::new(s)?.stoichiometry(p.x_charged, p.x_discharged);
    }
    let mut model = Model::new(params.clone());
    let y0 = model.initial_state(params.x_init);
    let lin = linearise(&mut model, &y0)?;
    Ok(frequencies
        .iter()
        .map(|&f| {
            let omega = 2.0 * std::f64::consts::PI * f;
            let z = -lin.voltage_response(omega, &model) + series_layer_correction(p, omega);
            ImpedancePoint {
                frequency_hz: f,
                z_real_ohm_cm2: z.re * 1e4,
                z_imag_ohm_cm2: z.im * 1e4,
                z_real_ohm: z.re / params.area,
                z_imag_ohm: z.im / params.area,
            }
        })
        .collect())
}

/// The model's ohmic resistance per electrode area (Ω m²): the resistance with every
/// double layer shorted (Δφ frozen), i.e. the high-frequency limit of the impedance:
/// R_Li + L_s/σ_sep + R_face + ½Δx/σ_e + (N−1)·Δx·κ/(σ_s·σ_e) + ½Δx·(1 − κ/σ_s)/σ_s.
pub fn ohmic_resistance(p: &CellParams) -> f64 {
    let (_, nx, _) = p.mesh;
    let dx = p.l_cat / nx as f64;
    let kappa = 1.0 / (1.0 / p.sigma_e_eff + 1.0 / p.sigma_s_eff);
    let last = if nx > 1 {
        0.5 * dx * (1.0 - kappa / p.sigma_s_eff) / p.sigma_s_eff
    } else {
        0.5 * dx / p.sigma_s_eff
    };
    p.anode_resistance
        + p.l_sep / p.sigma_sep
        + p.cathode_face_resistance
        + 0.5 * dx / p.sigma_e_eff
        + (nx as f64 - 1.0) * dx * kappa / (p.sigma_s_eff * p.sigma_e_eff)
        + last
}

/// The change of the impedance per electrode area (Ω m²) when each series layer's pure
/// resistance R becomes R ∥ C: Σ_k [R_k/(1 + jωR_kC_k) − R_k] (0 at ω = 0; −Σ R_k as
/// ω → ∞). Layers without capacitance do not contribute.
pub fn series_layer_correction(p: &CellParams, omega: f64) -> Complex64 {
    p.series_layers
        .iter()
        .filter(|l| l.capacitance > 0.0 && l.resistance > 0.0)
        .map(|l| {
            let r = l.resistance;
            let one = Complex64::new(1.0, 0.0);
            r / (one + Complex64::new(0.0, omega * r * l.capacitance)) - r
        })
        .sum()
}

/// What a reader of a simulated spectrum between `fmin` and `fmax` (Hz) should know:
/// each series layer's arc (apex 1/(2πRC), its R and C), whether the band reaches it,
/// and the permittivities that are estimates. One line each, for output.
pub fn spectrum_notes(p: &CellParams, fmin: f64, fmax: f64) -> Vec<String> {
    let mut notes = Vec::new();
    for l in p.series_layers.iter().filter(|l| l.capacitance > 0.0) {
        let f = l.apex_frequency();
        let mut line = format!(
            "{}: R = {:.4} Ω cm², C = {:.3e} F/cm², arc apex at {:.3e} Hz",
            l.kind.label(),
            l.resistance * 1e4,
            l.capacitance * 1e-4,
            f
        );
        if f > fmax {
            line.push_str(&format!(
                " — above the band's {:.3e} Hz: the spectrum's high-frequency end still contains this layer's resistance",
                fmax
            ));
        } else if f < fmin {
            line.push_str(" — below the band");
        }
        if l.permittivity_estimated {
            line.push_str(" (permittivity estimated: the frequency is an order of magnitude)");
        }
        notes.push(line);
    }
    notes
}
