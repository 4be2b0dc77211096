//! The single-ion DFN model of a garnet cell: equations, residual, and the structured
//! Newton solve.
//!
//! Domain: Li-metal anode at x = 0 | garnet separator (0, L_s) | composite cathode
//! (L_s, L_s + L_c) of active particles (radius R, volume fraction ε_am), garnet
//! (ε_e) and the rest inert. The garnet is a single-ion conductor (t₊ = 1), so there is
//! no salt gradient: ions move by Ohm's law. All symbols SI; see `docs/model.md`.
//!
//! Equations (discharge current density I > 0, currents positive towards +x):
//!
//! * Separator: i_e = I, Ohm's law with σ_sep.
//! * Cathode, charge: ∂i_e/∂x = a·j, i_e + i_s = I, i_e = −σ_e,eff ∂φ_e/∂x,
//!   i_s = −σ_s,eff ∂φ_s/∂x, with a = 3ε_am/R, σ_e,eff = σ_e·ε_e^b (Bruggeman),
//!   i_e(L_s) = I, i_e(L_s + L_c) = 0. Eliminating the potentials in favour of the
//!   double-layer voltage Δφ = φ_s − φ_e gives i_e = κ(∂Δφ/∂x + I/σ_s,eff) with
//!   κ = (1/σ_e,eff + 1/σ_s,eff)⁻¹, and
//!   a·C_dl·∂Δφ/∂t = ∂i_e/∂x − a·j_F. σ_s,eff = σ_s·(ε_am + ε_carbon)^b_s may depend on
//!   the local state of charge; κ is then per face (`model/electronic.rs`).
//! * Kinetics (Butler–Volmer, α = ½): j_F = 2·j₀(x_s)·sinh(F·η/(2RT)),
//!   η = Δφ − U(x_s), j₀(x) = 2·j₀,½·√(x(1−x)) so that j₀(½) = j₀,½ (the
//!   √(c_s(c_max−c_s)) dependence of Doyle, Fuller & Newman 1993 at fixed electrolyte
//!   concentration).
//! * Particles (Fick, spherical): ∂c/∂t = r⁻²∂_r(D r² ∂_r c), ∂_r c(0) = 0,
//!   −D ∂_r c(R) = j_F/F.
//! * Li-metal anode: C_dl,a·dΔφ_a/dt = I − j_a(Δφ_a), φ_e(0) = −Δφ_a − I·R_s,a, with
//!   j_a = Δφ_a/R_a for an ohmic interface (contact/constriction resistance R_a) or
//!   j_a = 2·j₀,a·sinh(F·Δφ_a/(2RT)) for a kinetic one; R_s,a is any series resistance
//!   at the anode (Li₂CO₃). With C_dl,a = 0 the row is algebraic.
//! * Terminal voltage: V = φ_s(L_s + L_c) (the anode's φ_s is 0), with the separator's
//!   drop I·L_s/σ_sep and that of a Li₂CO₃ layer on its cathode face, I·R_face.
//!
//! Discretisation: finite volumes, uniform in x (cell centres) and in r (spherical
//! shells of volume (r₊³ − r₋³)/3 per steradian); the surface concentration is the
//! linear extrapolation through the last two shell centres.
//!
//! Unknowns: [Δφ_a, q, Δφ_0…Δφ_{N−1}, c_{0,0}…c_{N−1,M−1}, I] where q = ∫I dt is the
//! charge passed (C/m²). The current I is an algebraic unknown: fixed in
//! current-controlled steps, found from V = V_set in voltage-controlled steps. The
//! Newton matrix is solved in O(N·M): each particle's tridiagonal block is eliminated
//! (it couples to its Δφ only through its surface), leaving a tridiagonal system in
//! Δφ, bordered by the one column and row of I.

use garnet_solve::{Problem, SolveError};
use garnet_units::constants::{FARADAY, GAS};

use crate::{CellParams, InterfaceModel};

mod breakdown;
mod electronic;
mod newton;

pub use breakdown::{reaction_weights, Breakdown};

