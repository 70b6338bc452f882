"""A volunteer's config file is read with every mistake named, and kept intact when changed."""

import pytest

from kiosk.core.config import (
    Settings,
    data_dir,
    default_config_path,
    load_config,
    reference,
    update_config,
)
from kiosk.core.errors import ConfigError
from tests.conftest import BUNDLED_CASES, REPO


def test_no_config_file_means_defaults_that_run_a_stand():
    config = load_config()
    assert config.path is None
    assert config.cases_folder == BUNDLED_CASES
    assert config.database_path == data_dir() / "signatures.db"
    assert config.settings.languages.offered == ["fr", "de", "en"]
    assert config.settings.printing.mode == "immediate"


def test_a_named_config_that_does_not_exist_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="this configuration file does not exist"):
        load_config(tmp_path / "missing.toml")


def test_paths_in_the_config_are_relative_to_the_file(tmp_path):
    path = tmp_path / "stand" / "config.toml"
    path.parent.mkdir()
    path.write_text('database = "data/sig.db"\n[cases]\nfolder = "../cases"\n')
    config = load_config(path)
    assert config.database_path == tmp_path / "stand" / "data" / "sig.db"
    assert config.cases_folder == tmp_path / "stand" / ".." / "cases"


def test_every_problem_is_named_with_its_key(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        "[event]\ncountry = 'XX'\nnmae = 'Bern'\n"
        "[languages]\noffered = ['fr', 'de']\ndefault = 'en'\n"
        "[idle]\ncountdown = 3\n"
        "[printing]\nmode = 'sometimes'\n"
        "[sync]\ntarget = 'webhook'\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    text = str(caught.value)
    assert "The configuration has problems (6)" in text
    for expected in (
        "[event.country]: 'XX' is not a country code",
        "[event.nmae]: unknown setting; did you mean 'name'?",
        "[languages.default]: 'en' is not one of the offered languages",
        "[idle.countdown]: Input should be greater than or equal to 20",
        "[printing.mode]: Input should be 'immediate', 'batch' or 'off'",
        "[sync]: target 'webhook' needs a url",
    ):
        assert f"{path} {expected}" in text, expected


def test_a_file_that_is_not_toml_gets_one_clear_error(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[event\nid = stand")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)
    path.write_bytes(b"\xff\xfe[event]")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path)


def test_a_config_saved_with_a_byte_order_mark_is_read_and_changed_like_any_other(tmp_path):
    # Windows Notepad's "UTF-8 with BOM": what a coordinator's file often starts with.
    path = tmp_path / "config.toml"
    path.write_bytes("\ufeff[event]\nname = 'Briefmarathon Zürich'\n".encode())
    assert load_config(path).settings.event.name == "Briefmarathon Zürich"
    update_config(path, {"printing.mode": "batch"})
    changed = load_config(path).settings
    assert (changed.event.name, changed.printing.mode) == ("Briefmarathon Zürich", "batch")


def test_changing_a_setting_keeps_the_volunteers_comments(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("# Zürich stand, 2026\n[printing]\nmode = 'immediate'  # Anna's printer\n")
    config = update_config(path, {"printing.mode": "batch", "idle.warning_after": 90})
    assert config.settings.printing.mode == "batch"
    text = path.read_text()
    assert "# Zürich stand, 2026" in text and "# Anna's printer" in text
    assert load_config(path).settings.idle.warning_after == 90


def test_a_bad_change_leaves_the_file_untouched(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[printing]\nmode = 'immediate'\n")
    before = path.read_bytes()
    with pytest.raises(ConfigError, match=r"printing\.mode"):
        update_config(path, {"printing.mode": "whenever"})
    assert path.read_bytes() == before


def test_every_setting_is_declared_with_a_description_and_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = reference()
    assert len(rows) >= 20
    for key, default, description in rows:
        assert description, f"{key} has no description"
        assert f"| `{key}` | `{default}` | {description} |" in readme, key


def test_every_default_is_itself_a_valid_setting():
    assert Settings.model_validate(Settings().model_dump()) == Settings()


def test_the_config_lives_in_the_platform_config_folder(private_home):
    assert default_config_path() == private_home / "config" / "kiosk" / "config.toml"
    assert not default_config_path().exists()


def test_a_config_nested_too_deeply_is_named_not_a_traceback(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("a = " + "{ b = " * 2000 + "1" + " }" * 2000 + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="nested too deeply") as caught:
        load_config(path)
    assert caught.value.exit_code == 78 and str(path) in str(caught.value)


def test_a_sealed_kiosk_refuses_the_pdf_folder_that_would_keep_every_letter_in_clear(tmp_path):
    from tests.sealed import sealed_config

    refused = sealed_config(tmp_path, printer="")
    with pytest.raises(ConfigError, match="cannot save letters to the PDF folder") as caught:
        load_config(refused)
    assert "printing.printer" in str(caught.value) and "kiosk decrypt" in str(caught.value)

    assert load_config(sealed_config(tmp_path, printer="", mode="off")).settings.printing.mode
    assert load_config(sealed_config(tmp_path, printer="Office")).settings.privacy.public_key


def test_sealing_a_kiosk_that_prints_to_the_pdf_folder_is_refused_and_changes_nothing(tmp_path):
    from tests.sealed import PUBLIC_KEY

    path = tmp_path / "config.toml"
    path.write_text("[printing]\nmode = 'immediate'\n")
    before = path.read_bytes()
    with pytest.raises(ConfigError, match="cannot save letters to the PDF folder"):
        update_config(path, {"privacy.public_key": PUBLIC_KEY})
    assert path.read_bytes() == before
