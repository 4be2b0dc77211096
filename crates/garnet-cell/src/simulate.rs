//! Running a protocol on a model: consistent initialisation, integration, cut-off
//! events located to the solver's accuracy, and the recorded time series.

use garnet_solve::{Bdf, BdfOptions, Problem, RootTolerance, SolveError, Stats};

use crate::model::{Breakdown, Control, Model};
use crate::protocol::{CurrentSpec, Protocol, Step};
use crate::{CellError, CellParams};

/// One recorded point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    /// Time since the start (s).
    pub time: f64,
    /// Total current (A), positive on discharge.
    pub current: f64,
    /// Discharge capacity passed since the start (mAh), ∫I dt.
    pub capacity_mah: f64,
    /// State of charge from the mean stoichiometry (1 at `voltage_max`, 0 at `voltage_min`).
    pub soc: f64,
    /// Voltage and its breakdown.
    pub breakdown: Breakdown,
    /// 1-based protocol step.
    pub step: usize,
}

/// Why a step ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepEnd {
    /// Reached its voltage limit.
    Voltage,
    /// Reached its current limit.
    Current,
    /// Reached its time limit.
    Time,
}

/// The result of running a protocol.
#[derive(Debug, Clone)]
pub struct Run {
    /// Recorded points (every accepted solver step, plus step ends); empty when the
    /// simulator was asked to keep states only (see [`Simulator::post_process`]).
    pub samples: Vec<Sample>,
    /// The raw record: (time, protocol step, state) at every recorded point.
    pub states: Vec<(f64, usize, Vec<f64>)>,
    /// How each step ended.
    pub step_ends: Vec<StepEnd>,
    /// Solver work.
    pub stats: Stats,
    /// Final state.
    pub state: Vec<f64>,
}

/// Simulates a cell.
#[derive(Debug, Clone)]
pub struct Simulator {
    /// The model.
    pub model: Model,
    /// Record every accepted step and compute the samples (voltage breakdown,
    /// capacity, state of charge) after the run; off, only the state at the end of each
    /// protocol step is kept (what `garnet bench` times, as PyBaMM's solve returns its
    /// solution and evaluates variables later).
    pub post_process: bool,
    options: BdfOptions,
}

impl Simulator {
    /// A simulator for resolved parameters.
    pub fn new(p: CellParams) -> Self {
        let (rtol, atol) = p.tolerances;
        Self {
            post_process: true,
            model: Model::new(p),
            options: BdfOptions {
                rtol,
                atol,
                ..BdfOptions::default()
            },
        }
    }

    /// The initial state of the design.
    pub fn initial_state(&self) -> Vec<f64> {
        self.model.initial_state(self.model.p.x_init)
    }

    fn current_density(&self, c: CurrentSpec) -> f64 {
        let p = &self.model.p;
        match c {
            CurrentSpec::CRate(r) => p.c_rate_to_current_density(r),
            CurrentSpec::Density(d) => d,
            CurrentSpec::Total(a) => a / p.area,
        }
    }

    /// The sample of one recorded state.
    pub fn sample(&self, t: f64, y: &[f64], step: usize) -> Sample {
        let m = &self.model;
        let p = &m.p;
        let b = m.breakdown(y);
        let x = m.x_mean(y);
        Sample {
            time: t,
            current: y[m.current()] * p.area,
            capacity_mah: y[Model::CHARGE] * p.area / 3.6,
            soc: (p.x_discharged - x) / (p.x_discharged - p.x_charged),
            breakdown: b,
            step,
        }
    }

    /// Make the algebraic unknowns consistent with the differential ones for the
    /// current control: one backward-Euler step of negligible length (1e-9 s), which
    /// leaves the differential unknowns where they are.
    fn make_consistent(&mut self, t: f64, y: &mut [f64]) -> Result<(), SolveError> {
        let n = y.len();
        let h = 1e-9;
        let y0 = y.to_vec();
        let mut mass = vec![0.0; n];
        self.model.mass(&mut mass);
        let mut f = vec![0.0; n];
        for _ in 0..30 {
            self.model.prepare(t, y, 1.0, h)?;
            self.model.rhs(t, y, &mut f)?;
            let mut r: Vec<f64> = (0..n)
                .map(|i| h * f[i] - mass[i] * (y[i] - y0[i]))
                .collect();
            // For algebraic rows (mass 0) the residual is h·f: scale so that Newton
            // solves f = 0 there (the matrix rows are −h·J, consistent with it).
            self.model.solve(&mut r)?;
            let mut biggest: f64 = 0.0;
            for i in 0..n {
                y[i] += r[i];
                biggest = biggest.max(r[i].abs() / (1e-9 + 1e-9 * y[i].abs()));
            }
            if biggest < 1.0 {
                return Ok(());
            }
        }
        Err(SolveError::Model(
            "consistent initialisation did not converge".to_string(),
        ))
    }

