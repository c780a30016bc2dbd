#!/usr/bin/env python3
"""Junk lines on real web pages nobody on the project wrote or labelled: the HTML documentation installed on this
machine (Node.js API pages, DocBook manuals such as valgrind's, texinfo manuals such as libffi's, gtk-doc
references), scraped naively to text and labelled by the page's own markup.

A documentation page says in its markup which part is navigation: an element with role="navigation", "banner"
or "contentinfo", a <nav>, <header> or <footer>, a class naming a navigation bar (`nav`, `navheader`,
`navfooter`, `nav-panel`, `navigation`, texinfo's `header`, publican's `docnav`, a sidebar, but DocBook's `class="sidebar"`, an aside of the text) or a skip link (`skip-to-content`), a
table whose summary says "Navigation". Every line
scraped from inside one is labelled junk, every other line good. The pages are scraped the way the development
set's were (one block element a line, a blank line between lines; navigation, menus and tables of contents all
kept), written under target/html-docs/ (never the repository), cleaned with `rinse clean --explain`, and the
removed lines compared with the labels: per site, the junk lines removed (recall), the good lines removed, and
the pages losing one, with the good lines removed listed (--show-lost).

Pages without any navigation markup are left out (old layouts put their menus in
plain tables, which would be labelled good). The labels are the markup's, not a reader's: a page's own table of contents or a "see also" list outside its
navigation elements is labelled good, a heading inside a navigation bar junk. Stop 59 wrote this script and then
read its lost lines: the junk stage's code guard (`code_line`), the operators a copy must share and the skip-link
label came from them. From then on it is a development set like junk-readability, not an independent check.

Stop 67 ran it over Debian's manuals in many languages (debian-handbook in 26 languages, debian-reference,
developers-reference, maint-guide, debian-faq: `apt-get download` and `dpkg -x` into a folder outside the
repository, then `--root` that folder and `--site-depth 5`). A good line removed while its twin right next to it
stays (a page's <title> and its heading) loses nothing of the text: it is counted apart, not as lost.

Usage (from the repository root, after `cargo build --release`):
    python3 scripts/junk/html_docs.py [--root /usr/share/doc] [--bin target/release/rinse] [--show-lost N]
                                      [--site-depth N]
"""
import argparse
import collections
import html.parser
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "target", "html-docs")

BLOCK = {
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr",
    "td", "th", "blockquote", "section", "article", "header", "footer", "nav", "aside", "main", "details",
    "summary", "figure", "figcaption", "hr", "br", "title", "body", "caption", "form", "address",
}
SKIP = {"script", "style", "head", "noscript", "template", "svg", "button", "select", "option"}
NAV_ROLES = {"navigation", "banner", "contentinfo"}
NAV_TAGS = {"nav", "header", "footer"}
NAV_CLASS = re.compile(
    r"(^|[\s_-])(nav|navheader|navfooter|nav-panel|navigation|header|navbar|sidebar|skip-to-content|skip-link|docnav)($|[\s_-])"
)
NAV_IDS = {"gtoc", "column2", "toc-picker", "options-picker", "alt-docs", "gtoc-picker"}
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