/// sinh and cosh from one exponential: the kinetics evaluate both on every residual
/// and Jacobian, and libm's sinh is several times the cost of one exp. Below |x| = 0.1
/// the Taylor series (to x⁹, error < 1e-17 relative) keeps sinh's relative accuracy
/// where e^x − e^−x would cancel.
#[inline]
fn sinh_cosh(x: f64) -> (f64, f64) {
    if x.abs() < 0.1 {
        let x2 = x * x;
        let s = x * (1.0 + x2 / 6.0 * (1.0 + x2 / 20.0 * (1.0 + x2 / 42.0 * (1.0 + x2 / 72.0))));
        let c = 1.0 + x2 / 2.0 * (1.0 + x2 / 12.0 * (1.0 + x2 / 30.0 * (1.0 + x2 / 56.0)));
        return (s, c);
    }
    let e = x.exp();
    let inv = 1.0 / e;
    (0.5 * (e - inv), 0.5 * (e + inv))
}

/// What controls the current.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Control {
    /// Fixed current density (A/m², positive = discharge).
    Current(f64),
    /// Fixed terminal voltage (V).
    Voltage(f64),
}

/// The discretised model.
#[derive(Debug, Clone)]
pub struct Model {
    /// Parameters.
    pub p: CellParams,
    /// Current control.
    pub control: Control,
    nx: usize,
    nr: usize,
    dx: f64,
    f_rt: f64,
    kappa: f64,
    a: f64,
    vol: Vec<f64>,
    inv_vol: Vec<f64>,
    inv_dx: f64,
    inv_sigma_s: f64,
    /// (x, ln σ_s,eff) of a state-of-charge-dependent electronic conductivity (empty:
    /// σ_s,eff constant); see `model/electronic.rs`.
    sigma_ln: Vec<(f64, f64)>,
    inv_cmax: f64,
    /// Face coefficient A_k·D/Δr for the face between shells k−1 and k (k = 1..M−1).
    face: Vec<f64>,
    surf_area: f64,
    particle_volume: f64,
    // Newton factorisation storage.
    /// Shared Thomas factors of the particle blocks (rows 0…M−2): reciprocal pivots,
    /// multipliers and upper diagonal.
    p_diag: Vec<f64>,
    p_lower: Vec<f64>,
    p_upper: Vec<f64>,
    /// Per-volume multiplier and reciprocal pivot of the last (surface) row.
    last_mult: Vec<f64>,
    last_inv_piv: Vec<f64>,
    w: Vec<f64>,
    g_last: Vec<f64>,
    g_prev: Vec<f64>,
    s_diag: Vec<f64>,
    /// Schur system: coupling of row i to row i−1 (s_low[0] = 0); symmetric.
    s_low: Vec<f64>,
    /// κ_f of the face between volumes i and i+1 at the last `prepare` (σ_s(x) only).
    face_kappa: Vec<f64>,
    s_c: Vec<f64>,
    s_d: Vec<f64>,
    anode_g: f64,
    q_g: f64,
    u_col: Vec<f64>,
    v_row: Vec<f64>,
    g_ii: f64,
    xu: Vec<f64>,
    schur_i: f64,
    mass_diag: Vec<f64>,
}

/// Index helpers for the state vector.
impl Model {
    /// Index of Δφ_a.
    pub const ANODE: usize = 0;
    /// Index of the charge passed q.
    pub const CHARGE: usize = 1;

    /// Index of Δφ in cathode control volume i.
    pub fn phi(&self, i: usize) -> usize {
        2 + i
    }

    /// Index of the concentration in shell k of the particle in control volume i.
    pub fn conc(&self, i: usize, k: usize) -> usize {
        2 + self.nx + i * self.nr + k
    }

    /// Index of the current density I.
    pub fn current(&self) -> usize {
        2 + self.nx + self.nx * self.nr
    }

    /// Number of cathode control volumes.
    pub fn nx(&self) -> usize {
        self.nx
    }

    /// Number of particle shells.
    pub fn nr(&self) -> usize {
        self.nr
    }

