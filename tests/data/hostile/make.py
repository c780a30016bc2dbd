#!/usr/bin/env python3
"""Writes rinse's hostile-input corpus: tests/data/hostile/files/.

    python3 tests/data/hostile/make.py

Every file is small (at most 256 KiB; all but the 100,000 combining marks
on one letter at most 64 KiB) and committed; this script makes them
again byte for byte (a fixed seed, no dependency beyond the standard
library), so a file can be added here and the folder regenerated. The
large hostile inputs (100 MB of newlines, ten million empty lines, a 10 GB
gzip bomb, ...) are not committed: benches/hostile.sh makes them and
measures time and peak memory on them.

`cargo test` (tests/hostile.rs) cleans every file here with the library
(default config, every step on, forced encodings, as a JSON Lines record)
and through the `rinse` binary (file mode over the folder, standard input,
--jsonl), and checks: no panic, valid UTF-8 out, idempotent (cleaning the
output again changes nothing and reports nothing), deterministic.

Files are grouped by prefix: utf8-, wide- (UTF-16/32), binary-, bom-,
breaks-, lines-, zalgo-, bidi-, emoji-, nonchar-, pua-, fffd-, control-,
entity-, escape-, mojibake-, legacy-, declared-, junk-, script-, space-.
"""

import codecs
import gzip
import os
import random
import shutil
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "files")
LIMIT = 256 * 1024
TEXT = "Le café de la gare rouvre après travaux, annonce la municipalité.\n"
files = {}


