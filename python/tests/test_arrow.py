"""Arrow in, Arrow out: arrays, chunked arrays, every string width, nulls,
tables with the summary column."""

from __future__ import annotations

import json

import pytest

pa = pytest.importorskip("pyarrow")

import rinse  # noqa: E402

TEXTS = ["cafÃ©  ", None, "", "1 comment", "x\r\ny", None]


@pytest.fixture(scope="module")
def cleaner() -> rinse.Cleaner:
    return rinse.Cleaner()


def expected(cleaner: rinse.Cleaner) -> list:
    """Each text as a record of JSON Lines cleans it: a batch's texts are
    records' fields, which keep their own ending."""
    return [None if text is None else json.loads(cleaner.clean_record(json.dumps({"text": text})))["text"] for text in TEXTS]


@pytest.mark.parametrize(
    "in_type, out_type",
    [
        (pa.string(), pa.string()),
        (pa.large_string(), pa.large_string()),
        (pa.string_view(), pa.string_view()),
    ],
)
def test_arrays_keep_their_width_and_nulls(cleaner, in_type, out_type) -> None:
    array = pa.array(TEXTS, type=in_type)
    cleaned = cleaner.clean_batch(array)
    assert isinstance(cleaned, pa.Array)
    assert cleaned.type == out_type
    assert cleaned.to_pylist() == expected(cleaner)
    assert cleaned.null_count == 2


@pytest.mark.parametrize(
    "in_type, out_type",
    [(pa.binary(), pa.string()), (pa.large_binary(), pa.large_string())],
)
def test_binaries_are_decoded(cleaner, in_type, out_type) -> None:
    array = pa.array([b"caf\xe9 au lait", None, "caf\u00e9".encode("utf-16")], type=in_type)
    cleaned = cleaner.clean_batch(array)
    assert cleaned.type == out_type
    assert cleaned.to_pylist() == ["café au lait", None, "café"]


def test_chunked_arrays_keep_their_chunks(cleaner) -> None:
    array = pa.array(TEXTS, type=pa.large_string())
    chunked = pa.chunked_array([array, array.slice(2, 3), array.slice(0, 0)])
    cleaned = cleaner.clean_batch(chunked)
    assert isinstance(cleaned, pa.ChunkedArray)
    assert cleaned.type == pa.large_string()
    assert [len(c) for c in cleaned.chunks] == [6, 3, 0]
    assert cleaned.to_pylist() == expected(cleaner) + expected(cleaner)[2:5]
    empty = cleaner.clean_batch(pa.chunked_array([], type=pa.string()))
    assert empty.type == pa.string() and len(empty) == 0


def test_slices_and_threads(cleaner) -> None:
    big = pa.array(TEXTS * 5000)
    part = big.slice(7, 20_000)
    assert cleaner.clean_batch(part, threads=2).to_pylist() == cleaner.clean_batch(part.to_pylist(), threads=1)
    assert cleaner.clean_batch(big, threads=1).equals(cleaner.clean_batch(big, threads=2))


def test_the_input_is_read_in_place(cleaner) -> None:
    # Exporting through __arrow_c_array__ copies nothing on pyarrow's side,
    # and rinse reads the exported buffers where they are.
    array = pa.array(["x" * 1000] * 10_000)
    before = pa.total_allocated_bytes()
    cleaned = cleaner.clean_batch(array)
    assert pa.total_allocated_bytes() == before  # the result's buffers are rinse's
    assert len(cleaned) == 10_000


def test_any_arrow_producer(cleaner) -> None:
    class Producer:  # only the PyCapsule interface, as nanoarrow or arro3 give
        def __init__(self, array):
            self.array = array

        def __arrow_c_array__(self, requested_schema=None):
            return self.array.__arrow_c_array__(requested_schema)

    class Stream:
        def __init__(self, chunked):
            self.chunked = chunked

        def __arrow_c_stream__(self, requested_schema=None):
            return self.chunked.__arrow_c_stream__(requested_schema)

    array = pa.array(TEXTS)
    assert cleaner.clean_batch(Producer(array)).to_pylist() == expected(cleaner)
    assert cleaner.clean_batch(Stream(pa.chunked_array([array]))).to_pylist() == expected(cleaner)
    exported = rinse.ArrowArray  # what pyarrow-less callers get back
    assert hasattr(exported, "__arrow_c_array__")


def test_other_types_are_refused(cleaner) -> None:
    with pytest.raises(TypeError, match="not Int64"):
        cleaner.clean_batch(pa.array([1, 2]))


def test_clean_table_with_summary(cleaner) -> None:
    table = pa.table({"id": list(range(len(TEXTS))), "text": pa.array(TEXTS)})
    cleaned = cleaner.clean_table(table, report_column="rinse")
    assert cleaned.column_names == ["id", "text", "rinse"]
    assert cleaned.column("id").equals(table.column("id"))
    assert cleaned.column("text").to_pylist() == expected(cleaner)
    summaries = cleaned.column("rinse").to_pylist()
    assert summaries[1] is None
    first = summaries[0]
    assert first["changed"] is True
    assert dict(first["steps"]) == {"mojibake": 1, "trailing-whitespace": 2}
    assert first["encoding"] == "UTF-8"
    assert summaries[3]["lines_removed"] == 1  # "1 comment"
    assert summaries[2]["changed"] is False
    article = "The council met on Tuesday and agreed to a new budget for the schools of the town.\n"
    summary = cleaner.clean_table(pa.table({"text": [article]}), report_column="r")
    assert summary.column("r")[0]["language"].as_py() == "English"
    dated = cleaner.clean_table(pa.table({"text": ["date 2024-03-23 " + article]}), report_column="r")
    assert dict(dated.column("r")[0]["metadata"].as_py()) == {"date": "2024-03-23"}
    assert dated.column("r")[0]["lines_removed"].as_py() == 0


def test_clean_table_inputs_and_errors(cleaner) -> None:
    batch = pa.record_batch({"body": pa.array(TEXTS, pa.large_string())})
    cleaned = cleaner.clean_table(batch, "body")
    assert cleaned.schema.field("body").type == pa.large_string()
    assert cleaned.column("body").to_pylist() == expected(cleaner)
    with pytest.raises(KeyError, match="no column `text`"):
        cleaner.clean_table(batch)
    same = cleaner.clean_table(
        pa.table({"text": ["a"], "rinse": [1]}), report_column="rinse"
    )
    assert same.column_names == ["text", "rinse"]
    # A record's text that needs nothing comes back as it was.
    assert same.column("rinse")[0]["changed"].as_py() is False


def test_without_pyarrow_the_result_is_a_capsule_array() -> None:
    # In a process where rinse cannot import pyarrow, an Arrow input gives a
    # rinse.ArrowArray, which any Arrow library imports without copying.
    import subprocess
    import sys

    script = """
import sys
import pyarrow as pa
array = pa.array(["cafÃ©", None])
sys.modules["pyarrow"] = None  # rinse's import of pyarrow fails from here on
import rinse
out = rinse.Cleaner().clean_batch(array)
assert type(out) is rinse.ArrowArray and len(out) == 2, type(out)
assert pa.array(out).to_pylist() == ["café", None]
print("ok")
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.stdout.strip() == "ok", run.stderr