    /// A model from resolved parameters.
    pub fn new(p: CellParams) -> Self {
        let (_, nx, nr) = p.mesh;
        let dx = p.l_cat / nx as f64;
        let dr = p.radius / nr as f64;
        // The particle side of a partial contact's constriction slows the diffusion
        // (crate::contact::diffusion_factor; 1 for a full contact).
        let d_eff = p.diffusivity * p.contact_diffusion_factor;
        // Spherical shells (per steradian) for particles; planar slabs (per unit area)
        // for a thin film, whose collector side (k = 0) is closed and whose garnet side
        // (k = M−1) reacts.
        let (vol, face, surf_area, particle_volume): (Vec<f64>, Vec<f64>, f64, f64) = if p.thin_film
        {
            (
                vec![dr; nr],
                (0..nr)
                    .map(|k| if k == 0 { 0.0 } else { d_eff / dr })
                    .collect(),
                1.0,
                p.radius,
            )
        } else {
            (
                (0..nr)
                    .map(|k| (((k + 1) as f64 * dr).powi(3) - (k as f64 * dr).powi(3)) / 3.0)
                    .collect(),
                (0..nr)
                    .map(|k| (k as f64 * dr).powi(2) * d_eff / dr)
                    .collect(),
                p.radius * p.radius,
                p.radius.powi(3) / 3.0,
            )
        };
        let kappa = 1.0 / (1.0 / p.sigma_e_eff + 1.0 / p.sigma_s_eff);
        let a = p.specific_area();
        let f_rt = FARADAY / (GAS * p.temperature);
        let n = 3 + nx + nx * nr;
        let mut m = Self {
            control: Control::Current(0.0),
            nx,
            nr,
            dx,
            f_rt,
            kappa,
            a,
            inv_vol: vol.iter().map(|v| 1.0 / v).collect(),
            inv_dx: 1.0 / dx,
            inv_sigma_s: 1.0 / p.sigma_s_eff,
            sigma_ln: p
                .sigma_s_eff_table
                .iter()
                .map(|&(x, s)| (x, s.ln()))
                .collect(),
            inv_cmax: 1.0 / p.c_max,
            vol,
            face,
            surf_area,
            particle_volume,
            p_diag: vec![0.0; nr],
            p_lower: vec![0.0; nr],
            p_upper: vec![0.0; nr],
            last_mult: vec![0.0; nx],
            last_inv_piv: vec![0.0; nx],
            w: vec![0.0; nx * nr],
            g_last: vec![0.0; nx],
            g_prev: vec![0.0; nx],
            s_diag: vec![0.0; nx],
            s_low: vec![0.0; nx],
            face_kappa: vec![0.0; nx],
            s_c: vec![0.0; nx],
            s_d: vec![0.0; nx],
            anode_g: 0.0,
            q_g: 0.0,
            u_col: vec![0.0; n],
            v_row: vec![0.0; n],
            g_ii: 0.0,
            xu: vec![0.0; n],
            schur_i: 0.0,
            mass_diag: vec![0.0; n],
            p,
        };
        m.mass_diag = m.build_mass();
        m
    }

    fn build_mass(&self) -> Vec<f64> {
        let mut mass = vec![1.0; self.len()];
        mass[Self::ANODE] = self.p.c_dl_anode;
        for i in 0..self.nx {
            mass[self.phi(i)] = self.a * self.p.contact_fraction * self.p.c_dl_cathode * self.dx;
        }
        let ic = self.current();
        mass[ic] = 0.0;
        mass
    }

    /// The uniform initial state at stoichiometry `x` and rest (Δφ = U(x), I = 0).
    pub fn initial_state(&self, x: f64) -> Vec<f64> {
        let mut y = vec![0.0; self.len()];
        let u = self.p.ocv.voltage(x);
        for i in 0..self.nx {
            y[self.phi(i)] = u;
            for k in 0..self.nr {
                y[self.conc(i, k)] = x * self.p.c_max;
            }
        }
        y
    }

    /// Surface stoichiometry of particle i: linear extrapolation through the last two
    /// shell centres, c_s = c_{M−1} + (c_{M−1} − c_{M−2})/2.
    fn x_surf(&self, y: &[f64], i: usize) -> f64 {
        let last = y[self.conc(i, self.nr - 1)];
        let prev = y[self.conc(i, self.nr - 2)];
        (1.5 * last - 0.5 * prev) * self.inv_cmax
    }

    /// j₀(x) = 2·j₀,½·√(x(1−x)) and dj₀/dx (0 outside (0, 1)).
    fn j0(&self, x: f64) -> (f64, f64) {
        let s = x * (1.0 - x);
        if s <= 0.0 {
            return (0.0, 0.0);
        }
        let r = s.sqrt();
        (
            2.0 * self.p.j0_cathode * r,
            self.p.j0_cathode * (1.0 - 2.0 * x) / r,
        )
    }

