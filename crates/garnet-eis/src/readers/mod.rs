//! Instrument files → [`Spectrum`].
//!
//! Readers take the text of a file (the caller reads it, decoding Latin-1 bytes as it
//! likes) and its name (for the format and for error messages). Every supported format
//! is a table under a header row that names the frequency, real and imaginary columns;
//! what differs is where the header is and how it is written:
//!
//! | format | detected by | header | imaginary part |
//! |---|---|---|---|
//! | Gamry `.DTA` | `ZCURVE` table | `Pt Time Freq Zreal Zimag …` + units row | Im Z |
//! | BioLogic EC-Lab `.mpt` | `EC-Lab ASCII FILE` | line `Nb header lines` | −Im Z |
//! | BioLogic EC-Lab `.mpr` (binary, [`read_mpr`], [`read_bytes`]) | `BIO-LOGIC MODULAR FILE` | column ids in the data module | −Im Z |
//! | ZPlot/ZView `.z`, Autolab | `Freq(Hz) … Z'(a) Z''(b)` | quoted or tabbed | Im Z |
//! | CH Instruments | `Freq/Hz, Z'/ohm, Z"/ohm` | comma | Im Z |
//! | Parstat, PowerSuite | `Frequency … Zre Zim` | tab | as stored |
//! | VersaStudio `.par` | `Definition=… Frequency(Hz) … Z Real, Z Imag` | comma | Im Z |
//! | CSV/TSV | anything else; header optional (then columns f, Z′, Z″) | `,` `;` tab or spaces; decimal comma with `;`/tab | detected |
//!
//! Sign convention: unless a column says `-Im`, the reader looks at the lower half of
//! the frequencies; if most Im values there are positive the file is taken to store
//! −Im Z, the sign is flipped and a note says so (in [`crate::Metadata::notes`]).
//! Rows at frequency 0 (Parstat's DC part) are skipped. A table ends at a blank line,
//! at a line whose first field is not a number (a new section, as in an aborted Gamry
//! run) or at the end of the file; a numeric row with missing or unreadable fields is
//! an error naming the line.

mod mpr;
mod table;

pub use mpr::{read_mpr, read_mpr_all};

use num_complex::Complex64;

use crate::error::EisError;
use crate::spectrum::{Metadata, Spectrum};

/// The file formats the readers know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Gamry Framework `.DTA`.
    Gamry,
    /// BioLogic EC-Lab text export `.mpt`.
    BioLogic,
    /// Scribner ZPlot/ZView `.z`.
    ZPlot,
    /// Metrohm Autolab (ZPlot-style text export).
    Autolab,
    /// CH Instruments text.
    ChInstruments,
    /// Princeton Applied Research Parstat text.
    Parstat,
    /// Solartron PowerSuite text.
    PowerSuite,
    /// Princeton Applied Research VersaStudio `.par`.
    VersaStudio,
    /// Delimited text with or without a header.
    Csv,
}

impl Format {
    /// Name for messages and metadata.
    pub fn name(self) -> &'static str {
        match self {
            Format::Gamry => "Gamry DTA",
            Format::BioLogic => "BioLogic MPT",
            Format::ZPlot => "ZPlot",
            Format::Autolab => "Autolab",
            Format::ChInstruments => "CH Instruments",
            Format::Parstat => "Parstat",
            Format::PowerSuite => "PowerSuite",
            Format::VersaStudio => "VersaStudio PAR",
            Format::Csv => "CSV",
        }
    }

    /// Guess the format from the file name and its first lines.
    pub fn detect(file_name: &str, text: &str) -> Self {
        let lower = file_name.to_ascii_lowercase();
        let head: String = text.lines().take(40).collect::<Vec<_>>().join("\n");
        if lower.ends_with(".dta") || text.contains("ZCURVE\tTABLE") {
            Format::Gamry
        } else if lower.ends_with(".mpt") || head.contains("EC-Lab ASCII FILE") {
            Format::BioLogic
        } else if lower.ends_with(".par") || head.contains("<VersaStudioSoftware>") {
            Format::VersaStudio
        } else if head.contains("Z60W Data File") {
            Format::Autolab
        } else if lower.ends_with(".z") || head.contains("ZPlot") {
            Format::ZPlot
        } else if head.contains("A.C. Impedance") || head.contains("Instrument Model:  CHI") {
            Format::ChInstruments
        } else if head.starts_with("Potential (V)") {
            Format::Parstat
        } else if head.starts_with("Frequency\t Zre") {
            Format::PowerSuite
        } else {
            Format::Csv
        }
    }
}

