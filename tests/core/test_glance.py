"""The attract screen's glance: kept after a checked start, trusted only while nothing changed."""

from __future__ import annotations

import json
import shutil

import pytest

from kiosk.app import KioskService
from kiosk.core import glance
from kiosk.core.config import load_config
from kiosk.core.signatures import prepare
from tests.conftest import anna


@pytest.fixture
def stand(tmp_path, case_folder):
    """A stand's config (with its own copy of the cases), and a checked start of it."""
    config = tmp_path / "stand.toml"
    config.write_text(
        f'[cases]\nfolder = "{case_folder}"\n[languages]\noffered = ["de", "fr"]\n'
        'default = "de"\n[event]\ndaily_goal = 250\n[kiosk]\nlarge_text = true\n'
    )
    database = tmp_path / "signatures.db"
    with KioskService(load_config(config), database) as service:
        seen = glance.glance_of(service.config, service.active_cases, service.store.path)
    kept = glance.snapshot_path(config, database)
    glance.save(seen, kept, config, database)
    return config, database, kept, seen


def test_a_checked_start_leaves_what_the_next_first_picture_needs(stand):
    config, database, kept, seen = stand
    assert seen.language == "de" and seen.offered == ("de", "fr")
    assert seen.goal == 250 and seen.large_text is True
    assert [c.person for c in seen.cases] == ["Maryia Kalesnikava"]
    assert seen.cases[0].title.startswith("Elf Jahre")  # the German one-line title
    assert glance.load(kept, config, database) == seen
    assert oct(kept.stat().st_mode & 0o777) == "0o600"
    text = kept.read_text()
    assert "Anna" not in text and "signed_at" not in text  # no signer, ever


@pytest.mark.parametrize(
    "change",
    ["edit the config", "edit a case", "add a case", "remove a story"],
)
def test_any_change_to_the_files_makes_the_start_check_first(stand, case_folder, change):
    config, database, kept, _ = stand
    if change == "edit the config":
        config.write_text(config.read_text().replace("250", "300"))
    elif change == "edit a case":
        toml = case_folder / "maryia-kalesnikava" / "case.toml"
        toml.write_text(toml.read_text() + "\n")
    elif change == "add a case":
        shutil.copytree(case_folder / "maryia-kalesnikava", case_folder / "another")
    else:
        (case_folder / "maryia-kalesnikava" / "story.en.md").unlink()
    assert glance.load(kept, config, database) is None


def test_a_glance_serves_only_the_start_it_was_made_for(stand, tmp_path):
    config, database, kept, _ = stand
    assert glance.load(kept, config, tmp_path / "other.db") is None
    assert glance.load(kept, None, database) is None
    assert glance.snapshot_path(config, tmp_path / "other.db") != kept


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not json",
        b"[]",
        b'{"format": 1}',
        b'{"format": 99, "start": ""}',
        "\N{PILE OF POO}".encode(),
    ],
)
def test_a_damaged_glance_is_ignored(stand, damage):
    config, database, kept, _ = stand
    kept.write_bytes(damage)
    assert glance.load(kept, config, database) is None


def test_a_glance_with_wrong_types_is_ignored(stand):
    config, database, kept, _ = stand
    data = json.loads(kept.read_text())
    data["cases"] = [{"id": "x", "person": "P", "oops": 1}]
    kept.write_text(json.dumps(data))
    assert glance.load(kept, config, database) is None
    data["cases"], data["stamps"] = [], [["/", "soon", 0]]
    kept.write_text(json.dumps(data))
    assert glance.load(kept, config, database) is None


def test_keeping_a_glance_where_it_cannot_be_written_only_costs_the_head_start(stand, tmp_path):
    config, database, _, seen = stand
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    glance.save(seen, blocked / "glance.json", config, database)  # no exception


def test_todays_count_comes_from_the_database(tmp_path, service, case):
    assert glance.today_count(tmp_path / "none-yet.db") == 0
    for _ in range(3):
        signature = prepare(anna(), case, event_id="e", kiosk_id="k", language="de")
        service.store.record(signature, print_letter=False)
    assert glance.today_count(service.store.path) == 3
    (tmp_path / "garbage.db").write_bytes(b"this is not a database" * 100)
    assert glance.today_count(tmp_path / "garbage.db") == 0
