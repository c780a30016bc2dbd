//! Arrow in and out through the Arrow PyCapsule interface: an array comes in
//! through `__arrow_c_array__` without copying its buffers, and a cleaned
//! array goes out as an object with `__arrow_c_array__`, which pyarrow (or
//! any Arrow library) imports without copying.

// The C Data Interface is a C ABI: reading the producer's structs needs
// `unsafe`, confined to the two functions below.
#![allow(unsafe_code)]

use std::ffi::CStr;
use std::sync::Arc;

use arrow_array::builder::{
    GenericStringBuilder, Int64Builder, MapBuilder, StringBuilder, StringViewBuilder,
};
use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::{
    make_array, Array, ArrayRef, BooleanArray, Int64Array, OffsetSizeTrait, StructArray,
};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, Field, Fields};
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};

use crate::batch::Summary;

const SCHEMA: &CStr = c"arrow_schema";
const ARRAY: &CStr = c"arrow_array";

/// Imports an array from an object with `__arrow_c_array__` (a
/// `pyarrow.Array`, say). The buffers stay the producer's: nothing is copied.
pub fn import_array(obj: &Bound<'_, PyAny>) -> PyResult<(ArrayRef, Field)> {
    let pair = obj.call_method0("__arrow_c_array__")?;
    let pair = pair
        .cast::<PyTuple>()
        .map_err(|_| PyTypeError::new_err("__arrow_c_array__ must return a tuple"))?;
    let schema = pair.get_item(0)?;
    let array = pair.get_item(1)?;
    let schema = schema.cast::<PyCapsule>()?;
    let array = array.cast::<PyCapsule>()?;
    let schema_ptr = schema
        .pointer_checked(Some(SCHEMA))?
        .cast::<FFI_ArrowSchema>();
    let array_ptr = array.pointer_checked(Some(ARRAY))?.cast::<FFI_ArrowArray>();
    // SAFETY: the capsules are named as the PyCapsule interface names them,
    // so they hold an ArrowSchema and an ArrowArray. The schema is only
    // borrowed (the capsule keeps it alive for this call); the array is moved
    // out, leaving a released one behind as the interface prescribes, and
    // its buffers are released when the last Arrow reference goes.
    let (data, field) = unsafe {
        let schema = schema_ptr.as_ref();
        let ffi_array = FFI_ArrowArray::from_raw(array_ptr.as_ptr());
        let data = arrow_array::ffi::from_ffi(ffi_array, schema)
            .map_err(|err| PyValueError::new_err(err.to_string()))?;
        let field =
            Field::try_from(schema).map_err(|err| PyValueError::new_err(err.to_string()))?;
        (data, field)
    };
    Ok((make_array(data), field))
}

/// An Arrow array produced by rinse, handed out through the Arrow PyCapsule
/// interface (`pyarrow.array(obj)` imports it without copying).
#[pyclass(name = "ArrowArray", module = "rinse", frozen)]
pub struct ArrowExport {
    array: ArrayRef,
    field: Arc<Field>,
}

impl ArrowExport {
    /// Wraps `array`, described by `field`.
    pub fn new(array: ArrayRef, field: Field) -> ArrowExport {
        ArrowExport {
            array,
            field: Arc::new(field),
        }
    }
}

#[pymethods]
impl ArrowExport {
    /// The Arrow PyCapsule interface: an ArrowSchema and an ArrowArray
    /// capsule. `requested_schema` is ignored (the array keeps its type).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let _ = requested_schema;
        let schema = FFI_ArrowSchema::try_from(self.field.as_ref())
            .map_err(|err| PyValueError::new_err(err.to_string()))?;
        let array = FFI_ArrowArray::new(&self.array.to_data());
        let schema = PyCapsule::new_with_value(py, schema, SCHEMA)?;
        let array = PyCapsule::new_with_value(py, array, ARRAY)?;
        PyTuple::new(py, [schema, array])
    }

    /// The number of rows.
    fn __len__(&self) -> usize {
        self.array.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<rinse.ArrowArray {} x {}>",
            self.array.len(),
            self.field.data_type()
        )
    }
}

