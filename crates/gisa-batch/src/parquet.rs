//! `--format parquet`: the mention rows of `--format csv` (the same columns,
//! `gisa_core::output::CSV_HEADER`, and the same cells) as a Parquet file,
//! with the `parquet` crate's Arrow writer; `--format parquet-articles`: one
//! row per article (`gisa_core::output::ARTICLE_HEADER`). Every column is UTF-8 text, an
//! empty CSV cell is null. Rows are buffered a batch at a time and row
//! groups are capped, so memory stays flat however long the archive.
//! (Here and not in gisa-core, which stays free of the Arrow crates.)

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

/// Rows handed to the writer at once.
const BATCH_ROWS: usize = 8192;
/// Rows per row group: what the writer holds in memory before writing.
const ROW_GROUP_ROWS: usize = 65_536;

/// A Parquet file of rows (mentions or articles) being written.
pub struct Table<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: Arc<Schema>,
    rows: Vec<Vec<String>>,
}

impl<W: Write + Send> Table<W> {
    /// A table whose text columns are `header`.
    pub fn new(out: W, header: &[&str]) -> Result<Table<W>, parquet::errors::ParquetError> {
        let schema = Arc::new(Schema::new(header.iter().map(|c| Field::new(*c, DataType::Utf8, true)).collect::<Vec<_>>()));
        let props = WriterProperties::builder().set_compression(Compression::SNAPPY).set_max_row_group_row_count(Some(ROW_GROUP_ROWS)).build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(props))?;
        Ok(Table { writer, schema, rows: Vec::with_capacity(BATCH_ROWS) })
    }

    /// Adds rows (`mention_rows` or `article_row` of one record); writes a batch when one is full.
    pub fn push(&mut self, rows: Vec<Vec<String>>) -> std::io::Result<()> {
        self.rows.extend(rows);
        if self.rows.len() >= BATCH_ROWS {
            self.write_batch()?;
        }
        Ok(())
    }

    fn write_batch(&mut self) -> std::io::Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let columns: Vec<ArrayRef> = (0..self.schema.fields().len())
            .map(|c| {
                let mut b = StringBuilder::new();
                for row in &self.rows {
                    match row.get(c).map(String::as_str) {
                        None | Some("") => b.append_null(),
                        Some(cell) => b.append_value(cell),
                    }
                }
                Arc::new(b.finish()) as ArrayRef
            })
            .collect();
        self.rows.clear();
        let batch = RecordBatch::try_new(self.schema.clone(), columns).map_err(std::io::Error::other)?;
        self.writer.write(&batch).map_err(io_error)
    }

    /// Writes what is left and the file's footer; gives the output back.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.write_batch()?;
        self.writer.into_inner().map_err(io_error)
    }
}

/// The writer's own I/O errors (a full disk, a closed pipe) keep their kind.
fn io_error(e: parquet::errors::ParquetError) -> std::io::Error {
    match e {
        parquet::errors::ParquetError::External(inner) => match inner.downcast::<std::io::Error>() {
            Ok(io) => *io,
            Err(other) => std::io::Error::other(other),
        },
        other => std::io::Error::other(other),
    }
}
