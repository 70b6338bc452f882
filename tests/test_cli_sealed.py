"""Sealed mode from the command line: keys made on the coordinator's machine, kiosks that
cannot read back what they record, and `kiosk decrypt` giving every record back exactly."""

from __future__ import annotations

import dataclasses
import json
import stat
from pathlib import Path

import pytest

from kiosk.app import KioskService
from kiosk.core.config import load_config
from kiosk.core.signatures import SignerEntry
from tests.conftest import EXAMPLE_CASE, run_kiosk
from tests.hostile_records import NAMES_IN_EVERY_SCRIPT
from tests.pdftools import blue_ink_pixels, pages, text_of
from tests.privacy_bytes import database_files, leaks, secrets_of_every_script


def make_keys(folder: Path) -> tuple[str, Path]:
    """(public key text, private key file), made by the real `kiosk keys new`."""
    result = run_kiosk("keys", "new", "--output", str(folder))
    assert result.returncode == 0, result.stderr
    return (folder / "kiosk-public-key.txt").read_text().strip(), folder / "kiosk-private-key.txt"


def sealed_config(tmp_path: Path, public: str, name: str = "kiosk.toml") -> Path:
    config = tmp_path / name
    config.write_text(f'[printing]\nmode = "off"\n[privacy]\npublic_key = "{public}"\n')
    return config


def entries(drawn: bool = True) -> list[SignerEntry]:
    return [
        SignerEntry(
            given_name=given,
            family_name=family,
            postal_code=postal_code,
            town=town,
            country="CH",
            email=email,
            consents={"sign", "updates"},
            drawing={"width": 300, "height": 100, "strokes": [[(10, 10), (50, 60)]]}
            if drawn
            else None,
        )
        for given, family, postal_code, town, email in NAMES_IN_EVERY_SCRIPT
    ]


def twin_databases(tmp_path: Path, config: Path, drawn: bool = True) -> tuple[Path, Path, list]:
    """The same signatures recorded in a sealed database and in a clear one."""
    sealed_db, clear_db = tmp_path / "sealed.db", tmp_path / "clear.db"
    settings = load_config(config)
    with KioskService(settings, sealed_db) as sealed:
        prepared = [sealed.prepare(EXAMPLE_CASE, e, language="fr") for e in entries(drawn)]
        for signature in prepared:
            sealed.record(signature)
    clear_settings = load_config(config)
    clear_settings.settings.privacy.public_key = ""
    with KioskService(clear_settings, clear_db) as clear:
        for signature in prepared:
            clear.record(signature)
    return sealed_db, clear_db, prepared


def test_keys_new_says_where_each_key_goes_and_never_overwrites(tmp_path):
    result = run_kiosk("keys", "new", "--output", str(tmp_path / "keys"))
    assert result.returncode == 0, result.stderr
    public = (tmp_path / "keys" / "kiosk-public-key.txt").read_text().strip()
    assert f'public_key = "{public}"' in result.stdout and "[privacy]" in result.stdout
    assert "never near a kiosk" in result.stdout
    private = tmp_path / "keys" / "kiosk-private-key.txt"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    before = private.read_bytes()
    again = run_kiosk("keys", "new", "--output", str(tmp_path / "keys"))
    assert again.returncode == 73 and "never overwritten" in again.stderr
    assert "Traceback" not in again.stderr and private.read_bytes() == before


def test_a_public_key_cut_short_in_the_config_stops_signing_with_a_config_error(tmp_path):
    public, _ = make_keys(tmp_path / "keys")
    config = sealed_config(tmp_path, public[:-3])
    result = run_kiosk("sign", "--config", str(config), "--case", EXAMPLE_CASE,
                       "--given-name", "Anna", "--town", "Bern", "--consent", "sign")  # fmt: skip
    assert result.returncode == 78, result.stderr
    assert "privacy.public_key" in result.stderr and "cut short" in result.stderr


