//! Parquet inputs and outputs: each row group is read in batches on a
//! reader thread, the batches are cleaned on the pool (the text column
//! replaced, a `rinse` column of JSON summaries added, dropped rows
//! filtered out), and written in order by a writer thread that closes an
//! output row group where the input's ended. Every other column passes
//! through unchanged; memory follows a row group, not the file.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, SyncSender};
use std::sync::Arc;
use std::thread;

use arrow_array::builder::{LargeStringBuilder, StringBuilder, StringViewBuilder};
use arrow_array::{
    Array, ArrayRef, BooleanArray, LargeStringArray, RecordBatch, StringArray, StringViewArray,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use indicatif::ProgressBar;
use parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder,
};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression as Codec, GzipLevel, ZstdLevel};
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::schema::types::ColumnPath;
use rinse::jsonl::Detail;
use rinse::report::RecordSummary;

use super::{Job, Outcome, Target};
use crate::args::Compress;
use crate::inputs::{io_cause, shown, Input};
use crate::stats::RunStats;
use crate::stream::{self, Counter, CountingWriter};

/// Rows per batch read.
const BATCH_ROWS: usize = 1024;

/// The column the summaries go in.
pub const RINSE_COLUMN: &str = "rinse";

/// An input opened: its metadata, the text column and the output schema.
pub struct Opened {
    file: File,
    metadata: ArrowReaderMetadata,
    /// The index of the text column.
    text: usize,
    /// The index of an existing `rinse` column (replaced).
    rinse: Option<usize>,
    /// The schema of the output: the input's, with a `rinse` column.
    schema: SchemaRef,
    /// The codec of the input's text column.
    pub codec: Codec,
}

/// Opens a Parquet input and finds its text column (a string column).
pub fn open(input: &Input, column: &str) -> anyhow::Result<Opened> {
    let path = match input {
        Input::File { path, .. } => path,
        Input::Stdin => anyhow::bail!(
            "<stdin>: Parquet cannot be read from standard input (its index is at the end): name the file"
        ),
    };
    let name = shown(path);
    let fail = |err: std::io::Error| anyhow::anyhow!("{name}: {}", io_cause(&err));
    let file = File::open(path).map_err(fail)?;
    let metadata = ArrowReaderMetadata::load(&file, ArrowReaderOptions::new())
        .map_err(|err| anyhow::anyhow!("{name}: not a readable Parquet file: {err}"))?;
    let input_schema = metadata.schema().clone();
    let Some((text, field)) = input_schema.column_with_name(column) else {
        let seen: Vec<&str> = input_schema
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .take(12)
            .collect();
        anyhow::bail!(
            "{name}: no column `{column}` (columns: {}); choose it with --text-column",
            seen.join(", ")
        );
    };
    if !matches!(
        field.data_type(),
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    ) {
        anyhow::bail!(
            "{name}: column `{column}` is {}, not a string column",
            field.data_type()
        );
    }
    let rinse = match input_schema.column_with_name(RINSE_COLUMN) {
        Some((index, field)) if *field.data_type() == DataType::Utf8 && index != text => {
            Some(index)
        }
        Some(_) => anyhow::bail!(
            "{name}: has a column `{RINSE_COLUMN}` that is not rinse's summaries; rinse writes them there"
        ),
        None => None,
    };
    let mut fields: Vec<Arc<Field>> = input_schema.fields().iter().cloned().collect();
    let summary = Arc::new(Field::new(RINSE_COLUMN, DataType::Utf8, true));
    match rinse {
        Some(index) => fields[index] = summary,
        None => fields.push(summary),
    }
    let schema = Arc::new(Schema::new_with_metadata(
        fields,
        input_schema.metadata().clone(),
    ));
    let codec = metadata
        .metadata()
        .row_groups()
        .first()
        .map_or(Codec::SNAPPY, |group| group.column(text).compression());
    Ok(Opened {
        file,
        metadata,
        text,
        rinse,
        schema,
        codec,
    })
}