    /// Run a protocol from state `y` (modified in place).
    pub fn run(&mut self, protocol: &Protocol, y: &mut [f64]) -> Result<Run, CellError> {
        let mut t = 0.0;
        let mut samples: Vec<(f64, usize, Vec<f64>)> = Vec::new();
        let mut step_ends = Vec::new();
        let mut stats = Stats::default();
        let mut index = 0;
        for _cycle in 0..protocol.cycles {
            for step in &protocol.steps {
                index += 1;
                let end = self
                    .run_step(step, index, &mut t, y, &mut samples, &mut stats)
                    .map_err(|source| CellError::Solver {
                        step: index,
                        description: step.describe(),
                        source,
                    })?;
                step_ends.push(end);
            }
        }
        let computed = if self.post_process {
            samples
                .iter()
                .map(|(t, step, y)| self.sample(*t, y, *step))
                .collect()
        } else {
            Vec::new()
        };
        Ok(Run {
            samples: computed,
            states: samples,
            step_ends,
            stats,
            state: y.to_vec(),
        })
    }

    fn run_step(
        &mut self,
        step: &Step,
        index: usize,
        t: &mut f64,
        y: &mut [f64],
        samples: &mut Vec<(f64, usize, Vec<f64>)>,
        stats: &mut Stats,
    ) -> Result<StepEnd, SolveError> {
        let p_vmin = self.model.p.v_min;
        let p_vmax = self.model.p.v_max;
        let (control, max_time, kind) = match *step {
            Step::ConstantCurrent {
                discharge,
                current,
                until_voltage,
                max_time,
            } => {
                let i = self.current_density(current);
                let v_stop = until_voltage.unwrap_or(if discharge { p_vmin } else { p_vmax });
                (
                    Control::Current(if discharge { i } else { -i }),
                    max_time,
                    Event::Voltage {
                        v_stop,
                        falling: discharge,
                    },
                )
            }
            Step::ConstantVoltage {
                voltage,
                until_current,
                max_time,
            } => (
                Control::Voltage(voltage),
                max_time,
                Event::Current {
                    i_stop: self.current_density(until_current),
                },
            ),
            Step::Rest { duration } => (Control::Current(0.0), Some(duration), Event::None),
        };
        self.model.control = control;
        self.make_consistent(*t, y)?;
        let t_start = *t;
        let t_stop = max_time.map_or(f64::INFINITY, |d| t_start + d);
        samples.push((*t, index, y.to_vec()));
        if kind.value(&self.model, y) <= 0.0 {
            return Ok(kind.end());
        }
        let mut bdf = Bdf::new(&mut self.model, *t, y, self.options)?;
        let horizon = if t_stop.is_finite() { t_stop } else { *t + 1e8 };
        let mut g_prev = kind.value(&self.model, y);
        let mut t_prev = *t;
        let mut scratch = vec![0.0; y.len()];
        let result = loop {
            let t_new = match bdf.step(&mut self.model, horizon) {
                Ok(t) => t,
                Err(e) => {
                    add_stats(stats, &bdf.stats);
                    return Err(e);
                }
            };
            let g_new = kind.value(&self.model, bdf.y());
            if g_new <= 0.0 {
                // Root of g on the interpolating polynomial of the last step, to 1e-10
                // in g or 1e-9 s.
                let t_root = bdf.locate_root(
                    |y| kind.value(&self.model, y),
                    (t_prev, g_prev),
                    (t_new, g_new),
                    RootTolerance::default(),
                    &mut scratch,
                );
                y.copy_from_slice(&scratch);
                *t = t_root;
                samples.push((*t, index, y.to_vec()));
                break kind.end();
            }
            *t = t_new;
            // Every accepted step is an output point; without post-processing (timing
            // runs) only the step's end state is kept.
            if self.post_process {
                y.copy_from_slice(bdf.y());
                samples.push((*t, index, y.to_vec()));
            }
            if *t >= t_stop - 1e-9 {
                if !self.post_process {
                    y.copy_from_slice(bdf.y());
                    samples.push((*t, index, y.to_vec()));
                }
                break StepEnd::Time;
            }
            g_prev = g_new;
            t_prev = t_new;
        };
        add_stats(stats, &bdf.stats);
        Ok(result)
    }
}

fn add_stats(total: &mut Stats, s: &Stats) {
    total.steps += s.steps;
    total.rejected += s.rejected;
    total.rhs_evals += s.rhs_evals;
    total.jacobian_evals += s.jacobian_evals;
    total.newton_iters += s.newton_iters;
}

#[derive(Debug, Clone, Copy)]
enum Event {
    Voltage { v_stop: f64, falling: bool },
    Current { i_stop: f64 },
    None,
}

impl Event {
    fn value(&self, m: &Model, y: &[f64]) -> f64 {
        match *self {
            Event::Voltage { v_stop, falling } => {
                let v = m.voltage(y);
                if falling {
                    v - v_stop
                } else {
                    v_stop - v
                }
            }
            Event::Current { i_stop } => y[m.current()].abs() - i_stop,
            Event::None => 1.0,
        }
    }

    fn end(&self) -> StepEnd {
        match self {
            Event::Voltage { .. } => StepEnd::Voltage,
            Event::Current { .. } => StepEnd::Current,
            Event::None => StepEnd::Time,
        }
    }
}
