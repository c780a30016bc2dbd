//! The `rinse` Python package: [`rinse::Cleaner`] over `str`, `bytes`,
//! Python lists and Arrow string arrays, built with maturin as an abi3
//! extension (`rinse._rinse`, re-exported by `rinse/__init__.py`).
//!
//! Cleaning releases the GIL; batches are cleaned on a pool of worker
//! threads. A `rinse.Cleaner` pickles as the settings it was built from and
//! is compiled again where it is unpickled (a Ray or Spark worker).

mod arrow;
mod batch;
mod settings;

use std::path::PathBuf;

use arrow_array::ArrayRef;
use arrow_schema::{DataType, Field};
use pyo3::exceptions::{PyKeyError, PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    IntoPyDict, PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyList, PyMemoryView, PyString,
    PyTuple,
};
use pyo3::{create_exception, intern};
use rinse::{Cleaned, Step};

use crate::arrow::ArrowExport;
use crate::batch::{ArrowRows, Item, Owned, Rows, Summary};
use crate::settings::{type_name, Settings};

create_exception!(
    rinse,
    RinseError,
    pyo3::exceptions::PyValueError,
    "Base class of the errors rinse raises."
);
create_exception!(
    rinse,
    ConfigError,
    RinseError,
    "A configuration rinse refuses: an unknown step, preset, encoding or key, \
     a step that cannot be switched off, invalid TOML. The message is the one \
     the command line prints."
);
create_exception!(
    rinse,
    RecordError,
    RinseError,
    "A JSON Lines record that cannot be cleaned (not a JSON object, no text \
     field, a text field that is not a string): the message is the `error` \
     that `rinse clean --jsonl --reject` writes."
);

/// The Python exception for a library error, with the library's message.
fn py_err(err: rinse::Error) -> PyErr {
    // `with_path` leaves an I/O error as it is, so one is never wrapped.
    if matches!(err, rinse::Error::Io { .. }) {
        PyOSError::new_err(err.to_string())
    } else {
        ConfigError::new_err(err.to_string())
    }
}

/// A compiled cleaning pipeline: build it once, clean many documents, from
/// any number of threads.
///
/// `config` is TOML text (str), a dict of the same shape, or a path to a
/// `rinse.toml`; then `preset`, `encoding`, `disable` and `enable` apply on
/// top, in the command line's order. Errors raise `rinse.ConfigError` with
/// the command line's message. `threads` is the default thread count of
/// batches (one per core this process may use). Pickles as its settings.
#[pyclass(module = "rinse", frozen)]
struct Cleaner {
    cleaner: rinse::Cleaner,
    /// The same settings with a report of counts only, for the methods that
    /// return text or a record's summary: no excerpt or reason is built per
    /// change that nobody reads.
    texts: rinse::Cleaner,
    settings: Settings,
    threads: Option<usize>,
}

/// The text of a Python `str`. A `str` holding surrogates (which UTF-8
/// cannot carry) is read as UTF-16: a high and low surrogate in a row are
/// joined into the character they encode, and a lone one becomes U+FFFD.
fn text_of(text: &Bound<'_, PyString>) -> PyResult<String> {
    match text.to_cow() {
        Ok(text) => Ok(text.into_owned()),
        Err(_) => {
            let py = text.py();
            let bytes = text.call_method1(
                intern!(py, "encode"),
                (intern!(py, "utf-16-le"), intern!(py, "surrogatepass")),
            )?;
            let bytes = bytes.cast::<PyBytes>()?.as_bytes();
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
                .collect();
            Ok(String::from_utf16_lossy(&units))
        }
    }
}

/// A document given to `clean`, `clean_bytes` or a batch.
fn owned(value: &Bound<'_, PyAny>, what: &str) -> PyResult<Owned> {
    if value.is_none() {
        Ok(Owned::Null)
    } else if let Ok(text) = value.cast::<PyString>() {
        Ok(Owned::Text(text_of(text)?))
    } else if let Ok(bytes) = value.cast::<PyBytes>() {
        Ok(Owned::Bytes(bytes.as_bytes().to_vec()))
    } else if let Ok(bytes) = value.cast::<PyByteArray>() {
        Ok(Owned::Bytes(bytes.to_vec()))
    } else if value.is_instance_of::<PyMemoryView>() {
        let bytes = value.py().get_type::<PyBytes>().call1((value,))?;
        Ok(Owned::Bytes(bytes.cast::<PyBytes>()?.as_bytes().to_vec()))
    } else {
        Err(PyTypeError::new_err(format!(
            "{what} takes str, bytes or None, not {}",
            type_name(value)
        )))
    }
}

