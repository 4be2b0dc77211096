//! Questions asked of the reported cells: which match a filter, in what order, their
//! rows for JSON and CSV export, and the points of a scatter plot of two fields.
//!
//! Field names are resolved once through [`crate::fields`] (an unknown name is a
//! [`LitError::UnknownField`] with a did-you-mean); printing and file writing are the
//! caller's.

use garnet_cite::Bibliography;
use garnet_materials::MaterialDb;
use serde_json::{json, Value as Json};

use crate::cell::Architecture;
use crate::fields::{csv_fields, CategoryField, NumericField};
use crate::report_card::{summarise, Tally};
use crate::view::CellView;
use crate::{CellDb, LitError};

/// The reported cells with what their views need: the materials knowledge base
/// (theoretical capacities, names of the same material) and the bibliography (full
/// references). Loading them from files is the caller's.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// The cells (Table 2 and any merged lab cells).
    pub cells: CellDb,
    /// The materials knowledge base.
    pub materials: MaterialDb,
    /// The bibliography.
    pub bibliography: Bibliography,
}

impl Catalogue {
    /// Every cell's view, in the database's order.
    pub fn views(&self) -> Vec<CellView> {
        self.cells
            .cells()
            .iter()
            .map(|c| CellView::new(c, &self.materials, &self.bibliography))
            .collect()
    }

    /// The view of the cell `id` (an unknown id is an error with a did-you-mean).
    pub fn view(&self, id: &str) -> Result<CellView, LitError> {
        let cell = self.cells.get(id)?;
        Ok(CellView::new(cell, &self.materials, &self.bibliography))
    }

    /// The cells that pass `filter`, sorted by the field `sort` if given (see
    /// [`sort_views`]).
    pub fn select(
        &self,
        filter: &Filter,
        sort: Option<&str>,
        desc: bool,
    ) -> Result<Vec<CellView>, LitError> {
        let mut views: Vec<CellView> = self
            .views()
            .into_iter()
            .filter(|v| filter.keep(v, &self.materials))
            .collect();
        if let Some(field) = sort {
            sort_views(&mut views, field, desc)?;
        }
        Ok(views)
    }

    /// The §6.1 tallies of these views (one per cell, in the database's order).
    pub fn tallies(&self, views: &[CellView]) -> Vec<Tally> {
        summarise(
            self.cells
                .cells()
                .iter()
                .zip(views)
                .map(|(c, v)| (c, v.report_card.as_slice())),
        )
    }
}

/// `cells report-card ID --json`: the cell's id and its grades.
pub fn report_card_json(v: &CellView) -> Json {
    json!({ "id": v.id, "report_card": v.report_card })
}

/// `cells report-card --json`: every cell's id, architecture and grades, and the
/// tallies per criterion and architecture.
pub fn report_cards_json(views: &[CellView], tallies: &[Tally]) -> Json {
    let cells: Vec<Json> = views
        .iter()
        .map(
            |v| json!({ "id": v.id, "architecture": v.architecture, "report_card": v.report_card }),
        )
        .collect();
    json!({ "cells": cells, "summary": tallies })
}

/// Which cells to keep (every condition given must hold).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// The printed architecture.
    pub architecture: Option<Architecture>,
    /// The CEI strategy per §5.2.3.
    pub strategy: Option<Architecture>,
    /// The cathode (any name of the same material, ignoring case).
    pub cathode: Option<String>,
    /// A CEI material the cell uses, or `none` for cells without a CEI.
    pub interlayer: Option<String>,
    /// Lowest test temperature (°C); cells without one are left out.
    pub min_temperature_c: Option<f64>,
    /// Highest test temperature (°C); cells without one are left out.
    pub max_temperature_c: Option<f64>,
}

/// Two names denote the same material: equal ignoring case, or the same knowledge-base
/// record (`LCO` and `LiCoO2`).
pub fn same_material(a: &str, b: &str, db: &MaterialDb) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    match (db.get(a), db.get(b)) {
        (Ok(x), Ok(y)) => x.name == y.name,
        _ => false,
    }
}

