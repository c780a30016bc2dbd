"""Shared fixtures: the repository root and the `rinse` command line that
the Python results are compared with."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _cli() -> pathlib.Path:
    """The `rinse` binary: $RINSE_BIN, else one cargo built, else build one."""
    if os.environ.get("RINSE_BIN"):
        return pathlib.Path(os.environ["RINSE_BIN"])
    for profile in ("release", "debug"):
        path = ROOT / "target" / profile / "rinse"
        if path.exists():
            return path
    if shutil.which("cargo") is None:
        pytest.skip("no rinse binary (set RINSE_BIN) and no cargo to build one")
    subprocess.run(["cargo", "build", "--quiet", "--bin", "rinse"], cwd=ROOT, check=True)
    return ROOT / "target" / "debug" / "rinse"


@pytest.fixture(scope="session")
def root() -> pathlib.Path:
    return ROOT


@pytest.fixture(scope="session")
def cli() -> pathlib.Path:
    return _cli()


def corpus_texts() -> list[tuple[str, str]]:
    """(name, text) of every corpus file that is valid UTF-8, sorted."""
    texts = []
    for path in sorted((ROOT / "corpus").rglob("*.txt")):
        try:
            texts.append((str(path.relative_to(ROOT)), path.read_bytes().decode("utf-8")))
        except UnicodeDecodeError:
            continue
    return texts


@pytest.fixture(scope="session")
def corpus_jsonl(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """A JSON Lines file of the corpus documents that are valid UTF-8, with
    the records of tests/data/sample.jsonl that are JSON."""
    path = tmp_path_factory.mktemp("jsonl") / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i, (name, text) in enumerate(corpus_texts()):
            record = {"id": i, "text": text, "metadata": {"path": name}}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
