//! The report card: each cell against the targets of §6.1 of Kurian et al. 2024.
//!
//! Targets (§6.1): total internal resistance below 40 Ω cm²; operation at room
//! temperature; 1000 cycles down to 80 % of the initial capacity; areal capacity of at
//! least 5 mAh/cm²; current capability above 5 mA/cm²; practical capacity close to the
//! theoretical; energy efficiency above 90 %. Each criterion is met, not met, or
//! unknown, with the number behind it and how that number was obtained. The numbers
//! are the constants of [`crate::targets`], which the design report uses too.

use serde::Serialize;

use crate::cell::{Architecture, Cell};

/// Outcome of one criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The reported value meets the target.
    Met,
    /// The reported value misses it (or the test did not reach it).
    NotMet,
    /// Not enough data.
    Unknown,
}

impl Status {
    /// The verdict in words: `met`, `not met` or `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::NotMet => "not met",
            Self::Unknown => "unknown",
        }
    }
}

/// The criteria, in the order of §6.1 as garnet prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// Total internal resistance < 40 Ω cm².
    InternalResistance,
    /// Works at room temperature.
    RoomTemperature,
    /// ≥ 1000 cycles at ≥ 80 % retention.
    CycleLife,
    /// Areal capacity ≥ 5 mAh/cm².
    ArealCapacity,
    /// Current ≥ 5 mA/cm².
    CurrentDensity,
    /// Practical capacity close to theoretical.
    CapacityVsTheoretical,
    /// Energy efficiency > 90 %.
    EnergyEfficiency,
}

impl Criterion {
    /// All criteria.
    pub const ALL: [Criterion; 7] = [
        Criterion::InternalResistance,
        Criterion::RoomTemperature,
        Criterion::CycleLife,
        Criterion::ArealCapacity,
        Criterion::CurrentDensity,
        Criterion::CapacityVsTheoretical,
        Criterion::EnergyEfficiency,
    ];

    /// Stable identifier (as in JSON).
    pub fn id(self) -> &'static str {
        match self {
            Criterion::InternalResistance => "internal_resistance",
            Criterion::RoomTemperature => "room_temperature",
            Criterion::CycleLife => "cycle_life",
            Criterion::ArealCapacity => "areal_capacity",
            Criterion::CurrentDensity => "current_density",
            Criterion::CapacityVsTheoretical => "capacity_vs_theoretical",
            Criterion::EnergyEfficiency => "energy_efficiency",
        }
    }

    /// The target as printed, written from the thresholds of [`crate::targets`].
    pub fn target(self) -> String {
        match self {
            Criterion::InternalResistance => format!("< {MAX_RESISTANCE_OHM_CM2} Ω cm²"),
            Criterion::RoomTemperature => {
                format!("operates at room temperature (≤ {MAX_ROOM_TEMPERATURE_C} °C)")
            }
            Criterion::CycleLife => {
                format!("≥ {MIN_CYCLES} cycles at ≥ {MIN_RETENTION_PCT} % retention")
            }
            Criterion::ArealCapacity => format!("≥ {MIN_AREAL_CAPACITY_MAH_CM2} mAh/cm²"),
            Criterion::CurrentDensity => format!("≥ {MIN_CURRENT_MA_CM2} mA/cm²"),
            Criterion::CapacityVsTheoretical => {
                format!("≥ {} % of theoretical", MIN_CAPACITY_RATIO * 100.0)
            }
            Criterion::EnergyEfficiency => format!("> {MIN_ENERGY_EFFICIENCY_PCT} %"),
        }
    }
}

// The thresholds live in [`crate::targets`] (shared with the design report); they stay
// reachable here under their old paths.
pub use crate::targets::{
    MAX_RESISTANCE_OHM_CM2, MAX_ROOM_TEMPERATURE_C, MIN_AREAL_CAPACITY_MAH_CM2, MIN_CAPACITY_RATIO,
    MIN_CURRENT_MA_CM2, MIN_CYCLES, MIN_ENERGY_EFFICIENCY_PCT, MIN_RETENTION_PCT,
};

/// One criterion's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grade {
    /// Which criterion.
    pub criterion: Criterion,
    /// Met, not met or unknown.
    pub status: Status,
    /// The number behind the verdict.
    pub value: Option<f64>,
    /// Its unit.
    pub unit: &'static str,
    /// The target.
    pub target: String,
    /// How the number was obtained (or why it is unknown).
    pub basis: String,
}

