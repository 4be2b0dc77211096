//! The overpotential breakdown of the terminal voltage: each term of V = U(x̄) + Σ η,
//! current-weighted over the composite ([`Model::breakdown`]).

use super::Model;

/// Weights of the breakdown's averages over the control volumes from their reaction
/// currents j_i: w_i = j_i/Σ j when |Σ j| ≥ ½·Σ|j| (current-weighted), else 1/N (volume
/// average). Σ w_i = 1 either way.
pub fn reaction_weights(j: &[f64]) -> Vec<f64> {
    let total: f64 = j.iter().sum();
    let magnitude: f64 = j.iter().map(|v| v.abs()).sum();
    if magnitude > 0.0 && total.abs() >= 0.5 * magnitude {
        j.iter().map(|v| v / total).collect()
    } else {
        vec![1.0 / j.len() as f64; j.len()]
    }
}

/// Overpotential terms at one instant; with `ocv` they sum to the terminal voltage.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Breakdown {
    /// Terminal voltage (V).
    pub voltage: f64,
    /// Open-circuit voltage at the mean stoichiometry (V).
    pub ocv: f64,
    /// Li-metal interface (ohmic or kinetic, with its double layer) and the series
    /// films at the Li side: −Δφ_a − I·R_s,a.
    pub anode: f64,
    /// Ohmic drop in the separator.
    pub separator: f64,
    /// Ionic drop in the composite cathode (to the cathode's mean φ_e).
    pub electrolyte: f64,
    /// Mean reaction (charge-transfer) overpotential Δφ − U(x_surf) − j·R_f.
    pub reaction: f64,
    /// Drop across the cathode-side films: the mean j·R_f over the particle contacts
    /// (artificial CEI, Li₂CO₃ placed on the particles, and the constriction of a
    /// partial contact: R_f = film + constriction resistance,
    /// [`CellParams::series_film_resistance`]) plus I·R_face for Li₂CO₃ on the
    /// separator's cathode face (a series resistance, counted here as a film, not as
    /// separator); zero without films.
    pub film: f64,
    /// Solid-diffusion (concentration) overpotential: mean U(x_surf) − U(x̄).
    pub particle: f64,
    /// Electronic drop in the cathode (mean φ_s to the current collector).
    pub electronic: f64,
}

impl Breakdown {
    /// Names of the terms, as in `eta_<name>_v` columns.
    pub const TERMS: [&'static str; 7] = [
        "anode",
        "separator",
        "electrolyte",
        "reaction",
        "film",
        "particle",
        "electronic",
    ];

    /// Column names of the terms in output files (`timeseries.csv`, Python arrays), in
    /// [`Breakdown::TERMS`] order.
    pub const COLUMNS: [&'static str; 7] = [
        "eta_anode_v",
        "eta_separator_v",
        "eta_electrolyte_v",
        "eta_reaction_v",
        "eta_film_v",
        "eta_particle_v",
        "eta_electronic_v",
    ];

    /// The terms in [`Breakdown::TERMS`] order.
    pub fn terms(&self) -> [f64; 7] {
        [
            self.anode,
            self.separator,
            self.electrolyte,
            self.reaction,
            self.film,
            self.particle,
            self.electronic,
        ]
    }
}

impl Model {
    /// Terminal voltage and its breakdown.
    ///
    /// The cathode terms are averages over the control volumes weighted by each
    /// volume's reaction current, w_i = a·Δx·j_i / Σ_k a·Δx·j_k (Σ_k a·Δx·j_k = I without
    /// a double layer): the charge that reacts in volume i crosses the ionic drop
    /// φ_e(L_s) − φ_e,i, the kinetics, films and particle of volume i and the
    /// electronic drop φ_s,i − V, so I·η_term = Σ_i a·Δx·j_i·(term)_i is each term's
    /// share of the power, and a plain volume average misstates it when the reaction is
    /// not uniform. The same weights are used for every term, so they and U(x̄) still
    /// sum to V exactly. Where the reaction current is not mostly of one sign
    /// (|Σ j_i| < ½·Σ |j_i|, e.g. relaxation at rest) the weights fall back to the
    /// volume average.
    pub fn breakdown(&self, y: &[f64]) -> Breakdown {
        let cur = y[self.current()];
        let phi_e0 = -y[Self::ANODE] - cur * self.p.anode_resistance;
        let sep_drop = cur * self.p.l_sep / self.p.sigma_sep;
        let face_drop = cur * self.p.cathode_face_resistance;
        let phi_e_sep = phi_e0 - sep_drop - face_drop;
        let mut phi_e = phi_e_sep - 0.5 * self.dx * cur / self.p.sigma_e_eff;
        // Per volume: (φ_e, Δφ, U(x_s), film drop, reaction current).
        let mut cells = Vec::with_capacity(self.nx);
        for i in 0..self.nx {
            if i > 0 {
                phi_e -= self.dx * self.ie_face(y, i - 1, cur) / self.p.sigma_e_eff;
            }
            let dphi = y[self.phi(i)];
            let xs = self.x_surf(y, i);
            let u = self.p.ocv.voltage(xs);
            let jc = self.contact_current(self.j0(xs).0, dphi - u);
            let r_f = self.p.series_film_resistance();
            let film = if r_f > 0.0 { jc * r_f } else { 0.0 };
            cells.push((phi_e, dphi, u, film, self.p.contact_fraction * jc));
        }
        let weights = reaction_weights(&cells.iter().map(|c| c.4).collect::<Vec<_>>());
        let (mut sum_phi_e, mut sum_phi_s, mut sum_react, mut sum_usurf, mut sum_film) =
            (0.0, 0.0, 0.0, 0.0, 0.0);
        for (&(phi_e, dphi, u, film, _), w) in cells.iter().zip(&weights) {
            sum_phi_e += w * phi_e;
            sum_phi_s += w * (phi_e + dphi);
            sum_react += w * (dphi - u - film);
            sum_film += w * film;
            sum_usurf += w * u;
        }
        let phi_s_last = cells.last().map_or(0.0, |c| c.0 + c.1);
        // V at the current collector: linear extrapolation of φ_s through the last two
        // centres (as PyBaMM's boundary value), φ_s,N−1 − ½·Δx·i_s(last face)/σ_s; with
        // one volume, the boundary flux i_s = I.
        let i_s_last = if self.nx > 1 {
            cur - self.ie_face(y, self.nx - 2, cur)
        } else {
            cur
        };
        let voltage = phi_s_last - 0.5 * self.dx * i_s_last / self.sigma_s_cell(y, self.nx - 1);
        let ocv = self.p.ocv.voltage(self.x_mean(y));
        Breakdown {
            voltage,
            ocv,
            anode: phi_e0,
            separator: -sep_drop,
            electrolyte: sum_phi_e - phi_e_sep,
            reaction: sum_react,
            film: sum_film - face_drop,
            particle: sum_usurf - ocv,
            electronic: voltage - sum_phi_s,
        }
    }
}
