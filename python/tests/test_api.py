"""The Python API: what each method takes and gives, errors, pickling,
threads and the GIL."""

from __future__ import annotations

import concurrent.futures
import copy
import json
import pathlib
import pickle
import threading
import time

import pytest

import rinse


@pytest.fixture(scope="module")
def cleaner() -> rinse.Cleaner:
    return rinse.Cleaner()


def test_the_done_when_example(cleaner: rinse.Cleaner) -> None:
    # The library's text as is: the default pipeline ends it in a line break.
    assert cleaner.clean("cafÃ©") == "café\n"


def test_none_and_empty(cleaner: rinse.Cleaner) -> None:
    assert cleaner.clean(None) is None
    assert cleaner.clean_bytes(None) is None
    assert cleaner.explain(None) is None
    assert cleaner.clean("") == ""
    assert cleaner.clean_bytes(b"") == ""
    assert cleaner.clean_batch([]) == []
    assert cleaner.clean_batch([None, "", None]) == [None, "", None]


def test_wrong_types_are_type_errors(cleaner: rinse.Cleaner) -> None:
    with pytest.raises(TypeError, match="clean_bytes"):
        cleaner.clean(b"bytes")
    with pytest.raises(TypeError, match="use clean for str"):
        cleaner.clean_bytes("text")
    with pytest.raises(TypeError, match="item 1"):
        cleaner.clean_batch(["ok", 3])
    with pytest.raises(TypeError, match="a batch"):
        cleaner.clean_batch("one text")


def test_bytes_are_decoded(cleaner: rinse.Cleaner) -> None:
    assert cleaner.clean_bytes(b"\xef\xbb\xbfHello  \r\nworld") == "Hello\nworld\n"
    assert cleaner.clean_bytes(bytearray(b"caf\xc3\xa9")) == "café\n"
    assert cleaner.clean_bytes(memoryview(b"caf\xc3\xa9")) == "café\n"
    arabic = "مرحبا بالعالم، هذه جملة عربية طويلة بما يكفي لكشف الترميز.".encode("windows-1256")
    assert cleaner.clean_bytes(arabic).startswith("مرحبا")
    assert rinse.Cleaner(encoding="windows-1252").clean_bytes(b"caf\xe9") == "café\n"


def test_surrogates_are_read_as_utf16(cleaner: rinse.Cleaner) -> None:
    # A pair in a row (as json.loads leaves escaped halves) is the character
    # it encodes; a lone surrogate becomes U+FFFD. No error.
    assert cleaner.clean("a\ud83d\ude00b") == "a\U0001f600b\n"
    assert cleaner.clean("lone \udc80 high \ud800") == "lone \ufffd high \ufffd\n"
    assert cleaner.clean_batch(["x\udcff"]) == ["x\ufffd"]
    assert cleaner.clean_field("x\udcff") == "x\ufffd"
    assert cleaner.explain("\ud800")["text"] == "\ufffd\n"


def test_huge_document(cleaner: rinse.Cleaner) -> None:
    line = "Satz {} ist ganz gewöhnlich, mit cafÃ© und etwas mehr Text darin.  \n"
    text = "".join(line.format(i) for i in range(500_000))  # 38 MB
    cleaned = cleaner.clean(text)
    fixed = line.replace("Ã©", "é").replace("  \n", "\n")
    assert cleaned == "".join(fixed.format(i) for i in range(500_000))
    assert cleaner.clean_batch([text, None])[0] == cleaned


def test_explain(cleaner: rinse.Cleaner) -> None:
    report = cleaner.explain("date 2024-03-23 cafÃ©  \n\n\n1 comment\n")
    assert report["text"] == "café\n"
    assert report["changed"] is True
    assert report["metadata"] == {"date": "2024-03-23"}
    assert report["encoding"]["name"] == "UTF-8"
    steps = [change["step"] for change in report["changes"]]
    assert steps[:2] == ["mojibake", "trailing-whitespace"]
    assert "boilerplate" in steps
    first = report["changes"][0]
    assert set(first) == {"step", "line", "action", "count", "before", "after", "reason"}
    assert first["before"].endswith("cafÃ©  ") and first["after"].endswith("café  ")
    json.dumps(report)  # plain data
    assert cleaner.explain("plain\n")["changed"] is False
    assert cleaner.explain(b"caf\xe9")["encoding"]["name"] == "windows-1252"


