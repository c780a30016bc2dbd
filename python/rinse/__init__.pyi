"""rinse: clean text scraped from the web, every change explained."""

from __future__ import annotations

import os
from typing import Any, Iterable, Mapping, Optional, Sequence, Tuple, Union, overload

__version__: str

_Text = Union[str, bytes, bytearray, memoryview]
_Config = Union[str, Mapping[str, Any], "os.PathLike[str]", None]

class RinseError(ValueError):
    """Base class of the errors rinse raises."""

class ConfigError(RinseError):
    """A configuration rinse refuses: an unknown step, preset, encoding or key,
    a step that cannot be switched off, invalid TOML. The message is the one
    the command line prints (``rinse: <message>``)."""

class RecordError(RinseError):
    """A JSON Lines record that cannot be cleaned (not a JSON object, no text
    field, a text field that is not a string). The message is the ``error``
    that ``rinse clean --jsonl --reject`` writes."""

class ArrowArray:
    """An Arrow array made by rinse, returned instead of a ``pyarrow.Array``
    when pyarrow is not installed. Any Arrow library imports it without
    copying through the Arrow PyCapsule interface (``__arrow_c_array__``)."""

    def __arrow_c_array__(self, requested_schema: object = None) -> Tuple[object, object]: ...
    def __len__(self) -> int: ...

def steps() -> list[dict[str, str]]:
    """Every step rinse knows, in pipeline order, as ``{"name", "stage",
    "default", "summary"}`` dicts (``default`` is ``"always"``, ``"on"`` or
    ``"off"``): what ``rinse steps`` prints."""

