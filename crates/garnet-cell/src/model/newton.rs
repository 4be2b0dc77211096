//! The Newton solve in O(N·M): each particle's tridiagonal block is eliminated (it
//! couples to its Δφ only through its surface), leaving a tridiagonal system in Δφ;
//! the factors are computed in `prepare` ([`garnet_solve::Problem`] for [`Model`]).

use super::Model;

impl Model {
    /// Tridiagonal (Thomas) solve in place for the particle block of control volume i,
    /// with the factors from `prepare` (multipliers in `p_lower`, reciprocal pivots in
    /// `p_diag`).
    pub(super) fn particle_solve(&self, i: usize, b: &mut [f64]) {
        let nr = self.nr;
        let lower = &self.p_lower[1..nr - 1];
        let upper = &self.p_upper[..nr - 1];
        let inv_piv = &self.p_diag[..nr - 1];
        let b = &mut b[..nr];
        let mut prev = b[0];
        for (bk, m) in b[1..nr - 1].iter_mut().zip(lower) {
            *bk -= m * prev;
            prev = *bk;
        }
        let mut next = (b[nr - 1] - self.last_mult[i] * prev) * self.last_inv_piv[i];
        b[nr - 1] = next;
        for ((bk, u), ip) in b[..nr - 1].iter_mut().zip(upper).zip(inv_piv).rev() {
            next = (*bk - u * next) * ip;
            *bk = next;
        }
    }

    /// Solve the Newton system without the I column/row: G_yy·x = b (x over all
    /// unknowns except I, whose entry is left untouched).
    pub(super) fn solve_yy(&self, b: &mut [f64]) {
        let (nx, nr) = (self.nx, self.nr);
        b[Self::ANODE] /= self.anode_g;
        b[Self::CHARGE] /= self.q_g;
        let phi0 = self.phi(0);
        let (head, conc) = b.split_at_mut(phi0 + nx);
        let phi = &mut head[phi0..];
        let conc = &mut conc[..nx * nr];
        // Reduce: r'_i = r_i − g·P⁻¹ s_i.
        for (i, (s, p)) in conc.chunks_exact_mut(nr).zip(phi.iter_mut()).enumerate() {
            self.particle_solve(i, s);
            *p -= self.g_last[i] * s[nr - 1] + self.g_prev[i] * s[nr - 2];
        }
        // Tridiagonal Schur system in Δφ (Thomas factors s_c and reciprocal pivots s_d).
        let mut prev = 0.0;
        for ((v, d), low) in phi.iter_mut().zip(&self.s_d).zip(&self.s_low) {
            *v = (*v - low * prev) * d;
            prev = *v;
        }
        let mut next = 0.0;
        for (v, c) in phi.iter_mut().zip(&self.s_c).rev() {
            *v -= c * next;
            next = *v;
        }
        // Back-substitute the particles: δc_i = P⁻¹s_i − w_i·δΔφ_i.
        for ((s, w), dphi) in conc
            .chunks_exact_mut(nr)
            .zip(self.w.chunks_exact(nr))
            .zip(phi.iter())
        {
            for (sk, wk) in s.iter_mut().zip(w) {
                *sk -= wk * dphi;
            }
        }
    }
}