/// Read a spectrum from the bytes of a file: a BioLogic binary `.mpr` by its magic,
/// else text (UTF-8, else Latin-1 byte for byte) as in [`read`].
pub fn read_bytes(file_name: &str, bytes: &[u8]) -> Result<Spectrum, EisError> {
    if bytes.starts_with(mpr::MAGIC_PREFIX) {
        return read_mpr(file_name, bytes);
    }
    read(file_name, &decode_text(bytes))
}

/// A text file's bytes as UTF-8, else as Latin-1 byte for byte (older instruments write
/// `°` and `µ` in Latin-1, and every byte is a valid Latin-1 character).
fn decode_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    }
}

/// Every spectrum in the bytes of a file: a BioLogic binary `.mpr` by its magic, else
/// text (UTF-8, else Latin-1 byte for byte) as in [`read_all`].
pub fn read_all_bytes(file_name: &str, bytes: &[u8]) -> Result<Vec<Spectrum>, EisError> {
    if bytes.starts_with(mpr::MAGIC_PREFIX) {
        return read_mpr_all(file_name, bytes);
    }
    read_all(file_name, &decode_text(bytes))
}

/// Read a spectrum from the text of a file; the format is detected from `file_name`
/// and the content. A file holding several spectra (a BioLogic `.mpt` with several
/// cycles or sweeps) gives the first, with a note saying how many there are; use
/// [`read_all`] for all of them.
pub fn read(file_name: &str, text: &str) -> Result<Spectrum, EisError> {
    read_as(Format::detect(file_name, text), file_name, text)
}

/// Read a spectrum in a given format (the first, if the file holds several).
pub fn read_as(format: Format, file_name: &str, text: &str) -> Result<Spectrum, EisError> {
    let mut all = read_all_as(format, file_name, text)?;
    let n = all.len();
    let mut first = all.swap_remove(0);
    if n > 1 {
        first.metadata.notes.push(format!(
            "the file holds {n} spectra; this is the first (read_all gives all of them)"
        ));
    }
    Ok(first)
}

/// Every spectrum in a file, format detected as in [`read`]: one for most files;
/// BioLogic `.mpt` files are split where the `cycle number` (or `Ns`) column changes,
/// else where the frequency sweep starts again (a jump of more than 3× against the
/// sweep's direction). Each spectrum's notes say which part of the file it is.
pub fn read_all(file_name: &str, text: &str) -> Result<Vec<Spectrum>, EisError> {
    read_all_as(Format::detect(file_name, text), file_name, text)
}

/// Where a table splits into spectra: the start index of each part.
fn split_points(f: &[f64], group: Option<&[f64]>) -> Vec<usize> {
    let mut starts = vec![0];
    if let Some(g) = group {
        starts.extend((1..g.len()).filter(|&i| g[i] != g[i - 1]));
        if starts.len() > 1 {
            return starts;
        }
    }
    let mut direction = 0.0f64;
    for i in 1..f.len() {
        let step = (f[i] / f[i - 1]).ln();
        if direction != 0.0 && step * direction < 0.0 && step.abs() > 3f64.ln() {
            starts.push(i);
            direction = 0.0;
        } else if direction == 0.0 && step != 0.0 && i > *starts.last().unwrap_or(&0) {
            direction = step.signum();
        }
    }
    starts
}