def add(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    assert name not in files, name
    assert len(data) <= LIMIT, (name, len(data))
    files[name] = data


def around(raw):
    """`raw` bytes alone, and inside text at the start, middle and end."""
    return raw, b"start " + raw + b" middle\n" + raw + b"\nend " + raw


# --- UTF-8 decoder stress (after Markus Kuhn's UTF-8 decoder capability test)
utf8_cases = {
    "overlong-slash-2": b"\xc0\xaf",
    "overlong-slash-3": b"\xe0\x80\xaf",
    "overlong-slash-4": b"\xf0\x80\x80\xaf",
    "overlong-slash-5": b"\xf8\x80\x80\x80\xaf",
    "overlong-slash-6": b"\xfc\x80\x80\x80\x80\xaf",
    "overlong-nul-2": b"\xc0\x80",
    "overlong-nul-3": b"\xe0\x80\x80",
    "overlong-max-2": b"\xc1\xbf",
    "overlong-max-3": b"\xe0\x9f\xbf",
    "overlong-max-4": b"\xf0\x8f\xbf\xbf",
    "surrogate-high": b"\xed\xa0\x80",
    "surrogate-high-last": b"\xed\xaf\xbf",
    "surrogate-low": b"\xed\xb0\x80",
    "surrogate-low-last": b"\xed\xbf\xbf",
    "surrogate-pair-cesu8": b"\xed\xa0\xbd\xed\xb8\x80",
    "five-byte": b"\xf8\x88\x80\x80\x80",
    "five-byte-max": b"\xfb\xbf\xbf\xbf\xbf",
    "six-byte": b"\xfc\x84\x80\x80\x80\x80",
    "six-byte-max": b"\xfd\xbf\xbf\xbf\xbf\xbf",
    "above-10ffff": b"\xf4\x90\x80\x80",
    "four-byte-max-lead": b"\xf7\xbf\xbf\xbf",
    "fe-ff": b"\xfe\xfe\xff\xff",
    "fe": b"\xfe",
    "ff": b"\xff",
    "truncated-2": b"\xc3",
    "truncated-3": b"\xe2\x82",
    "truncated-4": b"\xf0\x9f\x98",
    "truncated-all": b"\xc3\xe2\x82\xf0\x9f\x98\xf8\x88\x80\x80\xfc\x84\x80\x80\x80",
    "lone-continuations": bytes(range(0x80, 0xC0)),
    "lone-leads-spaced": b" ".join(bytes([b]) for b in range(0xC0, 0x100)),
    "bom-then-invalid": b"\xef\xbb\xbf\xff\xfe",
    "every-byte": bytes(range(256)),
}
for name, raw in utf8_cases.items():
    alone, inside = around(raw)
    add(f"utf8-{name}", alone)
    add(f"utf8-{name}-in-text", inside)
add(
    "utf8-kuhn-mix",
    b"".join(TEXT.encode() + raw + b"\n" for raw in utf8_cases.values()),
)
add("utf8-truncated-at-end", TEXT.encode() * 3 + "caf\u00e9 \u2019".encode()[:-1])
add("utf8-mostly-valid", ("\u201cquote\u201d caf\u00e9 " * 20).encode() + b"\xff" + TEXT.encode())

# --- UTF-16 and UTF-32
wide_text = "Привет, мир! Hello 😀 café\r\nسلام\n"
for name, codec in [("utf16le", "utf-16-le"), ("utf16be", "utf-16-be"),
                    ("utf32le", "utf-32-le"), ("utf32be", "utf-32-be")]:
    body = wide_text.encode(codec)
    bom = codecs.BOM_UTF16_LE if name == "utf16le" else codecs.BOM_UTF16_BE if name == "utf16be" \
        else codecs.BOM_UTF32_LE if name == "utf32le" else codecs.BOM_UTF32_BE
    add(f"wide-{name}-bom", bom + body)
    add(f"wide-{name}-no-bom", body)
    add(f"wide-{name}-bom-truncated", bom + body[:-1])
    add(f"wide-{name}-no-bom-truncated", body[:-3])
    add(f"wide-{name}-bom-only", bom)
    add(f"wide-{name}-bom-twice", bom + bom + body)
add("wide-utf16le-lone-surrogates", codecs.BOM_UTF16_LE + b"a\x00\x00\xd8b\x00\x00\xdc\x00\xdc\x00\xd8")
add("wide-utf16be-lone-surrogates", codecs.BOM_UTF16_BE + b"\x00a\xd8\x00\x00b\xdc\x00")
add("wide-utf32le-above-10ffff", codecs.BOM_UTF32_LE + struct.pack("<4I", 0x61, 0x110000, 0xFFFFFFFF, 0x62))
add("wide-utf32be-surrogates", codecs.BOM_UTF32_BE + struct.pack(">3I", 0x61, 0xD800, 0x62))
add("wide-utf16le-bom-then-utf8", codecs.BOM_UTF16_LE + TEXT.encode())
add("wide-utf8-bom-then-utf16", codecs.BOM_UTF8 + wide_text.encode("utf-16-le"))
add("wide-zero-pattern-odd", b"a\x00" * 200 + b"a")

# --- Binary files
rng = random.Random(20261130)
add("binary-random-4k", bytes(rng.getrandbits(8) for _ in range(4096)))
add("binary-random-no-nul", bytes(rng.randrange(1, 256) for _ in range(4096)))
add("binary-zeros", bytes(4096))
add("binary-ones", b"\xff" * 4096)
add("binary-gzip", gzip.compress(TEXT.encode() * 50, mtime=0))
add("binary-zlib", zlib.compress(TEXT.encode() * 50))
add("binary-png-header", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.getrandbits(8) for _ in range(512)))
add("binary-elf-header", b"\x7fELF\x02\x01\x01" + bytes(57) + bytes(rng.getrandbits(8) for _ in range(512)))
add("binary-pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 44 >>\nstream\n" + bytes(rng.getrandbits(8) for _ in range(256)) + b"\nendstream\n")
add("binary-zip-header", b"PK\x03\x04" + bytes(rng.getrandbits(8) for _ in range(512)))
add("binary-parquet-like", b"PAR1" + bytes(rng.randrange(1, 256) for _ in range(1024)) + b"PAR1")
add("binary-text-with-nuls", b"\x00".join(TEXT.encode().split(b" ")))

