"""Ray Data helpers: callable classes for ``Dataset.map_batches``.

::

    import ray, rinse.ray

    ds = ray.data.read_json("corpus.jsonl")
    ds = ds.map_batches(
        rinse.ray.CleanBatch,
        batch_format="pyarrow",
        fn_constructor_kwargs={"config": {"preset": "fix"}, "report_column": "rinse"},
        concurrency=2,
    )
    ds.write_parquet("cleaned/")

Each actor builds its :class:`rinse.Cleaner` once (the configuration is
checked when the actor starts) and cleans every batch it is given on the
CPUs Ray assigned to it (``num_cpus=`` of ``map_batches``), with the GIL
released.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional, Union

import rinse

__all__ = ["CleanBatch", "CleanRecords"]


def assigned_cpus() -> Optional[int]:
    """The CPUs Ray assigned to the current task or actor (at least 1), or
    ``None`` outside Ray."""
    try:
        import ray

        if not ray.is_initialized():
            return None
        cpus = ray.get_runtime_context().get_assigned_resources().get("CPU")
    except Exception:  # not in a Ray worker, or an older Ray
        return None
    if not cpus:
        return None
    return max(1, int(round(cpus)))


def _cleaner(
    config: Any,
    preset: Optional[str],
    enable: Union[str, Iterable[str], None],
    disable: Union[str, Iterable[str], None],
    encoding: Optional[str],
    threads: Optional[int],
) -> rinse.Cleaner:
    return rinse.Cleaner(
        config,
        preset=preset,
        enable=enable,
        disable=disable,
        encoding=encoding,
        threads=threads or assigned_cpus(),
    )


def _table(batch: Any) -> Any:
    import pyarrow as pa

    if isinstance(batch, pa.Table):
        return batch
    if isinstance(batch, pa.RecordBatch):
        return pa.Table.from_batches([batch])
    if hasattr(batch, "__arrow_c_stream__"):
        return pa.table(batch)
    if type(batch).__name__ == "DataFrame":  # pandas, with batch_format="pandas"
        return pa.Table.from_pandas(batch, preserve_index=False)
    if isinstance(batch, Mapping):  # batch_format="numpy": a dict of arrays
        return pa.table({name: pa.array(list(values)) for name, values in batch.items()})
    raise TypeError(f"rinse.ray: cannot read a batch of type {type(batch).__name__}")


class CleanBatch:
    """Cleans the ``column`` of each batch (``batch_format="pyarrow"`` is the
    fast path; pandas and numpy batches are converted to Arrow first), and
    returns a ``pyarrow.Table``: :meth:`rinse.Cleaner.clean_table`.

    The arguments are those of :class:`rinse.Cleaner` (``config``,
    ``preset``, ``enable``, ``disable``, ``encoding``, ``threads``; threads
    default to the CPUs Ray assigned to the actor) and of ``clean_table``
    (``column``, ``report_column``).
    """

    def __init__(
        self,
        config: Any = None,
        *,
        column: str = "text",
        report_column: Optional[str] = None,
        preset: Optional[str] = None,
        enable: Union[str, Iterable[str], None] = None,
        disable: Union[str, Iterable[str], None] = None,
        encoding: Optional[str] = None,
        threads: Optional[int] = None,
    ) -> None:
        self.cleaner = _cleaner(config, preset, enable, disable, encoding, threads)
        self.column = column
        self.report_column = report_column

    def __call__(self, batch: Any) -> Any:
        return self.cleaner.clean_table(
            _table(batch), self.column, report_column=self.report_column
        )


class CleanRecords:
    """Cleans JSON Lines records held as lines of text (``ray.data.read_text``
    gives them in a column ``text``): each line becomes exactly the line
    ``rinse clean --jsonl`` writes for it (:meth:`rinse.Cleaner.clean_record`),
    so the output equals the command line's byte for byte.

    A line that is not a record gives a null in ``column`` and the reason in
    ``error_column`` (null for the others), as ``--reject`` would record it;
    blank lines (which the command line skips) give nulls in both.
    """

    def __init__(
        self,
        config: Any = None,
        *,
        column: str = "text",
        field: str = "text",
        error_column: str = "rinse_error",
        preset: Optional[str] = None,
        enable: Union[str, Iterable[str], None] = None,
        disable: Union[str, Iterable[str], None] = None,
        encoding: Optional[str] = None,
        threads: Optional[int] = None,
    ) -> None:
        self.cleaner = _cleaner(config, preset, enable, disable, encoding, threads)
        self.column = column
        self.field = field
        self.error_column = error_column

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        table = _table(batch)
        lines = [
            None if line is None or not line.strip() else line
            for line in table.column(self.column).to_pylist()
        ]
        cleaned, errors = self.cleaner.clean_records(lines, self.field)
        index = table.schema.get_field_index(self.column)
        table = table.set_column(index, self.column, pa.array(cleaned, pa.string()))
        return table.append_column(self.error_column, pa.array(errors, pa.string()))
