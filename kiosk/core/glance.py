"""What the attract screen shows, known before the rest of the kiosk has loaded.

A kiosk is switched on in front of people, and its first picture should come at once. Loading
the settings and the cases checks every value (pydantic) and takes longer than drawing the
screen, so after each checked start the kiosk keeps a small snapshot of what its attract screen
shows: the active cases' names, one-line titles and photos in the default language, the
languages offered, the daily goal. With it go the size and time of every file it came from. The
next start shows the snapshot at once if none of those files changed, and checks the settings and
cases behind it; if one changed, or the snapshot is missing or unreadable, the start waits for the
check, as it always did. Nothing about signers is in it: today's count is read from the database.

This module imports nothing heavy (no pydantic, no sqlite-utils): it is what runs before the
first frame.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kiosk.core import clock, paths

FORMAT = 1  # raised whenever what the snapshot holds changes

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GlanceCase:
    id: str
    person: str
    title: str  # in the default language
    photo: str  # the photo file, "" for the placeholder
    credit: str


@dataclass(frozen=True)
class Glance:
    """The attract screen's facts, and the stamps of the files they were read from."""

    language: str
    offered: tuple[str, ...]
    goal: int
    large_text: bool
    database: str
    cases: tuple[GlanceCase, ...]
    stamps: tuple[tuple[str, int, int], ...] = ()  # (path, mtime_ns, size); size -1: a folder

    def photos(self) -> dict[str, Path]:
        return {case.id: Path(case.photo) for case in self.cases if case.photo}

    def current(self) -> bool:
        """True while every file it was made from is as it was (none added, changed or gone)."""
        return all(_stamp(Path(path)) == (path, mtime, size) for path, mtime, size in self.stamps)


def glance_of(config: Any, cases: Sequence[Any], database: Path) -> Glance:
    """The glance of a checked configuration (`Config`) and its active cases (`Case`)."""
    settings = config.settings
    language = settings.languages.default
    sources: list[Path] = [config.cases_folder]
    if config.path is not None:
        sources.append(config.path)
    for case in cases:
        sources.append(case.folder)
        sources.extend(sorted(p for p in case.folder.iterdir() if p.is_file()))
    return Glance(
        language=language,
        offered=tuple(settings.languages.offered),
        goal=settings.event.daily_goal,
        large_text=settings.kiosk.large_text,
        database=str(database),
        cases=tuple(
            GlanceCase(
                id=case.id,
                person=case.person,
                title=case.title(language),
                photo=str(case.photo) if case.photo else "",
                credit=case.photo_credit,
            )
            for case in cases
        ),
        stamps=tuple(s for s in map(_stamp, sources) if s is not None),
    )


def _stamp(path: Path) -> tuple[str, int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    size = -1 if path.is_dir() else status.st_size  # a folder's size says nothing portable
    return str(path), status.st_mtime_ns, size


def snapshot_path(config_path: Path | None, database: Path | None) -> Path:
    """Where the glance of a start with these --config and --database is kept (user cache)."""
    return paths.cache_dir() / f"glance-{zlib.crc32(_start_key(config_path, database)):08x}.json"


def _start_key(config_path: Path | None, database: Path | None) -> bytes:
    # Kept inside the snapshot too: two starts whose keys share a checksum never mix.
    config = Path(config_path).resolve() if config_path else paths.default_config_path()
    chosen = str(Path(database).resolve()) if database else ""
    return f"{config}\0{chosen}".encode()


def save(glance: Glance, path: Path, config_path: Path | None, database: Path | None) -> None:
    """Keep `glance` for the next start; a failure only costs that start its head start."""
    from kiosk.core import files  # hashlib and all: not needed before the first frame

    key = _start_key(config_path, database).decode()
    data = {"format": FORMAT, "start": key, **asdict(glance)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        files.write_atomically(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError as exc:
        log.info("the attract screen's snapshot was not kept (%s)", exc)


def load(path: Path, config_path: Path | None, database: Path | None) -> Glance | None:
    """The glance kept at `path` for this start if it is readable and still current."""
    try:
        data = json.loads(Path(path).read_bytes())
        if data.pop("format") != FORMAT:
            return None
        if data.pop("start") != _start_key(config_path, database).decode():
            return None
        glance = Glance(
            language=str(data["language"]),
            offered=tuple(map(str, data["offered"])),
            goal=int(data["goal"]),
            large_text=bool(data["large_text"]),
            database=str(data["database"]),
            cases=tuple(GlanceCase(**case) for case in data["cases"]),
            stamps=tuple(_stamps(data["stamps"])),
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    return glance if glance.current() else None


def _stamps(rows: Iterable[Any]) -> Iterable[tuple[str, int, int]]:
    for path, mtime, size in rows:
        yield str(path), int(mtime), int(size)


def today_count(database: Path) -> int:
    """Signatures of the local day in `database` (0 if it does not exist yet or cannot be
    read: the checked start that follows puts the right number up)."""
    if not Path(database).is_file():
        return 0
    start, end = clock.utc_bounds(clock.today())
    try:
        conn = sqlite3.connect(database, timeout=2)
        try:
            return conn.execute(
                "SELECT count(*) FROM signatures WHERE signed_at >= ? AND signed_at < ?",
                (start, end),
            ).fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0
