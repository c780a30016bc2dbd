#!/usr/bin/env python3
"""Generates src/load/language_data.rs: letter statistics per language, with
which the loader tells which of several code pages turns a document's bytes
into plausible text (src/load/model.rs), and mojibake repair which of two
readings of a damaged line its language spells (SPELLING_ONLY adds Greek,
Arabic, Persian, Urdu, Hebrew, Armenian, Hindi and Thai for that alone).

    pip download --no-deps langdetect==1.0.9 && tar xzf langdetect-1.0.9.tar.gz
    apt-get install unicode-cldr-core     # CLDR 41, in /usr/share/unicode/cldr
    mkdir lingua
    url=https://static.crates.io/crates/lingua-armenian-language-model
    curl -sL $url/lingua-armenian-language-model-1.2.0.crate | tar xz -C lingua
    pip install brotli                    # lingua's models are compressed
    python3 scripts/tables/languages.py langdetect-1.0.9/langdetect/profiles \\
        /usr/share/unicode/cldr lingua > src/load/language_data.rs

Run by hand; the output is committed. Three sources, all licensed for
shipping derived data:

- the language profiles of langdetect 1.0.9 (Nakatani Shuyo's
  language-detection, ported by Michal Danilak; Apache License 2.0): counts of
  the letters and letter pairs of each language, taken from Wikipedia
  articles (a space marks the edge of a word);
- the exemplar characters of Unicode CLDR (Unicode-DFS-2016): the alphabet of
  each language (its main exemplar set), so that a letter the language does
  not write, however often langdetect met it in foreign names, counts as
  foreign;
- for Armenian, which langdetect lacks, Lingua's Armenian language model
  (Peter M. Stahl's lingua-rs, crate lingua-armenian-language-model 1.2.0;
  Apache License 2.0): counts of the letters and letter pairs inside words
  of its training text. It has no word edges: the pairs with an edge are
  left out (the loader then scores them by the letter's frequency alone)
  and the edge is counted as one word in WORD_LETTERS letters.

For each language the table has its letters (lowercase, most frequent
first; the ASCII letters always, for a language written in Latin script),
the count of each as a quantized base-2 logarithm, and the counts of the
letter pairs (and of letters at the start and end of a word) the profile
has, and of its letter triples inside a word or at its edges (langdetect
keeps the more frequent ones; none for Lingua's model and for a language
that borrows another's profile). Kazakh and Icelandic, which langdetect does not cover, are written
like Russian and Norwegian with the letters of their own alphabet: their
pair counts are those of the base language among the letters both share,
and each letter only they have gets a flat share (FLAT) of the letters; the
output says so beside them.

Letters are folded to lowercase, and, as langdetect does, s and t with comma
below to their cedilla forms (src/load/model.rs folds them the same way).
"""

import json
import math
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(__file__))
from exemplars import parse_set  # noqa: E402

PROFILES = sys.argv[1] if len(sys.argv) > 1 else "langdetect/profiles"
CLDR = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/unicode/cldr"
LINGUA = sys.argv[3] if len(sys.argv) > 3 else "lingua"

# (code, script, langdetect profile, CLDR locale): the languages whose
# text arrives in the code pages the loader chooses between. A profile
# other than the language's own marks a language langdetect lacks.
LANGUAGES = [
    ("af", "Latin", "af", "af"),
    ("ca", "Latin", "ca", "ca"),
    ("cs", "Latin", "cs", "cs"),
    ("cy", "Latin", "cy", "cy"),
    ("da", "Latin", "da", "da"),
    ("de", "Latin", "de", "de"),
    ("en", "Latin", "en", "en"),
    ("es", "Latin", "es", "es"),
    ("et", "Latin", "et", "et"),
    ("fi", "Latin", "fi", "fi"),
    ("fr", "Latin", "fr", "fr"),
    ("hr", "Latin", "hr", "hr"),
    ("hu", "Latin", "hu", "hu"),
    ("id", "Latin", "id", "id"),
    ("is", "Latin", "no", "is"),
    ("it", "Latin", "it", "it"),
    ("lt", "Latin", "lt", "lt"),
    ("lv", "Latin", "lv", "lv"),
    ("nl", "Latin", "nl", "nl"),
    ("no", "Latin", "no", "no"),
    ("pl", "Latin", "pl", "pl"),
    ("pt", "Latin", "pt", "pt"),
    ("ro", "Latin", "ro", "ro"),
    ("sk", "Latin", "sk", "sk"),
    ("sl", "Latin", "sl", "sl"),
    ("sq", "Latin", "sq", "sq"),
    ("sv", "Latin", "sv", "sv"),
    ("tr", "Latin", "tr", "tr"),
    ("bg", "Cyrillic", "bg", "bg"),
    ("kk", "Cyrillic", "ru", "kk"),
    ("mk", "Cyrillic", "mk", "mk"),
    ("ru", "Cyrillic", "ru", "ru"),
    ("uk", "Cyrillic", "uk", "uk"),
]