/// The codec of the output: the input's (`--compress keep`) where this
/// build writes it, else zstd; or the one asked for.
pub fn codec(input: Codec, asked: Compress) -> Codec {
    match asked {
        Compress::Keep => match input {
            Codec::UNCOMPRESSED
            | Codec::SNAPPY
            | Codec::GZIP(_)
            | Codec::ZSTD(_)
            | Codec::LZ4_RAW => input,
            Codec::LZ4 => Codec::LZ4_RAW,
            _ => Codec::ZSTD(ZstdLevel::default()),
        },
        Compress::None => Codec::UNCOMPRESSED,
        Compress::Gzip => Codec::GZIP(GzipLevel::default()),
        Compress::Zstd => Codec::ZSTD(ZstdLevel::default()),
        Compress::Snappy => Codec::SNAPPY,
        Compress::Lz4 => Codec::LZ4_RAW,
    }
}

/// A batch of one row group, and whether it is the group's last.
struct Piece {
    batch: RecordBatch,
    last_of_group: bool,
    /// The compressed bytes of the row group, counted on its last batch.
    group_bytes: u64,
}

/// What the writer thread is sent.
enum ToWriter {
    Batch(RecordBatch),
    EndOfGroup,
    /// The input failed: no output (the temporary file is removed).
    Abort,
}

/// A cleaned batch: the rows to write and the counts.
struct Done {
    batch: Option<RecordBatch>,
    last_of_group: bool,
    group_bytes: u64,
    stats: RunStats,
    failed: Option<anyhow::Error>,
}

/// Reads every row group in batches and sends them; an error ends the
/// stream after the batches before it.
fn read_batches(
    file: File,
    metadata: ArrowReaderMetadata,
    name: &str,
    send: &SyncSender<Result<Piece, anyhow::Error>>,
) {
    let groups = metadata.metadata().num_row_groups();
    for group in 0..groups {
        let group_bytes = metadata.metadata().row_group(group).compressed_size() as u64;
        let reader = file
            .try_clone()
            .map_err(|err| anyhow::anyhow!("{name}: {}", io_cause(&err)))
            .and_then(|file| {
                ParquetRecordBatchReaderBuilder::new_with_metadata(file, metadata.clone())
                    .with_row_groups(vec![group])
                    .with_batch_size(BATCH_ROWS)
                    .build()
                    .map_err(|err| anyhow::anyhow!("{name}: row group {group}: {err}"))
            });
        let reader = match reader {
            Ok(reader) => reader,
            Err(err) => {
                let _ = send.send(Err(err));
                return;
            }
        };
        let mut pending: Option<RecordBatch> = None;
        for batch in reader {
            let batch = match batch {
                Ok(batch) => batch,
                Err(err) => {
                    let _ = send.send(Err(anyhow::anyhow!(
                        "{name}: cannot read row group {group}: {err}"
                    )));
                    return;
                }
            };
            if let Some(previous) = pending.replace(batch) {
                let piece = Piece {
                    batch: previous,
                    last_of_group: false,
                    group_bytes: 0,
                };
                if send.send(Ok(piece)).is_err() {
                    return;
                }
            }
        }
        if let Some(batch) = pending {
            let piece = Piece {
                batch,
                last_of_group: true,
                group_bytes,
            };
            if send.send(Ok(piece)).is_err() {
                return;
            }
        }
    }
}

/// The string values of a text column, whatever its string type.
fn text_values(array: &ArrayRef) -> Vec<Option<&str>> {
    if let Some(strings) = array.as_any().downcast_ref::<StringArray>() {
        strings.iter().collect()
    } else if let Some(strings) = array.as_any().downcast_ref::<LargeStringArray>() {
        strings.iter().collect()
    } else if let Some(strings) = array.as_any().downcast_ref::<StringViewArray>() {
        strings.iter().collect()
    } else {
        unreachable!("the text column was checked to hold strings")
    }
}

/// A column of `values` of the string type `like`.
fn string_column(like: &DataType, values: &[Option<String>]) -> ArrayRef {
    match like {
        DataType::LargeUtf8 => {
            let mut builder = LargeStringBuilder::new();
            values
                .iter()
                .for_each(|v| builder.append_option(v.as_deref()));
            Arc::new(builder.finish())
        }
        DataType::Utf8View => {
            let mut builder = StringViewBuilder::new();
            values
                .iter()
                .for_each(|v| builder.append_option(v.as_deref()));
            Arc::new(builder.finish())
        }
        _ => {
            let mut builder = StringBuilder::new();
            values
                .iter()
                .for_each(|v| builder.append_option(v.as_deref()));
            Arc::new(builder.finish())
        }
    }
}