/// The Arrow type cleaned text of an input of type `input` gets: `string`
/// stays `string`, `large_string` stays `large_string`, `string_view` stays
/// `string_view`, and binaries become the text type of the same width.
pub fn text_type(input: &DataType) -> DataType {
    match input {
        DataType::LargeUtf8 | DataType::LargeBinary => DataType::LargeUtf8,
        DataType::Utf8View | DataType::BinaryView => DataType::Utf8View,
        _ => DataType::Utf8,
    }
}

/// Cleaned texts as an Arrow array of type `data_type` (from [`text_type`]).
pub fn text_array(texts: &[Option<String>], data_type: &DataType) -> PyResult<ArrayRef> {
    Ok(match data_type {
        DataType::LargeUtf8 => Arc::new(offset_array::<i64>(texts)?),
        DataType::Utf8View => {
            let mut builder = StringViewBuilder::with_capacity(texts.len());
            for text in texts {
                builder.append_option(text.as_deref());
            }
            Arc::new(builder.finish())
        }
        _ => Arc::new(offset_array::<i32>(texts)?),
    })
}

fn offset_array<O: OffsetSizeTrait>(
    texts: &[Option<String>],
) -> PyResult<arrow_array::GenericStringArray<O>> {
    let bytes: usize = texts.iter().flatten().map(String::len).sum();
    if O::from_usize(bytes).is_none() {
        return Err(PyOverflowError::new_err(format!(
            "the cleaned texts of one chunk hold {bytes} bytes, more than a `string` array can; \
             pass a `large_string` array (or smaller chunks)"
        )));
    }
    let mut builder = GenericStringBuilder::<O>::with_capacity(texts.len(), bytes);
    for text in texts {
        builder.append_option(text.as_deref());
    }
    Ok(builder.finish())
}

/// The per-document summaries as one Arrow struct array (null where the
/// document was null).
pub fn summary_array(summaries: &[Option<Summary>]) -> ArrayRef {
    let mut changed = Vec::with_capacity(summaries.len());
    let mut lines_removed = Vec::with_capacity(summaries.len());
    let mut encoding = StringBuilder::new();
    let mut language = StringBuilder::new();
    let mut steps = MapBuilder::new(None, StringBuilder::new(), Int64Builder::new());
    let mut metadata = MapBuilder::new(None, StringBuilder::new(), StringBuilder::new());
    for summary in summaries {
        match summary {
            Some(s) => {
                changed.push(s.changed);
                lines_removed.push(s.lines_removed);
                encoding.append_value(&s.encoding);
                language.append_option(s.language.as_deref());
                for (step, count) in &s.steps {
                    steps.keys().append_value(step);
                    steps.values().append_value(*count);
                }
                for (key, value) in &s.metadata {
                    metadata.keys().append_value(key);
                    metadata.values().append_value(value);
                }
            }
            None => {
                changed.push(false);
                lines_removed.push(0);
                encoding.append_value("");
                language.append_null();
            }
        }
        steps.append(true).expect("keys and values match");
        metadata.append(true).expect("keys and values match");
    }
    let arrays: Vec<ArrayRef> = vec![
        Arc::new(BooleanArray::from(changed)),
        Arc::new(steps.finish()),
        Arc::new(Int64Array::from(lines_removed)),
        Arc::new(encoding.finish()),
        Arc::new(language.finish()),
        Arc::new(metadata.finish()),
    ];
    let names = [
        "changed",
        "steps",
        "lines_removed",
        "encoding",
        "language",
        "metadata",
    ];
    let fields: Fields = names
        .iter()
        .zip(&arrays)
        .map(|(name, array)| Field::new(*name, array.data_type().clone(), *name == "language"))
        .collect();
    let nulls = NullBuffer::from(summaries.iter().map(Option::is_some).collect::<Vec<_>>());
    let nulls = (nulls.null_count() > 0).then_some(nulls);
    Arc::new(StructArray::new(fields, arrays, nulls))
}
