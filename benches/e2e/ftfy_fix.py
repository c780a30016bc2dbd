"""ftfy's fix_text over a file, the way one would run it on a big file.

    python ftfy_fix.py FILE > OUT

Reads FILE whole and decodes it as UTF-8 (a file that is not UTF-8 goes
through ftfy.guess_bytes, which knows UTF-16, MacRoman and windows-1252,
not legacy Cyrillic: ftfy is no encoding detector). Then calls
ftfy.fix_text (default settings) on chunks of whole lines of about 1 MB
and writes each result to standard output as UTF-8. fix_text itself works
line by line, so the chunking only bounds memory.
"""

import sys

import ftfy

CHUNK = 1 << 20


def main() -> None:
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, _ = ftfy.guess_bytes(data)
    del data
    out = sys.stdout.buffer
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos + CHUNK)
        end = len(text) if end < 0 else end + 1
        out.write(ftfy.fix_text(text[pos:end]).encode("utf-8", "surrogatepass"))
        pos = end
    out.flush()


if __name__ == "__main__":
    main()
