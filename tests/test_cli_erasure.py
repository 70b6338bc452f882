"""A volunteer erases what the kiosk no longer needs (`kiosk purge`) and forgets a person who
asks (`kiosk forget`), through the real `kiosk` command; afterwards neither the kiosk's files
nor the collector's hold that person's name or email."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.app import KioskService
from kiosk.core.config import load_config
from kiosk.core.records.outbox import Outbox
from kiosk.core.records.store import Store
from kiosk.core.signatures import SignerEntry
from tests.collectorproc import running_collector
from tests.conftest import EXAMPLE_CASE, run_kiosk
from tests.hostile_records import HOSTILE_NAMES
from tests.traces import database_files, traces

pytestmark = pytest.mark.slow  # real processes and servers end to end: run first


class Stand:
    """One kiosk's config, database and letters folder, and every word its commands said."""

    def __init__(self, folder: Path, sync: str, retention_days: int = 0) -> None:
        self.folder = folder
        self.database = folder / "kiosk.db"
        self.letters = folder / "letters"
        self.config = folder / "kiosk.toml"
        self.config.write_text(
            f'[kiosk]\nid = "kiosk-bern"\n[printing]\nmode = "immediate"\n'
            f'pdf_folder = "{self.letters}"\n[privacy]\nretention_days = {retention_days}\n'
            f"[sync]\n{sync}"
        )
        self.said = b""

    def kiosk(self, *args: str, ok: bool = True):
        result = run_kiosk(
            *args, "-v", "--config", str(self.config), "--database", str(self.database)
        )
        self.said += (result.stdout + result.stderr).encode("utf-8")
        if ok:
            assert result.returncode == 0, result.stderr
        return result

    def sign(self, given: str, family: str, town: str, email: str) -> str:
        result = self.kiosk(
            "sign",
            "--case",
            EXAMPLE_CASE,
            "--given-name",
            given,
            "--family-name",
            family,
            "--town",
            town,
            "--email",
            email,
            "--consent",
            "sign",
            "--consent",
            "updates",
        )
        return result.stdout.split()[0]

    def sign_everyone(self) -> dict[str, str]:
        """Every hostile signer, with their letter printed to the PDF folder by `kiosk print`.

        They sign through the application layer `kiosk sign` calls, in this process: seven
        `kiosk sign` processes cost these tests seconds each, and signing is not their story
        (tests/test_cli.py runs `kiosk sign` itself)."""
        with KioskService(load_config(self.config), self.database) as service:
            uuids = {
                kind: service.sign(
                    EXAMPLE_CASE,
                    SignerEntry(
                        given_name=given,
                        family_name=family,
                        town=town,
                        email=email,
                        consents={"sign", "updates"},
                    ),
                ).signature.uuid
                for kind, (given, family, town, email) in HOSTILE_NAMES.items()
            }
        self.kiosk("print", "--pending", "--wait", "30")
        return uuids

    def places(self) -> list[Path]:
        """Everything of this kiosk a thief could copy: database, WAL, SHM, letters, cache."""
        cache = Path(os.environ["XDG_CACHE_HOME"])
        return [*database_files(self.database), self.letters, cache]


def words(kinds) -> list[str]:
    return [text for kind in kinds for text in HOSTILE_NAMES[kind]]


def test_purge_dry_run_says_what_would_go_and_keeps_it(tmp_path):
    stand = Stand(tmp_path, f'target = "folder"\nfolder = "{tmp_path / "usb"}"\n')
    stand.sign_everyone()
    stand.kiosk("sync", "--once")
    dry = stand.kiosk("purge", "--dry-run")
    assert "7 record(s) older than 0 days would be erased, the oldest signed 20" in dry.stdout
    with Store(stand.database) as store:
        assert [s.given_name for s in store.signatures()] == [p[0] for p in HOSTILE_NAMES.values()]


def test_purge_leaves_no_trace_of_delivered_printed_signers(tmp_path):
    stand = Stand(tmp_path, f'target = "folder"\nfolder = "{tmp_path / "usb"}"\n')
    uuids = stand.sign_everyone()
    assert len(list(stand.letters.glob("letter-*.pdf"))) == len(uuids)
    stand.kiosk("sync", "--once")
    done = stand.kiosk("purge")
    assert "7 record(s) older than 0 days erased" in done.stdout
    assert "7 PDF letter(s) deleted." in done.stdout
    assert list(stand.letters.glob("*.pdf")) == []
    assert traces(stand.places(), words(HOSTILE_NAMES), extra=stand.said) == []
    counts = stand.kiosk("counts")
    assert "total: 7" in counts.stdout


def test_purge_keeps_what_was_never_delivered(tmp_path):
    stand = Stand(tmp_path, 'target = "none"\n')
    stand.sign_everyone()
    done = stand.kiosk("purge")
    assert "0 record(s) older than 0 days erased" in done.stdout
    assert "7 older record(s) kept: not yet delivered" in done.stdout