impl Filter {
    /// Whether the cell passes (temperatures compared within 1e-9 °C).
    pub fn keep(&self, v: &CellView, db: &MaterialDb) -> bool {
        if self.architecture.is_some_and(|a| a != v.architecture)
            || self.strategy.is_some_and(|a| a != v.strategy)
        {
            return false;
        }
        if let Some(c) = &self.cathode {
            if !same_material(c, &v.cathode, db) {
                return false;
            }
        }
        if let Some(i) = &self.interlayer {
            let ok = match &v.interlayer {
                Some(list) if i.eq_ignore_ascii_case("none") => list.is_empty(),
                Some(list) => list.iter().any(|x| same_material(i, x, db)),
                None => false,
            };
            if !ok {
                return false;
            }
        }
        if let Some(lo) = self.min_temperature_c {
            if !v.temperature_c.is_some_and(|t| t >= lo - 1e-9) {
                return false;
            }
        }
        if let Some(hi) = self.max_temperature_c {
            if !v.temperature_c.is_some_and(|t| t <= hi + 1e-9) {
                return false;
            }
        }
        true
    }
}

/// Sort by a numeric field (cells that lack it last, in either direction) or a
/// categorical one (text order; `desc` reverses). The sort is stable.
pub fn sort_views(views: &mut [CellView], field: &str, desc: bool) -> Result<(), LitError> {
    if let Ok(f) = NumericField::named(field) {
        views.sort_by(|a, b| match (f.of(a), f.of(b)) {
            (Some(a), Some(b)) => {
                let o = a.total_cmp(&b);
                if desc {
                    o.reverse()
                } else {
                    o
                }
            }
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        return Ok(());
    }
    let f = CategoryField::named(field)?;
    views.sort_by_key(|v| f.of(v));
    if desc {
        views.reverse();
    }
    Ok(())
}

/// A cell's row of `cells list --json`: the view without the report card and the
/// nature of each CEI entry.
pub fn list_json(v: &CellView) -> Json {
    let mut j = serde_json::to_value(v).unwrap_or(Json::Null);
    if let Some(obj) = j.as_object_mut() {
        obj.remove("report_card");
        obj.remove("interlayer_nature");
    }
    j
}

fn csv_cell(j: &Json) -> String {
    match j {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        Json::Array(items) => items.iter().map(csv_cell).collect::<Vec<_>>().join(";"),
        other => other.to_string(),
    }
}

/// A cell's CSV record, one text per [`csv_fields`] column: empty for a missing
/// value, lists joined by `;`, numbers as in the JSON.
pub fn csv_record(v: &CellView) -> Vec<String> {
    let j = serde_json::to_value(v).unwrap_or(Json::Null);
    csv_fields()
        .map(|f| csv_cell(j.get(f).unwrap_or(&Json::Null)))
        .collect()
}

/// The points of a scatter plot of two numeric fields, grouped by a categorical one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scatter {
    /// (group label, points (x, y)) in order of first appearance.
    pub groups: Vec<(String, Vec<(f64, f64)>)>,
    /// Cells left out because their capacity is per area, not per mass (when
    /// `capacity_value` is on an axis).
    pub skipped_units: Vec<String>,
}

/// The cells that report both `x` and `y`, grouped by `color`. `capacity_value` mixes
/// units in Table 2 (a few rows are per area): on an axis, only mAh/g is plotted.
pub fn scatter(
    views: &[CellView],
    x: NumericField,
    y: NumericField,
    color: CategoryField,
) -> Scatter {
    let mut out = Scatter::default();
    for v in views {
        let per_area = !matches!(v.capacity_unit.as_deref(), None | Some("mAh/g"));
        if per_area
            && (x.name == "capacity_value" || y.name == "capacity_value")
            && v.capacity_value.is_some()
        {
            out.skipped_units.push(v.id.clone());
            continue;
        }
        let (Some(xv), Some(yv)) = (x.of(v), y.of(v)) else {
            continue;
        };
        let key = color.of(v);
        match out.groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, pts)) => pts.push((xv, yv)),
            None => out.groups.push((key, vec![(xv, yv)])),
        }
    }
    out
}