    /// Faradaic current density j_F (A/m² of particle surface) and its derivatives
    /// with respect to Δφ and x_s.
    fn reaction(&self, dphi: f64, xs: f64) -> (f64, f64, f64) {
        let (j0, dj0) = self.j0(xs);
        let eta0 = dphi - self.p.ocv.voltage(xs);
        let jc = self.contact_current(j0, eta0);
        let r_f = self.p.series_film_resistance();
        let arg = 0.5 * self.f_rt * (eta0 - jc * r_f);
        let (sh, ch) = sinh_cosh(arg);
        // Implicit function theorem on j = 2j₀ sinh(F(η₀ − jR_f)/2RT):
        // ∂j/∂η₀ = G/(1 + G·R_f), G = j₀·F/RT·cosh(·).
        let g = j0 * self.f_rt * ch;
        let denom = 1.0 + g * r_f;
        let dj_deta = g / denom;
        let dj_dx = (2.0 * dj0 * sh) / denom - dj_deta * self.p.ocv.dvoltage_dx(xs);
        let f = self.p.contact_fraction;
        (f * jc, f * dj_deta, f * dj_dx)
    }

    /// Current density per contact area, solving j = 2j₀·sinh(F(η₀ − j·R_f)/2RT) for j
    /// when a film resistance R_f is in series with the kinetics (Newton on one
    /// unknown, from the linearised estimate; the function is monotone in j).
    fn contact_current(&self, j0: f64, eta0: f64) -> f64 {
        let k = 0.5 * self.f_rt;
        let r_f = self.p.series_film_resistance();
        if r_f == 0.0 || j0 == 0.0 {
            return 2.0 * j0 * sinh_cosh(k * eta0).0;
        }
        // Start from the smaller of the kinetic and the ohmic limit.
        let (sh0, ch0) = sinh_cosh(k * eta0);
        let mut j = 2.0 * j0 * sh0 / (1.0 + 2.0 * j0 * k * ch0 * r_f);
        for _ in 0..50 {
            let (sh, ch) = sinh_cosh(k * (eta0 - j * r_f));
            let g = j - 2.0 * j0 * sh;
            let dg = 1.0 + 2.0 * j0 * k * r_f * ch;
            let step = g / dg;
            j -= step;
            if step.abs() <= 1e-13 * j.abs() + 1e-300 {
                break;
            }
        }
        j
    }

    /// Faradaic current density per particle surface (contact fraction included), for
    /// the residual.
    fn reaction_current(&self, dphi: f64, xs: f64) -> f64 {
        let (j0, _) = self.j0(xs);
        self.p.contact_fraction * self.contact_current(j0, dphi - self.p.ocv.voltage(xs))
    }

    /// Li|garnet interface current density j_a(Δφ_a) (A/m²) and dj_a/dΔφ_a: ohmic,
    /// j_a = Δφ_a/R_a; kinetic, j_a = 2·j₀,a·sinh(FΔφ_a/2RT).
    fn anode_reaction(&self, dphi_a: f64) -> (f64, f64) {
        if self.p.anode_interface_model == InterfaceModel::Ohmic {
            let g = 1.0 / self.p.anode_interface_resistance;
            return (dphi_a * g, g);
        }
        let arg = 0.5 * self.f_rt * dphi_a;
        (
            2.0 * self.p.j0_anode * sinh_cosh(arg).0,
            self.p.j0_anode * self.f_rt * sinh_cosh(arg).1,
        )
    }

    /// Ionic current at the face between control volumes i and i+1.
    ///
    /// i_e,f = κ_f·((Δφ_{i+1} − Δφ_i)/Δx + I/σ_s,f), κ_f = (1/σ_e,eff + 1/σ_s,f)⁻¹, with
    /// σ_s,f the face value of [`Model::face`] (constant σ_s: κ and σ_s,eff).
    fn ie_face(&self, y: &[f64], i: usize, current: f64) -> f64 {
        let (kappa, inv_sigma_s) = if self.sigma_ln.is_empty() {
            (self.kappa, self.inv_sigma_s)
        } else {
            self.face(y, i)
        };
        kappa * ((y[self.phi(i + 1)] - y[self.phi(i)]) * self.inv_dx + current * inv_sigma_s)
    }

