//! The table under a header row, shared by every format.

use num_complex::Complex64;

use crate::error::EisError;

/// What a table held.
pub(crate) struct Table {
    pub frequency_hz: Vec<f64>,
    pub z: Vec<Complex64>,
    /// The imaginary column was named `-Im…` and has been negated.
    pub imag_negated: bool,
    pub skipped_zero_frequency: usize,
    /// Per row, the value of a cycle column (BioLogic `cycle number` or `Ns`) when
    /// the header has one: rows with different values belong to different spectra.
    pub group: Option<Vec<f64>>,
}

#[derive(Clone, Copy)]
enum Delim {
    Tab,
    Comma,
    Semicolon,
    Space,
}

fn split(line: &str, d: Delim) -> Vec<&str> {
    match d {
        Delim::Tab => line.split('\t').map(str::trim).collect(),
        Delim::Comma => line.split(',').map(str::trim).collect(),
        Delim::Semicolon => line.split(';').map(str::trim).collect(),
        Delim::Space => line.split_whitespace().collect(),
    }
}

fn header_delim(line: &str) -> Delim {
    if line.contains('\t') {
        Delim::Tab
    } else if line.contains(';') {
        Delim::Semicolon
    } else if line.contains(',') {
        Delim::Comma
    } else {
        Delim::Space
    }
}

/// Whether a header cell names a cycle column (BioLogic `cycle number`, `Ns`).
fn is_group(cell: &str) -> bool {
    let n: String = cell
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let n = n.trim_matches(|c| c == '"' || c == '\u{feff}');
    n == "cyclenumber" || n == "ns"
}

/// Column roles from a header cell.
fn role(cell: &str) -> Option<(u8, bool)> {
    let n: String = cell
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let n = n.trim_matches(|c| c == '"' || c == '\u{feff}');
    let negated = n.starts_with('-');
    let n = n.trim_start_matches('-');
    if n.contains("freq") {
        return Some((0, false));
    }
    let is_imag = n.starts_with("z''")
        || n.starts_with("z\"")
        || n.starts_with("zim")
        || n.starts_with("im(z)")
        || n.starts_with("imag")
        || n == "zimg"
        || n == "im";
    if is_imag {
        return Some((2, negated));
    }
    let is_real = n.starts_with("z'")
        || n.starts_with("zre")
        || n.starts_with("re(z)")
        || n.starts_with("real")
        || n == "re";
    if is_real {
        return Some((1, false));
    }
    None
}

fn parse_number(field: &str, decimal_comma: bool) -> Option<f64> {
    let f = field.trim().trim_matches('"');
    if decimal_comma {
        f.replace(',', ".").parse().ok()
    } else {
        f.parse().ok()
    }
}

fn looks_numeric(line: &str) -> bool {
    let first = line
        .trim()
        .split(['\t', ',', ';', ' '])
        .find(|s| !s.is_empty())
        .unwrap_or("");
    !first.is_empty() && first.replace(',', ".").parse::<f64>().is_ok()
}

