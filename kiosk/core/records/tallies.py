"""The counts the coordinators' dashboard shows, fast at a campaign's scale.

A stand's collector (SQLite, tens of thousands of records) counts them when asked: its indexes
on case and time make that a few milliseconds. A campaign's central collector (PostgreSQL,
millions) cannot group a million rows for every refresh of every coordinator's page, so it
keeps `tallies`: one small row per case, event, kiosk and quarter of an hour, added to in the
same transaction as the records it counts (`add`), so a count never disagrees with the records
committed. The dashboard then reads a few hundred rows whatever the number of records.

Hours are kept by the quarter of an hour, in UTC ('2026-12-10T17:45'): every time zone's offset
is a whole number of quarters, so the hours of any local day are sums of whole quarters. A
record is counted in the quarter of its `signed_at` (the kiosk's time of signing).

Erasing a record (`kiosk forget`) keeps its case, time and kiosk, so it stays counted; the
central collector never deletes a row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kiosk.core.signatures import Signature

if TYPE_CHECKING:
    import psycopg

    from kiosk.core.records.store import Store

CASE, EVENT, KIOSK, QUARTER = "case", "event", "kiosk", "quarter"

# PostgreSQL: a quarter's key from a stored `signed_at` ('2026-12-10T17:52:...Z' -> '...T17:45').
_QUARTER_SQL = (
    "substr(signed_at, 1, 14) || lpad(((substr(signed_at, 15, 2)::int / 15) * 15)::text, 2, '0')"
)
# Counting every stored record again: the migration that brings tallies to an existing central
# database, and `recount` (after rows were written around the collector, as the benchmark does).
_RECOUNT = (
    f"INSERT INTO tallies (kind, key, count) SELECT '{CASE}', case_id, count(*) "  # noqa: S608
    "FROM signatures GROUP BY case_id",
    f"INSERT INTO tallies (kind, key, count) SELECT '{EVENT}', event_id, count(*) "  # noqa: S608
    "FROM signatures GROUP BY event_id",
    f"INSERT INTO tallies (kind, key, count) SELECT '{KIOSK}', kiosk_id, count(*) "  # noqa: S608
    "FROM signatures GROUP BY kiosk_id",
    f"INSERT INTO tallies (kind, key, count) SELECT '{QUARTER}', {_QUARTER_SQL}, "  # noqa: S608
    "count(*) FROM signatures GROUP BY 2",
)

# The central schema's migration that brings the dashboard (`central.MIGRATIONS`): the tallies,
# each kiosk's records still waiting (sent with its requests), and the collector's own values
# (the coordinators' password hash, the key that signs their sessions).
CENTRAL_MIGRATION = (
    "CREATE TABLE tallies (kind TEXT NOT NULL, key TEXT NOT NULL, count BIGINT NOT NULL, "
    "PRIMARY KEY (kind, key))",
    *_RECOUNT,
    "ALTER TABLE contacts ADD COLUMN waiting INTEGER",
    "CREATE TABLE collector_values (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
)

# Added to in one statement, rows in key order: two collector processes adding to the same
# rows take their locks in the same order, so they wait for each other but never deadlock.
_ADD = (
    "INSERT INTO tallies (kind, key, count) "
    "SELECT kind, key, n FROM unnest(%s::text[], %s::text[], %s::bigint[]) AS t(kind, key, n) "
    'ORDER BY kind COLLATE "C", key COLLATE "C" '
    "ON CONFLICT (kind, key) DO UPDATE SET count = tallies.count + excluded.count"
)


def quarter(signed_at: str) -> str:
    """The UTC quarter of an hour a stored time falls in: '2026-12-10T17:52:03.1Z' ->
    '2026-12-10T17:45'."""
    return f"{signed_at[:14]}{int(signed_at[14:16]) // 15 * 15:02d}"


def counted(signatures: Iterable[Signature]) -> Counter[tuple[str, str]]:
    """How much each tally grows by when `signatures` are stored."""
    counts: Counter[tuple[str, str]] = Counter()
    for signature in signatures:
        counts[CASE, signature.case_id] += 1
        counts[EVENT, signature.event_id] += 1
        counts[KIOSK, signature.kiosk_id] += 1
        counts[QUARTER, quarter(signature.signed_at)] += 1
    return counts


# -- PostgreSQL (a central collector): called by `central.CentralStore` inside its transactions


def add(conn: psycopg.Connection, signatures: list[Signature]) -> None:
    """Count newly stored `signatures`, in the transaction that stored them."""
    if not signatures:
        return
    counts = sorted(counted(signatures).items())
    conn.execute(
        _ADD,
        (
            [kind for (kind, _), _ in counts],
            [key for (_, key), _ in counts],
            [n for _, n in counts],
        ),
    )


def recount(conn: psycopg.Connection) -> None:
    """Count every stored record again (the tallies are locked meanwhile: a collector storing
    at the same time waits, and its records are counted once)."""
    conn.execute("LOCK TABLE tallies IN EXCLUSIVE MODE")
    conn.execute("DELETE FROM tallies")
    for statement in _RECOUNT:
        conn.execute(statement)  # type: ignore[arg-type] - fixed SQL


def read(
    conn: psycopg.Connection, since: str | None, until: str | None
) -> dict[str, dict[str, int]]:
    """Every case's, event's and kiosk's count, and the quarters' between the stored times
    `since` and `until` (none without them), by kind then key."""
    kinds: dict[str, dict[str, int]] = {CASE: {}, EVENT: {}, KIOSK: {}, QUARTER: {}}
    rows = conn.execute(
        "SELECT kind, key, count FROM tallies WHERE kind <> %s "
        "UNION ALL SELECT kind, key, count FROM tallies "
        "WHERE kind = %s AND key >= %s AND key < %s",
        (QUARTER, QUARTER, (since or "")[:16], (until or "")[:16]),
    ).fetchall()
    for kind, key, count in rows:
        kinds[kind][key] = count
    return kinds


# -- SQLite (a stand's collector): counted when asked


def stand_counts(store: Store, since: str | None, until: str | None) -> dict[str, dict[str, int]]:
    """The same as `read`, counted from the records of a stand's SQLite collector."""
    with store.read() as conn:
        kinds = {
            CASE: dict(conn.execute("SELECT case_id, count(*) FROM signatures GROUP BY 1")),
            EVENT: dict(conn.execute("SELECT event_id, count(*) FROM signatures GROUP BY 1")),
            KIOSK: dict(conn.execute("SELECT kiosk_id, count(*) FROM signatures GROUP BY 1")),
            QUARTER: {},
        }
        if since and until:
            # The day's rows only, by the time index; whole minutes, summed into quarters here.
            for minute, count in conn.execute(
                "SELECT substr(signed_at, 1, 16), count(*) FROM signatures "
                "WHERE signed_at >= ? AND signed_at < ? GROUP BY 1",
                (since, until),
            ):
                key = quarter(minute)
                kinds[QUARTER][key] = kinds[QUARTER].get(key, 0) + count
    return kinds