# Languages whose statistics only judge spelling (which of two readings of
# a damaged line its language writes, src/clean/repair/mojibake): the
# loader never chooses between code pages for them by letters. Written in
# one script each, with at most MAX_LETTERS letters and no tone letters that
# langdetect folds together (as it does Vietnamese), so that their pairs
# mean what they say.
SPELLING_ONLY = [
    ("el", "Greek", "el", "el"),
    ("ar", "Arabic", "ar", "ar"),
    ("fa", "Arabic", "fa", "fa"),
    ("ur", "Arabic", "ur", "ur"),
    ("he", "Hebrew", "he", "he"),
    ("hy", "Armenian", "lingua:armenian", "hy"),
    ("hi", "Devanagari", "hi", "hi"),
    ("th", "Thai", "th", "th"),
]

# Scripts whose vowel signs and other combining marks are spelled as
# letters (`या` is `य` and the sign `ा`; `यञ`, its sibling reading, is two
# letters): their marks in CLDR's exemplars count as letters.
MARK_SCRIPTS = {"Devanagari", "Thai"}

# Letters per word, for the word edge of a language whose statistics have
# none (Lingua's): Armenian words run about this long.
WORD_LETTERS = 6

# What langdetect folded in a profile that a language writes apart: it reads
# the Farsi yeh (U+06CC) as the Arabic one (U+064A), the letter Persian and
# Urdu write.
PROFILE_FOLD = {
    "fa": {"\u064a": "\u06cc"},
    "ur": {"\u064a": "\u06cc"},
}

# The share of a language's letters given to each letter of its alphabet
# that its base profile lacks (languages langdetect does not cover).
FLAT = 0.01
# Letters beyond this many are left out (the rarest first); indices fit in
# seven bits with the word edge (Thai, its marks counted, has about 70).
MAX_LETTERS = 126
# Counts are stored as round(QUANT * log2(count)).
QUANT = 8

FOLD = {"ș": "ş", "ț": "ţ"}
EXEMPLAR = re.compile(r"<exemplarCharacters>(.*?)</exemplarCharacters>")
AUXILIARY = re.compile(r'<exemplarCharacters type="auxiliary">(.*?)</exemplarCharacters>')
# A letter of CLDR's auxiliary set counts as the language's when its profile
# has it at least this share of the letters (Urdu's `ں`, `ئ`, `آ`, which
# CLDR 41 lists as auxiliary). Only for SPELLING_ONLY: the detector's
# languages keep their main sets, as they were tuned with.
AUXILIARY_SHARE = 0.001
# Letters a spelling-only language writes that its sources count below
# AUXILIARY_SHARE: Armenian `և` (the ligature of `ե` and `ւ`, the word
# "and"), auxiliary in CLDR 41, 0.09% of the letters in Lingua's model.
EXTRA_LETTERS = {"hy": "և"}


def fold(c):
    c = c.lower()
    return FOLD.get(c, c)


def is_letter(c, marks):
    """Whether `c` is a letter, combining marks counting when `marks` is set
    (MARK_SCRIPTS)."""
    return c.isalpha() or (marks and unicodedata.category(c) in ("Mn", "Mc"))


