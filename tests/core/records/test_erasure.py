"""A signer's personal data leaves the kiosk once the organisation has it and the retention
period is over, or at once when they ask to be forgotten; and then it is gone from the file."""

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from kiosk.core.records import erasure
from kiosk.core.records.connection import as_dicts
from kiosk.core.records.outbox import Outbox
from kiosk.core.records.store import Store
from kiosk.core.signatures import Signature, format_utc, prepare
from tests.conftest import anna
from tests.hostile_records import HOSTILE_NAMES
from tests.traces import database_files, traces

CONTEXT = {"event_id": "stand", "kiosk_id": "kiosk-test", "language": "de"}
NOW = datetime.now(UTC)
CUT_OFF = format_utc(NOW - timedelta(days=30))
OLD = NOW - timedelta(days=40)


def signer(case, kind: str = "cyrillic", *, days_ago: float = 40, **changes) -> Signature:
    given, family, town, email = HOSTILE_NAMES[kind]
    entry = anna(
        given_name=given,
        family_name=family,
        town=town,
        email=email,
        consents={"sign", "updates"},
        **changes,
    )
    when = format_utc(NOW - timedelta(days=days_ago))
    return prepare(entry, case, signed_at=when, **CONTEXT)


def settled(store: Store, signature: Signature, *, delivered=True, printed=True) -> None:
    """`signature` recorded with its letter; delivered and printed as the story says."""
    store.record(signature, print_letter=True)
    if delivered:
        Outbox(store).delivered([signature.uuid])
    if printed:
        [job] = [j for j in store.print_jobs() if j.signature_uuid == signature.uuid]
        store.move_print_job(job.id, ("queued",), "printed")


def personal(signature: Signature) -> list[str]:
    """What a thief must not find (the postal code, four digits, could be in any timestamp:
    its erasure is checked on the row)."""
    return [signature.given_name, signature.family_name, signature.town, signature.email]


def test_a_delivered_printed_record_loses_its_personal_fields_after_the_retention_period(
    store, case
):
    signature = signer(case)
    settled(store, signature)
    before = store.counts()
    done = erasure.purge(store, CUT_OFF)
    assert done.uuids == (signature.uuid,)
    assert done.oldest == signature.signed_at
    kept = store.get(signature.uuid)
    assert (kept.given_name, kept.family_name, kept.town, kept.postal_code, kept.email) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert kept.drawing is None and kept.signature_png is None
    # what counts stays: case, time, consents and their versions, the letter wanted
    assert (kept.case_id, kept.signed_at, kept.consents, kept.wants_letter) == (
        signature.case_id,
        signature.signed_at,
        signature.consents,
        signature.wants_letter,
    )
    assert store.counts() == before
    payload = Outbox(store).payloads()[signature.uuid]
    assert [payload[k] for k in erasure.ERASED_TEXT] == [""] * 5
    assert payload["consents"] == signature.payload()["consents"]


@pytest.mark.parametrize(
    ("story", "delivered", "printed", "days_ago"),
    [
        ("not yet delivered", False, True, 40),
        ("letter not yet printed", True, False, 40),
        ("within the retention period", True, True, 20),
    ],
)
def test_a_record_the_organisation_may_not_have_yet_keeps_its_name(
    store, case, story, delivered, printed, days_ago
):
    signature = signer(case, days_ago=days_ago)
    settled(store, signature, delivered=delivered, printed=printed)
    assert erasure.due(store, CUT_OFF).count == 0
    assert erasure.purge(store, CUT_OFF).count == 0
    assert store.get(signature.uuid) == signature


def test_a_record_without_a_letter_wanted_is_erased_once_delivered(store, case):
    signature = signer(case, wants_letter=False)
    store.record(signature, print_letter=False)
    Outbox(store).delivered([signature.uuid])
    assert erasure.purge(store, CUT_OFF).uuids == (signature.uuid,)


