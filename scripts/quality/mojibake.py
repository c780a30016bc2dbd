#!/usr/bin/env python3
"""Cases for the mojibake quality harness, made with Python's own codecs.

The harness (`cargo run --release --example quality -- mojibake ...`) runs
this script; it can also be run by hand. Two subcommands:

    mojibake.py cases --text DIR --out FILE.jsonl [--langs en,ru] [--limit N] [--seed S]
    mojibake.py ftfy  --cases FILE.jsonl --out FILE.jsonl

`cases` reads real sentences (one per line, `<lang>.txt` in DIR), damages
them with Python's codecs -- never with rinse's own `damage` module -- and
writes one JSON object per case:

    {"id": "ru:17:full:line:windows-1251", "lang": "ru", "line": 17,
     "kind": "full", "variant": "line", "pages": "windows-1251",
     "input": "...", "expected": "...",
     "expected_unescaped": "...",   # only where an HTML entity was inserted
     "lost": [3, 9],                # only for lossy cases: indices (in
                                    # characters) of `expected` whose bytes
                                    # were destroyed
     "lossy_remnant": "..."}        # only for lossy cases: `expected` with
                                    # each lost character as what is left of
                                    # it in the input (`Ñ?` for `я`)

and, beside FILE.jsonl, FILE.stats.json with how many cases could not be
made (a byte the code page does not define) or were no-ops (the damage did
not change the text, e.g. an ASCII-only line).

Kinds of case (the harness's tables use these names):

full      the whole line: UTF-8 bytes decoded in one code page.
partial   one part of an otherwise clean line: `word` (one whitespace-
          separated token with a non-ASCII character), `phrase` (3-5
          tokens), `entity` (a damaged word glued to an HTML character
          reference, e.g. `&quot;W&quot;`), `quote` (a damaged word inside
          intact curly quotes or before an intact apostrophe). In scripts
          written without spaces (a line with fewer than 4 tokens) a word is
          a span of 1-3 characters and a phrase a span of 5-10.
double    twice through one code page (`windows-1252`), or through two
          (`windows-1252>windows-1251`: first 1252, then 1251).
mixed     `1252|latin1`: the first part of the line (up to a space near the
          middle) via windows-1252, the rest via ISO-8859-1; `cesu8`: an
          emoji inserted into the line, the line encoded as CESU-8
          (each UTF-16 surrogate as its own 3-byte sequence) and read as
          windows-1252.
lossy     windows-1252 mojibake that lost bytes: the five bytes windows-1252
          does not define (0x81 0x8D 0x8F 0x90 0x9D) became `?` (`undef-?`),
          U+FFFD (`undef-fffd`) or nothing (`undef-drop`), or every 0xA0
          became a plain space (`a0-space`), or every soft hyphen (0xAD,
          U+00AD) was stripped as invisible (`shy-drop`: `mayorÃa` for
          `mayoría`, seen in Debian's Spanish manual pages). `lost` lists the
          characters whose bytes were destroyed.
clean     leave-alone: `as-is`, `upper` (str.upper(), then NFC), and lines
          with one or two inserted `printf` formats, `url`s, `emoji` or
          `math` (each between spaces or glued to the word before or after
          it), and `letters`: one or two letters of another script or
          accented capitals quoted (`«Г»`, `„Ж“`, `«\u00a0Ω\u00a0»`) or
          named before a sign (`Δ\u00a0= 5`), between spaces.

Code pages: windows-1252 is decoded the way browsers and ftfy's "sloppy"
codec do, its five undefined bytes kept as the C1 controls U+0081 etc.;
every other page uses Python's codec strictly, and a case whose bytes the
page does not define is not made (counted as `impossible`).

Everything is deterministic: each case has its own random.Random seeded
with a string (`--seed` and the case's identity), and the lines of a
language are a seeded sample.

`ftfy` runs ftfy on every case's input in two configurations and writes
`{"id": ..., "ftfy:encoding": out, "ftfy:fix_text": out}` per case (plus
`"ftfy:fix_text:base"`, the output with `fix_encoding=False`, where the
fix_text output is neither the expected text nor the input), and a last
line `{"timing": {...}}`:

ftfy:encoding  ftfy.fix_encoding(text): ftfy's encoding repair alone.
ftfy:fix_text  ftfy.fix_text(text, uncurl_quotes=False): every default
               fixer but the one that turns curly quotes into straight
               ones, which rinse's `--preset fix` does not do either.
"""

import argparse
import html
import json
import os
import random
import sys
import time
import unicodedata

