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

mod table;

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

/// Read a spectrum from the text of a file; the format is detected from `file_name`
/// and the content.
pub fn read(file_name: &str, text: &str) -> Result<Spectrum, EisError> {
    read_as(Format::detect(file_name, text), file_name, text)
}

/// Read a spectrum in a given format.
pub fn read_as(format: Format, file_name: &str, text: &str) -> Result<Spectrum, EisError> {
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
    let mut s = Spectrum::new(table.frequency_hz, z).map_err(|e| err(0, e.to_string()))?;
    s.metadata = metadata;
    Ok(s)
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

/// Metadata lines that are easy to read: area (Gamry `AREA QUANT x` in cm², BioLogic
/// `Electrode surface area : x cm²`) and date. Temperatures are not read yet.
fn scan_metadata(format: Format, lines: &[&str], meta: &mut Metadata) {
    for line in lines.iter().take(400) {
        let fields: Vec<&str> = line.split('\t').collect();
        match format {
            Format::Gamry if fields.len() >= 3 => match fields[0] {
                "AREA" => meta.area_m2 = fields[2].trim().parse::<f64>().ok().map(|a| a * 1e-4),
                "DATE" => meta.date = Some(fields[2].trim().to_string()),
                _ => {}
            },
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
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
    fn corrupt_row_names_the_line() {
        let text = "freq,zreal,zimag\n1000,10,-5\n100,12\n";
        let e = read("bad.csv", text).unwrap_err().to_string();
        assert!(e.contains("bad.csv, line 3"), "{e}");
        let text = "freq,zreal,zimag\n1000,10,-5\n100,1x2,-3\n";
        let e = read("bad.csv", text).unwrap_err().to_string();
        assert!(e.contains("line 3") && e.contains("1x2"), "{e}");
    }
}
