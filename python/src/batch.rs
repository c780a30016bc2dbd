//! Cleaning many documents at once: the rows of a batch (a Python list or an
//! Arrow array, read in place), the worker threads, and the per-document
//! summary of `clean_table`.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use arrow_array::cast::AsArray;
use arrow_array::types::{
    BinaryType, BinaryViewType, LargeBinaryType, LargeUtf8Type, StringViewType, Utf8Type,
};
use arrow_array::{Array, ArrayAccessor, ArrayRef, GenericByteArray, GenericByteViewArray};
use arrow_schema::DataType;
use rayon::prelude::*;
use rinse::report::{Inspection, RecordSummary};
use rinse::{Action, Cleaned, Cleaner, Step};

/// One document of a batch, as the batch holds it.
#[derive(Clone, Copy)]
pub enum Item<'a> {
    /// A missing document (`None`, or an Arrow null).
    Null,
    /// Text.
    Text(&'a str),
    /// Bytes in any encoding: decoded as `clean_bytes` decodes them.
    Bytes(&'a [u8]),
}

/// A document of a Python list, copied out while the GIL is held.
pub enum Owned {
    /// `None`.
    Null,
    /// A `str`.
    Text(String),
    /// A `bytes` (or `bytearray`, `memoryview`).
    Bytes(Vec<u8>),
}

impl Owned {
    /// The document as an [`Item`].
    pub fn item(&self) -> Item<'_> {
        match self {
            Owned::Null => Item::Null,
            Owned::Text(text) => Item::Text(text),
            Owned::Bytes(bytes) => Item::Bytes(bytes),
        }
    }
}

/// Something whose rows can be read from any thread.
pub trait Rows: Sync {
    /// How many rows.
    fn len(&self) -> usize;
    /// Row `i`.
    fn item(&self, i: usize) -> Item<'_>;
}

impl Rows for [Owned] {
    fn len(&self) -> usize {
        <[Owned]>::len(self)
    }

    fn item(&self, i: usize) -> Item<'_> {
        self[i].item()
    }
}