# (name in reports, Python codec). windows-1252 goes through `sloppy_1252`.
PAGES = [
    ("windows-1252", None),
    ("iso-8859-1", "latin-1"),
    ("windows-1250", "cp1250"),
    ("windows-1251", "cp1251"),
    ("windows-1253", "cp1253"),
    ("windows-1254", "cp1254"),
    ("windows-1256", "cp1256"),
    ("windows-1257", "cp1257"),
    ("iso-8859-2", "iso8859_2"),
    ("macintosh", "mac_roman"),
    ("cp437", "cp437"),
    ("cp850", "cp850"),
    ("koi8-r", "koi8_r"),
    ("koi8-u", "koi8_u"),
    ("iso-8859-15", "iso8859_15"),
]
CODEC = dict(PAGES)

# Double damage through two different pages: (first, second).
CROSS = [
    ("windows-1252", "windows-1251"),
    ("windows-1251", "windows-1252"),
    ("windows-1250", "windows-1252"),
    ("windows-1253", "windows-1252"),
    ("windows-1256", "windows-1252"),
    ("windows-1252", "macintosh"),
]

UNDEFINED_1252 = frozenset(b"\x81\x8d\x8f\x90\x9d")

# Leave-alone tokens, written for this harness.
PRINTF = ["%s", "%d", "%1$s", "%.2f", "%i", "%5d", "%-10s", "%%", "%lu", "%x"]
URLS = [
    "https://example.com/path/page.html",
    "http://www.example.org/?id=42&lang=en",
    "https://example.net/wiki/%D0%9C%D0%B8%D1%80",
    "www.example.com",
    "user.name@example.org",
    "https://example.com/caf%C3%A9?q=a+b#top",
    "https://example.com/café/ünïcode",
    "ftp://files.example.com/pub/README.txt",
]
EMOJI = [
    "😀", "👍🏽", "❤️", "👨‍👩‍👧", "🇫🇷", "✔️", "🙂🙂", "🎉", "☕", "#️⃣",
    "😂😂😂", "🤔", "👩🏻‍💻", "🚀", "⚠️",
]
MATH = [
    "x² + y² = z²", "≤ 5", "± 0,5", "½", "3 × 4 ÷ 2", "√2 ≈ 1,414", "∑ aᵢ",
    "∞", "α ≠ β", "20 °C", "5 µm", "∫ f(x) dx", "A ⊂ B ∪ C", "a → b", "€100",
    "2‰", "n ≥ 1", "¼ + ¾", "∆t", "π ≈ 3,14",
]
# Letters a line may quote or name: a letter of another script, or an
# accented capital, in quotation marks, set off by no-break spaces as French
# typography does, or as a variable or unit before a sign. Each of these
# letters is a lead byte of some code page, and with the quotation mark or
# no-break space after it reads as mojibake of another letter (`«Г»` as
# `«û` through windows-1251).
QUOTED_LETTERS = (
    "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЫЭЮЯабвгдежзиклмнопрстуфхцчшщыэюя"
    "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψω"
    "ÀÂÃÄÅÇÈÉÊËÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞĂŞŢŁŃŚŹŻČĎĚŇŘŠŤŮŽĞİ"
)
QUOTED_TEMPLATES = [
    "«{}»", "«\u00a0{}\u00a0»", "„{}“", "»{}«", "“{}”", "‹{}›",
    "{}\u00a0= 5", "5\u00a0{}\u00a0;",
]
ENTITY_TEMPLATES = [
    "&quot;{}&quot;", "{}&amp;", "&laquo;{}&raquo;", "{}&#8217;",
    "&#x201C;{}&#x201D;", "&nbsp;{}", "({}&hellip;)",
]
QUOTE_TEMPLATES = ["“{}”", "‘{}’", "{}’s", "„{}“", "«{}»", "{}”", "“{}"]
CESU_EMOJI = ["😀", "👍", "🎉", "🚀", "🤔", "💡", "📱", "🙂"]


def sloppy_1252(data):
    """windows-1252 as browsers decode it: undefined bytes become C1 controls."""
    out = []
    for i, byte in enumerate(data):
        if byte in UNDEFINED_1252:
            out.append(chr(byte))
        else:
            out.append(data[i : i + 1].decode("cp1252"))
    return "".join(out)


def decode_page(data, page):
    """`data` decoded in `page`; None when the page does not define a byte."""
    if page == "windows-1252":
        if UNDEFINED_1252.isdisjoint(data):
            return data.decode("cp1252")
        return sloppy_1252(data)
    try:
        return data.decode(CODEC[page])
    except UnicodeDecodeError:
        return None


def damage(text, pages):
    """UTF-8 of `text` decoded in each page of `pages` in turn, or None."""
    for page in pages:
        text = decode_page(text.encode("utf-8"), page)
        if text is None:
            return None
    return text


