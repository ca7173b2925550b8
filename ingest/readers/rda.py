"""R data files (.rda) as a published form of a table: one data frame, turned back into the table
its publisher's own file holds.

R packages that repackage official statistics (humaniverse's demographr, for one) save a Census
table as a data frame, often long: one row per area and category, where the publisher's CSV is wide.
The layout says how the frame maps to the publisher's columns: `rda_columns` names the R column of
each published column it holds as it is (`geography code` = `lsoa21_code`), and `rda_names_from`,
`rda_values_from` and `rda_header_prefix` pivot the long rows back into one column per category
(`Ethnic group: ` + `White`). The result is text under the publisher's headers, so the tabular
reader selects and types it exactly as it does the CSV form, and a refresh that finds the R file
loads the same raw table as one that finds the publisher's.

`_row_number` is the area's position in the data frame: areas counted from 1 in the order of their
first row.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import polars as pl

from ingest.catalog import FileLayout, Source
from ingest.errors import PlaceindexError

# The layout fields this module honours (the tabular reader declares them for its rda layouts).
LAYOUT_FIELDS = frozenset(
    {"rda_object", "rda_columns", "rda_names_from", "rda_values_from", "rda_header_prefix"}
)


def read_rda_table(source: Source, layout: FileLayout, path: Path) -> pl.DataFrame:
    """The layout's data frame as the publisher's table: text cells under published headers."""
    frame, name = _data_frame(source, layout, path)
    wanted = [r_column for _, r_column in layout.rda_columns]
    if layout.rda_names_from is not None:
        wanted += [layout.rda_names_from, layout.rda_values_from]
    missing = [column for column in wanted if column not in frame.columns]
    if missing:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: R data frame {name!r} has no column(s) {missing}; "
            f"it has {frame.columns}",
            source_id=source.source_id,
            file=path.name,
            column=missing[0],
        )
    index = [r_column for _, r_column in layout.rda_columns]
    if layout.rda_names_from is not None:
        categories = frame.get_column(layout.rda_names_from).unique(maintain_order=True)
        if categories.null_count():
            raise PlaceindexError(
                f"{source.source_id}: {path.name}: R data frame {name!r} has rows with no "
                f"{layout.rda_names_from!r}; each row must name its category",
                source_id=source.source_id,
                file=path.name,
                column=layout.rda_names_from,
            )
        try:
            frame = frame.pivot(
                on=layout.rda_names_from,
                index=index,
                values=layout.rda_values_from,
                aggregate_function=None,
                maintain_order=True,
            )
        except pl.exceptions.ComputeError as exc:
            raise PlaceindexError(
                f"{source.source_id}: {path.name}: R data frame {name!r} has more than one row for "
                f"an area and {layout.rda_names_from!r} ({exc})",
                source_id=source.source_id,
                file=path.name,
                column=layout.rda_names_from,
            ) from exc
        frame = frame.rename(
            {str(category): f"{layout.rda_header_prefix}{category}" for category in categories}
        )
    frame = frame.rename({r_column: header for header, r_column in layout.rda_columns})
    return frame.select(pl.all().cast(pl.String))


def _data_frame(source: Source, layout: FileLayout, path: Path) -> tuple[pl.DataFrame, str]:
    import rdata

    try:
        with warnings.catch_warnings():
            # A tibble's classes ('tbl_df', 'tbl') read as the data.frame they extend.
            warnings.simplefilter("ignore", UserWarning)
            objects = rdata.read_rda(path)
    except Exception as exc:  # rdata raises assorted errors (and EOF, zlib errors) for damage
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: not a readable R data file ({exc}); the file may "
            "be truncated or not an .rda",
            source_id=source.source_id,
            file=path.name,
        ) from exc
    name = layout.rda_object
    if name is None:
        if len(objects) != 1:
            raise PlaceindexError(
                f"{source.source_id}: {path.name}: holds {len(objects)} R objects "
                f"({sorted(objects)}); the layout must name one (rda_object)",
                source_id=source.source_id,
                file=path.name,
            )
        (name,) = objects
    if name not in objects:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: no R object {name!r}; the file holds "
            f"{sorted(objects)}",
            source_id=source.source_id,
            file=path.name,
        )
    frame = objects[name]
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: R object {name!r} is a {type(frame).__name__}, "
            "not a data frame",
            source_id=source.source_id,
            file=path.name,
        )
    return pl.from_pandas(frame.reset_index(drop=True)), name