/// Whether a `rinse` value is a summary an earlier run wrote.
fn is_summary(json: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(json).is_ok_and(|value| {
        value.as_object().is_some_and(|object| {
            object
                .keys()
                .all(|key| RecordSummary::KEYS.contains(&key.as_str()))
        })
    })
}

/// Cleans the text column of one batch.
fn clean_batch(
    job: &Job,
    layout: &Layout,
    name: &str,
    piece: Result<Piece, anyhow::Error>,
) -> Done {
    let mut done = Done {
        batch: None,
        last_of_group: false,
        group_bytes: 0,
        stats: RunStats::new("parquet"),
        failed: None,
    };
    let piece = match piece {
        Ok(piece) => piece,
        Err(err) => {
            done.failed = Some(err);
            return done;
        }
    };
    done.last_of_group = piece.last_of_group;
    done.group_bytes = piece.group_bytes;
    let batch = piece.batch;
    if let Some(index) = layout.rinse {
        let column = batch.column(index);
        if let Some(strings) = column.as_any().downcast_ref::<StringArray>() {
            if let Some(foreign) = strings.iter().flatten().find(|v| !is_summary(v)) {
                let shown: String = foreign.chars().take(40).collect();
                done.failed = Some(anyhow::anyhow!(
                    "{name}: column `{RINSE_COLUMN}` holds another tool's data ({shown:?}); rinse writes its summaries there"
                ));
                return done;
            }
        }
    }
    let texts = text_values(batch.column(layout.text));
    let mut cleaned_texts: Vec<Option<String>> = Vec::with_capacity(texts.len());
    let mut summaries: Vec<Option<String>> = Vec::with_capacity(texts.len());
    let mut keep: Vec<bool> = Vec::with_capacity(texts.len());
    for text in texts {
        let Some(text) = text else {
            // No text: the row passes through as it is.
            cleaned_texts.push(None);
            summaries.push(None);
            keep.push(true);
            continue;
        };
        let cleaned = job.cleaner.clean_field(text);
        let summary = match job.options.detail {
            Detail::Full => RecordSummary::detailed(text, &cleaned),
            _ => RecordSummary::new(text, &cleaned),
        };
        keep.push(job.count(&mut done.stats, text, &cleaned));
        summaries.push(Some(
            serde_json::to_string(&summary).expect("summaries serialize"),
        ));
        cleaned_texts.push(Some(cleaned.text));
    }
    let text_type = batch.schema().field(layout.text).data_type().clone();
    let mut columns: Vec<ArrayRef> = batch.columns().to_vec();
    columns[layout.text] = string_column(&text_type, &cleaned_texts);
    let summary_column = string_column(&DataType::Utf8, &summaries);
    match layout.rinse {
        Some(index) => columns[index] = summary_column,
        None => columns.push(summary_column),
    }
    let result = RecordBatch::try_new(layout.schema.clone(), columns).and_then(|batch| {
        if keep.iter().all(|k| *k) {
            Ok(batch)
        } else {
            arrow_select::filter::filter_record_batch(&batch, &BooleanArray::from(keep))
        }
    });
    match result {
        Ok(batch) => done.batch = Some(batch),
        Err(err) => done.failed = Some(anyhow::anyhow!("{name}: {err}")),
    }
    done
}

/// Where the text and summary columns are, and the output schema.
struct Layout {
    text: usize,
    rinse: Option<usize>,
    schema: SchemaRef,
}

