"""Once the kiosk says "thank you", the signature is on disk with its letter and its delivery."""

import logging
import sqlite3
import stat
import subprocess
from contextlib import closing
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.errors import (
    DuplicateSignatureError,
    InvalidSignatureError,
    NoDatabaseFolderError,
    StorageError,
)
from kiosk.core.records.connection import as_dicts
from kiosk.core.records.schema import MIGRATIONS, SCHEMA_VERSION
from kiosk.core.records.store import Store
from kiosk.core.signatures import format_utc, prepare
from kiosk.core.text import clean
from tests.conftest import anna

CONTEXT = {"event_id": "stand", "kiosk_id": "kiosk-test", "language": "de"}


def rows(store: Store, table: str) -> list[dict]:
    with store.read() as conn:
        return as_dicts(conn.execute(f"SELECT * FROM {table}"))  # noqa: S608 - fixed names


def test_a_signature_is_written_with_its_outbox_row_and_print_job(store, case):
    signature = prepare(anna(), case, **CONTEXT)
    assert store.record(signature, print_letter=True) is True
    assert store.get(signature.uuid) == signature
    [outbox] = rows(store, "outbox")
    assert (outbox["uuid"], outbox["state"]) == (signature.uuid, "pending")
    [job] = rows(store, "print_jobs")
    assert (job["signature_uuid"], job["state"]) == (signature.uuid, "queued")


def test_a_signature_without_letter_has_no_print_job(store, case):
    store.record(prepare(anna(wants_letter=False), case, **CONTEXT), print_letter=False)
    assert rows(store, "print_jobs") == []
    assert len(rows(store, "outbox")) == 1


def test_a_recorded_signature_is_committed_when_record_returns(store, case):
    signature = prepare(anna(), case, **CONTEXT)
    store.record(signature, print_letter=True)
    other = sqlite3.connect(store.path)
    assert other.execute("SELECT count(*) FROM signatures").fetchone() == (1,)
    assert other.execute("SELECT count(*) FROM print_jobs").fetchone() == (1,)


def test_a_double_tap_records_one_signature(store, case):
    signature = prepare(anna(), case, **CONTEXT)
    assert store.record(signature, print_letter=True) is True
    assert store.record(signature, print_letter=True) is False
    assert len(rows(store, "signatures")) == 1
    assert len(rows(store, "outbox")) == 1
    assert len(rows(store, "print_jobs")) == 1


def test_other_content_under_a_used_uuid_is_refused_and_changes_nothing(store, case):
    first = prepare(anna(), case, **CONTEXT)
    store.record(first, print_letter=True)
    impostor = prepare(anna(given_name="Mallory"), case, **CONTEXT, record_uuid=first.uuid)
    with pytest.raises(DuplicateSignatureError, match=first.uuid):
        store.record(impostor, print_letter=True)
    assert store.get(first.uuid) == first


def test_if_any_part_fails_nothing_of_the_signature_is_kept(store, case):
    with store.write() as conn:
        conn.execute(
            "CREATE TRIGGER no_jobs BEFORE INSERT ON print_jobs "
            "BEGIN SELECT RAISE(ABORT, 'printer table broken'); END"
        )
    with pytest.raises(StorageError, match="printer table broken"):
        store.record(prepare(anna(), case, **CONTEXT), print_letter=True)
    assert rows(store, "signatures") == []
    assert rows(store, "outbox") == []


def test_the_outbox_payload_is_frozen_at_record_time(store, case):
    signature = prepare(
        anna(email="anna@example.org", consents={"sign", "updates"}), case, **CONTEXT
    )
    store.record(signature, print_letter=True)
    [outbox] = rows(store, "outbox")
    assert '"given_name": "Anna"' in outbox["payload"]
    assert '"email": "anna@example.org"' in outbox["payload"]


