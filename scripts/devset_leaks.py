#!/usr/bin/env python3
"""Finds text of the development sets inside the repository's tracked files.

The development sets (`../shared/devsets/text-ud/`, `junk-readability/`)
must stay outside the repository: a test that quotes one of their sentences
is no longer an independent check. This script reads every line of the sets
given (one sentence or paragraph a line), takes a slice of each long enough
to be the sentence's own (`--slice` characters from its middle; lines
shorter than that are taken whole when they have at least `--min`
characters), and lists every tracked file that contains one, with the
sentence it quotes. Exits 1 when it finds any.

    python3 scripts/devset_leaks.py ../shared/devsets/text-ud \
        ../shared/devsets/junk-readability/docs

The corpus (`corpus/`), which holds the project's own seed documents, and
the snapshots made from it are not searched. Lines shorter than `--min`
characters (menu labels, `Share on Facebook`) are left out: the phrase
lists name such widget text on purpose. A long common phrase can still
match by chance (`email address will not be published`): read each hit.
"""

import argparse
import pathlib
import subprocess
import sys


def slices(path: pathlib.Path, width: int, shortest: int):
    """(slice, line) for every line of `path` that has one."""
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if len(line) >= width + 10:
            start = (len(line) - width) // 2
            yield line[start : start + width], line
        elif len(line) >= shortest:
            yield line, line


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="+", type=pathlib.Path, help="folders of .txt files")
    parser.add_argument("--slice", type=int, default=24, help="characters taken from a long line")
    parser.add_argument("--min", type=int, default=30, help="shortest line taken whole")
    args = parser.parse_args()

    wanted = {}
    for folder in args.dirs:
        if not folder.is_dir():
            print(f"devset_leaks: {folder}: not a folder", file=sys.stderr)
            return 2
        for path in sorted(folder.glob("*.txt")):
            for piece, line in slices(path, args.slice, args.min):
                wanted.setdefault(piece, (path.name, line))
    root = pathlib.Path(__file__).resolve().parent.parent
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True
    ).stdout.decode().split("\0")
    files = [
        name
        for name in tracked
        if name and not name.startswith(("corpus/", "snapshots/", "tests/consumer/tests/snapshots/"))
    ]
    # grep matches all the slices at once (fixed strings, one pass a file).
    patterns = "\n".join(wanted).encode()
    hits = subprocess.run(
        ["grep", "-F", "-o", "-I", "-f", "-", "--", *files],
        cwd=root,
        input=patterns,
        capture_output=True,
    )
    if hits.returncode > 1:
        print(f"devset_leaks: grep failed: {hits.stderr.decode().strip()}", file=sys.stderr)
        return 2
    found = 0
    for hit in sorted(set(hits.stdout.decode(errors="replace").splitlines())):
        name, _, piece = hit.partition(":")
        if piece in wanted:
            source, line = wanted[piece]
            found += 1
            print(f"{name}: quotes {source}: {line[:100]}")
    print(f"devset_leaks: {len(wanted)} sentences, {found} found in tracked files")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