def test_config_forms_and_the_cli_order(tmp_path: pathlib.Path) -> None:
    text = "A paragraph of the article that is long enough to count.  \n1 comment\n"
    kept = "A paragraph of the article that is long enough to count.\n1 comment\n"
    assert rinse.Cleaner(preset="fix").clean(text) == kept
    assert rinse.Cleaner('preset = "fix"').clean(text) == kept
    assert rinse.Cleaner({"preset": "fix"}).clean(text) == kept
    path = tmp_path / "rinse.toml"
    path.write_text('[steps]\nboilerplate = false\n')
    assert rinse.Cleaner(path).clean(text) == kept
    assert rinse.Cleaner(disable="boilerplate").clean(text) == kept
    assert rinse.Cleaner(disable=["boilerplate"]).clean(text) == kept
    # enable comes after the preset and wins, as on the command line
    assert rinse.Cleaner({"preset": "fix"}, enable="boilerplate").clean(text) == kept.replace(
        "1 comment\n", ""
    )
    assert "case-fold" in rinse.Cleaner(enable="case-fold").steps
    assert "boilerplate" not in rinse.Cleaner(preset="fix").steps
    phrases = {"boilerplate": {"add": ["Sponsored by ACME"]}}
    assert rinse.Cleaner(phrases).clean(kept + "Sponsored by ACME\n") == kept.replace(
        "1 comment\n", ""
    )
    assert [s["name"] for s in rinse.steps()][0] == "decode"
    assert {s["default"] for s in rinse.steps()} == {"always", "on", "off"}


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"disable": "decode"}, "step `decode` cannot be switched off"),
        ({"enable": "nfc"}, "unknown step `nfc`"),
        ({"preset": "nope"}, "unknown preset `nope` (use `full` or `fix`)"),
        ({"encoding": "klingon"}, "unknown encoding `klingon`"),
        ({"encoding": "hz-gb-2312"}, "is not supported"),
        ({"config": "encodng = 1"}, "invalid config: unknown field `encodng`"),
        ({"config": {"steps": {"nfc": False}}}, "unknown step `nfc`"),
        ({"config": {"boilerplate": {"add": [" -- "]}}}, "no letter or digit"),
    ],
)
def test_errors_carry_the_cli_messages(kwargs: dict, message: str) -> None:
    config = kwargs.pop("config", None)
    with pytest.raises(rinse.ConfigError) as raised:
        rinse.Cleaner(config, **kwargs)
    assert message in str(raised.value)
    assert isinstance(raised.value, rinse.RinseError)
    assert isinstance(raised.value, ValueError)


def test_config_file_errors_name_the_file(tmp_path: pathlib.Path) -> None:
    with pytest.raises(OSError, match=r"(?i)no-such\.toml: no such file"):
        rinse.Cleaner(tmp_path / "no-such.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[steps]\nnfc = false\n")
    with pytest.raises(rinse.ConfigError, match=r"bad\.toml: unknown step `nfc`"):
        rinse.Cleaner(bad)
    with pytest.raises(TypeError):
        rinse.Cleaner(42)
    with pytest.raises(ValueError, match="threads"):
        rinse.Cleaner(threads=0)


