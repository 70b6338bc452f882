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

import base64
import csv
import functools
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import BinaryIO

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
    """The folder to export to is not there (most often: the USB stick is not plugged in): the
    output cannot be created (73), not a broken database (74)."""

    exit_code = ExitCode.CANTCREAT
    kind = "export-folder-missing"


def columns(consents: Sequence[str]) -> list[str]:
    extra = [name for cid in consents for name in (f"consent_{cid}", f"consent_{cid}_version")]
    return [*BASE_COLUMNS, *extra]


def safe_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading apostrophe where it would be a formula."""
    return "'" + value if value[:1] in FORMULA_START else value


def record(signature: Signature, drawn: bool = False) -> dict:
    """A signature as one JSON Lines record: every value as recorded. `drawn`: known to have a
    drawn signature that is not at hand (a record read from a JSON Lines file)."""
    data = signature.payload()
    data["has_drawing"] = bool(
        signature.drawing or signature.signature_png or signature.sealed_drawing or drawn
    )
    return data


class ConsentColumns:
    """The consent columns of an export, from the distinct consents texts of its rows (in the
    order they first appear), and each text's cells: per id `yes`/`no` and the text version,
    both empty where that case has no such box. Made once per text (a day holds a handful)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._boxes: dict[str, dict[str, dict]] = {}
        ids: dict[str, None] = {}
        for text in texts:
            given = self._read(text)
            self._boxes[text] = given
            ids.update(dict.fromkeys(given))
        self.order = list(ids)
        self._cells: dict[str, tuple[str, ...]] = {}

    @staticmethod
    def _read(text: str) -> dict[str, dict]:
        try:
            return {str(c["id"]): c for c in json.loads(text)}
        except (ValueError, TypeError, KeyError) as exc:
            raise ExportError(
                "A signature's consents could not be read, so the export was not written: the "
                "database may be damaged (`kiosk doctor` checks it)."
            ) from exc

    def cells(self, text: str) -> tuple[str, ...]:
        found = self._cells.get(text)
        if found is not None:
            return found
        given = self._boxes.get(text) or self._read(text)
        if not given.keys() <= set(self.order):  # read after the columns were chosen
            raise ExportError(
                "The records changed while they were read (a consent box no other record has "
                "appeared), so the export was not written: run it again."
            )
        row: list[str] = []
        for cid in self.order:
            box = given.get(cid)
            row += (
                ("yes" if box.get("given") else "no", str(box.get("version", "")))
                if box
                else ("", "")
            )
        self._cells[text] = found = tuple(row)
        return found


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


# The consent columns come last, and which there are depends on every selected signature: so
# the distinct consents texts are read first (`export_rows.reading`, in the same moment of the
# database as the rows), and each row is then written whole, as it comes. Rows are written out
# in pieces of FLUSH_ROWS: what an export holds does not grow with the records.
FLUSH_ROWS = 2000


def write_csv(
    out: BinaryIO, texts: Iterable[str], rows: Iterable[Sequence], *, bom: bool = True
) -> int:
    """Rows of `export_rows.CELLS` (with the distinct consents `texts` among them) to `out` as
    CSV (RFC 4180, as Python's csv module writes it); how many."""
    consents = ConsentColumns(texts)
    ends: dict[str, str] = {}
    head = ("\ufeff" if bom else "") + _csv_line(columns(consents.order)) + "\r\n"
    out.write(head.encode("utf-8"))
    lines: list[str] = []
    writer = csv.writer(SimpleNamespace(write=lines.append), lineterminator="")
    count = 0
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
        end = ends.get(text)
        if end is None:
            cells = consents.cells(text)
            end = ends[text] = (_csv_line(["", *map(safe_cell, cells)]) if cells else "") + "\r\n"
        lines.append(end)
        count += 1
        if len(lines) >= 2 * FLUSH_ROWS:
            out.write("".join(lines).encode("utf-8"))
            lines.clear()
    out.write("".join(lines).encode("utf-8"))
    return count


