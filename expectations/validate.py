"""Validate a raw table against its Great Expectations suite and explain any failure.

One suite per catalog source: the structural expectations its catalog entry implies
(`expectations.structure`: columns, key, row count), then the value rules of
`expectations/suites/<source_id>.json` (GX 1.x ExpectationSuite JSON). `validate` runs it on a
polars frame (as loaded into `raw.<source_id>`) through an in-process ephemeral GX context and returns a `ValidationReport` whose `message()` names the column, the rule,
example values and - for row-level rules - the `_row_number`s (rows in the published file) at fault.

GX is imported lazily (the import takes seconds) with its analytics switched off first; the context,
pandas datasource, dataframe asset and batch definition are built once per process and reused.
"""

from __future__ import annotations

import copy
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from expectations.structure import PUBLISHER_ROW_COUNT, structural_expectations
from ingest.catalog import PROVENANCE_COLUMNS as PROVENANCE
from ingest.catalog import ROW_NUMBER, get_source, source_ids

if TYPE_CHECKING:
    import great_expectations as gx
    from great_expectations.core.batch_definition import BatchDefinition
    from great_expectations.core.expectation_validation_result import (
        ExpectationValidationResult,
    )

SUITES_DIR = Path(__file__).resolve().parent / "suites"
# Added when a frame is loaded into DuckDB; not published columns, so not validated.
PROVENANCE_COLUMNS = tuple(name for name, _ in PROVENANCE)
# Expectations whose meta carries PUBLISHER_ROW_COUNT check a count fixed by the publisher; the
# synthetic demo files are smaller, so these are skipped for them.
PUBLISHER_VALUES = "publisher_values"

MAX_EXAMPLE_VALUES = 3
MAX_ROWS_PER_VALUE = 5
_SCAN_ROWS = 200  # failing rows looked at when picking examples

_GX_LOCK = threading.RLock()
_GX_STATE: dict[str, Any] = {}


_UNIQUE = ("expect_column_values_to_be_unique", "expect_compound_columns_to_be_unique")


class SuiteError(Exception):
    """A suite file is missing, unreadable, or has expectations GX would not build."""


# --------------------------------------------------------------------------------------------------
# Suites


def suite_ids() -> tuple[str, ...]:
    """The source ids that have a suite file, sorted."""
    return tuple(sorted(path.stem for path in SUITES_DIR.glob("*.json")))


