"""Python and the command line give the same bytes."""

from __future__ import annotations

import pathlib
import subprocess

import pytest

import rinse
from conftest import corpus_texts


def cli_jsonl(cli: pathlib.Path, root: pathlib.Path, path: pathlib.Path, reject: pathlib.Path, *flags: str) -> bytes:
    run = subprocess.run(
        [str(cli), "clean", "--jsonl", str(path), "--reject", str(reject), *flags],
        cwd=root,
        capture_output=True,
        check=True,
    )
    return run.stdout


def python_jsonl(cleaner: rinse.Cleaner, path: pathlib.Path) -> tuple[bytes, list[str]]:
    """What the README's recipe does: the records of a JSON Lines file
    cleaned with clean_records, blank lines skipped as the CLI skips them."""
    with path.open("rb") as f:
        lines = [line for line in f if line.strip()]
    cleaned, errors = cleaner.clean_records(lines)
    out = "".join(record + "\n" for record in cleaned if record is not None)
    return out.encode("utf-8"), [error for error in errors if error is not None]


def test_sample_jsonl_equals_the_cli_byte_for_byte(cli, root, tmp_path) -> None:
    sample = root / "tests" / "data" / "sample.jsonl"
    expected = cli_jsonl(cli, root, sample, tmp_path / "bad.jsonl")
    got, errors = python_jsonl(rinse.Cleaner(), sample)
    assert got == expected
    rejected = [line for line in (tmp_path / "bad.jsonl").read_text().splitlines()]
    assert len(errors) == len(rejected) == 1
    assert f'"error":"{errors[0]}"' in rejected[0]


def test_corpus_jsonl_equals_the_cli_byte_for_byte(cli, root, corpus_jsonl, tmp_path) -> None:
    expected = cli_jsonl(cli, root, corpus_jsonl, tmp_path / "bad.jsonl")
    got, errors = python_jsonl(rinse.Cleaner(), corpus_jsonl)
    assert errors == []
    assert got == expected
    fix = cli_jsonl(cli, root, corpus_jsonl, tmp_path / "bad.jsonl", "--preset", "fix", "--disable", "normalize")
    assert python_jsonl(rinse.Cleaner(preset="fix", disable="normalize"), corpus_jsonl)[0] == fix


def test_clean_bytes_equals_rinse_clean_on_every_corpus_file(cli, root, tmp_path) -> None:
    out = tmp_path / "clean"
    subprocess.run([str(cli), "clean", "corpus", "--out", str(out), "--quiet"], cwd=root, check=True)
    cleaner = rinse.Cleaner()
    files = sorted((root / "corpus").rglob("*.txt"))
    assert len(files) >= 20
    for path in files:
        written = out / path.relative_to(root / "corpus")
        if not written.exists():  # the CLI skips files that look binary (a NUL byte)
            assert b"\x00" in path.read_bytes()[:8192], path
            continue
        expected = written.read_bytes()
        assert cleaner.clean_bytes(path.read_bytes()).encode("utf-8") == expected, path


def test_clean_batch_equals_clean_record_texts(root) -> None:
    import json

    cleaner = rinse.Cleaner()
    texts = [text for _, text in corpus_texts()]
    lines = [json.dumps({"text": text}) for text in texts]
    records, _ = cleaner.clean_records(lines)
    assert cleaner.clean_batch(texts) == [json.loads(r)["text"] for r in records]
    pa = pytest.importorskip("pyarrow")
    assert cleaner.clean_batch(pa.array(texts)).to_pylist() == [json.loads(r)["text"] for r in records]
