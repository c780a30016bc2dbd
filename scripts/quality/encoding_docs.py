#!/usr/bin/env python3
"""Builds the documents of the `quality encoding` harness.

Reads real sentences (one per line, UTF-8; `../shared/devsets/text-ud`) and
encodes them with Python's own codecs, an implementation independent of the
encoding_rs tables rinse decodes with, into documents for every (language,
encoding) pair that makes sense. It writes, under --out (normally
target/quality/encoding, never into the repository):

    manifest.json   parameters, one record per pair and one per document
    docs.bin        the documents' bytes, one after the other
    texts.txt       the documents' original text (UTF-8), one after the other

Each document record gives the byte range of its bytes in docs.bin and of its
text in texts.txt. The harness (examples/quality/encoding.rs) runs this
script itself when the manifest is missing or was made with other
parameters; to run it by hand:

    python3 scripts/quality/encoding_docs.py --text ../shared/devsets/text-ud \
        --out target/quality/encoding

How documents are made, for each pair and each size (in bytes of the encoded
document):

* The language's lines are filtered: a line is kept when the codec encodes it
  and decodes it back unchanged (and it has none of the few characters whose
  mapping differs between Python's codec and the WHATWG decoder, see
  DIVERGENT); the others are skipped and counted. A pair is built only when
  at least MIN_KEPT of the lines are kept (Kazakh does not fit in
  windows-1251, nor Ukrainian in KOI8-R).
* A few pairs first take the form legacy text had in that encoding
  (LEGACY_FORMS): Romanian with cedilla s/t in the pre-2000 code pages,
  Vietnamese decomposed the way windows-1258 needs, Persian and Urdu with
  Arabic yeh and digits in windows-1256. The original text of those documents
  is that form.
* Starting at a seeded random line, the kept lines are cut into consecutive,
  disjoint chunks of whole lines, each as long as fits in the size (a first
  line longer than the size is cut at a space, or at a character for
  scripts without spaces); chunks shorter than half the size are dropped.
  Up to --docs chunks are drawn (seeded) for each pair and size.
* Each chunk gives a `bare` document, and for encodings in which ASCII is
  ASCII, a `declared` one (a first line `<meta charset="NAME">` naming the
  right encoding) and a `wrong` one (declaring UTF-8, or windows-1252 for
  UTF-8 documents). The declaration line is part of the original text.
"""

import argparse
import json
import os
import random
import sys
import time
import unicodedata

# A pair is built only when at least this share of the language's lines can
# be encoded in it.
MIN_KEPT = 0.5

# Byte-order marks, by encoding name.
BOMS = {
    "UTF-16LE+BOM": b"\xff\xfe",
    "UTF-16BE+BOM": b"\xfe\xff",
}