/// Every spectrum in a file of a given format (see [`read_all`]).
pub fn read_all_as(format: Format, file_name: &str, text: &str) -> Result<Vec<Spectrum>, EisError> {
    let lines: Vec<&str> = text.lines().collect();
    let err = |line: usize, message: String| EisError::Parse {
        file: file_name.to_string(),
        line,
        message,
    };
    let start = match format {
        Format::Gamry => {
            let i = lines
                .iter()
                .position(|l| l.starts_with("ZCURVE"))
                .ok_or_else(|| err(0, "no ZCURVE table (not an impedance run?)".to_string()))?;
            Some(i + 1)
        }
        Format::BioLogic => {
            let n = lines
                .iter()
                .find_map(|l| {
                    l.strip_prefix("Nb header lines").and_then(|r| {
                        r.trim_start_matches([' ', ':'])
                            .trim()
                            .parse::<usize>()
                            .ok()
                    })
                })
                .ok_or_else(|| err(0, "no 'Nb header lines' line".to_string()))?;
            Some(n.saturating_sub(1))
        }
        _ => None,
    };
    let table = table::read_table(&lines, start, file_name)?;
    let mut metadata = Metadata {
        format: Some(format.name().to_string()),
        ..Metadata::default()
    };
    scan_metadata(format, &lines, &mut metadata);
    let mut z: Vec<Complex64> = table.z;
    if table.imag_negated {
        metadata
            .notes
            .push("the file stores −Im Z (column named -Im); converted to Im Z".to_string());
    } else if stores_minus_im(&table.frequency_hz, &z) {
        z.iter_mut().for_each(|v| *v = v.conj());
        metadata.notes.push(
            "most Im Z values at low and middle frequencies are positive: assumed the file \
             stores −Im Z and flipped the sign (capacitive arcs have Im Z < 0)"
                .to_string(),
        );
    } else {
        metadata
            .notes
            .push("assumed the file stores Im Z (negative for capacitive arcs)".to_string());
    }
    if table.skipped_zero_frequency > 0 {
        metadata.notes.push(format!(
            "skipped {} rows at frequency 0 (not impedance data)",
            table.skipped_zero_frequency
        ));
    }
    let starts = if format == Format::BioLogic {
        split_points(&table.frequency_hz, table.group.as_deref())
    } else {
        vec![0]
    };
    let n = starts.len();
    let mut out = Vec::with_capacity(n);
    for (k, &a) in starts.iter().enumerate() {
        let b = starts.get(k + 1).copied().unwrap_or(z.len());
        let mut s = Spectrum::new(table.frequency_hz[a..b].to_vec(), z[a..b].to_vec())
            .map_err(|e| err(0, e.to_string()))?;
        s.metadata = metadata.clone();
        if n > 1 {
            let cycle = match &table.group {
                Some(g) if g.iter().any(|&v| v != g[0]) => format!(", cycle {}", g[a]),
                _ => String::new(),
            };
            s.metadata.notes.push(format!(
                "spectrum {} of {n} in the file{cycle}: points {}–{} of the table",
                k + 1,
                a + 1,
                b
            ));
        }
        out.push(s);
    }
    Ok(out)
}

/// Whether most Im values in the lower half of the frequencies are positive.
fn stores_minus_im(f: &[f64], z: &[Complex64]) -> bool {
    let mut sorted: Vec<f64> = f.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    let (pos, neg) =
        f.iter()
            .zip(z)
            .filter(|(f, _)| **f <= median)
            .fold((0, 0), |(p, n), (_, z)| {
                if z.im > 0.0 {
                    (p + 1, n)
                } else if z.im < 0.0 {
                    (p, n + 1)
                } else {
                    (p, n)
                }
            });
    pos > neg
}

/// A temperature written as a number and an optional unit (`25`, `25 °C`, `25degC`,
/// `298.15 K`; °C unless the unit or `label` says kelvin), in K. Values below absolute
/// zero (Gamry writes −327.67 °C when no probe is attached) are not temperatures.
fn parse_temperature(label: &str, value: &str) -> Option<f64> {
    let v = value.trim();
    let end = v
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit()
                || c == '.'
                || (c == '-' || c == '+') && (i == 0 || v[..i].ends_with(['e', 'E']))
                || (c == 'e' || c == 'E') && i > 0)
        })
        .map(|(i, _)| i)
        .unwrap_or(v.len());
    let number: f64 = v[..end].parse().ok()?;
    let unit = v[end..].trim().trim_start_matches(['°', 'º']).trim();
    let label_kelvin = label.contains("(K)") || label.contains("/K");
    let kelvin =
        unit == "K" || unit.eq_ignore_ascii_case("kelvin") || unit.is_empty() && label_kelvin;
    let k = if kelvin { number } else { number + 273.15 };
    (k.is_finite() && k > 0.0).then_some(k)
}

