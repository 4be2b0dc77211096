//! State-of-charge-dependent electronic conductivity in the discretised model.
//!
//! With a table σ_s,eff(x) (`CellParams::sigma_s_eff_table`), control volume i conducts
//! with σ_i = σ_s,eff(x̄_i) at its particle's mean stoichiometry x̄_i, ln σ interpolated
//! linearly in x (constant beyond the table). A face between volumes i and i+1 carries
//! the series (harmonic) value 1/σ_s,f = ½(1/σ_i + 1/σ_{i+1}) — the two half-volumes in
//! series, the standard finite-volume face conductance (Patankar 1980 §4.2-3, not in
//! the knowledge base's bibliography) — and κ_f = (1/σ_e,eff + 1/σ_s,f)⁻¹. The residual
//! uses these exactly; the Newton matrix freezes σ at the current state (∂σ/∂c left
//! out: a modified Newton, whose convergence `tests/electronic.rs` checks). With a
//! constant σ_s every function here returns the constant values, so that path is
//! unchanged bit for bit.

use super::Model;

/// ln σ linear in x between the points of `table` ((x, ln σ), increasing in x),
/// constant beyond the ends; σ returned.
fn log_interp(table: &[(f64, f64)], x: f64) -> f64 {
    let n = table.len();
    if x <= table[0].0 {
        return table[0].1.exp();
    }
    if x >= table[n - 1].0 {
        return table[n - 1].1.exp();
    }
    let k = table.partition_point(|p| p.0 <= x).clamp(1, n - 1);
    let ((x0, l0), (x1, l1)) = (table[k - 1], table[k]);
    (l0 + (x - x0) / (x1 - x0) * (l1 - l0)).exp()
}

impl Model {
    /// Whether σ_s,eff depends on the state of charge.
    #[inline]
    pub(super) fn variable_sigma(&self) -> bool {
        !self.sigma_ln.is_empty()
    }

    /// σ_s,eff of control volume i (S/m).
    #[inline]
    pub(super) fn sigma_s_cell(&self, y: &[f64], i: usize) -> f64 {
        if self.sigma_ln.is_empty() {
            return self.p.sigma_s_eff;
        }
        log_interp(&self.sigma_ln, self.x_mean_particle(y, i))
    }

    /// (κ_f, 1/σ_s,f) at the face between control volumes i and i+1.
    #[inline]
    pub(super) fn face(&self, y: &[f64], i: usize) -> (f64, f64) {
        if self.sigma_ln.is_empty() {
            return (self.kappa, self.inv_sigma_s);
        }
        let inv_s = 0.5 * (1.0 / self.sigma_s_cell(y, i) + 1.0 / self.sigma_s_cell(y, i + 1));
        (1.0 / (1.0 / self.p.sigma_e_eff + inv_s), inv_s)
    }

    /// ∂V/∂(Δφ_a, Δφ_j, I) with σ_s frozen at `y`. From
    /// V = −Δφ_a − I(R_a + L_s/σ_sep + ½Δx/σ_e) − Σ_f (Δx/σ_e)·i_e,f + Δφ_{N−1}
    ///     − ½Δx·(I − i_e,N−2)/σ_{N−1},
    /// i_e,f = κ_f((Δφ_{f+1} − Δφ_f)/Δx + I/σ_s,f).
    pub(super) fn voltage_gradient_faces(&self, y: &[f64], out: &mut [f64]) {
        out.iter_mut().for_each(|v| *v = 0.0);
        let n = self.nx;
        let sig_e = self.p.sigma_e_eff;
        let inv_last = 1.0 / self.sigma_s_cell(y, n - 1);
        out[Self::ANODE] = -1.0;
        out[self.phi(n - 1)] = 1.0;
        let ic = self.current();
        out[ic] = -self.p.anode_resistance
            - self.p.l_sep / self.p.sigma_sep
            - 0.5 * self.dx / sig_e
            - 0.5 * self.dx * inv_last;
        for f in 0..n.saturating_sub(1) {
            let (k, inv_s) = self.face(y, f);
            out[self.phi(f + 1)] -= k / sig_e;
            out[self.phi(f)] += k / sig_e;
            out[ic] -= self.dx * k * inv_s / sig_e;
            if f + 2 == n {
                // + ½Δx·i_e,N−2/σ_{N−1}
                let c = 0.5 * k * inv_last;
                out[self.phi(f + 1)] += c;
                out[self.phi(f)] -= c;
                out[ic] += 0.5 * self.dx * k * inv_s * inv_last;
            }
        }
    }

    /// The Newton matrix's column of I in the potential rows, −c_J·∂f_i/∂I, with
    /// f_i = i_e,i − i_e,i−1 − a·Δx·j_i, i_e,−1 = I, i_e,N−1 = 0 and ∂i_e,f/∂I = κ_f/σ_s,f.
    pub(super) fn current_column_faces(&mut self, y: &[f64], c_jac: f64) {
        let n = self.nx;
        let mut left = 1.0;
        for i in 0..n {
            let right = if i + 1 < n {
                let (k, inv_s) = self.face(y, i);
                k * inv_s
            } else {
                0.0
            };
            let idx = self.phi(i);
            self.u_col[idx] = -c_jac * (right - left);
            left = right;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::log_interp;

    #[test]
    fn interpolates_ln_sigma_linearly() {
        let t = [(0.25, (1.0_f64).ln()), (1.0, (1e-5_f64).ln())];
        // x = 0.625 is halfway: σ = √(1·1e-5).
        let mid = log_interp(&t, 0.625);
        assert!((mid / 1e-5_f64.sqrt() - 1.0).abs() < 1e-12, "{mid}");
        assert!((log_interp(&t, 0.1) - 1.0).abs() < 1e-15);
        assert!((log_interp(&t, 1.2) / 1e-5 - 1.0).abs() < 1e-12);
    }
}
