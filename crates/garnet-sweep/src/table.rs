//! A small columnar table: named columns of nullable `f64`, `i64` or text, all of the
//! same length. It is what a sweep's rows become for output (Parquet in
//! `garnet-parquet`, NumPy arrays in the Python bindings), kept free of any file
//! format so that neither this crate nor its users pay for one they do not use.

use crate::SweepError;

/// The values of one column; `None` is a missing value (null).
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnData {
    /// 64-bit floats.
    F64(Vec<Option<f64>>),
    /// 64-bit integers.
    I64(Vec<Option<i64>>),
    /// UTF-8 text.
    Str(Vec<Option<String>>),
}

impl ColumnData {
    /// Number of values.
    pub fn len(&self) -> usize {
        match self {
            ColumnData::F64(v) => v.len(),
            ColumnData::I64(v) => v.len(),
            ColumnData::Str(v) => v.len(),
        }
    }

    /// True when the column holds no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The name of the type (`f64`, `i64`, `str`), for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            ColumnData::F64(_) => "f64",
            ColumnData::I64(_) => "i64",
            ColumnData::Str(_) => "str",
        }
    }

    fn empty_like(&self) -> Self {
        match self {
            ColumnData::F64(_) => ColumnData::F64(Vec::new()),
            ColumnData::I64(_) => ColumnData::I64(Vec::new()),
            ColumnData::Str(_) => ColumnData::Str(Vec::new()),
        }
    }

    fn push_from(&mut self, other: &ColumnData, row: usize) -> bool {
        match (self, other) {
            (ColumnData::F64(a), ColumnData::F64(b)) => a.push(b[row]),
            (ColumnData::I64(a), ColumnData::I64(b)) => a.push(b[row]),
            (ColumnData::Str(a), ColumnData::Str(b)) => a.push(b[row].clone()),
            _ => return false,
        }
        true
    }
}

/// A named column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Column name, e.g. `separator.thickness_m`.
    pub name: String,
    /// Its values.
    pub data: ColumnData,
}

/// Named columns of equal length.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The columns, in output order.
    pub columns: Vec<Column>,
}

impl Table {
    /// A table from columns, checked: equal lengths and distinct names.
    pub fn new(columns: Vec<Column>) -> Result<Self, SweepError> {
        let table = Table { columns };
        table.check()?;
        Ok(table)
    }

    /// Check that the columns have equal lengths and distinct names.
    pub fn check(&self) -> Result<(), SweepError> {
        let n = self.n_rows();
        for (i, c) in self.columns.iter().enumerate() {
            if c.data.len() != n {
                return Err(SweepError::Table(format!(
                    "column '{}' has {} values, the first column {}",
                    c.name,
                    c.data.len(),
                    n
                )));
            }
            if self.columns[..i].iter().any(|d| d.name == c.name) {
                return Err(SweepError::Table(format!(
                    "column '{}' appears twice",
                    c.name
                )));
            }
        }
        Ok(())
    }

    /// Number of rows (0 for a table without columns).
    pub fn n_rows(&self) -> usize {
        self.columns.first().map_or(0, |c| c.data.len())
    }

    /// The column called `name`.
    pub fn column(&self, name: &str) -> Option<&ColumnData> {
        self.columns
            .iter()
            .find(|c| c.name == name)
            .map(|c| &c.data)
    }

    /// The values of the `f64` column `name`.
    pub fn f64s(&self, name: &str) -> Option<&[Option<f64>]> {
        match self.column(name)? {
            ColumnData::F64(v) => Some(v),
            _ => None,
        }
    }

    /// The values of the `i64` column `name`.
    pub fn i64s(&self, name: &str) -> Option<&[Option<i64>]> {
        match self.column(name)? {
            ColumnData::I64(v) => Some(v),
            _ => None,
        }
    }

    /// The values of the text column `name`.
    pub fn strs(&self, name: &str) -> Option<&[Option<String>]> {
        match self.column(name)? {
            ColumnData::Str(v) => Some(v),
            _ => None,
        }
    }

