//! Table 2 as data: rows the review's body text confirms, classification, the report
//! card's counts, and merging a lab's cells.
//!
//! The expected report-card counts were computed independently (a Python script over
//! `data/cells/table2.toml` applying the §6.1 thresholds) and checked by hand for the
//! criteria that few cells meet: only T2-37 (31 Ω cm², ref 160) is below 40 Ω cm², and
//! nine cells were tested at room temperature.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers may fail loudly

use garnet_cite::Bibliography;
use garnet_lit::{
    summarise, Architecture, CellDb, CellFormat, CellView, Criterion, InterlayerNature, LitError,
    SolidStateClass, Status,
};
use garnet_materials::MaterialDb;

fn views() -> Vec<CellView> {
    let db = CellDb::embedded().unwrap();
    let m = MaterialDb::embedded().unwrap();
    let bib = Bibliography::embedded().unwrap();
    db.cells()
        .iter()
        .map(|c| CellView::new(c, &m, &bib))
        .collect()
}

fn view(id: &str) -> CellView {
    views().into_iter().find(|v| v.id == id).unwrap()
}

#[test]
fn every_row_in_printed_order_with_confidence() {
    let db = CellDb::embedded().unwrap();
    let ids: Vec<&str> = db.cells().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), 43);
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(*id, format!("T2-{:02}", i + 1));
    }
    let count = |a: Architecture| db.cells().iter().filter(|c| c.architecture == a).count();
    assert_eq!(count(Architecture::DirectCoating), 18);
    assert_eq!(count(Architecture::CompositeCathode), 10);
    assert_eq!(count(Architecture::ArtificialCei), 15);
    assert!(db
        .cells()
        .iter()
        .all(|c| c.notes.as_deref().is_some_and(|n| !n.is_empty())));
}

#[test]
fn every_reference_resolves() {
    for v in views() {
        let key = v
            .reference_key
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no reference", v.id));
        assert!(v.reference.is_some(), "{}: {key}", v.id);
    }
}

#[test]
fn lifepo4_ref141_keeps_98_percent_over_100_cycles_at_1c() {
    // §5.2.1: Du et al. (ref 141), 98 % retention of the initial capacity over 100 cycles at 1C.
    let v = view("T2-09");
    assert_eq!(v.cathode, "LiFePO4");
    assert_eq!(v.review_ref, Some(141));
    assert_eq!(v.reference_key.as_deref(), Some("du2015"));
    assert_eq!(v.cycles, Some(100));
    assert_eq!(v.retention_pct, Some(98.0));
    assert_eq!(v.c_rate, Some(1.0));
}

#[test]
fn sputtered_lco_linbo3_ref160() {
    // §5.2.3: thin-film LiCoO2 | LiNbO3 | amorphous Ga-LLZO, 10C for 500 cycles, ~30 Ω cm².
    let v = view("T2-37");
    assert_eq!(v.review_ref, Some(160));
    assert_eq!(v.interlayer.as_deref(), Some(&["LiNbO3".to_string()][..]));
    assert_eq!(v.cycles, Some(500));
    assert_eq!(v.c_rate, Some(10.0));
    assert_eq!(v.impedance_ohm_cm2, Some(31.0));
    let r = v
        .report_card
        .iter()
        .find(|g| g.criterion == Criterion::InternalResistance)
        .unwrap();
    assert_eq!(r.status, Status::Met);
}

#[test]
fn li3n_lifepo4_ref112() {
    let v = view("T2-38");
    assert_eq!(v.review_ref, Some(112));
    assert_eq!(v.capacity_value, Some(136.6));
    assert_eq!(v.interlayer.as_deref(), Some(&["Li3N".to_string()][..]));
    // 136.6 of 169.9 mAh/g theoretical
    assert!((v.derived.capacity_ratio.unwrap() - 136.6 / 169.89).abs() < 1e-3);
}

#[test]
fn classification_follows_section_5_2_3() {
    // LiTFSI in the CEI column: an added, organic layer.
    let v = view("T2-08");
    assert_eq!(v.architecture, Architecture::DirectCoating);
    assert_eq!(v.strategy, Architecture::ArtificialCei);
    assert!(v
        .interlayer_nature
        .iter()
        .any(|(_, n)| *n == InterlayerNature::OrganicSalt));
    assert!(v.flags.iter().any(|f| f.contains("organic salt")));
    // Co-diffused LLZO is the garnet itself, not an added layer.
    assert_eq!(view("T2-03").strategy, Architecture::DirectCoating);
    // Li3BO3 between NMC532 and the garnet, printed under direct coating.
    assert_eq!(view("T2-12").strategy, Architecture::ArtificialCei);
    // Composite with nothing at the CEI stays composite.
    assert_eq!(view("T2-21").strategy, Architecture::CompositeCathode);
    assert!(views()
        .iter()
        .all(|v| v.solid_state_class == SolidStateClass::AllSolid));
}