/// The rows of an Arrow array of strings or binaries, read in place (the
/// buffers stay where the producer put them: nothing is copied in).
pub enum ArrowRows<'a> {
    /// `string`.
    Utf8(&'a GenericByteArray<Utf8Type>),
    /// `large_string`.
    LargeUtf8(&'a GenericByteArray<LargeUtf8Type>),
    /// `string_view`.
    Utf8View(&'a GenericByteViewArray<StringViewType>),
    /// `binary`.
    Binary(&'a GenericByteArray<BinaryType>),
    /// `large_binary`.
    LargeBinary(&'a GenericByteArray<LargeBinaryType>),
    /// `binary_view`.
    BinaryView(&'a GenericByteViewArray<BinaryViewType>),
}

impl<'a> ArrowRows<'a> {
    /// The rows of `array`, or `None` if it holds neither text nor bytes.
    pub fn new(array: &'a ArrayRef) -> Option<ArrowRows<'a>> {
        Some(match array.data_type() {
            DataType::Utf8 => ArrowRows::Utf8(array.as_string()),
            DataType::LargeUtf8 => ArrowRows::LargeUtf8(array.as_string()),
            DataType::Utf8View => ArrowRows::Utf8View(array.as_string_view()),
            DataType::Binary => ArrowRows::Binary(array.as_binary()),
            DataType::LargeBinary => ArrowRows::LargeBinary(array.as_binary()),
            DataType::BinaryView => ArrowRows::BinaryView(array.as_binary_view()),
            _ => return None,
        })
    }
}

/// Row `i` of a string, binary or view array, through `wrap`; `Null` for a
/// null.
fn item_at<'a, A: ArrayAccessor>(array: A, i: usize, wrap: fn(A::Item) -> Item<'a>) -> Item<'a> {
    if array.is_null(i) {
        Item::Null
    } else {
        wrap(array.value(i))
    }
}

impl Rows for ArrowRows<'_> {
    fn len(&self) -> usize {
        match self {
            ArrowRows::Utf8(a) => a.len(),
            ArrowRows::LargeUtf8(a) => a.len(),
            ArrowRows::Utf8View(a) => a.len(),
            ArrowRows::Binary(a) => a.len(),
            ArrowRows::LargeBinary(a) => a.len(),
            ArrowRows::BinaryView(a) => a.len(),
        }
    }

    fn item(&self, i: usize) -> Item<'_> {
        match self {
            ArrowRows::Utf8(a) => item_at(*a, i, Item::Text),
            ArrowRows::LargeUtf8(a) => item_at(*a, i, Item::Text),
            ArrowRows::Utf8View(a) => item_at(*a, i, Item::Text),
            ArrowRows::Binary(a) => item_at(*a, i, Item::Bytes),
            ArrowRows::LargeBinary(a) => item_at(*a, i, Item::Bytes),
            ArrowRows::BinaryView(a) => item_at(*a, i, Item::Bytes),
        }
    }
}

/// Cleans one item (`None` for a null): as a document (`clean`,
/// `clean_bytes`, `explain`), or, with `field`, as one text of a batch, which
/// keeps its own ending as a record's field does with `rinse clean --jsonl`.
pub fn clean_item(cleaner: &Cleaner, item: Item<'_>, field: bool) -> Option<Cleaned> {
    let bytes = match item {
        Item::Null => return None,
        Item::Text(text) => text.as_bytes(),
        Item::Bytes(bytes) => bytes,
    };
    Some(if field {
        cleaner.clean_field_bytes(bytes)
    } else {
        cleaner.clean_bytes(bytes)
    })
}

/// The thread count that `threads=None` means: the cores this process may
/// run on (its CPU affinity and cgroup quota included).
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Pools of worker threads, one per thread count asked for, made on first
/// use. A forked child (Spark's Python workers are forked) gets new ones:
/// the threads of its parent's pools do not exist in it.
fn pool(threads: usize) -> Arc<rayon::ThreadPool> {
    type Pools = Mutex<(u32, HashMap<usize, Arc<rayon::ThreadPool>>)>;
    static POOLS: OnceLock<Pools> = OnceLock::new();
    let pools = POOLS.get_or_init(|| Mutex::new((std::process::id(), HashMap::new())));
    let mut guard = pools
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let (pid, map) = &mut *guard;
    if *pid != std::process::id() {
        // The parent's pools live on in its memory only; forget them unfreed
        // (dropping one would wait for threads that do not exist here).
        std::mem::forget(std::mem::take(map));
        *pid = std::process::id();
    }
    map.entry(threads)
        .or_insert_with(|| {
            Arc::new(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .thread_name(|i| format!("rinse-{i}"))
                    .build()
                    .expect("worker threads can be started"),
            )
        })
        .clone()
}

/// `f` over every row, on `threads` threads, results in row order.
pub fn map_rows<R, T, F>(rows: &R, threads: usize, f: F) -> Vec<T>
where
    R: Rows + ?Sized,
    T: Send,
    F: Fn(Item<'_>) -> T + Sync + Send,
{
    let n = rows.len();
    if threads <= 1 || n <= 1 {
        return (0..n).map(|i| f(rows.item(i))).collect();
    }
    pool(threads).install(|| (0..n).into_par_iter().map(|i| f(rows.item(i))).collect())
}

/// What `clean_table(..., report_column=...)` says about one document.
#[derive(Clone, Debug)]
pub struct Summary {
    /// Whether the cleaned text differs from the input.
    pub changed: bool,
    /// Occurrences per step, for the steps that changed something, in
    /// pipeline order (the `steps` of `metadata.rinse` in the CLI's JSONL).
    pub steps: Vec<(&'static str, i64)>,
    /// Lines removed by the junk-line steps and `blank-lines`.
    pub lines_removed: i64,
    /// The encoding the input was decoded with.
    pub encoding: String,
    /// The language of the cleaned text, when identified reliably.
    pub language: Option<String>,
    /// What steps moved out of the text.
    pub metadata: BTreeMap<String, String>,
}

impl Summary {
    /// The summary of `item` cleaned into `cleaned`.
    pub fn new(item: Item<'_>, cleaned: &Cleaned) -> Summary {
        let changed = match item {
            Item::Text(text) => RecordSummary::new(text, cleaned).changed,
            Item::Bytes(bytes) => cleaned.text.as_bytes() != bytes,
            Item::Null => false,
        };
        let report = &cleaned.report;
        Summary {
            changed,
            steps: report
                .steps
                .iter()
                .map(|s| (s.step.name(), s.occurrences as i64))
                .collect(),
            lines_removed: report
                .changes
                .iter()
                .filter(|c| {
                    // A metadata prefix is cut from a line, not a line.
                    c.step.removes_lines()
                        && c.step != Step::MetadataPrefix
                        && c.action == Action::Removed
                })
                .map(|c| c.count as i64)
                .sum(),
            encoding: report.encoding.name.clone(),
            language: Inspection::new("", cleaned).language,
            metadata: cleaned.metadata.clone(),
        }
    }
}
