"""A signer's details are checked once, field by field, in words they understand."""

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.errors import InvalidSignatureError
from kiosk.core.signatures import MAX_NAME, Drawing, prepare, record_problems
from kiosk.core.text import clean, has_letter
from tests.conftest import anna
from tests.hostile_records import HOSTILE_FIELDS, hostile

CONTEXT = {"event_id": "stand", "kiosk_id": "kiosk-test", "language": "de"}


def codes_for(case, entry) -> dict[str, str]:
    with pytest.raises(InvalidSignatureError) as caught:
        prepare(entry, case, **CONTEXT)
    return caught.value.codes


@pytest.mark.parametrize(
    ("given_name", "family_name"),
    [
        ("Zoë", "Lefèvre-D'Amico"),
        ("Nguyễn Thị", "Hương"),
        ("Олена", "Шевченко"),
        ("Ελένη", "Παπαδοπούλου"),
        ("فاطمة", "العلوي"),
        ("נועה", "כהן"),
        ("秀英", "王"),
        ("さくら", "佐藤"),
        ("Siobhán", "Ní Bhriain"),
        ("Sukarno", ""),  # a single name is a whole name
        ("", "Madonna"),
    ],
)
def test_any_name_a_person_can_type_is_accepted(case, given_name, family_name):
    signature = prepare(anna(given_name=given_name, family_name=family_name), case, **CONTEXT)
    assert (signature.given_name, signature.family_name) == (given_name, family_name)


def test_the_record_keeps_each_consent_with_the_version_the_signer_saw(case):
    signature = prepare(anna(), case, **CONTEXT)
    versions = {c.id: (c.version, c.given) for c in signature.consents}
    assert versions == {"sign": ("2026-1", True), "updates": ("2026-1", False)}


def test_an_empty_form_names_every_missing_field(case):
    codes = codes_for(case, anna(given_name=" ", family_name="", town="", consents=set()))
    assert codes == {
        "given_name": "name_missing",
        "town": "town_missing",
        "consent_sign": "consent_required",
    }


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"given_name": "x" * (MAX_NAME + 1)}, "given_name", "name_too_long"),
        ({"family_name": "12345"}, "family_name", "name_no_letter"),
        ({"town": "!!!"}, "town", "town_no_letter"),
        ({"town": "a" * 200}, "town", "town_too_long"),
        ({"postal_code": "80<04>"}, "postal_code", "postal_code_invalid"),
        ({"postal_code": "1" * 13}, "postal_code", "postal_code_too_long"),
        ({"country": "XX"}, "country", "country_unknown"),
        ({"country": ""}, "country", "country_unknown"),
        ({"email": "anna@", "consents": {"sign", "updates"}}, "email", "email_invalid"),
        ({"email": "anna@example.org"}, "email", "email_without_consent"),
        ({"consents": {"sign", "updates"}}, "email", "email_needed"),
        ({"consents": {"sign", "sell-my-data"}}, "consent_sell-my-data", "consent_unknown"),
        (
            {"drawing": {"width": 10, "height": 10, "strokes": [[[5, 50]]]}},
            "drawing",
            "drawing_invalid",
        ),
        (
            {"drawing": {"width": 10, "height": 10, "strokes": [[[float("nan"), 1]]]}},
            "drawing",
            "drawing_invalid",
        ),
        ({"drawing": {"strokes": "scribble"}}, "drawing", "drawing_invalid"),
        ({"signature_png": b"GIF89a not a png"}, "drawing", "drawing_invalid"),
        ({"signature_png": b"\x89PNG\r\n\x1a\n truncated"}, "drawing", "drawing_invalid"),
    ],
)
def test_each_bad_field_is_refused_with_its_own_reason(case, changes, field, code):
    assert codes_for(case, anna(**changes)) == {field: code}