/// A JSON value as plain Python data.
fn to_python<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(flag) => PyBool::new(py, *flag).to_owned().into_any(),
        Value::Number(number) => match number.as_i64() {
            Some(n) => n.into_pyobject(py)?.into_any(),
            None => match number.as_u64() {
                Some(n) => n.into_pyobject(py)?.into_any(),
                None => PyFloat::new(py, number.as_f64().unwrap_or(f64::NAN)).into_any(),
            },
        },
        Value::String(text) => PyString::new(py, text).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, to_python(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// The rows of several Arrow chunks as one batch, so that one pool of
/// threads works through all of them at once.
struct Chunks<'a> {
    chunks: Vec<ArrowRows<'a>>,
    /// The first row of each chunk, and the total at the end.
    starts: Vec<usize>,
}

impl<'a> Chunks<'a> {
    fn new(arrays: &'a [ArrayRef]) -> PyResult<Chunks<'a>> {
        let mut chunks = Vec::with_capacity(arrays.len());
        let mut starts = vec![0];
        for array in arrays {
            let rows = ArrowRows::new(array).ok_or_else(|| {
                PyTypeError::new_err(format!(
                    "rinse cleans Arrow arrays of string, large_string, string_view or \
                     binary types, not {}",
                    array.data_type()
                ))
            })?;
            starts.push(starts.last().copied().unwrap_or(0) + rows.len());
            chunks.push(rows);
        }
        Ok(Chunks { chunks, starts })
    }
}

impl Rows for Chunks<'_> {
    fn len(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    fn item(&self, i: usize) -> Item<'_> {
        let chunk = self.starts.partition_point(|&start| start <= i) - 1;
        self.chunks[chunk].item(i - self.starts[chunk])
    }
}

/// Splits results in row order back into the chunks they came from.
fn split<T>(mut results: Vec<T>, starts: &[usize]) -> Vec<Vec<T>> {
    let mut chunks = Vec::with_capacity(starts.len().saturating_sub(1));
    for window in starts.windows(2).rev() {
        chunks.push(results.split_off(window[0]));
    }
    chunks.reverse();
    chunks
}

/// `pyarrow`, or `None` when it is not installed.
fn pyarrow(py: Python<'_>) -> Option<Bound<'_, PyModule>> {
    static PYARROW: PyOnceLock<Option<Py<PyModule>>> = PyOnceLock::new();
    PYARROW
        .get_or_init(py, || py.import("pyarrow").ok().map(Bound::unbind))
        .as_ref()
        .map(|module| module.bind(py).clone())
}

fn need_pyarrow<'py>(py: Python<'py>, what: &str) -> PyResult<Bound<'py, PyModule>> {
    pyarrow(py).ok_or_else(|| {
        pyo3::exceptions::PyImportError::new_err(format!(
            "{what} needs pyarrow (pip install pyarrow)"
        ))
    })
}

/// An Arrow array of rinse's as a `pyarrow.Array` when pyarrow is
/// installed, else as a `rinse.ArrowArray` (Arrow PyCapsule interface).
fn export<'py>(py: Python<'py>, array: ArrayRef) -> PyResult<Bound<'py, PyAny>> {
    let field = Field::new("", array.data_type().clone(), true);
    let export = Bound::new(py, ArrowExport::new(array, field))?.into_any();
    match pyarrow(py) {
        Some(pa) => pa.call_method1(intern!(py, "array"), (export,)),
        None => Ok(export),
    }
}

impl Cleaner {
    fn threads(&self, threads: Option<usize>) -> PyResult<usize> {
        match threads.or(self.threads) {
            Some(0) => Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => Ok(n),
            None => Ok(batch::default_threads()),
        }
    }