    /// Mean stoichiometry of particle i.
    pub fn x_mean_particle(&self, y: &[f64], i: usize) -> f64 {
        let total: f64 = (0..self.nr).map(|k| y[self.conc(i, k)] * self.vol[k]).sum();
        total / self.particle_volume / self.p.c_max
    }

    /// Mean stoichiometry of the cathode.
    pub fn x_mean(&self, y: &[f64]) -> f64 {
        (0..self.nx)
            .map(|i| self.x_mean_particle(y, i))
            .sum::<f64>()
            / self.nx as f64
    }

    /// Li stored in the cathode particles per electrode area (mol/m²).
    pub fn lithium_per_area(&self, y: &[f64]) -> f64 {
        self.x_mean(y) * self.p.c_max * self.p.reacting_fraction() * self.p.l_cat
    }

    /// Charge on the double layers per electrode area (C/m²): (cathode, anode). The
    /// cathode's is Σ a·Δx·C_dl·Δφ over the composite, the anode's C_dl,a·Δφ_a.
    pub fn double_layer_charge(&self, y: &[f64]) -> (f64, f64) {
        let cath: f64 = (0..self.nx)
            .map(|i| {
                self.a * self.p.contact_fraction * self.dx * self.p.c_dl_cathode * y[self.phi(i)]
            })
            .sum();
        (cath, self.p.c_dl_anode * y[Self::ANODE])
    }

    /// Terminal voltage.
    ///
    /// Computed directly (no OCV evaluations): V = −Δφ_a − I·R_s,a − I·L_s/σ_sep
    /// − I·R_face − ½Δx·I/σ_e − Σ Δx·i_e,f/σ_e + Δφ_{N−1} − ½Δx·i_s,last/σ_s; equal to
    /// [`Model::breakdown`]'s voltage.
    pub fn voltage(&self, y: &[f64]) -> f64 {
        let cur = y[self.current()];
        let mut v = -y[Self::ANODE]
            - cur * self.p.anode_resistance
            - cur * self.p.l_sep / self.p.sigma_sep
            - cur * self.p.cathode_face_resistance
            - 0.5 * self.dx * cur / self.p.sigma_e_eff;
        for i in 0..self.nx - 1 {
            v -= self.dx * self.ie_face(y, i, cur) / self.p.sigma_e_eff;
        }
        let i_s_last = if self.nx > 1 {
            cur - self.ie_face(y, self.nx - 2, cur)
        } else {
            cur
        };
        v + y[self.phi(self.nx - 1)] - 0.5 * self.dx * i_s_last / self.sigma_s_cell(y, self.nx - 1)
    }

    /// ∂V/∂y (dense row; V is linear in the unknowns for constant σ_s; with σ_s(x) the
    /// row at σ_s frozen at `y`, [`Model::voltage_gradient_faces`]).
    pub(crate) fn voltage_gradient(&self, y: &[f64], out: &mut [f64]) {
        if self.variable_sigma() {
            return self.voltage_gradient_faces(y, out);
        }
        out.iter_mut().for_each(|v| *v = 0.0);
        let n = self.nx;
        let r = self.kappa / self.p.sigma_e_eff;
        out[Self::ANODE] = -1.0;
        if n > 1 {
            out[self.phi(0)] += r;
            out[self.phi(n - 1)] += 1.0 - r;
        } else {
            out[self.phi(0)] = 1.0;
        }
        out[self.current()] = -self.p.anode_resistance
            - self.p.l_sep / self.p.sigma_sep
            - self.p.cathode_face_resistance
            - 0.5 * self.dx / self.p.sigma_e_eff
            - (n as f64 - 1.0) * self.dx * self.kappa / (self.p.sigma_s_eff * self.p.sigma_e_eff)
            - 0.5 * self.dx / self.p.sigma_s_eff;
        if n > 1 {
            // + ½·Δx·i_e(last face)/σ_s, i_e = κ·((Δφ_{N−1} − Δφ_{N−2})/Δx + I/σ_s)
            let c = 0.5 * self.kappa / self.p.sigma_s_eff;
            out[self.phi(n - 1)] += c;
            out[self.phi(n - 2)] -= c;
            out[self.current()] +=
                0.5 * self.dx * self.kappa / (self.p.sigma_s_eff * self.p.sigma_s_eff);
        }
    }
}