#[test]
fn electrolyte_warnings() {
    let v = view("T2-28");
    assert!(
        v.electrolyte_check
            .warnings
            .iter()
            .any(|w| w.contains("variable")),
        "{:?}",
        v.flags
    );
    let v = view("T2-04");
    assert!(
        v.flags.iter().any(|w| w.contains("-0.020")),
        "{:?}",
        v.flags
    );
}

#[test]
fn report_card_counts() {
    let vs = views();
    let db = CellDb::embedded().unwrap();
    let cards: Vec<_> = db
        .cells()
        .iter()
        .zip(vs.iter())
        .map(|(c, v)| (c, v.report_card.as_slice()))
        .collect();
    let tallies = summarise(cards);
    let get = |c: Criterion, a: Option<Architecture>| {
        let t = tallies
            .iter()
            .find(|t| t.criterion == c && t.architecture == a)
            .unwrap();
        (t.met, t.not_met, t.unknown)
    };
    assert_eq!(get(Criterion::InternalResistance, None), (1, 26, 16));
    assert_eq!(
        get(
            Criterion::InternalResistance,
            Some(Architecture::ArtificialCei)
        ),
        (1, 9, 5)
    );
    assert_eq!(get(Criterion::RoomTemperature, None), (9, 31, 3));
    assert_eq!(
        get(
            Criterion::RoomTemperature,
            Some(Architecture::DirectCoating)
        ),
        (3, 14, 1)
    );
    assert_eq!(get(Criterion::CycleLife, None), (0, 34, 9));
    assert_eq!(get(Criterion::ArealCapacity, None), (0, 20, 23));
    assert_eq!(get(Criterion::CurrentDensity, None), (0, 31, 12));
    assert_eq!(get(Criterion::EnergyEfficiency, None), (0, 0, 43));
    for a in Architecture::ALL {
        let (m, n, u) = get(Criterion::CycleLife, Some(a));
        assert!(m + n + u > 0);
    }
}

#[test]
fn lab_cells_merge_from_csv_and_toml() {
    let mut db = CellDb::embedded().unwrap();
    let csv = "id,architecture,cathode,interlayer,electrolyte,impedance_ohm_cm2,capacity_value,capacity_unit,cycles,retention_pct,current_ua_cm2,loading_min_mg_cm2,loading_max_mg_cm2,temperature_c,confidence\n\
LAB-1,artificial-cei,LiCoO2,Li3BO3;LiNbO3,LLZTO,35,140,mAh/g,1200,85,6000,40,40,25,high\n";
    assert_eq!(db.merge("lab.csv", csv, CellFormat::Csv).unwrap(), 1);
    let c = db.get("lab-1").unwrap();
    assert_eq!(c.interlayer.as_ref().unwrap().len(), 2);
    let v = CellView::new(
        c,
        &MaterialDb::embedded().unwrap(),
        &Bibliography::embedded().unwrap(),
    );
    assert!(
        v.report_card
            .iter()
            .filter(|g| g.status == Status::Met)
            .count()
            >= 5,
        "{:?}",
        v.report_card
    );

    let toml = "[[cell]]\nid = \"LAB-2\"\narchitecture = \"composite-cathode\"\ncathode = \"NMC811\"\nelectrolyte = \"LLZTO\"\nconfidence = \"medium\"\n";
    assert_eq!(db.merge("lab.toml", toml, CellFormat::Toml).unwrap(), 1);
    // duplicate id
    let err = db.merge("lab.toml", toml, CellFormat::Toml).unwrap_err();
    assert!(
        matches!(err, LitError::Invalid { ref field, .. } if field == "id"),
        "{err}"
    );
}

#[test]
fn bad_lab_rows_name_line_and_field() {
    let mut db = CellDb::embedded().unwrap();
    let cases = [
        ("id,architecture,cathode,electrolyte,confidence,retention_pct\nX,artificial-cei,LCO,LLZO,high,120\n", "retention_pct", "line 2"),
        ("id,architecture,cathode,electrolyte,confidence,cycles\nX,artificial-cei,LCO,LLZO,high,many\n", "cycles", "line 2"),
        ("id,architecture,cathode,electrolyte,confidence\nX,artificial-CEI,LCO,LLZO,high\n", "architecture", "line 2"),
        ("id,architecture,cathode,electrolyte\nX,artificial-cei,LCO,LLZO\n", "confidence", "line 2"),
        ("id,architecture,cathode,electrolyte,confidence,colour\nX,artificial-cei,LCO,LLZO,high,red\n", "colour", "line 2"),
    ];
    for (text, field, row) in cases {
        let err = db
            .merge("lab.csv", text, CellFormat::Csv)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("lab.csv") && err.contains(field) && err.contains(row),
            "{field}: {err}"
        );
    }
    let err = db
        .merge(
            "lab.toml",
            "[[cell]]\nid = \"Y\"\narchitecture = \"direct-coating\"\n",
            CellFormat::Toml,
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("lab.toml") && err.contains("line"), "{err}");
    assert_eq!(db.cells().len(), 43, "nothing merged from bad files");
}