    /// Cleans Arrow chunks (zero-copy in), without the GIL: the cleaned
    /// chunks, and the summary chunks when asked for.
    fn clean_arrow(
        &self,
        py: Python<'_>,
        arrays: &[ArrayRef],
        data_type: &DataType,
        threads: usize,
        summaries: bool,
    ) -> PyResult<(Vec<ArrayRef>, Option<Vec<ArrayRef>>)> {
        let cleaner = if summaries {
            &self.cleaner
        } else {
            &self.texts
        };
        let out_type = arrow::text_type(data_type);
        py.detach(|| {
            let rows = Chunks::new(arrays)?;
            if summaries {
                let results = batch::map_rows(&rows, threads, |item| {
                    match batch::clean_item(cleaner, item, true) {
                        Some(cleaned) => {
                            let summary = Summary::new(item, &cleaned);
                            (Some(cleaned.text), Some(summary))
                        }
                        None => (None, None),
                    }
                });
                let mut texts = Vec::with_capacity(arrays.len());
                let mut reports = Vec::with_capacity(arrays.len());
                for chunk in split(results, &rows.starts) {
                    let (t, s): (Vec<_>, Vec<_>) = chunk.into_iter().unzip();
                    texts.push(arrow::text_array(&t, &out_type)?);
                    reports.push(arrow::summary_array(&s));
                }
                Ok((texts, Some(reports)))
            } else {
                let results = batch::map_rows(&rows, threads, |item| {
                    batch::clean_item(cleaner, item, true).map(|cleaned| cleaned.text)
                });
                let texts = split(results, &rows.starts)
                    .iter()
                    .map(|chunk| arrow::text_array(chunk, &out_type))
                    .collect::<PyResult<Vec<_>>>()?;
                Ok((texts, None))
            }
        })
    }

    /// The chunks of a `pyarrow.ChunkedArray` (or any Arrow stream), imported
    /// without copying, with the stream's type.
    fn import_chunks(
        &self,
        py: Python<'_>,
        column: &Bound<'_, PyAny>,
    ) -> PyResult<(Vec<ArrayRef>, DataType)> {
        let pa = need_pyarrow(py, "cleaning an Arrow stream")?;
        let chunked_type = pa.getattr(intern!(py, "ChunkedArray"))?;
        let column = if column.is_instance(&chunked_type)? {
            column.clone()
        } else {
            pa.call_method1(intern!(py, "chunked_array"), (column,))?
        };
        let mut arrays = Vec::new();
        for chunk in column.getattr(intern!(py, "chunks"))?.try_iter()? {
            arrays.push(arrow::import_array(&chunk?)?.0);
        }
        // The type of an empty chunked array comes from pyarrow's side.
        let data_type = match arrays.first() {
            Some(array) => array.data_type().clone(),
            None => {
                let empty = pa.call_method(
                    intern!(py, "array"),
                    (PyList::empty(py),),
                    Some(&[("type", column.getattr(intern!(py, "type"))?)].into_py_dict(py)?),
                )?;
                arrow::import_array(&empty)?.0.data_type().clone()
            }
        };
        Ok((arrays, data_type))
    }

    /// `clean_batch` over a list (or any iterable that is not Arrow).
    fn clean_list<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut items = Vec::new();
        for (i, value) in texts.try_iter()?.enumerate() {
            items.push(owned(&value?, &format!("clean_batch (item {i})"))?);
        }
        let cleaner = &self.texts;
        let cleaned: Vec<Option<String>> = py.detach(|| {
            batch::map_rows(items.as_slice(), threads, |item| {
                batch::clean_item(cleaner, item, true).map(|cleaned| cleaned.text)
            })
        });
        let list = PyList::empty(py);
        for text in cleaned {
            match text {
                Some(text) => list.append(PyString::new(py, &text))?,
                None => list.append(py.None())?,
            }
        }
        Ok(list.into_any())
    }

    fn clean_owned(&self, py: Python<'_>, item: Owned, field: bool) -> Option<Cleaned> {
        let cleaner = &self.texts;
        py.detach(|| batch::clean_item(cleaner, item.item(), field))
    }
}

