#!/usr/bin/env python3
"""Lines of a legacy encoding among UTF-8 lines: how rinse loads them.

    python3 scripts/quality/mixed_lines.py --text ../shared/devsets/text-ud \
        [--bin target/release/rinse] [--base OLD_BIN] [--limit 200] [--seed 1]

For each language of `--text` (one sentence a line, `<lang>.txt`; read from
there, never copied), writes a file to a temporary directory: `--limit`
sentences, every third one encoded by Python's codecs in the language's
legacy code page (windows-1252 for Western languages, -1250, -1251, -1253,
-1254, -1255, -1256, -1257, Shift_JIS, GBK, EUC-KR, cp874), every fifth of the
others cut short inside its last multi-byte character (damaged UTF-8, which
must keep its U+FFFD and gain no letter), the rest as UTF-8. Runs
`rinse clean --preset fix` on it (the repairs of `--preset fix` aside,
nothing else) and counts, per kind of line, after NFC and whitespace
collapsing:

- legacy lines: exact (the sentence back), replaced (U+FFFD where the
  legacy bytes were, and what their bytes make as UTF-8 by chance; the
  ASCII unchanged: what rinse did before), wrong (anything else: wrong
  letters);
- UTF-8 lines: exact or wrong;
- damaged UTF-8 lines: exact (the cut sentence with U+FFFD for the cut
  character), wrong (anything else).

`--base` runs an older build on the same files and prints its row beside.
Standard library only.
"""

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata

PAGES = {
    "en": "cp1252", "de": "cp1252", "fr": "cp1252", "es": "cp1252", "it": "cp1252",
    "pt": "cp1252", "sv": "cp1252", "fi": "cp1252", "is": "cp1252",
    "cs": "cp1250", "pl": "cp1250", "hu": "cp1250", "ro": "cp1250",
    "ru": "cp1251", "uk": "cp1251", "bg": "cp1251", "kk": "cp1251", "sr": "cp1251",
    "el": "cp1253", "tr": "cp1254", "he": "cp1255", "ar": "cp1256", "fa": "cp1256",
    "ur": "cp1256", "lt": "cp1257", "ja": "shift_jis", "zh": "gbk", "ko": "euc_kr",
    "th": "cp874",
}


def norm(text):
    return " ".join(unicodedata.normalize("NFC", text).split())


def fffd_runs(text):
    """`text` normalized, each run of U+FFFD (and the C1 controls and
    private-use characters `--preset fix` removes around them) as one."""
    text = "".join(c for c in norm(text) if not (0x80 <= ord(c) < 0xA0 or 0xE000 <= ord(c) <= 0xF8FF))
    return re.sub("\ufffd+", "\ufffd", text)


def build(lang, page, lines, rng):
    """The file's bytes and, per line, (kind, expected text, replaced text)."""
    out, expect = [], []
    for i, line in enumerate(lines):
        if i % 3 == 2:
            try:
                data = line.encode(page)
            except UnicodeEncodeError:
                data = None
            if data is not None and any(b >= 0x80 for b in data):
                replaced = data.decode("utf-8", errors="replace")
                out.append(data)
                expect.append(("legacy", line, replaced))
                continue
        data = line.encode("utf-8")
        last = max((j for j, c in enumerate(line) if ord(c) >= 0x80), default=None)
        if i % 5 == 4 and last is not None:
            cut = len(line[:last].encode("utf-8")) + 1
            data = data[:cut] + data[len(line[: last + 1].encode("utf-8")):]
            expect.append(("damaged", data.decode("utf-8", errors="replace"), None))
        else:
            expect.append(("utf-8", line, None))
        out.append(data)
    return b"\n".join(out) + b"\n", expect


def run(binary, path):
    result = subprocess.run(
        [binary, "clean", "--preset", "fix", "--threads", "1", path],
        capture_output=True,
    )
    return result.stdout.decode("utf-8", errors="replace").split("\n")


def judge(expect, got, table):
    for (kind, want, replaced), line in zip(expect, got):
        outcome = "wrong"
        if norm(line) == norm(want):
            outcome = "exact"
        elif replaced is not None and fffd_runs(line) == fffd_runs(replaced):
            # U+FFFD where the legacy bytes were, as UTF-8 decoding leaves
            # them (with the characters their bytes make by chance).
            outcome = "replaced"
        table.setdefault(kind, {}).setdefault(outcome, 0)
        table[kind][outcome] += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--text", required=True)
    parser.add_argument("--bin", default="target/release/rinse")
    parser.add_argument("--base")
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--seed", default="1")
    parser.add_argument("--show", type=int, default=0, help="print N wrong lines")
    args = parser.parse_args()
    tools = [("rinse", args.bin)] + ([("base", args.base)] if args.base else [])
    totals = {name: {} for name, _ in tools}
    per_lang = []
    shown = 0
    with tempfile.TemporaryDirectory() as tmp:
        for lang, page in sorted(PAGES.items()):
            path = os.path.join(args.text, lang + ".txt")
            if not os.path.exists(path):
                continue
            with open(path, encoding="utf-8") as f:
                lines = [l.rstrip("\n") for l in f if l.strip()]
            rng = random.Random(f"{args.seed}:{lang}")
            lines = rng.sample(lines, min(args.limit, len(lines)))
            data, expect = build(lang, page, lines, rng)
            file = os.path.join(tmp, f"{lang}.txt")
            with open(file, "wb") as f:
                f.write(data)
            row = [lang, page]
            for name, binary in tools:
                table = {}
                got = run(binary, file)
                judge(expect, got, table)
                for kind, outcomes in table.items():
                    for outcome, n in outcomes.items():
                        totals[name].setdefault(kind, {}).setdefault(outcome, 0)
                        totals[name][kind][outcome] += n
                legacy = table.get("legacy", {})
                row.append(
                    f"{legacy.get('exact', 0)}/{legacy.get('replaced', 0)}/{legacy.get('wrong', 0)}"
                )
                if name == "rinse" and shown < args.show:
                    for (kind, want, replaced), line in zip(expect, got):
                        if norm(line) != norm(want) and shown < args.show and kind != "legacy" or (
                            kind == "legacy" and norm(line) != norm(want)
                            and fffd_runs(line) != fffd_runs(replaced or "") and shown < args.show
                        ):
                            print(f"{lang} {kind}: {line[:90]!r}\n   want {want[:90]!r}", file=sys.stderr)
                            shown += 1
            per_lang.append(row)
    names = [name for name, _ in tools]
    print("legacy lines among UTF-8 lines: exact / replaced by U+FFFD / wrong, per language")
    print("lang  page       " + "  ".join(f"{n:>14}" for n in names))
    for row in per_lang:
        print(f"{row[0]:<5} {row[1]:<10} " + "  ".join(f"{c:>14}" for c in row[2:]))
    print()
    print("all lines, by kind: exact / replaced / wrong")
    for kind in ("legacy", "utf-8", "damaged"):
        cells = []
        for name in names:
            t = totals[name].get(kind, {})
            cells.append(f"{t.get('exact', 0)}/{t.get('replaced', 0)}/{t.get('wrong', 0)}")
        print(f"{kind:<8} " + "  ".join(f"{n}: {c}" for n, c in zip(names, cells)))


if __name__ == "__main__":
    main()
