#!/usr/bin/env python3
"""Lines the junk stage removes from real text that is no web page: a precision check on text nobody on the
project wrote or labelled.

A page's residue (menus, share bars, teasers, footers) does not occur in a manual, a README or a changelog,
so nearly every line the junk rules remove there is a near miss worth reading: a heading taken for a menu
label, a wrapped sentence's end taken for a button, a commit subject taken for a teaser. The script renders
the translated manual pages installed under MAN (default /usr/share/man, every language folder but the
English ones; `man -l` with a wide MANWIDTH, so that a paragraph is one line, as scraped text has it) and
copies the README, NEWS and changelog files under DOC (default /usr/share/doc), into a folder under
target/ (never the repository), runs `rinse clean --report` over each set and prints, per set, how many
lines each junk step removed and the most frequent of them with their reasons.

Usage (from the repository root, after `cargo build --release`):
    python3 scripts/junk/plain_text.py [--man DIR] [--doc DIR] [--bin target/release/rinse] [--top 12]
"""
import argparse
import collections
import gzip
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "target", "plain-text")
JUNK_STEPS = ("boilerplate", "duplicate-lines", "edge-residue", "junk-score", "foreign-lines")
DOC_NAMES = ("README", "NEWS", "changelog", "ChangeLog")


def render_man(man_dir, dest):
    """Renders every manual page of the non-English language folders of `man_dir` into `dest` (links to
    another page skipped: it is rendered once); returns how many, after saying which failed."""
    missing = [tool for tool in ("man", "col") if shutil.which(tool) is None]
    if missing:
        print(f"plain_text: {', '.join(missing)} not found: manual pages skipped", file=sys.stderr)
        return 0
    count = 0
    failed = []
    env = dict(os.environ, MANWIDTH="4000")
    for lang in sorted(os.listdir(man_dir)):
        base = os.path.join(man_dir, lang)
        if lang.startswith(("man", "en")) or not os.path.isdir(base):
            continue
        for folder, _, files in sorted(os.walk(base)):
            for name in sorted(files):
                page = os.path.join(folder, name)
                if os.path.islink(page):
                    continue
                shown = subprocess.run(["man", "-l", "-E", "UTF-8", page], capture_output=True, env=env)
                text = subprocess.run(["col", "-bx"], input=shown.stdout, capture_output=True).stdout
                if shown.returncode != 0 or not text.strip():
                    failed.append(page)
                    continue
                lines = [line.lstrip() for line in text.decode("utf-8", "replace").split("\n")]
                with open(os.path.join(dest, f"{lang}-{name}.txt"), "w", encoding="utf-8") as f:
                    f.write("\n".join(lines))
                count += 1
    if failed:
        print(f"plain_text: {len(failed)} manual pages did not render, left out (first: {failed[0]})",
              file=sys.stderr)
    return count


def copy_docs(doc_dir, dest):
    """Copies (uncompressed) the README, NEWS and changelog files under `doc_dir` into `dest`."""
    count = 0
    for folder, _, files in sorted(os.walk(doc_dir)):
        for name in sorted(files):
            plain = name.removesuffix(".gz")
            if not plain.startswith(DOC_NAMES) and not plain.endswith(".txt"):
                continue
            source = os.path.join(folder, name)
            if os.path.islink(source):
                continue
            target = os.path.join(dest, f"{count:05}-{plain}")
            try:
                if name.endswith(".gz"):
                    with gzip.open(source, "rb") as f, open(target, "wb") as g:
                        shutil.copyfileobj(f, g)
                else:
                    shutil.copyfile(source, target)
            except (OSError, EOFError) as err:
                print(f"plain_text: {source}: {err}", file=sys.stderr)
                if os.path.exists(target):
                    os.remove(target)
                continue
            count += 1
    return count


def removed_lines(binary, folder):
    """The junk steps' removals of `rinse clean --report` over `folder`: (file, step, line text, reason)."""
    report = os.path.join(OUT, os.path.basename(folder) + ".report.jsonl")
    cleaned = os.path.join(OUT, os.path.basename(folder) + ".cleaned")
    shutil.rmtree(cleaned, ignore_errors=True)
    # Exit 2: some input failed (it says which on standard error); the report holds the others.
    done = subprocess.run([binary, "clean", "--quiet", "--report", report, "--out", cleaned, folder])
    if done.returncode not in (0, 2) or not os.path.exists(report):
        sys.exit(f"plain_text: {binary} failed on {folder} (exit {done.returncode})")
    out = []
    with open(report, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            for change in doc.get("changes", []):
                if change["step"] in JUNK_STEPS and change["action"] == "removed":
                    out.append((os.path.basename(doc["path"]), change["step"], change.get("before", ""),
                                change.get("reason", "")))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--man", default="/usr/share/man")
    ap.add_argument("--doc", default="/usr/share/doc")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "rinse"))
    ap.add_argument("--top", type=int, default=12, help="most frequent removed lines shown per step")
    args = ap.parse_args()
    sets = []
    for name, source, make in (("man", args.man, render_man), ("doc", args.doc, copy_docs)):
        if not os.path.isdir(source):
            print(f"plain_text: {source}: no such folder, skipped", file=sys.stderr)
            continue
        dest = os.path.join(OUT, name)
        shutil.rmtree(dest, ignore_errors=True)
        os.makedirs(dest)
        sets.append((name, source, dest, make(source, dest)))
    for name, source, dest, files in sets:
        size = sum(os.path.getsize(os.path.join(dest, f)) for f in os.listdir(dest))
        lines = 0
        for name_ in os.listdir(dest):
            with open(os.path.join(dest, name_), "rb") as f:
                lines += sum(1 for line in f if line.strip())
        removed = removed_lines(args.bin, dest)
        print(f"\n## {name}: {files} files from {source}, {size / 1e6:.1f} MB, {lines:,} non-blank lines; "
              f"junk steps removed {len(removed):,} lines ({100 * len(removed) / max(1, lines):.3f}%)")
        by_step = collections.Counter(step for _, step, _, _ in removed)
        for step, count in by_step.most_common():
            files_hit = len({f for f, s, _, _ in removed if s == step})
            print(f"\n### {step}: {count:,} lines in {files_hit:,} files")
            common = collections.Counter((text[:80], reason[:70]) for _, s, text, reason in removed if s == step)
            for (text, reason), n in common.most_common(args.top):
                print(f"  {n:5}  {text!r}  ({reason})")


if __name__ == "__main__":
    main()