impl Problem for Model {
    fn len(&self) -> usize {
        3 + self.nx + self.nx * self.nr
    }

    fn mass(&self, out: &mut [f64]) {
        out.copy_from_slice(&self.mass_diag);
    }

    fn rhs(&mut self, _t: f64, y: &[f64], f: &mut [f64]) -> Result<(), SolveError> {
        let (nx, nr) = (self.nx, self.nr);
        let cur = y[self.current()];
        let (ja, _) = self.anode_reaction(y[Self::ANODE]);
        f[Self::ANODE] = cur - ja;
        f[Self::CHARGE] = cur;
        let mut left = cur;
        for i in 0..nx {
            let xs = self.x_surf(y, i);
            if !(-0.05..=1.05).contains(&xs) || !xs.is_finite() {
                return Err(SolveError::Model(format!(
                    "surface stoichiometry {xs:.4} of the particle in cathode volume {i} left [0, 1]: the cell is over-(dis)charged"
                )));
            }
            let j = self.reaction_current(y[self.phi(i)], xs);
            let right = if i + 1 == nx {
                0.0
            } else {
                self.ie_face(y, i, cur)
            };
            f[self.phi(i)] = right - left - self.a * self.dx * j;
            left = right;
            // Shell balances: accumulate each face flux into its two neighbours.
            let start = self.conc(i, 0);
            let c = &y[start..start + nr];
            let out = &mut f[start..start + nr];
            let surface_flux = -self.surf_area * j / FARADAY;
            // Interior faces k = 1…M−1 (between shells k−1 and k), then the surface.
            let mut inner = 0.0;
            for (((o, iv), pair), fc) in out
                .iter_mut()
                .zip(&self.inv_vol)
                .zip(c.windows(2))
                .zip(&self.face[1..])
            {
                let outer = fc * (pair[1] - pair[0]);
                *o = (outer - inner) * iv;
                inner = outer;
            }
            out[nr - 1] = (surface_flux - inner) * self.inv_vol[nr - 1];
        }
        let ic = self.current();
        f[ic] = match self.control {
            Control::Current(i_set) => i_set - cur,
            Control::Voltage(v_set) => self.voltage(y) - v_set,
        };
        Ok(())
    }