def test_a_sealed_kiosk_signing_from_the_command_line_keeps_no_name_in_its_files_or_log(
    tmp_path,
):
    public, _ = make_keys(tmp_path / "keys")
    config = sealed_config(tmp_path, public)
    database = tmp_path / "kiosk.db"
    said = b""
    for given, family, postal_code, town, email in NAMES_IN_EVERY_SCRIPT:
        result = run_kiosk(
            "sign", "-v", "--config", str(config), "--database", str(database),
            "--case", EXAMPLE_CASE, "--given-name", given, "--family-name", family,
            "--postal-code", postal_code, "--town", town, "--email", email,
            "--consent", "sign", "--consent", "updates",
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        said += (result.stdout + result.stderr).encode()
    found = leaks([*database_files(database), ("log", said)], secrets_of_every_script())
    assert found == []


def test_decrypt_gives_back_every_record_exactly_as_an_unsealed_kiosk_exports_it(tmp_path):
    public, private = make_keys(tmp_path / "keys")
    config = sealed_config(tmp_path, public)
    sealed_db, clear_db, prepared = twin_databases(tmp_path, config)
    for fmt in ("csv", "jsonl"):
        folder = tmp_path / fmt
        folder.mkdir()
        clear = run_kiosk("export", "--database", str(clear_db), "--format", fmt,
                          "--no-letters", "--output", str(folder / f"clear.{fmt}"))  # fmt: skip
        assert clear.returncode == 0, clear.stderr
        sealed = run_kiosk("export", "--database", str(sealed_db), "--format", "jsonl",
                           "--no-letters", "--output", str(folder / "sealed.jsonl"))  # fmt: skip
        assert sealed.returncode == 0, sealed.stderr
        for source in (folder / "sealed.jsonl", sealed_db):
            out = folder / f"opened-{source.name}.{fmt}"
            result = run_kiosk("decrypt", "--key", str(private), str(source), "--output", str(out))
            assert result.returncode == 0, result.stderr
            assert f"{len(prepared)} record(s) opened" in result.stdout
            assert out.read_bytes() == (folder / f"clear.{fmt}").read_bytes()


def test_decrypt_writes_the_letters_with_every_name_and_drawn_signature(tmp_path):
    public, private = make_keys(tmp_path / "keys")
    config = sealed_config(tmp_path, public)
    sealed_db, _, prepared = twin_databases(tmp_path, config)
    letters = tmp_path / "letters.pdf"
    result = run_kiosk("decrypt", "--config", str(config), "--key", str(private),
                       str(sealed_db), "--letters", str(letters))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"Wrote {len(prepared)} letter(s)" in result.stdout
    assert pages(letters) == len(prepared)
    assert "Müller-Lüdenscheidt" in text_of(letters)
    assert blue_ink_pixels(letters) > 0  # the drawn signature, opened from its own seal


def swap_seals(path: Path) -> list[str]:
    """Move the sealed fields of the first record onto the second, and back: the uuids."""
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    lines[0]["sealed"], lines[1]["sealed"] = lines[1]["sealed"], lines[0]["sealed"]
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    return [lines[0]["uuid"], lines[1]["uuid"]]


def test_a_seal_moved_to_another_record_is_reported_per_record_and_the_rest_written(tmp_path):
    public, private = make_keys(tmp_path / "keys")
    config = sealed_config(tmp_path, public)
    sealed_db, _, prepared = twin_databases(tmp_path, config)
    export = tmp_path / "day.jsonl"
    assert run_kiosk("export", "--database", str(sealed_db), "--format", "jsonl",
                     "--no-letters", "--output", str(export)).returncode == 0  # fmt: skip
    moved = swap_seals(export)
    out = tmp_path / "opened.csv"
    result = run_kiosk("decrypt", "--key", str(private), str(export), "--output", str(out))
    assert result.returncode == 65 and "Traceback" not in result.stderr
    for uuid in moved:
        assert f"not opened: {uuid}: does not open with its key: it was moved" in result.stderr
    assert "2 record(s) could not be opened" in result.stderr
    written = out.read_text(encoding="utf-8-sig")
    assert written.count("\n") == len(prepared) - 2 + 1  # the header, and every other record
    assert not any(uuid in written for uuid in moved)


def test_decrypt_with_another_organisations_key_names_the_key_it_needs(tmp_path):
    public, _ = make_keys(tmp_path / "keys")
    _, other = make_keys(tmp_path / "other")
    config = sealed_config(tmp_path, public)
    sealed_db, _, prepared = twin_databases(tmp_path, config)
    result = run_kiosk("decrypt", "--key", str(other), str(sealed_db),
                       "--output", str(tmp_path / "x.csv"))  # fmt: skip
    assert result.returncode == 65 and "Traceback" not in result.stderr
    assert result.stderr.count("which is not among the keys given") == len(prepared)


def test_after_a_key_rotation_decrypt_opens_old_and_new_records_with_both_keys(tmp_path):
    old_public, old_private = make_keys(tmp_path / "old")
    new_public, new_private = make_keys(tmp_path / "new")
    database = tmp_path / "kiosk.db"
    for public, town in ((old_public, "Zürich"), (new_public, "Genève")):
        config = sealed_config(tmp_path, public, f"{town}.toml")
        result = run_kiosk("sign", "--config", str(config), "--database", str(database),
                           "--case", EXAMPLE_CASE, "--given-name", "Zoë", "--town", town,
                           "--consent", "sign")  # fmt: skip
        assert result.returncode == 0, result.stderr
    out = tmp_path / "all.jsonl"
    both = run_kiosk("decrypt", "--key", str(new_private), "--key", str(old_private),
                     str(database), "--output", str(out))  # fmt: skip
    assert both.returncode == 0, both.stderr
    assert sorted(json.loads(line)["town"] for line in out.read_text().splitlines()) == [
        "Genève", "Zürich",
    ]  # fmt: skip
    only_new = run_kiosk("decrypt", "--key", str(new_private), str(database),
                         "--output", str(tmp_path / "new.jsonl"))  # fmt: skip
    assert only_new.returncode == 65 and "1 record(s) could not be opened" in only_new.stderr


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_spreadsheet_export_of_a_sealed_kiosk_says_what_to_do(tmp_path, fmt):
    public, _ = make_keys(tmp_path / "keys")
    config = sealed_config(tmp_path, public)
    sealed_db, _, _ = twin_databases(tmp_path, config)
    result = run_kiosk("export", "--database", str(sealed_db), "--format", fmt,
                       "--output", str(tmp_path / f"day.{fmt}"))  # fmt: skip
    assert result.returncode == 65 and "Traceback" not in result.stderr
    assert "--format jsonl" in result.stderr and "kiosk decrypt" in result.stderr


def test_a_sealed_kiosk_merged_with_its_own_export_keeps_each_record_once(tmp_path):
    # With sealed drawings, which a JSON Lines export does not carry: not a difference.
    public, private = make_keys(tmp_path / "keys")
    config = sealed_config(tmp_path, public)
    sealed_db, _, prepared = twin_databases(tmp_path, config)
    export = tmp_path / "day.jsonl"
    assert run_kiosk("export", "--database", str(sealed_db), "--format", "jsonl",
                     "--no-letters", "--output", str(export)).returncode == 0  # fmt: skip
    merged = tmp_path / "stand.db"
    result = run_kiosk("merge", str(sealed_db), str(export), "--output", str(merged))
    assert result.returncode == 0, result.stderr
    assert f"{len(prepared)} added, {len(prepared)} already there, 0 conflict(s)" in result.stdout
    opened = run_kiosk("decrypt", "--key", str(private), str(merged),
                       "--output", str(tmp_path / "stand.csv"))  # fmt: skip
    assert opened.returncode == 0, opened.stderr


def test_sealed_records_delivered_to_a_folder_stay_sealed_and_decrypt_from_there(tmp_path):
    public, private = make_keys(tmp_path / "keys")
    usb = tmp_path / "usb"
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[printing]\nmode = "off"\n[privacy]\npublic_key = "{public}"\n'
        f'[sync]\ntarget = "folder"\nfolder = "{usb}"\n'
    )
    database = tmp_path / "kiosk.db"
    with KioskService(load_config(config), database) as kiosk:
        prepared = [kiosk.prepare(EXAMPLE_CASE, e, language="fr") for e in entries()]
        for signature in prepared:
            kiosk.record(signature)
    result = run_kiosk("sync", "--once", "--config", str(config), "--database", str(database))
    assert result.returncode == 0, result.stderr
    [batch] = usb.glob("signatures-*.jsonl")
    assert leaks([(batch.name, batch.read_bytes())], secrets_of_every_script()) == []
    opened = tmp_path / "opened.jsonl"
    result = run_kiosk("decrypt", "--key", str(private), str(batch), "--output", str(opened))
    assert result.returncode == 0, result.stderr
    towns = {json.loads(line)["town"] for line in opened.read_text().splitlines()}
    assert towns == {s.town for s in prepared}