# --- Byte-order marks only, line breaks only
add("bom-utf8-only", codecs.BOM_UTF8)
add("bom-utf8-1000", codecs.BOM_UTF8 * 1000)
add("bom-utf8-per-line", (codecs.BOM_UTF8 + b"line\n") * 100)
add("bom-utf8-between-lines", b"\n".join([codecs.BOM_UTF8] * 100))
add("bom-mixed-kinds", codecs.BOM_UTF8 + codecs.BOM_UTF16_LE + codecs.BOM_UTF16_BE + codecs.BOM_UTF32_LE)
add("bom-zwnbsp-in-text", "a\ufeffb\ufeff\n\ufeff\n".encode())
add("breaks-cr-only", b"\r" * 10000)
add("breaks-lf-only", b"\n" * 10000)
add("breaks-crlf-only", b"\r\n" * 10000)
add("breaks-lfcr", b"\n\r" * 5000)
add("breaks-mixed", b"a\rb\nc\r\nd\n\re\r\r\n\n" * 500)
add("breaks-unicode", "a\u2028b\u2029c\u0085d\u000be\u000cf\n" * 200)
add("breaks-cr-text", TEXT.replace("\n", "\r").encode() * 100)
add("breaks-whitespace-lines", " \t\u00a0\u3000\n" * 2000)
add("empty", b"")
add("single-newline", b"\n")
add("single-space", b" ")

# --- Long lines (the huge ones are made by benches/hostile.sh)
words = "lorem ipsum dolor sit amet consectetur adipiscing elit".split()
add("lines-long-words", " ".join(rng.choice(words) for _ in range(12000)).encode()[:65536])
add("lines-long-no-space", b"a" * 65536)
add("lines-long-one-word-nonascii", "é" * 32768)
add("lines-many-short", b"x\n" * 20000)
add("lines-many-empty-between-text", b"text\n" + b"\n" * 50000 + b"text\n")
add("lines-many-duplicates", ("A line repeated many times over the page.\n" * 1000).encode())

# --- Zalgo and combining marks
marks = [chr(c) for c in range(0x300, 0x370)]
add("zalgo-one-letter-100k", "a" + "".join(marks[i % len(marks)] for i in range(100000)))
add("zalgo-acute-20k", "e" + "\u0301" * 20000)
add("zalgo-marks-only", "".join(marks) * 50)
add("zalgo-text", "".join(ch + "".join(rng.choice(marks) for _ in range(rng.randrange(5, 40)))
                          for ch in "He comes. Zalgo text everywhere.\n" * 40))
add("zalgo-arabic-harakat", "ب" + "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652" * 5000)
add("zalgo-hangul-jamo", "\u1100" * 1000 + "\u1161" * 1000 + "\u11a8" * 1000)
add("zalgo-devanagari-viramas", "क्" * 5000 + "\u094d" * 1000)
add("zalgo-mark-after-newline", "a\n\u0301b\r\u0301c\r\n\u0301\u0301\n")

# --- Bidi
add("bidi-overrides", "abc\u202edcba\u202c xyz\u202d123\u202c\n" * 100)
add("bidi-isolates-unbalanced", "\u2066\u2067\u2068" * 500 + "text" + "\u2069" * 10 + "\n")
add("bidi-trojan-source", 'access_level = "user\u202e \u2066// Check if admin\u2069 \u2066"\n'
                          'if access_level != "user": # \u202e\u2066 ok\u2069\u2066\n')
add("bidi-marks", "\u200e\u200f\u061c" * 1000 + "مرحبا\n")
add("bidi-rtl-mixed", "English مرحبا עברית English ۱۲۳ 123\n" * 200)

# --- Emoji sequences
emoji = [
    "👨‍👩‍👧‍👦", "👩🏽‍🚀", "🏳️‍🌈", "🏴‍☠️", "🇫🇷🇩🇪", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    "1️⃣", "#️⃣", "❤️", "☺︎", "👍🏻👍🏼👍🏽👍🏾👍🏿", "🧑‍🤝‍🧑",
]
add("emoji-sequences", (" ".join(emoji) + "\n") * 100)
add("emoji-zwj-chain", "👩" + "\u200d👩" * 2000)
add("emoji-lone-regional", "\U0001F1E6" * 1001 + "\n")
add("emoji-lone-modifiers", "\U0001F3FB\U0001F3FC" * 500 + "\u20e3" * 100 + "\ufe0f" * 500)
add("emoji-tags-alone", "".join(chr(c) for c in range(0xE0000, 0xE0080)) * 10)
add("emoji-variation-selectors", "a\ufe0fb\ufe0e" * 200 + "".join(chr(c) for c in range(0xE0100, 0xE01F0)))

