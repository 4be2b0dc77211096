#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::approx_constant)] // 0.63662 is a measured value, not 2/π
//! Every reader against the impedance.py example files (tests/fixtures/README.md).
//! Expected counts and end points are what impedance.py 1.7's `readFile` returns
//! for the same files (BioLogic: −Im converted to Im).

use garnet_eis::readers::{read, Format};
use garnet_eis::Spectrum;

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
}

/// Copies of the Gamry, ZPlot and BioLogic examples with one temperature line added to
/// the header (tests/fixtures/README.md).
#[test]
fn temperatures_from_file_headers() {
    for (name, format, celsius) in [
        ("exampleDataGamry_temperature.DTA", Format::Gamry, 140.0),
        ("exampleDataZPlot_temperature.z", Format::ZPlot, 150.0),
        (
            "exampleDataBioLogic_temperature.mpt",
            Format::BioLogic,
            160.0,
        ),
    ] {
        let text = load(name);
        assert_eq!(Format::detect(name, &text), format, "{name}");
        let s = read(name, &text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let t = s.metadata.temperature_k.unwrap_or_else(|| panic!("{name}"));
        assert!((t - (celsius + 273.15)).abs() < 1e-9, "{name}: {t}");
        // The added header line changes nothing else: the same points as the original.
        let original = name.replace("_temperature", "");
        let o = read(&original, &load(&original)).unwrap();
        assert!(s.len() > 20, "{name}: {} points", s.len());
        assert_eq!(s.frequency_hz(), o.frequency_hz(), "{name}");
        assert_eq!(s.z(), o.z(), "{name}");
    }
    // The originals have no temperature (Gamry's OCV table has a Temp column of
    // −327.67 °C, no probe, which is not read as one).
    for name in [
        "exampleDataGamry.DTA",
        "exampleDataZPlot.z",
        "exampleDataBioLogic.mpt",
    ] {
        let s = read(name, &load(name)).unwrap();
        assert_eq!(s.metadata.temperature_k, None, "{name}");
    }
}

/// Synthetic BioLogic exports holding three spectra (R = 100, 150, 200 Ω in parallel
/// with 1 µF, after R0 = 10 Ω; 13 points each): split by the `cycle number` column,
/// and, without it, where the sweep starts again.
#[test]
fn biologic_files_with_several_spectra_are_split() {
    use garnet_eis::readers::read_all;
    for name in [
        "synthetic_BioLogic_3cycles.mpt",
        "synthetic_BioLogic_3sweeps.mpt",
    ] {
        let text = load(name);
        let all = read_all(name, &text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(all.len(), 3, "{name}");
        for (s, r) in all.iter().zip([100.0, 150.0, 200.0]) {
            assert_eq!(s.len(), 13, "{name}");
            assert_eq!(s.frequency_hz()[0], 1e5, "{name}");
            assert_eq!(s.frequency_hz()[12], 0.1, "{name}");
            // At the lowest frequency (0.1 Hz) the arc is closed: Re Z → R0 + R.
            let low = s.z()[12];
            assert!((low.re - (10.0 + r)).abs() < 0.01, "{name}: {low}");
            assert!(low.im < 0.0, "{name}: −Im Z converted to Im Z");
        }
        // Values as written in the file (both files have the same rows; −Im → Im).
        // Line 7, the first point of spectrum 1: 1.0000000E+05 1.0025324E+01 1.5911464E+00.
        assert_eq!(all[0].z()[0].re, 10.025324, "{name}");
        assert_eq!(all[0].z()[0].im, -1.5911464, "{name}");
        // Line 19, its last point: 1.0000000E-01 1.1000000E+02 6.2831853E-03.
        assert_eq!(all[0].z()[12].re, 110.0, "{name}");
        assert_eq!(all[0].z()[12].im, -6.2831853e-3, "{name}");
        // Line 20, the first point of spectrum 2: 1.0000000E+05 1.0016885E+01 1.5913703E+00.
        assert_eq!(all[1].z()[0].re, 10.016885, "{name}");
        assert_eq!(all[1].z()[0].im, -1.5913703, "{name}");
        // Line 45, the last point of spectrum 3: 1.0000000E-01 2.1000000E+02 2.5132741E-02.
        assert_eq!(all[2].z()[12].re, 210.0, "{name}");
        assert_eq!(all[2].z()[12].im, -2.5132741e-2, "{name}");
        if name.contains("cycles") {
            assert!(all[2].metadata.notes.iter().any(|n| n.contains("cycle 3")));
        }
        // `read` gives the first and says there are more.
        let first = read(name, &text).unwrap();
        assert_eq!(first, {
            let mut s = all[0].clone();
            s.metadata = first.metadata.clone();
            s
        });
        assert!(first
            .metadata
            .notes
            .iter()
            .any(|n| n.contains("holds 3 spectra")));
    }
    // One spectrum in the file: nothing is split.
    let s = read_all("exampleDataBioLogic.mpt", &load("exampleDataBioLogic.mpt")).unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].len(), 43);
}

/// A synthetic binary `.mpr` (tests/fixtures/README.md): two cycles of seven points
/// (R0 = 10 Ω, R ∥ 1 µF with R = 100 and 200 Ω), 25 °C in the temperature column.
#[test]
fn biologic_mpr_binary_and_truncated() {
    use garnet_eis::readers::{read_bytes, read_mpr_all};
    let path = format!(
        "{}/tests/fixtures/synthetic_BioLogic.mpr",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(path).unwrap();
    let all = read_mpr_all("synthetic_BioLogic.mpr", &bytes).unwrap();
    assert_eq!(all.len(), 2);
    for (s, r) in all.iter().zip([100.0, 200.0]) {
        assert_eq!(s.len(), 7);
        assert_eq!(s.frequency_hz()[0], 1e5);
        let low = s.z()[6]; // 0.1 Hz: the arc is closed
        assert!((low.re - (10.0 + r)).abs() < 1e-3, "{low}");
        assert!(s.z()[3].im < 0.0, "−Im Z converted to Im Z");
        assert_eq!(s.metadata.format.as_deref(), Some("BioLogic MPR"));
        assert_eq!(s.metadata.date.as_deref(), Some("11/26/26"));
        assert!((s.metadata.temperature_k.unwrap() - 298.15).abs() < 1e-9);
    }
    let first = read_bytes("synthetic_BioLogic.mpr", &bytes).unwrap();
    assert_eq!(first.z(), all[0].z());
    assert!(first.metadata.notes.iter().any(|n| n.contains("holds 2")));
    // Cut inside the records: the error names the offset of the first missing one.
    // 52 magic + (6 + 51 + 16) settings + (6 + 51) data header → records at 182 + 405.
    let records = 52 + 73 + 57 + 405;
    let cut = &bytes[..records + 3 * 33 + 10];
    let e = read_mpr_all("cut.mpr", cut).unwrap_err().to_string();
    assert!(
        e.contains("cut.mpr") && e.contains(&format!("byte offset {}", records + 3 * 33)),
        "{e}"
    );
    // Cut inside a module header.
    let e = read_mpr_all("cut.mpr", &bytes[..140])
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("byte offset 131") && e.contains("truncated"),
        "{e}"
    );
    let e = read_mpr_all(
        "x.mpr",
        b"not an mpr file at all, padded to be long enough ....",
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("not a BioLogic .mpr"), "{e}");
}
