"""gisa (기사): Korean regional press articles to structured data.

Every record is the SPEC object `gisa extract` writes (see the README),
built from the same serde serialisation:
``json.dumps(record, ensure_ascii=False, separators=(",", ":"))`` gives the
CLI's bytes.

- ``extract(text, *, url=None, title=None, published=None)``: one article's
  text, read as the JSON Lines archive record {"text", "url", "title",
  "published"} is read by ``gisa extract``.
- ``extract_html(html, url=None)``: one HTML page (bytes in any Korean
  encoding), as ``gisa extract page.html`` reads it.
- ``extract_many(items, jobs=None)``: a generator of records, in input
  order, computed on every core without the GIL; an item that gives no
  record yields its SPEC error object ``{"schema_version", "source", "error"}``.
- ``mentions_frame(records)``: one row per mention, the CSV columns.

Errors raise ``GisaError`` (a ``ValueError``) whose ``kind`` names the
problem; ``NoTextError``, ``NotTextError``, ``UndecodableError``,
``PageError`` and ``NoArticleError`` are its subclasses for those kinds.
"""

import json as _json

from ._gisa import (
    MENTION_COLUMNS,
    SCHEMA_VERSION,
    ExtractMany,
    GisaError,
    NoArticleError,
    NoTextError,
    NotTextError,
    PageError,
    UndecodableError,
    __version__,
    extract,
    extract_html,
    extract_many,
    extractor_version,
)
from . import _gisa

__all__ = [
    "MENTION_COLUMNS",
    "SCHEMA_VERSION",
    "ExtractMany",
    "GisaError",
    "NoArticleError",
    "NoTextError",
    "NotTextError",
    "PageError",
    "UndecodableError",
    "__version__",
    "extract",
    "extract_html",
    "extract_many",
    "extractor_version",
    "extract_lines",
    "mention_rows",
    "mentions_frame",
]

MENTION_COLUMNS = list(MENTION_COLUMNS)


def extract_lines(lines, jobs=None):
    """Records of JSON Lines archive lines (str), in order, as ``gisa extract``
    reads an archive: each line is parsed here, blank lines are skipped, and
    a line that is not a JSON object yields an error object in its place.
    What a distributed engine (Ray, Spark) hands out is lines of text."""
    parsed = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = _json.loads(line)
            if not isinstance(item, dict):
                item = (f"line {number}: not a JSON object",)
        except ValueError as e:
            item = (f"line {number}: not valid JSON: {e}",)
        parsed.append(item)  # a dict, or a 1-tuple holding the error message
    records = iter(extract_many([p for p in parsed if isinstance(p, dict)], jobs=jobs))
    for item in parsed:
        if isinstance(item, dict):
            yield next(records)
        else:
            yield {"schema_version": SCHEMA_VERSION, "source": {}, "error": item[0]}


def mention_rows(records):
    """The mention rows of records (dicts as ``extract`` gives them, error
    objects included): one list of str per mention, in ``MENTION_COLUMNS``
    order, cell for cell what ``gisa extract --format csv`` writes."""
    return _gisa.mention_rows(_json.dumps(list(records), ensure_ascii=False))


def mentions_frame(records, *, library=None):
    """One row per mention of ``records``, with the CSV's columns
    (``MENTION_COLUMNS``) and its cells as str ("" for an empty cell).

    ``library`` is "pandas" or "polars"; by default pandas when it is
    installed, else polars."""
    rows = mention_rows(records)
    if library is None:
        try:
            import pandas  # noqa: F401

            library = "pandas"
        except ImportError:
            library = "polars"
    if library == "pandas":
        import pandas as pd

        return pd.DataFrame(rows, columns=MENTION_COLUMNS, dtype=object)
    if library == "polars":
        import polars as pl

        return pl.DataFrame(rows, schema={c: pl.Utf8 for c in MENTION_COLUMNS}, orient="row")
    raise ValueError(f"library must be 'pandas' or 'polars', not {library!r}")
