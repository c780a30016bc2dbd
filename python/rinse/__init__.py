"""rinse: clean text scraped from the web, every change explained.

Build a :class:`Cleaner` once and clean as many documents as you like, from
as many threads as you like::

    import rinse

    cleaner = rinse.Cleaner()
    cleaner.clean("cafÃ©  \\r\\n")          # 'café\\n'
    cleaner.clean_batch(["cafÃ©", None])   # ['café\\n', None]

The extension module ``rinse._rinse`` does the work (the Rust library, with
the GIL released); ``rinse.ray`` and ``rinse.spark`` hold small helpers for
Ray Data and Spark, imported only when used.
"""

from rinse._rinse import (
    ArrowArray,
    Cleaner,
    ConfigError,
    RecordError,
    RinseError,
    __version__,
    steps,
)

__all__ = [
    "ArrowArray",
    "Cleaner",
    "ConfigError",
    "RecordError",
    "RinseError",
    "__version__",
    "steps",
]