/// Numbers derived from a cell's fields (and the cathode's theoretical capacity).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Derived {
    /// Areal capacity (mAh/cm²) at the upper loading.
    pub areal_capacity_mah_cm2: Option<f64>,
    /// Current density (mA/cm²).
    pub current_ma_cm2: Option<f64>,
    /// Capacity in mAh/g divided by the theoretical capacity.
    pub capacity_ratio: Option<f64>,
    /// Theoretical capacity of the cathode (mAh/g) from its formula.
    pub theoretical_capacity_mah_g: Option<f64>,
}

fn capacity_mah_g(cell: &Cell) -> Option<f64> {
    match cell.capacity_unit.as_deref() {
        None | Some("mAh/g") => cell.capacity_value,
        _ => None,
    }
}

/// Derive areal capacity, current density and the capacity ratio, each with how.
pub fn derive(cell: &Cell, theoretical_mah_g: Option<f64>) -> (Derived, [String; 2]) {
    let loading = cell.loading_max_mg_cm2.or(cell.loading_min_mg_cm2);
    let (areal, areal_how) = match (cell.capacity_unit.as_deref(), cell.capacity_value, loading) {
        (Some("uAh/cm2"), Some(v), _) => (Some(v / 1000.0), "reported per area".to_string()),
        (Some("mAh/cm2"), Some(v), _) => (Some(v), "reported per area".to_string()),
        (None | Some("mAh/g"), Some(q), Some(l)) => (
            Some(q * l / 1000.0),
            format!("{q} mAh/g × {l} mg/cm² (upper loading)"),
        ),
        (_, None, _) => (None, "no capacity reported".to_string()),
        _ => (None, "no cathode loading reported".to_string()),
    };
    let (current, current_how) = if let Some(i) = cell.current_ua_cm2 {
        (Some(i / 1000.0), format!("{i} µA/cm² reported"))
    } else if let (Some(s), Some(l)) = (cell.specific_current_ma_g, loading) {
        (Some(s * l / 1000.0), format!("{s} mA/g × {l} mg/cm²"))
    } else if let (Some(c), Some(a)) = (cell.c_rate, areal) {
        (
            Some(c * a),
            format!("{c}C × {a:.3} mAh/cm² (C-rate against the reported capacity)"),
        )
    } else {
        (
            None,
            "no current density, or C-rate without capacity and loading".to_string(),
        )
    };
    let ratio = match (capacity_mah_g(cell), theoretical_mah_g) {
        (Some(q), Some(t)) if t > 0.0 => Some(q / t),
        _ => None,
    };
    (
        Derived {
            areal_capacity_mah_cm2: areal,
            current_ma_cm2: current,
            capacity_ratio: ratio,
            theoretical_capacity_mah_g: theoretical_mah_g,
        },
        [areal_how, current_how],
    )
}

fn grade(
    criterion: Criterion,
    status: Status,
    value: Option<f64>,
    unit: &'static str,
    basis: String,
) -> Grade {
    Grade {
        criterion,
        status,
        value,
        unit,
        target: criterion.target(),
        basis,
    }
}

fn threshold(value: Option<f64>, ok: impl Fn(f64) -> bool) -> Status {
    match value {
        Some(v) if ok(v) => Status::Met,
        Some(_) => Status::NotMet,
        None => Status::Unknown,
    }
}

