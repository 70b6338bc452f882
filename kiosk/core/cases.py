"""Cases: the people the kiosk asks visitors to write for, loaded once from folders and checked.

A case is a folder under `cases/`::

    cases/maryia-kalesnikava/
        case.toml          id, person, languages, titles, addressee, consents, sync tags
        story.fr.md        the story, one Markdown file per language
        letter.fr.md       the letter body with {placeholders}, one per language
        photo.jpg          optional, with `photo_credit` in case.toml

Everything is checked when loaded and every problem is reported at once, naming the file, the
field and what is wrong, so a volunteer preparing a stand fixes all of them in one go. What comes
out is immutable: the UI and the letters read cases, nothing writes them.
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Literal

from PIL import Image, UnidentifiedImageError
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError

from kiosk.core.errors import CaseError, Problem, UnknownCaseError
from kiosk.core.signatures import MAX_CONSENTS, MAX_ID
from kiosk.core.tomlfiles import UnreadableTomlError, load_toml

CASE_FILE = "case.toml"
MAX_PHOTO_BYTES = 15_000_000

# What a letter template may ask for; the letter renderer fills each one.
PLACEHOLDERS = MappingProxyType(
    {
        "name": "the signer's full name",
        "given_name": "the signer's given name",
        "family_name": "the signer's family name",
        "town": "the signer's town",
        "postal_code": "the signer's postal code",
        "country": "the signer's country, named in the letter's language",
        "date": "the date of signing, written in the letter's language",
        "person": "the name of the person the case is about",
    }
)

LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
Text = Annotated[str, Field(min_length=1)]
PerLanguage = dict[LanguageCode, Text]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ConsentSpec(_Strict):
    id: Identifier
    version: Annotated[str, Field(min_length=1, max_length=MAX_ID)]
    required: bool = False
    requires_email: bool = False
    text: PerLanguage


class AddresseeSpec(_Strict):
    title: Text | PerLanguage
    name: str = ""
    lines: list[Text] = Field(min_length=1)
    country: Text | PerLanguage


class SyncSpec(_Strict):
    petition_id: str = ""
    tags: list[Text] = []


class CaseSpec(_Strict):
    id: Identifier
    person: Text
    languages: list[LanguageCode] = Field(min_length=1)
    letter_language: Literal["signer"] | LanguageCode = "signer"
    url: HttpUrl
    photo: str | None = None
    photo_credit: str = ""
    title: PerLanguage
    addressee: AddresseeSpec
    sync: SyncSpec = SyncSpec()
    consents: list[ConsentSpec] = Field(min_length=1, max_length=MAX_CONSENTS)


@dataclass(frozen=True)
class Consent:
    """A consent box on the form: its text per language and the version of that text."""

    id: str
    version: str
    required: bool
    requires_email: bool
    text: Mapping[str, str]


@dataclass(frozen=True)
class Addressee:
    """Who the letter goes to, as printed in the address window of the envelope."""

    title: Mapping[str, str] | str
    name: str
    lines: tuple[str, ...]
    country: Mapping[str, str] | str

    def block(self, language: str) -> tuple[str, ...]:
        """The address lines to print on a letter in `language`, top to bottom."""
        head = [_pick(self.title, language)]
        if self.name:
            head.append(self.name)
        return (*head, *self.lines, _pick(self.country, language))


@dataclass(frozen=True)
class Case:
    """One checked case, ready for the screens and the letters."""

    id: str
    folder: Path
    person: str
    languages: tuple[str, ...]
    letter_language: str
    url: str
    photo: Path | None
    photo_credit: str
    titles: Mapping[str, str]
    stories: Mapping[str, str]
    letters: Mapping[str, str]
    addressee: Addressee
    petition_id: str
    tags: tuple[str, ...]
    consents: tuple[Consent, ...]

    def language_for(self, language: str) -> str:
        """The language of the case's texts shown to someone who chose `language`."""
        return language if language in self.languages else self.languages[0]

    def letter_language_for(self, signer_language: str) -> str:
        """The language the letter is written in for a signer using `signer_language`."""
        if self.letter_language == "signer":
            return self.language_for(signer_language)
        return self.letter_language

    def title(self, language: str) -> str:
        return self.titles[self.language_for(language)]

    def story(self, language: str) -> str:
        return self.stories[self.language_for(language)]

    def letter_template(self, language: str) -> str:
        return self.letters[self.letter_language_for(language)]


def _pick(value: Mapping[str, str] | str, language: str) -> str:
    if isinstance(value, str):
        return value
    return value.get(language) or next(iter(value.values()))


def placeholders_in(template: str) -> list[str]:
    """The placeholder names a template uses; raises ValueError on malformed braces."""
    names = []
    for _literal, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if spec or conversion:
            raise ValueError(f"placeholder {{{name}}} must not carry a format or conversion")
        names.append(name)
    return names


def fill(template: str, values: Mapping[str, str]) -> str:
    """Fill a checked template. Values are inserted as they are, never parsed again."""
    return template.format_map({name: values.get(name, "") for name in PLACEHOLDERS})


