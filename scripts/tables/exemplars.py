#!/usr/bin/env python3
"""Generates src/unicode/exemplars_data.rs: which characters the world's
languages write, from the exemplar characters of Unicode CLDR.

    apt-get install unicode-cldr-core     # CLDR 41, in /usr/share/unicode/cldr
    python3 scripts/tables/exemplars.py rare > src/unicode/exemplars_data.rs
    python3 scripts/tables/exemplars.py alphabets > src/unicode/alphabets_data.rs

(a CLDR directory other than /usr/share/unicode/cldr may follow).

Run by hand; the output is committed. CLDR is distributed under the Unicode
licence (Unicode-DFS-2016), which allows shipping data derived from it with
the notice that the generated file repeats.

Every locale of `common/main/*.xml` lists the letters its language writes
(`exemplarCharacters`: the main set, an `index` set of capitals, the
`punctuation` and `numbers` sets) and letters it borrows (`auxiliary`: `é`
in English, `ß` in Polish). The table has two sets of code points, as sorted
inclusive ranges:

- COMMON: in the main, index, punctuation or numbers set of some locale, with
  the upper- and lowercase forms of every such letter (the sets are mostly
  written in one case);
- BORROWED: in some auxiliary set only.

A letter or mark in neither is one no language writes in running text
(`ˢ`, `Ʃ`, an IPA letter, a rare ideograph): the character table
(`classify.rs`) marks it rare, and the `mojibake` step does not believe a
"repair" that produces one. Strings in braces (`{ch}`, `{а́}`) count with
each of their characters.

`alphabets` writes, for each language that whatlang (the language
identifier rinse uses) names, the non-ASCII letters of its main and index
exemplars in both cases: the `mojibake` step checks a repair against the
alphabet of the line's language when two code pages decode a line into
different letters (`på` through ISO-8859-2, `pü` through windows-1250).
"""

import glob
import html
import os
import re
import sys
import unicodedata

MODE = sys.argv[1] if len(sys.argv) > 1 else "rare"
CLDR = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/unicode/cldr"

# The languages whatlang 0.18 identifies, by its ISO 639-3 codes, with the
# CLDR locale of each where the code is not CLDR's own alias of it (`nb`
# holds no exemplars of its own: it inherits those of its parent `no`).
WHATLANG = (
    "afr aka amh ara aze bel ben bul cat ces cmn cym dan deu ell eng epo est fin fra "
    "guj heb hin hrv hun hye ind ita jav jpn kan kat khm kor lat lav lit mal mar mkd "
    "mya nep nld nob ori pan pes pol por ron rus sin slk slv sna spa srp swe tam tel "
    "tgl tha tuk tur ukr urd uzb vie yid zul"
).split()
IRREGULAR = {"cmn": ["zh"], "pes": ["fa"], "nob": ["nb", "no"], "tgl": ["fil"], "aka": ["ak"], "srp": ["sr", "sr_Latn"]}

EXEMPLAR = re.compile(r'<exemplarCharacters(?: type="(\w+)")?[^>]*>(.*?)</exemplarCharacters>')


def parse_set(text):
    """The code points of a CLDR UnicodeSet like `[a-z á {ch} \\u0301]`."""
    text = html.unescape(text).strip()
    assert text.startswith("[") and text.endswith("]"), text
    body = text[1:-1]
    chars = []
    i = 0

    def unescape(at):
        """The character at `at` (after a backslash or not) and the next index."""
        if body[at] == "\\":
            nxt = body[at + 1]
            if nxt == "u":
                return chr(int(body[at + 2 : at + 6], 16)), at + 6
            if nxt == "U":
                return chr(int(body[at + 2 : at + 10], 16)), at + 10
            if nxt == "x":
                m = re.match(r"\{([0-9A-Fa-f]+)\}", body[at + 2 :])
                if m:
                    return chr(int(m.group(1), 16)), at + 2 + m.end()
                return chr(int(body[at + 2 : at + 4], 16)), at + 4
            return nxt, at + 2
        return body[at], at + 1

    while i < len(body):
        c = body[i]
        if c.isspace():
            i += 1
            continue
        if c == "{":
            end = body.index("}", i)
            piece = body[i + 1 : end]
            piece = re.sub(r"\\u([0-9A-Fa-f]{4})", lambda m: chr(int(m.group(1), 16)), piece)
            chars.extend(piece.replace("\\", ""))
            i = end + 1
            continue
        first, i = unescape(i)
        # A range `a-z` (the dash not at the end of the set).
        j = i
        while j < len(body) and body[j] == " ":
            j += 1
        if j < len(body) - 1 and body[j] == "-" and not body[j + 1].isspace():
            last, i = unescape(j + 1)
            chars.extend(chr(cp) for cp in range(ord(first), ord(last) + 1))
            continue
        chars.append(first)
    return chars


