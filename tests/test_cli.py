"""Volunteers and scripts drive the kiosk from the `kiosk` command: clear help, clear errors."""

import re
import shutil
from pathlib import Path

import click
import pytest

from kiosk import __version__
from kiosk.cli import cli
from kiosk.core.records.store import Store
from tests.conftest import EXAMPLE_CASE, run_kiosk, run_kiosk_process

ANNA = [
    "--case", EXAMPLE_CASE, "--given-name", "Anna", "--family-name", "Keller",
    "--postal-code", "8004", "--town", "Zürich", "--consent", "sign",
]  # fmt: skip


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


@pytest.mark.parametrize(
    ("path", "command"),
    list(all_commands(cli)),
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else "",
)
def test_every_command_explains_itself_with_an_example(path, command):
    assert command.help and len(command.help) > 30, path
    if not isinstance(command, click.Group):
        assert "Example:" in command.help, f"kiosk {' '.join(path)} has no example"
        assert f"kiosk {' '.join(path)}" in command.help


def test_the_help_lists_the_commands_through_the_real_entry_point():
    result = run_kiosk_process("--help")
    assert result.returncode == 0
    for name in ("doctor", "cases", "sign", "sample", "counts", "config"):
        assert name in result.stdout


def test_version():
    result = run_kiosk_process("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_a_volunteer_types_in_a_paper_signature(tmp_path):
    database = tmp_path / "stand.db"
    result = run_kiosk("sign", *ANNA, "--database", str(database))
    assert result.returncode == 0, result.stderr
    uuid = result.stdout.strip()
    assert re.fullmatch(r"[0-9a-f-]{36}", uuid)
    with Store(database) as store:
        signature = store.get(uuid)
    assert (signature.full_name, signature.town, signature.country) == (
        "Anna Keller",
        "Zürich",
        "CH",
    )
    assert signature.language == "fr"  # the kiosk's default language


def test_a_refused_signature_names_each_field_and_records_nothing(tmp_path):
    database = tmp_path / "stand.db"
    result = run_kiosk(
        "sign",
        "--case",
        EXAMPLE_CASE,
        "--town",
        " ",
        "--email",
        "anna@",
        "--database",
        str(database),
    )
    assert result.returncode == 65
    assert "The signature was not recorded:" in result.stderr
    assert "given name: Please enter your name." in result.stderr
    assert "town: Please enter your town." in result.stderr
    assert "consent sign: Please tick this box to sign the letter." in result.stderr
    assert "Traceback" not in result.stderr
    with Store(database) as store:
        assert store.counts().total == 0


def test_markup_and_hidden_characters_in_a_name_are_stored_as_plain_text(tmp_path):
    database = tmp_path / "stand.db"
    hostile = ["--given-name", "<img src='x'>\u202e", "--family-name", '=HYPERLINK("x")']
    result = run_kiosk("sign", *ANNA, *hostile, "--database", str(database))
    assert result.returncode == 0, result.stderr
    with Store(database) as store:
        signature = store.get(result.stdout.strip())
    assert signature.given_name == "<img src='x'>"
    assert signature.family_name == '=HYPERLINK("x")'


def test_an_unknown_case_lists_the_known_ones(tmp_path):
    result = run_kiosk("sign", *ANNA, "--case", "nobody", "--database", str(tmp_path / "x.db"))
    assert result.returncode == 65
    assert "There is no case with the id 'nobody'. Known cases: maryia-kalesnikava" in result.stderr


def test_a_bad_config_stops_every_command_with_the_list_of_problems(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[event]\ncountry = 'Switzerland'\n[languages]\ndefualt = 'de'\n")
    result = run_kiosk("counts", "--config", str(config), "--database", str(tmp_path / "x.db"))
    assert result.returncode == 78
    assert "The configuration has problems (2)" in result.stderr
    assert "[languages.defualt]: unknown setting; did you mean 'default'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_active_case_that_does_not_exist_is_a_config_error(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[cases]\nactive = ['maryia-kalesnikava', 'missing-person']\n")
    result = run_kiosk("counts", "--config", str(config), "--database", str(tmp_path / "x.db"))
    assert result.returncode == 78
    assert "no case has the id 'missing-person'" in result.stderr


def test_a_database_that_is_not_one_is_refused_with_exit_74(tmp_path):
    database = tmp_path / "holiday.jpg"
    database.write_bytes(b"\xff\xd8\xff" + b"\x00" * 5000)
    result = run_kiosk("counts", "--database", str(database))
    assert result.returncode == 74
    assert f"The file {database} is not a signature database" in result.stderr


def test_cases_check_passes_on_the_bundled_cases():
    result = run_kiosk("cases", "check")
    assert result.returncode == 0
    assert "ok maryia-kalesnikava: Maryia Kalesnikava (fr, de, en)" in result.stdout


def test_cases_check_lists_each_problem_and_exits_1(case_folder):
    (case_folder / EXAMPLE_CASE / "letter.de.md").write_text("Aus {stadt}.", encoding="utf-8")
    (case_folder / EXAMPLE_CASE / "story.en.md").unlink()
    result = run_kiosk("cases", "check", str(case_folder))
    assert result.returncode == 1
    assert "letter.de.md [{stadt}]: unknown placeholder" in result.stderr
    assert "story.en.md: this file is missing" in result.stderr
    assert "2 problem(s) found" in result.stderr
    assert "Traceback" not in result.stderr


def test_doctor_on_a_fresh_machine_says_what_is_ready_and_asks_for_a_pin(tmp_path):
    result = run_kiosk("doctor", "--database", str(tmp_path / "x.db"))
    assert result.returncode == 1, result.stdout
    assert "[  ok] cases: 1 valid" in result.stdout
    assert "[  ok] database:" in result.stdout
    assert "[  ok] clock:" in result.stdout
    assert "letters are saved as PDFs" in result.stdout
    assert "[ FIX] admin PIN: no admin PIN" in result.stdout
    assert "Run: kiosk admin set-pin" in result.stdout
    assert "Not ready: fix admin PIN" in result.stderr


def test_doctor_is_ready_once_a_coordinator_set_the_pin(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("# the Bern stand\n")
    pin = tmp_path / "pin"
    pin.write_text("482915")
    where = ("--config", str(config), "--database", str(tmp_path / "x.db"))
    assert run_kiosk("admin", "set-pin", "--pin-file", str(pin), *where).returncode == 0
    result = run_kiosk("doctor", *where)
    assert result.returncode == 0, result.stdout
    assert "[  ok] admin PIN: set" in result.stdout


def test_doctor_exits_1_when_something_must_be_fixed(tmp_path, case_folder):
    (case_folder / EXAMPLE_CASE / "case.toml").write_text("id = ")
    config = tmp_path / "config.toml"
    config.write_text(f"[cases]\nfolder = '{case_folder}'\n")
    result = run_kiosk("doctor", "--config", str(config), "--database", str(tmp_path / "x.db"))
    assert result.returncode == 1
    assert "[ FIX] cases: 1 problem(s)" in result.stdout
    assert "[  ok] database:" in result.stdout  # one broken part does not hide the others


def test_doctor_says_a_visitor_would_get_a_mix_of_languages(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[languages]\noffered = ['fr', 'it']\ndefault = 'fr'\n")
    result = run_kiosk("doctor", "--config", str(config), "--database", str(tmp_path / "x.db"))
    assert result.returncode == 1, result.stdout
    assert "[ FIX] languages: a visitor would get a mix" in result.stdout
    assert "kiosk_it.qm is missing" in result.stdout and "story.it.md" in result.stdout
    assert "[ FIX] case" not in result.stdout  # said once, under languages


def test_sample_fills_a_training_database(tmp_path):
    database = tmp_path / "training.db"
    result = run_kiosk("sample", "--count", "40", "--seed", "7", "--database", str(database))
    assert result.returncode == 0, result.stderr
    counts = run_kiosk("counts", "--database", str(database))
    assert "total: 0" in counts.stdout  # made up: never counted as real people
    assert "made up (kiosk sample, not counted above): 40" in counts.stdout
    with Store(database) as store:
        scripts = {s.town for s in store.signatures(samples=True)}
    assert len(scripts) > 5


def test_sample_refuses_a_database_with_real_signatures(tmp_path):
    database = tmp_path / "stand.db"
    signed = run_kiosk(
        *["sign", "--case", EXAMPLE_CASE, "--given-name", "Anna", "--town", "Bern"],
        *["--consent", "sign", "--no-letter", "--database", str(database)],
    )
    assert signed.returncode == 0, signed.stderr

    refused = run_kiosk("sample", "--count", "5", "--database", str(database))

    assert refused.returncode == 65, refused.stdout + refused.stderr
    assert "holds 1 real signature" in refused.stderr and "--database" in refused.stderr
    with Store(database) as store:
        assert len(list(store.signatures(samples=True))) == 1


def test_config_set_writes_a_checked_value_and_keeps_comments(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("# the Bern stand\n")
    result = run_kiosk("config", "set", "printing.mode", "batch", "--config", str(config))
    assert result.returncode == 0, result.stderr
    bad = run_kiosk("config", "set", "idle.countdown", "3", "--config", str(config))
    assert bad.returncode == 78
    shown = run_kiosk("config", "show", "--config", str(config))
    assert 'mode = "batch"' in shown.stdout and "countdown = 20" in shown.stdout
    assert config.read_text().startswith("# the Bern stand")


def test_a_wrong_option_is_a_usage_error():
    result = run_kiosk("sign", "--case", EXAMPLE_CASE, "--town", "Bern", "--colour", "red")
    assert result.returncode == 2
    assert "No such option '--colour'" in result.stderr


def test_doctor_says_which_scripts_the_letters_can_print(tmp_path):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    dejavu = next(Path("/usr/share/fonts").rglob("DejaVuSans.ttf"))
    shutil.copy(dejavu, fonts)

    result = run_kiosk(
        "doctor", "--database", str(tmp_path / "x.db"), env={"KIOSK_FONT_DIRS": str(fonts)}
    )

    assert "[note] fonts: letters can print Latin, Vietnamese, Cyrillic, Greek" in result.stdout
    assert "not Chinese, Japanese kana, Korean" in result.stdout
    assert "fonts-wqy-microhei" in result.stdout


def test_doctor_without_any_font_says_how_to_install_them(tmp_path):
    empty = tmp_path / "no-fonts"
    empty.mkdir()

    result = run_kiosk(
        "doctor", "--database", str(tmp_path / "x.db"), env={"KIOSK_FONT_DIRS": str(empty)}
    )

    assert result.returncode == 1
    assert "[ FIX] fonts: No font for the letters was found" in result.stdout
    assert "apt-get install fonts-noto-core" in result.stdout
