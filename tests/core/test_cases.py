"""A volunteer preparing a stand learns every problem in the case folders at once."""

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from kiosk.core.cases import PLACEHOLDERS, check_cases, fill, load_cases, placeholders_in
from kiosk.core.errors import CaseError, UnknownCaseError
from kiosk.core.signatures import MAX_CONSENTS, MAX_ID
from tests.conftest import BUNDLED_CASES, EXAMPLE_CASE


def problems_in(folder: Path) -> list[str]:
    _cases, problems = check_cases(folder)
    return [str(p) for p in problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def toml_of(case_folder: Path) -> Path:
    return case_folder / EXAMPLE_CASE / "case.toml"


def test_the_example_case_loads_in_three_languages():
    case = load_cases(BUNDLED_CASES).get(EXAMPLE_CASE)
    assert case.person == "Maryia Kalesnikava"
    assert case.languages == ("fr", "de", "en")
    for language in case.languages:
        assert case.title(language) and case.story(language) and case.letter_template(language)
        assert "{town}" in case.letter_template(language)
    assert case.addressee.block("fr")[-1] == "BÉLARUS"
    assert "vul. Lenina 19" in case.addressee.block("en")
    assert [c.id for c in case.consents] == ["sign", "updates"]


def test_a_loaded_case_cannot_be_changed():
    case = load_cases(BUNDLED_CASES).get(EXAMPLE_CASE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        case.person = "someone else"
    with pytest.raises(TypeError):
        case.titles["fr"] = "changed"


def test_a_language_the_case_lacks_falls_back_to_its_first():
    case = load_cases(BUNDLED_CASES).get(EXAMPLE_CASE)
    assert case.story("it") == case.story("fr")
    assert case.letter_language_for("it") == "fr"
    assert case.letter_language_for("de") == "de"


def test_an_unknown_case_id_names_the_known_ones():
    with pytest.raises(UnknownCaseError, match="Known cases: maryia-kalesnikava"):
        load_cases(BUNDLED_CASES).get("nobody")


def test_bad_toml_is_reported_with_its_line(case_folder):
    edit(toml_of(case_folder), 'person = "Maryia Kalesnikava"', 'person = "Maryia')
    [problem] = problems_in(case_folder)
    assert "case.toml" in problem and "not valid TOML" in problem and "line 5" in problem


def test_a_missing_field_and_a_misspelt_key_are_both_named(case_folder):
    edit(toml_of(case_folder), 'person = "Maryia Kalesnikava"', 'persn = "Maryia Kalesnikava"')
    problems = problems_in(case_folder)
    assert any("[person]: is missing" in p for p in problems)
    assert any("[persn]: is not a known key; did you mean 'person'?" in p for p in problems)


def test_a_missing_story_file_is_named(case_folder):
    (case_folder / EXAMPLE_CASE / "story.de.md").unlink()
    [problem] = problems_in(case_folder)
    assert problem.endswith("story.de.md: this file is missing (one is needed per language)")


def test_a_language_without_title_or_consent_text_is_named(case_folder):
    path = toml_of(case_folder)
    edit(path, 'languages = ["fr", "de", "en"]', 'languages = ["fr", "de", "en", "it"]')
    problems = problems_in(case_folder)
    for part in (
        "[title]: the 'it' text is missing",
        "[consents.sign.text]: the 'it' text",
        "[addressee.title]: the 'it' text",
        "story.it.md: this file is missing",
        "letter.it.md: this file is missing",
    ):
        assert any(part in p for p in problems), part


def test_an_unknown_placeholder_suggests_the_right_one(case_folder):
    letter = case_folder / EXAMPLE_CASE / "letter.en.md"
    edit(letter, "{town}", "{twon}")
    [problem] = problems_in(case_folder)
    assert "letter.en.md [{twon}]: unknown placeholder; did you mean {town}?" in problem


def test_a_stray_brace_in_a_letter_is_reported(case_folder):
    edit(case_folder / EXAMPLE_CASE / "letter.fr.md", "{town}", "{town")
    [problem] = problems_in(case_folder)
    assert "letter.fr.md" in problem and "literal brace" in problem


def test_a_format_trick_in_a_placeholder_is_refused(case_folder):
    edit(case_folder / EXAMPLE_CASE / "letter.fr.md", "{town}", "{town!r:>99999}")
    [problem] = problems_in(case_folder)
    assert "must not carry a format" in problem


def test_an_address_needs_at_least_one_line(case_folder):
    path = toml_of(case_folder)
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"lines = \[.*\]", "lines = []", text), encoding="utf-8")
    [problem] = problems_in(case_folder)
    assert "[addressee.lines]: must not be empty" in problem


def test_a_url_that_is_not_a_web_address_is_refused(case_folder):
    path = toml_of(case_folder)
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'url = ".*"', 'url = "javascript:alert(1)"', text), encoding="utf-8")
    [problem] = problems_in(case_folder)
    assert "[url]: must be a web address" in problem


def test_a_photo_that_does_not_load_is_reported(case_folder):
    folder = case_folder / EXAMPLE_CASE
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 this is not really a jpeg")
    edit(
        toml_of(case_folder),
        'letter_language = "signer"',
        'letter_language = "signer"\nphoto = "photo.jpg"',
    )
    [problem] = problems_in(case_folder)
    assert "[photo]: 'photo.jpg' does not load as an image" in problem


def test_a_photo_outside_the_case_folder_is_refused(case_folder):
    edit(
        toml_of(case_folder),
        'letter_language = "signer"',
        'letter_language = "signer"\nphoto = "../../../../etc/hostname"',
    )
    [problem] = problems_in(case_folder)
    assert "the photo must be a file inside the case folder" in problem