#[pymethods]
impl Cleaner {
    #[new]
    #[pyo3(signature = (config=None, *, preset=None, enable=None, disable=None, encoding=None, threads=None))]
    fn new(
        config: Option<&Bound<'_, PyAny>>,
        preset: Option<String>,
        enable: Option<&Bound<'_, PyAny>>,
        disable: Option<&Bound<'_, PyAny>>,
        encoding: Option<String>,
        threads: Option<usize>,
    ) -> PyResult<Cleaner> {
        let mut settings = Settings {
            preset,
            encoding,
            enable: settings::step_names(enable, "enable")?,
            disable: settings::step_names(disable, "disable")?,
            ..Settings::default()
        };
        match config {
            None => {}
            Some(config) if config.is_none() => {}
            Some(config) => {
                if let Ok(text) = config.cast::<PyString>() {
                    settings.toml = Some(text.extract()?);
                } else if let Ok(dict) = config.cast::<PyDict>() {
                    settings.toml = Some(settings::dict_to_toml(dict)?);
                } else if config.hasattr(intern!(config.py(), "__fspath__"))? {
                    let path: PathBuf = config.extract()?;
                    // The library reads the file to say why it cannot, as the CLI
                    // says it; the text is kept so that a pickled cleaner carries it.
                    let text =
                        std::fs::read_to_string(&path).map_err(
                            |err| match rinse::Config::from_path(&path) {
                                Err(refused) => py_err(refused),
                                Ok(_) => PyOSError::new_err(format!("{}: {err}", path.display())),
                            },
                        )?;
                    settings.toml = Some(text);
                    settings.path = Some(path);
                } else {
                    return Err(PyTypeError::new_err(format!(
                        "config takes TOML text (str), a dict, or a path (pathlib.Path), not {}",
                        type_name(config)
                    )));
                }
            }
        }
        if threads == Some(0) {
            return Err(PyValueError::new_err("threads must be at least 1"));
        }
        Cleaner::build(settings, threads)
    }

    /// Rebuilds a cleaner from the state `__reduce__` gave (unpickling).
    #[staticmethod]
    fn _from_state(state: &Bound<'_, PyAny>, threads: Option<usize>) -> PyResult<Cleaner> {
        Cleaner::build(Settings::from_state(state)?, threads)
    }

