"""Throughput of rinse from Python against the command line, and ftfy.

    python python/bench.py [--mb 100] [--ftfy-mb 100] [--rinse PATH]

Builds about MB megabytes of text from the corpus documents that are UTF-8
(real scraped pages and damaged variants: mojibake, entities, invisibles,
page residue), repeated, and times on the same documents:

- ``rinse clean --jsonl --threads N`` (the command line, N = 1 and 2) on a
  JSON Lines file of them: the reference;
- ``Cleaner.clean_batch`` on a ``pyarrow`` ``large_string`` array of them,
  with 1 and 2 threads (the text column of a corpus, in Arrow);
- ``Cleaner.clean_records`` on the JSON lines (the command line's own work:
  parse, clean, summarise, serialise), with 1 and 2 threads;
- ``ftfy.fix_text`` on each document, one thread (``--ftfy-mb`` of them;
  ``pip install ftfy``).

MB/s counts the documents' text bytes (MB = 10^6 bytes). Needs the wheel
installed, pyarrow, and the release binary (``cargo build --release``).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
# `python python/bench.py` puts python/ first on the path, where the package's
# sources lie without the compiled extension: import the installed package.
sys.path = [p for p in sys.path if pathlib.Path(p or ".").resolve() != HERE]


def documents(mb: float) -> list[str]:
    texts = []
    for path in sorted((ROOT / "corpus").rglob("*.txt")):
        try:
            texts.append(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError:
            continue
    out, size, i = [], 0, 0
    while size < mb * 1e6:
        text = texts[i % len(texts)]
        out.append(text)
        size += len(text.encode("utf-8"))
        i += 1
    return out


def timed(function, repeat: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the fastest of `repeat` runs; CPU time
    counts every thread of this process and of the child processes it ran."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = time.process_time()
        start = time.perf_counter()
        function()
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = time.process_time() - cpu
        cpu += (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
        best = min(best, (wall, cpu))
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=100, help="megabytes of text (default 100)")
    parser.add_argument("--ftfy-mb", type=float, default=None, help="megabytes for ftfy (default: all)")
    parser.add_argument("--repeat", type=int, default=2, help="runs per row; the best counts")
    parser.add_argument("--rinse", default=str(ROOT / "target" / "release" / "rinse"))
    args = parser.parse_args()

    import pyarrow as pa

    import rinse

    texts = documents(args.mb)
    total = sum(len(t.encode("utf-8")) for t in texts)
    load = os.getloadavg()[0]
    print(f"{len(texts)} documents, {total / 1e6:.1f} MB of text; {os.cpu_count()} cores, load {load:.1f}")
    if load > 0.5 * (os.cpu_count() or 1):
        print("  (a busy machine: wall times include waiting for a core; the CPU-second columns do not)")
    rows: list[tuple[str, tuple[float, float]]] = []

    with tempfile.TemporaryDirectory() as tmp:
        corpus = pathlib.Path(tmp) / "bench.jsonl"
        with corpus.open("w", encoding="utf-8") as f:
            for i, text in enumerate(texts):
                f.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
        if not pathlib.Path(args.rinse).exists():
            print(f"no {args.rinse}: run `cargo build --release` first", file=sys.stderr)
            return 2
        for threads in (1, 2):
            command = [args.rinse, "clean", "--jsonl", "--threads", str(threads), str(corpus)]
            seconds = timed(
                lambda: subprocess.run(command, stdout=subprocess.DEVNULL, check=True), args.repeat
            )
            rows.append((f"rinse clean --jsonl --threads {threads}", seconds))
        lines = corpus.read_bytes().splitlines()

    cleaner = rinse.Cleaner()
    array = pa.array(texts, pa.large_string())
    for threads in (1, 2):
        seconds = timed(lambda: cleaner.clean_batch(array, threads=threads), args.repeat)
        rows.append((f"clean_batch (Arrow large_string), threads={threads}", seconds))
    for threads in (1, 2):
        seconds = timed(lambda: cleaner.clean_records(lines, threads=threads), args.repeat)
        rows.append((f"clean_records (JSON lines), threads={threads}", seconds))

    try:
        import ftfy
    except ImportError:
        ftfy = None
    if ftfy is not None:
        ftfy_mb = args.ftfy_mb if args.ftfy_mb is not None else args.mb
        subset = texts[: max(1, int(len(texts) * min(1.0, ftfy_mb / args.mb)))]
        part = sum(len(t.encode("utf-8")) for t in subset) / total
        wall, cpu = timed(lambda: [ftfy.fix_text(text) for text in subset], 1)
        # scaled to the whole batch when only part of it was run
        rows.append((f"ftfy.fix_text {ftfy.__version__}, one thread", (wall / part, cpu / part)))

    cli_wall, cli_cpu = rows[0][1]
    print(
        f"{'':54} {'wall s':>7} {'MB/s':>7} {'x CLI':>6} {'CPU s':>7} {'MB/CPU-s':>9} {'x CLI':>6}"
    )
    for name, (wall, cpu) in rows:
        print(
            f"{name:54} {wall:7.2f} {total / wall / 1e6:7.1f} {cli_wall / wall:6.2f} "
            f"{cpu:7.2f} {total / cpu / 1e6:9.1f} {cli_cpu / cpu:6.2f}"
        )
    by_name = dict(rows)
    one = by_name["clean_batch (Arrow large_string), threads=1"]
    two = by_name["clean_batch (Arrow large_string), threads=2"]
    cli_one = by_name["rinse clean --jsonl --threads 1"]
    print(
        f"\nclean_batch, one thread: {cli_one[0] / one[0]:.2f}x the CLI's single-thread "
        f"throughput (wall), {cli_one[1] / one[1]:.2f}x per CPU-second (target >= 0.90)\n"
        f"clean_batch, two threads: {cli_one[0] / two[0]:.2f}x the CLI's single thread, "
        f"{one[0] / two[0]:.2f}x its own (wall; target >= 1.8)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