class Writer:
    """Writes cases and counts the ones that could not be made."""

    def __init__(self, out):
        self.out = out
        self.written = 0
        self.impossible = {}
        self.noop = {}

    def _count(self, table, case):
        key = f"{case['kind']}/{case['variant']}/{case['pages']}"
        per = table.setdefault(key, {})
        per[case["lang"]] = per.get(case["lang"], 0) + 1

    def case(self, lang, line_no, kind, variant, pages, damaged, expected, **extra):
        case = {
            "id": f"{lang}:{line_no}:{kind}:{variant}:{pages}",
            "lang": lang,
            "line": line_no,
            "kind": kind,
            "variant": variant,
            "pages": pages,
        }
        if damaged is None:
            self._count(self.impossible, case)
            return
        if damaged == expected and kind != "clean":
            self._count(self.noop, case)
            return
        case["input"] = damaged
        case["expected"] = expected
        case.update(extra)
        self.out.write(json.dumps(case, ensure_ascii=False))
        self.out.write("\n")
        self.written += 1


def tokens_of(line):
    """(start, end) of each whitespace-separated token."""
    spans = []
    start = None
    for i, c in enumerate(line):
        if c.isspace():
            if start is not None:
                spans.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        spans.append((start, len(line)))
    return spans


def has_non_ascii(text):
    return any(ord(c) > 0x7F for c in text)


def pick_span(line, rng, words):
    """A (start, end) span of `line` holding a non-ASCII character: `words`
    tokens where the line has spaces, else characters. None if there is none."""
    tokens = tokens_of(line)
    if len(tokens) >= 4:
        count = words
        choices = [
            (tokens[i][0], tokens[i + count - 1][1])
            for i in range(len(tokens) - count + 1)
            if has_non_ascii(line[tokens[i][0] : tokens[i + count - 1][1]])
        ]
    else:
        # A script written without spaces: words are short spans of characters.
        length = rng.randint(1, 3) if words == 1 else rng.randint(5, 10)
        length = min(length, len(line))
        choices = [
            (i, i + length)
            for i in range(len(line) - length + 1)
            if has_non_ascii(line[i : i + length]) and not line[i].isspace()
        ]
    if not choices:
        return None
    return rng.choice(choices)


def insertion_points(line):
    """Character offsets where a token can be inserted: the start, the end and
    every space; inside a line without spaces, every character boundary."""
    points = [0, len(line)] + [i for i, c in enumerate(line) if c == " "]
    if len(points) < 4:
        points = list(range(len(line) + 1))
    return sorted(set(points))


def insert_token(line, token, rng):
    """`line` with `token` inserted at a random insertion point: between
    spaces, or glued to the word after it or before it (one in three each),
    as `%sМБ` or `отлично👍` stand in real text."""
    at = rng.choice(insertion_points(line))
    before, after = line[:at].rstrip(" "), line[at:].lstrip(" ")
    glue = rng.choice(("spaced", "next", "previous"))
    if glue == "next" and after:
        token, after = token + after, ""
    elif glue == "previous" and before:
        token, before = before + token, ""
    return " ".join(part for part in (before, token, after) if part)


def cesu8(text):
    """CESU-8: UTF-8, but each character beyond the BMP as two 3-byte
    sequences, one per UTF-16 surrogate."""
    out = bytearray()
    for c in text:
        cp = ord(c)
        if cp > 0xFFFF:
            cp -= 0x10000
            for unit in (0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF)):
                out += chr(unit).encode("utf-8", "surrogatepass")
        else:
            out += c.encode("utf-8")
    return bytes(out)


def lossy(line, variant):
    """(damaged text, indices of lost characters, remnant text) for one lossy
    variant, or None when the line has no byte that variant loses. The
    remnant text is the line with each lost character as what is left of it
    in the damaged text (`Ñ?` for `я` in `undef-?`): what a repair that
    decodes everything else, but does not mark the losses, gives."""
    if variant == "a0-space":
        hit = lambda b: b == 0xA0  # noqa: E731
    elif variant == "shy-drop":
        hit = lambda b: b == 0xAD  # noqa: E731
    else:
        hit = lambda b: b in UNDEFINED_1252  # noqa: E731
    lost = [i for i, c in enumerate(line) if any(hit(b) for b in c.encode("utf-8"))]
    if not lost:
        return None

    def damage_lossy(data):
        if variant == "a0-space":
            return sloppy_1252(data).replace("\u00a0", " ")
        if variant == "shy-drop":
            return sloppy_1252(data).replace("\u00ad", "")
        parts = []
        for i, byte in enumerate(data):
            if byte in UNDEFINED_1252:
                parts.append({"undef-?": "?", "undef-fffd": "\ufffd", "undef-drop": ""}[variant])
            else:
                parts.append(data[i : i + 1].decode("cp1252"))
        return "".join(parts)

    lost_set = set(lost)
    remnant = "".join(
        damage_lossy(c.encode("utf-8")) if i in lost_set else c for i, c in enumerate(line)
    )
    return damage_lossy(line.encode("utf-8")), lost, remnant