def test_pickling_rebuilds_the_same_cleaner(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "rinse.toml"
    path.write_text('preset = "fix"\n')
    original = rinse.Cleaner(path, enable="case-fold", disable="normalize", threads=3)
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        copied = pickle.loads(pickle.dumps(original, protocol=protocol))
        assert isinstance(copied, rinse.Cleaner)
        assert copied.steps == original.steps
        assert copied.threads_default == 3
        assert repr(copied) == repr(original)
    path.unlink()  # the copy carries the file's text, not its name only
    copied = pickle.loads(pickle.dumps(original))
    assert copied.clean("Hello  \n1 comment") == "hello\n1 comment\n"
    assert copy.deepcopy(original).steps == original.steps
    pickle.loads(pickle.dumps(rinse.ConfigError("x")))


def test_one_cleaner_many_threads(cleaner: rinse.Cleaner) -> None:
    from conftest import corpus_texts

    texts = [text for _, text in corpus_texts()] * 20
    expected = [cleaner.clean(text) for text in texts]
    # A batch's texts are records' fields: each is its document but for a
    # line break added at the end.
    fields = cleaner.clean_batch(texts, threads=1)
    assert all(d in (f, f + "\n") for d, f in zip(expected, fields))
    assert any(d != f for d, f in zip(expected, fields))
    assert fields == [cleaner.clean_field(text) for text in texts]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(cleaner.clean, texts)) == expected
        halves = [texts[: len(texts) // 2], texts[len(texts) // 2 :]]
        batches = list(pool.map(cleaner.clean_batch, halves * 4))
    for i, batch in enumerate(batches):
        assert batch == (fields[: len(texts) // 2] if i % 2 == 0 else fields[len(texts) // 2 :])


def test_the_gil_is_released_while_a_batch_is_cleaned(cleaner: rinse.Cleaner) -> None:
    from conftest import corpus_texts

    texts = [text for _, text in corpus_texts()]
    batch = texts * max(1, 60_000_000 // sum(map(len, texts)))  # ~60 MB: about a second
    done = threading.Event()
    span = {}

    def clean() -> None:
        span["start"] = time.perf_counter()
        cleaner.clean_batch(batch, threads=1)
        span["end"] = time.perf_counter()
        done.set()

    worker = threading.Thread(target=clean)
    ticks = []
    worker.start()
    while not done.is_set():  # Python work on this thread meanwhile
        ticks.append(time.perf_counter())
        sum(range(200))
    worker.join()
    duration = span["end"] - span["start"]
    inside = [t for t in ticks if span["start"] <= t <= span["end"]]
    assert duration > 0.2, duration
    # Had the batch held the GIL, this thread would have stood still for the
    # whole batch; it ran all along, held up at most for a switch interval.
    gaps = [b - a for a, b in zip(inside, inside[1:])]
    assert len(inside) > 1000, len(inside)
    assert max(gaps) < duration / 4, (max(gaps), duration)


def test_threads_argument(cleaner: rinse.Cleaner) -> None:
    texts = ["cafÃ©  ", None, "x"] * 1000
    assert cleaner.clean_batch(texts, threads=1) == cleaner.clean_batch(texts, threads=2)
    with pytest.raises(ValueError, match="threads"):
        cleaner.clean_batch(texts, threads=0)
    assert rinse.Cleaner().threads_default >= 1


def test_records(cleaner: rinse.Cleaner) -> None:
    line = '{"id":7,"text":"caf\\u00c3\\u00a9  ","tags":["x"]}'
    cleaned = cleaner.clean_record(line)
    assert cleaned.startswith('{"id":7,"text":"café","tags":["x"],"metadata":{"rinse":')
    assert cleaner.clean_record(line.encode()) == cleaned
    with pytest.raises(rinse.RecordError, match="no field `body`"):
        cleaner.clean_record(line, "body")
    with pytest.raises(rinse.RecordError, match="not a JSON object"):
        cleaner.clean_record("[1]")
    records, errors = cleaner.clean_records([line, "nope", None, '{"text": 1}'])
    assert records == [cleaned, None, None, None]
    assert errors[0] is None and errors[2] is None
    assert errors[1].startswith("not a JSON object") and errors[3] == "field `text` is not a string"


def test_typing_files_ship() -> None:
    package = pathlib.Path(rinse.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "__init__.pyi").exists()
    assert rinse.__version__
    assert rinse.Cleaner.clean.__doc__ and rinse.Cleaner.clean_batch.__doc__


def test_the_stub_covers_the_api() -> None:
    import ast

    stub = ast.parse((pathlib.Path(rinse.__file__).parent / "__init__.pyi").read_text())
    classes = {node.name: node for node in stub.body if isinstance(node, ast.ClassDef)}
    stubbed = {
        node.name
        for node in classes["Cleaner"].body
        if isinstance(node, ast.FunctionDef)
    }
    public = {name for name in dir(rinse.Cleaner) if not name.startswith("_")}
    assert public <= stubbed, public - stubbed
    assert set(rinse.__all__) - {"__version__"} <= set(classes) | {"steps"}
