//! Open-circuit voltage curves of cathode materials, vs Li/Li+.
//!
//! Each curve is a closed-form fit U(x) in volts, where the stoichiometry
//! `x = c_s / c_s,max` is the lithium concentration in the host divided by its
//! maximum (x -> 0: delithiated/charged, x -> 1: lithiated/discharged). The
//! fits are re-expressed from the functions in PyBaMM's `lithium_ion`
//! parameter sets (pybamm-team/PyBaMM, `src/pybamm/input/parameters/
//! lithium_ion/`, checked against PyBaMM 26.10.1.1). PyBaMM is only where
//! the coefficients were read from: the primary sources are the papers listed
//! by each curve's [`OcvCurve::citation_keys`] (keys into
//! `data/bibliography/ocv.toml`). The coefficients are copied exactly, and
//! [`OcvCurve::voltage`] evaluates the formula as written, with no clipping,
//! also outside [`OcvCurve::valid_range`], as PyBaMM does.
//!
//! Temperature dependence (entropic terms) is not included: all curves are
//! isothermal fits, at about 25 °C.
//!
//! Besides the built-in fits, a curve can be a measured or imported table
//! ([`OcvCurve::Tabulated`], an [`OcvTable`]): a monotone cubic (PCHIP) through
//! the points, so that U and dU/dx are continuous, which the cell model's Newton
//! solve needs.

use std::sync::Arc;

use crate::MaterialsError;

