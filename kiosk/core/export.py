"""The day's signatures for coordinators: CSV, JSON Lines or XLSX, with a summary and a manifest.

What a coordinator imports into a CRM or opens in a spreadsheet: one row per signature, the
consents as explicit columns with the version of the text the signer saw. Spreadsheet programs
run a cell that starts with `=`, `+`, `-`, `@`, a tab or a line break as a formula (OWASP's "CSV
injection"), so in CSV such a cell gets a leading apostrophe, and XLSX cells are written as text,
never as formulas; JSON Lines keeps every value exactly as recorded.

Every file is written whole or not at all (temporary file, fsync, rename), so a USB stick pulled
out mid-export never holds a half file that looks complete; the manifest, with the record count
and each file's SHA-256, is written last.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import xlsxwriter

from kiosk.core import files
from kiosk.core.clock import utc_bounds
from kiosk.core.errors import KioskError
from kiosk.core.signatures import Signature

FORMATS = ("csv", "jsonl", "xlsx")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")

BASE_COLUMNS = (
    "uuid",
    "signed_at_utc",
    "signed_at_local",
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
    "has_drawing",
)


class ExportError(KioskError):
    """The export could not be written; nothing that looks complete was left behind."""

    exit_code = 74


def columns(consents: Sequence[str]) -> list[str]:
    extra = [name for cid in consents for name in (f"consent_{cid}", f"consent_{cid}_version")]
    return [*BASE_COLUMNS, *extra]


def safe_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading apostrophe where it would be a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def record(signature: Signature) -> dict:
    """A signature as one JSON Lines record: every value as recorded."""
    data = signature.payload()
    data["has_drawing"] = bool(signature.drawing or signature.signature_png)
    return data


# -- rows straight from the database ---------------------------------------------------------
#
# A day of 100,000 signatures must not become 100,000 Python objects. SQLite makes the cells
# itself, for CSV each whole line (formula guard, local time) in one `printf`, so Python
# receives one string per signature. Quoting is needed only where a value holds a quote, a
# comma or a line break, which a few scans of the whole text rule out; where they do not, the
# lines concerned are found and made again cell by cell with the csv module. The consent
# columns come from the `consents` JSON, which the kiosk writes the same way for everyone who
# ticked the same boxes of the same case: a day holds a handful of distinct texts, so their
# cells are made once per text. Rows are sorted after a plain scan of the table (`+signed_at`
# keeps SQLite off the index): reading 100,000 rows in index order costs more than sorting.

_GUARD_CODES = ", ".join(str(ord(c)) for c in FORMULA_START)
# Cells that hold what was recorded (typed, configured or received), in `BASE_COLUMNS` order
# around the computed ones.
_RECORDED = ("case_id", "event_id", "kiosk_id", "language", "given_name", "family_name")
_RECORDED += ("postal_code", "town", "country", "email")
_LOCAL_TIME = "strftime('%Y-%m-%d %H:%M:%S', signed_at, 'localtime')"
_YES_NO = (
    "CASE WHEN wants_letter THEN 'yes' ELSE 'no' END",
    "CASE WHEN drawing IS NOT NULL OR signature_png IS NOT NULL THEN 'yes' ELSE 'no' END",
)
_ORDER = " ORDER BY +signed_at, uuid"


@dataclass(frozen=True)
class Selection:
    """Which signatures to export: a case, an event, a span of local days (all if None)."""

    case_id: str | None = None
    event_id: str | None = None
    start: date | None = None
    end: date | None = None

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.case_id is not None:
            clauses.append("case_id = ?")
            params.append(self.case_id)
        if self.event_id is not None:
            clauses.append("event_id = ?")
            params.append(self.event_id)
        if self.start is not None:
            clauses.append("signed_at >= ?")
            params.append(utc_bounds(self.start)[0])
        if self.end is not None:
            clauses.append("signed_at < ?")
            params.append(utc_bounds(self.end)[1])
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _guarded(column: str) -> str:
    """SQL for a recorded value with the formula guard: an apostrophe in front where needed.
    Every guarded character sorts below 'A', which spares most names the function call."""
    return (
        f"CASE WHEN {column} < 'A' AND unicode({column}) IN ({_GUARD_CODES}) "
        f"THEN char(39) || {column} ELSE {column} END"
    )


def _cells(*, guard: bool) -> list[str]:
    """SQL for the base cells of a signature, in `BASE_COLUMNS` order."""
    text = _guarded if guard else str
    return [text("uuid"), text("signed_at"), _LOCAL_TIME, *map(text, _RECORDED), *_YES_NO]


def csv_lines_sql(selection: Selection) -> tuple[str, list]:
    """(CSV line up to the consent columns, consents JSON, rowid) of each selected signature,
    oldest first. The cells are guarded but not quoted; `printf` writes NULL as nothing."""
    cells = _cells(guard=True)
    line = f"printf('{','.join(['%s'] * len(cells))}', {', '.join(cells)})"
    where, params = selection.where()
    # Only fixed SQL goes into the text; every value is a bound parameter. The line comes as
    # its UTF-8 bytes, which is what goes into the file.
    sql = f"SELECT CAST({line} AS BLOB), consents, rowid FROM signatures{where}{_ORDER}"  # noqa: S608
    return sql, params


def cells_sql(selection: Selection, *, guard: bool) -> tuple[str, list]:
    """The base cells (NULL as '') and the consents JSON of each selected signature."""
    listed = ", ".join(f"ifnull({cell}, '')" for cell in _cells(guard=guard))
    where, params = selection.where()
    return f"SELECT {listed}, consents FROM signatures{where}{_ORDER}", params  # noqa: S608


def _one_row_sql() -> str:
    """The guarded base cells of the signature with a given rowid."""
    listed = ", ".join(f"ifnull({cell}, '')" for cell in _cells(guard=True))
    return f"SELECT {listed} FROM signatures WHERE rowid = ?"  # noqa: S608 - fixed SQL


def consent_cells(texts: Iterable[str]) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    """The consent ids in the order they first appear, and for each distinct consents JSON
    its cells: per id `yes`/`no` and the text version, both empty where that case has no
    such box."""
    boxes: dict[str, dict[str, dict]] = {}
    ids: dict[str, None] = {}
    for text in texts:
        try:
            given = {str(c["id"]): c for c in json.loads(text)}
        except (ValueError, TypeError, KeyError) as exc:
            raise ExportError(
                "A signature's consents could not be read, so the export was not written: the "
                "database may be damaged (`kiosk doctor` checks it)."
            ) from exc
        boxes[text] = given
        ids.update(dict.fromkeys(given))
    order = list(ids)
    cells = {}
    for text, given in boxes.items():
        row: list[str] = []
        for cid in order:
            box = given.get(cid)
            row += (
                ("yes" if box.get("given") else "no", str(box.get("version", "")))
                if box
                else ("", "")
            )
        cells[text] = tuple(row)
    return order, cells


def _csv_row(cells: Iterable[str]) -> str:
    """One CSV line as Python's csv module writes it (RFC 4180), without the line end."""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def _needing_quotes(lines: Sequence[bytes], cells: int) -> list[int]:
    """Where a line holds a value with a quote, a comma or a line break."""
    return [
        at
        for at, line in enumerate(lines)
        if b'"' in line or b"\r" in line or b"\n" in line or line.count(b",") != cells - 1
    ]


