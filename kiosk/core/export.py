"""The day's signatures for coordinators: CSV, JSON Lines or XLSX, with a summary and a manifest.

What a coordinator imports into a CRM or opens in a spreadsheet: one row per signature, the
consents as explicit columns with the version of the text the signer saw. Spreadsheet programs
run a cell that starts with `=`, `+`, `-`, `@`, a tab or a line break as a formula (OWASP's "CSV
injection"), so in CSV such a cell gets a leading apostrophe, and XLSX cells are written as text,
never as formulas; JSON Lines keeps every value exactly as recorded.

The files of an export form one set, complete or absent (`kiosk.core.file_sets`): a USB stick
pulled out mid-export never holds a half set that looks complete, the manifest, with the record
count and each file's SHA-256, comes last, and an export never replaces another's files.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

from kiosk.core import file_sets
from kiosk.core.errors import (
    DamagedDatabaseError,
    ExitCode,
    KioskError,
    SealedRecordsError,
    UnknownCaseError,
)
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


def record(signature: Signature, drawn: Collection[str] = ()) -> dict:
    """A signature as one JSON Lines record: every value as recorded. `drawn`: UUIDs known to
    have a drawn signature that is not at hand (records read from a JSON Lines file)."""
    data = signature.payload()
    data["has_drawing"] = bool(
        signature.drawing
        or signature.signature_png
        or signature.sealed_drawing
        or signature.uuid in drawn
    )
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
    with export_rows.rows(store, selection) as rows:
        return csv_bytes(rows, bom=bom)


def csv_bytes(rows: Iterable[Sequence], *, bom: bool = True) -> tuple[bytes, int]:
    """Rows of `export_rows.CELLS` as CSV, and how many."""
    lines: list[str] = []
    texts: list[str] = []
    writer = csv.writer(SimpleNamespace(write=lines.append), lineterminator="")
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
    with export_rows.rows(store, selection) as rows:
        return xlsx_bytes(rows)


def xlsx_bytes(rows: Iterable[Sequence]) -> tuple[bytes, int]:
    """Rows of `export_rows.CELLS` as an XLSX workbook, and how many."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("signatures")
    texts: list[str] = []
    # Every cell is written as text, never as a formula.
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


def signature_rows(signatures: Iterable[Signature], drawn: Collection[str] = ()) -> Iterator[tuple]:
    """Signatures held in memory (opened by `kiosk decrypt`) as the rows an export reads from
    the database (`export_rows.CELLS`), so they are written by the very same writers.
    `drawn` as for `record`."""
    for s in signatures:
        row = s.to_row()
        yield (
            s.uuid,
            s.signed_at,
            _local_time(s.signed_at),
            *(row[name] for name in export_rows.CELLS[3:13]),
            int(s.wants_letter),
            int(s.has_drawing or s.uuid in drawn),
            row["consents"],
        )


def _local_time(utc: str) -> str:
    """'2026-12-10T17:05:03.1Z' as the local time SQLite's `localtime` gives for it."""
    try:
        moment = datetime.fromisoformat(utc.removesuffix("Z")).replace(tzinfo=UTC)
        return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError, OverflowError):
        return ""


def jsonl_bytes(signatures: Sequence[Signature], drawn: Collection[str] = ()) -> bytes:
    return "".join(
        json.dumps(record(s, drawn), ensure_ascii=False, sort_keys=True) + "\n" for s in signatures
    ).encode("utf-8")


def refuse_sealed(store: Store, selection: Selection) -> None:
    """Refuse a spreadsheet of sealed records (`SealedRecordsError`): its name columns would
    be empty, and a coordinator would take the file for the day's signatures."""
    sealed = export_rows.sealed_count(store, selection)
    if sealed:
        raise SealedRecordsError(
            f"{sealed} of the signatures chosen are sealed (privacy.public_key): their names "
            "can be read only with the organisation's private key. Export them with --format "
            "jsonl, then on the coordinator's machine run `kiosk decrypt --key PRIVATE_KEY "
            "FILE.jsonl --output signatures.csv` for the CSV, XLSX or letters."
        )


