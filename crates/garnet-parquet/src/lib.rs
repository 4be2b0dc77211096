//! Parquet files for garnet's tables.
//!
//! Why a crate of its own: arrow and parquet are large to build. Keeping them here
//! means the simulation crates and the sweep library never compile them; the
//! command-line program and the Python bindings write Parquet through this crate.
//!
//! Data flow: a [`garnet_sweep::Table`] (named columns of nullable `f64`, `i64` or
//! text) → [`write()`] → one Arrow record batch → a zstd-compressed Parquet file, written
//! to a temporary file beside the target and renamed over it, so a reader never sees a
//! half-written file. [`read`] turns such a file (or any Parquet file whose columns are
//! 64-bit floats, 64-bit integers or UTF-8 text) back into a table, together with the
//! file's key–value metadata. [`resumable::run`] runs a sweep into a Parquet file in
//! parts that a later run resumes from (the command line's and Python's `out=`).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::{
    Array, ArrayRef, Float64Array, Int64Array, LargeStringArray, RecordBatch, StringArray,
};
use arrow_schema::{DataType, Field, Schema};
use garnet_sweep::resume::ManifestChange;
use garnet_sweep::{Column, ColumnData, SweepError, Table};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;

pub mod resumable;

/// What can go wrong reading or writing a Parquet file.
#[derive(Debug, thiserror::Error)]
pub enum ParquetError {
    /// The file system refused.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The Parquet or Arrow layer failed (a corrupt file, an unsupported column type).
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A table that cannot become a record batch, or tables that do not stack.
    #[error(transparent)]
    Table(#[from] SweepError),
    /// The Arrow layer refused the columns.
    #[error(transparent)]
    Arrow(#[from] arrow_schema::ArrowError),
    /// A sweep's parts folder holds parts of a different sweep (and no restart was asked).
    #[error("{} holds parts of a different sweep ({} changed); restart to discard them, or write to another file", dir.display(), changes_text(changes))]
    DifferentSweep {
        /// The parts folder.
        dir: PathBuf,
        /// What differs from this sweep's definition.
        changes: Vec<ManifestChange>,
    },
    /// A part file whose columns are not this sweep's.
    #[error("{}: columns differ from this sweep's; restart the sweep", path.display())]
    ColumnsDiffer {
        /// The part file.
        path: PathBuf,
    },
    /// The parts do not hold every design exactly once.
    #[error("{}: the parts hold {rows} rows for {designs} designs (duplicates or gaps); restart the sweep", dir.display())]
    Incomplete {
        /// The parts folder.
        dir: PathBuf,
        /// Rows found.
        rows: usize,
        /// Designs of the plan.
        designs: usize,
    },
}

/// The changes of a manifest as one phrase (`the rate, the plan (samples, seed)`).
pub fn changes_text(changes: &[ManifestChange]) -> String {
    if changes.is_empty() {
        return "the definition".to_string();
    }
    changes
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl From<garnet_io::WriteError> for ParquetError {
    fn from(e: garnet_io::WriteError) -> Self {
        match e {
            garnet_io::WriteError::Io { path, source, .. } => Self::Io { path, source },
            garnet_io::WriteError::Writer { path, message } => Self::Format { path, message },
        }
    }
}

fn format_err(path: &Path, message: impl ToString) -> ParquetError {
    ParquetError::Format {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ParquetError + '_ {
    move |source| ParquetError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The table as one Arrow record batch (every column nullable).
pub fn to_record_batch(table: &Table) -> Result<RecordBatch, ParquetError> {
    table.check()?;
    let mut fields = Vec::with_capacity(table.columns.len());
    let mut arrays: Vec<ArrayRef> = Vec::with_capacity(table.columns.len());
    for c in &table.columns {
        let (kind, array): (DataType, ArrayRef) = match &c.data {
            ColumnData::F64(v) => (
                DataType::Float64,
                Arc::new(Float64Array::from(v.clone())) as ArrayRef,
            ),
            ColumnData::I64(v) => (DataType::Int64, Arc::new(Int64Array::from(v.clone()))),
            ColumnData::Str(v) => (
                DataType::Utf8,
                Arc::new(StringArray::from(
                    v.iter().map(|s| s.as_deref()).collect::<Vec<_>>(),
                )),
            ),
        };
        fields.push(Field::new(c.name.clone(), kind, true));
        arrays.push(array);
    }
    let schema = Arc::new(Schema::new(fields));
    if arrays.is_empty() {
        return Ok(RecordBatch::new_empty(schema));
    }
    Ok(RecordBatch::try_new(schema, arrays)?)
}

/// Write `table` to `path` as Parquet (zstd), with key–value `metadata` in the file
/// footer. Written to a temporary file in the same folder, synced and renamed over
/// `path`: an interrupted write leaves the old file (or none), never a partial one.
pub fn write(
    path: &Path,
    table: &Table,
    metadata: &[(String, String)],
) -> Result<(), ParquetError> {
    let batch = to_record_batch(table).map_err(|e| format_err(path, e))?;
    let kv: Vec<KeyValue> = metadata
        .iter()
        .map(|(k, v)| KeyValue::new(k.clone(), v.clone()))
        .collect();
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_key_value_metadata((!kv.is_empty()).then_some(kv))
        .build();
    garnet_io::write_atomic_with(path, |file, _| {
        let file = file.try_clone().map_err(|e| e.to_string())?;
        let mut writer =
            ArrowWriter::try_new(file, batch.schema(), Some(props)).map_err(|e| e.to_string())?;
        writer.write(&batch).map_err(|e| e.to_string())?;
        writer.close().map_err(|e| e.to_string())?;
        Ok::<(), String>(())
    })
    .map_err(ParquetError::from)
}

/// A Parquet file read back: its table and its key–value metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct ParquetFile {
    /// The columns.
    pub table: Table,
    /// The footer's key–value metadata (including any the writer added itself).
    pub metadata: Vec<(String, String)>,
}

impl ParquetFile {
    /// The metadata value under `key`.
    pub fn metadata(&self, key: &str) -> Option<&str> {
        self.metadata
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Read a Parquet file whose columns are 64-bit floats, 64-bit integers or text.
pub fn read(path: &Path) -> Result<ParquetFile, ParquetError> {
    let file = File::open(path).map_err(io_err(path))?;
    let builder =
        ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| format_err(path, e))?;
    let metadata = builder
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .map(|kv| {
            kv.iter()
                .map(|e| (e.key.clone(), e.value.clone().unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default();
    let schema = builder.schema().clone();
    let mut columns = Vec::with_capacity(schema.fields().len());
    for f in schema.fields() {
        let data = match f.data_type() {
            DataType::Float64 => ColumnData::F64(Vec::new()),
            DataType::Int64 => ColumnData::I64(Vec::new()),
            DataType::Utf8 | DataType::LargeUtf8 => ColumnData::Str(Vec::new()),
            other => {
                return Err(format_err(
                    path,
                    format!(
                        "column '{}' has type {other}; only Float64, Int64 and Utf8 are read",
                        f.name()
                    ),
                ))
            }
        };
        columns.push(Column {
            name: f.name().clone(),
            data,
        });
    }
    let reader = builder.build().map_err(|e| format_err(path, e))?;
    for batch in reader {
        let batch = batch.map_err(|e| format_err(path, e))?;
        for (column, array) in columns.iter_mut().zip(batch.columns()) {
            append(&mut column.data, array.as_ref())
                .ok_or_else(|| format_err(path, format!("column '{}': bad array", column.name)))?;
        }
    }
    let table = Table::new(columns).map_err(|e| format_err(path, e))?;
    Ok(ParquetFile { table, metadata })
}

fn append(data: &mut ColumnData, array: &dyn Array) -> Option<()> {
    let any = array.as_any();
    match data {
        ColumnData::F64(v) => {
            let a = any.downcast_ref::<Float64Array>()?;
            v.extend(a.iter());
        }
        ColumnData::I64(v) => {
            let a = any.downcast_ref::<Int64Array>()?;
            v.extend(a.iter());
        }
        ColumnData::Str(v) => {
            if let Some(a) = any.downcast_ref::<StringArray>() {
                v.extend(a.iter().map(|s| s.map(str::to_string)));
            } else {
                let a = any.downcast_ref::<LargeStringArray>()?;
                v.extend(a.iter().map(|s| s.map(str::to_string)));
            }
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        Table::new(vec![
            Column {
                name: "index".into(),
                data: ColumnData::I64(vec![Some(0), Some(1), Some(2)]),
            },
            Column {
                name: "separator.thickness_m".into(),
                data: ColumnData::F64(vec![Some(2e-5), Some(1.1e-4), Some(f64::MAX)]),
            },
            Column {
                name: "capacity_mah_per_g".into(),
                data: ColumnData::F64(vec![Some(150.25), None, Some(-0.0)]),
            },
            Column {
                name: "status".into(),
                data: ColumnData::Str(vec![Some("ok".into()), Some("failed".into()), None]),
            },
            Column {
                name: "error".into(),
                data: ColumnData::Str(vec![None, Some("solver: ünïcode ✓".into()), None]),
            },
        ])
        .unwrap()
    }

    #[test]
    fn round_trip_keeps_values_nulls_and_metadata() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.parquet");
        let meta = vec![("garnet.sweep".to_string(), "{\"rate\":1}".to_string())];
        write(&path, &sample(), &meta).unwrap();
        let back = read(&path).unwrap();
        assert_eq!(back.table, sample());
        // Bit-exact floats, including the sign of zero.
        let x = back.table.f64s("capacity_mah_per_g").unwrap();
        assert!(x[2].unwrap().is_sign_negative());
        assert_eq!(back.metadata("garnet.sweep"), Some("{\"rate\":1}"));
        // Nothing but the file is left in the folder (the temporary file was renamed).
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("t.parquet")]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }

    #[test]
    fn empty_tables_and_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.parquet");
        let empty = sample().select(&[]).unwrap();
        write(&path, &empty, &[]).unwrap();
        let back = read(&path).unwrap();
        assert_eq!(back.table, empty);
        assert_eq!(back.table.n_rows(), 0);
        write(&path, &sample(), &[]).unwrap();
        assert_eq!(read(&path).unwrap().table.n_rows(), 3);
    }

    #[test]
    fn errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("junk.parquet");
        std::fs::write(&path, b"not parquet").unwrap();
        let e = read(&path).unwrap_err().to_string();
        assert!(e.contains("junk.parquet"), "{e}");
        let missing = dir.path().join("none.parquet");
        assert!(read(&missing)
            .unwrap_err()
            .to_string()
            .contains("none.parquet"));
    }
}