@cache
def _suite_json(source_id: str) -> dict[str, Any]:
    """The suite file's value rules after the catalog's structural expectations for the source."""
    path = SUITES_DIR / f"{source_id}.json"
    if not path.is_file():
        raise SuiteError(
            f"{source_id}: no expectation suite at {path}; suites exist for: {', '.join(suite_ids())}"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SuiteError(f"{source_id}: {path.name} is not valid JSON: {exc}") from exc
    if data.get("name") != source_id:
        raise SuiteError(f"{source_id}: {path.name} names suite {data.get('name')!r}, not the file")
    if not isinstance(data.get("expectations"), list):
        raise SuiteError(f"{source_id}: {path.name} has no list of expectations")
    for index, expectation in enumerate(data["expectations"]):
        if not (
            isinstance(expectation, dict)
            and isinstance(expectation.get("type"), str)
            and isinstance(expectation.get("kwargs"), dict)
        ):
            raise SuiteError(
                f"{source_id}: {path.name}: expectation #{index} is not an object with a 'type' "
                "and 'kwargs'"
            )
    structural = _structural(source_id)
    restated = [
        (index, e["type"], e["kwargs"])
        for index, e in enumerate(data["expectations"])
        if _restates_catalog(source_id, e)
    ]
    if restated:
        raise SuiteError(
            f"{source_id}: {path.name} restates what the catalog says (column existence, key "
            f"uniqueness, row count): {restated}; the catalog entry is their one home"
        )
    data["expectations"] = structural + data["expectations"]
    if not data["expectations"]:
        raise SuiteError(f"{source_id}: {path.name} has no expectations")
    return data


def _structural(source_id: str) -> list[dict[str, Any]]:
    return structural_expectations(get_source(source_id)) if source_id in source_ids() else []


def _restates_catalog(source_id: str, expectation: dict[str, Any]) -> bool:
    """Rules whose only home is the catalog entry: a column's existence, the row count and the
    key's uniqueness (with any arguments, so a suite cannot contradict the catalog either)."""
    if expectation["type"] in ("expect_column_to_exist", "expect_table_row_count_to_equal"):
        return True
    if source_id not in source_ids() or expectation["type"] not in _UNIQUE:
        return False
    kwargs = expectation["kwargs"]
    columns = kwargs.get("column_list") or [kwargs.get("column")]
    return list(columns) == list(get_source(source_id).key)


def suite_json(source_id: str) -> dict[str, Any]:
    """The whole suite: structural expectations, then the file's (a fresh copy; callers may modify
    it)."""
    return copy.deepcopy(_suite_json(source_id))


def _is_publisher_row_count(expectation: dict[str, Any]) -> bool:
    """True for expectations that pin the real file (its row count, or values such as the funder's
    own identifier), which synthetic demo files in the same layout cannot meet."""
    meta = expectation.get("meta") or {}
    return bool(meta.get(PUBLISHER_ROW_COUNT) or meta.get(PUBLISHER_VALUES))


def load_suite(source_id: str, *, synthetic: bool = False) -> gx.ExpectationSuite:
    """Build the GX suite for `source_id`: the catalog's structural expectations and the file's.

    GX logs and drops an expectation it cannot build instead of raising, which would silently weaken
    the check; the built suite's size is compared with the expectations given and any difference is
    an error.
    With `synthetic=True` the expectations that pin the real file (meta `publisher_row_count` or
    `publisher_values`) are left out.
    """
    data = suite_json(source_id)
    if synthetic:
        data["expectations"] = [e for e in data["expectations"] if not _is_publisher_row_count(e)]
    _import_gx()
    import great_expectations as gx

    wanted = len(data["expectations"])
    suite = gx.ExpectationSuite(
        name=data["name"],
        expectations=data["expectations"],
        meta=data.get("meta"),
        notes=data.get("notes"),
    )
    if len(suite.expectations) != wanted:
        raise SuiteError(
            f"{source_id}: suite file has {wanted} expectation(s) but GX built "
            f"{len(suite.expectations)}; invalid: {_invalid_expectations(data['expectations'])}"
        )
    return suite


def _invalid_expectations(expectations: list[dict[str, Any]]) -> str:
    from great_expectations.exceptions import GreatExpectationsError
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    problems = []
    for index, expectation in enumerate(expectations):
        try:
            ExpectationConfiguration(**expectation).to_domain_obj()
        # Unknown types and bad kwargs raise GX errors; pydantic's ValidationError is a ValueError.
        except (GreatExpectationsError, ValueError, TypeError) as exc:
            problems.append(
                f"#{index} {expectation.get('type')!r} {expectation.get('kwargs')}: {exc}"
            )
    return "; ".join(problems) or "(could not tell which)"


# --------------------------------------------------------------------------------------------------
# GX context (one per process)


def _import_gx() -> None:
    # Before the first import: no analytics events, whatever the environment says.
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    import great_expectations  # noqa: F401


def _batch_definition() -> BatchDefinition:
    """The whole-dataframe batch definition on a cached ephemeral context."""
    with _GX_LOCK:
        if "batch_definition" not in _GX_STATE:
            _import_gx()
            import great_expectations as gx
            from great_expectations.data_context.types.base import (
                DataContextConfig,
                InMemoryStoreBackendDefaults,
                ProgressBarsConfig,
            )

            config = DataContextConfig(
                store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
                analytics_enabled=False,
                progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
            )
            context = gx.get_context(mode="ephemeral", project_config=config)
            datasource = context.data_sources.add_pandas("placeindex_raw")
            asset = datasource.add_dataframe_asset("raw_table")
            _GX_STATE["context"] = context
            _GX_STATE["batch_definition"] = asset.add_batch_definition_whole_dataframe("whole")
        return _GX_STATE["batch_definition"]


@contextmanager
def _configurations_built_once() -> Iterator[None]:
    """While one suite runs, each expectation's `configuration` is built once, not per lookup.

    GX 1.x rebuilds an expectation's `ExpectationConfiguration` (a pydantic `dict()` and a new
    object) every time the property is read, and reads it once per domain, success and runtime
    key while it plans the metric graph: about 3,000 rebuilds a suite, a third of all validation
    time (`bench/gx_validate.py`). Nothing changes an expectation during `batch.validate`, and GX
    reads the configuration without modifying it, so the first build is reused until the run
    ends; outside a run the property is GX's own. Runs hold `_GX_LOCK`, so no other thread sees
    the swap.
    """
    from great_expectations.expectations.expectation import Expectation

    original = Expectation.__dict__["configuration"]
    built: dict[int, tuple[Any, Any]] = {}

    def configuration(self: Any) -> Any:
        entry = built.get(id(self))
        if entry is None or entry[0] is not self:
            entry = built[id(self)] = (self, original.fget(self))
        return entry[1]

    Expectation.configuration = property(configuration)  # type: ignore[method-assign]
    try:
        yield
    finally:
        Expectation.configuration = original  # type: ignore[method-assign]


# --------------------------------------------------------------------------------------------------
# Reports


@dataclass(frozen=True)
class Example:
    """One unexpected value and the file rows (`_row_number`) that hold it."""

    value: Any
    rows: tuple[int, ...] = ()


@dataclass(frozen=True)
class FailedExpectation:
    expectation_type: str
    column: str | None
    columns: tuple[str, ...]
    kwargs: dict[str, Any]
    observed_value: Any
    unexpected_count: int | None
    detail: str
    examples: tuple[Example, ...] = ()
    exception: str | None = None

    @property
    def unexpected_values(self) -> tuple[Any, ...]:
        return tuple(example.value for example in self.examples)

    @property
    def rows(self) -> tuple[int, ...]:
        """`_row_number`s of the first failing rows (rows of the file, header is row 1)."""
        return tuple(row for example in self.examples for row in example.rows)

    def describe(self) -> str:
        if self.column is not None:
            where = f"column {self.column!r}: "
        elif self.columns:
            where = "columns " + ", ".join(repr(c) for c in self.columns) + ": "
        else:
            where = ""
        return f"{where}{self.expectation_type} failed: {self.detail}"


@dataclass(frozen=True)
class ValidationReport:
    source_id: str
    success: bool
    evaluated: int
    failed: list[FailedExpectation] = field(default_factory=list)
    skipped: int = 0

    def message(self) -> str:
        if self.success:
            text = f"{self.source_id}: all {self.evaluated} expectation(s) passed"
            if self.skipped:
                text += (
                    f" ({self.skipped} publisher row-count expectation(s) skipped: synthetic data)"
                )
            return text
        missing = {
            f.column
            for f in self.failed
            if f.expectation_type == "expect_column_to_exist" and f.column is not None
        }
        shown = [
            f
            for f in self.failed
            if f.expectation_type == "expect_column_to_exist"
            or not (set(f.columns) & missing and f.exception is not None)
        ]
        text = f"{self.source_id}: " + "; ".join(f.describe() for f in shown)
        hidden = len(self.failed) - len(shown)
        if hidden:
            text += f" ({hidden} further expectation(s) on the missing column(s) not evaluated)"
        return text


# --------------------------------------------------------------------------------------------------
# Validation


def validate(source_id: str, frame: pl.DataFrame, *, synthetic: bool = False) -> ValidationReport:
    """Run the source's suite on `frame` (the raw table: `_row_number` + the publisher's columns)."""
    expectations = _suite_json(source_id)["expectations"]
    suite = load_suite(source_id, synthetic=synthetic)
    skipped = len(expectations) - len(suite.expectations)

    data = frame.drop([name for name in PROVENANCE_COLUMNS if name in frame.columns])
    pandas_frame = data.to_pandas()
    batch_definition = _batch_definition()
    # One shared context and batch definition: runs are serialised (GX is not documented as
    # thread-safe; a run takes well under a second).
    with _GX_LOCK, _configurations_built_once():
        batch = batch_definition.get_batch(batch_parameters={"dataframe": pandas_frame})
        result = batch.validate(
            suite,
            result_format={
                "result_format": "SUMMARY",
                "partial_unexpected_count": MAX_EXAMPLE_VALUES,
            },
        )

    order = {_identity(e["type"], e["kwargs"]): i for i, e in enumerate(expectations)}
    failures = sorted(
        (r for r in result.results if not r.success),
        key=lambda r: order.get(
            _identity(r.expectation_config.type, r.expectation_config.kwargs), len(order)
        ),
    )
    failed = [_explain(r, data, expectations, order) for r in failures]
    return ValidationReport(
        source_id=source_id,
        success=bool(result.success) and not failed,
        evaluated=len(result.results),
        failed=failed,
        skipped=skipped,
    )


def _identity(type_: str, kwargs: dict[str, Any]) -> tuple[str, str]:
    plain = {k: v for k, v in kwargs.items() if k != "batch_id" and v is not None}
    # GX turns numbers into floats (1 -> 1.0); compare on a number-neutral form.
    return type_, json.dumps(_neutral(plain), sort_keys=True, default=str)


def _neutral(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _neutral(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_neutral(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _explain(
    result: ExpectationValidationResult,
    data: pl.DataFrame,
    expectations: list[dict[str, Any]],
    order: dict[tuple[str, str], int],
) -> FailedExpectation:
    config = result.expectation_config
    type_ = config.type
    index = order.get(_identity(type_, config.kwargs))
    # The file's kwargs keep the suite's own spelling (1 rather than GX's 1.0).
    kwargs = (
        dict(expectations[index]["kwargs"])
        if index is not None
        else {k: v for k, v in config.kwargs.items() if k != "batch_id"}
    )
    column = kwargs.get("column")
    columns = tuple(kwargs.get("column_list") or ([column] if column else []))
    outcome = result.result or {}
    observed = outcome.get("observed_value")
    unexpected_count = outcome.get("unexpected_count")
    exception = _exception_message(result)

    examples: tuple[Example, ...] = ()
    recount: int | None = None
    if exception is None:
        checked = _recheck(type_, kwargs, data)
        if checked is not None:
            examples, recount = checked
    if not examples:
        examples = tuple(Example(_plain(v)) for v in outcome.get("partial_unexpected_list") or ())

    detail = _detail(type_, kwargs, observed, unexpected_count, recount, examples, exception)
    return FailedExpectation(
        expectation_type=type_,
        column=column,
        columns=columns,
        kwargs=kwargs,
        observed_value=_plain(observed),
        unexpected_count=unexpected_count,
        detail=detail,
        examples=examples,
        exception=exception,
    )


def _exception_message(result: ExpectationValidationResult) -> str | None:
    info = result.exception_info or {}
    entries = [info] if "raised_exception" in info else list(info.values())
    for entry in entries:
        if isinstance(entry, dict) and entry.get("raised_exception"):
            return str(entry.get("exception_message") or "exception while evaluating")
    return None


def _plain(value: Any) -> Any:
    """numpy/pandas scalars as plain Python values, so messages show 11 and not np.int64(11)."""
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, str | bytes):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    return value


# Row-level rules re-checked with polars, to name the failing rows by `_row_number`. Nulls pass every
# rule but not-null, as in GX.


def _failing_rows(type_: str, kwargs: dict[str, Any], data: pl.DataFrame) -> pl.Expr | None:
    column = kwargs.get("column")
    if column is not None and column not in data.columns:
        return None
    condition = kwargs.get("row_condition")
    if condition is not None:
        # The rule holds only on the rows the condition picks; elsewhere nothing fails.
        applies = _condition_rows(condition, data)
        failing = _failing_rows(type_, _unconditioned(kwargs), data)
        if applies is None or failing is None:
            return None
        return applies & failing
    col = pl.col(column) if column is not None else None
    present = None
    if col is not None:
        present = col.is_not_null()
        if data.schema[column].is_float():
            present = present & col.is_not_nan()
    if type_ == "expect_column_values_to_not_be_null":
        return ~present
    if type_ == "expect_column_values_to_be_null":
        return present
    if type_ == "expect_column_values_to_match_regex":
        return present & ~col.cast(pl.String).str.contains(kwargs["regex"])
    if type_ == "expect_column_values_to_not_match_regex":
        return present & col.cast(pl.String).str.contains(kwargs["regex"])
    if type_ == "expect_column_values_to_be_in_set":
        return present & ~col.is_in(list(kwargs["value_set"]))
    if type_ == "expect_column_values_to_not_be_in_set":
        return present & col.is_in(list(kwargs["value_set"]))
    if type_ == "expect_column_values_to_be_between":
        outside = pl.lit(False)
        low, high = kwargs.get("min_value"), kwargs.get("max_value")
        if low is not None:
            outside = outside | (col <= low if kwargs.get("strict_min") else col < low)
        if high is not None:
            outside = outside | (col >= high if kwargs.get("strict_max") else col > high)
        return present & outside
    if type_ == "expect_column_value_lengths_to_equal":
        return present & (col.cast(pl.String).str.len_chars() != kwargs["value"])
    return None


def _unconditioned(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in kwargs.items() if k not in ("row_condition", "condition_parser")}


_COMPARISONS = {
    "==": lambda c, p: c == p,
    "!=": lambda c, p: c != p,
    "<": lambda c, p: c < p,
    "<=": lambda c, p: c <= p,
    ">": lambda c, p: c > p,
    ">=": lambda c, p: c >= p,
    "IN": lambda c, p: c.is_in(list(p)),
    "NOT_IN": lambda c, p: ~c.is_in(list(p)),
}


def _condition_rows(condition: Any, data: pl.DataFrame) -> pl.Expr | None:
    """The rows a suite's row condition (GX's comparison form, as JSON) picks, as polars; None for
    forms it does not know, whose failures are then reported without row numbers."""
    if not isinstance(condition, dict) or condition.get("type") != "comparison":
        return None
    name = (condition.get("column") or {}).get("name")
    compare = _COMPARISONS.get(str(condition.get("operator")))
    if name not in data.columns or compare is None:
        return None
    return compare(pl.col(name), condition.get("parameter")).fill_null(False)


def _recheck(
    type_: str, kwargs: dict[str, Any], data: pl.DataFrame
) -> tuple[tuple[Example, ...], int] | None:
    """Examples (value, rows) and the count the message reports, or None if not row-level."""
    try:
        if type_ in ("expect_column_values_to_be_unique", "expect_compound_columns_to_be_unique"):
            return _duplicates(kwargs, data)
        mask = _failing_rows(type_, kwargs, data)
        if mask is None:
            return None
        column = kwargs["column"]
        failing = data.filter(mask)
        first = failing.head(_SCAN_ROWS)
        examples = []
        for value in first.get_column(column).unique(maintain_order=True).head(MAX_EXAMPLE_VALUES):
            rows: tuple[int, ...] = ()
            if ROW_NUMBER in data.columns:
                at = first.filter(pl.col(column).eq_missing(value))  # also finds null and NaN
                rows = tuple(at.get_column(ROW_NUMBER).head(MAX_ROWS_PER_VALUE))
            examples.append(Example(value, rows))
        return tuple(examples), failing.height
    except pl.exceptions.PolarsError:
        return None


def _duplicates(
    kwargs: dict[str, Any], data: pl.DataFrame
) -> tuple[tuple[Example, ...], int] | None:
    """Duplicated values (or combinations) in file order, each with the rows holding it."""
    columns = list(kwargs.get("column_list") or [kwargs["column"]])
    if any(name not in data.columns for name in columns):
        return None
    has_rows = ROW_NUMBER in data.columns
    key = pl.col(columns[0]) if len(columns) == 1 else pl.struct(columns)
    present = pl.all_horizontal([pl.col(name).is_not_null() for name in columns])
    groups = (
        data.filter(present & key.is_duplicated())
        .group_by(columns, maintain_order=True)
        .agg(pl.col(ROW_NUMBER).head(MAX_ROWS_PER_VALUE) if has_rows else pl.len())
    )
    examples = []
    for record in groups.head(MAX_EXAMPLE_VALUES).iter_rows(named=True):
        value = record[columns[0]] if len(columns) == 1 else tuple(record[c] for c in columns)
        examples.append(Example(value, tuple(record[ROW_NUMBER]) if has_rows else ()))
    return tuple(examples), groups.height


def _detail(
    type_: str,
    kwargs: dict[str, Any],
    observed: Any,
    unexpected_count: int | None,
    recount: int | None,
    examples: tuple[Example, ...],
    exception: str | None,
) -> str:
    if exception is not None:
        return f"could not be evaluated: {exception}"
    if type_ == "expect_table_row_count_to_equal":
        return f"expected {_count(kwargs.get('value'))} rows, observed {_count(observed)}"
    if type_ == "expect_column_to_exist":
        return "the column is missing"
    count = recount if recount is not None else unexpected_count
    what = {
        "expect_column_values_to_be_unique": "duplicate value(s)",
        "expect_compound_columns_to_be_unique": "duplicate combination(s)",
        "expect_column_values_to_not_be_null": "null value(s)",
        "expect_column_values_to_match_regex": f"value(s) not matching {kwargs.get('regex')!r}",
        "expect_column_values_to_not_match_regex": f"value(s) matching {kwargs.get('regex')!r}",
        "expect_column_values_to_be_in_set": "value(s) not in "
        + _set_text(kwargs.get("value_set")),
        "expect_column_values_to_not_be_in_set": "value(s) in "
        + _set_text(kwargs.get("value_set")),
        "expect_column_values_to_be_between": f"value(s) outside {_range_text(kwargs)}",
    }.get(type_)
    if what is None or count is None:
        shown = {k: v for k, v in kwargs.items() if k not in ("column", "column_list")}
        text = f"observed {_value_text(_plain(observed))} (expected {shown})"
        if unexpected_count:
            text += f", {_count(unexpected_count)} unexpected value(s)"
    else:
        text = f"{_count(count)} {what}"
    condition = _condition_text(kwargs.get("row_condition"))
    if condition:
        text += f" where {condition}"
    if examples:
        text += ", e.g. " + "; ".join(_example_text(e, type_) for e in examples)
    return text


def _condition_text(condition: Any) -> str | None:
    if not isinstance(condition, dict) or condition.get("type") != "comparison":
        return None
    name = (condition.get("column") or {}).get("name")
    operator = str(condition.get("operator"))
    parameter = condition.get("parameter")
    if operator in ("IN", "NOT_IN"):
        word = "in" if operator == "IN" else "not in"
        return f"{name} {word} {_set_text(parameter)}"
    return f"{name} {operator} {_value_text(parameter)}"


def _example_text(example: Example, type_: str) -> str:
    if type_ == "expect_column_values_to_not_be_null":
        value = "null"
    else:
        value = _value_text(example.value)
    if not example.rows:
        return value
    return f"{value} at row(s) " + ", ".join(str(row) for row in example.rows)


def _value_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return repr(value)


def _count(value: Any) -> str:
    value = _plain(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def _set_text(values: Any) -> str:
    return "{" + ", ".join(repr(v) for v in sorted(values or (), key=str)) + "}"


def _range_text(kwargs: dict[str, Any]) -> str:
    low, high = kwargs.get("min_value"), kwargs.get("max_value")
    if low is not None and high is not None:
        left = "(" if kwargs.get("strict_min") else "["
        right = ")" if kwargs.get("strict_max") else "]"
        if left == "[" and right == "]":
            return f"{_count(low)}..{_count(high)}"
        return f"{left}{_count(low)}, {_count(high)}{right}"
    if low is not None:
        return ("> " if kwargs.get("strict_min") else ">= ") + _count(low)
    return ("< " if kwargs.get("strict_max") else "<= ") + _count(high)
