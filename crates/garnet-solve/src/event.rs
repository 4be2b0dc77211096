//! Event location: where a function of the state crosses zero inside the last step,
//! found on the integrator's interpolating polynomial (no extra steps or right-hand
//! side evaluations), as the cell model's voltage and current cut-offs need.

use crate::Bdf;

/// When [`Bdf::locate_root`] stops.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RootTolerance {
    /// Stop when |g| at the latest estimate is below this (units of g).
    pub value: f64,
    /// Stop when the bracket is shorter than this (s).
    pub time: f64,
}

impl Default for RootTolerance {
    /// 1e-10 in g or 1e-9 s: the cell's cut-offs (g in volts or A/m²).
    fn default() -> Self {
        Self {
            value: 1e-10,
            time: 1e-9,
        }
    }
}

impl Bdf {
    /// The time in (`lo.0`, `hi.0`) where g(y(t)) crosses zero, with `lo = (t, g(t))`
    /// and `hi = (t, g(t))` a bracket inside the last step (typically the previous and
    /// the current step end) where g changes sign (`hi.1` may be 0).
    ///
    /// Method: the Illinois variant of regula falsi (Dowell & Jarratt, BIT 11 (1971)
    /// 168–174) on [`Bdf::interpolate`], at most 100 iterations, stopping per `tol`.
    /// On return `y` holds the interpolated state at the returned time.
    pub fn locate_root<G: FnMut(&[f64]) -> f64>(
        &self,
        mut g: G,
        lo: (f64, f64),
        hi: (f64, f64),
        tol: RootTolerance,
        y: &mut [f64],
    ) -> f64 {
        // Work with s·g, positive at lo (s = ±1 leaves the values exact).
        let s = if lo.1 > 0.0 { 1.0 } else { -1.0 };
        let ((mut t_lo, mut g_lo), (mut t_hi, mut g_hi)) = ((lo.0, s * lo.1), (hi.0, s * hi.1));
        let mut side = 0;
        let mut t_root = t_hi;
        for _ in 0..100 {
            let mut tm = t_lo - g_lo * (t_hi - t_lo) / (g_hi - g_lo);
            if !(tm > t_lo && tm < t_hi) {
                tm = 0.5 * (t_lo + t_hi);
            }
            self.interpolate(tm, y);
            let gm = s * g(y);
            t_root = tm;
            if gm.abs() < tol.value || t_hi - t_lo < tol.time {
                break;
            }
            if gm > 0.0 {
                t_lo = tm;
                g_lo = gm;
                if side == 1 {
                    g_hi *= 0.5;
                }
                side = 1;
            } else {
                t_hi = tm;
                g_hi = gm;
                if side == -1 {
                    g_lo *= 0.5;
                }
                side = -1;
            }
        }
        self.interpolate(t_root, y);
        t_root
    }
}
