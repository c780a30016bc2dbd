"""Spark helpers: functions for ``DataFrame.mapInArrow``.

::

    import rinse.spark

    cleaned = df.mapInArrow(
        rinse.spark.clean_arrow({"preset": "fix"}, column="text"),
        df.schema,
    )

With ``report_column``, the output schema gains a struct column:
``rinse.spark.output_schema(df.schema, report_column="rinse")`` gives it.
The :class:`rinse.Cleaner` is built (and its configuration checked) on the
driver, pickled as its settings and compiled again on each executor.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Optional, Union

import rinse

__all__ = ["REPORT_DDL", "clean_arrow", "output_schema"]

#: The Spark type of the summary column ``clean_table(report_column=...)`` adds.
REPORT_DDL = (
    "struct<changed: boolean, steps: map<string, bigint>, lines_removed: bigint, "
    "encoding: string, language: string, metadata: map<string, string>>"
)


def task_cpus() -> Optional[int]:
    """The CPUs Spark gives the current task (``spark.task.cpus``), or
    ``None`` outside a Spark task."""
    try:
        from pyspark import TaskContext

        context = TaskContext.get()
        return max(1, int(context.cpus())) if context is not None else None
    except Exception:
        return None


def clean_arrow(
    config: Any = None,
    *,
    column: str = "text",
    report_column: Optional[str] = None,
    preset: Optional[str] = None,
    enable: Union[str, Iterable[str], None] = None,
    disable: Union[str, Iterable[str], None] = None,
    encoding: Optional[str] = None,
    threads: Optional[int] = None,
) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """A function for ``df.mapInArrow(function, schema)`` that cleans
    ``column`` of every record batch (and adds ``report_column``, see
    :meth:`rinse.Cleaner.clean_table`). Threads default to the task's CPUs
    (``spark.task.cpus``, 1 unless set)."""
    cleaner = rinse.Cleaner(
        config, preset=preset, enable=enable, disable=disable, encoding=encoding
    )

    def clean(batches: Iterator[Any]) -> Iterator[Any]:
        cpus = threads or task_cpus()
        for batch in batches:
            table = cleaner.clean_table(
                batch, column, report_column=report_column, threads=cpus
            )
            yield from table.to_batches()

    return clean


def output_schema(schema: Any, *, report_column: Optional[str] = None) -> Any:
    """The schema of ``clean_arrow``'s output for an input of ``schema``
    (a ``pyspark.sql.types.StructType``): the same, plus ``report_column``."""
    if report_column is None:
        return schema
    from pyspark.sql.types import StructType, _parse_datatype_string

    fields = [field for field in schema.fields if field.name != report_column]
    out = StructType(fields)
    return out.add(report_column, _parse_datatype_string(REPORT_DDL), nullable=True)
