#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::approx_constant)] // 0.63662 is a measured value, not 2/π
//! Every reader against the impedance.py example files (tests/fixtures/README.md).
//! Expected counts and end points are what impedance.py 1.7's `readFile` returns
//! for the same files (BioLogic: −Im converted to Im).

use garnet_eis::readers::{read, Format};
use garnet_eis::Spectrum;
use num_complex::Complex64;

fn load(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    // Instrument files are Latin-1; decode bytes one to one.
    std::fs::read(path)
        .unwrap()
        .iter()
        .map(|&b| b as char)
        .collect()
}

fn check(
    name: &str,
    format: Format,
    n: usize,
    first: (f64, f64, f64),
    last: (f64, f64, f64),
) -> Spectrum {
    let text = load(name);
    assert_eq!(Format::detect(name, &text), format, "{name}");
    let s = read(name, &text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(s.len(), n, "{name}");
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs().max(1e-300);
    let f = s.frequency_hz();
    let z = s.z();
    for (i, (ef, er, ei)) in [(0, first), (n - 1, last)] {
        assert!(close(f[i], ef), "{name} f[{i}] = {}", f[i]);
        assert!(
            close(z[i].re, er) && close(z[i].im, ei),
            "{name} z[{i}] = {}",
            z[i]
        );
    }
    assert_eq!(s.metadata.format.as_deref(), Some(format.name()));
    s
}

#[test]
fn gamry_full_and_aborted_runs() {
    let s = check(
        "exampleDataGamry.DTA",
        Format::Gamry,
        72,
        (200015.6, 825.8584, -1367.239),
        (0.0158898, 17007.49, -6635.557),
    );
    assert_eq!(s.metadata.area_m2, Some(1e-4));
    assert_eq!(s.metadata.date.as_deref(), Some("4/23/2018"));
    check(
        "exampleDataGamryABORT.DTA",
        Format::Gamry,
        72,
        (200015.6, 825.8584, -1367.239),
        (0.0158898, 17007.49, -6635.557),
    );
}

#[test]
fn biologic_mpt_and_missing_frequency_column() {
    let s = check(
        "exampleDataBioLogic.mpt",
        Format::BioLogic,
        43,
        (1000.3201, 65.470886, -0.38998979),
        (0.01689554, 110.97003, -2.3458567),
    );
    assert!(s.metadata.notes[0].contains("−Im Z"));
    assert!((s.metadata.area_m2.unwrap() - 1e-7).abs() < 1e-20);
    let text = load("exampleDataBioLogic_MissingFreq.mpt");
    let e = read("exampleDataBioLogic_MissingFreq.mpt", &text)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("line 61") && e.contains("no frequency column"),
        "{e}"
    );
}

#[test]
fn zplot_autolab_chi_parstat_powersuite_versastudio() {
    check(
        "exampleDataZPlot.z",
        Format::ZPlot,
        21,
        (3e5, 147.77, -11.335),
        (3000.0, 613.68, -137.13),
    );
    check(
        "exampleDataZPlot_noComments.z",
        Format::ZPlot,
        31,
        (3e5, 642.62, -85.821),
        (300.0, 1305.3, -195.01),
    );
    check(
        "Circuit1_EIS_1.z",
        Format::ZPlot,
        48,
        (5e4, 29.036, 0.63662),
        (1.0, 75.803, -0.16244),
    );
    check(
        "exampleDataAutolab.txt",
        Format::Autolab,
        41,
        (1e4, 0.013785863964281, 0.007191946305823),
        (0.1, 0.0345697771923854, -0.00390292888845954),
    );
    check(
        "exampleDataCHInstruments.txt",
        Format::ChInstruments,
        73,
        (99610.0, 98.91, -2.748),
        (0.1, 5685.0, -15860.0),
    );
    let s = check(
        "exampleDataParstat.txt",
        Format::Parstat,
        31,
        (1e4, -0.00049816280376104, 0.0175143479976367),
        (10.0, 0.0270946491457229, -0.00399791080333837),
    );
    assert!(s.metadata.notes.iter().any(|n| n.contains("frequency 0")));
    check(
        "exampleDataPowersuite.txt",
        Format::PowerSuite,
        30,
        (0.1, 423929.46, -49014.063),
        (2e6, -470.54113, -1397.7358),
    );
    check(
        "exampleDataVersaStudio.par",
        Format::VersaStudio,
        61,
        (1e5, 55.31571, 4.575431),
        (0.02154435, 1516.313, -122.8279),
    );
    check(
        "exampleData.csv",
        Format::Csv,
        66,
        (0.0031623, 0.0494998977640506, -0.020438698544418925),
        (1e4, 0.015771482660485933, 0.010157474564938236),
    );
}

#[test]
fn truncated_gamry_row_names_its_line() {
    let text = load("exampleDataGamry.DTA");
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.iter().position(|l| l.starts_with("ZCURVE")).unwrap();
    // Cut the fifth data row after its frequency.
    let row = header + 3 + 5;
    let cut: String = lines[row]
        .split('\t')
        .take(4)
        .collect::<Vec<_>>()
        .join("\t");
    lines[row] = &cut;
    let e = read("cut.DTA", &lines.join("\n")).unwrap_err().to_string();
    assert!(e.contains(&format!("cut.DTA, line {}", row + 1)), "{e}");
    let _ = Complex64::new(0.0, 0.0);
}