class Cleaner:
    """A compiled cleaning pipeline: build it once, clean many documents.

    ``config`` is the configuration the command line reads from
    ``rinse.toml``: TOML text (``str``), a ``dict`` of the same shape
    (``{"preset": "fix", "steps": {"boilerplate": False}}``), a path
    (``pathlib.Path``) to such a file, or ``None`` for the defaults. The
    keyword arguments apply on top of it in the command line's order:
    ``preset`` (``"full"`` or ``"fix"``), ``encoding`` (force a decoding, a
    WHATWG label), ``disable``, then ``enable`` (step names, one ``str`` or
    an iterable). An unknown step, preset, encoding or key raises
    :class:`ConfigError` with the command line's message; an unreadable
    file raises ``OSError``.

    ``threads`` is how many threads a batch is cleaned on when a call does
    not say (default: one per core this process may run on, as
    ``os.sched_getaffinity`` and the cgroup quota allow).

    A cleaner is thread-safe (every method releases the GIL while it
    cleans) and picklable: it pickles as the settings it was built from and
    is compiled again where it is unpickled, so Ray and Spark can ship it
    to their workers.
    """

    def __init__(
        self,
        config: _Config = None,
        *,
        preset: Optional[str] = None,
        enable: Union[str, Iterable[str], None] = None,
        disable: Union[str, Iterable[str], None] = None,
        encoding: Optional[str] = None,
        threads: Optional[int] = None,
    ) -> None: ...
    @property
    def steps(self) -> list[str]:
        """The names of the steps this cleaner runs, in pipeline order."""
    @property
    def threads_default(self) -> int:
        """The threads a batch uses when a call gives none."""
    @overload
    def clean(self, text: str, /) -> str: ...
    @overload
    def clean(self, text: None, /) -> None: ...
    def clean(self, text: Optional[str], /) -> Optional[str]:
        """The cleaned text, exactly as the library (and ``rinse clean``)
        produces it: with the default steps it ends in one line break
        (``"café\\n"``) unless it is empty. ``None`` gives ``None``.

        A leading U+FEFF is taken as a byte-order mark and removed. A ``str``
        holding surrogates (which UTF-8 cannot carry, from
        ``json.loads('"\\\\ud83d"')`` or a ``surrogateescape`` decoding) is
        read as UTF-16: a high and a low surrogate in a row become the
        character they encode, and a lone surrogate becomes U+FFFD; no error
        is raised.
        """
    @overload
    def clean_bytes(self, data: Union[bytes, bytearray, memoryview], /) -> str: ...
    @overload
    def clean_bytes(self, data: None, /) -> None: ...
    def clean_bytes(
        self, data: Union[bytes, bytearray, memoryview, None], /
    ) -> Optional[str]:
        """The cleaned text of bytes in any encoding: the byte-order mark,
        declaration or detection decides the encoding (or the cleaner's
        ``encoding``), and malformed bytes become U+FFFD."""
    @overload
    def clean_field(self, text: _Text, /) -> str: ...
    @overload
    def clean_field(self, text: None, /) -> None: ...
    def clean_field(self, text: Optional[_Text], /) -> Optional[str]:
        """One text (``str``, or bytes in any encoding) cleaned as a record's
        field, as :meth:`clean_batch` and ``rinse clean --jsonl`` clean each
        text: as :meth:`clean` or :meth:`clean_bytes`, except that no line
        break is added at its end where it has none (``"café"``, not
        ``"café\\n"``)."""
    def explain(self, text: Optional[_Text], /) -> Optional[dict[str, Any]]:
        """Cleans ``text`` (``str`` or bytes) and returns what happened as
        plain Python data::

            {"text": "café\\n", "changed": True, "metadata": {},
             "encoding": {"name": "UTF-8", "decided_by": "...", "bom": False, "malformed": 0},
             "scripts": {"dominant": "Latin", "letters": [...], "mixed_lines": [...]},
             "steps": [{"step": "mojibake", "changes": 1, "occurrences": 1}, ...],
             "changes": [{"step": "mojibake", "line": 1, "action": "replaced", "count": 1,
                          "before": "cafÃ©", "after": "café", "reason": "..."}, ...]}

        the fields of the library's ``Report`` (as ``rinse clean --report``
        writes them), with the cleaned text, whether it changed, and the
        metadata moved out of it. ``None`` gives ``None``.
        """
    @overload
    def clean_batch(
        self, texts: Sequence[Optional[_Text]], /, *, threads: Optional[int] = None
    ) -> list[Optional[str]]: ...
    @overload
    def clean_batch(self, texts: Any, /, *, threads: Optional[int] = None) -> Any: ...
    def clean_batch(self, texts: Any, /, *, threads: Optional[int] = None) -> Any:
        """Cleans a batch of documents on ``threads`` threads (default: the
        cleaner's), with the GIL released.

        - A ``list`` (or any iterable) of ``str``, bytes or ``None`` gives a
          ``list`` of ``str`` or ``None``.
        - A ``pyarrow.Array``, or anything with ``__arrow_c_array__``, of
          ``string``, ``large_string``, ``string_view`` or a binary type
          (bytes in any encoding) gives a ``pyarrow.Array`` of the text type
          of the same width (a ``rinse.ArrowArray`` without pyarrow). The
          input's buffers are read in place, not copied.
        - A ``pyarrow.ChunkedArray``, or anything with
          ``__arrow_c_stream__``, gives a ``pyarrow.ChunkedArray`` with the
          same chunks.

        ``None`` and Arrow nulls stay null. Each text is cleaned as a
        record's field, as ``rinse clean --jsonl`` cleans a record: as
        :meth:`clean` (or :meth:`clean_bytes`) cleans it, except that no line
        break is added at its end where it has none (``"café"``, not
        ``"café\\n"``); blank lines at its end are still dropped.
        """
    def clean_table(
        self,
        table: Any,
        /,
        column: str = "text",
        *,
        report_column: Optional[str] = None,
        threads: Optional[int] = None,
    ) -> Any:
        """A ``pyarrow.Table`` (from a ``Table``, a ``RecordBatch`` or
        anything with ``__arrow_c_stream__``) with ``column`` cleaned as
        :meth:`clean_batch` cleans it, every other column untouched.

        With ``report_column``, a struct column of that name (added, or
        replaced) says per document: ``changed`` (bool), ``steps``
        (map of step name to occurrences, for the steps that changed
        something), ``lines_removed`` (lines the junk-line and blank-line
        steps removed), ``encoding`` (the decoding), ``language`` (the
        cleaned text's language when identified reliably, else null) and
        ``metadata`` (map: what steps moved out of the text). It is null
        where the text is null.
        """
    def clean_record(self, line: Union[str, bytes], /, field: str = "text") -> str:
        """Cleans the ``field`` of one JSON Lines record and returns the
        record as one line of JSON (without line break): exactly what
        ``rinse clean --jsonl`` writes for it, byte for byte (fields in
        their order, the summary under ``metadata.rinse``). Raises
        :class:`RecordError` for a line that is not such a record."""
    def clean_records(
        self,
        lines: Iterable[Union[str, bytes, None]],
        /,
        field: str = "text",
        *,
        threads: Optional[int] = None,
    ) -> Tuple[list[Optional[str]], list[Optional[str]]]:
        """:meth:`clean_record` over many lines on ``threads`` threads:
        ``(cleaned, errors)``, two lists as long as ``lines``. For each
        line, either ``cleaned`` holds the record and ``errors`` ``None``,
        or ``cleaned`` holds ``None`` and ``errors`` the message
        ``rinse clean --jsonl --reject`` writes. A ``None`` line gives
        ``None`` in both."""
    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]: ...
