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
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from kiosk.core import files
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
# For CSV and XLSX the cells are made by SQLite itself (consents through its JSON functions, the
# formula guard as a CASE), so a day of 100,000 signatures streams out without building a Python
# object per signature.

_GUARD_CODES = ", ".join(str(ord(c)) for c in FORMULA_START)


@dataclass(frozen=True)
class Selection:
    """Which signatures to export: a case, an event, a span of local days (all if None)."""

    case_id: str | None = None
    event_id: str | None = None
    start: date | None = None
    end: date | None = None

    def where(self) -> tuple[str, list]:
        from kiosk.core.store import utc_bounds

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


def _guarded(expression: str) -> str:
    """SQL for `expression` with the formula guard: a leading apostrophe where needed."""
    return (
        f"CASE WHEN unicode({expression}) IN ({_GUARD_CODES}) "
        f"THEN char(39) || {expression} ELSE {expression} END"
    )


def _plain(expression: str) -> str:
    return expression


def rows_sql(consents: Sequence[str], selection: Selection, *, guard: bool) -> tuple[str, list]:
    """The query whose rows are the export's cells, in `columns(consents)` order."""
    text = _guarded if guard else _plain
    texts = ("case_id", "event_id", "kiosk_id", "language", "given_name", "family_name")
    texts += ("postal_code", "town", "country", "email")
    cells = [
        text("uuid"),
        "signed_at",
        "strftime('%Y-%m-%d %H:%M:%S', signed_at, 'localtime')",
        *(text(name) for name in texts),
        "CASE WHEN wants_letter THEN 'yes' ELSE 'no' END",
        "CASE WHEN drawing IS NOT NULL OR signature_png IS NOT NULL THEN 'yes' ELSE 'no' END",
    ]
    params: list = []
    pick = "FROM json_each(consents) WHERE json_extract(value, '$.id') = ?"
    for cid in consents:
        cells.append(
            "coalesce((SELECT CASE WHEN json_extract(value, '$.given') THEN 'yes' ELSE 'no' END "
            f"{pick}), '')"
        )
        version = f"coalesce((SELECT json_extract(value, '$.version') {pick}), '')"
        # Guarded through a one-row subquery, so its one parameter is bound once.
        cells.append(f"(SELECT {text('v')} FROM (SELECT {version} AS v))")  # noqa: S608 - fixed SQL, values bound
        params += [cid, cid]
    where, where_params = selection.where()
    sql = f"SELECT {', '.join(cells)} FROM signatures{where} ORDER BY signed_at, uuid"  # noqa: S608
    return sql, params + where_params


def consent_ids_in(store, selection: Selection) -> list[str]:
    """The consent ids of the selected signatures, in the order they first appear."""
    where, params = selection.where()
    sql = (
        "SELECT json_extract(value, '$.id') AS id FROM signatures, "  # noqa: S608
        f"json_each(signatures.consents){where} GROUP BY id ORDER BY min(signed_at), id"
    )
    with store._lock:
        return [r[0] for r in store._conn.execute(sql, params)]


def summary_from(store, selection: Selection) -> bytes:
    """Signatures per case and local hour, and per case for the whole period, as CSV."""
    where, params = selection.where()
    # The only text put into these queries is `where`, made of fixed clauses with ? parameters.
    hour = "strftime('%Y-%m-%d %H:00', signed_at, 'localtime')"
    hourly = (
        f"SELECT case_id, {hour} AS h, count(*) FROM signatures{where} GROUP BY 1, 2 ORDER BY 1, 2"  # noqa: S608
    )
    daily = f"SELECT case_id, count(*) FROM signatures{where} GROUP BY case_id ORDER BY 1"  # noqa: S608
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["case_id", "hour_local", "signatures"])
    with store._lock:
        for case_id, hour, n in store._conn.execute(hourly, params):
            writer.writerow([safe_cell(case_id), hour, n])
        for case_id, n in store._conn.execute(daily, params):
            writer.writerow([safe_cell(case_id), "all day", n])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def csv_from(store, selection: Selection, *, bom: bool = True) -> tuple[bytes, int]:
    consents = consent_ids_in(store, selection)
    sql, params = rows_sql(consents, selection, guard=True)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns(consents))
    with store._lock:
        cursor = store._conn.execute(sql, params)
        count = 0
        while batch := cursor.fetchmany(5000):
            writer.writerows(batch)
            count += len(batch)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8"), count


def xlsx_from(store, selection: Selection) -> tuple[bytes, int]:
    import xlsxwriter

    consents = consent_ids_in(store, selection)
    sql, params = rows_sql(consents, selection, guard=False)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("signatures")
    bold = book.add_format({"bold": True})
    for col, name in enumerate(columns(consents)):
        sheet.write_string(0, col, name, bold)
    count = 0
    with store._lock:
        for line, cells in enumerate(store._conn.execute(sql, params), start=1):
            for col, value in enumerate(cells):
                sheet.write_string(line, col, value)  # always text, never a formula
            count = line
    sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue(), count


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