/// An open-circuit-voltage curve: a published fit, or a table.
///
/// Cloning is cheap (a table is shared behind an [`Arc`]), and evaluating allocates
/// nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum OcvCurve {
    /// LiCoO2 (LCO), rational fit of Ramadass et al. (2004), as used in PyBaMM's
    /// `Ramadass2004` set (`lico2_ocp_Ramadass2004`). PyBaMM scales the
    /// stoichiometry by a "stretch" factor 1.13 (negative/positive electrode
    /// area ratio, per PyBaMM's docstring) before using the fit:
    ///
    /// ```text
    /// s = 1.13 x
    /// U(x) = N(s) / D(s)
    /// N(s) = -4.656 + 88.669 s^2 - 401.119 s^4 + 342.909 s^6 - 462.471 s^8 + 433.434 s^10
    /// D(s) = -1     + 18.933 s^2 -  79.532 s^4 +  37.311 s^6 -  73.083 s^8 +  95.96  s^10
    /// ```
    ///
    /// D has roots at x ≈ 0.2453, 0.3740 and 0.8888, so the function has
    /// poles there. Valid range (inferred; neither PyBaMM nor the paper gives
    /// one): x ∈ [0.40, 1/1.13 ≈ 0.88496], i.e. s ∈ [0.452, 1], between the
    /// last two poles, where U falls monotonically from 4.46 V to 2.29 V.
    /// PyBaMM's Ramadass2004 cell (start at x = 0.5, 2.8 V cut-off at
    /// x ≈ 0.8832) stays inside it.
    ///
    /// Source: Ramadass et al., J. Electrochem. Soc. 151 (2004) A196,
    /// doi:10.1149/1.1634273.
    LiCoO2Ramadass2004,
    /// NMC532, the positive-electrode OCP of PyBaMM's `Xu2019` Li-metal
    /// half-cell set (`nmc_ocp_Xu2019`). Although the set is named after Xu et
    /// al. (2019), the code's comment says the coefficients come from Mohtat
    /// et al. (2020); it is the same function as `NMC_ocp_PeymanMPM` in
    /// PyBaMM's `Mohtat2020` set (a graphite/NMC532 pouch cell). Xu et al.'s
    /// own 9th-order fit is commented out in PyBaMM and not used. (The Xu2019
    /// set's docstring also calls the cathode "lithium cobalt oxide"; that is
    /// a copy-paste slip, the OCP is the NMC one.)
    ///
    /// ```text
    /// U(x) = 4.3452 - 1.6518 x + 1.6225 x^2 - 2.0843 x^3 + 3.5146 x^4 - 2.2166 x^5
    ///        - 0.5623e-4 exp(109.451 x - 100.006)
    /// ```
    ///
    /// Valid range: x ∈ [0, 1]. PyBaMM evaluates it unclipped over whatever
    /// the model reaches and it is monotone decreasing on all of [0, 1]
    /// (4.345 V to 2.819 V; the exponential knee starts near x ≈ 0.9).
    /// In the Xu2019 half-cell, c_s,max = 48230 mol/m^3 and the initial
    /// c_s = 4631 mol/m^3, so x starts at 0.096019 (U = 4.19999 V, the 4.2 V
    /// upper cut-off) and rises on discharge. The 3.5 V cut-off is at
    /// x ≈ 0.97800 at open circuit.
    ///
    /// Sources: Mohtat et al., J. Electrochem. Soc. 167 (2020) 110561,
    /// doi:10.1149/1945-7111/aba5d1 (fit); Xu et al., J. Electrochem. Soc. 166
    /// (2019) A3456, doi:10.1149/2.0991914jes (parameter set).
    Nmc532Xu2019,
    /// LiFePO4 (LFP), the positive-electrode OCP of PyBaMM's `Prada2013` set.
    /// Prada et al. (2013) do not give an LFP OCP expression, so PyBaMM uses
    /// the fit of Afshar, Morris and Khajepour (2017) (`LFP_ocp_Afshar2017`):
    ///
    /// ```text
    /// U(x) = 3.4077 - 0.020269 x + 0.5 exp(-150 x) - 0.9 exp(-30 (1 - x))
    /// ```
    ///
    /// Valid range: x ∈ [0, 1] (inferred: the fit spans the whole interval,
    /// is strictly decreasing on it, from 3.9077 V to 2.4874 V, and PyBaMM's
    /// Prada2013 cell starts at x = 0.0038).
    ///
    /// Sources: Afshar et al., arXiv:1709.03970 (2017),
    /// doi:10.48550/arXiv.1709.03970 (fit); Prada et al., J. Electrochem.
    /// Soc. 160 (2013) A616, doi:10.1149/2.053304jes (parameter set).
    LiFePO4Prada2013,
    /// NMC811 (LG M50 cell), fit of Chen et al. (2020) as used in PyBaMM's
    /// `Chen2020` set (`nmc_LGM50_ocp_Chen2020`):
    ///
    /// ```text
    /// U(x) = -0.8090 x + 4.4875
    ///        - 0.0428  tanh(18.5138 (x - 0.5542))
    ///        - 17.7326 tanh(15.7890 (x - 0.3117))
    ///        + 17.5842 tanh(15.9308 (x - 0.3120))
    /// ```
    ///
    /// Valid range: x ∈ [0.2661, 0.9060], the span of the measured GITT data
    /// that PyBaMM ships with this set (`nmc_LGM50_ocp_Chen2020.csv`, measured
    /// points x = 0.26615 ... 0.90593), rounded outward (inferred). The
    /// formula is monotone decreasing on all of [0, 1].
    ///
    /// Source: Chen et al., J. Electrochem. Soc. 167 (2020) 080534,
    /// doi:10.1149/1945-7111/ab9050.
    Nmc811Chen2020,
    /// NCA, fit of Kim et al. (2011) as used in PyBaMM's `NCA_Kim2011` set
    /// (`nca_ocp_Kim2011`; its docstring says "Graphite" by mistake):
    ///
    /// ```text
    /// U(x) = 1.638 x^10 - 2.222 x^9 + 15.056 x^8 - 23.488 x^7 + 81.246 x^6
    ///        - 344.566 x^5 + 621.3475 x^4 - 554.774 x^3 + 264.427 x^2
    ///        - 66.3691 x + 11.8058 - 0.61386 exp(5.8201 x^136.4)
    /// ```
    ///
    /// Valid range: x ∈ [0.30, 0.986] (inferred). Outside it the polynomial
    /// gives nonsense (U(0.1) = 6.7 V, U(1) = -203 V). This window goes from
    /// 4.35 V down to 2.66 V and contains PyBaMM's Kim2011 cell (x = 0.41 at
    /// 100 % SOC; 2.7 V cut-off at x ≈ 0.9858).
    ///
    /// Source: Kim et al., J. Electrochem. Soc. 158 (2011) A955,
    /// doi:10.1149/1.3597614.
    NcaKim2011,
    /// A table U(x_i), interpolated by a monotone cubic ([`OcvTable`]); valid over
    /// the table's span.
    Tabulated(OcvTable),
}

/// LiCoO2 stoichiometry stretch factor used by PyBaMM's Ramadass2004 set.
const LCO_STRETCH: f64 = 1.13;
/// LiCoO2 numerator coefficients of s^0, s^2, ..., s^10 (a polynomial in s^2).
const LCO_NUM: [f64; 6] = [-4.656, 88.669, -401.119, 342.909, -462.471, 433.434];
/// LiCoO2 denominator coefficients of s^0, s^2, ..., s^10 (a polynomial in s^2).
const LCO_DEN: [f64; 6] = [-1.0, 18.933, -79.532, 37.311, -73.083, 95.96];
/// NMC532 (Mohtat 2020) polynomial coefficients of x^0 ... x^5.
const NMC532_POLY: [f64; 6] = [4.3452, -1.6518, 1.6225, -2.0843, 3.5146, -2.2166];
/// NMC532 exponential term: -A exp(k x - b).
const NMC532_EXP: (f64, f64, f64) = (0.5623e-4, 109.451, 100.006);
/// NMC811 (Chen 2020) tanh terms: (signed amplitude, slope, centre).
const NMC811_TANH: [(f64, f64, f64); 3] = [
    (-0.0428, 18.5138, 0.5542),
    (-17.7326, 15.7890, 0.3117),
    (17.5842, 15.9308, 0.3120),
];
/// NCA (Kim 2011) polynomial coefficients of x^0 ... x^10.
const NCA_POLY: [f64; 11] = [
    11.8058, -66.3691, 264.427, -554.774, 621.3475, -344.566, 81.246, -23.488, 15.056, -2.222,
    1.638,
];
/// NCA exponential term: -A exp(k x^p).
const NCA_EXP: (f64, f64, f64) = (0.61386, 5.8201, 136.4);