/// `Temperature : 25 °C`, `Temperature (°C): 25`, `Temp: 298 K` → K.
fn labelled_temperature(line: &str) -> Option<f64> {
    let t = line.trim();
    let lower = t.to_ascii_lowercase();
    if !lower.starts_with("temp") {
        return None;
    }
    let (label, value) = t.split_once([':', '='])?;
    parse_temperature(label, value)
}

/// Metadata lines that are easy to read: area (Gamry `AREA QUANT x` in cm², BioLogic
/// `Electrode surface area : x cm²`), date and temperature (Gamry `TEMP QUANT x` or
/// `TEMPERATURE QUANT x` in °C; BioLogic and ZPlot header lines `Temperature : x °C`,
/// °C unless marked K), kept in [`Metadata::temperature_k`].
fn scan_metadata(format: Format, lines: &[&str], meta: &mut Metadata) {
    for line in lines.iter().take(400) {
        let fields: Vec<&str> = line.split('\t').collect();
        match format {
            Format::Gamry if fields.len() >= 3 => match fields[0] {
                "AREA" => meta.area_m2 = fields[2].trim().parse::<f64>().ok().map(|a| a * 1e-4),
                "DATE" => meta.date = Some(fields[2].trim().to_string()),
                "TEMP" | "TEMPERATURE" if meta.temperature_k.is_none() => {
                    meta.temperature_k = parse_temperature(fields[0], fields[2]);
                }
                _ => {}
            },
            Format::BioLogic | Format::ZPlot if meta.temperature_k.is_none() => {
                if let Some(k) = labelled_temperature(line) {
                    meta.temperature_k = Some(k);
                }
            }
            _ => {}
        }
        match format {
            Format::BioLogic => {
                if let Some(rest) = line.strip_prefix("Electrode surface area :") {
                    let number: String = rest
                        .trim()
                        .chars()
                        .take_while(|c| {
                            c.is_ascii_digit() || *c == '.' || *c == 'e' || *c == 'E' || *c == '-'
                        })
                        .collect();
                    if let Ok(a) = number.parse::<f64>() {
                        meta.area_m2 = Some(a * 1e-4);
                    }
                }
                if let Some(rest) = line.strip_prefix("Acquisition started on :") {
                    meta.date = Some(rest.trim().to_string());
                }
            }
            Format::ZPlot => {
                let t = line.trim();
                if let Some(rest) = t.strip_prefix("Date:") {
                    meta.date = Some(rest.trim().to_string());
                }
            }
            _ => {}
        }
    }
}

/// The spectra as CSV (`frequency_hz,z_real_ohm,z_imag_ohm`, one row per point, values
/// as Rust prints an `f64`: shortest round-trip); with `numbered`, a leading `spectrum`
/// column counts the spectra from 1. What `garnet eis convert` writes.
pub fn to_csv(spectra: &[Spectrum], numbered: bool) -> String {
    let mut text = String::from(if numbered {
        "spectrum,frequency_hz,z_real_ohm,z_imag_ohm\n"
    } else {
        "frequency_hz,z_real_ohm,z_imag_ohm\n"
    });
    for (k, s) in spectra.iter().enumerate() {
        for (f, z) in s.frequency_hz().iter().zip(s.z()) {
            if numbered {
                text.push_str(&format!("{},", k + 1));
            }
            text.push_str(&format!("{f},{},{}\n", z.re, z.im));
        }
    }
    text
}