def cases_for_line(w, lang, line_no, line, seed):
    def rng_for(*parts):
        return random.Random(":".join(str(p) for p in (seed, lang, line_no) + parts))

    page_names = [name for name, _ in PAGES]

    for page in page_names:
        w.case(lang, line_no, "full", "line", page, damage(line, [page]), line)

    for page in page_names:
        for variant, words in (("word", 1), ("phrase", None)):
            rng = rng_for("partial", variant, page)
            span = pick_span(line, rng, words or rng.randint(3, 5))
            if span is None:
                continue
            a, b = span
            part = damage(line[a:b], [page])
            w.case(
                lang, line_no, "partial", variant, page,
                None if part is None else line[:a] + part + line[b:], line,
            )
        for variant, templates in (("entity", ENTITY_TEMPLATES), ("quote", QUOTE_TEMPLATES)):
            rng = rng_for("partial", variant, page)
            span = pick_span(line, rng, 1)
            if span is None:
                continue
            a, b = span
            template = rng.choice(templates)
            word = line[a:b]
            part = damage(word, [page])
            expected = line[:a] + template.format(word) + line[b:]
            extra = {}
            if variant == "entity":
                extra["expected_unescaped"] = line[:a] + html.unescape(template.format(word)) + line[b:]
            damaged = None if part is None else line[:a] + template.format(part) + line[b:]
            w.case(lang, line_no, "partial", variant, page, damaged, expected, **extra)

    for page in page_names:
        w.case(lang, line_no, "double", "same", page, damage(line, [page, page]), line)
    for first, second in CROSS:
        w.case(
            lang, line_no, "double", "cross", f"{first}>{second}",
            damage(line, [first, second]), line,
        )

    # mixed: 1252 up to a space near the middle, latin-1 after it.
    rng = rng_for("mixed", "1252|latin1")
    spaces = [i for i, c in enumerate(line) if c == " " and len(line) // 4 <= i <= 3 * len(line) // 4]
    cut = rng.choice(spaces) if spaces else len(line) // 2
    head = decode_page(line[:cut].encode("utf-8"), "windows-1252")
    tail = line[cut:].encode("utf-8").decode("latin-1")
    w.case(lang, line_no, "mixed", "1252|latin1", "windows-1252|iso-8859-1", head + tail, line)
    # mixed: CESU-8 emoji read as windows-1252.
    rng = rng_for("mixed", "cesu8")
    with_emoji = insert_token(line, rng.choice(CESU_EMOJI), rng)
    w.case(
        lang, line_no, "mixed", "cesu8", "cesu-8>windows-1252",
        decode_page(cesu8(with_emoji), "windows-1252"), with_emoji,
    )

    for variant in ("undef-?", "undef-fffd", "undef-drop", "a0-space", "shy-drop"):
        made = lossy(line, variant)
        if made is not None:
            damaged, lost, remnant = made
            w.case(
                lang, line_no, "lossy", variant, "windows-1252", damaged, line,
                lost=lost, lossy_remnant=remnant,
            )

    w.case(lang, line_no, "clean", "as-is", "-", line, line)
    upper = unicodedata.normalize("NFC", line.upper())
    if upper != line:  # scripts without case have no upper-cased set
        w.case(lang, line_no, "clean", "upper", "-", upper, upper)
    for variant, tokens in (("printf", PRINTF), ("url", URLS), ("emoji", EMOJI), ("math", MATH)):
        rng = rng_for("clean", variant)
        text = line
        for _ in range(rng.randint(1, 2)):
            text = insert_token(text, rng.choice(tokens), rng)
        w.case(lang, line_no, "clean", variant, "-", text, text)
    rng = rng_for("clean", "letters")
    text = line
    for _ in range(rng.randint(1, 2)):
        token = rng.choice(QUOTED_TEMPLATES).format(rng.choice(QUOTED_LETTERS))
        at = rng.choice(insertion_points(text))
        before, after = text[:at].rstrip(" "), text[at:].lstrip(" ")
        text = " ".join(part for part in (before, token, after) if part)
    w.case(lang, line_no, "clean", "letters", "-", text, text)


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


def cmd_cases(args):
    langs = args.langs.split(",") if args.langs else sorted(
        name[:-4] for name in os.listdir(args.text) if name.endswith(".txt")
    )
    out_path = args.out
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    per_lang = {}
    with open(out_path, "w", encoding="utf-8") as out:
        w = Writer(out)
        for lang in langs:
            path = os.path.join(args.text, f"{lang}.txt")
            if not os.path.exists(path):
                sys.exit(f"mojibake.py: no file for language {lang!r}: {path}")
            lines = read_lines(path)
            numbered = [(i + 1, line) for i, line in enumerate(lines) if line.strip()]
            if args.limit and len(numbered) > args.limit:
                numbered = sorted(random.Random(f"{args.seed}:{lang}:sample").sample(numbered, args.limit))
            before = w.written
            for line_no, line in numbered:
                line = unicodedata.normalize("NFC", line.strip())
                cases_for_line(w, lang, line_no, line, args.seed)
            per_lang[lang] = {"lines": len(numbered), "cases": w.written - before}
    stats = {
        "text": os.path.abspath(args.text),
        "seed": args.seed,
        "limit": args.limit,
        "languages": per_lang,
        "cases": w.written,
        "impossible": w.impossible,
        "noop": w.noop,
        "python": sys.version.split()[0],
    }
    with open(out_path[: -len(".jsonl")] + ".stats.json", "w", encoding="utf-8") as f:
        json.dump(stats, f, ensure_ascii=False, indent=1)
    print(f"mojibake.py: {w.written} cases from {len(langs)} languages in {out_path}", file=sys.stderr)


def no_surrogates(text):
    """`text` with any lone surrogate as U+FFFD, so that it can be written as
    UTF-8 (ftfy may leave one where the input had a broken pair)."""
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    return text


def cmd_ftfy(args):
    import ftfy  # noqa: PLC0415 (only this subcommand needs it)

    seconds = {"ftfy:encoding": 0.0, "ftfy:fix_text": 0.0}
    clean_seconds = {"ftfy:encoding": 0.0, "ftfy:fix_text": 0.0}
    total_bytes = clean_bytes = 0
    clock = time.perf_counter
    with open(args.cases, encoding="utf-8") as cases, open(args.out, "w", encoding="utf-8") as out:
        for row in cases:
            case = json.loads(row)
            text = case["input"]
            size = len(text.encode("utf-8"))
            t0 = clock()
            encoding = ftfy.fix_encoding(text)
            t1 = clock()
            fixed = ftfy.fix_text(text, uncurl_quotes=False)
            t2 = clock()
            total_bytes += size
            seconds["ftfy:encoding"] += t1 - t0
            seconds["ftfy:fix_text"] += t2 - t1
            if case["kind"] == "clean":
                clean_bytes += size
                clean_seconds["ftfy:encoding"] += t1 - t0
                clean_seconds["ftfy:fix_text"] += t2 - t1
            encoding, fixed = no_surrogates(encoding), no_surrogates(fixed)
            result = {"id": case["id"], "ftfy:encoding": encoding, "ftfy:fix_text": fixed}
            targets = (case["expected"], case.get("expected_unescaped"), text)
            if fixed not in targets:
                base = ftfy.fix_text(text, uncurl_quotes=False, fix_encoding=False)
                result["ftfy:fix_text:base"] = no_surrogates(base)
            out.write(json.dumps(result, ensure_ascii=False))
            out.write("\n")
        timing = {
            "bytes": total_bytes,
            "seconds": seconds,
            "clean_bytes": clean_bytes,
            "clean_seconds": clean_seconds,
            "ftfy": ftfy.__version__,
            "python": sys.version.split()[0],
        }
        out.write(json.dumps({"timing": timing}))
        out.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("cases", help="write the cases as JSONL")
    p.add_argument("--text", required=True, help="directory of <lang>.txt files, one sentence a line")
    p.add_argument("--out", required=True, help="output .jsonl (stats go beside it)")
    p.add_argument("--langs", default="", help="comma-separated language codes (default: every file)")
    p.add_argument("--limit", type=int, default=0, help="lines per language, a seeded sample (0: all)")
    p.add_argument("--seed", default="1", help="seed of every random choice")
    p.set_defaults(func=cmd_cases)
    p = sub.add_parser("ftfy", help="run ftfy on the cases")
    p.add_argument("--cases", required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_ftfy)
    args = parser.parse_args()
    if args.command == "cases" and not args.out.endswith(".jsonl"):
        parser.error("--out must end in .jsonl")
    args.func(args)


if __name__ == "__main__":
    main()