/// Evaluates `sum_i c[i] t^i` by Horner's rule.
fn poly(c: &[f64], t: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, &a| acc * t + a)
}

/// Evaluates the derivative `sum_i i c[i] t^(i-1)` by Horner's rule.
fn dpoly(c: &[f64], t: f64) -> f64 {
    c.iter()
        .enumerate()
        .skip(1)
        .rev()
        .fold(0.0, |acc, (i, &a)| acc * t + i as f64 * a)
}

/// sech^2(z) = 1 / cosh^2(z), the derivative of tanh; 0 once cosh overflows.
fn sech2(z: f64) -> f64 {
    let c = z.cosh();
    1.0 / (c * c)
}

/// A tabulated open-circuit-voltage curve U(x), x = c_s/c_s,max.
///
/// Interpolation is the monotone piecewise-cubic Hermite interpolant (PCHIP) of
/// Fritsch & Carlson, with the node slopes of Fritsch & Butland (a weighted harmonic
/// mean of the neighbouring secants, zero where they differ in sign): U and dU/dx
/// are continuous and U is monotone between nodes wherever the data are, so the
/// curve stays invertible. The end slopes are the end secants, and outside the table
/// U continues as a straight line with that slope (the solver may step slightly past
/// the ends; [`OcvCurve::valid_range`] is the table's span).
///
/// References: F. N. Fritsch, R. E. Carlson, SIAM J. Numer. Anal. 17 (1980) 238,
/// doi:10.1137/0717021; F. N. Fritsch, J. Butland, SIAM J. Sci. Stat. Comput. 5
/// (1984) 300, doi:10.1137/0905021.
#[derive(Debug, Clone, PartialEq)]
pub struct OcvTable {
    /// Stoichiometries, strictly increasing.
    x: Arc<[f64]>,
    /// Voltages (V) at `x`, strictly decreasing.
    u: Arc<[f64]>,
    /// dU/dx at the nodes (V).
    d: Arc<[f64]>,
}

impl OcvTable {
    /// A table from points (x_i, U_i).
    ///
    /// `stoichiometry` must be strictly monotone (either direction; stored
    /// increasing), within [0, 1], finite, and as long as `voltage` (at least 2
    /// points); the voltage must fall strictly as x rises (a cathode's OCV), so that
    /// every voltage between the ends has one stoichiometry. Errors name the array
    /// (`stoichiometry` or `voltage`) and the first bad index.
    pub fn new(stoichiometry: &[f64], voltage: &[f64]) -> Result<Self, MaterialsError> {
        let err =
            |array: &'static str, message: String| MaterialsError::OcvTable { array, message };
        if stoichiometry.len() != voltage.len() {
            return Err(err(
                "voltage",
                format!(
                    "{} values for {} stoichiometries: the two arrays must be the same length",
                    voltage.len(),
                    stoichiometry.len()
                ),
            ));
        }
        if stoichiometry.len() < 2 {
            return Err(err(
                "stoichiometry",
                format!("{} point(s): a table needs at least 2", stoichiometry.len()),
            ));
        }
        for (array, values) in [("stoichiometry", stoichiometry), ("voltage", voltage)] {
            if let Some(i) = values.iter().position(|v| !v.is_finite()) {
                return Err(err(array, format!("value {i} is not a finite number")));
            }
        }
        if let Some(i) = stoichiometry.iter().position(|v| !(0.0..=1.0).contains(v)) {
            return Err(err(
                "stoichiometry",
                format!("value {i} ({}) is outside 0–1", stoichiometry[i]),
            ));
        }
        let increasing = stoichiometry[1] > stoichiometry[0];
        let (mut x, mut u) = (stoichiometry.to_vec(), voltage.to_vec());
        if !increasing {
            x.reverse();
            u.reverse();
        }
        let index = |i: usize| if increasing { i } else { x.len() - 1 - i };
        for i in 1..x.len() {
            if x[i] <= x[i - 1] {
                return Err(err(
                    "stoichiometry",
                    format!(
                        "not strictly monotone at index {} ({} after {})",
                        index(i).max(index(i - 1)),
                        stoichiometry[index(i).max(index(i - 1))],
                        stoichiometry[index(i).min(index(i - 1))]
                    ),
                ));
            }
            if u[i] >= u[i - 1] {
                return Err(err(
                    "voltage",
                    format!(
                        "must fall strictly as the stoichiometry rises, but U({}) = {} V is not below U({}) = {} V (indices {} and {})",
                        x[i], u[i], x[i - 1], u[i - 1], index(i), index(i - 1)
                    ),
                ));
            }
        }
        let d = pchip_slopes(&x, &u);
        Ok(Self {
            x: x.into(),
            u: u.into(),
            d: d.into(),
        })
    }