def test_decrypt_never_replaces_a_file_already_there_not_even_its_own_sealed_input(tmp_path):
    public, private = make_keys(tmp_path / "keys")
    config = sealed_config(tmp_path, public)
    sealed_db, _, _ = twin_databases(tmp_path, config, drawn=False)
    export = tmp_path / "day.jsonl"
    assert run_kiosk("export", "--database", str(sealed_db), "--format", "jsonl",
                     "--no-letters", "--output", str(export)).returncode == 0  # fmt: skip
    sealed_bytes = export.read_bytes()
    mine = tmp_path / "mine.pdf"
    mine.write_bytes(b"the coordinator's own file")
    for option, target in (("--output", export), ("--letters", mine)):
        result = run_kiosk("decrypt", "--config", str(config), "--key", str(private),
                           str(export), option, str(target))  # fmt: skip
        assert result.returncode == 73 and "Traceback" not in result.stderr
        assert f"{target.name} is already there" in result.stderr
    assert export.read_bytes() == sealed_bytes
    assert mine.read_bytes() == b"the coordinator's own file"


@pytest.mark.parametrize(
    "field, value",
    [
        (
            "consents",
            [
                {"id": "sign", "version": "2026-1", "given": True},
                {"id": "updates", "version": "2026-1", "given": True},
            ],
        ),
        ("signed_at", "2020-01-01T00:00:00.000000Z"),
        ("country", "RU"),
        ("kiosk_id", "kiosk-elsewhere"),
        ("language", "de"),
    ],
)
def test_a_consent_or_date_changed_in_a_sealed_export_is_reported_not_opened(
    tmp_path, field, value
):
    public, private = make_keys(tmp_path / "keys")
    config = sealed_config(tmp_path, public)
    with KioskService(load_config(config), tmp_path / "sealed.db") as sealed:
        entry = dataclasses.replace(entries(drawn=False)[0], consents={"sign"}, email="")
        sealed.record(sealed.prepare(EXAMPLE_CASE, entry, language="fr"))
    export = tmp_path / "day.jsonl"
    assert run_kiosk("export", "--database", str(tmp_path / "sealed.db"), "--format", "jsonl",
                     "--no-letters", "--output", str(export)).returncode == 0  # fmt: skip
    line = json.loads(export.read_text())
    assert line[field] != value
    line[field] = value
    export.write_text(json.dumps(line, ensure_ascii=False) + "\n")
    out = tmp_path / "opened.csv"
    result = run_kiosk("decrypt", "--key", str(private), str(export), "--output", str(out))
    assert result.returncode == 65 and "Traceback" not in result.stderr
    assert f"not opened: {line['uuid']}: its readable fields were changed ({field})" in (
        result.stderr
    )
    assert out.read_text(encoding="utf-8-sig").count("\n") == 1  # the header only