def alphabet(locale, pattern=EXEMPLAR, marks=False):
    with open(os.path.join(CLDR, "common", "main", locale + ".xml"), encoding="utf-8") as f:
        text = f.read()
    found = pattern.search(text)
    if found is None:
        return set()
    return {fold(c) for c in parse_set(found.group(1)) if is_letter(c, marks) and len(fold(c)) == 1}


def gram_counts(freq, index, n, keep):
    """The counts of the grams of `n` characters in `freq` whose characters
    (folded) are all in `index` and that `keep` keeps, by their indices."""
    counts = {}
    for gram, count in freq.items():
        if len(gram) != n:
            continue
        folded = tuple(fold(c) for c in gram)
        if all(c in index for c in folded) and keep(folded):
            key = tuple(index[c] for c in folded)
            counts[key] = counts.get(key, 0) + count
    return counts


def quant(count):
    return max(1, min(255, round(QUANT * math.log2(max(count, 1)))))


def lingua_freq(name):
    """The letter and letter pair counts of Lingua's model of language
    `name`, as a langdetect profile's `freq` (without word edges)."""
    import brotli

    folder = os.path.join(LINGUA, f"lingua-{name}-language-model-1.2.0", "models")
    freq = {}
    for grams in ("unigrams", "bigrams"):
        with open(os.path.join(folder, grams + ".json.br"), "rb") as f:
            data = json.loads(brotli.decompress(f.read()))
        # {"count/count of the first letter(s)": "gram gram ..."}
        for fraction, found in data["ngrams"].items():
            count = int(fraction.split("/")[0])
            for gram in found.split(" "):
                freq[gram] = freq.get(gram, 0) + count
    return freq


def model(code, script, profile, locale):
    lingua = profile.startswith("lingua:")
    if lingua:
        data = {"freq": lingua_freq(profile.removeprefix("lingua:"))}
    else:
        with open(os.path.join(PROFILES, profile), encoding="utf-8") as f:
            data = json.load(f)
    unfold = PROFILE_FOLD.get(profile, {})
    freq = {}
    for gram, count in data["freq"].items():
        gram = "".join(unfold.get(c, c) for c in gram)
        freq[gram] = freq.get(gram, 0) + count
    marks = script in MARK_SCRIPTS
    letters = alphabet(locale, marks=marks)
    if script == "Latin":
        letters |= set("abcdefghijklmnopqrstuvwxyz")
    if code in (language[0] for language in SPELLING_ONLY):
        singles = {}
        for gram, count in freq.items():
            if len(gram) == 1 and is_letter(gram, marks):
                singles[fold(gram)] = singles.get(fold(gram), 0) + count
        all_letters = sum(singles.values())
        letters |= {
            c
            for c in alphabet(locale, AUXILIARY, marks)
            if singles.get(c, 0) >= AUXILIARY_SHARE * all_letters
        }
        letters |= set(EXTRA_LETTERS.get(code, ""))
    uni = {}
    for gram, count in freq.items():
        if len(gram) == 1:
            c = fold(gram)
            if c in letters:
                uni[c] = uni.get(c, 0) + count
    total = sum(uni.values())
    borrowed = profile != code and not lingua
    base = alphabet(dict((l[0], l[3]) for l in LANGUAGES + SPELLING_ONLY)[profile]) if borrowed else letters
    for c in letters:
        if c not in base:
            uni[c] = max(uni.get(c, 0), round(total * FLAT))
        elif c not in uni:
            uni[c] = 1
    order = sorted(uni, key=lambda c: (-uni[c], c))[:MAX_LETTERS]
    index = {c: i + 1 for i, c in enumerate(order)}
    index[" "] = 0
    pairs = gram_counts(freq, index, 2, lambda g: g != (" ", " "))
    # A word's letters with its edges (langdetect's grams never run across
    # a space). A language that borrows another's profile (Kazakh,
    # Icelandic) has no triples: the other language's would weigh against
    # its own letters. Lingua's models have triples (without word edges),
    # not used.
    own = not borrowed and not lingua
    triples = gram_counts(freq, index, 3, lambda g: g[1] != " ") if own else {}
    # The word edge: as many as words, the starts of words counted.
    edge = sum(count for (a, _), count in pairs.items() if a == 0)
    if lingua:
        edge = round(total / WORD_LETTERS)
    return {
        "code": code,
        "script": script,
        "profile": profile,
        "letters": order,
        "counts": [quant(edge)] + [quant(uni[c]) for c in order],
        "pairs": sorted((a, b, quant(count)) for (a, b), count in pairs.items()),
        "triples": sorted((a, b, c, quant(count)) for (a, b, c), count in triples.items()),
    }