    fn prepare(&mut self, t: f64, y: &[f64], c_mass: f64, c_jac: f64) -> Result<(), SolveError> {
        let (nx, nr) = (self.nx, self.nr);
        let n = self.len();
        let (_, dja) = self.anode_reaction(y[Self::ANODE]);
        self.anode_g = c_mass * self.mass_diag[Self::ANODE] + c_jac * dja;
        self.q_g = c_mass;
        if self.anode_g == 0.0 {
            return Err(SolveError::Singular {
                time: t,
                detail: "anode interface row".into(),
            });
        }
        let kdx = self.kappa / self.dx;
        // Schur off-diagonals −c_J·κ_f/Δx per face (modified Newton: dσ_s/dc is left out
        // of the Jacobian; the residual is exact).
        let variable = self.variable_sigma();
        if variable {
            for i in 0..nx - 1 {
                self.face_kappa[i] = self.face(y, i).0;
            }
        }
        for i in 1..nx {
            self.s_low[i] = if variable {
                -c_jac * self.face_kappa[i - 1] * self.inv_dx
            } else {
                -c_jac * kdx
            };
        }
        let inv_cmax = 1.0 / self.p.c_max;
        // The particle blocks P = c_M·I − c_J·J_cc share everything but their last row
        // (the surface kinetics), so the Thomas factorisation of rows 0…M−2 is done once
        // (multipliers and reciprocal pivots in the first nr entries) and only the last
        // multiplier and pivot are per volume.
        for k in 0..nr {
            let inner = if k == 0 { 0.0 } else { self.face[k] };
            let outer = if k + 1 == nr { 0.0 } else { self.face[k + 1] };
            let iv = self.inv_vol[k];
            self.p_diag[k] = c_mass + c_jac * (inner + outer) * iv;
            self.p_lower[k] = -c_jac * inner * iv;
            self.p_upper[k] = -c_jac * outer * iv;
        }
        let (last_diag0, last_lower0) = (self.p_diag[nr - 1], self.p_lower[nr - 1]);
        for k in 0..nr - 1 {
            if k > 0 {
                let m = self.p_lower[k] * self.p_diag[k - 1];
                self.p_lower[k] = m;
                self.p_diag[k] -= m * self.p_upper[k - 1];
            }
            let piv = self.p_diag[k];
            if piv == 0.0 || !piv.is_finite() {
                return Err(SolveError::Singular {
                    time: t,
                    detail: format!("particle block, shell {k}"),
                });
            }
            self.p_diag[k] = 1.0 / piv;
        }
        let surf = self.surf_area / (FARADAY * self.vol[nr - 1]);
        for i in 0..nx {
            let base = i * nr;
            let xs = self.x_surf(y, i);
            let (_, dj_dphi, dj_dx) = self.reaction(y[self.phi(i)], xs);
            // Surface row: f = … − R²·j/(F·V_last); x_s = (1.5 c_last − 0.5 c_prev)/c_max.
            let diag = last_diag0 + c_jac * surf * dj_dx * 1.5 * inv_cmax;
            let lower = last_lower0 - c_jac * surf * dj_dx * 0.5 * inv_cmax;
            let m = lower * self.p_diag[nr - 2];
            let piv = diag - m * self.p_upper[nr - 2];
            if piv == 0.0 || !piv.is_finite() {
                return Err(SolveError::Singular {
                    time: t,
                    detail: format!("particle block {i}"),
                });
            }
            self.last_mult[i] = m;
            self.last_inv_piv[i] = 1.0 / piv;
            // w = P⁻¹·e_last·(c_J·surf·dj_dphi): forward sweep is trivial.
            let w = &mut self.w[base..base + nr];
            let mut next = c_jac * surf * dj_dphi / piv;
            w[nr - 1] = next;
            for k in (0..nr - 1).rev() {
                next = -self.p_upper[k] * next * self.p_diag[k];
                w[k] = next;
            }
            // Row coupling g of the Δφ_i equation to the surface shells.
            let gx = c_jac * self.a * self.dx * dj_dx * inv_cmax;
            self.g_last[i] = 1.5 * gx;
            self.g_prev[i] = -0.5 * gx;
            let faces = if nx == 1 {
                0.0
            } else if i == 0 || i + 1 == nx {
                1.0
            } else {
                2.0
            };
            let face_sum = if variable {
                let left = if i > 0 { self.face_kappa[i - 1] } else { 0.0 };
                let right = if i + 1 < nx { self.face_kappa[i] } else { 0.0 };
                (left + right) * self.inv_dx
            } else {
                faces * kdx
            };
            let t_ii = c_mass * self.mass_diag[self.phi(i)]
                + c_jac * (face_sum + self.a * self.dx * dj_dphi);
            self.s_diag[i] = t_ii
                - (self.g_last[i] * self.w[base + nr - 1] + self.g_prev[i] * self.w[base + nr - 2]);
        }
        // Thomas factors of the symmetric tridiagonal Schur system (off-diagonals s_low).
        for i in 0..nx {
            let d = if i == 0 {
                self.s_diag[0]
            } else {
                self.s_diag[i] - self.s_low[i] * self.s_c[i - 1]
            };
            if d == 0.0 || !d.is_finite() {
                return Err(SolveError::Singular {
                    time: t,
                    detail: format!("potential row {i}"),
                });
            }
            self.s_d[i] = 1.0 / d;
            self.s_c[i] = if i + 1 < nx {
                self.s_low[i + 1] / d
            } else {
                0.0
            };
        }
        // Border: the column of I and the row of the I equation.
        let ic = self.current();
        self.u_col.iter_mut().for_each(|v| *v = 0.0);
        self.u_col[Self::ANODE] = -c_jac;
        self.u_col[Self::CHARGE] = -c_jac;
        let ks = self.kappa / self.p.sigma_s_eff;
        let (first, last) = (self.phi(0), self.phi(nx - 1));
        if variable {
            self.current_column_faces(y, c_jac);
        } else if nx == 1 {
            self.u_col[first] = c_jac;
        } else {
            self.u_col[first] = -c_jac * (ks - 1.0);
            self.u_col[last] = c_jac * ks;
        }
        match self.control {
            Control::Current(_) => {
                self.v_row.iter_mut().for_each(|v| *v = 0.0);
                self.g_ii = c_jac;
            }
            Control::Voltage(_) => {
                let mut grad = std::mem::take(&mut self.v_row);
                self.voltage_gradient(y, &mut grad);
                self.g_ii = -c_jac * grad[ic];
                for v in grad.iter_mut() {
                    *v *= -c_jac;
                }
                grad[ic] = 0.0;
                self.v_row = grad;
            }
        }
        if matches!(self.control, Control::Voltage(_)) {
            let mut xu = std::mem::take(&mut self.xu);
            xu.copy_from_slice(&self.u_col);
            xu[ic] = 0.0;
            self.solve_yy(&mut xu);
            let vxu: f64 = self.v_row.iter().zip(&xu).map(|(a, b)| a * b).sum();
            self.schur_i = self.g_ii - vxu;
            self.xu = xu;
        } else {
            // Current control: the I row is decoupled (v = 0), so δI = b_I/G_II and the
            // border is applied to the right-hand side before the solve (no G⁻¹u needed).
            self.schur_i = self.g_ii;
        }
        if self.schur_i == 0.0 || !self.schur_i.is_finite() {
            return Err(SolveError::Singular {
                time: t,
                detail: "current row".into(),
            });
        }
        debug_assert_eq!(n, self.xu.len());
        Ok(())
    }