# name: (Python codec, WHATWG label or None, family, ASCII-compatible)
ENCODINGS = {
    "UTF-8": ("utf-8", "UTF-8", "unicode", True),
    "UTF-16LE+BOM": ("utf-16-le", "UTF-16LE", "unicode", False),
    "UTF-16BE+BOM": ("utf-16-be", "UTF-16BE", "unicode", False),
    "UTF-16LE": ("utf-16-le", "UTF-16LE", "unicode", False),
    "UTF-16BE": ("utf-16-be", "UTF-16BE", "unicode", False),
    "UTF-32LE": ("utf-32-le", None, "unicode", False),
    "UTF-32BE": ("utf-32-be", None, "unicode", False),
    "windows-1251": ("cp1251", "windows-1251", "cyrillic", True),
    "KOI8-R": ("koi8_r", "KOI8-R", "cyrillic", True),
    "KOI8-U": ("koi8_u", "KOI8-U", "cyrillic", True),
    "ISO-8859-5": ("iso8859_5", "ISO-8859-5", "cyrillic", True),
    "IBM866": ("cp866", "IBM866", "cyrillic", True),
    "IBM855": ("cp855", None, "cyrillic", True),
    "x-mac-cyrillic": ("mac_cyrillic", "x-mac-cyrillic", "cyrillic", True),
    "KZ-1048": ("kz1048", None, "cyrillic", True),
    "windows-1250": ("cp1250", "windows-1250", "central-european", True),
    "ISO-8859-2": ("iso8859_2", "ISO-8859-2", "central-european", True),
    "ISO-8859-16": ("iso8859_16", "ISO-8859-16", "central-european", True),
    "IBM852": ("cp852", None, "central-european", True),
    "windows-1257": ("cp1257", "windows-1257", "baltic", True),
    "ISO-8859-13": ("iso8859_13", "ISO-8859-13", "baltic", True),
    "ISO-8859-4": ("iso8859_4", "ISO-8859-4", "baltic", True),
    "windows-1252": ("cp1252", "windows-1252", "western", True),
    "ISO-8859-1": ("latin_1", "ISO-8859-1", "western", True),
    "ISO-8859-15": ("iso8859_15", "ISO-8859-15", "western", True),
    "macintosh": ("mac_roman", "macintosh", "western", True),
    "IBM437": ("cp437", None, "western", True),
    "IBM850": ("cp850", None, "western", True),
    "windows-1253": ("cp1253", "windows-1253", "greek", True),
    "ISO-8859-7": ("iso8859_7", "ISO-8859-7", "greek", True),
    "windows-1254": ("cp1254", "windows-1254", "turkish", True),
    "ISO-8859-9": ("iso8859_9", "ISO-8859-9", "turkish", True),
    "windows-1255": ("cp1255", "windows-1255", "hebrew", True),
    "ISO-8859-8": ("iso8859_8", "ISO-8859-8", "hebrew", True),
    "windows-1256": ("cp1256", "windows-1256", "arabic", True),
    "ISO-8859-6": ("iso8859_6", "ISO-8859-6", "arabic", True),
    "windows-874": ("cp874", "windows-874", "thai", True),
    "TIS-620": ("tis_620", "TIS-620", "thai", True),
    "windows-1258": ("cp1258", "windows-1258", "vietnamese", True),
    "Shift_JIS": ("shift_jis", "Shift_JIS", "japanese", True),
    "EUC-JP": ("euc_jp", "EUC-JP", "japanese", True),
    "ISO-2022-JP": ("iso2022_jp", "ISO-2022-JP", "japanese", True),
    "GBK": ("gbk", "GBK", "chinese", True),
    "GB18030": ("gb18030", "gb18030", "chinese", True),
    "Big5": ("big5", "Big5", "chinese", True),
    "EUC-KR": ("euc_kr", "EUC-KR", "korean", True),
    "Johab": ("johab", None, "korean", True),
    # WHATWG maps the label to its `replacement` encoding: no decoder.
    "ISO-2022-KR": ("iso2022_kr", None, "korean", True),
}