def _csv_line(cells: Iterable[str]) -> str:
    """One CSV line as Python's csv module writes it, without the line end (a leading empty
    cell gives the leading comma of cells that continue a line)."""
    line: list[str] = []
    csv.writer(SimpleNamespace(write=line.append), lineterminator="").writerow(cells)
    return line[0]


def write_xlsx(
    out: BinaryIO | Path, texts: Iterable[str], rows: Iterable[Sequence], *, scratch: Path
) -> int:
    """Rows of `export_rows.CELLS` as an XLSX workbook to `out`; how many. xlsxwriter's
    constant-memory mode writes each row as it comes into a file in `scratch` (an owner-only
    folder: the rows hold names) and packs the workbook at the end."""
    import xlsxwriter

    consents = ConsentColumns(texts)
    book = xlsxwriter.Workbook(
        out,
        {"constant_memory": True, "strings_to_formulas": False, "tmpdir": str(scratch)},
    )
    sheet = book.add_worksheet("signatures")
    bold = book.add_format({"bold": True})
    for col, name in enumerate(columns(consents.order)):
        sheet.write_string(0, col, name, bold)
    sheet.freeze_panes(1, 0)
    line = 0
    # Every cell is written as text, never as a formula.
    for line, (*cells, wants, drawing, text) in enumerate(rows, start=1):
        for col, value in enumerate(
            (*cells, YES_NO[wants], YES_NO[drawing], *consents.cells(text))
        ):
            sheet.write_string(line, col, value or "")
    book.close()
    return line


def write_jsonl(out: BinaryIO, rows: Iterable[Sequence]) -> int:
    """Rows of `export_rows.records` as JSON Lines, each line what `record` makes of the
    signature (every value as recorded); how many."""
    consents: dict[str, list[dict]] = {}
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    lines: list[str] = []
    count = 0
    for row in rows:
        data = dict(zip(export_rows.RECORD_CELLS, row, strict=False))
        text = data["consents"]
        given = consents.get(text)
        if given is None:
            given = consents[text] = _given(text)
        data["consents"] = given
        data["wants_letter"] = bool(data["wants_letter"])
        data["has_drawing"] = bool(row[-2])
        if row[-1] is not None:
            data["sealed"] = base64.b64encode(row[-1]).decode("ascii")
        lines.append(encode(data))
        count += 1
        if len(lines) >= FLUSH_ROWS:
            out.write(("\n".join(lines) + "\n").encode("utf-8"))
            lines.clear()
    if lines:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    return count


def _given(text: str) -> list[dict]:
    """A stored consents text as a record carries it (as `Signature.payload` reads it back)."""
    try:
        return [
            {"id": c["id"], "version": c["version"], "given": bool(c["given"])}
            for c in json.loads(text)
        ]
    except (ValueError, TypeError, KeyError) as exc:
        raise ExportError(
            "A signature's consents could not be read, so the export was not written: the "
            "database may be damaged (`kiosk doctor` checks it)."
        ) from exc


def write_signatures_jsonl(out: BinaryIO, signatures: Iterable[tuple[Signature, bool]]) -> int:
    """Signatures at hand (opened by `kiosk decrypt`), each with `drawn` as for `record`, as
    JSON Lines; how many."""
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    count = 0
    for signature, drawn in signatures:
        out.write((encode(record(signature, drawn)) + "\n").encode("utf-8"))
        count += 1
    return count


def signature_rows(signatures: Iterable[tuple[Signature, bool]]) -> Iterator[tuple]:
    """Signatures at hand (opened by `kiosk decrypt`), each with `drawn` as for `record`, as
    the rows an export reads from the database (`export_rows.CELLS`), so they are written by
    the very same writers."""
    for s, drawn in signatures:
        row = s.to_row()
        yield (
            s.uuid,
            s.signed_at,
            _local_time(s.signed_at),
            *(row[name] for name in export_rows.CELLS[3:13]),
            int(s.wants_letter),
            int(s.has_drawing or drawn),
            row["consents"],
        )