/// Grade a cell against every §6.1 target.
pub fn report_card(cell: &Cell, theoretical_mah_g: Option<f64>) -> (Vec<Grade>, Derived) {
    let (d, [areal_how, current_how]) = derive(cell, theoretical_mah_g);
    let mut out = Vec::new();
    out.push(grade(
        Criterion::InternalResistance,
        threshold(cell.impedance_ohm_cm2, |r| r < MAX_RESISTANCE_OHM_CM2),
        cell.impedance_ohm_cm2,
        "ohm cm2",
        if cell.impedance_ohm_cm2.is_some() {
            "reported cell impedance".to_string()
        } else {
            "no impedance reported".to_string()
        },
    ));
    out.push(grade(
        Criterion::RoomTemperature,
        threshold(cell.temperature_c, |t| t <= MAX_ROOM_TEMPERATURE_C),
        cell.temperature_c,
        "degC",
        match (cell.temperature_c, cell.temperature_is_rt) {
            (Some(_), Some(true)) => "reported as RT (recorded as 25 °C)".to_string(),
            (Some(_), _) => "reported test temperature".to_string(),
            (None, _) => "no temperature reported".to_string(),
        },
    ));
    let cycle_status = match (cell.cycles, cell.retention_pct) {
        (Some(n), Some(r)) if n >= MIN_CYCLES && r >= MIN_RETENTION_PCT => Status::Met,
        (Some(n), _) if n < MIN_CYCLES => Status::NotMet,
        (Some(_), Some(_)) => Status::NotMet,
        _ => Status::Unknown,
    };
    out.push(grade(
        Criterion::CycleLife,
        cycle_status,
        cell.cycles.map(f64::from),
        "cycles",
        match (cell.cycles, cell.retention_pct) {
            (Some(n), Some(r)) => format!("{n} cycles reported at {r} % retention"),
            (Some(n), None) => format!("{n} cycles reported, retention unknown"),
            _ => "no cycling reported".to_string(),
        },
    ));
    out.push(grade(
        Criterion::ArealCapacity,
        threshold(d.areal_capacity_mah_cm2, |a| {
            a >= MIN_AREAL_CAPACITY_MAH_CM2
        }),
        d.areal_capacity_mah_cm2,
        "mAh/cm2",
        areal_how,
    ));
    out.push(grade(
        Criterion::CurrentDensity,
        threshold(d.current_ma_cm2, |i| i >= MIN_CURRENT_MA_CM2),
        d.current_ma_cm2,
        "mA/cm2",
        current_how,
    ));
    out.push(grade(
        Criterion::CapacityVsTheoretical,
        threshold(d.capacity_ratio, |r| r >= MIN_CAPACITY_RATIO),
        d.capacity_ratio,
        "fraction",
        match (capacity_mah_g(cell), theoretical_mah_g) {
            (Some(q), Some(t)) => {
                format!("{q} mAh/g of {t:.1} mAh/g theoretical (from the formula)")
            }
            (None, _) => "no capacity in mAh/g reported".to_string(),
            (_, None) => "cathode not in the knowledge base".to_string(),
        },
    ));
    out.push(grade(
        Criterion::EnergyEfficiency,
        Status::Unknown,
        None,
        "%",
        "Table 2 does not report energy efficiency".to_string(),
    ));
    (out, d)
}

/// Counts of met / not met / unknown for one criterion and one architecture (or all).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tally {
    /// Criterion.
    pub criterion: Criterion,
    /// Architecture, or `None` for all cells.
    pub architecture: Option<Architecture>,
    /// Cells meeting the target.
    pub met: usize,
    /// Cells missing it.
    pub not_met: usize,
    /// Cells without data.
    pub unknown: usize,
}

/// Tally grades per criterion and printed architecture (plus an all-cells row).
pub fn summarise<'a>(cards: impl IntoIterator<Item = (&'a Cell, &'a [Grade])>) -> Vec<Tally> {
    let cards: Vec<(&Cell, &[Grade])> = cards.into_iter().collect();
    let mut out = Vec::new();
    for criterion in Criterion::ALL {
        let groups = std::iter::once(None).chain(Architecture::ALL.into_iter().map(Some));
        for arch in groups {
            let mut t = Tally {
                criterion,
                architecture: arch,
                met: 0,
                not_met: 0,
                unknown: 0,
            };
            for (cell, grades) in &cards {
                if arch.is_some_and(|a| a != cell.architecture) {
                    continue;
                }
                match grades
                    .iter()
                    .find(|g| g.criterion == criterion)
                    .map(|g| g.status)
                {
                    Some(Status::Met) => t.met += 1,
                    Some(Status::NotMet) => t.not_met += 1,
                    _ => t.unknown += 1,
                }
            }
            out.push(t);
        }
    }
    out
}

#[cfg(test)]
mod status_tests {
    use super::*;

    #[test]
    fn verdicts_read_as_words() {
        let words = [Status::Met, Status::NotMet, Status::Unknown].map(Status::as_str);
        assert_eq!(words, ["met", "not met", "unknown"]);
    }
}