def rust_str(chars):
    return "".join(c if c.isprintable() else f"\\u{{{ord(c):x}}}" for c in chars)


def main():
    out = sys.stdout
    out.write(
        "// @generated by scripts/tables/languages.py from the language profiles of\n"
        "// langdetect 1.0.9, the Armenian model of Lingua 1.2.0 and the exemplar\n"
        "// characters of Unicode CLDR; do not edit.\n"
        "//\n"
        "// langdetect: Copyright 2014-2015 Michal \"Mimino\" Danilak, after\n"
        "// language-detection by Nakatani Shuyo (Cybozu Labs); Apache License 2.0\n"
        "// (https://www.apache.org/licenses/LICENSE-2.0).\n"
        "// Lingua (crate lingua-armenian-language-model 1.2.0,\n"
        "// https://github.com/pemistahl/lingua-rs): Copyright © 2020-present\n"
        "// Peter M. Stahl; Apache License 2.0.\n"
        "// CLDR: Copyright © 1991-2022 Unicode, Inc. Distributed under the Terms of Use\n"
        "// in https://www.unicode.org/copyright.html (Unicode-DFS-2016): permission is\n"
        "// granted to deal in the Data Files without restriction, provided that this\n"
        "// copyright and permission notice appear with all copies.\n\n"
        "use super::model::LanguageData;\n\n"
        f"/// Counts are round({QUANT} × log2(count)); a pair is\n"
        "/// `first << 15 | second << 8 | count`, letters by their index in\n"
        "/// `letters` plus one (0: the edge of a word); a triple is\n"
        "/// `first << 22 | second << 15 | third << 8 | count`.\n"
        "#[rustfmt::skip]\n"
    )
    write_table(out, "LANGUAGES", [model(*language) for language in LANGUAGES])
    out.write(
        "\n/// Languages whose statistics only judge spelling (never a document's\n"
        "/// code page): Greek, Arabic, Persian, Urdu, Hebrew, Armenian, Hindi and\n"
        "/// Thai.\n"
        "#[rustfmt::skip]\n"
    )
    write_table(out, "SPELLING_ONLY", [model(*language) for language in SPELLING_ONLY])


def write_table(out, name, models):
    out.write(f"pub(super) static {name}: [LanguageData; {len(models)}] = [\n")
    for m in models:
        if m["profile"].startswith("lingua:"):
            note = f" // pairs of Lingua's {m['profile'].removeprefix('lingua:')} model, letters of CLDR {m['code']}"
        else:
            note = "" if m["profile"] == m["code"] else f" // pairs of {m['profile']}, letters of CLDR {m['code']}"
        out.write(f'    LanguageData {{{note}\n        code: "{m["code"]}",\n')
        out.write(f'        script: "{m["script"]}",\n')
        out.write(f'        letters: "{rust_str(m["letters"])}",\n')
        out.write("        counts: &[" + ", ".join(map(str, m["counts"])) + "],\n")
        out.write("        pairs: &[\n")
        packed = [a << 15 | b << 8 | q for a, b, q in m["pairs"]]
        for row in range(0, len(packed), 10):
            out.write("            " + ", ".join(f"{p:#08x}" for p in packed[row : row + 10]) + ",\n")
        out.write("        ],\n")
        out.write("        triples: &[\n")
        packed = [a << 22 | b << 15 | c << 8 | q for a, b, c, q in m["triples"]]
        for row in range(0, len(packed), 8):
            out.write("            " + ", ".join(f"{p:#010x}" for p in packed[row : row + 8]) + ",\n")
        out.write("        ],\n    },\n")
    out.write("];\n")


if __name__ == "__main__":
    main()