    /// The column names and types, for comparing the shapes of two tables.
    pub fn schema(&self) -> Vec<(&str, &'static str)> {
        self.columns
            .iter()
            .map(|c| (c.name.as_str(), c.data.type_name()))
            .collect()
    }

    /// Stack tables with the same columns (names, order and types) into one.
    pub fn concat(tables: &[Table]) -> Result<Table, SweepError> {
        let Some(first) = tables.first() else {
            return Ok(Table::default());
        };
        let mut rows = Vec::new();
        for (t, table) in tables.iter().enumerate() {
            if table.schema() != first.schema() {
                return Err(SweepError::Table(format!(
                    "table {} has columns {:?}, the first {:?}",
                    t,
                    table.schema(),
                    first.schema()
                )));
            }
            rows.extend((0..table.n_rows()).map(|r| (t, r)));
        }
        Self::gather(tables, &rows)
    }

    /// The rows of `self` in the order given by `rows` (indices into `self`).
    pub fn select(&self, rows: &[usize]) -> Result<Table, SweepError> {
        if let Some(&bad) = rows.iter().find(|&&r| r >= self.n_rows()) {
            return Err(SweepError::Table(format!(
                "row {bad} is out of range (the table has {})",
                self.n_rows()
            )));
        }
        let pairs: Vec<(usize, usize)> = rows.iter().map(|&r| (0, r)).collect();
        Self::gather(std::slice::from_ref(self), &pairs)
    }

    /// Rows `(table, row)` of same-shaped tables into a new table.
    fn gather(tables: &[Table], rows: &[(usize, usize)]) -> Result<Table, SweepError> {
        let Some(first) = tables.first() else {
            return Ok(Table::default());
        };
        let mut columns: Vec<Column> = first
            .columns
            .iter()
            .map(|c| Column {
                name: c.name.clone(),
                data: c.data.empty_like(),
            })
            .collect();
        for &(t, r) in rows {
            for (out, src) in columns.iter_mut().zip(&tables[t].columns) {
                if !out.data.push_from(&src.data, r) {
                    return Err(SweepError::Table(format!(
                        "column '{}' changes type between tables",
                        out.name
                    )));
                }
            }
        }
        Ok(Table { columns })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(ids: &[i64], xs: &[f64]) -> Table {
        Table::new(vec![
            Column {
                name: "index".into(),
                data: ColumnData::I64(ids.iter().map(|&i| Some(i)).collect()),
            },
            Column {
                name: "x".into(),
                data: ColumnData::F64(xs.iter().map(|&x| Some(x)).collect()),
            },
        ])
        .unwrap()
    }

    #[test]
    fn concat_and_select_keep_rows_together() {
        let all = Table::concat(&[table(&[2, 0], &[2.5, 0.5]), table(&[1], &[1.5])]).unwrap();
        assert_eq!(all.n_rows(), 3);
        let sorted = all.select(&[1, 2, 0]).unwrap();
        assert_eq!(sorted, table(&[0, 1, 2], &[0.5, 1.5, 2.5]));
        assert!(all.select(&[3]).is_err());
    }

    #[test]
    fn ragged_or_duplicate_columns_are_rejected() {
        let ragged = Table::new(vec![
            Column {
                name: "a".into(),
                data: ColumnData::F64(vec![Some(1.0)]),
            },
            Column {
                name: "b".into(),
                data: ColumnData::F64(vec![]),
            },
        ]);
        assert!(ragged.is_err());
        let dup = Table::new(vec![
            Column {
                name: "a".into(),
                data: ColumnData::F64(vec![]),
            },
            Column {
                name: "a".into(),
                data: ColumnData::I64(vec![]),
            },
        ]);
        assert!(dup.is_err());
        let other = Table::new(vec![Column {
            name: "index".into(),
            data: ColumnData::Str(vec![]),
        }])
        .unwrap();
        assert!(Table::concat(&[table(&[], &[]), other]).is_err());
    }
}