# --- Noncharacters, private use, U+FFFD
nonchars = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [chr(p * 0x10000 + o) for p in range(17) for o in (0xFFFE, 0xFFFF)]
add("nonchar-all", "".join(nonchars))
add("nonchar-in-text", "".join(f"word{c}word " for c in nonchars) + "\n")
add("pua-bmp-sample", "".join(chr(c) for c in range(0xE000, 0xF900, 7)))
add("pua-planes-15-16", "".join(chr(c) for c in range(0xF0000, 0x10FFFE, 4099)))
add("pua-icon-font", "\uf099 Twitter \uf09a Facebook \ue0b0 \U000f0000\n" * 200)
add("pua-only", "\ue000" * 20000)
add("fffd-flood", "\ufffd" * 20000)
add("fffd-flood-lines", ("\ufffd" * 50 + "\n") * 300)
add("fffd-in-text", ("caf\ufffd \ufffd\ufffd " * 2000) + "\n")
add("fffd-from-bytes", b"\xff\xfe\xfd" * 4000)  # 12,000 malformed: past the 10,000 listed
add("fffd-mixed-with-bytes", "\ufffd".encode() + b"\xff" + "\ufffd".encode() * 1000 + b"\x80" * 1000)

# --- Controls, escapes, entities
add("control-c0-all", bytes(range(0, 32)) * 100)
add("control-c1-utf8", "".join(chr(c) for c in range(0x80, 0xA0)) * 100)
add("control-del", b"a\x7fb\x7f\x7f\n" * 500)
add("control-nul-text", b"\x00".join([b"a line"] * 2000))
add("escape-ansi", b"\x1b[31mred\x1b[0m \x1b[1;4;38;5;208mbold\x1b[m \x1b]0;title\x07 \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\\n" * 300)
add("escape-unterminated", b"\x1b[" + b"1;" * 10000 + b"text \x1b]0;" + b"never ends" * 100)
add("escape-lone-esc", b"\x1b" * 5000 + b"\x9b" * 10)
add("entity-nested-amp", "&" + "amp;" * 40 + "lt;\n" + "&amp;" * 1000 + "\n")
add("entity-numeric-edge", "&#0; &#x0; &#xD800; &#xDFFF; &#x110000; &#99999999999999999999; &#x; &#; &#65 &#x41 &#x1F600; &#128512;\n" * 50)
add("entity-unterminated", "&amp" * 5000 + " &" * 5000)
add("entity-all-named-like", "".join(f"&{w};" for w in ["nbsp", "amp", "lt", "gt", "quot", "apos", "shy", "zwj", "zwnj", "lrm", "rlm", "NotNestedGreaterGreater", "CounterClockwiseContourIntegral", "bogus"]) * 200)
add("entity-makes-control", "&#27;[31m &#0; &#x7f; &#x85; &#8232; &#xFEFF; &#x202E;\n" * 100)

