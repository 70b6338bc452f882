"""What goes wrong outside the kiosk's control is said plainly, with its own exit code: a config
folder that cannot be written, a damaged database, a file that cannot be written, a sync set-up
that cannot work. Never a traceback."""

from __future__ import annotations

import re
import sqlite3
import stat
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_CASE, record_signers, run_kiosk


def read_only(mount_point: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)


@pytest.fixture
def locked_config(small_disk: Path) -> Path:
    """A config file in a folder that cannot be written (a read-only file system)."""
    config = small_disk / "config.toml"
    config.write_text("# the Bern stand\n[event]\nname = 'Bern'\n")
    read_only(small_disk)
    return config


def test_setting_the_pin_in_a_config_folder_that_cannot_be_written_says_so(locked_config, tmp_path):
    pin = tmp_path / "pin.txt"
    pin.write_text("482915\n")

    result = run_kiosk(
        "admin", "set-pin", "--pin-file", str(pin), "--config", str(locked_config),
        "--database", str(tmp_path / "k.db"),
    )  # fmt: skip

    assert result.returncode == 73, result.stderr
    assert f"The settings cannot be saved to {locked_config}" in result.stderr
    assert "Read-only file system" in result.stderr and "Nothing was changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert "pin_hash" not in locked_config.read_text()


def test_config_set_in_a_config_folder_that_cannot_be_written_says_so(locked_config, tmp_path):
    result = run_kiosk(
        "config", "set", "printing.mode", "batch", "--config", str(locked_config),
        "--database", str(tmp_path / "k.db"),
    )  # fmt: skip

    assert result.returncode == 73, result.stderr
    assert "The settings cannot be saved" in result.stderr
    assert "Traceback" not in result.stderr
    assert "batch" not in locked_config.read_text()


def test_a_bad_value_still_wins_over_a_folder_that_cannot_be_written(locked_config, tmp_path):
    result = run_kiosk(
        "config", "set", "idle.countdown", "3", "--config", str(locked_config),
        "--database", str(tmp_path / "k.db"),
    )  # fmt: skip
    assert result.returncode == 78 and "idle.countdown" in result.stderr


SIGNER = ["--case", EXAMPLE_CASE, "--given-name", "Anna", "--town", "Bern", "--consent", "sign"]