def test_forget_erases_a_person_on_the_kiosk_and_at_the_collector(tmp_path):
    kiosk_folder, collector_folder = tmp_path / "kiosk", tmp_path / "collector"
    kiosk_folder.mkdir()
    collector_folder.mkdir()
    with running_collector(collector_folder) as collector:
        stand = Stand(
            kiosk_folder,
            f'target = "webhook"\nurl = "{collector["url"]}"\n'
            f'token_file = "{collector["token"]}"\nallow_http = true\n',
            retention_days=30,
        )
        uuids = stand.sign_everyone()
        stand.sign("Anna", "Keller", "Zürich", "anna@example.org")  # who stays
        stand.kiosk("sync", "--once")
        forgotten = [kind for kind in HOSTILE_NAMES if kind != "emoji"]
        for kind in forgotten:
            email = HOSTILE_NAMES[kind][3]
            done = stand.kiosk("forget", "--email", email.upper())
            assert f"1 record(s) erased on this kiosk: {uuids[kind]}" in done.stdout
            assert "1 erasure(s) will be delivered to the receiver." in done.stdout
        stand.kiosk("sync", "--once")
        with Store(stand.database) as store:
            assert Outbox(store).status().pending == 0
        assert traces(stand.places(), words(forgotten), extra=stand.said) == []
        assert traces(database_files(collector["database"]), words(forgotten)) == []
        with Store(collector["database"]) as store:
            kept = {s.given_name for s in store.signatures()}
        assert kept == {"", "Anna", HOSTILE_NAMES["emoji"][0]}
        assert len(list(stand.letters.glob("*.pdf"))) == 2
    logs = collector["process"].stderr.read() + collector["process"].stdout.read()
    assert traces([], words(forgotten), extra=logs.encode("utf-8")) == []


def test_forgetting_someone_unknown_changes_nothing_and_says_why(tmp_path):
    stand = Stand(tmp_path, 'target = "none"\n')
    stand.sign(*HOSTILE_NAMES["han"])
    result = stand.kiosk("forget", "--email", "nobody@example.org", ok=False)
    assert result.returncode == 66
    assert "No record on this kiosk has the email nobody@example.org: nothing erased" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_forget_finds_a_person_by_an_id_or_email_written_in_another_case_or_pasted_with_spaces(
    tmp_path,
):
    stand = Stand(tmp_path, 'target = "none"\n')
    by_id = stand.sign("Wiremu", "Zyxwquux", "Qqvilleqq", "wiremu@example.org")
    by_email = stand.sign("Ägnes", "Ökvist", "Östersund", "Ägnes.Ö@example.org")
    result = stand.kiosk("forget", "--uuid", f" {by_id.upper()} ")
    assert f"1 record(s) erased on this kiosk: {by_id}" in result.stdout
    result = stand.kiosk("forget", "--email", " ägnes.ö@EXAMPLE.org ")
    assert f"1 record(s) erased on this kiosk: {by_email}" in result.stdout
    assert not traces(stand.places(), ["Zyxwquux", "Qqvilleqq", "Ökvist", "Östersund"])


def test_forgetting_with_action_network_says_what_to_delete_by_hand(tmp_path):
    stand = Stand(tmp_path, 'target = "osdi"\nurl = "https://actionnetwork.org/api/v2"\n')
    uuid = stand.sign(*HOSTILE_NAMES["cyrillic"])
    result = stand.kiosk("forget", "--uuid", uuid)
    assert f"delete the person with the identifier kiosk:{uuid} by hand" in result.stdout


@pytest.mark.parametrize("args", [(), ("--uuid", "x", "--email", "a@example.org")])
def test_forget_needs_exactly_one_person(tmp_path, args):
    stand = Stand(tmp_path, 'target = "none"\n')
    result = stand.kiosk("forget", *args, ok=False)
    assert result.returncode == 2
    assert "--uuid ID or --email ADDRESS" in result.stderr


def test_a_collector_that_forwarded_its_records_purges_them_without_trace(tmp_path):
    kiosk_folder, collector_folder = tmp_path / "kiosk", tmp_path / "collector"
    kiosk_folder.mkdir()
    collector_folder.mkdir()
    with running_collector(collector_folder) as collector:
        stand = Stand(
            kiosk_folder,
            f'target = "webhook"\nurl = "{collector["url"]}"\n'
            f'token_file = "{collector["token"]}"\nallow_http = true\n',
            retention_days=30,
        )
        stand.sign_everyone()
        stand.kiosk("sync", "--once")
        # the coordinator forwards the stand's records to the office's USB stick, then purges
        office = Stand(collector_folder, f'target = "folder"\nfolder = "{tmp_path / "usb"}"\n')
        office.database = collector["database"]
        office.kiosk("sync", "--once")
        done = office.kiosk("purge")
        assert "7 record(s) older than 0 days erased" in done.stdout
        assert traces(database_files(collector["database"]), words(HOSTILE_NAMES)) == []
        assert "total: 7" in office.kiosk("counts").stdout
    logs = collector["process"].stderr.read() + collector["process"].stdout.read()
    assert traces([], words(HOSTILE_NAMES), extra=logs.encode("utf-8") + office.said) == []


def test_purge_says_so_when_another_program_keeps_the_erased_data_in_the_journal(tmp_path):
    import sqlite3

    stand = Stand(tmp_path, f'target = "folder"\nfolder = "{tmp_path / "usb"}"\n')
    stand.sign(*HOSTILE_NAMES["hebrew"])
    stand.kiosk("print", "--pending", "--wait", "30")
    stand.kiosk("sync", "--once")
    reader = sqlite3.connect(stand.database, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM signatures").fetchone()  # an open read, held
        result = stand.kiosk("purge", ok=False)
    finally:
        reader.close()
    assert result.returncode == 1
    assert "1 record(s) older than 0 days erased" in result.stdout
    assert "close the other kiosk commands and run `kiosk purge` again" in result.stderr
    again = stand.kiosk("purge")  # nobody holds it now: the journal is emptied
    assert "0 record(s)" in again.stdout
    assert traces(database_files(stand.database), HOSTILE_NAMES["hebrew"]) == []
