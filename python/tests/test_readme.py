"""The README's Python section, run as written from the repository root.

Its shell block (build and install the wheel) is what `.ci/python.sh` runs
in a fresh virtual environment; here each Python block runs in a fresh
interpreter, in order. A block that imports ray, pyspark or datatrove runs
only where that is installed (the Ray job of `.ci/python.sh`; the Spark
script `python/examples/spark_check.sh`).
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import pytest

from conftest import ROOT

OPTIONAL = {"ray": "ray", "pyspark": "pyspark", "datatrove": "datatrove"}


def section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## Python\n")
    end = readme.index("\n## ", start + 1)
    return readme[start:end]


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", section(), flags=re.S)


def needs(block: str) -> list[str]:
    return [
        module
        for module in OPTIONAL
        if re.search(rf"^(import|from) {module}\b", block, flags=re.M)
    ]


def test_the_section_has_what_the_issue_asks_for() -> None:
    text = section()
    for name in ("clean_batch", "clean_table", "explain", "map_batches", "mapInArrow", "BaseFormatter"):
        assert name in text, name
    (shell,) = blocks("sh")
    assert "maturin build --release -m python/Cargo.toml --out target/wheels" in shell
    assert "pip install target/wheels/rinse-*.whl" in shell


@pytest.mark.parametrize("index", range(len(blocks("python"))))
def test_python_block_runs_as_written(index: int) -> None:
    # Each block needs the blocks before it (files they write), so run those too.
    for i, block in enumerate(blocks("python")[: index + 1]):
        missing = [m for m in needs(block) if importlib.util.find_spec(m) is None]
        if missing:
            if i == index:
                pytest.skip(f"needs {', '.join(missing)}")
            continue
        if i < index and needs(block):
            continue  # heavy blocks the later ones do not need
        run = subprocess.run(
            [sys.executable, "-c", block], cwd=ROOT, capture_output=True, text=True, timeout=600
        )
        assert run.returncode == 0, f"block {i}:\n{block}\n{run.stdout}\n{run.stderr}"
