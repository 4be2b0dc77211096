//! BioLogic EC-Lab binary `.mpr` files.
//!
//! The layout is not published by BioLogic; this follows the description that the
//! `galvani` project (github.com/echemdata/galvani, `galvani/BioLogic.py`) worked out,
//! re-expressed here. All integers are little-endian.
//!
//! * Magic: `BIO-LOGIC MODULAR FILE\x1a`, padded with spaces to 48 bytes, then four
//!   zero bytes (52 bytes).
//! * Modules, one after the other, each: `MODULE` (6 bytes); a short name (10 bytes,
//!   e.g. `VMP Set   `, `VMP data  `, `VMP LOG   `), a long name (25 bytes), the data
//!   length (u32), a version (u32), a date (8 bytes, `mm/dd/yy`); then `length` bytes.
//! * The `VMP data  ` module: the number of points (u32), the number of columns (u8),
//!   then the column ids: u8 each in version 0 (records start at byte 100), u16 each in
//!   versions 2 and 3 (records start at byte 405, or 406 in version 3).
//! * Records are packed, columns in id order; the flag ids (1, 2, 3, 21, 31, 65) share
//!   one byte placed where the first of them appears.
//!
//! Impedance columns: 32 `freq/Hz`, 37 `Re(Z)/Ohm`, 38 `-Im(Z)/Ohm` (all f32); a
//! spectrum is split by 24 `cycle number` (f64) when present; 462 `Temperature/°C`
//! (f32) gives the mean temperature.

use num_complex::Complex64;

use crate::error::EisError;
use crate::spectrum::{Metadata, Spectrum};

/// The first bytes of every `.mpr` file.
pub const MAGIC_PREFIX: &[u8] = b"BIO-LOGIC MODULAR FILE\x1a";

const FLAG_IDS: [u16; 6] = [1, 2, 3, 21, 31, 65];

/// Bytes of a column id's value, `None` for an id this reader does not know.
fn column_size(id: u16) -> Option<usize> {
    match id {
        4 | 7 | 11 | 13 | 23 | 24 | 74 | 123..=126 | 467 => Some(8),
        5
        | 6
        | 8
        | 9
        | 19
        | 20
        | 32..=38
        | 70
        | 76
        | 77
        | 96
        | 98..=101
        | 168
        | 169
        | 172
        | 430..=435
        | 441
        | 462
        | 471
        | 473
        | 474
        | 476
        | 477
        | 479
        | 480 => Some(4),
        39 | 131 => Some(2),
        468 | 469 => Some(4),
        _ => None,
    }
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    file: &'a str,
}

impl<'a> Cursor<'a> {
    fn err(&self, offset: usize, message: String) -> EisError {
        EisError::Binary {
            file: self.file.to_string(),
            offset,
            message,
        }
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], EisError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        match end {
            Some(end) => {
                let s = &self.bytes[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(self.err(
                self.pos,
                format!(
                    "the file ends after {} bytes, reading {what} needs {n} more (truncated?)",
                    self.bytes.len(),
                ),
            )),
        }
    }

    fn u32(&mut self, what: &str) -> Result<u32, EisError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

struct Module<'a> {
    name: String,
    version: u32,
    date: String,
    /// Offset of the module's data in the file.
    offset: usize,
    data: &'a [u8],
}

fn text(b: &[u8]) -> String {
    b.iter()
        .map(|&c| c as char)
        .collect::<String>()
        .trim()
        .to_string()
}

fn f32_at(b: &[u8], at: usize) -> f64 {
    f64::from(f32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]))
}

fn f64_at(b: &[u8], at: usize) -> f64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    f64::from_le_bytes(a)
}