    /// Pickles as the settings the cleaner was built from; it is compiled
    /// again where it is unpickled.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let rebuild = py
            .get_type::<Cleaner>()
            .getattr(intern!(py, "_from_state"))?;
        let args = (self.settings.to_state(py)?, self.threads).into_pyobject(py)?;
        PyTuple::new(py, [rebuild, args.into_any()])
    }

    fn __repr__(&self) -> String {
        let s = &self.settings;
        let mut parts = Vec::new();
        if let Some(path) = &s.path {
            parts.push(format!("config={:?}", path.display().to_string()));
        } else if s.toml.is_some() {
            parts.push("config=<toml>".to_owned());
        }
        if let Some(preset) = &s.preset {
            parts.push(format!("preset={preset:?}"));
        }
        if let Some(encoding) = &s.encoding {
            parts.push(format!("encoding={encoding:?}"));
        }
        if !s.enable.is_empty() {
            parts.push(format!("enable={:?}", s.enable));
        }
        if !s.disable.is_empty() {
            parts.push(format!("disable={:?}", s.disable));
        }
        if let Some(threads) = self.threads {
            parts.push(format!("threads={threads}"));
        }
        format!("rinse.Cleaner({})", parts.join(", "))
    }

    /// The names of the steps this cleaner runs, in pipeline order.
    #[getter]
    fn steps(&self) -> Vec<&'static str> {
        Step::ALL
            .iter()
            .filter(|step| self.cleaner.config().is_enabled(**step))
            .map(|step| step.name())
            .collect()
    }

    /// The threads a batch uses when a call gives none.
    #[getter]
    fn threads_default(&self) -> usize {
        self.threads.unwrap_or_else(batch::default_threads)
    }

    /// The cleaned text, exactly as the library (and `rinse clean`) produces
    /// it: with the default steps it ends in one line break (`"café\n"`)
    /// unless it is empty. `None` gives `None`.
    ///
    /// A leading U+FEFF is taken as a byte-order mark. A `str` holding
    /// surrogates is read as UTF-16: a high and a low surrogate in a row
    /// become the character they encode, a lone surrogate becomes U+FFFD.
    #[pyo3(signature = (text, /))]
    fn clean(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
        if !(text.is_none() || text.is_instance_of::<PyString>()) {
            return Err(PyTypeError::new_err(format!(
                "clean takes str or None, not {} (use clean_bytes for bytes)",
                type_name(text)
            )));
        }
        let item = owned(text, "clean")?;
        Ok(self
            .clean_owned(py, item, false)
            .map(|cleaned| cleaned.text))
    }

    /// The cleaned text of bytes in any encoding (byte-order mark,
    /// declaration or detection decide, or the cleaner's `encoding`);
    /// malformed bytes become U+FFFD. `None` gives `None`.
    #[pyo3(signature = (data, /))]
    fn clean_bytes(&self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
        if data.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "clean_bytes takes bytes or None, not str (use clean for str)",
            ));
        }
        let item = owned(data, "clean_bytes")?;
        Ok(self
            .clean_owned(py, item, false)
            .map(|cleaned| cleaned.text))
    }

    /// One text (str, or bytes in any encoding) cleaned as a record's field,
    /// as `clean_batch` and `rinse clean --jsonl` clean each text: as
    /// `clean` or `clean_bytes`, except that no line break is added at its
    /// end where it has none (`"café"`, not `"café\n"`). For pipelines that
    /// hand over one document at a time. `None` gives `None`.
    #[pyo3(signature = (text, /))]
    fn clean_field(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
        let item = owned(text, "clean_field")?;
        Ok(self.clean_owned(py, item, true).map(|cleaned| cleaned.text))
    }

    /// Cleans `text` (str or bytes) and returns what happened as plain data:
    /// a dict with `text`, `changed`, `metadata`, and the report's
    /// `encoding`, `scripts`, `steps` and `changes` (each change with
    /// `step`, `line`, `action`, `count`, `before`, `after`, `reason`).
    #[pyo3(signature = (text, /))]
    fn explain<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let item = owned(text, "explain")?;
        let cleaner = &self.cleaner;
        let Some((cleaned, changed)) = py.detach(|| {
            let cleaned = batch::clean_item(cleaner, item.item(), false)?;
            let input: &[u8] = match item.item() {
                Item::Text(text) => text.as_bytes(),
                Item::Bytes(bytes) => bytes,
                Item::Null => &[],
            };
            let changed = cleaned.text.as_bytes() != input;
            Some((cleaned, changed))
        }) else {
            return Ok(py.None().into_bound(py));
        };
        let report = serde_json::to_value(&cleaned.report)
            .map_err(|err| PyValueError::new_err(err.to_string()))?;
        let dict = PyDict::new(py);
        dict.set_item("text", &cleaned.text)?;
        dict.set_item("changed", changed)?;
        dict.set_item("metadata", cleaned.metadata.clone().into_py_dict(py)?)?;
        if let serde_json::Value::Object(fields) = &report {
            for (key, value) in fields {
                dict.set_item(key, to_python(py, value)?)?;
            }
        }
        Ok(dict.into_any())
    }

    /// Cleans a batch on `threads` threads with the GIL released: a list of
    /// str/bytes/None gives a list; a `pyarrow.Array` (or any
    /// `__arrow_c_array__`) of string, large_string, string_view or binary
    /// type gives a `pyarrow.Array` of the text type of the same width, its
    /// buffers read in place; a `pyarrow.ChunkedArray` (or any
    /// `__arrow_c_stream__`) gives a `ChunkedArray`. Nulls stay null. Each
    /// text is a record's field, as with `rinse clean --jsonl`: it keeps its
    /// own ending (no line break is added where it has none, unlike
    /// `clean`, which cleans a text as the file `rinse clean` would).
    #[pyo3(signature = (texts, /, *, threads=None))]
    fn clean_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let threads = self.threads(threads)?;
        if texts.is_instance_of::<PyString>() || texts.is_instance_of::<PyBytes>() {
            return Err(PyTypeError::new_err(
                "clean_batch takes a batch (a list, or an Arrow array) of texts; use clean() for one",
            ));
        }
        if texts.hasattr(intern!(py, "__arrow_c_array__"))? {
            let (array, _) = arrow::import_array(texts)?;
            let data_type = array.data_type().clone();
            let (mut cleaned, _) = self.clean_arrow(py, &[array], &data_type, threads, false)?;
            return export(py, cleaned.remove(0));
        }
        if texts.hasattr(intern!(py, "__arrow_c_stream__"))? {
            let (arrays, data_type) = self.import_chunks(py, texts)?;
            let (cleaned, _) = self.clean_arrow(py, &arrays, &data_type, threads, false)?;
            return chunked(py, cleaned, &arrow::text_type(&data_type));
        }
        self.clean_list(py, texts, threads)
    }

    /// A `pyarrow.Table` with `column` cleaned as `clean_batch` cleans it.
    /// With `report_column`, a struct column says per document: `changed`,
    /// `steps` (map step → occurrences), `lines_removed`, `encoding`,
    /// `language` and `metadata` (null where the text is null).
    #[pyo3(signature = (table, /, column="text", *, report_column=None, threads=None))]
    fn clean_table<'py>(
        &self,
        py: Python<'py>,
        table: &Bound<'py, PyAny>,
        column: &str,
        report_column: Option<&str>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let threads = self.threads(threads)?;
        let pa = need_pyarrow(py, "clean_table")?;
        let table_type = pa.getattr(intern!(py, "Table"))?;
        let table = if table.is_instance(&table_type)? {
            table.clone()
        } else {
            pa.call_method1(intern!(py, "table"), (table,))?
        };
        let names: Vec<String> = table.getattr(intern!(py, "column_names"))?.extract()?;
        let Some(index) = names.iter().position(|name| name == column) else {
            return Err(PyKeyError::new_err(format!(
                "no column `{column}` in the table (columns: {})",
                names.join(", ")
            )));
        };
        let (arrays, data_type) =
            self.import_chunks(py, &table.call_method1(intern!(py, "column"), (index,))?)?;
        let (cleaned, reports) =
            self.clean_arrow(py, &arrays, &data_type, threads, report_column.is_some())?;
        let out_type = arrow::text_type(&data_type);
        let cleaned = chunked(py, cleaned, &out_type)?;
        let mut table = table.call_method1(intern!(py, "set_column"), (index, column, cleaned))?;
        if let (Some(name), Some(reports)) = (report_column, reports) {
            let report_type = match reports.first() {
                Some(array) => array.data_type().clone(),
                None => arrow::summary_array(&[]).data_type().clone(),
            };
            let reports = chunked(py, reports, &report_type)?;
            table = match names.iter().position(|n| n == name) {
                Some(at) if at != index => {
                    table.call_method1(intern!(py, "set_column"), (at, name, reports))?
                }
                Some(_) => {
                    return Err(PyValueError::new_err(
                        "report_column must differ from the text column",
                    ))
                }
                None => table.call_method1(intern!(py, "append_column"), (name, reports))?,
            };
        }
        Ok(table)
    }

    /// Cleans the `field` of one JSON Lines record: the line `rinse clean
    /// --jsonl` writes for it, byte for byte (without the line break).
    /// Raises `rinse.RecordError` for a line that is not such a record.
    #[pyo3(signature = (line, /, field="text"))]
    fn clean_record(
        &self,
        py: Python<'_>,
        line: &Bound<'_, PyAny>,
        field: &str,
    ) -> PyResult<String> {
        let line = match owned(line, "clean_record")? {
            Owned::Text(text) => text.into_bytes(),
            Owned::Bytes(bytes) => bytes,
            Owned::Null => {
                return Err(PyTypeError::new_err(
                    "clean_record takes str or bytes, not None",
                ))
            }
        };
        let cleaner = &self.texts;
        py.detach(|| rinse::jsonl::clean_record(&line, field, cleaner))
            .map_err(|err| RecordError::new_err(err.to_string()))
    }

    /// `clean_record` over many lines on `threads` threads: `(cleaned,
    /// errors)`, two lists as long as `lines`, one of the two `None` on
    /// each row (both for a `None` line).
    #[pyo3(signature = (lines, /, field="text", *, threads=None))]
    fn clean_records<'py>(
        &self,
        py: Python<'py>,
        lines: &Bound<'py, PyAny>,
        field: &str,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let threads = self.threads(threads)?;
        let mut items = Vec::new();
        for (i, value) in lines.try_iter()?.enumerate() {
            items.push(owned(&value?, &format!("clean_records (item {i})"))?);
        }
        let cleaner = &self.texts;
        let results: Vec<Option<Result<String, String>>> = py.detach(|| {
            batch::map_rows(items.as_slice(), threads, |item| {
                let line: &[u8] = match item {
                    Item::Null => return None,
                    Item::Text(text) => text.as_bytes(),
                    Item::Bytes(bytes) => bytes,
                };
                Some(
                    rinse::jsonl::clean_record(line, field, cleaner).map_err(|err| err.to_string()),
                )
            })
        });
        let cleaned = PyList::empty(py);
        let errors = PyList::empty(py);
        for result in results {
            match result {
                Some(Ok(record)) => {
                    cleaned.append(record)?;
                    errors.append(py.None())?;
                }
                Some(Err(error)) => {
                    cleaned.append(py.None())?;
                    errors.append(error)?;
                }
                None => {
                    cleaned.append(py.None())?;
                    errors.append(py.None())?;
                }
            }
        }
        PyTuple::new(py, [cleaned, errors])
    }
}