    /// The stoichiometries of the nodes, increasing.
    pub fn stoichiometry(&self) -> &[f64] {
        &self.x
    }

    /// The voltages at the nodes (V).
    pub fn voltage_nodes(&self) -> &[f64] {
        &self.u
    }

    /// (first, last) stoichiometry.
    pub fn span(&self) -> (f64, f64) {
        (self.x[0], self.x[self.x.len() - 1])
    }

    /// Index i of the interval [x_i, x_{i+1}] holding x (clamped to the end intervals).
    #[inline]
    fn interval(&self, x: f64) -> usize {
        let n = self.x.len();
        self.x.partition_point(|&xi| xi <= x).clamp(1, n - 1) - 1
    }

    /// U(x) in volts: the PCHIP inside the table, linear beyond it.
    pub fn voltage(&self, x: f64) -> f64 {
        let n = self.x.len();
        if x < self.x[0] {
            return self.u[0] + self.d[0] * (x - self.x[0]);
        }
        if x > self.x[n - 1] {
            return self.u[n - 1] + self.d[n - 1] * (x - self.x[n - 1]);
        }
        let i = self.interval(x);
        let h = self.x[i + 1] - self.x[i];
        let t = (x - self.x[i]) / h;
        let t2 = t * t;
        let t3 = t2 * t;
        let h00 = 2.0 * t3 - 3.0 * t2 + 1.0;
        let h10 = t3 - 2.0 * t2 + t;
        let h01 = -2.0 * t3 + 3.0 * t2;
        let h11 = t3 - t2;
        h00 * self.u[i] + h10 * h * self.d[i] + h01 * self.u[i + 1] + h11 * h * self.d[i + 1]
    }

    /// dU/dx in volts (the derivative of the same interpolant).
    pub fn dvoltage_dx(&self, x: f64) -> f64 {
        let n = self.x.len();
        if x < self.x[0] {
            return self.d[0];
        }
        if x > self.x[n - 1] {
            return self.d[n - 1];
        }
        let i = self.interval(x);
        let h = self.x[i + 1] - self.x[i];
        let t = (x - self.x[i]) / h;
        let t2 = t * t;
        let dh00 = (6.0 * t2 - 6.0 * t) / h;
        let dh10 = 3.0 * t2 - 4.0 * t + 1.0;
        let dh01 = (-6.0 * t2 + 6.0 * t) / h;
        let dh11 = 3.0 * t2 - 2.0 * t;
        dh00 * self.u[i] + dh10 * self.d[i] + dh01 * self.u[i + 1] + dh11 * self.d[i + 1]
    }
}

/// Node slopes of the monotone cubic (Fritsch–Butland weighted harmonic mean inside,
/// end secants at the ends).
fn pchip_slopes(x: &[f64], u: &[f64]) -> Vec<f64> {
    let n = x.len();
    let h: Vec<f64> = x.windows(2).map(|w| w[1] - w[0]).collect();
    let delta: Vec<f64> = u
        .windows(2)
        .zip(&h)
        .map(|(w, h)| (w[1] - w[0]) / h)
        .collect();
    let mut d = vec![0.0; n];
    d[0] = delta[0];
    d[n - 1] = delta[n - 2];
    for i in 1..n - 1 {
        let (a, b) = (delta[i - 1], delta[i]);
        if a * b > 0.0 {
            let w1 = 2.0 * h[i] + h[i - 1];
            let w2 = h[i] + 2.0 * h[i - 1];
            d[i] = (w1 + w2) / (w1 / a + w2 / b);
        }
    }
    d
}

