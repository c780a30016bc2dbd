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
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]


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


def timed(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
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
    print(f"{len(texts)} documents, {total / 1e6:.1f} MB of text; {os.cpu_count()} cores")
    rows: list[tuple[str, float]] = []

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
        start = time.perf_counter()
        for text in subset:
            ftfy.fix_text(text)
        # scaled to the whole batch when only part of it was run
        rows.append((f"ftfy.fix_text {ftfy.__version__}, one thread", (time.perf_counter() - start) / part))

    reference = total / rows[0][1]
    print(f"{'':58} {'seconds':>8} {'MB/s':>7} {'vs CLI 1 thread':>16}")
    for name, seconds in rows:
        speed = total / seconds
        print(f"{name:58} {seconds:8.2f} {speed / 1e6:7.1f} {speed / reference:15.2f}x")
    by_name = dict(rows)
    one = by_name["clean_batch (Arrow large_string), threads=1"]
    two = by_name["clean_batch (Arrow large_string), threads=2"]
    cli_one = by_name["rinse clean --jsonl --threads 1"]
    print(
        f"\nclean_batch per core: {cli_one / one:.2f}x the CLI's single-thread throughput "
        f"(target >= 0.90); on 2 threads: {one / two:.2f}x its own single thread, "
        f"{cli_one / two:.2f}x the CLI's single thread (target >= 1.8)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