def test_a_dry_run_says_what_would_go_and_changes_nothing(store, case):
    first, second, waiting = signer(case, "arabic", days_ago=50), signer(case), signer(case, "han")
    settled(store, first)
    settled(store, second)
    settled(store, waiting, delivered=False)
    dry = erasure.due(store, CUT_OFF)
    assert (dry.count, dry.oldest, dry.kept) == (2, first.signed_at, 1)
    assert store.get(first.uuid) == first
    done = erasure.purge(store, CUT_OFF)
    assert (done.count, done.kept) == (2, 1)
    assert erasure.due(store, CUT_OFF).count == 0  # erased once, never again


@pytest.fixture
def sqlite_that_keeps_deleted_bytes(monkeypatch):
    """SQLite as most builds ship it: Debian's turns `secure_delete` on by default, the
    python.org and most other builds leave it off, and then an updated row's old bytes stay
    in the page's free space. Every connection the kiosk opens here starts that way."""
    opened = sqlite3.connect

    def connect(*args, **kwargs):
        conn = opened(*args, **kwargs)
        conn.execute("PRAGMA secure_delete = OFF")
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)


def recent_signers(store: Store, case, count: int = 50) -> list[Signature]:
    """Others who signed today: their rows share pages with the erased one."""
    made = [
        prepare(anna(given_name=f"Person {n}"), case, signed_at=format_utc(NOW), **CONTEXT)
        for n in range(count)
    ]
    for signature in made:
        settled(store, signature)
    return made


@pytest.mark.usefixtures("sqlite_that_keeps_deleted_bytes")
@pytest.mark.parametrize("kind", list(HOSTILE_NAMES))
def test_a_stolen_kiosk_database_holds_no_purged_name(tmp_path, case, kind):
    path = tmp_path / "signatures.db"
    with Store(path) as store:
        gone = signer(case, kind)
        settled(store, gone)
        stay = recent_signers(store, case)
        erasure.purge(store, CUT_OFF)
        assert traces(database_files(path), personal(gone)) == []
        assert [store.get(s.uuid) for s in stay] == stay


@pytest.mark.usefixtures("sqlite_that_keeps_deleted_bytes")
@pytest.mark.parametrize("kind", list(HOSTILE_NAMES))
def test_a_stolen_kiosk_database_holds_no_forgotten_name(tmp_path, case, kind):
    path = tmp_path / "signatures.db"
    with Store(path) as store:
        gone = signer(case, kind, days_ago=0)
        store.record(gone, print_letter=True)  # pending, its letter queued: erased all the same
        recent_signers(store, case)
        done = erasure.forget(store, [gone.uuid])
        assert done.emptied
        assert traces(database_files(path), personal(gone)) == []


def test_a_forgotten_person_is_never_delivered_but_their_tombstone_is(store, case):
    signature = signer(case, days_ago=0)
    store.record(signature, print_letter=True)
    done = erasure.forget(store, erasure.find(store, email=signature.email.upper()))
    assert (done.uuids, done.tombstones, done.letters_cancelled) == (
        (signature.uuid,),
        (signature.uuid,),
        1,
    )
    [due] = Outbox(store).due(10)
    assert due.forgets and due.payload == {"uuid": signature.uuid, "forget": True}
    assert store.print_jobs("queued") == []


def test_a_delivered_record_forgotten_goes_back_out_as_a_tombstone(store, case):
    signature = signer(case, days_ago=0)
    settled(store, signature)
    erasure.forget(store, [signature.uuid])
    assert Outbox(store).state_of(signature.uuid) == "pending"
    assert Outbox(store).due(10)[0].forgets


def test_a_record_forgotten_before_it_arrived_is_remembered(store):
    uuid = "3f0c1c2e-5d7e-4a51-9d0f-0b1e7d7c9a41"
    assert not erasure.was_forgotten(store, uuid)
    assert erasure.forget(store, [uuid]).unknown == (uuid,)
    assert erasure.was_forgotten(store, uuid)


@pytest.mark.usefixtures("sqlite_that_keeps_deleted_bytes")
def test_every_connection_zeroes_what_it_deletes(tmp_path):
    with Store(tmp_path / "signatures.db") as store, store.read() as conn:
        assert as_dicts(conn.execute("PRAGMA secure_delete")) == [{"secure_delete": 1}]