impl OcvCurve {
    /// All built-in fits (not tables).
    pub const ALL: &'static [OcvCurve] = &[
        OcvCurve::LiCoO2Ramadass2004,
        OcvCurve::Nmc532Xu2019,
        OcvCurve::LiFePO4Prada2013,
        OcvCurve::Nmc811Chen2020,
        OcvCurve::NcaKim2011,
    ];

    /// Open-circuit voltage in volts vs Li/Li+ at stoichiometry x (c_s/c_s,max).
    ///
    /// The published formula is evaluated as is, also outside
    /// [`valid_range`](Self::valid_range) (no clipping, like PyBaMM).
    pub fn voltage(&self, x: f64) -> f64 {
        match self {
            OcvCurve::LiCoO2Ramadass2004 => {
                let s = LCO_STRETCH * x;
                let s2 = s * s;
                poly(&LCO_NUM, s2) / poly(&LCO_DEN, s2)
            }
            OcvCurve::Nmc532Xu2019 => {
                let (a, k, b) = NMC532_EXP;
                poly(&NMC532_POLY, x) - a * (k * x - b).exp()
            }
            OcvCurve::LiFePO4Prada2013 => {
                3.4077 - 0.020269 * x + 0.5 * (-150.0 * x).exp() - 0.9 * (-30.0 * (1.0 - x)).exp()
            }
            OcvCurve::Nmc811Chen2020 => NMC811_TANH
                .iter()
                .fold(-0.8090 * x + 4.4875, |u, &(a, k, c)| {
                    u + a * (k * (x - c)).tanh()
                }),
            OcvCurve::NcaKim2011 => {
                let (a, k, p) = NCA_EXP;
                poly(&NCA_POLY, x) - a * (k * x.powf(p)).exp()
            }
            OcvCurve::Tabulated(t) => t.voltage(x),
        }
    }

    /// dU/dx in volts (analytic derivative, needed by the cell model's Jacobian).
    pub fn dvoltage_dx(&self, x: f64) -> f64 {
        match self {
            OcvCurve::LiCoO2Ramadass2004 => {
                // U = N(s^2)/D(s^2), s = 1.13 x: dU/dx = 1.13 * 2s (N'D - ND') / D^2.
                let s = LCO_STRETCH * x;
                let s2 = s * s;
                let (n, d) = (poly(&LCO_NUM, s2), poly(&LCO_DEN, s2));
                let (dn, dd) = (dpoly(&LCO_NUM, s2), dpoly(&LCO_DEN, s2));
                LCO_STRETCH * 2.0 * s * (dn * d - n * dd) / (d * d)
            }
            OcvCurve::Nmc532Xu2019 => {
                let (a, k, b) = NMC532_EXP;
                dpoly(&NMC532_POLY, x) - a * k * (k * x - b).exp()
            }
            OcvCurve::LiFePO4Prada2013 => {
                -0.020269 - 75.0 * (-150.0 * x).exp() - 27.0 * (-30.0 * (1.0 - x)).exp()
            }
            OcvCurve::Nmc811Chen2020 => NMC811_TANH
                .iter()
                .fold(-0.8090, |du, &(a, k, c)| du + a * k * sech2(k * (x - c))),
            OcvCurve::NcaKim2011 => {
                let (a, k, p) = NCA_EXP;
                dpoly(&NCA_POLY, x) - a * k * p * x.powf(p - 1.0) * (k * x.powf(p)).exp()
            }
            OcvCurve::Tabulated(t) => t.dvoltage_dx(x),
        }
    }

    /// The stoichiometry range over which the fit is valid, as (x_min, x_max).
    ///
    /// None of the sources or PyBaMM state a range explicitly, so every range
    /// here is inferred; the reasoning is in each variant's doc. U is strictly
    /// decreasing on each range (checked in the tests).
    pub fn valid_range(&self) -> (f64, f64) {
        match self {
            OcvCurve::LiCoO2Ramadass2004 => (0.40, 1.0 / LCO_STRETCH),
            OcvCurve::Nmc532Xu2019 | OcvCurve::LiFePO4Prada2013 => (0.0, 1.0),
            OcvCurve::Nmc811Chen2020 => (0.2661, 0.9060),
            OcvCurve::NcaKim2011 => (0.30, 0.986),
            OcvCurve::Tabulated(t) => t.span(),
        }
    }

    /// Short stable identifier, e.g. "LiCoO2-Ramadass2004" (`"table"` for a table).
    pub fn id(&self) -> &'static str {
        match self {
            OcvCurve::LiCoO2Ramadass2004 => "LiCoO2-Ramadass2004",
            OcvCurve::Nmc532Xu2019 => "NMC532-Xu2019",
            OcvCurve::LiFePO4Prada2013 => "LiFePO4-Prada2013",
            OcvCurve::Nmc811Chen2020 => "NMC811-Chen2020",
            OcvCurve::NcaKim2011 => "NCA-Kim2011",
            OcvCurve::Tabulated(_) => "table",
        }
    }

    /// Citation keys (in `data/bibliography/ocv.toml`) of the sources, primary
    /// (origin of the equation) first, then the parameter set it is used in; none
    /// for a table (its provenance is the design's).
    pub fn citation_keys(&self) -> &'static [&'static str] {
        match self {
            OcvCurve::LiCoO2Ramadass2004 => &["ramadass2004"],
            OcvCurve::Nmc532Xu2019 => &["mohtat2020", "xu2019"],
            OcvCurve::LiFePO4Prada2013 => &["afshar2017", "prada2013"],
            OcvCurve::Nmc811Chen2020 => &["chen2020b"],
            OcvCurve::NcaKim2011 => &["kim2011b"],
            OcvCurve::Tabulated(_) => &[],
        }
    }

    /// Name of the cathode material this curve describes (`"(tabulated)"` for a
    /// table, which does not say).
    pub fn material(&self) -> &'static str {
        match self {
            OcvCurve::LiCoO2Ramadass2004 => "LiCoO2",
            OcvCurve::Nmc532Xu2019 => "NMC532",
            OcvCurve::LiFePO4Prada2013 => "LiFePO4",
            OcvCurve::Nmc811Chen2020 => "NMC811",
            OcvCurve::NcaKim2011 => "NCA",
            OcvCurve::Tabulated(_) => "(tabulated)",
        }
    }

    /// A table of this curve between `lo` and `hi` whose interpolant stays within
    /// `tol` volts of the curve at every interval midpoint: starts from 33 evenly
    /// spaced points and halves each interval whose midpoint misses, until none does
    /// or the table has `max_points` points. Used to write a fit where only a table
    /// can go (e.g. a BPX file). Errors if the curve is not strictly decreasing on
    /// [lo, hi] (then no table of it is valid).
    pub fn tabulate(
        &self,
        lo: f64,
        hi: f64,
        tol: f64,
        max_points: usize,
    ) -> Result<OcvTable, MaterialsError> {
        let n0 = 33;
        let mut x: Vec<f64> = (0..n0)
            .map(|i| lo + (hi - lo) * i as f64 / (n0 - 1) as f64)
            .collect();
        loop {
            let u: Vec<f64> = x.iter().map(|&x| self.voltage(x)).collect();
            let table = OcvTable::new(&x, &u)?;
            let mut refined = Vec::with_capacity(2 * x.len());
            let mut missed = false;
            for w in x.windows(2) {
                refined.push(w[0]);
                let m = 0.5 * (w[0] + w[1]);
                if (table.voltage(m) - self.voltage(m)).abs() > tol && m > w[0] && m < w[1] {
                    refined.push(m);
                    missed = true;
                }
            }
            refined.push(x[x.len() - 1]);
            if !missed || refined.len() > max_points {
                return Ok(table);
            }
            x = refined;
        }
    }

    /// Solve U(x) = v for x within [`valid_range`](Self::valid_range) by
    /// bisection (U is strictly decreasing there). Returns `None` if `v` is
    /// NaN or outside [U(x_max), U(x_min)].
    pub fn stoichiometry_at(&self, v: f64) -> Option<f64> {
        let (mut lo, mut hi) = self.valid_range();
        if v.is_nan() || v > self.voltage(lo) || v < self.voltage(hi) {
            return None;
        }
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if mid <= lo || mid >= hi {
                break;
            }
            if self.voltage(mid) > v {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Some(0.5 * (lo + hi))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference values U(x) in volts, computed by calling PyBaMM's own
    /// functions (PyBaMM 26.10.1.1 from PyPI, installed in a venv;
    /// `lico2_ocp_Ramadass2004`, `nmc_ocp_Xu2019`, `LFP_ocp_Afshar2017`
    /// from `Prada2013`, `nmc_LGM50_ocp_Chen2020`, `nca_ocp_Kim2011`) on
    /// numpy float64 scalars, printed with `repr`.
    const PINNED: &[(OcvCurve, f64, f64)] = &[
        (OcvCurve::LiCoO2Ramadass2004, 0.42, 4.311772178463208),
        (OcvCurve::LiCoO2Ramadass2004, 0.5, 4.124895384620799),
        (OcvCurve::LiCoO2Ramadass2004, 0.65, 3.9562925841954537),
        (OcvCurve::LiCoO2Ramadass2004, 0.8, 3.850272339809187),
        (OcvCurve::LiCoO2Ramadass2004, 0.88, 3.2124919699463645),
        (OcvCurve::Nmc532Xu2019, 0.05, 4.2664269860625),
        (OcvCurve::Nmc532Xu2019, 0.096, 4.200016542545963),
        (OcvCurve::Nmc532Xu2019, 0.3, 3.962490822),
        (OcvCurve::Nmc532Xu2019, 0.6, 3.7711405439999997),
        (OcvCurve::Nmc532Xu2019, 0.9, 3.650386680645693),
        (OcvCurve::Nmc532Xu2019, 0.97, 3.5486001626696573),
        (OcvCurve::LiFePO4Prada2013, 0.001, 3.8380337192124423),
        (OcvCurve::LiFePO4Prada2013, 0.02, 3.432188154183778),
        (OcvCurve::LiFePO4Prada2013, 0.5, 3.397565224687912),
        (OcvCurve::LiFePO4Prada2013, 0.9, 3.3446495384689223),
        (OcvCurve::LiFePO4Prada2013, 0.99, 2.7208972913864544),
        (OcvCurve::Nmc811Chen2020, 0.27, 4.272957605316414),
        (OcvCurve::Nmc811Chen2020, 0.3117, 4.194085443210102),
        (OcvCurve::Nmc811Chen2020, 0.45, 4.032519004206474),
        (OcvCurve::Nmc811Chen2020, 0.7, 3.730402724350217),
        (OcvCurve::Nmc811Chen2020, 0.9, 3.568200281643513),
        (OcvCurve::NcaKim2011, 0.3, 4.3514066391602),
        (OcvCurve::NcaKim2011, 0.41, 4.11269100933976),
        (OcvCurve::NcaKim2011, 0.6, 3.8396942432768215),
        (OcvCurve::NcaKim2011, 0.9, 3.5533085312400683),
        (OcvCurve::NcaKim2011, 0.98, 3.208502355794742),
    ];

    /// `n` points strictly inside the valid range (cell midpoints).
    fn interior(curve: &OcvCurve, n: usize) -> impl Iterator<Item = f64> {
        let (lo, hi) = curve.valid_range();
        (0..n).map(move |i| lo + (hi - lo) * (i as f64 + 0.5) / n as f64)
    }

    #[test]
    fn pinned_values_match_pybamm() {
        for (curve, x, u_ref) in PINNED {
            let (x, u_ref) = (*x, *u_ref);
            let u = curve.voltage(x);
            assert!(
                (u - u_ref).abs() < 1e-9,
                "{}: U({x}) = {u}, PyBaMM {u_ref}",
                curve.id()
            );
        }
        for curve in OcvCurve::ALL {
            assert!(
                PINNED.iter().filter(|p| &p.0 == curve).count() >= 3,
                "{}",
                curve.id()
            );
        }
    }

    #[test]
    fn xu2019_half_cell_window() {
        let c = OcvCurve::Nmc532Xu2019;
        // Initial state of PyBaMM's Xu2019 set: 4631 / 48230 mol/m^3, at the 4.2 V cut-off.
        assert!((c.voltage(4631.0 / 48230.0) - 4.2).abs() < 1e-4);
        let x_end = c.stoichiometry_at(3.5).unwrap();
        assert!((x_end - 0.97800).abs() < 1e-4, "{x_end}");
    }

    #[test]
    fn derivative_matches_central_difference() {
        let h = 1e-6;
        for curve in OcvCurve::ALL {
            for x in interior(curve, 400) {
                let a = curve.dvoltage_dx(x);
                let fd = (curve.voltage(x + h) - curve.voltage(x - h)) / (2.0 * h);
                assert!(
                    (a - fd).abs() <= 1e-5 * a.abs(),
                    "{}: x = {x}, analytic {a}, fd {fd}",
                    curve.id()
                );
            }
        }
    }

    #[test]
    fn monotone_decreasing_over_valid_range() {
        for curve in OcvCurve::ALL {
            let (lo, hi) = curve.valid_range();
            let n = 20_000;
            let mut prev = curve.voltage(lo);
            assert!(prev.is_finite());
            for i in 1..=n {
                let x = lo + (hi - lo) * i as f64 / n as f64;
                let u = curve.voltage(x);
                assert!(u < prev, "{}: not decreasing at x = {x}", curve.id());
                assert!(
                    curve.dvoltage_dx(x) < 0.0,
                    "{}: dU/dx >= 0 at x = {x}",
                    curve.id()
                );
                prev = u;
            }
        }
    }

    #[test]
    fn stoichiometry_round_trips() {
        for curve in OcvCurve::ALL {
            let (lo, hi) = curve.valid_range();
            for x in interior(curve, 97).chain([lo, hi]) {
                let back = curve.stoichiometry_at(curve.voltage(x)).unwrap();
                assert!(
                    (back - x).abs() < 1e-9,
                    "{}: x = {x}, back {back}",
                    curve.id()
                );
            }
            assert_eq!(curve.stoichiometry_at(curve.voltage(lo) + 1e-3), None);
            assert_eq!(curve.stoichiometry_at(curve.voltage(hi) - 1e-3), None);
            assert_eq!(curve.stoichiometry_at(f64::NAN), None);
        }
    }

    /// A 101-point table sampled from each built-in fit over its valid range.
    fn sampled(curve: &OcvCurve, n: usize) -> OcvTable {
        let (lo, hi) = curve.valid_range();
        let x: Vec<f64> = (0..n)
            .map(|i| lo + (hi - lo) * i as f64 / (n - 1) as f64)
            .collect();
        let u: Vec<f64> = x.iter().map(|&x| curve.voltage(x)).collect();
        OcvTable::new(&x, &u).unwrap()
    }

    #[test]
    fn table_passes_through_its_nodes_and_is_linear_on_linear_data() {
        let t = OcvTable::new(&[0.1, 0.4, 0.9], &[4.2, 3.9, 3.4]).unwrap();
        for (x, u) in [(0.1, 4.2), (0.4, 3.9), (0.9, 3.4)] {
            assert!((t.voltage(x) - u).abs() < 1e-15);
        }
        // Collinear points: every slope is the secant −1 V, so the cubic is the line.
        for x in [0.15, 0.3, 0.55, 0.8] {
            assert!((t.voltage(x) - (4.3 - x)).abs() < 1e-14, "{x}");
            assert!((t.dvoltage_dx(x) + 1.0).abs() < 1e-12);
        }
        // Linear beyond the ends, with the end slopes.
        assert!((t.voltage(0.0) - 4.3).abs() < 1e-14);
        assert!((t.voltage(1.0) - 3.3).abs() < 1e-14);
        assert_eq!(t.span(), (0.1, 0.9));
    }

    #[test]
    fn table_accepts_decreasing_stoichiometry() {
        let a = OcvTable::new(&[0.9, 0.4, 0.1], &[3.4, 3.9, 4.2]).unwrap();
        let b = OcvTable::new(&[0.1, 0.4, 0.9], &[4.2, 3.9, 3.4]).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn table_errors_name_the_array() {
        let cases: &[(&[f64], &[f64], &str, &str)] = &[
            (&[0.1, 0.2], &[4.0], "voltage", "same length"),
            (&[0.1], &[4.0], "stoichiometry", "at least 2"),
            (
                &[0.1, 0.3, 0.2],
                &[4.0, 3.9, 3.8],
                "stoichiometry",
                "strictly monotone",
            ),
            (
                &[0.1, 0.2, 0.3],
                &[4.0, 4.1, 3.8],
                "voltage",
                "fall strictly",
            ),
            (&[0.1, 1.2], &[4.0, 3.0], "stoichiometry", "outside 0–1"),
            (&[0.1, 0.2], &[4.0, f64::NAN], "voltage", "finite"),
        ];
        for (x, u, array, text) in cases {
            match OcvTable::new(x, u) {
                Err(MaterialsError::OcvTable { array: a, message }) => {
                    assert_eq!(&a, array, "{message}");
                    assert!(message.contains(text), "{message}");
                }
                other => panic!("{x:?} {u:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn sampled_tables_follow_the_fits() {
        for curve in OcvCurve::ALL {
            let (lo, hi) = curve.valid_range();
            let table = curve.tabulate(lo, hi, 1e-4, 2000).unwrap();
            let n = table.stoichiometry().len();
            let t = OcvCurve::Tabulated(table);
            assert_eq!(t.valid_range(), curve.valid_range());
            // Between nodes the PCHIP stays within 0.2 mV of the smooth fit (checked
            // at 0.1 mV on each midpoint; 2× margin for the rest of each interval).
            let mut worst: f64 = 0.0;
            for x in interior(curve, 5000) {
                worst = worst.max((t.voltage(x) - curve.voltage(x)).abs());
            }
            assert!(worst < 2e-4, "{}: {worst} with {n} points", curve.id());
            assert!(n < 600, "{}: {n} points", curve.id());
            // A uniform table is coarser where the curve bends.
            let uniform = sampled(curve, 101);
            assert!(uniform.stoichiometry().len() == 101);
            // Continuous, monotone, derivative equals the finite difference.
            let h = 1e-7;
            for x in interior(curve, 997) {
                let fd = (t.voltage(x + h) - t.voltage(x - h)) / (2.0 * h);
                let d = t.dvoltage_dx(x);
                assert!(d <= 0.0, "{}: {x}", curve.id());
                assert!(
                    (d - fd).abs() <= 1e-5 * d.abs().max(1e-3),
                    "{}: {x} {d} {fd}",
                    curve.id()
                );
            }
            // The window solve works on a table too.
            let (lo, hi) = t.valid_range();
            let v = t.voltage(0.5 * (lo + hi));
            let x = t.stoichiometry_at(v).unwrap();
            assert!((t.voltage(x) - v).abs() < 1e-9);
        }
    }

    #[test]
    fn metadata_is_consistent() {
        let mut ids: Vec<&str> = OcvCurve::ALL.iter().map(|c| c.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), OcvCurve::ALL.len());
        for curve in OcvCurve::ALL {
            let (lo, hi) = curve.valid_range();
            assert!((0.0..=1.0).contains(&lo) && (0.0..=1.0).contains(&hi) && lo < hi);
            assert!(!curve.citation_keys().is_empty());
            assert!(!curve.material().is_empty());
            assert!(curve.id().starts_with(curve.material()));
        }
    }
}