# --- Mojibake, legacy encodings, declarations
src = "Le café « déjà vu » coûte 3 € — l’été à Noël.\n"
moji = src.encode("utf-8").decode("cp1252", "replace")
add("mojibake-cp1252", moji)
add("mojibake-double", moji.encode("utf-8").decode("cp1252", "replace"))
add("mojibake-triple", moji.encode("utf-8").decode("cp1252", "replace").encode("utf-8").decode("cp1252", "replace"))
add("mojibake-long-line", (moji.strip() + " ") * 600)
add("mojibake-arabic-1252", "مرحبا بالعالم، هذا نص عربي طويل.\n".encode().decode("cp1252", "replace") * 50)
add("mojibake-cyrillic-1251", "Привет, мир! Это текст.\n".encode().decode("cp1251", "replace") * 50)
add("mojibake-macroman", src.encode().decode("mac_roman") * 50)
add("mojibake-short-words", "Ã« Ã© â€ Ã Ã‚ Â Â Â\n" * 100)
add("legacy-windows-1252", (src * 50).encode("cp1252", "replace"))
add("legacy-koi8-r", ("Привет, мир! Это текст на русском языке.\n" * 50).encode("koi8_r"))
add("legacy-shift-jis", ("日本語のテキストです。こんにちは世界。\n" * 50).encode("shift_jis"))
add("legacy-gb18030", ("中文文本，你好世界。𠀀\n" * 50).encode("gb18030"))
add("legacy-big5", ("繁體中文，你好世界。\n" * 50).encode("big5"))
add("legacy-euc-kr", ("한국어 텍스트입니다. 안녕하세요.\n" * 50).encode("euc_kr"))
add("legacy-iso-2022-jp", ("日本語のテキスト\n" * 50).encode("iso2022_jp"))
add("legacy-iso-2022-jp-broken", b"\x1b$B" + bytes(rng.randrange(0x21, 0x7f) for _ in range(1000)) + b"\x1b(B\xff\n")
add("legacy-windows-1256", ("مرحبا بالعالم، هذا نص عربي.\n" * 50).encode("cp1256"))
add("legacy-cp037-ebcdic", (src * 20).encode("cp037", "replace"))
add("legacy-mixed-utf8-latin1", TEXT.encode() + "café".encode("latin-1") + TEXT.encode())
add("declared-meta-koi8-utf8-text", '<meta charset="koi8-r"><p>café été\n')
add("declared-meta-utf16", '<meta charset="utf-16"><p>plain ASCII text\n')
add("declared-xml-1251", b'<?xml version="1.0" encoding="windows-1251"?><doc>' + "Привет".encode("cp1251") + b"</doc>\n")
add("declared-replacement", '<meta charset="iso-2022-kr"><p>text\n')
add("declared-bogus", '<meta charset="klingon"><meta charset=><meta charset="' + "x" * 3000 + '">\n')
add("declared-unclosed", "<meta charset=" + "<" * 5000)

# --- Junk-line rules and scripts
add("junk-only-residue", "1 comment\nLeave a review\nFollow us on social networks\nRead also: more\n" * 50)
add("junk-date-prefix-chain", "date 2024-03-23 published 2024-03-24 updated 2024-03-25 The article begins here and goes on long enough.\n")
add("junk-date-after-removed-line", "1 comment\ndate 2024-03-23 The article begins here and it goes on for long enough to count.\n")
add("junk-duplicates-edges", ("Caption of the photo, printed twice on the page\n" * 3 + "A paragraph of the article that is long enough to count as one paragraph.\n") * 20)
add("script-homoglyphs", "rоsсоw Мoscow pаypal ΑΒΓ abc аbс\n" * 200)
add("script-many-scripts", "Latin Кириллица Ελληνικά العربية עברית हिन्दी 中文 日本語 한국어 ไทย ქართული Հայերեն\n" * 100)
add("script-thai-no-spaces", "ภาษาไทยไม่มีช่องว่างระหว่างคำ" * 500)
add("space-nbsp-flood", "\u00a0" * 20000 + "x\n")
add("space-all-unicode", "".join(chr(c) for c in [0x20, 0xA0, 0x1680] + list(range(0x2000, 0x200B)) + [0x202F, 0x205F, 0x3000]) * 500)
add("space-tabs", "\t" * 20000 + "x\t\ty\n")
add("ligatures-fullwidth-presentation", "ﬁﬂﬃ ＡＢＣ１２３ ﻻ ﷺ ＂ ｡ ﹘ ㎏ ½ x² ℌ\n" * 300)
add("tatweel-flood", "ب" + "\u0640" * 20000 + "ت\n")
add("casefold-special", "İSTANBUL ß ẞ ﬀ ΣΑΣ Ǆ ǅ ǈ ᾼ\n" * 300)


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    for name, data in sorted(files.items()):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    total = sum(len(d) for d in files.values())
    print(f"{len(files)} files, {total} bytes in {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