def check_case(selection: Selection, known: Iterable[str]) -> None:
    """Refuse a selection by a case id that neither the cases nor the records know (a typo
    would otherwise give an empty export that looks like a quiet day): `UnknownCaseError`."""
    known = sorted(set(known))
    if selection.case_id is not None and selection.case_id not in known:
        raise UnknownCaseError(selection.case_id, known)


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
    PDFs beside it, and last a manifest listing every file with its SHA-256.

    A damaged database is refused (`DamagedDatabaseError`, exit 74) before anything is written:
    SQLite's full integrity check of the signatures table, not the quick one, which misses an
    index that disagrees with its table, the sign of a changed value.

    The files appear as one set, complete or not at all (`file_sets`). When a file of the set
    would take the name of one already there (the same export twice, or a CSV and then an XLSX
    called `day`, which share `day-summary.csv`), the set takes the next free name instead,
    `day-2.csv` and so on: no export ever replaces another's files. Half sets and hidden files
    that a killed export left in the folder are removed first.
    """
    if fmt not in FORMATS:
        raise ExportError(f"Unknown format '{fmt}': use one of {', '.join(FORMATS)}.")
    if fmt != "jsonl":
        refuse_sealed(store, selection)
    output = Path(output)
    folder = output.parent
    if not folder.is_dir():
        raise ExportFolderMissingError(
            f"The folder {folder} does not exist (is the USB stick in?)."
        )
    checked = store.signatures_integrity_later()  # while the rows are read; awaited before
    # anything is written
    make = {
        "csv": lambda: csv_from(store, selection, bom=bom),
        "xlsx": lambda: xlsx_from(store, selection),
        "jsonl": lambda: jsonl_from(store, selection),
    }[fmt]
    try:
        data, count = make()
        summary = summary_from(store, selection)
    except KioskError as exc:  # the damage may show as an unreadable value first
        if checked.result() != "ok":
            raise DamagedDatabaseError(store.path) from exc
        raise
    if checked.result() != "ok":  # a damaged file may read as changed values: never vouch
        raise DamagedDatabaseError(store.path)
    cases = sorted(letters or {})

    def names(stem: str) -> list[str]:
        return [
            f"{stem}{output.suffix}",
            f"{stem}-summary.csv",
            *(f"{stem}-letters-{case_id}.pdf" for case_id in cases),
            f"{stem}-manifest.json",
        ]

    try:
        file_sets.remove_leftovers(folder)
        for name in names(output.stem):  # what a killed export of an earlier version left
            (folder / f".{name}.part").unlink(missing_ok=True)
        stem = file_sets.free_stem(folder, output.stem, names)
        *named, manifest_name = names(stem)
        bodies = [data, summary, *((letters or {})[case_id] for case_id in cases)]
        contents = list(zip(named, bodies, strict=True))
        result = ExportResult(
            records=count, output=folder / named[0], manifest=folder / manifest_name
        )
        result.files = {name: hashlib.sha256(content).hexdigest() for name, content in contents}
        manifest = {
            "records": count,
            "format": fmt,
            "written_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "files": [{"name": name, "sha256": digest} for name, digest in result.files.items()],
        }
        contents.append((manifest_name, json.dumps(manifest, indent=2).encode()))
        file_sets.publish(folder, contents)
    except OSError as exc:
        raise ExportError(
            f"The export could not be written to {folder}: {exc.strerror}. Check that the "
            "folder (or USB stick) is there, writable and has free space; nothing complete-"
            "looking was left behind."
        ) from exc
    return result


@dataclass
class ExportResult:
    records: int
    files: dict[str, str] = field(default_factory=dict)  # name -> sha256
    manifest: Path | None = None
    output: Path | None = None  # the data file: `output`, or the next free name