def zero_the_tail(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.seek(size // 2)
        file.write(b"\0" * (size - size // 2))


def flip_bytes(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for i in range(4096 + 100, len(data), 997):  # past the header: SQLite still opens it
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def healthy_database(tmp_path_factory) -> Path:
    database = tmp_path_factory.mktemp("healthy") / "stand.db"
    record_signers(database, 300, seed=3)
    return database


@pytest.mark.parametrize("damage", [zero_the_tail, flip_bytes], ids=["zeroed tail", "flipped"])
@pytest.mark.parametrize(
    "command",
    [["doctor"], ["counts"], ["export", "--output", "day.csv"], ["letters", "--output", "l.pdf"]],
    ids=lambda c: c[0],
)
def test_a_damaged_database_is_named_with_what_to_do_and_exit_74(
    healthy_database, tmp_path, damage, command
):
    database = tmp_path / "stand.db"
    database.write_bytes(healthy_database.read_bytes())
    damage(database)
    args = [str(tmp_path / a) if a.endswith((".csv", ".pdf")) else a for a in command]

    result = run_kiosk(*args, "--database", str(database))

    assert result.returncode == 74, result.stdout + result.stderr
    assert f"The database {database} is damaged" in result.stderr
    assert "Keep a copy of the file" in result.stderr
    assert f"kiosk rescue --database {database} --output NEW.db" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Could not decode" not in result.stderr  # SQLite's words may quote a signer


@pytest.mark.parametrize("command", [["counts"], ["sign", *SIGNER], ["doctor"]], ids=lambda c: c[0])
def test_a_text_file_given_as_database_keeps_its_mode_and_content(tmp_path, command):
    passwd = tmp_path / "passwd"
    passwd.write_bytes(b"root:x:0:0:root:/root:/bin/bash\n")
    passwd.chmod(0o644)

    result = run_kiosk(*command, "--database", str(passwd))

    assert result.returncode == 74, result.stdout + result.stderr
    assert f"The file {passwd} is not a signature database" in result.stderr
    assert "--database" in result.stderr and "Traceback" not in result.stderr
    assert stat.S_IMODE(passwd.stat().st_mode) == 0o644
    assert passwd.read_bytes() == b"root:x:0:0:root:/root:/bin/bash\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["passwd"]  # no -wal, no -shm


def test_a_letter_to_a_folder_that_does_not_exist_exits_73(tmp_path):
    out = tmp_path / "no-such-folder" / "letter.pdf"
    result = run_kiosk(
        "letter", "--case", EXAMPLE_CASE, "--name", "Anna", "--town", "Bern",
        "--output", str(out),
    )  # fmt: skip
    assert result.returncode == 73, result.stderr
    assert f"Cannot write {out}" in result.stderr and "Traceback" not in result.stderr


def test_sync_without_a_target_is_a_configuration_matter(tmp_path):
    result = run_kiosk("sync", "--once", "--database", str(tmp_path / "k.db"))
    assert result.returncode == 78
    assert "No sync target is configured" in result.stderr


# -- doctor and sync agree ---------------------------------------------------------------------


def token_file(folder: Path, text: str, mode: int) -> Path:
    path = folder / "token"
    path.write_text(text)
    path.chmod(mode)
    return path


SETUPS = {
    "webhook without token": ('target = "webhook"\nurl = "https://example.org/in"\n', None),
    "file address": ('target = "webhook"\nurl = "file:///tmp/in"\n', ("secret", 0o600)),
    "ftp address": ('target = "webhook"\nurl = "ftp://example.org/in"\n', ("secret", 0o600)),
    "token others can read": (
        'target = "webhook"\nurl = "https://example.org/in"\n',
        ("secret", 0o644),
    ),
    "empty token file": ('target = "webhook"\nurl = "https://example.org/in"\n', ("", 0o600)),
    "missing token file": (
        'target = "webhook"\nurl = "https://example.org/in"\ntoken_file = "gone"\n',
        None,
    ),
    "http to a remote host": ('target = "webhook"\nurl = "http://example.org/in"\n', ("s", 0o600)),
    "osdi over http": ('target = "osdi"\nurl = "http://example.org/api"\n', ("s", 0o600)),
    "osdi without url": ('target = "osdi"\n', ("s", 0o600)),
    "folder target without folder": ('target = "folder"\n', None),
    "unknown target": ('target = "email"\n', None),
    # and set-ups that work: doctor says ok, sync delivers (nothing waits)
    "http to this machine": ('target = "webhook"\nurl = "http://127.0.0.1:9/in"\n', ("s", 0o600)),
    "remote http allowed": (
        'target = "webhook"\nurl = "http://example.org/in"\nallow_http = true\n',
        ("s", 0o600),
    ),
    "a folder": ('target = "folder"\nfolder = "out"\n', None),
}


@pytest.mark.parametrize("setup", list(SETUPS))
def test_doctor_says_fix_exactly_when_sync_refuses_and_names_the_same_problem(tmp_path, setup):
    sync, token = SETUPS[setup]
    if token is not None and "token_file" not in sync:
        sync += f'token_file = "{token_file(tmp_path, *token)}"\n'
    config = tmp_path / "config.toml"
    config.write_text("[sync]\n" + sync)
    where = ["--config", str(config), "--database", str(tmp_path / "k.db")]
    env = {"KIOSK_SYNC_TOKEN": ""}
    record_signers(tmp_path / "k.db", 0, seed=1)  # a kiosk's database, nothing to deliver yet

    doctor = run_kiosk("doctor", *where, env=env)
    sync_once = run_kiosk("sync", "--once", "--max-time", "0", *where, env=env)

    assert "Traceback" not in doctor.stderr + sync_once.stderr
    refused = sync_once.returncode == 78
    doctor_fix = "[ FIX] sync:" in doctor.stdout or doctor.returncode == 78
    assert doctor_fix == refused, (doctor.stdout + doctor.stderr, sync_once.stderr)
    if refused:
        problem = sync_once.stderr.removeprefix("Error: ").splitlines()[-1].strip()
        assert problem and problem in doctor.stdout + doctor.stderr
    else:
        assert sync_once.returncode == 0, sync_once.stdout + sync_once.stderr
        assert "[  ok] sync:" in doctor.stdout


def test_config_set_creates_a_named_file_as_it_creates_the_default_one(tmp_path):
    config = tmp_path / "bern.toml"
    result = run_kiosk("config", "set", "printing.mode", "batch", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert 'mode = "batch"' in config.read_text()
    elsewhere = tmp_path / "no-such-folder" / "bern.toml"
    result = run_kiosk("config", "set", "printing.mode", "batch", "--config", str(elsewhere))
    assert result.returncode == 78 and "its folder does not exist" in result.stderr
    assert not elsewhere.parent.exists()


def test_a_config_that_cannot_be_read_is_a_settings_problem_wherever_it_is(tmp_path):
    named = tmp_path / "config.toml"
    named.mkdir()  # not a file: read as root, permissions would not stop it
    result = run_kiosk("counts", "--config", str(named), "--database", str(tmp_path / "s.db"))
    assert result.returncode == 78, result.stderr
    assert "cannot be read" in result.stderr and "Traceback" not in result.stderr


def change_a_case_id(path: Path) -> None:
    """Change one letter of the first signature's case id, in its row only (not in the index
    over case ids): the kind of damage SQLite's quick check does not see."""
    data = path.read_bytes()
    row = data.index(f"{EXAMPLE_CASE}stand".encode())  # the row: case id, then event id
    end = row + len(EXAMPLE_CASE) - 1
    path.write_bytes(data[:end] + b"X" + data[end + 1 :])


@pytest.fixture
def changed_case_id(tmp_path, service) -> Path:
    from tests.conftest import anna

    for town in ("Bern", "Thun", "Biel"):
        service.sign(EXAMPLE_CASE, anna(town=town))
    service.close()  # the WAL is folded into the file
    change_a_case_id(service.database_path)
    return service.database_path


def test_a_database_with_a_changed_value_is_never_exported(changed_case_id, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()

    result = run_kiosk(
        "export", "--database", str(changed_case_id), "--output", str(usb / "day.csv"),
        "--no-letters",
    )  # fmt: skip

    assert result.returncode == 74, result.stdout + result.stderr
    assert f"The database {changed_case_id} is damaged" in result.stderr
    assert f"kiosk rescue --database {changed_case_id}" in result.stderr
    assert list(usb.iterdir()) == []  # no manifest vouches for anything


def test_doctor_names_the_damage_and_the_rescue(changed_case_id):
    result = run_kiosk("doctor", "--database", str(changed_case_id))

    assert result.returncode == 74, result.stdout + result.stderr
    assert "[ FIX] database" in result.stdout
    assert f"kiosk rescue --database {changed_case_id} --output NEW.db" in result.stdout


@pytest.mark.parametrize("damage", [zero_the_tail, flip_bytes], ids=["zeroed tail", "flipped"])
def test_rescue_saves_every_readable_record_into_a_new_database(healthy_database, tmp_path, damage):
    database = tmp_path / "stand.db"
    database.write_bytes(healthy_database.read_bytes())
    damage(database)
    before = database.read_bytes()
    rescued = tmp_path / "rescued.db"

    result = run_kiosk("rescue", "--database", str(database), "--output", str(rescued))

    assert result.returncode == 1, result.stdout + result.stderr
    saved, lost = (
        int(n) for n in re.findall(r"(\d+) record\(s\) saved .*, (\d+) lost", result.stdout)[0]
    )
    assert saved > 0 and lost > 0 and saved + lost >= 300
    assert database.read_bytes() == before  # the damaged file is only read
    with (
        closing(sqlite3.connect(rescued)) as new,
        closing(sqlite3.connect(healthy_database)) as old,
    ):
        assert new.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = new.execute("SELECT * FROM signatures ORDER BY uuid").fetchall()
        signed = {row[0]: row for row in old.execute("SELECT * FROM signatures")}
        assert kept == [signed[row[0]] for row in kept]  # each one saved is the one signed
        assert (
            new.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0]
            == saved
        )
    assert run_kiosk("counts", "--database", str(rescued)).returncode == 0


def test_rescue_never_writes_over_a_file(healthy_database, tmp_path):
    there = tmp_path / "there.db"
    there.write_bytes(b"keep me")

    result = run_kiosk("rescue", "--database", str(healthy_database), "--output", str(there))

    assert result.returncode == 73 and "Name a new file" in result.stderr
    assert there.read_bytes() == b"keep me"


def test_rescue_names_a_record_that_differs_from_its_delivery_copy(changed_case_id, tmp_path):
    with closing(sqlite3.connect(changed_case_id)) as conn:
        changed = conn.execute("SELECT uuid FROM signatures WHERE case_id LIKE '%X'").fetchone()[0]

    result = run_kiosk(
        "rescue", "--database", str(changed_case_id), "--output", str(tmp_path / "new.db")
    )

    assert result.returncode == 1, result.stdout + result.stderr
    assert "3 record(s) saved" in result.stdout and ", 0 lost." in result.stdout
    assert f"check: {changed} differs from the copy kept for delivery" in result.stderr


def test_rescue_of_an_undamaged_database_saves_every_record(healthy_database, tmp_path):
    result = run_kiosk(
        "rescue", "--database", str(healthy_database), "--output", str(tmp_path / "new.db")
    )
    assert result.returncode == 0, result.stderr
    assert "300 record(s) saved" in result.stdout and ", 0 lost." in result.stdout


def test_another_programs_sqlite_database_given_as_database_is_left_alone(tmp_path):
    places = tmp_path / "places.sqlite"
    with closing(sqlite3.connect(places)) as conn, conn:
        conn.execute("CREATE TABLE moz_places (url TEXT)")
        conn.execute("INSERT INTO moz_places VALUES ('https://example.org')")
    places.chmod(0o644)
    before = places.read_bytes()

    result = run_kiosk("counts", "--database", str(places))

    assert result.returncode == 74, result.stdout + result.stderr
    assert f"The file {places} is not a signature database" in result.stderr
    assert places.read_bytes() == before and stat.S_IMODE(places.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["places.sqlite"]


def test_rescue_of_a_database_whose_table_list_is_gone_writes_nothing(healthy_database, tmp_path):
    database = tmp_path / "stand.db"
    data = bytearray(healthy_database.read_bytes())
    data[100:4096] = bytes(3996)  # the first page, after the header: the list of tables
    database.write_bytes(bytes(data))

    result = run_kiosk("rescue", "--database", str(database), "--output", str(tmp_path / "n.db"))

    assert result.returncode == 74, result.stdout + result.stderr
    assert "its list of tables cannot be read, so nothing was written" in result.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(("n.db", ".n.db"))] == []


@pytest.mark.parametrize(
    "command", [["counts"], ["export", "--output", "o.csv"], ["sync", "--status"]]
)
def test_a_command_that_only_reads_never_creates_a_database_from_a_typo(tmp_path, command):
    typo = tmp_path / "stnad" / "signatures.db"
    args = [a if a != "o.csv" else str(tmp_path / "o.csv") for a in command]
    result = run_kiosk(*args, "--database", str(typo))
    assert result.returncode == 66, result.stdout + result.stderr
    assert "no signature database at" in result.stderr and "nothing was created" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_signing_into_a_folder_that_does_not_exist_creates_nothing(tmp_path):
    typo = tmp_path / "stnad" / "signatures.db"
    result = run_kiosk(
        *["sign", "--case", EXAMPLE_CASE, "--given-name", "Anna", "--town", "Bern"],
        *["--consent", "sign", "--no-letter", "--database", str(typo)],
    )
    assert result.returncode == 66, result.stdout + result.stderr
    assert f"The folder {typo.parent} does not exist" in result.stderr
    assert not typo.parent.exists()


def test_exporting_an_unknown_case_is_a_mistake_not_an_empty_day(tmp_path):
    database = tmp_path / "stand.db"
    record_signers(database, 3, seed=5)
    result = run_kiosk(
        "export", "--case", "nobody", "--database", str(database),
        "--output", str(tmp_path / "day.csv"), "--no-letters",
    )  # fmt: skip
    assert result.returncode == 65, result.stdout + result.stderr
    assert "There is no case with the id 'nobody'" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stand.db"]
