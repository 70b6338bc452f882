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
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

from kiosk.core import files
from kiosk.core.errors import ExitCode, KioskError
from kiosk.core.records import export_rows
from kiosk.core.records.selection import Selection
from kiosk.core.records.store import Store
from kiosk.core.signatures import Signature

FORMATS = ("csv", "jsonl", "xlsx")
FORMULA_START = frozenset(("=", "+", "-", "@", "\t", "\r", "\n"))
YES_NO = ("no", "yes")  # wants_letter and has_drawing, read as 0 or 1

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

    exit_code = ExitCode.IOERR
    kind = "export"


class ExportFolderMissingError(ExportError):
    """The folder to export to is not there (most often: the USB stick is not plugged in)."""

    kind = "export-folder-missing"


def columns(consents: Sequence[str]) -> list[str]:
    extra = [name for cid in consents for name in (f"consent_{cid}", f"consent_{cid}_version")]
    return [*BASE_COLUMNS, *extra]


def safe_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading apostrophe where it would be a formula."""
    return "'" + value if value[:1] in FORMULA_START else value


def record(signature: Signature) -> dict:
    """A signature as one JSON Lines record: every value as recorded."""
    data = signature.payload()
    data["has_drawing"] = bool(signature.drawing or signature.signature_png)
    return data


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


def summary_from(store: Store, selection: Selection) -> bytes:
    """Signatures per case and local hour, and per case for the whole period, as CSV."""
    hourly: Counter[tuple[str, str]] = Counter()
    for case_id, minute, n in export_rows.per_minute(store, selection):
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
        return moment.astimezone().strftime("%Y-%m-%d %H:00")
    except (TypeError, ValueError, OverflowError):  # e.g. year 1 west of Greenwich
        return ""


# The consent columns come last, and which there are is known only once every selected
# signature has been read. So each row is written up to them first, and its consent cells are
# added after: they depend on the consents JSON alone, the same text for everyone who ticked the
# same boxes of the same case, and are made once per text (a day holds a handful).


def csv_from(store: Store, selection: Selection, *, bom: bool = True) -> tuple[bytes, int]:
    """The selection as CSV (RFC 4180, as Python's csv module writes it) and its row count."""
    lines: list[str] = []
    texts: list[str] = []
    writer = csv.writer(SimpleNamespace(write=lines.append), lineterminator="")
    with export_rows.rows(store, selection) as rows:
        for uuid, signed_at, local, *recorded, wants, drawing, text in rows:
            writer.writerow(
                [
                    safe_cell(uuid),
                    safe_cell(signed_at),
                    local,
                    *map(safe_cell, recorded),
                    YES_NO[wants],
                    YES_NO[drawing],
                ]
            )
            texts.append(text)
    order, consents = consent_cells(dict.fromkeys(texts))
    ends = {
        text: (_csv_line(["", *map(safe_cell, cells)]) if order else "") + "\r\n"
        for text, cells in consents.items()
    }
    head = ("\ufeff" if bom else "") + _csv_line(columns(order)) + "\r\n"
    body = "".join(line + ends[text] for line, text in zip(lines, texts, strict=True))
    return (head + body).encode("utf-8"), len(lines)


def _csv_line(cells: Iterable[str]) -> str:
    """One CSV line as Python's csv module writes it, without the line end (a leading empty
    cell gives the leading comma of cells that continue a line)."""
    line: list[str] = []
    csv.writer(SimpleNamespace(write=line.append), lineterminator="").writerow(cells)
    return line[0]


def xlsx_from(store: Store, selection: Selection) -> tuple[bytes, int]:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("signatures")
    texts: list[str] = []
    # Every cell is written as text, never as a formula.
    with export_rows.rows(store, selection) as rows:
        for line, (*cells, wants, drawing, text) in enumerate(rows, start=1):
            for col, value in enumerate((*cells, YES_NO[wants], YES_NO[drawing])):
                sheet.write_string(line, col, value or "")
            texts.append(text)
    order, consents = consent_cells(dict.fromkeys(texts))
    first = len(BASE_COLUMNS)
    for line, text in enumerate(texts, start=1):
        for col, value in enumerate(consents[text], start=first):
            sheet.write_string(line, col, value)
    bold = book.add_format({"bold": True})
    for col, name in enumerate(columns(order)):
        sheet.write_string(0, col, name, bold)
    sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue(), len(texts)


def jsonl_from(store: Store, selection: Selection) -> tuple[bytes, int]:
    signatures = list(store.signatures(**asdict(selection)))
    return jsonl_bytes(signatures), len(signatures)


def jsonl_bytes(signatures: Sequence[Signature]) -> bytes:
    return "".join(
        json.dumps(record(s), ensure_ascii=False, sort_keys=True) + "\n" for s in signatures
    ).encode("utf-8")


def export(
    store: Store,
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
        raise ExportFolderMissingError(
            f"The folder {output.parent} does not exist (is the USB stick in?)."
        )
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
    result = ExportResult(records=count, manifest=output.with_name(f"{output.stem}-manifest.json"))
    try:
        for path, content in planned:
            result.files[path.name] = files.write_atomically(path, content)
        manifest = {
            "records": count,
            "format": fmt,
            "written_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "files": [{"name": name, "sha256": digest} for name, digest in result.files.items()],
        }
        path = result.manifest
        files.write_atomically(path, json.dumps(manifest, indent=2).encode())
    except OSError as exc:
        raise ExportError(
            f"{path.name} could not be written to {path.parent}: {exc.strerror}. Check that the "
            "folder (or USB stick) is there, writable and has free space; nothing complete-"
            "looking was left behind."
        ) from exc
    return result


@dataclass
class ExportResult:
    records: int
    files: dict[str, str] = field(default_factory=dict)  # name -> sha256
    manifest: Path | None = None