def summary_from(store, selection: Selection) -> bytes:
    """Signatures per case and local hour, and per case for the whole period, as CSV.

    SQLite counts per case and UTC minute from its (case, time) index alone; Python turns the
    few thousand minutes into local hours (every time zone is a whole number of minutes off
    UTC), which spares a local-time conversion per signature."""
    where, params = selection.where()
    # The only text put into this query is `where`, made of fixed clauses with ? parameters.
    minutes = (
        f"SELECT case_id, substr(signed_at, 1, 16), count(*) FROM signatures{where} GROUP BY 1, 2"  # noqa: S608
    )
    with store._lock:
        counted = store._conn.execute(minutes, params).fetchall()
    hourly: Counter[tuple[str, str]] = Counter()
    for case_id, minute, n in counted:
        hourly[case_id, _local_hour(minute)] += n
    daily: Counter[str] = Counter()
    for (case_id, _), n in hourly.items():
        daily[case_id] += n
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["case_id", "hour_local", "signatures"])
    writer.writerows([safe_cell(c), hour, n] for (c, hour), n in sorted(hourly.items()))
    writer.writerows([safe_cell(c), "all day", n] for c, n in sorted(daily.items()))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@functools.cache
def _local_hour(utc_minute: str) -> str:
    """'2026-12-10T17:05' (UTC) as the kiosk's local hour, '2026-12-10 18:00'; '' if unreadable."""
    try:
        moment = datetime.fromisoformat(utc_minute).replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:00")