impl Cleaner {
    fn build(settings: Settings, threads: Option<usize>) -> PyResult<Cleaner> {
        let config = settings.config().map_err(py_err)?;
        let texts = rinse::Cleaner::new(config.clone().report_detail(rinse::ReportDetail::Counts))
            .map_err(|err| py_err(settings.in_file(err)))?;
        let cleaner = rinse::Cleaner::new(config).map_err(|err| py_err(settings.in_file(err)))?;
        Ok(Cleaner {
            cleaner,
            texts,
            settings,
            threads,
        })
    }
}

/// Cleaned chunks as a `pyarrow.ChunkedArray` of type `data_type`.
fn chunked<'py>(
    py: Python<'py>,
    arrays: Vec<ArrayRef>,
    data_type: &DataType,
) -> PyResult<Bound<'py, PyAny>> {
    let pa = need_pyarrow(py, "an Arrow stream")?;
    let chunks = arrays
        .into_iter()
        .map(|array| export(py, array))
        .collect::<PyResult<Vec<_>>>()?;
    // The type travels through an empty array of it.
    let empty = export(py, arrow_array::new_empty_array(data_type))?;
    let kwargs = [("type", empty.getattr(intern!(py, "type"))?)].into_py_dict(py)?;
    pa.call_method(intern!(py, "chunked_array"), (chunks,), Some(&kwargs))
}

/// Every step rinse knows, in pipeline order, as dicts: `name`, `stage`,
/// `default` (`"always"`, `"on"` or `"off"`) and `summary`.
#[pyfunction]
fn steps(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let list = PyList::empty(py);
    for step in Step::ALL {
        let dict = PyDict::new(py);
        dict.set_item("name", step.name())?;
        let stage = serde_json::to_value(step.stage()).unwrap_or_default();
        dict.set_item("stage", stage.as_str().unwrap_or_default())?;
        let default = match (step.switchable(), step.default_enabled()) {
            (false, _) => "always",
            (true, true) => "on",
            (true, false) => "off",
        };
        dict.set_item("default", default)?;
        dict.set_item("summary", step.summary())?;
        list.append(dict)?;
    }
    Ok(list)
}

/// The extension module, `rinse._rinse`.
#[pymodule]
fn _rinse(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<Cleaner>()?;
    m.add_class::<ArrowExport>()?;
    m.add_function(wrap_pyfunction!(steps, m)?)?;
    m.add("RinseError", py.get_type::<RinseError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    m.add("RecordError", py.get_type::<RecordError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
