"""`kiosk doctor`: what is ready at this stand and what is not, in words a volunteer can act on.

Each check is independent, so one broken part (a bad case file, say) does not hide the state of
the others. The admin screen shows the same list.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.cases import check_cases
from kiosk.core.config import Config
from kiosk.core.errors import KioskError
from kiosk.core.store import Store


@dataclass(frozen=True)
class Check:
    """One line of the report: `ok` is True (ready), False (must be fixed) or None (a note)."""

    name: str
    ok: bool | None
    detail: str


def run_checks(config: Config, database: Path | None = None) -> list[Check]:
    return [
        _config(config),
        *_cases(config),
        _database(database or config.database_path),
        _printer(config),
        _sync(config),
    ]


def _config(config: Config) -> Check:
    where = str(config.path) if config.path else "none found, using the built-in defaults"
    return Check("configuration", True, where)


def _cases(config: Config) -> list[Check]:
    folder = config.cases_folder
    cases, problems = check_cases(folder)
    if problems:
        lines = "\n".join(f"  - {p}" for p in problems)
        return [Check("cases", False, f"{len(problems)} problem(s) in {folder}:\n{lines}")]
    ids = [c.id for c in cases]
    checks = [Check("cases", True, f"{len(cases)} valid in {folder}: {', '.join(ids)}")]
    active = config.settings.cases.active or ids
    unknown = [cid for cid in active if cid not in ids]
    if unknown:
        checks.append(Check("active cases", False, f"not found: {', '.join(unknown)}"))
    offered = config.settings.languages.offered
    for case in cases:
        if case.id not in active:
            continue
        missing = [lang for lang in offered if lang not in case.languages]
        if missing:
            checks.append(
                Check(
                    f"case {case.id}",
                    None,
                    f"no text in {', '.join(missing)}: those visitors read it in "
                    f"{case.languages[0]}",
                )
            )
    return checks


def _database(path: Path) -> Check:
    try:
        with Store(path) as store:
            integrity = store.integrity()
            total = store.counts().total
    except KioskError as exc:
        return Check("database", False, str(exc))
    if integrity != "ok":
        return Check("database", False, f"{path} is damaged: {integrity}")
    return Check("database", True, f"{path} (writable, {total} signature(s))")


def _printer(config: Config) -> Check:
    printing = config.settings.printing
    if printing.mode == "off":
        return Check("printer", None, "printing is off: no letters are printed")
    if not printing.printer:
        folder = config.pdf_folder
        return Check("printer", None, f"no CUPS queue set: letters are saved as PDFs in {folder}")
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return Check(
            "printer", False, "CUPS is not installed (no lpstat): sudo apt-get install cups-client"
        )
    result = subprocess.run(
        [lpstat, "-p", printing.printer],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    text = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        return Check("printer", False, f"queue '{printing.printer}' is not reachable: {text}")
    return Check("printer", "disabled" not in text, text)


def _sync(config: Config) -> Check:
    sync = config.settings.sync
    if sync.target == "none":
        return Check("sync", None, "no sync target: signatures stay on this kiosk until exported")
    where = sync.url or sync.folder
    return Check("sync", True, f"{sync.target} -> {where}")
