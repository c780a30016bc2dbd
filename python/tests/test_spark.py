"""The Spark recipe: mapInArrow over a local[2] session, its output equal to
the command line's. Runs where PySpark and Java are installed
(python/examples/spark_check.sh sets that up)."""

from __future__ import annotations

import json
import subprocess

import pytest

pyspark = pytest.importorskip("pyspark")

import rinse.spark  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    import os
    import sys

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers import rinse
    session = (
        SparkSession.builder.master("local[2]")
        .appName("rinse-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_map_in_arrow_equals_the_cli(spark, cli, root, corpus_jsonl) -> None:
    run = subprocess.run(
        [str(cli), "clean", "--jsonl", str(corpus_jsonl), "--preset", "fix"],
        cwd=root, capture_output=True, check=True,
    )
    expected = {r["id"]: r for r in map(json.loads, run.stdout.decode().splitlines())}
    rows = [
        (record["id"], record["text"])
        for record in map(json.loads, corpus_jsonl.read_text(encoding="utf-8").splitlines())
    ]
    df = spark.createDataFrame(rows, "id long, text string").repartition(2)
    out = df.mapInArrow(
        rinse.spark.clean_arrow({"preset": "fix"}, column="text", report_column="rinse"),
        rinse.spark.output_schema(df.schema, report_column="rinse"),
    )
    got = {row["id"]: row for row in out.collect()}
    assert got.keys() == expected.keys()
    for key, row in got.items():
        assert row["text"] == expected[key]["text"], key
        summary = expected[key]["metadata"]["rinse"]
        assert row["rinse"]["changed"] == summary["changed"]
        assert dict(row["rinse"]["steps"]) == summary["steps"]


def test_a_bad_config_fails_on_the_driver() -> None:
    with pytest.raises(rinse.ConfigError, match="unknown step `nfc`"):
        rinse.spark.clean_arrow(disable="nfc")