class CaseLibrary:
    """The cases of one folder, loaded and checked once, looked up by id."""

    def __init__(self, cases: list[Case]) -> None:
        self._by_id = {case.id: case for case in cases}

    def __iter__(self):
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    @property
    def ids(self) -> list[str]:
        return list(self._by_id)

    def get(self, case_id: str) -> Case:
        try:
            return self._by_id[case_id]
        except KeyError:
            raise UnknownCaseError(case_id, self.ids) from None


def load_cases(folder: Path) -> CaseLibrary:
    """Load every case under `folder`; raise :class:`CaseError` listing every problem found."""
    cases, problems = check_cases(folder)
    if problems:
        raise CaseError(problems)
    return CaseLibrary(cases)


def check_cases(folder: Path) -> tuple[list[Case], list[Problem]]:
    """Load what can be loaded under `folder` and return it with every problem found."""
    folder = Path(folder)
    if not folder.is_dir():
        return [], [Problem(str(folder), "", "this cases folder does not exist")]
    cases: list[Case] = []
    problems: list[Problem] = []
    subfolders = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    for sub in subfolders:
        case, found = check_case(sub)
        problems += found
        if case is None:
            continue
        if any(c.id == case.id for c in cases):
            problems.append(
                Problem(str(sub / CASE_FILE), "id", f"'{case.id}' is used by another case too")
            )
            continue
        cases.append(case)
    if not subfolders:
        problems.append(Problem(str(folder), "", "there is no case folder in it"))
    return cases, problems


def check_case(folder: Path) -> tuple[Case | None, list[Problem]]:
    """Load one case folder; return the case (None if unusable) and its problems."""
    path = folder / CASE_FILE
    name = str(path)
    if not path.is_file():
        return None, [Problem(str(folder), "", f"there is no {CASE_FILE} in this case folder")]
    if not _inside(folder, path):
        return None, [Problem(name, "", OUTSIDE)]
    try:
        raw = load_toml(path)
    except UnreadableTomlError as exc:
        return None, [Problem(name, "", str(exc))]
    try:
        spec = CaseSpec.model_validate(raw)
    except ValidationError as exc:
        return None, [_problem_from(name, error) for error in exc.errors()]

    problems: list[Problem] = []
    stories, letters = {}, {}
    for language in spec.languages:
        _need_language(spec, language, name, problems)
        stories[language] = _read_text(folder / f"story.{language}.md", problems)
        letter_path = folder / f"letter.{language}.md"
        letters[language] = _read_text(letter_path, problems)
        _check_template(letters[language], letter_path, problems)
    if spec.letter_language not in ("signer", *spec.languages):
        problems.append(
            Problem(
                name,
                "letter_language",
                f"'{spec.letter_language}' is not one of the case's languages "
                f'({", ".join(spec.languages)}); use one of them or "signer"',
            )
        )
    photo = _check_photo(folder, spec.photo, name, problems)
    if problems:
        return None, problems
    return Case(
        id=spec.id,
        folder=folder,
        person=spec.person,
        languages=tuple(spec.languages),
        letter_language=spec.letter_language,
        url=str(spec.url),
        photo=photo,
        photo_credit=spec.photo_credit,
        titles=MappingProxyType(dict(spec.title)),
        stories=MappingProxyType(stories),
        letters=MappingProxyType(letters),
        addressee=Addressee(
            title=_frozen(spec.addressee.title),
            name=spec.addressee.name,
            lines=tuple(spec.addressee.lines),
            country=_frozen(spec.addressee.country),
        ),
        petition_id=spec.sync.petition_id,
        tags=tuple(spec.sync.tags),
        consents=tuple(
            Consent(c.id, c.version, c.required, c.requires_email, MappingProxyType(c.text))
            for c in spec.consents
        ),
    ), []


def _frozen(value: str | dict[str, str]) -> str | Mapping[str, str]:
    return value if isinstance(value, str) else MappingProxyType(dict(value))


def _need_language(spec: CaseSpec, language: str, name: str, problems: list[Problem]) -> None:
    """Every per-language text must exist in each language the case offers."""
    wanted = [("title", spec.title)]
    for label, value in (
        ("addressee.title", spec.addressee.title),
        ("addressee.country", spec.addressee.country),
    ):
        if isinstance(value, dict):
            wanted.append((label, value))
    wanted += [(f"consents.{c.id}.text", c.text) for c in spec.consents]
    for label, texts in wanted:
        if language not in texts:
            problems.append(Problem(name, label, f"the '{language}' text is missing"))
    ids = [c.id for c in spec.consents]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        if language == spec.languages[0]:
            problems.append(Problem(name, "consents", f"the consent id '{dup}' is used twice"))


def _inside(folder: Path, path: Path) -> bool:
    """Whether `path`, links followed, is inside `folder`: a case shows and prints only its own
    files, never one a link brings in from elsewhere on the machine."""
    return path.resolve().is_relative_to(folder.resolve())


OUTSIDE = "this file is a link to a place outside the case folder: copy the file in instead"