UNICODE = ["UTF-8", "UTF-16LE+BOM", "UTF-16BE+BOM", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"]
CYRILLIC = ["windows-1251", "KOI8-R", "KOI8-U", "ISO-8859-5", "IBM866", "IBM855", "x-mac-cyrillic"]
CENTRAL = ["windows-1250", "ISO-8859-2", "IBM852"]
WESTERN = ["windows-1252", "ISO-8859-1", "ISO-8859-15", "macintosh", "IBM437", "IBM850"]

# The legacy encodings of each language (every language is also in UNICODE).
LEGACY = {
    **{lang: CYRILLIC for lang in ["ru", "uk", "bg"]},
    "kk": CYRILLIC + ["KZ-1048"],
    **{lang: CENTRAL for lang in ["cs", "pl", "hu", "sr"]},
    "ro": CENTRAL + ["ISO-8859-16"],
    "lt": ["windows-1257", "ISO-8859-13", "ISO-8859-4"],
    **{lang: WESTERN for lang in ["en", "de", "fr", "es", "it", "pt", "sv", "fi", "is"]},
    "el": ["windows-1253", "ISO-8859-7"],
    "tr": ["windows-1254", "ISO-8859-9"],
    "he": ["windows-1255", "ISO-8859-8"],
    "ar": ["windows-1256", "ISO-8859-6"],
    "fa": ["windows-1256", "ISO-8859-6"],
    "ur": ["windows-1256", "ISO-8859-6"],
    "th": ["windows-874", "TIS-620"],
    "vi": ["windows-1258"],
    "ja": ["Shift_JIS", "EUC-JP", "ISO-2022-JP"],
    "zh": ["GBK", "GB18030", "Big5"],
    "ko": ["EUC-KR", "Johab", "ISO-2022-KR"],
}

# Characters that Python's codec maps to bytes the WHATWG decoder (which is
# what rinse and browsers use) reads as another character: a line with one
# could never be decoded back to its original by any WHATWG decoder, which
# would measure table differences rather than detection. Found by encoding
# every BMP character with Python's codec and decoding it with encoding_rs
# (0.8.44; CPython 3.11); besides these, keep() turns away C1 controls and
# private-use characters in every legacy encoding, and EUC-KR's 8-byte
# "make-up" sequences for Hangul outside KS X 1001, which Python writes and
# WHATWG decodes as separate jamo. The harness checks that the true
# encoding's WHATWG decoder gives back every document, and reports any
# document for which it does not. Ranges are written `a-b`.
JAPANESE_DIVERGENT = "\u00a2\u00a3\u00ac\u2016\u2212\u301c"
DIVERGENT = {
    "Shift_JIS": JAPANESE_DIVERGENT,
    "EUC-JP": JAPANESE_DIVERGENT,
    "ISO-2022-JP": JAPANESE_DIVERGENT,
    "Big5": "\u00a2-\u00a3\u00a5\u0401\u0414-\u041c\u0423-\u044f\u0451\u2022\u203e\u223c"
    "\u2460-\u2469\u2474-\u247d\u2609\u2641\u3005\u3041-\u3093\u309d-\u309e"
    "\u30a1-\u30f6\u30fe\uff0f\uff3c\uff64",
    "GB18030": "\u1e3f",
    "KOI8-U": "\u255d\u256c",
}


def char_set(ranges):
    """The characters of a string of characters and `a-b` ranges."""
    chars, i = set(), 0
    while i < len(ranges):
        if i + 2 < len(ranges) and ranges[i + 1] == "-":
            chars.update(map(chr, range(ord(ranges[i]), ord(ranges[i + 2]) + 1)))
            i += 3
        else:
            chars.add(ranges[i])
            i += 1
    return chars


DIVERGENT_SETS = {name: char_set(ranges) for name, ranges in DIVERGENT.items()}


def romanian_cedilla(line):
    """Romanian as the pre-2000 code pages wrote it: s and t with cedilla."""
    return line.translate(str.maketrans("șțȘȚ", "şţŞŢ"))


def arabic_script_1256(line):
    """Persian and Urdu as windows-1256 pages carried them: Arabic yeh for
    Farsi yeh, Arabic-Indic digits for the extended ones, a full stop for
    the Urdu one."""
    table = {0x06CC: "\u064a", 0x06D4: "."}
    table.update({0x06F0 + d: chr(0x0660 + d) for d in range(10)})
    return line.translate(table)


def encodable(text, codec):
    try:
        text.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def vietnamese_1258(line):
    """Vietnamese as windows-1258 holds it: a precomposed letter where the
    code page has one (â, ê, ô, ơ, ư, ă, đ), the tone mark combining."""
    out = []
    for c in line:
        if encodable(c, "cp1258"):
            out.append(c)
            continue
        decomposed = unicodedata.normalize("NFD", c)
        base, marks = decomposed[0], list(decomposed[1:])
        # The mark the code page has precomposed (circumflex, breve, horn)
        # is not always the first: NFD puts a dot below before a circumflex.
        composed_one = True
        while composed_one:
            composed_one = False
            for at, mark in enumerate(marks):
                composed = unicodedata.normalize("NFC", base + mark)
                if len(composed) == 1 and encodable(composed, "cp1258"):
                    base = composed
                    del marks[at]
                    composed_one = True
                    break
        out.append(base + "".join(marks))
    return "".join(out)


LEGACY_FORMS = {
    ("ro", "windows-1250"): romanian_cedilla,
    ("ro", "ISO-8859-2"): romanian_cedilla,
    ("ro", "IBM852"): romanian_cedilla,
    ("fa", "windows-1256"): arabic_script_1256,
    ("ur", "windows-1256"): arabic_script_1256,
    ("vi", "windows-1258"): vietnamese_1258,
}


def encode(name, text):
    """The bytes of `text` in encoding `name`, with its byte-order mark."""
    codec = ENCODINGS[name][0]
    return BOMS.get(name, b"") + text.encode(codec)


def keep(name, line):
    """Whether `line` survives the round trip through the codec."""
    codec = ENCODINGS[name][0]
    try:
        if line.encode(codec).decode(codec) != line:
            return False
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False
    if ENCODINGS[name][2] != "unicode":
        if any("\x80" <= c <= "\x9f" or "\ue000" <= c <= "\uf8ff" for c in line):
            return False
        if codec == "euc_kr" and any(len(c.encode(codec)) > 2 for c in line):
            return False
    divergent = DIVERGENT_SETS.get(name, set())
    return not any(c in divergent for c in line)


def cut_line(name, line, size):
    """The longest start of `line` that fits in `size` bytes with its line
    break, ending before a space when there is one."""
    codec = ENCODINGS[name][0]
    lo, hi = 0, len(line)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if len((line[:mid] + "\n").encode(codec)) <= size:
            lo = mid
        else:
            hi = mid - 1
    head = line[:lo]
    space = head.rfind(" ")
    if space > len(head) // 2:
        head = head[:space]
    return head


def chunks(name, lines, lengths, size, start):
    """Disjoint chunks of consecutive lines, each fitting in `size` bytes,
    from line `start` to the end and then from the first line to `start`."""
    out = []
    for lo, hi in ((start, len(lines)), (0, start)):
        i = lo
        while i < hi:
            if lengths[i] > size:
                head = cut_line(name, lines[i], size)
                if head:
                    out.append([head])
                i += 1
                continue
            total, j = 0, i
            while j < hi and total + lengths[j] <= size:
                total += lengths[j]
                j += 1
            if total * 2 >= size:
                out.append(lines[i:j])
            i = j
    return out


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\r") for line in f.read().split("\n") if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--text", required=True, help="folder of <lang>.txt files")
    parser.add_argument("--out", required=True, help="folder to write into")
    parser.add_argument("--langs", default="", help="comma-separated; default all")
    parser.add_argument("--sizes", default="200,2000,20000")
    parser.add_argument("--docs", type=int, default=20, help="documents per pair and size")
    parser.add_argument("--seed", default="1")
    parser.add_argument("--stamp", default="", help="recorded in the manifest")
    args = parser.parse_args()

    available = sorted(f[:-4] for f in os.listdir(args.text) if f.endswith(".txt"))
    langs = [l for l in args.langs.split(",") if l] or available
    missing = [l for l in langs if l not in available]
    if missing:
        sys.exit(f"no text for {', '.join(missing)} in {args.text}")
    sizes = [int(s) for s in args.sizes.split(",") if s]

    os.makedirs(args.out, exist_ok=True)
    pairs, docs = [], []
    with open(os.path.join(args.out, "docs.bin.part"), "wb") as bin_out, open(
        os.path.join(args.out, "texts.txt.part"), "wb"
    ) as text_out:
        for lang in langs:
            source = read_lines(os.path.join(args.text, f"{lang}.txt"))
            for name in UNICODE + LEGACY.get(lang, []):
                codec, whatwg, family, ascii_compatible = ENCODINGS[name]
                form = LEGACY_FORMS.get((lang, name))
                lines = [form(l) if form else l for l in source]
                kept = [l for l in lines if keep(name, l)]
                pair = {
                    "lang": lang,
                    "encoding": name,
                    "codec": codec,
                    "whatwg": whatwg,
                    "family": family,
                    "legacy_form": form.__name__ if form else None,
                    "lines": len(lines),
                    "kept": len(kept),
                    "skipped": len(lines) - len(kept),
                    "built": len(kept) > 0 and len(kept) >= MIN_KEPT * len(lines),
                }
                pairs.append(pair)
                if not pair["built"]:
                    continue
                lengths = [len((l + "\n").encode(codec)) for l in kept]
                for size in sizes:
                    rng = random.Random(f"{args.seed}:{lang}:{name}:{size}")
                    all_chunks = chunks(name, kept, lengths, size - len(BOMS.get(name, b"")), rng.randrange(len(kept)))
                    chosen = rng.sample(range(len(all_chunks)), min(args.docs, len(all_chunks)))
                    for index, which in enumerate(sorted(chosen)):
                        body = "".join(l + "\n" for l in all_chunks[which])
                        variants = [("bare", None, body)]
                        if ascii_compatible:
                            right = name.split("+")[0]
                            wrong = "windows-1252" if name == "UTF-8" else "UTF-8"
                            for variant, label in (("declared", right), ("wrong", wrong)):
                                variants.append((variant, label, f'<meta charset="{label}">\n' + body))
                        for variant, label, text in variants:
                            data = encode(name, text)
                            text_bytes = text.encode("utf-8")
                            docs.append(
                                {
                                    "id": len(docs),
                                    "lang": lang,
                                    "encoding": name,
                                    "size": size,
                                    "index": index,
                                    "variant": variant,
                                    "declares": label,
                                    "offset": bin_out.tell(),
                                    "len": len(data),
                                    "text_offset": text_out.tell(),
                                    "text_len": len(text_bytes),
                                    "ascii": text.isascii(),
                                }
                            )
                            bin_out.write(data)
                            text_out.write(text_bytes)
    manifest = {
        "params": {
            "text": os.path.abspath(args.text),
            "langs": langs,
            "sizes": sizes,
            "docs": args.docs,
            "seed": args.seed,
            "stamp": args.stamp,
            "python": sys.version.split()[0],
            "made": time.strftime("%Y-%m-%dT%H:%M:%S"),
        },
        "pairs": pairs,
        "docs": docs,
    }
    for name in ("docs.bin", "texts.txt"):
        os.replace(os.path.join(args.out, name + ".part"), os.path.join(args.out, name))
    with open(os.path.join(args.out, "manifest.json.part"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, separators=(",", ":"))
    os.replace(os.path.join(args.out, "manifest.json.part"), os.path.join(args.out, "manifest.json"))
    built = [p for p in pairs if p["built"]]
    print(
        f"encoding_docs: {len(docs)} documents for {len(built)} pairs "
        f"({len(pairs) - len(built)} pairs not built) in {args.out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
