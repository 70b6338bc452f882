"""What an export reads: one row of cells per signature, and signatures counted per minute.

A day of 100,000 signatures is read as plain tuples straight from SQLite, never as 100,000
`Signature` objects. SQLite makes the two cells Python would be slow at: the local time (in C,
from the kiosk's time zone) and whether a drawing was kept. Rows come oldest first from a plain
scan of the table and a sort (`+signed_at` keeps SQLite off the time index): reading 100,000
rows in index order costs more than sorting them.

A central collector on PostgreSQL (`central.CentralStore`) gives the same cells its own way.

A campaign's store holds millions of records, so rows are read in pieces of `piece` rows
(SQLite's `fetchmany`, a server-side cursor on PostgreSQL) and written out as they come: what
an export holds in memory does not grow with the records. The consent columns of a spreadsheet
depend on every row, so the distinct consents texts are read first, in the same moment of the
database as the rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from kiosk.core.records.schema import SEALED_SINCE
from kiosk.core.records.selection import Selection
from kiosk.core.records.store import Store

if TYPE_CHECKING:
    from kiosk.core.records.central import CentralStore

# In the order of an export's columns; `wants_letter` and `has_drawing` are 0 or 1, and the
# consents JSON comes last.
CELLS = (
    "uuid",
    "signed_at",
    # Whole seconds, cut as Python cuts them: SQLite would round 50.9996 s up to 51.
    "strftime('%Y-%m-%d %H:%M:%S', substr(signed_at, 1, 19), 'localtime')",
    "case_id",
    "event_id",
    "kiosk_id",
    "language",
    "given_name",
    "family_name",
    "postal_code",
    "town",
    "country",
    "email",
    "wants_letter",
    "drawing IS NOT NULL OR signature_png IS NOT NULL",
    "consents",
)
OLDEST_FIRST = " ORDER BY +signed_at, uuid"
# A JSON Lines record's fields (`Signature.payload`), without the drawing: whether there is one
# is all a record carries of it. `sealed` and `has_drawing` are added by `records`.
RECORD_CELLS = (
    "uuid",
    "case_id",
    "event_id",
    "kiosk_id",
    "signed_at",
    "language",
    "given_name",
    "family_name",
    "postal_code",
    "town",
    "country",
    "email",
    "consents",
    "wants_letter",
)
PIECE = 2000  # rows read from the database at a time
# The distinct consents texts in the order they first appear among the rows oldest first
# (`OLDEST_FIRST`): a space sorts before any character of a time, so a shorter time that is
# the start of a longer one still comes first.
_FIRST_SEEN = "min(signed_at || ' ' || uuid)"


@contextmanager
def reading(
    store: Store | CentralStore, selection: Selection, *, piece: int = PIECE
) -> Iterator[tuple[list[str], Iterator[tuple]]]:
    """The selection's distinct consents texts (in the order they first appear) and its rows'
    cells (`CELLS`, oldest first), both of one moment of the database, the rows read `piece`
    at a time while the block runs."""
    if not isinstance(store, Store):  # a central collector's PostgreSQL database
        with store.export_rows(selection, piece=piece) as found:
            yield found
        return
    where, params = selection.where(marks_samples=store.marks_samples)
    # Only fixed SQL goes into the text; every value is a bound parameter.
    texts = (
        f"SELECT consents, {_FIRST_SEEN} FROM signatures{where} "  # noqa: S608
        "GROUP BY consents ORDER BY 2"
    )
    sql = f"SELECT {', '.join(CELLS)} FROM signatures{where}{OLDEST_FIRST}"  # noqa: S608
    with store.read() as conn:
        found = [text for text, _ in conn.execute(texts, params)]
        yield found, in_pieces(conn.execute(sql, params), piece)


@contextmanager
def records(
    store: Store | CentralStore, selection: Selection, *, piece: int = PIECE
) -> Iterator[Iterator[tuple]]:
    """The selected signatures as JSON Lines reads them, oldest first, `piece` at a time:
    `RECORD_CELLS`, then whether a drawing was kept (0 or 1) and the sealed blob (or None)."""
    if not isinstance(store, Store):  # a central collector's PostgreSQL database
        with store.export_records(selection, piece=piece) as found:
            yield found
        return
    where, params = selection.where(marks_samples=store.marks_samples)
    drawn = "drawing IS NOT NULL OR signature_png IS NOT NULL"
    sealed = "NULL"
    if store.schema_version >= SEALED_SINCE:
        drawn += " OR sealed_drawing IS NOT NULL"
        sealed = "sealed"
    sql = (
        f"SELECT {', '.join(RECORD_CELLS)}, {drawn}, {sealed} "  # noqa: S608 - fixed SQL
        f"FROM signatures{where}{OLDEST_FIRST}"
    )
    with store.read() as conn:
        yield in_pieces(conn.execute(sql, params), piece)


def in_pieces(cursor: Any, piece: int) -> Iterator[tuple]:
    """The rows of `cursor`, fetched `piece` at a time."""
    while found := cursor.fetchmany(piece):
        yield from found


def per_minute(store: Store | CentralStore, selection: Selection) -> list[tuple[str, str, int]]:
    """(case, UTC minute as 'YYYY-MM-DDTHH:MM', signatures) for the selection.

    Counted over the (case, time) index and each row's sample mark; the caller turns the few
    thousand minutes into local hours (every time zone is a whole number of minutes off UTC).
    """
    if not isinstance(store, Store):  # a central collector's PostgreSQL database
        return store.export_per_minute(selection)
    where, params = selection.where(marks_samples=store.marks_samples)
    sql = (
        "SELECT case_id, substr(signed_at, 1, 16), count(*) "  # noqa: S608 - fixed SQL
        f"FROM signatures{where} GROUP BY 1, 2"
    )
    with store.read() as conn:
        return conn.execute(sql, params).fetchall()


def sealed_count(store: Store | CentralStore, selection: Selection) -> int:
    """How many of the selected signatures are sealed (their names unreadable here). A file
    older than sealing has none."""
    if not isinstance(store, Store):  # a central collector's PostgreSQL database
        return store.export_sealed_count(selection)
    if store.schema_version < SEALED_SINCE:
        return 0
    where, params = selection.where(marks_samples=store.marks_samples)
    where += " AND sealed IS NOT NULL" if where else " WHERE sealed IS NOT NULL"
    sql = f"SELECT count(*) FROM signatures{where}"  # noqa: S608 - fixed SQL
    with store.read() as conn:
        return conn.execute(sql, params).fetchone()[0]


def readable_personal_count(store: Store) -> int:
    """How many signatures still hold a readable name, town or email: on a kiosk sealed
    later, those made before the key was set (sealing applies from then on only)."""
    sealed = " AND sealed IS NULL" if store.schema_version >= SEALED_SINCE else ""
    sql = (
        "SELECT count(*) FROM signatures WHERE (given_name != '' OR family_name != '' "  # noqa: S608 - fixed SQL
        f"OR postal_code != '' OR town != '' OR email != ''){sealed}"
    )
    with store.read() as conn:
        return conn.execute(sql).fetchone()[0]