/// Read every spectrum in an `.mpr` file (split by cycle number, else where the sweep
/// starts again). Truncated or malformed files give an error naming the byte offset.
pub fn read_mpr_all(file_name: &str, bytes: &[u8]) -> Result<Vec<Spectrum>, EisError> {
    let mut c = Cursor {
        bytes,
        pos: 0,
        file: file_name,
    };
    let magic = c.take(52, "the file magic")?;
    if !magic.starts_with(MAGIC_PREFIX) {
        return Err(c.err(
            0,
            "not a BioLogic .mpr file (no 'BIO-LOGIC MODULAR FILE')".into(),
        ));
    }
    let mut modules = Vec::new();
    while c.pos < bytes.len() {
        let start = c.pos;
        if c.take(6, "a module tag")? != b"MODULE" {
            return Err(c.err(start, "expected 'MODULE'".into()));
        }
        let name = text(c.take(10, "a module header")?);
        c.take(25, "a module header")?;
        let length = c.u32("a module header")? as usize;
        let version = c.u32("a module header")?;
        let date = text(c.take(8, "a module header")?);
        let offset = c.pos;
        // A cut data module is read as far as it goes: the records say what is missing.
        let data = if name == "VMP data" && bytes.len() - offset < length {
            c.pos = bytes.len();
            &bytes[offset..]
        } else {
            c.take(length, &format!("module '{name}' ({length} bytes)"))?
        };
        modules.push(Module {
            name,
            version,
            date,
            offset,
            data,
        });
    }
    let data = modules
        .iter()
        .find(|m| m.name == "VMP data")
        .ok_or_else(|| c.err(bytes.len(), "no 'VMP data' module".into()))?;
    let at = |k: usize| data.offset + k;
    let d = data.data;
    if d.len() < 5 {
        return Err(c.err(at(0), "the data module is shorter than its header".into()));
    }
    let n_points = u32::from_le_bytes([d[0], d[1], d[2], d[3]]) as usize;
    let n_columns = d[4] as usize;
    let (ids, records_at): (Vec<u16>, usize) = match data.version {
        0 if d.len() >= 5 + n_columns => {
            (d[5..5 + n_columns].iter().map(|&b| b.into()).collect(), 100)
        }
        2 | 3 if d.len() >= 5 + 2 * n_columns => (
            (0..n_columns)
                .map(|k| u16::from_le_bytes([d[5 + 2 * k], d[6 + 2 * k]]))
                .collect(),
            if data.version == 3 { 406 } else { 405 },
        ),
        0 | 2 | 3 => return Err(c.err(at(5), "the column list is cut short".into())),
        v => {
            return Err(c.err(
                data.offset - 12,
                format!("data module version {v} is not known"),
            ))
        }
    };
    // Byte offset of each column within a record.
    let mut record = 0usize;
    let mut flags_seen = false;
    let mut column_at = std::collections::HashMap::new();
    for (k, &id) in ids.iter().enumerate() {
        if FLAG_IDS.contains(&id) {
            if !flags_seen {
                flags_seen = true;
                record += 1;
            }
            continue;
        }
        let size = column_size(id).ok_or_else(|| {
            c.err(
                at(5 + k * if data.version == 0 { 1 } else { 2 }),
                format!("column id {id} is not known; its size cannot be inferred"),
            )
        })?;
        column_at.entry(id).or_insert(record);
        record += size;
    }
    let col = |id: u16, name: &str| {
        column_at.get(&id).copied().ok_or_else(|| {
            c.err(
                at(5),
                format!("no {name} column (id {id}); not an impedance run?"),
            )
        })
    };
    let (fcol, recol, imcol) = (
        col(32, "freq/Hz")?,
        col(37, "Re(Z)/Ohm")?,
        col(38, "-Im(Z)/Ohm")?,
    );
    let need = records_at + n_points * record;
    if d.len() < need {
        let complete = d.len().saturating_sub(records_at) / record.max(1);
        return Err(c.err(
            at(records_at + complete * record),
            format!(
                "the data module holds {complete} complete records of the {n_points} its header \
                 announces ({record} bytes each; truncated file?)"
            ),
        ));
    }
    let mut f = Vec::with_capacity(n_points);
    let mut z = Vec::with_capacity(n_points);
    let mut cycle = column_at.get(&24).map(|_| Vec::with_capacity(n_points));
    let mut temperatures = Vec::new();
    for k in 0..n_points {
        let r = &d[records_at + k * record..records_at + (k + 1) * record];
        let freq = f32_at(r, fcol);
        if freq == 0.0 {
            continue;
        }
        f.push(freq);
        z.push(Complex64::new(f32_at(r, recol), -f32_at(r, imcol)));
        if let (Some(cy), Some(&o)) = (cycle.as_mut(), column_at.get(&24)) {
            cy.push(f64_at(r, o));
        }
        if let Some(&o) = column_at.get(&462) {
            temperatures.push(f32_at(r, o));
        }
    }
    if f.is_empty() {
        return Err(c.err(
            at(records_at),
            "no impedance points (all frequencies are 0)".into(),
        ));
    }
    let mut metadata = Metadata {
        format: Some("BioLogic MPR".to_string()),
        date: modules
            .iter()
            .find(|m| m.name == "VMP Set")
            .map(|m| m.date.clone()),
        ..Metadata::default()
    };
    if !temperatures.is_empty() {
        let mean = temperatures.iter().sum::<f64>() / temperatures.len() as f64;
        if mean > -273.15 {
            metadata.temperature_k = Some(mean + 273.15);
        }
    }
    metadata
        .notes
        .push("the file stores −Im Z (column -Im(Z)/Ohm); converted to Im Z".to_string());
    let starts = super::split_points(&f, cycle.as_deref());
    let n = starts.len();
    let mut out = Vec::with_capacity(n);
    for (k, &a) in starts.iter().enumerate() {
        let b = starts.get(k + 1).copied().unwrap_or(f.len());
        let mut s = Spectrum::new(f[a..b].to_vec(), z[a..b].to_vec())
            .map_err(|e| c.err(at(records_at), e.to_string()))?;
        s.metadata = metadata.clone();
        if n > 1 {
            s.metadata.notes.push(format!(
                "spectrum {} of {n} in the file: points {}–{b}",
                k + 1,
                a + 1
            ));
        }
        out.push(s);
    }
    Ok(out)
}

/// The first spectrum of an `.mpr` file, with a note when there are more.
pub fn read_mpr(file_name: &str, bytes: &[u8]) -> Result<Spectrum, EisError> {
    let mut all = read_mpr_all(file_name, bytes)?;
    let n = all.len();
    let mut first = all.swap_remove(0);
    if n > 1 {
        first.metadata.notes.push(format!(
            "the file holds {n} spectra; this is the first (read_mpr_all gives all of them)"
        ));
    }
    Ok(first)
}
