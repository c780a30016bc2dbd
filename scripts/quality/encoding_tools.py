#!/usr/bin/env python3
"""Runs the reference detectors on the `quality encoding` documents.

For every document of the manifest that encoding_docs.py wrote, asks chardet
(7.x) and charset-normalizer for the encoding, decodes the bytes with Python's
codec of that name (strictly; one leading U+FEFF, a byte-order mark, is
dropped), and records whether the result is the original text: the same
decoding-equivalent score the harness gives rinse.

Writes JSON lines: a header `{"stamp", "chardet", "charset_normalizer"}`
(the stamp is --stamp, with which the harness tells a stale file),
then one record per document:
`{"id", "chardet", "chardet_ok", "chardet_s", "cn", "cn_ok", "cn_s"}`
(guess, whether it decodes to the original, seconds spent detecting).

Run by the harness with the venv's python (scripts/quality/encoding_venv.sh
makes it); by hand:

    target/quality/venv/bin/python scripts/quality/encoding_tools.py \
        --work target/quality/encoding --out target/quality/encoding/tools.jsonl
"""

import argparse
import codecs
import json
import multiprocessing
import os
import sys
import time

import chardet
import charset_normalizer

BLOB = None
TEXTS = None


def load(work):
    global BLOB, TEXTS
    with open(os.path.join(work, "docs.bin"), "rb") as f:
        BLOB = f.read()
    with open(os.path.join(work, "texts.txt"), "rb") as f:
        TEXTS = f.read()


def chardet_guess(data):
    return chardet.detect(data, compat_names=False)["encoding"]


def cn_guess(data):
    best = charset_normalizer.from_bytes(data).best()
    return best.encoding if best is not None else None


def decodes_to(data, guess, original):
    if not guess:
        return False
    try:
        codecs.lookup(guess)
        text = data.decode(guess)
    except (LookupError, UnicodeDecodeError, ValueError):
        return False
    if text.startswith("\ufeff"):
        text = text[1:]
    return text == original


def run_one(doc):
    data = BLOB[doc["offset"] : doc["offset"] + doc["len"]]
    original = TEXTS[doc["text_offset"] : doc["text_offset"] + doc["text_len"]].decode("utf-8")
    record = {"id": doc["id"]}
    for key, detect in (("chardet", chardet_guess), ("cn", cn_guess)):
        start = time.perf_counter()
        try:
            guess = detect(data)
        except Exception as err:  # a detector's crash is its wrong answer
            guess = f"error: {type(err).__name__}"
        record[key + "_s"] = time.perf_counter() - start
        record[key] = guess
        record[key + "_ok"] = decodes_to(data, guess, original)
    return record


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", required=True, help="folder with manifest.json")
    parser.add_argument("--out", required=True, help="JSON lines file to write")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--stamp", default="", help="recorded in the header")
    args = parser.parse_args()

    with open(os.path.join(args.work, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    docs = [
        {k: d[k] for k in ("id", "offset", "len", "text_offset", "text_len")}
        for d in manifest["docs"]
    ]
    header = {
        "stamp": args.stamp,
        "chardet": chardet.__version__,
        "charset_normalizer": charset_normalizer.__version__,
    }
    started = time.time()
    part = args.out + ".part"
    with open(part, "w", encoding="utf-8") as out:
        out.write(json.dumps(header) + "\n")
        with multiprocessing.Pool(args.jobs, initializer=load, initargs=(args.work,)) as pool:
            for done, record in enumerate(pool.imap(run_one, docs, chunksize=16), 1):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                if done % 2000 == 0:
                    print(
                        f"encoding_tools: {done}/{len(docs)} documents, {time.time() - started:.0f} s",
                        file=sys.stderr,
                    )
    os.replace(part, args.out)
    print(f"encoding_tools: {len(docs)} documents in {time.time() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