def csv_from(store, selection: Selection, *, bom: bool = True) -> tuple[bytes, int]:
    head = "\ufeff" if bom else ""
    sql, params = csv_lines_sql(selection)
    with store._lock:
        rows = store._conn.execute(sql, params).fetchall()
    if not rows:
        return (head + _csv_row(columns([])) + "\r\n").encode(), 0
    lines, texts, rowids = zip(*rows, strict=True)
    seen = Counter(texts)
    order, consents = consent_cells(seen)
    ends = {
        text: (("," + _csv_row(map(safe_cell, cells)) if order else "") + "\r\n").encode()
        for text, cells in consents.items()
    }
    # The lines as UTF-8 bytes straight from SQLite, joined by C code: no Python runs per
    # signature unless some value needs quoting, which counting the whole text tells.
    body = b"".join(map(bytes.__add__, lines, map(ends.__getitem__, texts)))
    ended = sum(n * ends[text].count(b",") for text, n in seen.items())
    quoted = sum(n * ends[text].count(b'"') for text, n in seen.items())
    if (
        body.count(b",") != len(rows) * (len(BASE_COLUMNS) - 1) + ended
        or body.count(b'"') != quoted
        or body.count(b"\n") != len(rows)
        or body.count(b"\r") != len(rows)
    ):
        lines = list(lines)
        with store._lock:
            for at in _needing_quotes(lines, len(BASE_COLUMNS)):
                cells = store._conn.execute(_one_row_sql(), (rowids[at],)).fetchone()
                lines[at] = _csv_row(cells).encode()
        body = b"".join(map(bytes.__add__, lines, map(ends.__getitem__, texts)))
    return (head + _csv_row(columns(order)) + "\r\n").encode() + body, len(rows)


def xlsx_from(store, selection: Selection) -> tuple[bytes, int]:
    sql, params = cells_sql(selection, guard=False)
    with store._lock:
        rows = store._conn.execute(sql, params).fetchall()
    order, consents = consent_cells(dict.fromkeys(row[-1] for row in rows))
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("signatures")
    bold = book.add_format({"bold": True})
    for col, name in enumerate(columns(order)):
        sheet.write_string(0, col, name, bold)
    for line, (*cells, text) in enumerate(rows, start=1):
        for col, value in enumerate((*cells, *consents[text])):
            sheet.write_string(line, col, value)  # always text, never a formula
    sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue(), len(rows)


def jsonl_from(store, selection: Selection) -> tuple[bytes, int]:
    where, params = selection.where()
    sql = f"SELECT * FROM signatures{where} ORDER BY signed_at, uuid"  # noqa: S608
    with store._lock:
        rows = store._conn.execute(sql, params).fetchall()
    names = [d[1] for d in store._conn.execute("PRAGMA table_info(signatures)")]
    signatures = [Signature.from_row(dict(zip(names, r, strict=True))) for r in rows]
    return jsonl_bytes(signatures), len(signatures)


def jsonl_bytes(signatures: Sequence[Signature]) -> bytes:
    return "".join(
        json.dumps(record(s), ensure_ascii=False, sort_keys=True) + "\n" for s in signatures
    ).encode("utf-8")


def export(
    store,
    selection: Selection,
    output: Path,
    fmt: str,
    *,
    bom: bool = True,
    letters: dict[str, bytes] | None = None,
) -> ExportResult:
    """Write the selected signatures of `store` to `output` in `fmt`, the summary and letter
    PDFs beside it, and last a manifest listing every file with its SHA-256."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown format '{fmt}': use one of {', '.join(FORMATS)}.")
    output = Path(output)
    if not output.parent.is_dir():
        raise ExportError(f"The folder {output.parent} does not exist (is the USB stick in?).")
    make = {
        "csv": lambda: csv_from(store, selection, bom=bom),
        "xlsx": lambda: xlsx_from(store, selection),
        "jsonl": lambda: jsonl_from(store, selection),
    }[fmt]
    data, count = make()
    planned = [
        (output, data),
        (output.with_name(f"{output.stem}-summary.csv"), summary_from(store, selection)),
    ]
    for case_id, pdf in sorted((letters or {}).items()):
        planned.append((output.with_name(f"{output.stem}-letters-{case_id}.pdf"), pdf))
    result = ExportResult(records=count)
    for path, content in planned:
        result.files[path.name] = write_atomically(path, content)
    manifest = {
        "records": count,
        "format": fmt,
        "written_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "files": [{"name": name, "sha256": digest} for name, digest in result.files.items()],
    }
    result.manifest = output.with_name(f"{output.stem}-manifest.json")
    write_atomically(result.manifest, json.dumps(manifest, indent=2).encode())
    return result


# -- writing ---------------------------------------------------------------------------------


def write_atomically(path: Path, data: bytes) -> str:
    """Write one export file whole or not at all; its SHA-256."""
    try:
        return files.write_atomically(path, data)
    except OSError as exc:
        raise ExportError(
            f"{path.name} could not be written to {path.parent}: {exc.strerror}. Check that the "
            "folder (or USB stick) is there, writable and has free space; nothing complete-"
            "looking was left behind."
        ) from exc


@dataclass
class ExportResult:
    records: int
    files: dict[str, str] = field(default_factory=dict)  # name -> sha256
    manifest: Path | None = None
