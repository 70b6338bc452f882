"""Coordinators take the day's signatures to a spreadsheet or a CRM: every value right, no
formula smuggled in, no half file on a pulled USB stick, and kiosks merged offline."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.core.config import default_config_path
from kiosk.core.export import ExportError, Selection, columns, export, safe_cell
from kiosk.core.records.store import Store
from kiosk.core.signatures import ConsentGiven, Drawing, prepare
from tests.conftest import anna, fill_disk, record_signers, run_kiosk
from tests.pdftools import pages

HOSTILE = [
    ('=HYPERLINK("http://evil.example","x")', "Keller", "Zürich", ""),
    ("+Anna", "-minus", "@home", ""),
    ("Anna\tTab", 'O\'Brien, "Jr"', "Line\nBreak", ""),
    ("Олена", "王", "Κέρκυρα", "=cmd@example.org"),
    ("فاطمة", "כהן", 'Saint-Gall; "Ost"', "+tag@example.org"),
]


@pytest.fixture
def day(tmp_path, case):
    """A kiosk database holding a day of signatures with the nastiest values a person can type."""
    database = tmp_path / "kiosk.db"
    made = []
    with Store(database) as store:
        for given, family, town, email in HOSTILE:
            consents = {"sign", "updates"} if email else {"sign"}
            signature = prepare(
                anna(
                    given_name=given, family_name=family, town=town, email=email, consents=consents
                ),
                case,
                event_id="bern",
                kiosk_id="k1",
                language="de",
            )
            store.record(signature, print_letter=True)
            made.append(signature)
    return database, made


def export_cli(database: Path, *args: str, env: dict | None = None):
    return run_kiosk("export", "--database", str(database), *args, env=env)


def test_csv_reads_back_cell_by_cell_and_never_starts_a_formula(day, tmp_path):
    database, made = day
    out = tmp_path / "day.csv"
    result = export_cli(database, "--format", "csv", "--output", str(out), "--no-letters")
    assert result.returncode == 0, result.stderr

    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets want
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert len(rows) == len(made)
    for cells, signature in zip(rows, made, strict=True):
        for value in cells.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), value
        for name in ("given_name", "family_name", "town", "email"):
            original = getattr(signature, name)
            assert cells[name] == safe_cell(original)
            assert cells[name].removeprefix("'") == original or cells[name] == original
        assert cells["consent_sign"] == "yes" and cells["consent_sign_version"] == "2026-1"
        assert cells["consent_updates"] == ("yes" if signature.email else "no")


NEPAL = "<+0545>-5:45"  # a POSIX time zone 5 h 45 min ahead of UTC, needing no tz database
NEPAL_OFFSET = timezone(timedelta(hours=5, minutes=45))


def reference_csv(signatures, local_zone) -> bytes:
    """What Python's csv module writes for these signatures, cell by cell from the objects:
    the export must produce exactly these bytes however it makes them."""
    ordered = sorted(signatures, key=lambda s: (s.signed_at, s.uuid))
    ids = list(dict.fromkeys(c.id for s in ordered for c in s.consents))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns(ids))
    for s in ordered:
        local = datetime.fromisoformat(s.signed_at).astimezone(local_zone)
        given = {c.id: c for c in s.consents}
        consents = []
        for cid in ids:
            box = given.get(cid)
            consents += (
                [("yes" if box.given else "no"), safe_cell(box.version)] if box else ["", ""]
            )
        recorded = [s.case_id, s.event_id, s.kiosk_id, s.language, s.given_name, s.family_name]
        recorded += [s.postal_code, s.town, s.country, s.email]
        writer.writerow(
            [
                safe_cell(s.uuid),
                safe_cell(s.signed_at),
                local.strftime("%Y-%m-%d %H:%M:%S"),
                *map(safe_cell, recorded),
                "yes" if s.wants_letter else "no",
                "yes" if s.drawing or s.signature_png else "no",
                *consents,
            ]
        )
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


@pytest.mark.parametrize("hostile", [False, True], ids=["plain names", "hostile names"])
def test_csv_is_byte_for_byte_what_the_csv_module_writes(tmp_path, case, hostile):
    database = tmp_path / "kiosk.db"
    people = [("Anna", "Keller", "Zürich", ""), ("Lukas", "Meier", "Bern", "l@example.org")]
    people += [("Зоя", "Ли", "Київ", ""), ("Chloé", "D'Amato", "Genève", "")]
    if hostile:
        people += [(g, f, t, e) for g, f, t, e in HOSTILE]
        people += [("Quote", 'say "hi"', "Comma, Town", ""), ("CR", "Only\rHere", "X", "")]
    made = []
    with Store(database) as store:
        for n, (given, family, town, email) in enumerate(people):
            signature = prepare(
                anna(
                    given_name=given,
                    family_name=family,
                    town=town,
                    email=email,
                    consents={"sign", "updates"} if email else {"sign"},
                ),
                case,
                event_id="bern",
                kiosk_id="k1",
                language="de",
                signed_at=f"2026-12-10T10:{n:02d}:30.000000Z",
            )
            if n == 1:  # one signer from a kiosk whose case had only the one box
                signature = replace(signature, consents=(ConsentGiven("sign", "2025-9", True),))
            store.record(signature, print_letter=n % 2 == 0)
            made.append(signature)
    out = tmp_path / "day.csv"

    result = export_cli(database, "--output", str(out), "--no-letters", env={"TZ": NEPAL})

    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == reference_csv(made, NEPAL_OFFSET)


def test_the_summary_counts_local_hours_in_a_zone_off_by_minutes(tmp_path, case):
    database = tmp_path / "kiosk.db"
    # 10:14:59 UTC is 15:59:59 in Nepal, 10:15:00 is 16:00:00: two different local hours.
    times = ["2026-12-10T10:14:59.900000Z", "2026-12-10T10:15:00.000000Z"]
    times += ["2026-12-10T10:59:00.000000Z", "2026-12-11T18:20:00.000000Z"]
    with Store(database) as store:
        for at in times:
            store.record(
                prepare(anna(), case, event_id="e", kiosk_id="k", language="fr", signed_at=at),
                print_letter=False,
            )
    out = tmp_path / "day.csv"

    assert (
        export_cli(database, "--output", str(out), "--no-letters", env={"TZ": NEPAL}).returncode
        == 0
    )

    summary = (tmp_path / "day-summary.csv").read_text(encoding="utf-8-sig").splitlines()
    assert summary == [
        "case_id,hour_local,signatures",
        "maryia-kalesnikava,2026-12-10 15:00,1",
        "maryia-kalesnikava,2026-12-10 16:00,2",
        "maryia-kalesnikava,2026-12-12 00:00,1",
        "maryia-kalesnikava,all day,4",
    ]


def test_a_database_exports_on_a_laptop_without_cases_or_a_valid_config(day, tmp_path):
    database, made = day
    default_config_path().parent.mkdir(parents=True, exist_ok=True)
    default_config_path().write_text("this is [not TOML\n")  # the laptop's own, broken
    out = tmp_path / "day.csv"
    result = export_cli(database, "--output", str(out), "--no-letters")
    assert result.returncode == 0, result.stderr
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == len(made) + 1

    no_cases = tmp_path / "laptop.toml"
    no_cases.write_text(f'[cases]\nfolder = "{tmp_path / "no-cases-here"}"\n')
    result = export_cli(database, "--config", str(no_cases), "--output", str(out), "--no-letters")
    assert result.returncode == 0, result.stderr

    result = export_cli(database, "--config", str(default_config_path()), "--output", str(out))
    assert result.returncode == 78 and "not valid TOML" in result.stderr  # named: still checked


def test_a_damaged_record_stops_the_export_plainly(day, tmp_path):
    database, made = day
    with sqlite3.connect(database) as conn:
        conn.execute(
            "UPDATE signatures SET consents = '[{\"id\": ' WHERE uuid = ?", (made[2].uuid,)
        )
    out = tmp_path / "broken.csv"
    result = export_cli(database, "--output", str(out), "--no-letters")
    assert result.returncode == 74 and "consents could not be read" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() and not (tmp_path / "broken-manifest.json").exists()


def test_json_lines_keep_every_value_exactly(day, tmp_path):
    database, made = day
    out = tmp_path / "day.jsonl"
    assert (
        export_cli(database, "--format", "jsonl", "--output", str(out), "--no-letters").returncode
        == 0
    )
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_uuid = {r["uuid"]: r for r in records}
    for signature in made:
        record = by_uuid[signature.uuid]
        for name in ("given_name", "family_name", "town", "email", "postal_code", "signed_at"):
            assert record[name] == getattr(signature, name)
        assert record["consents"] == [
            {"id": c.id, "version": c.version, "given": c.given} for c in signature.consents
        ]


def test_xlsx_opens_with_text_cells_only(day, tmp_path):
    import openpyxl

    database, made = day
    out = tmp_path / "day.xlsx"
    assert (
        export_cli(database, "--format", "xlsx", "--output", str(out), "--no-letters").returncode
        == 0
    )
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in line), strict=True)) for line in sheet.iter_rows(2)]
    assert [r["given_name"] for r in rows] == [s.given_name for s in made]
    assert rows[0]["given_name"] == HOSTILE[0][0]  # kept exactly, as text
    for line in sheet.iter_rows(2):
        for cell in line:
            assert cell.data_type != "f", cell.coordinate  # never a formula
            assert cell.value is None or cell.data_type == "s"


def test_summary_letters_and_manifest_lie_beside_the_export(day, tmp_path):
    database, made = day
    out = tmp_path / "day.csv"
    result = export_cli(database, "--output", str(out))
    assert result.returncode == 0, result.stderr

    manifest = json.loads((tmp_path / "day-manifest.json").read_text())
    assert manifest["records"] == len(made)
    names = {f["name"] for f in manifest["files"]}
    assert names == {"day.csv", "day-summary.csv", "day-letters-maryia-kalesnikava.pdf"}
    for entry in manifest["files"]:
        data = (tmp_path / entry["name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    assert pages(tmp_path / "day-letters-maryia-kalesnikava.pdf") == len(made)
    summary = (tmp_path / "day-summary.csv").read_text(encoding="utf-8-sig")
    assert f"maryia-kalesnikava,all day,{len(made)}" in summary


def test_filters_by_case_event_and_day(day, tmp_path):
    database, _ = day
    out = tmp_path / "none.csv"
    result = export_cli(
        database,
        "--output",
        str(out),
        "--from",
        "2020-01-01",
        "--to",
        "2020-01-02",
        "--no-letters",
    )
    assert result.returncode == 0
    assert out.read_text(encoding="utf-8-sig").count("\n") == 1  # the header only
    other = tmp_path / "other.csv"
    export_cli(database, "--output", str(other), "--event", "elsewhere", "--no-letters")
    assert other.read_text(encoding="utf-8-sig").count("\n") == 1


def test_a_full_usb_stick_leaves_nothing_that_looks_complete(day, small_disk):
    database, _ = day
    fill_disk(small_disk)
    with Store(database) as store, pytest.raises(ExportError, match="free space"):
        export(store, Selection(), small_disk / "day.csv", "csv")
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


def test_a_vanished_folder_is_said_plainly(day, tmp_path):
    database, _ = day
    result = export_cli(database, "--output", str(tmp_path / "gone" / "day.csv"))
    assert result.returncode == 73 and "does not exist" in result.stderr  # sysexits CANTCREAT
    assert "Traceback" not in result.stderr


def test_kiosks_merge_offline_each_record_once_and_conflicts_are_reported(day, tmp_path, case):
    database, made = day
    copy = tmp_path / "copy.db"
    with sqlite3.connect(database) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with sqlite3.connect(copy) as conn:  # the same UUID, other content: must not be hidden
        conn.execute("UPDATE signatures SET town = 'Elsewhere' WHERE uuid = ?", (made[0].uuid,))
    jsonl = tmp_path / "usb.jsonl"
    export_cli(database, "--format", "jsonl", "--output", str(jsonl), "--no-letters")
    jsonl.write_text(jsonl.read_text() + "not json\n" + '{"uuid": "x"}\n')
    merged = tmp_path / "stand.db"

    result = run_kiosk("merge", str(database), str(copy), str(jsonl), "--output", str(merged))

    assert result.returncode == 1
    assert f"{len(made)} added" in result.stdout and "1 conflict(s)" in result.stdout
    assert f"conflict: {made[0].uuid}" in result.stderr
    assert "usb.jsonl:6" in result.stderr and "usb.jsonl:7" in result.stderr
    with sqlite3.connect(merged) as conn:
        towns = dict(conn.execute("SELECT uuid, town FROM signatures"))
    assert len(towns) == len(made) and towns[made[0].uuid] == made[0].town


def test_a_kiosk_merged_with_its_own_export_finds_its_drawn_signatures_already_there(
    tmp_path, case
):
    database = tmp_path / "kiosk.db"
    drawing = Drawing(width=600, height=200, strokes=(((10.0, 20.0), (30.0, 40.0)),))
    with Store(database) as store:
        for number in range(4):  # a JSON Lines record says a drawing was made, not what
            entry = anna(given_name=f"Signer{number}", drawing=drawing if number % 2 else None)
            signature = prepare(entry, case, event_id="bern", kiosk_id="k1", language="de")
            store.record(signature, print_letter=False)
    jsonl = tmp_path / "usb.jsonl"
    assert export_cli(database, "--format", "jsonl", "--output", str(jsonl)).returncode == 0

    for order in ((database, jsonl), (jsonl, database)):
        merged = tmp_path / f"stand-{order[0].suffix[1:]}.db"
        result = run_kiosk("merge", *map(str, order), "--output", str(merged))

        assert result.returncode == 0, result.stdout + result.stderr
        assert "4 added, 4 already there, 0 conflict(s)" in result.stdout


def test_export_leaves_made_up_signatures_out_unless_asked(tmp_path):
    database = tmp_path / "stand.db"  # volunteers trained on it, then the stand opened
    trained = run_kiosk("sample", "--count", "6", "--seed", "2", "--database", str(database))
    assert trained.returncode == 0, trained.stderr
    real = run_kiosk(
        *["sign", "--case", "maryia-kalesnikava", "--given-name", "Real", "--town", "Bern"],
        *["--consent", "sign", "--no-letter", "--database", str(database)],
    )
    assert real.returncode == 0, real.stderr

    for fmt in ("csv", "jsonl"):
        plain = export_cli(database, "--format", fmt, "--output", str(tmp_path / f"a.{fmt}"))
        asked = export_cli(
            database, "--format", fmt, "--output", str(tmp_path / f"b.{fmt}"), "--include-samples"
        )
        assert plain.returncode == 0 and asked.returncode == 0, plain.stderr + asked.stderr
        assert "Exported 1 signature(s)" in plain.stdout
        assert "Exported 7 signature(s)" in asked.stdout
    [row] = csv.DictReader(io.StringIO((tmp_path / "a.csv").read_text(encoding="utf-8-sig")))
    assert row["given_name"] == "Real" and row["uuid"] == real.stdout.strip()
    letters = run_kiosk("letters", "--output", str(tmp_path / "l.pdf"), "--database", str(database))
    assert letters.returncode == 1  # the only real signer wants no letter: none to write
    assert "total: 1" in run_kiosk("counts", "--database", str(database)).stdout


def sets_in(folder: Path) -> tuple[dict[str, dict], set[str]]:
    """The manifests in `folder` (by name) and the visible files that no manifest lists."""
    manifests = {p.name: json.loads(p.read_text()) for p in folder.glob("*-manifest.json")}
    listed = {f["name"] for m in manifests.values() for f in m["files"]} | set(manifests)
    visible = {p.name for p in folder.iterdir() if not p.name.startswith(".")}
    return manifests, visible - listed


def assert_vouched(folder: Path, manifest: dict) -> None:
    for entry in manifest["files"]:
        data = (folder / entry["name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["name"]


def test_a_csv_then_an_xlsx_export_with_one_name_are_both_complete(day, tmp_path):
    database, made = day
    out = tmp_path / "usb"
    out.mkdir()

    first = export_cli(database, "--output", str(out / "day.csv"))
    second = export_cli(database, "--format", "xlsx", "--output", str(out / "day.xlsx"))

    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert "this export is named day-2.xlsx instead, and nothing was replaced" in second.stdout
    manifests, strays = sets_in(out)
    assert strays == set()
    letters = "letters-maryia-kalesnikava.pdf"
    assert {f["name"] for f in manifests["day-manifest.json"]["files"]} == {
        "day.csv", "day-summary.csv", f"day-{letters}",
    }  # fmt: skip
    assert {f["name"] for f in manifests["day-2-manifest.json"]["files"]} == {
        "day-2.xlsx", "day-2-summary.csv", f"day-2-{letters}",
    }  # fmt: skip
    for manifest in manifests.values():
        assert manifest["records"] == len(made)
        assert_vouched(out, manifest)


def test_an_export_killed_at_any_step_leaves_no_partial_set_once_the_next_one_ran(day, tmp_path):
    from tests.killpoints import kill_export_at

    database, _ = day
    out = tmp_path / "usb"
    out.mkdir()
    assert export_cli(database, "--output", str(out / "day.csv"), "--no-letters").returncode == 0
    earlier = {p.name: p.read_bytes() for p in out.iterdir()}

    step, steps = 1, 1
    while step <= steps:
        steps = max(steps, kill_export_at(database, out / "day.csv", "csv", step) + 1)
        manifests, strays = sets_in(out)
        for manifest in manifests.values():  # whatever is sealed is whole and right
            assert_vouched(out, manifest)
        assert {n: (out / n).read_bytes() for n in earlier} == earlier  # never touched

        after = export_cli(database, "--output", str(out / "next.csv"), "--no-letters")

        assert after.returncode == 0, after.stderr
        manifests, strays = sets_in(out)
        assert strays == set(), f"killed at step {step}"
        assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
        for path in out.iterdir():  # back to the earlier set alone for the next kill point
            if path.name not in earlier:
                path.unlink()
        step += 1
    assert steps > 6  # four files staged (with the plan) and four moved: each was a kill point


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """A kiosk database of 1,500 records: a merge of it takes long enough to be killed mid-way."""

    database = tmp_path_factory.mktemp("many") / "kiosk.db"
    record_signers(database, 1500, seed=14)
    return database


def count(database: Path) -> int:
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute("SELECT count(*) FROM signatures").fetchone()[0]


def merge_in_background(source: Path, output: Path) -> tuple[subprocess.Popen, float]:
    """Start `kiosk merge` and return once it began writing: the process and that moment."""
    from tests.waiting import wait_until

    before = set(output.parent.iterdir())
    script = Path(sys.executable).with_name("kiosk")
    child = subprocess.Popen(
        [str(script), "merge", str(source), "--output", str(output)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wait_until(
        lambda: (
            any(".merging-" in p.name for p in set(output.parent.iterdir()) - before)
            or child.poll() is not None
        ),
        "the merge to start writing",
    )
    return child, time.perf_counter()


def merge_writing_time(source: Path, folder: Path) -> float:
    """How long a whole merge of `source` writes on this machine now (a kill must fall inside)."""
    child, began = merge_in_background(source, folder / "whole.db")
    assert child.wait(timeout=120) == 0, child.stderr.read()
    return time.perf_counter() - began


def kill_merge_midway(source: Path, output: Path, rng, writing: float) -> bool:
    """SIGKILL `kiosk merge` a random moment of its writing, which took `writing` seconds;
    whether it was still at work when killed."""
    child, _ = merge_in_background(source, output)
    try:
        time.sleep(rng.uniform(0.0, 0.5) * writing)  # a random moment of the merge
        return child.poll() is None
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=60)


def test_a_killed_merge_leaves_no_database_or_a_complete_one(many, tmp_path):
    rng = random.Random(14)
    out = tmp_path / "stand"
    out.mkdir()
    total = count(many)
    writing = merge_writing_time(many, tmp_path)
    killed = []
    for _ in range(4):
        killed.append(kill_merge_midway(many, out / "stand.db", rng, writing))
        assert not (out / "stand.db").exists() or count(out / "stand.db") == total
        for name in ("stand.db", "stand.db-wal", "stand.db-shm"):
            (out / name).unlink(missing_ok=True)
    assert any(killed), "no kill came while a merge was at work"
    if killed[-1]:  # the last kill left its half database for the next merge to clear away
        assert any(p.name.startswith(".stand.db.merging-") for p in out.iterdir())

    result = run_kiosk("merge", str(many), "--output", str(out / "stand.db"))

    assert result.returncode == 0, result.stderr
    assert count(out / "stand.db") == total
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []  # leftovers gone


def test_a_killed_merge_into_an_existing_database_leaves_it_as_it_was(many, day, tmp_path):
    database, made = day
    rng = random.Random(15)
    out = tmp_path / "stand"
    out.mkdir()
    with sqlite3.connect(database) as source, sqlite3.connect(out / "stand.db") as target:
        source.backup(target)
    writing = merge_writing_time(many, tmp_path)
    for _ in range(3):
        kill_merge_midway(many, out / "stand.db", rng, writing)
        assert count(out / "stand.db") in (len(made), len(made) + count(many))


def test_hidden_part_files_of_an_earlier_killed_export_are_removed(day, tmp_path):
    database, made = day
    out = tmp_path / "usb"
    out.mkdir()
    for name in (".day.csv.part", ".day-summary.csv.part"):  # as exports wrote them before
        (out / name).write_text(f"uuid,given_name\n{made[0].uuid},Anna\n")

    result = export_cli(database, "--output", str(out / "day.csv"), "--no-letters")

    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "day-manifest.json", "day-summary.csv", "day.csv",
    ]  # fmt: skip


def test_a_failed_export_leaves_the_earlier_set_alone_and_adds_nothing(day, small_disk):
    database, _ = day
    with Store(database) as store:
        export(store, Selection(), small_disk / "day.csv", "csv")
        earlier = {p.name: p.read_bytes() for p in small_disk.iterdir()}
        fill_disk(small_disk)
        with pytest.raises(ExportError, match="free space"):
            export(store, Selection(), small_disk / "day.csv", "csv")

    after = {p.name: p.read_bytes() for p in small_disk.iterdir() if p.name != "filler"}
    assert after == earlier


def test_a_merge_refuses_the_json_lines_a_kiosk_would_refuse_saying_why(day, tmp_path):
    database, _ = day
    jsonl = tmp_path / "usb.jsonl"
    export_cli(database, "--format", "jsonl", "--output", str(jsonl), "--no-letters")
    first = json.loads(jsonl.read_text().splitlines()[0])
    record = first.get("record", first)
    hostile_lines = [
        {**record, "uuid": "11111111-1111-4111-8111-111111111111", "signed_at": bad}
        for bad in ("0000-12-10T10:31:07.204518Z", "2026-02-30T10:31:07.204518Z")
    ] + [{**record, "uuid": "22222222-2222-4222-8222-222222222222", "country": "XX"}]
    jsonl.write_text("".join(json.dumps(line) + "\n" for line in hostile_lines))

    result = run_kiosk("merge", str(jsonl), "--output", str(tmp_path / "stand.db"))

    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "usb.jsonl:1" in result.stderr and "signed_at:" in result.stderr
    assert "usb.jsonl:3" in result.stderr and "country:" in result.stderr
    with sqlite3.connect(tmp_path / "stand.db") as conn:
        assert conn.execute("SELECT count(*) FROM signatures").fetchone() == (0,)


@pytest.fixture
def impossible(day):
    """A database as an older collector let it fill: times no clock gives and names with NUL
    and RLO, written here with raw SQL, as no kiosk code would write them."""
    database, made = day
    times = [
        "0000-12-10T10:31:07.204518Z",
        "0001-01-01T00:00:00.000000Z",
        "9999-12-31T23:59:59.000000Z",
        "2026-99-99T00:00:00.000000Z",
        "2026-02-30T10:31:07.204518Z",
    ]
    with sqlite3.connect(database) as conn:
        for signature, signed_at in zip(made, times, strict=True):
            conn.execute(
                "UPDATE signatures SET signed_at = ?, given_name = ? WHERE uuid = ?",
                (signed_at, "An\x00na\u202e", signature.uuid),
            )
    return database, times


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Tokyo"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx"])
def test_impossible_stored_values_export_as_stored_never_a_traceback(
    impossible, tmp_path, zone, fmt
):
    database, times = impossible
    out = tmp_path / f"stand.{fmt}"
    result = export_cli(database, "--format", fmt, "--output", str(out), env={"TZ": zone})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Exported 5 signature(s)" in result.stdout
    if fmt != "xlsx":
        text = out.read_text(encoding="utf-8")
        assert all(t in text for t in times)
    assert (tmp_path / "stand-letters-maryia-kalesnikava.pdf").exists()