/// A temperature written in a file name (without its extension): the number right
/// before `deg`, in °C (`LLZO-140deg` → 413.15 K, `run_25.5degC` → 298.65 K); `None`
/// when there is none. A `-` right before the number is a minus sign when it opens the
/// name or follows another separator (`LLZO--20deg`, `LLZO_-20deg`, `-20deg` → −20 °C);
/// after a letter or digit it is the separator (`LLZO-20deg` → +20 °C).
pub fn temperature_from_name(stem: &str) -> Option<f64> {
    let i = stem.find("deg")?;
    let head = &stem[..i];
    let start = head
        .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|k| k + 1)
        .unwrap_or(0);
    let before = head[..start].chars().rev().collect::<Vec<char>>();
    let negative = match before.as_slice() {
        ['-'] => true,
        ['-', c, ..] => !c.is_alphanumeric(),
        _ => false,
    };
    let sign = if negative { -1.0 } else { 1.0 };
    head[start..]
        .parse::<f64>()
        .ok()
        .map(|c| sign * c + garnet_units::constants::ZERO_CELSIUS)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    #[test]
    fn temperatures_in_file_names() {
        use garnet_units::constants::ZERO_CELSIUS;
        let t = super::temperature_from_name("LLZO-140deg");
        assert_eq!(t, Some(140.0 + ZERO_CELSIUS));
        assert_eq!(
            super::temperature_from_name("run_25.5degC"),
            Some(25.5 + ZERO_CELSIUS)
        );
        assert_eq!(super::temperature_from_name("spectrum"), None);
        // Below 0 °C: a minus sign after a separator or at the start.
        for name in ["LLZO--20deg", "LLZO_-20deg", "-20deg"] {
            let t = super::temperature_from_name(name).unwrap();
            assert!((t - (ZERO_CELSIUS - 20.0)).abs() < 1e-9, "{name}: {t}");
        }
        assert_eq!(
            super::temperature_from_name("LLZO-20deg"),
            Some(20.0 + ZERO_CELSIUS)
        );
    }

    #[test]
    fn spectra_as_csv() {
        let z = |re, im| num_complex::Complex64::new(re, im);
        let a = super::Spectrum::new(vec![1e3, 10.0], vec![z(1.5, -2.0), z(3.0, -0.25)]).unwrap();
        assert_eq!(
            super::to_csv(std::slice::from_ref(&a), false),
            "frequency_hz,z_real_ohm,z_imag_ohm\n1000,1.5,-2\n10,3,-0.25\n"
        );
        assert_eq!(
            super::to_csv(&[a.clone(), a], true).lines().nth(3),
            Some("2,1000,1.5,-2")
        );
    }

    use super::*;

    #[test]
    fn headerless_csv_with_minus_im_is_flipped_and_said() {
        let text = "1000,10,5\n100,12,8\n10,20,9\n1,30,4\n";
        let s = read("data.csv", text).unwrap();
        assert_eq!(s.z()[1], Complex64::new(12.0, -8.0));
        assert!(s.metadata.notes[0].contains("flipped"));
    }

    #[test]
    fn semicolon_and_decimal_comma() {
        let text = "f;Zre;Zim\n1000;10,5;-5,25\n100;12;-8\n";
        let s = read("data.csv", text).unwrap();
        assert_eq!(s.frequency_hz(), [1000.0, 100.0]);
        assert_eq!(s.z()[0], Complex64::new(10.5, -5.25));
        assert!(s.metadata.notes[0].contains("stores Im Z"));
    }

    #[test]
    fn temperatures_with_and_without_units() {
        let t = |l: &str, v: &str| parse_temperature(l, v).map(|k| (k * 100.0).round() / 100.0);
        assert_eq!(t("TEMP", "2.50000E+001"), Some(298.15));
        assert_eq!(t("Temperature ", " 140 °C"), Some(413.15));
        assert_eq!(t("Temperature ", "140degC"), Some(413.15));
        assert_eq!(t("Temperature ", " 300 K"), Some(300.0));
        assert_eq!(t("Temperature (K)", " 300"), Some(300.0));
        assert_eq!(t("Temp", "-327.67"), None);
        assert_eq!(t("Temp", "n/a"), None);
        assert_eq!(labelled_temperature("  Temperature:   25"), Some(298.15));
        assert_eq!(labelled_temperature("Technique : PEIS"), None);
    }

    #[test]
    fn corrupt_row_names_the_line() {
        let text = "freq,zreal,zimag\n1000,10,-5\n100,12\n";
        let e = read("bad.csv", text).unwrap_err().to_string();
        assert!(e.contains("bad.csv, line 3"), "{e}");
        let text = "freq,zreal,zimag\n1000,10,-5\n100,1x2,-3\n";
        let e = read("bad.csv", text).unwrap_err().to_string();
        assert!(e.contains("line 3") && e.contains("1x2"), "{e}");
    }
}