impl Scatter {
    /// Every point, group after group.
    pub fn points(&self) -> Vec<(f64, f64)> {
        self.groups
            .iter()
            .flat_map(|(_, p)| p.iter().copied())
            .collect()
    }

    /// Whether each axis should be logarithmic: every value positive and spanning more
    /// than two decades.
    pub fn auto_log(&self) -> (bool, bool) {
        let all = self.points();
        let spans_decades = |vals: Vec<f64>| {
            let pos: Vec<f64> = vals.into_iter().filter(|v| *v > 0.0).collect();
            let (lo, hi) = pos
                .iter()
                .fold((f64::INFINITY, 0.0f64), |(l, h), v| (l.min(*v), h.max(*v)));
            pos.len() == all.len() && hi / lo > 100.0
        };
        (
            spans_decades(all.iter().map(|p| p.0).collect()),
            spans_decades(all.iter().map(|p| p.1).collect()),
        )
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use crate::CellDb;
    use garnet_cite::Bibliography;

    #[test]
    fn catalogue_selects_sorts_and_tallies() {
        let c = Catalogue {
            cells: CellDb::embedded().unwrap(),
            materials: MaterialDb::embedded().unwrap(),
            bibliography: Bibliography::embedded().unwrap(),
        };
        let f = Filter {
            interlayer: Some("Li3BO3".into()),
            ..Filter::default()
        };
        let v = c.select(&f, Some("impedance_ohm_cm2"), false).unwrap();
        assert_eq!(v[0].id, "T2-24", "78 Ω cm² is the lowest with Li3BO3");
        assert!(c.select(&f, Some("nonsense"), false).is_err());
        assert_eq!(c.view("T2-37").unwrap().impedance_ohm_cm2, Some(31.0));
        assert!(matches!(c.view("T2-99"), Err(LitError::UnknownCell { .. })));
        let all = c.views();
        let tallies = c.tallies(&all);
        let j = report_cards_json(&all, &tallies);
        assert_eq!(j["cells"].as_array().unwrap().len(), 43);
        let met: Vec<&str> = j["cells"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["report_card"][0]["status"] == "met")
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        assert_eq!(met, ["T2-37"]);
        let one = report_card_json(&all[36]);
        assert_eq!(one["id"], "T2-37");
        assert_eq!(one["report_card"], j["cells"][36]["report_card"]);
    }

    fn fixture() -> (Vec<CellView>, MaterialDb) {
        let db = CellDb::embedded().unwrap();
        let m = MaterialDb::embedded().unwrap();
        let bib = Bibliography::embedded().unwrap();
        let views = db
            .cells()
            .iter()
            .map(|c| CellView::new(c, &m, &bib))
            .collect();
        (views, m)
    }

    fn ids(views: &[CellView]) -> Vec<&str> {
        views.iter().map(|v| v.id.as_str()).collect()
    }

    #[test]
    fn filter_by_architecture_and_temperature() {
        let (views, m) = fixture();
        let f = Filter {
            architecture: Some(Architecture::CompositeCathode),
            max_temperature_c: Some(30.0),
            ..Filter::default()
        };
        let kept: Vec<CellView> = views.into_iter().filter(|v| f.keep(v, &m)).collect();
        assert_eq!(ids(&kept), ["T2-22", "T2-23"]);
    }

    #[test]
    fn cathode_names_of_one_material_match() {
        let (_, m) = fixture();
        assert!(same_material("lco", "LCO", &m));
        assert!(same_material("LCO", "LiCoO2", &m));
        assert!(!same_material("LCO", "NMC811", &m));
        assert!(!same_material("unobtainium", "LCO", &m));
    }

    #[test]
    fn interlayer_none_keeps_cells_without_a_cei() {
        let (views, m) = fixture();
        let f = Filter {
            interlayer: Some("none".into()),
            ..Filter::default()
        };
        let kept: Vec<&CellView> = views.iter().filter(|v| f.keep(v, &m)).collect();
        assert!(!kept.is_empty());
        assert!(kept
            .iter()
            .all(|v| v.interlayer.as_deref() == Some(&[][..])));
    }

    #[test]
    fn numeric_sort_puts_missing_values_last_both_ways() {
        let (mut views, _) = fixture();
        sort_views(&mut views, "impedance_ohm_cm2", false).unwrap();
        assert_eq!(views[0].id, "T2-37", "31 Ω cm² is the lowest");
        let n = views
            .iter()
            .filter(|v| v.impedance_ohm_cm2.is_some())
            .count();
        assert!(views[n..].iter().all(|v| v.impedance_ohm_cm2.is_none()));
        let z: Vec<f64> = views[..n]
            .iter()
            .filter_map(|v| v.impedance_ohm_cm2)
            .collect();
        assert!(z.windows(2).all(|w| w[0] <= w[1]));
        sort_views(&mut views, "impedance_ohm_cm2", true).unwrap();
        assert_eq!(views[0].id, "T2-06");
        assert!(views[n..].iter().all(|v| v.impedance_ohm_cm2.is_none()));
    }

    #[test]
    fn category_sort_and_unknown_field() {
        let (mut views, _) = fixture();
        sort_views(&mut views, "cathode", false).unwrap();
        let c: Vec<&str> = views.iter().map(|v| v.cathode.as_str()).collect();
        assert!(c.windows(2).all(|w| w[0] <= w[1]));
        let e = sort_views(&mut views, "cathod", false).unwrap_err();
        assert_eq!(
            e,
            LitError::UnknownField {
                field: "cathod".into(),
                suggestion: Some("cathode".into()),
                expected: "a categorical field",
            }
        );
    }

    #[test]
    fn rows_for_json_and_csv() {
        let (views, _) = fixture();
        let t37 = views.iter().find(|v| v.id == "T2-37").unwrap();
        let j = list_json(t37);
        assert!(j.get("report_card").is_none() && j.get("interlayer_nature").is_none());
        assert_eq!(j["interlayer"], serde_json::json!(["LiNbO3"]));
        let header: Vec<&str> = csv_fields().collect();
        let record = csv_record(t37);
        assert_eq!(record.len(), header.len());
        let at = |name: &str| &record[header.iter().position(|h| *h == name).unwrap()];
        assert_eq!(at("id"), "T2-37");
        assert_eq!(at("interlayer"), "LiNbO3");
        assert_eq!(at("impedance_ohm_cm2"), "31.0");
        assert_eq!(at("architecture"), "artificial-cei");
        let t01 = views.iter().find(|v| v.id == "T2-01").unwrap();
        let record = csv_record(t01);
        assert_eq!(
            record[header
                .iter()
                .position(|h| *h == "impedance_ohm_cm2")
                .unwrap()],
            ""
        );
    }

    #[test]
    fn scatter_groups_points_and_leaves_out_areal_capacities() {
        let (views, _) = fixture();
        let x = NumericField::named("impedance_ohm_cm2").unwrap();
        let y = NumericField::named("capacity_value").unwrap();
        let color = CategoryField::named("architecture").unwrap();
        let s = scatter(&views, x, y, color);
        let expected = views
            .iter()
            .filter(|v| matches!(v.capacity_unit.as_deref(), None | Some("mAh/g")))
            .filter(|v| v.impedance_ohm_cm2.is_some() && v.capacity_value.is_some())
            .count();
        assert_eq!(s.points().len(), expected);
        assert!(s
            .groups
            .iter()
            .all(|(k, _)| Architecture::ALL.iter().any(|a| a.as_str() == k)));
        for id in &s.skipped_units {
            let v = views.iter().find(|v| &v.id == id).unwrap();
            assert_ne!(v.capacity_unit.as_deref(), Some("mAh/g"));
        }
        let (log_x, _) = s.auto_log();
        let z: Vec<f64> = s.points().iter().map(|p| p.0).collect();
        let ratio =
            z.iter().cloned().fold(0.0, f64::max) / z.iter().cloned().fold(f64::INFINITY, f64::min);
        assert_eq!(log_x, ratio > 100.0);
    }
}