def _read_text(path: Path, problems: list[Problem]) -> str:
    if not path.is_file():
        problems.append(Problem(str(path), "", "this file is missing (one is needed per language)"))
        return ""
    if not _inside(path.parent, path):
        problems.append(Problem(str(path), "", OUTSIDE))
        return ""
    try:
        text = path.read_text(encoding="utf-8").strip()
    except UnicodeDecodeError:
        problems.append(Problem(str(path), "", "this file is not UTF-8 text: save it as UTF-8"))
        return ""
    if not text:
        problems.append(Problem(str(path), "", "this file is empty"))
    return text


def _check_template(template: str, path: Path, problems: list[Problem]) -> None:
    try:
        names = placeholders_in(template)
    except ValueError as exc:
        problems.append(Problem(str(path), "", f"{exc}; write a literal brace as {{{{ or }}}}"))
        return
    for unknown in dict.fromkeys(n for n in names if n not in PLACEHOLDERS):
        guess = difflib.get_close_matches(unknown, PLACEHOLDERS, n=1)
        hint = f"did you mean {{{guess[0]}}}? " if guess else ""
        problems.append(
            Problem(
                str(path),
                f"{{{unknown}}}",
                f"unknown placeholder; {hint}known ones: "
                + ", ".join(f"{{{n}}}" for n in PLACEHOLDERS),
            )
        )


def _check_photo(
    folder: Path, photo: str | None, name: str, problems: list[Problem]
) -> Path | None:
    if photo is None:
        return None
    path = (folder / photo).resolve()
    if not _inside(folder, path):
        problems.append(Problem(name, "photo", "the photo must be a file inside the case folder"))
        return None
    if not path.is_file():
        problems.append(Problem(name, "photo", f"the file '{photo}' does not exist"))
        return None
    if path.stat().st_size > MAX_PHOTO_BYTES:
        problems.append(Problem(name, "photo", f"'{photo}' is larger than 15 MB: make it smaller"))
        return None
    try:
        with Image.open(path) as image:
            image.load()  # decode it all: a truncated file fails here, not at the stand
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        problems.append(
            Problem(
                name, "photo", f"'{photo}' does not load as an image ({exc.__class__.__name__})"
            )
        )
        return None
    return path


_FRIENDLY = {
    "missing": "is missing",
    "extra_forbidden": "is not a known key",
    "string_type": "must be text in quotes",
    "bool_type": "must be true or false",
    "list_type": 'must be a list, like ["a", "b"]',
    "dict_type": "must be a table",
    "too_short": "must not be empty",
    "string_too_short": "must not be empty",
    "string_pattern_mismatch": "has characters that are not allowed here",
}
# Words of a key that would tick a consent box before the visitor does (`default = true`,
# `checked = true`, ...). No box is ever ticked in advance: consent is the visitor's own act
# (GDPR art. 4(11), art. 7), so such a key is refused with that reason, not just as a typo.
_PRETICK_WORDS = ("default", "check", "tick", "select", "initial", "preset", "prefill")
PRETICKED = "a consent box always starts unticked, the visitor ticks it; remove this key"
_TOO_LONG = {
    "too_long": "at most {max_length} consent boxes: a record carries no more",
    "string_too_long": "at most {max_length} characters: a record carries no more",
}


def _problem_from(file: str, error: dict) -> Problem:
    location = ".".join(str(part) for part in error["loc"])
    kind = error["type"]
    message = _FRIENDLY.get(kind, error["msg"])
    if kind in _TOO_LONG:
        message = _TOO_LONG[kind].format(**error.get("ctx", {}))
    if kind == "extra_forbidden" and _pre_ticks(error["loc"]):
        message = PRETICKED
    elif kind == "extra_forbidden":
        key = str(error["loc"][-1])
        fields = _fields_at(error["loc"][:-1])
        guess = difflib.get_close_matches(key, fields, n=1)
        message += f"; did you mean '{guess[0]}'?" if guess else "; check its spelling"
    elif kind == "string_pattern_mismatch":
        last = str(error["loc"][-1]) if error["loc"] else ""
        if last in ("id",) or location.startswith("consents"):
            message += ": use lower-case letters, digits, '-' and '_'"
        else:
            message += ": use a two-letter language code such as fr, de, en"
    elif kind.startswith("url"):
        message = f"must be a web address starting with https:// ({error['msg']})"
    elif error.get("input") is not None and kind not in ("missing",):
        message += f" (got {error['input']!r})"[:200]
    return Problem(file, location, message)


def _pre_ticks(loc: tuple) -> bool:
    """Whether an unknown key at `loc` would say a consent box starts ticked."""
    key = str(loc[-1]).lower()
    in_consent = len(loc) == 3 and loc[0] == "consents"
    return in_consent and any(word in key for word in _PRETICK_WORDS)


def _fields_at(loc: tuple) -> list[str]:
    model: type[BaseModel] = CaseSpec
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields.get(str(part))
        if annotation is None:
            return []
        inner = annotation.annotation
        candidates = [inner, *getattr(inner, "__args__", ())]
        nested = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
        if not nested:
            return []
        model = nested[0]
    return list(model.model_fields)