class Scraper(html.parser.HTMLParser):
    """One line per block element, each labelled by whether it was scraped inside navigation markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, is_nav)
        self.skip = 0
        self.pre = 0
        self.text = []
        self.nav_chars = 0
        self.good_chars = 0
        self.lines = []  # (text, label)

    def in_nav(self):
        return any(nav for _, nav in self.stack)

    def flush(self):
        text = "".join(self.text)
        if self.pre:
            parts = text.split("\n")
        else:
            parts = [" ".join(text.split())]
        label = "junk" if self.nav_chars > self.good_chars else "good"
        for part in parts:
            part = part.rstrip() if self.pre else part
            if part.strip():
                self.lines.append((part, label))
        self.text = []
        self.nav_chars = self.good_chars = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            if tag not in VOID:
                self.skip += 1
            return
        if self.skip:
            return
        if tag in BLOCK:
            self.flush()
        if tag == "pre":
            self.pre += 1
        if tag in VOID:
            return
        attrs = dict(attrs)
        nav = (
            tag in NAV_TAGS
            or (attrs.get("role") or "") in NAV_ROLES
            # DocBook's `sidebar` is an aside of the text (`TOOL Developer's
            # database`), a site's `sidebar` its menu.
            or bool(NAV_CLASS.search(attrs.get("class") or "")) and attrs.get("class") != "sidebar"
            or (attrs.get("id") or "") in NAV_IDS
            or bool(NAV_CLASS.search(attrs.get("id") or ""))
            or (tag == "table" and "navigation" in (attrs.get("summary") or "").lower())
        )
        self.stack.append((tag, nav))

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip or tag in VOID:
            return
        if tag in BLOCK:
            self.flush()
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        # Close up to the matching element (HTML in the wild leaves some open).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.skip:
            return
        self.text.append(data)
        count = len(data.strip())
        if self.in_nav():
            self.nav_chars += count
        else:
            self.good_chars += count


def scrape(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        source = f.read()
    scraper = Scraper()
    scraper.feed(source)
    scraper.close()
    scraper.flush()
    return scraper.lines


def site_of(path, root, depth=1):
    rel = os.path.relpath(path, root)
    parts = rel.split(os.sep)[:-1] or ["."]
    return "/".join(parts[:depth])


def twin_kept(lines, removed, i):
    """Whether the line next to line `i` (index into `lines`) is the same text and stays."""
    text = " ".join(lines[i][0].split())
    for j in (i - 1, i + 1):
        if 0 <= j < len(lines) and 2 * j + 1 not in removed and " ".join(lines[j][0].split()) == text:
            return True
    return False


def removed_lines(binary, path):
    """The 1-based line numbers `rinse clean --explain` says a junk step removed."""
    run = subprocess.run([binary, "clean", "--explain", path], capture_output=True, text=True)
    removed = {}
    prefix = path + ":"
    for line in run.stderr.split("\n"):
        if not line.startswith(prefix):
            continue
        rest = line[len(prefix):]
        number, _, what = rest.partition(":")
        if not number.isdigit():
            continue
        step = what.strip().split(" ", 1)[0]
        if step in ("boilerplate", "duplicate-lines", "edge-residue", "junk-score", "foreign-lines", "metadata-prefix"):
            removed[int(number)] = (step, what.strip())
    return removed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default="/usr/share/doc")
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "rinse"))
    parser.add_argument("--show-lost", type=int, default=40, help="list up to N good lines removed")
    parser.add_argument("--min-lines", type=int, default=5, help="skip pages with fewer good lines")
    parser.add_argument("--min-junk", type=int, default=1,
                        help="skip pages with fewer navigation lines (no navigation markup: no labels)")
    parser.add_argument("--site-depth", type=int, default=1,
                        help="folders under --root that name a site in the table (a manual and its language: 5)")
    parser.add_argument("--pages", help="also write the pages' labels here (JSON lines), to compare builds")
    args = parser.parse_args()
    if not os.path.exists(args.bin):
        sys.exit(f"html_docs: {args.bin} not found: cargo build --release first")
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    pages = []
    for folder, _, files in sorted(os.walk(args.root)):
        for name in sorted(files):
            if not name.endswith((".html", ".htm")):
                continue
            path = os.path.join(folder, name)
            if os.path.islink(path):
                continue
            lines = scrape(path)
            labels = collections.Counter(label for _, label in lines)
            # A page without navigation markup says nothing of what is
            # residue (old layouts put their menus in plain tables): left out.
            if labels["good"] < args.min_lines or labels["junk"] < args.min_junk:
                continue
            out = os.path.join(OUT, f"{len(pages):04d}-{name}.txt")
            with open(out, "w", encoding="utf-8") as f:
                f.write("\n\n".join(text for text, _ in lines) + "\n")
            pages.append((site_of(path, args.root, args.site_depth), path, out, lines))
    if not pages:
        sys.exit(f"html_docs: no HTML pages under {args.root}")
    totals = collections.defaultdict(lambda: [0, 0, 0, 0, 0, 0, 0])
    # pages, good, junk, junk removed, good lost, pages losing, good copies removed beside their kept twin
    lost = []
    by_step = collections.Counter()
    for site, source, out, lines in pages:
        removed = removed_lines(args.bin, out)
        row = totals[site]
        row[0] += 1
        page_lost = 0
        for i, (text, label) in enumerate(lines):
            number = 2 * i + 1  # a blank line between lines
            hit = removed.get(number)
            if label == "good":
                row[1] += 1
                if hit and twin_kept(lines, removed, i):
                    # The page's <title> and its heading, one right after
                    # the other: one copy is left, nothing of the text lost.
                    row[6] += 1
                elif hit:
                    row[4] += 1
                    page_lost += 1
                    lost.append((source, number, text, hit))
            else:
                row[2] += 1
                if hit:
                    row[3] += 1
                    by_step[hit[0]] += 1
        row[5] += page_lost > 0
    print(f"## rinse on {len(pages)} HTML pages under {args.root} (labels: the pages' navigation markup)\n")
    print("| site | pages | good lines | junk lines | junk removed (R) | good lost | pages losing good | copies beside their twin |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|")
    whole = [0] * 7
    for site in sorted(totals):
        row = totals[site]
        whole = [a + b for a, b in zip(whole, row)]
        print(f"| {site} | {row[0]} | {row[1]} | {row[2]} | {row[3]} ({row[3] / max(row[2], 1):.3f}) "
              f"| {row[4]} ({100 * row[4] / max(row[1], 1):.2f}%) | {row[5]} | {row[6]} |")
    print(f"| **all** | {whole[0]} | {whole[1]} | {whole[2]} | {whole[3]} ({whole[3] / max(whole[2], 1):.3f}) "
          f"| {whole[4]} ({100 * whole[4] / max(whole[1], 1):.2f}%) | {whole[5]} | {whole[6]} |")
    print("\njunk removed by step: " + ", ".join(f"{step} {n}" for step, n in by_step.most_common()))
    if args.show_lost and lost:
        print(f"\n### good lines removed (first {min(args.show_lost, len(lost))} of {len(lost)})\n")
        for source, number, text, (step, why) in lost[: args.show_lost]:
            print(f"- {os.path.relpath(source, args.root)} (line {number}): {text[:90]!r} — {why[:110]}")


if __name__ == "__main__":
    main()