    fn solve(&mut self, b: &mut [f64]) -> Result<(), SolveError> {
        let ic = self.current();
        let b_i = b[ic];
        b[ic] = 0.0;
        if matches!(self.control, Control::Current(_)) {
            // G_yy·x + u·δI = b with δI known: solve G_yy·x = b − u·δI (u is sparse).
            let d_i = b_i / self.schur_i;
            if d_i != 0.0 && self.variable_sigma() {
                // σ_s(x): every potential row depends on I.
                for idx in (0..2).chain(self.phi(0)..self.phi(0) + self.nx) {
                    b[idx] -= self.u_col[idx] * d_i;
                }
            } else if d_i != 0.0 {
                let (first, last) = (self.phi(0), self.phi(self.nx - 1));
                for idx in [Self::ANODE, Self::CHARGE, first] {
                    b[idx] -= self.u_col[idx] * d_i;
                }
                if last != first {
                    b[last] -= self.u_col[last] * d_i;
                }
            }
            self.solve_yy(b);
            b[ic] = d_i;
            return Ok(());
        }
        self.solve_yy(b);
        let vxb: f64 = self.v_row.iter().zip(b.iter()).map(|(a, x)| a * x).sum();
        let d_i = (b_i - vxb) / self.schur_i;
        for (x, u) in b.iter_mut().zip(&self.xu) {
            *x -= u * d_i;
        }
        b[ic] = d_i;
        Ok(())
    }

    fn describe(&self, idx: usize) -> String {
        if idx == Self::ANODE {
            "anode interface voltage".to_string()
        } else if idx == Self::CHARGE {
            "charge passed".to_string()
        } else if idx == self.current() {
            "current density".to_string()
        } else if idx < 2 + self.nx {
            format!("double-layer voltage in cathode volume {}", idx - 2)
        } else {
            let j = idx - 2 - self.nx;
            format!(
                "Li concentration in cathode volume {}, shell {}",
                j / self.nr,
                j % self.nr
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sinh_cosh;

    #[test]
    fn sinh_cosh_matches_libm() {
        for &x in &[
            -30.0, -2.0, -0.0999, -1e-3, -1e-5, 0.0, 1e-9, 5e-4, 1e-3, 0.1, 0.7, 12.0,
        ] {
            let (s, c) = sinh_cosh(x);
            let (es, ec): (f64, f64) = (x.sinh(), x.cosh());
            assert!(
                (s - es).abs() <= 1e-14 * es.abs().max(1e-300),
                "sinh({x}): {s} vs {es}"
            );
            assert!((c - ec).abs() <= 1e-14 * ec, "cosh({x}): {c} vs {ec}");
        }
    }
}
