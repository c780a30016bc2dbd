"""A small Ray Data pipeline (two CPUs) whose output equals the command
line's on the same input. Runs where Ray is installed (`.ci/python.sh`
installs it in a cached virtual environment)."""

from __future__ import annotations

import json
import pathlib
import subprocess

import pytest

ray = pytest.importorskip("ray")
pa = pytest.importorskip("pyarrow")

import rinse.ray  # noqa: E402


@pytest.fixture(scope="module")
def ray_two_cpus():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    yield
    ray.shutdown()


def cli_output(cli: pathlib.Path, root: pathlib.Path, path: pathlib.Path, *flags: str) -> bytes:
    return subprocess.run(
        [str(cli), "clean", "--jsonl", str(path), "--quiet", *flags],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout


def test_read_json_clean_batch_write_json_equals_the_cli(
    ray_two_cpus, cli, root, corpus_jsonl, tmp_path
) -> None:
    expected = {}
    for line in cli_output(cli, root, corpus_jsonl, "--preset", "fix").decode().splitlines():
        record = json.loads(line)
        expected[record["id"]] = record
    ds = ray.data.read_json(str(corpus_jsonl))
    ds = ds.map_batches(
        rinse.ray.CleanBatch,
        batch_format="pyarrow",
        fn_constructor_kwargs={"config": {"preset": "fix"}, "report_column": "rinse"},
        concurrency=1,  # one actor on one CPU: the other CPU reads and writes
        num_cpus=1,
        batch_size=16,
    )
    out = tmp_path / "out"
    ds.write_json(str(out))
    rows = [json.loads(line) for path in sorted(out.glob("*.json")) for line in path.read_text().splitlines()]
    assert len(rows) == len(expected) >= 20
    for row in rows:
        cli_record = expected[row["id"]]
        assert row["text"] == cli_record["text"], row["id"]
        summary = cli_record["metadata"]["rinse"]
        assert row["rinse"]["changed"] == summary["changed"]
        # pyarrow writes a map as a list of [key, value] pairs
        assert dict(row["rinse"]["steps"]) == summary["steps"], row["id"]
        assert dict(row["rinse"]["metadata"]) == summary["metadata"]


def test_read_text_clean_records_equals_the_cli_byte_for_byte(
    ray_two_cpus, cli, root, corpus_jsonl
) -> None:
    sample = root / "tests" / "data" / "sample.jsonl"
    for path in (sample, corpus_jsonl):
        ds = ray.data.read_text(str(path)).map_batches(
            rinse.ray.CleanRecords, batch_format="pyarrow", concurrency=1, num_cpus=1, batch_size=8
        )
        rows = list(ds.iter_rows())
        got = "".join(row["text"] + "\n" for row in rows if row["text"] is not None)
        assert got.encode("utf-8") == cli_output(cli, root, path)
        errors = [row["rinse_error"] for row in rows if row["rinse_error"] is not None]
        assert len(errors) == (1 if path == sample else 0)


def test_parquet_round_trip_and_pandas_batches(ray_two_cpus, corpus_jsonl, tmp_path) -> None:
    cleaner = rinse.Cleaner()
    texts = [json.loads(line)["text"] for line in corpus_jsonl.read_text().splitlines()]
    pa_table = pa.table({"id": list(range(len(texts))), "body": texts + []})
    source = tmp_path / "in.parquet"
    import pyarrow.parquet as pq

    pq.write_table(pa_table, source)
    ds = ray.data.read_parquet(str(source)).map_batches(
        rinse.ray.CleanBatch,
        batch_format="pandas",
        fn_constructor_kwargs={"column": "body"},
        concurrency=1,
    )
    ds.write_parquet(str(tmp_path / "out"))
    table = pq.read_table(tmp_path / "out").sort_by("id")
    assert table.column("body").to_pylist() == cleaner.clean_batch(texts)
