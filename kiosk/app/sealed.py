"""Sealed mode's actions on the organisation's own machine: making its key pair, and opening
sealed records (a kiosk's export or a collector's database) into the usual files."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.app.boundary import output_file, write_output
from kiosk.core.errors import NotFoundError, NothingMatchesError, OutputError

if TYPE_CHECKING:
    from kiosk.app.service import KioskService
    from kiosk.core.privacy.keys import PublicKey
    from kiosk.core.signatures import Signature


def new_keys(folder: Path) -> tuple[Path, Path, PublicKey]:
    """Make the organisation's key pair in `folder`: (public key file, private key file 0600,
    the public key). `KeyFileExistsError` when a key is there already (nothing is written)."""
    from kiosk.core.privacy.keys import new_key_pair

    try:
        return new_key_pair(folder)
    except OSError as exc:
        raise OutputError(
            f"The keys cannot be written to {folder}: {exc.strerror}. Name a folder this user "
            "may write to (on the coordinator's machine, never a kiosk)."
        ) from exc


@dataclass
class Decrypted:
    """What `kiosk decrypt` made: the records opened, and every one that was not, with why."""

    records: int = 0
    output: Path | None = None
    letters: int = 0
    letters_output: Path | None = None
    failed: list[tuple[str, str]] = field(default_factory=list)  # (record or line, why)
    no_case: list[str] = field(default_factory=list)  # cases not installed: no letters made


_NEITHER = (
    "{source} is neither a kiosk database nor a JSON Lines export: give the file "
    "`kiosk export --format jsonl` wrote, or the collector's database."
)


def read_sealed(
    source: Path | str, result: Decrypted, *, piece: int = 2000
) -> Iterator[tuple[Signature, bool]]:
    """The records of a kiosk's or collector's database (a file, or a PostgreSQL URL), or of a
    JSON Lines export, as they are read (`piece` at a time from a database), each with whether
    its line said it was drawn (a JSON Lines file carries no drawing); a line that is no
    record goes to `result.failed`."""
    from kiosk.core.records import streams
    from kiosk.core.records.connection import database_errors as translated
    from kiosk.core.records.store import Store

    if isinstance(source, str):  # a PostgreSQL URL: a central collector's database
        from kiosk.core.records.central import CentralStore

        with CentralStore(source) as central:
            for signature in central.signatures(piece=piece):
                yield signature, False
        return
    try:
        with source.open("rb") as handle:
            is_database = handle.read(16) == b"SQLite format 3\0"
    except OSError as exc:
        raise NotFoundError(f"{source} cannot be read: {exc.strerror}.") from exc
    if is_database:
        with (
            translated(source),
            Store(source, read_only=True) as store,
            streams.signatures(store, piece=piece) as found,
        ):
            for signature in found:
                yield signature, False
        return
    yield from _read_lines(source, result)


def _read_lines(source: Path, result: Decrypted) -> Iterator[tuple[Signature, bool]]:
    import hashlib

    from kiosk.core.records.received import exported_signature
    from kiosk.core.records.seen import Met, SeenRecords

    json_lines = 0  # a CSV or a config given by mistake has none: one clear error, not one a line
    try:
        with source.open(encoding="utf-8") as lines, SeenRecords() as seen:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                    json_lines += 1
                    data = data.get("record", data) if isinstance(data, dict) else data
                    signature = exported_signature(data)
                    content = json.dumps(signature.payload(), sort_keys=True).encode()
                    met = seen.meet(signature.uuid, hashlib.sha256(content).digest())
                    if met is Met.DIFFERENT:  # two exports of one day put together
                        raise ValueError("a record with this id came before, different")
                    if met is Met.NEW:
                        yield signature, data.get("has_drawing") is True
                except (ValueError, RecursionError) as exc:  # RecordRefusedError among them
                    result.failed.append((f"{source.name} line {number}", str(exc)))
    except UnicodeDecodeError:
        raise NotFoundError(_NEITHER.format(source=source)) from None
    if not json_lines and result.failed:
        raise NotFoundError(_NEITHER.format(source=source))


def decrypt(
    source: Path | str,
    key_files: list[Path],
    *,
    output: Path | None = None,
    fmt: str | None = None,
    letters: Path | None = None,
    service: KioskService | None = None,
    bom: bool = True,
    piece: int = 2000,
) -> Decrypted:
    """Open the sealed records of `source` with the private keys of `key_files` and write them
    as CSV, JSON Lines or XLSX to `output` (by its suffix unless `fmt`), and their letters as
    one PDF to `letters` (with the cases and event name of `service`). Records that were never
    sealed come through as they are. A record that does not open (no key for it, moved from
    another record, changed) is listed in `failed` and left out of the files.

    Records are read (`piece` at a time from a database), opened and written one by one: a
    campaign's millions never sit in memory (the letters of those that want one do, for the
    PDF). A spreadsheet's consent columns depend on every record, so for CSV and XLSX the
    source is read twice, first for its consents alone."""
    from kiosk.core.export import (
        FORMATS,
        signature_rows,
        write_csv,
        write_signatures_jsonl,
        write_xlsx,
    )
    from kiosk.core.privacy.keys import read_private_key
    from kiosk.core.privacy.sealed_signatures import open_signature
    from kiosk.core.privacy.sealing import SealError

    keys = [read_private_key(path) for path in key_files]
    for target in (output, letters):
        # The coordinator's files (the sealed input itself, a day's letters) stay as they are.
        if target is not None and target.exists():
            raise OutputError(
                f"{target.name} is already there: name a new file (decrypt never replaces "
                "one), or move that one away first."
            )
    if output is not None:
        fmt = fmt or output.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            raise OutputError(
                f"Cannot tell the format of {output.name}: name it .csv, .jsonl or .xlsx, or "
                f"give --format ({', '.join(FORMATS)})."
            )
    source = source if isinstance(source, str) else Path(source)
    result = Decrypted()
    wanting: list[Signature] = []  # for the letters only

    def opened() -> Iterator[tuple[Signature, bool]]:
        for signature, drawn in read_sealed(source, result, piece=piece):
            try:
                signature = open_signature(signature, keys)
            except SealError as exc:
                result.failed.append((signature.uuid, str(exc)))
                continue
            result.records += 1
            if letters is not None and signature.wants_letter:
                wanting.append(signature)
            yield signature, drawn

    if output is None:
        for _ in opened():
            pass
    else:
        texts: list[str] = []
        if fmt != "jsonl":  # the consents, read first (never opened: they are not sealed)
            first = read_sealed(source, Decrypted(), piece=piece)
            texts = list(dict.fromkeys(s.to_row()["consents"] for s, _ in first))
        with output_file(output) as out:
            if fmt == "csv":
                write_csv(out, texts, signature_rows(opened()), bom=bom)
            elif fmt == "xlsx":
                with tempfile.TemporaryDirectory(
                    prefix=".kiosk-decrypt-", dir=output.parent
                ) as scratch:
                    write_xlsx(out, texts, signature_rows(opened()), scratch=Path(scratch))
            else:
                write_signatures_jsonl(out, opened())
        result.output = output
    if letters is not None:
        if service is None:
            raise ValueError("letters need the cases: pass the service")
        try:
            pdf, result.letters, result.no_case = service.letters_of(wanting)
        except NothingMatchesError:  # no record wants a letter: said, not a failure
            return result
        write_output(letters, pdf)
        result.letters_output = letters
    return result