def with_cases(chars):
    out = set()
    for c in chars:
        out.add(c)
        for other in (c.upper(), c.lower(), c.title()):
            if len(other) == 1:
                out.add(other)
        # Precomposed and decomposed forms both count.
        for form in ("NFC", "NFD"):
            out.update(unicodedata.normalize(form, c))
    return out


def ranges(points):
    points = sorted(points)
    out = []
    for cp in points:
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


NOTICE = (
    "//\n"
    "// Copyright © 1991-2022 Unicode, Inc. Distributed under the Terms of Use in\n"
    "// https://www.unicode.org/copyright.html (Unicode-DFS-2016): permission is\n"
    "// granted to deal in the Data Files without restriction, provided that this\n"
    "// copyright and permission notice appear with all copies.\n\n"
)


def locale_letters(locale):
    """The non-ASCII letters of a locale's main and index exemplars, or None."""
    path = os.path.join(CLDR, "common", "main", f"{locale}.xml")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        text = f.read()
    letters = set()
    for kind, value in EXEMPLAR.findall(text):
        if kind in ("", "index"):
            letters.update(
                c for c in with_cases(parse_set(value)) if ord(c) > 0x7F and (c.isalpha() or unicodedata.combining(c))
            )
    return letters


def alphabets():
    meta = open(os.path.join(CLDR, "common", "supplemental", "supplementalMetadata.xml"), encoding="utf-8").read()
    alias = dict(re.findall(r'<languageAlias type="([a-z]{3})" replacement="([a-z]{2,3})" reason="overlong"', meta))
    out = sys.stdout
    out.write(
        "// @generated by scripts/tables/exemplars.py alphabets from the exemplar characters\n"
        "// of Unicode CLDR; do not edit.\n" + NOTICE
    )
    rows = []
    for code in WHATLANG:
        locales = IRREGULAR.get(code) or [alias.get(code) or code]
        found = [locale_letters(locale) for locale in locales]
        letters = set().union(*[f for f in found if f is not None]) if any(f is not None for f in found) else None
        if letters is None:
            # Latin, for one, has no CLDR locale: it is left out.
            continue
        rows.append((code, ranges(ord(c) for c in letters)))
    out.write(
        "/// The non-ASCII letters each language writes (the main and index exemplars\n"
        "/// of its CLDR locale, in both cases) as sorted inclusive ranges, by the\n"
        "/// ISO 639-3 code whatlang gives it; sorted by code.\n"
        "#[rustfmt::skip]\n"
        f"pub(super) static ALPHABETS: [(&str, &[(u32, u32)]); {len(rows)}] = [\n"
    )
    for code, rs in rows:
        out.write(f'    ("{code}", &[\n')
        for k in range(0, len(rs), 6):
            cells = ", ".join(f"(0x{a:X}, 0x{b:X})" for a, b in rs[k : k + 6])
            out.write(f"        {cells},\n")
        out.write("    ]),\n")
    out.write("];\n")


def main():
    if MODE == "alphabets":
        return alphabets()
    assert MODE == "rare", f"unknown mode {MODE!r}: rare or alphabets"
    common, borrowed = set(), set()
    files = sorted(glob.glob(os.path.join(CLDR, "common", "main", "*.xml")))
    assert files, f"no CLDR locales under {CLDR}"
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for kind, value in EXEMPLAR.findall(text):
            chars = with_cases(parse_set(value))
            (borrowed if kind == "auxiliary" else common).update(chars)
    common = {ord(c) for c in common if ord(c) > 0x7F}
    borrowed = {ord(c) for c in borrowed if ord(c) > 0x7F} - common
    version = "?"
    readme = os.path.join(CLDR, "common", "dtd", "ldml.dtd")
    if os.path.exists(readme):
        m = re.search(r'cldrVersion CDATA #FIXED "([\d.]+)"', open(readme, encoding="utf-8").read())
        if m:
            version = m.group(1)
    out = sys.stdout
    out.write(
        "// @generated by scripts/tables/exemplars.py rare from the exemplar characters of\n"
        f"// Unicode CLDR {version} ({len(files)} locales); do not edit.\n" + NOTICE
    )
    for name, doc, points in (
        ("COMMON", "Non-ASCII characters in the main, index, punctuation or numbers exemplars of some CLDR locale, in both cases.", common),
        ("BORROWED", "Non-ASCII characters only in the auxiliary exemplars of some CLDR locale.", borrowed),
    ):
        rs = ranges(points)
        out.write(f"/// {doc}\n#[rustfmt::skip]\npub(super) static {name}: [(u32, u32); {len(rs)}] = [\n")
        for k in range(0, len(rs), 6):
            cells = ", ".join(f"(0x{a:X}, 0x{b:X})" for a, b in rs[k : k + 6])
            out.write(f"    {cells},\n")
        out.write("];\n\n")


if __name__ == "__main__":
    main()