def test_decrypt_of_a_spreadsheet_given_by_mistake_says_what_to_give_and_writes_nothing(
    tmp_path,
):
    _, private = make_keys(tmp_path / "keys")
    spreadsheet = tmp_path / "day.csv"
    spreadsheet.write_text("uuid,given_name,town\n1,Anna,Bern\n2,Zoë,Zürich\n", encoding="utf-8")
    out = tmp_path / "opened.csv"
    result = run_kiosk("decrypt", "--key", str(private), str(spreadsheet), "--output", str(out))
    assert result.returncode == 66 and "Traceback" not in result.stderr
    assert "is neither a kiosk database nor a JSON Lines export" in result.stderr
    assert "line 2" not in result.stderr
    assert not out.exists()


def test_doctor_on_a_kiosk_sealed_after_it_recorded_says_how_many_names_are_still_readable(
    tmp_path,
):
    public, _ = make_keys(tmp_path / "keys")
    database = tmp_path / "kiosk.db"
    clear = tmp_path / "clear.toml"
    clear.write_text('[printing]\nmode = "off"\n')
    for config, given in ((clear, "Vorher"), (sealed_config(tmp_path, public), "Nachher")):
        result = run_kiosk("sign", "--config", str(config), "--database", str(database),
                           "--case", EXAMPLE_CASE, "--given-name", given, "--family-name",
                           "Keller", "--town", "Bern", "--consent", "sign")  # fmt: skip
        assert result.returncode == 0, result.stderr
    result = run_kiosk("doctor", "--config", str(tmp_path / "kiosk.toml"), "--database",
                       str(database))  # fmt: skip
    assert "Traceback" not in result.stderr
    assert "1 record(s) made before the key was set are still readable here" in result.stdout


def test_decrypt_of_two_exports_of_one_day_put_together_gives_each_signature_once(tmp_path):
    public, private = make_keys(tmp_path / "keys")
    config = sealed_config(tmp_path, public)
    sealed_db, _, prepared = twin_databases(tmp_path, config, drawn=False)
    for name in ("morning.jsonl", "evening.jsonl"):
        exported = run_kiosk("export", "--database", str(sealed_db), "--format", "jsonl",
                             "--no-letters", "--output", str(tmp_path / name))  # fmt: skip
        assert exported.returncode == 0, exported.stderr
    both = tmp_path / "both.jsonl"
    both.write_bytes(
        (tmp_path / "morning.jsonl").read_bytes() + (tmp_path / "evening.jsonl").read_bytes()
    )
    out = tmp_path / "opened.csv"
    result = run_kiosk("decrypt", "--key", str(private), str(both), "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert f"{len(prepared)} record(s) opened" in result.stdout
    rows = out.read_text(encoding="utf-8-sig").splitlines()[1:]
    assert sorted(row.split(",")[0] for row in rows) == sorted(s.uuid for s in prepared)