/// Find the header (from `start` if given, else the first line naming a frequency, a
/// real and an imaginary column; else no header and columns 0, 1, 2) and read the rows.
pub(crate) fn read_table(
    lines: &[&str],
    start: Option<usize>,
    file: &str,
) -> Result<Table, EisError> {
    let err = |line: usize, message: String| EisError::Parse {
        file: file.to_string(),
        line,
        message,
    };
    let columns_of = |line: &str| -> Option<([usize; 3], bool, Option<usize>)> {
        let text = line.trim().trim_start_matches("Definition=");
        let text = text.trim_matches('"');
        let delim = header_delim(text);
        let mut cells: Vec<String> = Vec::new();
        for c in split(text, delim) {
            // "Freq (Hz)" split at the space: the unit belongs to the name before it.
            match cells.last_mut() {
                Some(last) if matches!(delim, Delim::Space) && c.starts_with('(') => {
                    last.push_str(c)
                }
                _ => cells.push(c.to_string()),
            }
        }
        let mut cols = [usize::MAX; 3];
        let mut negated = false;
        let group = cells.iter().position(|c| is_group(c));
        for (i, c) in cells.iter().enumerate() {
            if let Some((r, neg)) = role(c) {
                if cols[r as usize] == usize::MAX {
                    cols[r as usize] = i;
                    if r == 2 {
                        negated = neg;
                    }
                }
            }
        }
        Some((cols, negated, group))
    };
    let (header_line, cols, negated, group_col) = match start {
        Some(i) => {
            let line = lines
                .get(i)
                .ok_or_else(|| err(i + 1, "the file ends before the header".to_string()))?;
            let (cols, neg, group) = columns_of(line).unwrap_or(([usize::MAX; 3], false, None));
            let names = ["frequency", "real part", "imaginary part"];
            if let Some(k) = cols.iter().position(|&c| c == usize::MAX) {
                return Err(err(
                    i + 1,
                    format!("the header has no {} column: '{}'", names[k], line.trim()),
                ));
            }
            (Some(i), cols, neg, group)
        }
        None => {
            let found = lines.iter().enumerate().find_map(|(i, l)| {
                if looks_numeric(l) {
                    return None;
                }
                let (cols, neg, group) = columns_of(l)?;
                cols.iter()
                    .all(|&c| c != usize::MAX)
                    .then_some((i, cols, neg, group))
            });
            match found {
                Some((i, cols, neg, group)) => (Some(i), cols, neg, group),
                None => (None, [0, 1, 2], false, None),
            }
        }
    };
    let mut f = Vec::new();
    let mut z = Vec::new();
    let mut skipped = 0;
    let mut group: Vec<f64> = Vec::new();
    let mut started = false;
    let mut delim = Delim::Comma;
    let mut decimal_comma = false;
    let first = header_line.map(|h| h + 1).unwrap_or(0);
    for (i, raw) in lines.iter().enumerate().skip(first) {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('<') {
            if started {
                break;
            }
            continue;
        }
        if !looks_numeric(line) {
            if started {
                break;
            }
            // Units rows, "End Comments", preamble before a headerless table.
            continue;
        }
        if !started {
            started = true;
            delim = if line.contains('\t') {
                Delim::Tab
            } else if line.contains(';') {
                Delim::Semicolon
            } else if line.contains(',') && !line.contains(' ')
                || line.contains(',') && line.contains('.')
            {
                Delim::Comma
            } else {
                Delim::Space
            };
            decimal_comma = !matches!(delim, Delim::Comma) && line.contains(',');
        }
        let fields = split(line, delim);
        let get = |k: usize, what: &str| -> Result<f64, EisError> {
            let field = fields.get(cols[k]).ok_or_else(|| {
                err(
                    i + 1,
                    format!(
                        "{} fields, the {what} should be field {} (truncated row?)",
                        fields.len(),
                        cols[k] + 1
                    ),
                )
            })?;
            parse_number(field, decimal_comma)
                .ok_or_else(|| err(i + 1, format!("{what} '{field}' is not a number")))
        };
        let freq = get(0, "frequency")?;
        let re = get(1, "real part")?;
        let im = get(2, "imaginary part")?;
        if freq == 0.0 {
            skipped += 1;
            continue;
        }
        if let Some(g) = group_col {
            let field = fields.get(g).ok_or_else(|| {
                err(
                    i + 1,
                    format!(
                        "{} fields, the cycle column should be field {} (truncated row?)",
                        fields.len(),
                        g + 1
                    ),
                )
            })?;
            group.push(
                parse_number(field, decimal_comma)
                    .ok_or_else(|| err(i + 1, format!("cycle '{field}' is not a number")))?,
            );
        }
        f.push(freq);
        z.push(Complex64::new(re, if negated { -im } else { im }));
    }
    if f.is_empty() {
        return Err(err(
            header_line.map(|h| h + 1).unwrap_or(0),
            "no impedance data rows under the header".to_string(),
        ));
    }
    Ok(Table {
        frequency_hz: f,
        z,
        imag_negated: negated,
        skipped_zero_frequency: skipped,
        group: group_col.map(|_| group),
    })
}
