"""Record fields a kiosk never writes, as an attacker (or a broken receiver) sends them: each
must be refused alike by the kiosk and by a collector, with the field named."""

from __future__ import annotations

HOSTILE_FIELDS = {
    "year 0": ("signed_at", "0000-12-10T10:31:07.204518Z"),
    "month 99": ("signed_at", "2026-99-10T10:31:07.204518Z"),
    "30 February": ("signed_at", "2026-02-30T10:31:07.204518Z"),
    "Arabic-Indic digits": ("signed_at", "٢٠٢٦-١٢-١٠T10:31:07.204518Z"),
    "NUL in a name": ("given_name", "An\x00na"),
    "RLO in a name": ("family_name", "\u202eKeller"),
    "both names empty": ("given_name", ""),  # with family_name emptied too
    "country XX": ("country", "XX"),
    "invalid email": ("email", "anna@@example"),
    "path as case id": ("case_id", "../../etc/passwd"),
    "path as event id": ("event_id", "../bern"),
    # A regular expression's `$` also matches before a final newline: "an id" then a newline
    # would pass as that id, and a record would be stored a second time under "its uuid\n".
    "newline after the uuid": ("uuid", "3f0c1c2e-5d7e-4a51-9d0f-0b1e7d7c9a41\n"),
    "newline after the case id": ("case_id", "maryia-kalesnikava\n"),
    "newline after the kiosk id": ("kiosk_id", "kiosk-bern-1\n"),
    "newline after the language": ("language", "de\n"),
}


def hostile(payload: dict, name: str) -> tuple[dict, str]:
    """`payload` with the hostile value `name` in it, and the field that must be named."""
    field, value = HOSTILE_FIELDS[name]
    changed = {**payload, field: value}
    if name == "both names empty":
        changed["family_name"] = ""
    return changed, field


# Signers a kiosk does accept, in several scripts and with text that is live markup elsewhere:
# (given name, family name, town, email). What is erased must be gone in every one of them.
HOSTILE_NAMES = {
    "arabic": ("محمد", "العلي", "دمشق", "mohammed.alali@example.org"),
    "cyrillic": ("Олена", "Шевченко", "Київ", "olena.shevchenko@example.org"),
    "han": ("秀英", "王", "北京市", "xiuying.wang@example.org"),
    "hebrew": ("נועה", "לוי", "חיפה", "noa.levi@example.org"),
    "markup": (
        '<img src="file:///etc/passwd"/>',
        "<font color=red>&amp;</font>",
        "A&B <b>",
        "markup+tag@example.org",
    ),
    "quotes": ('O\'Brien "Bob"', "Zoë-Ångström", "Sankt Gallen \\ Nord", "o.brien@example.org"),
    "emoji": ("Anna 🌻", "Sonnenblume", "Bärn 🐻", "anna.sunflower@example.org"),
}


def byte_forms(text: str) -> list[bytes]:
    """The ways `text` can sit in a file: UTF-8 as it is, and as JSON writes it (escaped, with
    and without non-ASCII escapes), so a grep for it misses no copy."""
    import json

    forms = {text, json.dumps(text, ensure_ascii=False)[1:-1], json.dumps(text)[1:-1]}
    return [form.encode("utf-8") for form in forms]


# Signers whose names, towns and emails a sealed kiosk must never keep readable, in every
# script a stand meets: (given name, family name, postal code, town, email). Each value has at
# least two characters, so finding it in a file's bytes means it leaked (one CJK character is
# only 2 bytes in UTF-16, which random ciphertext holds by chance).
NAMES_IN_EVERY_SCRIPT = [
    ("Zoë", "Müller-Lüdenscheidt", "8004", "Zürich", "zoe.muller@example.org"),
    ("Мария", "Колесникова", "220030", "Минск", "maria.kolesnikova@example.org"),
    ("Ελευθερία", "Παπαδοπούλου", "10558", "Αθήνα", "eleftheria@example.org"),
    ("محمد", "العبدالله", "", "دمشق", "mohammad.abdullah@example.org"),
    ("שׂרה", "לוינשטיין", "6100", "תל אביב", "sara.levinstein@example.org"),
    ("秀英", "欧阳", "100000", "北京市", "wang.xiuying@example.org"),
    ("さくら", "山田", "150-0001", "渋谷区", "yamada.sakura@example.org"),
    ("서연", "남궁", "04524", "서울", "kim.seoyeon@example.org"),
    ("Nguyễn", "Thị Hương", "700000", "Thành phố Hồ Chí Minh", "huong.nguyen@example.org"),
    ("Siobhán", "Ó Briain", "D02 X285", "Baile Átha Cliath", "siobhan.obriain@example.org"),
]