/// Cleans one Parquet input into `out` (a file written atomically), row
/// group by row group, on `pool`.
#[allow(clippy::too_many_arguments)]
pub fn clean_input(
    job: &Job,
    opened: Opened,
    name: &str,
    (out, place): (&Path, super::Place),
    codec: Codec,
    pool: &rayon::ThreadPool,
    progress: Option<&ProgressBar>,
    read: &Counter,
    written: &Counter,
) -> Outcome {
    let mut outcome = Outcome::new("parquet");
    let layout = Arc::new(Layout {
        text: opened.text,
        rinse: opened.rinse,
        schema: opened.schema.clone(),
    });
    let target = match Target::open(Some(out), place) {
        Ok(target) => target,
        Err(err) => {
            outcome.error = Some(err);
            return outcome;
        }
    };
    // The text and summary columns hold long, mostly distinct strings: a
    // dictionary and min/max statistics of them cost time and buy nothing.
    let text_name = opened.schema.field(opened.text).name().clone();
    let mut properties = WriterProperties::builder().set_compression(codec);
    for name in [text_name.as_str(), RINSE_COLUMN] {
        properties = properties
            .set_column_dictionary_enabled(ColumnPath::from(name), false)
            .set_column_statistics_enabled(ColumnPath::from(name), EnabledStatistics::None);
    }
    let properties = properties.build();
    let writer = match ArrowWriter::try_new(
        CountingWriter::new(target, written.clone()),
        opened.schema.clone(),
        Some(properties),
    ) {
        Ok(writer) => writer,
        Err(err) => {
            outcome.error = Some(anyhow::anyhow!("{}: cannot write: {err}", shown(out)));
            return outcome;
        }
    };
    // The writer thread encodes and compresses the output.
    let (to_writer, batches) = mpsc::sync_channel::<ToWriter>(4);
    let out_name = shown(out);
    let writing = thread::Builder::new()
        .name("rinse-pq-writer".into())
        .spawn(move || -> anyhow::Result<()> {
            let mut writer = writer;
            let fail = |err: parquet::errors::ParquetError| {
                anyhow::anyhow!("{out_name}: cannot write: {err}")
            };
            for message in batches {
                match message {
                    ToWriter::Batch(batch) => writer.write(&batch).map_err(fail)?,
                    ToWriter::EndOfGroup => writer.flush().map_err(fail)?,
                    ToWriter::Abort => return Ok(()),
                }
            }
            let counting = writer.into_inner().map_err(fail)?;
            let mut target = counting.into_inner();
            target
                .flush()
                .map_err(|err| anyhow::anyhow!("{out_name}: cannot write: {}", io_cause(&err)))?;
            target.finish()
        })
        .expect("a writer thread starts");
    let window = 2 * pool.current_num_threads() + 2;
    let reader_name = name.to_owned();
    let (file, metadata) = (opened.file, opened.metadata);
    let pieces = stream::read_ahead(window, move |send| {
        read_batches(file, metadata, &reader_name, send);
    });
    let worker_job = job.clone();
    let worker_name = name.to_owned();
    let work = move |piece| clean_batch(&worker_job, &layout, &worker_name, piece);
    let mut stopped = None;
    let mut group_rows = 0usize;
    let result = crate::ordered::map_in_order(pool, pieces, window, work, |done: Done| {
        outcome.stats.add(&done.stats);
        if let Some(err) = done.failed {
            stopped = Some(err);
            anyhow::bail!("stopped");
        }
        if let Some(batch) = done.batch {
            group_rows += batch.num_rows();
            if batch.num_rows() > 0 && to_writer.send(ToWriter::Batch(batch)).is_err() {
                anyhow::bail!("the writer stopped");
            }
        }
        if done.last_of_group {
            read.fetch_add(done.group_bytes, Ordering::Relaxed);
            if let Some(bar) = progress {
                bar.set_position(read.load(Ordering::Relaxed));
            }
            if group_rows > 0 && to_writer.send(ToWriter::EndOfGroup).is_err() {
                anyhow::bail!("the writer stopped");
            }
            group_rows = 0;
        }
        Ok(())
    });
    if stopped.is_some() || result.is_err() {
        let _ = to_writer.send(ToWriter::Abort);
    }
    drop(to_writer);
    let written_result = writing
        .join()
        .unwrap_or_else(|_| Err(anyhow::anyhow!("{name}: the writer thread panicked")));
    outcome.error = match (stopped, result, written_result) {
        // A failure leaves no output: the temporary file is removed.
        (Some(err), _, _) => Some(err),
        (None, Err(err), _) | (None, Ok(()), Err(err)) => Some(err),
        (None, Ok(()), Ok(())) => None,
    };
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_codecs_are_ones_this_build_writes() {
        assert_eq!(codec(Codec::SNAPPY, Compress::Keep), Codec::SNAPPY);
        assert_eq!(codec(Codec::LZ4, Compress::Keep), Codec::LZ4_RAW);
        assert!(matches!(codec(Codec::LZO, Compress::Keep), Codec::ZSTD(_)));
        assert_eq!(codec(Codec::SNAPPY, Compress::None), Codec::UNCOMPRESSED);
    }
}