def test_the_reason_is_plain_words_naming_the_field(case):
    with pytest.raises(InvalidSignatureError) as caught:
        prepare(anna(town=""), case, **CONTEXT)
    assert caught.value.fields == {"town": "Please enter your town."}
    assert "town: Please enter your town." in str(caught.value)


@pytest.mark.parametrize(
    "email",
    [
        "=anna@example.org",
        "+anna@example.org",
        "-anna@example.org",
        "anna.keller+petition@example.org",
        "o'brien@example.ie",
        "jürg@bücher.ch",
        "user@sub.domain.example.co.uk",
    ],
)
def test_real_email_addresses_are_accepted_even_odd_looking_ones(case, email):
    signature = prepare(anna(email=email, consents={"sign", "updates"}), case, **CONTEXT)
    assert signature.email.split("@")[0] == email.split("@")[0]


def test_an_email_domain_is_stored_in_lower_case(case):
    signature = prepare(
        anna(email="Anna@Example.ORG", consents={"sign", "updates"}), case, **CONTEXT
    )
    assert signature.email == "Anna@example.org"


def test_postal_codes_are_kept_in_upper_case(case):
    signature = prepare(anna(postal_code=" ec1a  1bb ", country="GB"), case, **CONTEXT)
    assert signature.postal_code == "EC1A 1BB"


def test_a_drawn_signature_is_kept_as_strokes_and_an_empty_pad_as_none(case):
    drawing = {"width": 300, "height": 100, "strokes": [[[1, 2], [30, 40]], []]}
    signature = prepare(anna(drawing=drawing), case, **CONTEXT)
    assert signature.drawing == Drawing(300.0, 100.0, (((1.0, 2.0), (30.0, 40.0)),))
    empty = prepare(anna(drawing={"width": 300, "height": 100, "strokes": []}), case, **CONTEXT)
    assert empty.drawing is None


def test_each_signing_gets_its_own_uuid(case):
    assert prepare(anna(), case, **CONTEXT).uuid != prepare(anna(), case, **CONTEXT).uuid


@settings(max_examples=200, deadline=None)
@given(given_name=st.text(max_size=100), town=st.text(max_size=100))
def test_arbitrary_unicode_is_either_accepted_clean_or_refused_in_words(case, given_name, town):
    try:
        signature = prepare(anna(given_name=given_name, town=town), case, **CONTEXT)
    except InvalidSignatureError as refused:
        assert set(refused.codes) <= {"given_name", "town"}
        assert all(refused.fields.values())
        return
    assert signature.given_name == clean(given_name)
    assert signature.town == clean(town)
    assert has_letter(signature.town)


@pytest.mark.parametrize("name", list(HOSTILE_FIELDS))
def test_the_kiosk_refuses_every_field_a_collector_refuses(case, name):
    signature = prepare(anna(), case, event_id="bern", kiosk_id="k1", language="de")
    changed, field = hostile(signature.payload(), name)
    hostile_signature = replace(signature, **{field: changed[field]})
    if name == "both names empty":
        hostile_signature = replace(hostile_signature, family_name="")
    assert field in record_problems(hostile_signature)
    assert record_problems(signature) == {}


@pytest.mark.parametrize(
    ("name", "how"),
    [
        ("year 0", {"signed_at": "0000-12-10T10:31:07.204518Z"}),
        ("30 February", {"signed_at": "2026-02-30T10:31:07.204518Z"}),
        ("Arabic-Indic digits", {"signed_at": "٢٠٢٦-١٢-١٠T10:31:07.204518Z"}),
        ("path as event id", {"event_id": "../bern"}),
        ("path as kiosk id", {"kiosk_id": "../../etc/passwd"}),
    ],
)
def test_signing_with_an_impossible_time_or_id_is_refused(case, name, how):
    with pytest.raises(InvalidSignatureError) as refused:
        prepare(anna(), case, **{"event_id": "bern", "kiosk_id": "k1", "language": "de", **how})
    assert set(refused.value.codes) == set(how)