def test_every_connection_uses_wal_and_full_sync(store):
    with store.read() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_the_database_and_its_wal_are_readable_by_the_owner_only(tmp_path, case):
    path = tmp_path / "private" / "signatures.db"  # the kiosk's own data folder, made when missing
    with Store(path, make_folder=True) as store:
        store.record(prepare(anna(), case, **CONTEXT), print_letter=True)
        for name in ("signatures.db", "signatures.db-wal", "signatures.db-shm"):
            assert stat.S_IMODE((path.parent / name).stat().st_mode) == 0o600, name
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_database_others_could_read_is_made_private(tmp_path):
    path = tmp_path / "copied.db"
    path.touch(mode=0o644)
    path.chmod(0o644)
    Store(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def make_database_at(path, version: int) -> None:
    """A database as a kiosk of schema `version` left it, with one signature in it."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    for migration in MIGRATIONS[:version]:
        migration(db)
    db.execute(f"PRAGMA user_version = {version}")
    db.conn.commit()
    db.close()


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_a_database_from_every_earlier_version_is_brought_forward(tmp_path, case, version):
    path = tmp_path / "old.db"
    make_database_at(path, version)
    signature = prepare(anna(), case, **CONTEXT)
    if version:
        old = sqlite3.connect(path)
        columns = [r[1] for r in old.execute("PRAGMA table_info(signatures)")]
        row = {k: v for k, v in signature.to_row().items() if k in columns}
        old.execute(
            f"INSERT INTO signatures ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",  # noqa: S608
            list(row.values()),
        )
        old.commit()
        old.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        if version:
            assert store.get(signature.uuid) == signature
        store.record(prepare(anna(), case, **CONTEXT), print_letter=True)
        assert store.integrity() == "ok"


def test_a_database_from_before_the_sample_mark_merges_whole(tmp_path, case):
    from kiosk.core.records.merge import merge_into

    path = tmp_path / "old.db"
    make_database_at(path, 1)
    signature = prepare(anna(), case, **CONTEXT)
    old = sqlite3.connect(path)
    row = signature.to_row()
    old.execute(
        f"INSERT INTO signatures ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",  # noqa: S608
        list(row.values()),
    )
    old.commit()
    old.close()

    result = merge_into(tmp_path / "stand.db", [path])

    assert (result.added, result.total) == (1, 1)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone() == (1,)  # untouched


def test_made_up_signatures_are_never_merged_into_a_stand_database(tmp_path, case):
    from kiosk.core.records.merge import merge_into

    training = tmp_path / "training.db"
    with Store(training) as store:
        store.record(prepare(anna(), case, **CONTEXT), print_letter=False, sample=True)
        real = prepare(anna(given_name="Real"), case, **CONTEXT)
        store.record(real, print_letter=False)

    result = merge_into(tmp_path / "stand.db", [training])

    assert (result.added, result.total) == (1, 1)
    with Store(tmp_path / "stand.db") as stand:
        assert [s.uuid for s in stand.signatures(samples=True)] == [real.uuid]


def test_a_database_from_a_newer_kiosk_is_left_alone(tmp_path):
    path = tmp_path / "future.db"
    make_database_at(path, SCHEMA_VERSION)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StorageError, match="newer kiosk"):
        Store(path)


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("shopping list: milk, bread\n" * 100)
    with pytest.raises(StorageError, match="is not a signature database, so the kiosk left it"):
        Store(path)


def test_a_database_in_an_impossible_place_gives_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(StorageError, match="cannot be opened"):
        Store(blocker / "signatures.db", make_folder=True)
    with pytest.raises(NoDatabaseFolderError, match="does not exist"):
        Store(blocker / "signatures.db")  # a folder the kiosk does not own is not made


def test_a_full_disk_refuses_the_signature_whole_and_keeps_the_others(small_disk, case):
    path = small_disk / "signatures.db"
    recorded = []
    with Store(path) as store, pytest.raises(StorageError, match="disk is full"):
        for _ in range(10_000):
            signature = prepare(anna(postal_code="1" * 12), case, **CONTEXT)
            store.record(signature, print_letter=True)
            recorded.append(signature.uuid)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        kept = {r[0] for r in conn.execute("SELECT uuid FROM signatures")}
        jobs = {r[0] for r in conn.execute("SELECT signature_uuid FROM print_jobs")}
        outbox = {r[0] for r in conn.execute("SELECT uuid FROM outbox")}
    assert recorded and kept == set(recorded) == jobs == outbox


def test_a_read_only_disk_gives_a_clear_error(small_disk, case):
    path = small_disk / "signatures.db"
    with Store(path) as store:
        store.record(prepare(anna(), case, **CONTEXT), print_letter=True)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    with pytest.raises(StorageError, match=r"signatures\.db"):
        Store(path)


def test_counts_split_today_cases_and_events(store, case):
    yesterday = date.today() - timedelta(days=1)
    noon_yesterday = format_utc(datetime.combine(yesterday, time(12)).astimezone())
    store.record(prepare(anna(), case, **CONTEXT, signed_at=noon_yesterday), print_letter=True)
    store.record(prepare(anna(), case, **CONTEXT), print_letter=True)
    store.record(prepare(anna(), case, **{**CONTEXT, "event_id": "other"}), print_letter=False)
    counts = store.counts()
    assert (counts.today, counts.total) == (2, 3)
    assert counts.per_case == {case.id: 3}
    assert counts.today_per_case == {case.id: 2}
    assert counts.per_event == {"stand": 2, "other": 1}
    assert store.counts(today=yesterday).today == 1


def test_the_kiosk_id_is_made_once_and_kept(tmp_path):
    with Store(tmp_path / "k.db") as store:
        first = store.kiosk_id()
        assert first.startswith("kiosk-")
    with Store(tmp_path / "k.db") as store:
        assert store.kiosk_id() == first


def test_logs_name_records_by_uuid_never_by_person(service, caplog):
    caplog.set_level(logging.DEBUG)
    entry = anna(
        given_name="Zebulon",
        family_name="Quixote",
        town="Wetzikon",
        email="zq@example.org",
        postal_code="8620",
        consents={"sign", "updates"},
    )
    recorded = service.sign("maryia-kalesnikava", entry, language="de")
    service.counts()
    assert recorded.signature.uuid in caplog.text
    for secret in ("Zebulon", "Quixote", "Wetzikon", "zq@example.org", "8620"):
        assert secret not in caplog.text


@settings(max_examples=150, deadline=None)
@given(
    given_name=st.text(max_size=90),
    family_name=st.text(max_size=90),
    town=st.text(max_size=90),
)
def test_any_unicode_is_stored_and_read_back_as_its_clean_form(
    case, tmp_path_factory, given_name, family_name, town
):
    try:
        signature = prepare(
            anna(given_name=given_name, family_name=family_name, town=town), case, **CONTEXT
        )
    except InvalidSignatureError:
        return  # refused in words (tested with the form); nothing to store
    path = tmp_path_factory.mktemp("unicode") / "signatures.db"
    with Store(path) as store:
        store.record(signature, print_letter=True)
    with Store(path) as store:
        back = store.get(signature.uuid)
    assert back == signature
    assert (back.given_name, back.family_name, back.town) == (
        clean(given_name),
        clean(family_name),
        clean(town),
    )


def test_the_screens_counter_counts_the_local_day_only(store, case):
    yesterday = date.today() - timedelta(days=1)
    noon_yesterday = format_utc(datetime.combine(yesterday, time(12)).astimezone())
    store.record(prepare(anna(), case, **CONTEXT, signed_at=noon_yesterday), print_letter=True)
    for _ in range(2):
        store.record(prepare(anna(), case, **CONTEXT), print_letter=True)
    assert store.count_today() == store.counts().today == 2
    assert store.count_today(yesterday) == 1


@pytest.mark.parametrize("year", [1970, 2000, 2036])
def test_a_signature_taken_while_the_clock_is_wrong_is_kept_with_that_date(store, case, year):
    """A wrong clock is for doctor and the dashboard to point out: the signature is never lost."""
    from kiosk.core.records.outbox import Outbox

    moment = format_utc(datetime(year, 2, 7, 6, 28, tzinfo=UTC))
    signature = prepare(anna(), case, event_id="e", kiosk_id="k", language="de", signed_at=moment)
    store.record(signature, print_letter=False)
    assert store.get(signature.uuid).signed_at == moment
    assert Outbox(store).status().pending == 1


def test_print_jobs_and_their_reprints_survive_the_migration_that_adds_lost_letters(tmp_path, case):
    path = tmp_path / "old.db"
    make_database_at(path, 2)  # before sealed letters could be lost
    signature = prepare(anna(), case, **CONTEXT)
    old = sqlite3.connect(path)
    row = signature.to_row()
    old.execute(
        f"INSERT INTO signatures ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",  # noqa: S608
        list(row.values()),
    )
    old.execute(
        "INSERT INTO print_jobs (signature_uuid, state, cups_job, created_at, updated_at) "
        "VALUES (?, 'printed', 'Office-7', 'then', 'then')",
        (signature.uuid,),
    )
    old.execute(
        "INSERT INTO print_jobs (signature_uuid, reprint_of, created_at, updated_at) "
        "VALUES (?, 1, 'later', 'later')",
        (signature.uuid,),
    )
    old.commit()
    old.close()

    with Store(path) as store:
        first, reprint = store.print_jobs()
        assert (first.state, first.cups_job, first.held_by) == ("printed", "Office-7", None)
        assert (reprint.state, reprint.reprint_of) == ("queued", first.id)
        assert store.move_print_job(reprint.id, ("queued",), "lost")
        assert store.print_job_counts()["lost"] == 1
        assert store.integrity() == "ok"
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