def test_a_good_photo_is_found(case_folder):
    folder = case_folder / EXAMPLE_CASE
    Image.new("RGB", (40, 30), "orange").save(folder / "photo.jpg")
    edit(
        toml_of(case_folder),
        'letter_language = "signer"',
        'letter_language = "signer"\nphoto = "photo.jpg"\nphoto_credit = "Private"',
    )
    case = load_cases(case_folder).get(EXAMPLE_CASE)
    assert case.photo == (folder / "photo.jpg").resolve()


def test_a_file_that_is_not_utf8_is_named(case_folder):
    (case_folder / EXAMPLE_CASE / "story.fr.md").write_bytes("Liberté".encode("latin-1"))
    [problem] = problems_in(case_folder)
    assert "story.fr.md: this file is not UTF-8 text" in problem


def test_two_cases_with_one_id_are_reported(case_folder):
    shutil.copytree(case_folder / EXAMPLE_CASE, case_folder / "copy")
    [problem] = problems_in(case_folder)
    assert "'maryia-kalesnikava' is used by another case too" in problem


def test_a_folder_without_case_file_and_an_empty_cases_folder_are_reported(tmp_path):
    assert problems_in(tmp_path) == [f"{tmp_path}: there is no case folder in it"]
    (tmp_path / "draft").mkdir()
    assert problems_in(tmp_path) == [
        f"{tmp_path / 'draft'}: there is no case.toml in this case folder"
    ]
    assert problems_in(tmp_path / "nowhere") == [
        f"{tmp_path / 'nowhere'}: this cases folder does not exist"
    ]


def test_several_problems_are_all_reported_together(case_folder):
    (case_folder / EXAMPLE_CASE / "story.de.md").unlink()
    edit(case_folder / EXAMPLE_CASE / "letter.en.md", "{town}", "{city}")
    with pytest.raises(CaseError) as caught:
        load_cases(case_folder)
    assert len(caught.value.problems) == 2
    assert "The cases have problems (2)" in str(caught.value)


def test_filling_a_letter_inserts_values_without_reading_them_as_placeholders():
    template = "Ich schreibe aus {town} ({country}), {{wörtlich}}."
    assert placeholders_in(template) == ["town", "country"]
    filled = fill(template, {"town": "{name}<b>", "country": "Schweiz"})
    assert filled == "Ich schreibe aus {name}<b> (Schweiz), {wörtlich}."
    assert set(PLACEHOLDERS) >= {"name", "town", "country", "date"}


@pytest.mark.parametrize("name", ["letter.en.md", "story.fr.md", "case.toml"])
def test_a_case_file_linked_from_outside_the_case_folder_is_refused(case_folder, tmp_path, name):
    folder = case_folder / EXAMPLE_CASE
    secret = tmp_path / "elsewhere" / name
    secret.parent.mkdir()
    secret.write_bytes((folder / name).read_bytes() + b"\nSECRET FROM ELSEWHERE\n")
    (folder / name).unlink()
    (folder / name).symlink_to(secret)

    [problem] = problems_in(case_folder)
    assert name in problem and "outside the case folder" in problem
    with pytest.raises(CaseError):
        load_cases(case_folder)


def test_a_link_inside_the_case_folder_is_fine(case_folder):
    folder = case_folder / EXAMPLE_CASE
    (folder / "texts").mkdir()
    (folder / "letter.en.md").rename(folder / "texts" / "letter.en.md")
    (folder / "letter.en.md").symlink_to(Path("texts") / "letter.en.md")
    assert problems_in(case_folder) == []


def test_a_case_with_more_consent_boxes_than_a_record_carries_is_refused(case_folder):
    extra = "".join(
        f'\n[[consents]]\nid = "extra-{n}"\nversion = "1"\n'
        f'text = {{ fr = "Oui {n}", de = "Ja {n}", en = "Yes {n}" }}\n'
        for n in range(MAX_CONSENTS)
    )
    path = toml_of(case_folder)
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    [problem] = problems_in(case_folder)
    assert f"[consents]: at most {MAX_CONSENTS} consent boxes" in problem


def test_a_consent_version_longer_than_a_record_carries_is_refused(case_folder):
    path = toml_of(case_folder)
    text = path.read_text(encoding="utf-8")
    version = re.search(r'version = "([^"]+)"', text).group(1)
    edit(path, f'version = "{version}"', f'version = "{"v" * (MAX_ID + 1)}"')
    [problem] = problems_in(case_folder)
    assert "[consents.0.version]" in problem and f"at most {MAX_ID} characters" in problem


def test_a_case_file_nested_too_deeply_is_named_not_a_traceback(case_folder):
    path = toml_of(case_folder)
    path.write_text("a = " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    [problem] = problems_in(case_folder)
    assert "case.toml" in problem and "nested too deeply" in problem


@pytest.mark.parametrize("key", ["default", "checked", "pre_ticked", "selected_by_default"])
def test_a_case_file_cannot_tick_a_consent_box_in_advance(case_folder, key):
    edit(toml_of(case_folder), 'id = "updates"\n', f'id = "updates"\n{key} = true\n')
    [problem] = problems_in(case_folder)
    assert f"[consents.1.{key}]" in problem
    assert "always starts unticked" in problem and "remove this key" in problem
    with pytest.raises(CaseError, match="always starts unticked"):
        load_cases(case_folder)


def test_a_misspelt_consent_key_is_still_taken_for_a_typo(case_folder):
    edit(toml_of(case_folder), "required = false", "requried = false")
    [problem] = problems_in(case_folder)
    assert "[consents.1.requried]: is not a known key; did you mean 'required'?" in problem
