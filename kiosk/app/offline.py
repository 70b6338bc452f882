"""The actions that need no running kiosk: they work on files (a config, a database, exports)
that a `KioskService` could not open or does not need (a damaged database, broken cases, a
collector's database on a coordinator's laptop)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core.config import Config
from kiosk.core.errors import OutputError
from kiosk.core.records.connection import database_errors as translated
from kiosk.core.records.store import Store

if TYPE_CHECKING:
    from kiosk.collector.forwarding import Upstream
    from kiosk.core.config import CollectorSettings
    from kiosk.core.doctor import Check
    from kiosk.core.export import ExportResult, Selection
    from kiosk.core.records.merge import MergeResult, RescueResult


def doctor(config: Config, database: Path | None = None) -> list[Check]:
    """What is ready at this stand and what is not. Not a service method: it must report broken
    cases or a damaged database, which a `KioskService` refuses to open with."""
    from kiosk.core.doctor import run_checks

    return run_checks(config, database)


def collector(
    database: Path | str,
    token_file: Path | None,
    limits: CollectorSettings | None = None,
    upstream: Upstream | None = None,
) -> Any:
    """The collector's web application on `database`, taking the shared token of `token_file`
    (or KIOSK_SYNC_TOKEN), which must be long enough not to be guessed, and the tokens of the
    kiosks paired with it, and forwarding what it takes to `upstream` (`collector_upstream`)
    if given: what `kiosk collect` serves. Without a token file or variable, only paired
    kiosks deliver."""
    import os

    from kiosk.collector import create_app
    from kiosk.core.config import CollectorSettings
    from kiosk.core.delivery.token import TOKEN_ENV, read_collector_token

    limits = limits or CollectorSettings()
    shared = token_file is not None or os.environ.get(TOKEN_ENV, "").strip()
    token = read_collector_token(token_file) if shared else None
    return create_app(
        database, token, body_timeout=limits.body_timeout, upstream=upstream, goal=limits.goal
    )


def collector_upstream(config: Config) -> Upstream | None:
    """Where a stand's collector forwards its records (`collector.upstream_url`, with the token
    of `collector.upstream_token_file` or KIOSK_UPSTREAM_TOKEN), or None when it keeps them.
    The stand's name upstream is `kiosk.id`, as `kiosk sync` by hand would send it."""
    from kiosk.collector.forwarding import Upstream
    from kiosk.core.delivery.token import UPSTREAM_TOKEN_ENV, read_token

    settings = config.settings.collector
    if not settings.upstream_url:
        return None
    named = settings.upstream_token_file
    token_file = config.resolve(named) if named else None
    return Upstream(
        url=settings.upstream_url,
        token=read_token(
            token_file, env=UPSTREAM_TOKEN_ENV, setting="collector.upstream_token_file"
        ),
        stand_id=config.settings.kiosk.id,
        allow_http=settings.upstream_allow_http,
        batch_size=settings.upstream_batch_size,
        interval=settings.upstream_interval,
    )


def serve_collector(app: Any, host: str, port: int, limits: CollectorSettings) -> None:
    """Serve the collector `app` on `host`:`port` until Ctrl+C, with `limits` on slow, idle and
    too many connections."""
    from kiosk.collector.server import serve

    serve(app, host, port, limits)


def set_coordinator_password(database: Path | str, password: str) -> None:
    """Keep the hash of `password` as the coordinators' password of the collector on
    `database` (a SQLite file or a PostgreSQL URL): their dashboard asks for it, and sessions
    made under another password end."""
    from kiosk.collector.login import HASH_NAME
    from kiosk.core.passwords import hash_password
    from kiosk.core.records import collected

    hashed = hash_password(password)  # a weak one is refused before the database is opened
    records = collected.open_collection(database)
    try:
        records.keep_value(HASH_NAME, hashed)
    finally:
        records.close()


def new_collector_token(path: Path) -> str:
    """Write a fresh random token for a collector and its kiosks to the new file `path` (0600)."""
    from kiosk.core.delivery.token import write_new_token

    return write_new_token(path)


def export_database(
    database: Path | str,
    selection: Selection,
    output: Path,
    fmt: str = "csv",
    *,
    bom: bool = True,
) -> ExportResult:
    """Export a database without settings or cases (e.g. a collector's, on a laptop that has
    neither; or a central collector's PostgreSQL URL); the letters are left out, as they need
    the cases."""
    from kiosk.core.export import check_case, export

    if isinstance(database, str):  # postgresql://USER@HOST/DB: `kiosk.core.records.central`
        from kiosk.core.records.central import CentralStore

        with CentralStore(database) as central:
            check_case(selection, central.per_case())
            return export(central, selection, output, fmt, bom=bom)  # type: ignore[arg-type]
    with translated(database), Store(database, create=False) as store:
        check_case(selection, store.counts().per_case)
        return export(store, selection, output, fmt, bom=bom)


def rescue(damaged: Path, output: Path) -> RescueResult:
    """Copy every record of a damaged database that can still be read into the new database
    `output`; `OutputError` (exit 73) when `output` is there already or cannot be written."""
    from kiosk.core.records.merge import rescue_into

    try:
        with translated(damaged):
            return rescue_into(output, damaged)
    except OSError as exc:
        raise OutputError(
            f"The rescued records cannot be written to {output}: {exc.strerror}. Name a new "
            "file in a folder that exists and has free space; nothing was changed."
        ) from exc


def merge(inputs: Iterable[Path], output: Path) -> MergeResult:
    """Merge kiosk databases or JSON Lines exports into `output`, each record once."""
    from kiosk.core.records.merge import merge_into

    with translated(output):
        return merge_into(output, tuple(inputs))