def _local_time(utc: str) -> str:
    """'2026-12-10T17:05:03.1Z' as the local time SQLite's `localtime` gives for it."""
    try:
        moment = datetime.fromisoformat(utc.removesuffix("Z")).replace(tzinfo=UTC)
        return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError, OverflowError):
        return ""


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
    piece: int = export_rows.PIECE,
) -> ExportResult:
    """Write the selected signatures of `store` to `output` in `fmt`, the summary and letter
    PDFs beside it, and last a manifest listing every file with its SHA-256.

    The rows are read `piece` at a time and written as they come (a campaign's millions of
    records never sit in memory), into the set's hidden staging folder: nothing appears in
    the folder until the set is complete and the database vouched for.

    A damaged database is refused (`DamagedDatabaseError`, exit 74) before anything appears:
    SQLite's full integrity check of the signatures table, not the quick one, which misses an
    index that disagrees with its table, the sign of a changed value. It runs while the rows are
    read and is awaited before the set is published.

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
    cases = sorted(letters or {})

    def names(stem: str) -> list[str]:
        return [
            f"{stem}{output.suffix}",
            f"{stem}-summary.csv",
            *(f"{stem}-letters-{case_id}.pdf" for case_id in cases),
            f"{stem}-manifest.json",
        ]

    checked = store.signatures_integrity_later()  # while the rows are read; awaited before
    # the set appears
    try:
        file_sets.remove_leftovers(folder)
        for name in names(output.stem):  # what a killed export of an earlier version left
            (folder / f".{name}.part").unlink(missing_ok=True)
        stem = file_sets.free_stem(folder, output.stem, names)
        data_name, summary_name, *letter_names, manifest_name = names(stem)
        with file_sets.staged(
            folder, [data_name, summary_name, *letter_names, manifest_name]
        ) as stage:
            try:
                with stage.open(data_name) as out:
                    count = _write(store, selection, out, fmt, bom, piece, stage.staging)
                stage.write(summary_name, summary_from(store, selection))
            except KioskError as exc:  # the damage may show as an unreadable value first
                if checked.result() != "ok":
                    raise DamagedDatabaseError(store.path) from exc
                raise
            if checked.result() != "ok":  # a damaged file may read as changed values: never
                raise DamagedDatabaseError(store.path)  # vouch (nothing is published)
            for name, case_id in zip(letter_names, cases, strict=True):
                stage.write(name, (letters or {})[case_id])
            manifest = {
                "records": count,
                "format": fmt,
                "written_at": datetime.now().astimezone().isoformat(timespec="seconds"),
                "files": [
                    {"name": name, "sha256": digest} for name, digest in stage.digests.items()
                ],
            }
            result = ExportResult(
                records=count,
                files=dict(stage.digests),
                output=folder / data_name,
                manifest=folder / manifest_name,
            )
            stage.write(manifest_name, json.dumps(manifest, indent=2).encode())
    except OSError as exc:
        raise ExportError(
            f"The export could not be written to {folder}: {exc.strerror}. Check that the "
            "folder (or USB stick) is there, writable and has free space; nothing complete-"
            "looking was left behind."
        ) from exc
    return result


def _write(
    store: Store,
    selection: Selection,
    out: BinaryIO,
    fmt: str,
    bom: bool,
    piece: int,
    scratch: Path,
) -> int:
    """The selected signatures to `out` in `fmt`, read `piece` at a time; how many."""
    if fmt == "jsonl":
        with export_rows.records(store, selection, piece=piece) as rows:
            return write_jsonl(out, rows)
    with export_rows.reading(store, selection, piece=piece) as (texts, rows):
        if fmt == "csv":
            return write_csv(out, texts, rows, bom=bom)
        return write_xlsx(out, texts, rows, scratch=scratch)


@dataclass
class ExportResult:
    records: int
    files: dict[str, str] = field(default_factory=dict)  # name -> sha256
    manifest: Path | None = None
    output: Path | None = None  # the data file: `output`, or the next free name
