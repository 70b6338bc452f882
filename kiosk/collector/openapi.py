"""The collector's OpenAPI 3.1 description, served at `/openapi.json`.

Built here, in code, from the very constants the collector enforces (at most MAX_RECORDS records
and MAX_BODY bytes a request, the protocol's name, the limits of a record's fields) and from the
fields of `RecordIn`, the model a received record is read with: when a limit or a field changes,
the description changes with it. A hand-kept YAML file would drift; Starlette's SchemaGenerator
would need the schemas written as YAML in each endpoint's docstring, out of reach of the
constants. tests/test_collector_openapi.py checks that every route the app has is described, and
runs schemathesis against a real `kiosk collect` with this description.

docs/sync-protocol.md is the prose for people; this is the same contract for tools.
"""

from __future__ import annotations

from typing import Any

from kiosk import __version__
from kiosk.collector.bodies import MAX_BODY
from kiosk.collector.intake import MAX_DEPTH, MAX_RECORDS
from kiosk.collector.kiosks_page import ADD_PATH, CODE_PATH, REVOKE_PATH
from kiosk.core.delivery.pairing import PAIR_PATH, PAIR_PROTOCOL
from kiosk.core.delivery.protocol import COLLECTOR_PATH, PROTOCOL
from kiosk.core.records.received import RecordIn
from kiosk.core.signatures import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_CONSENTS,
    MAX_EMAIL,
    MAX_ID,
    MAX_LANGUAGE,
    MAX_NAME,
    MAX_POSTAL_CODE,
    MAX_RECORD_BYTES,
    MAX_TOWN,
)

PATH = "/openapi.json"
# The form of a record's fields as `record_problems` checks them, written as the ECMA-262
# regular expressions JSON Schema uses (ASCII classes: `\d` would mean something else there).
UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
ID_PATTERN = f"^[A-Za-z0-9][A-Za-z0-9_.-]{{0,{MAX_ID - 1}}}$"
UTC_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,6})?Z$"
LANGUAGE_PATTERN = "^[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*$"
RESULT_UUID_LENGTH = 64  # an item's uuid is answered as sent, cut to this many characters
SEALED = ("given_name", "family_name", "postal_code", "town", "email")


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _text(description: str, **form: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **form}


def _form_body(properties: dict[str, Any]) -> dict[str, Any]:
    """A required HTML form's body (the login, the kiosks page's buttons) with these fields."""
    return {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {"type": "object", "properties": properties}
            }
        },
    }


def _record_fields() -> dict[str, dict[str, Any]]:
    """Each field of a delivered record: its type and the form `record_problems` checks."""
    name = f"At most {MAX_NAME} characters; one of the two names is enough. Empty when sealed."
    return {
        "uuid": _text("The record's id, made on the kiosk.", pattern=UUID_PATTERN),
        "case_id": _text("The case the letter is for.", pattern=ID_PATTERN),
        "event_id": _text("The event (stand) it was signed at.", pattern=ID_PATTERN),
        "kiosk_id": _text("The kiosk it was signed on.", pattern=ID_PATTERN),
        "signed_at": _text(
            f"When it was signed, in UTC, between the years {FIRST_YEAR} and {LAST_YEAR}.",
            pattern=UTC_PATTERN,
        ),
        "language": _text(
            "The language of the screens the signer used (a language tag).",
            pattern=LANGUAGE_PATTERN,
            maxLength=MAX_LANGUAGE,
        ),
        "given_name": _text(name, maxLength=MAX_NAME),
        "family_name": _text(name, maxLength=MAX_NAME),
        "postal_code": _text(
            "Letters, digits, spaces and hyphens. Empty when sealed.", maxLength=MAX_POSTAL_CODE
        ),
        "town": _text(
            f"At most {MAX_TOWN} characters, with a letter; required unless sealed.",
            maxLength=MAX_TOWN,
        ),
        "country": _text("An ISO 3166 country code, in capitals.", pattern="^[A-Z]{2}$"),
        "email": _text(
            "Empty unless the signer ticked a consent that needs it. Empty when sealed.",
            maxLength=MAX_EMAIL,
        ),
        "consents": {
            "type": "array",
            "description": "Every box the signer saw, with its text's version and whether ticked.",
            "maxItems": MAX_CONSENTS,
            "items": _ref("Consent"),
        },
        "wants_letter": {"type": "boolean", "description": "Whether a letter was printed."},
        "has_drawing": {"type": "boolean", "description": "Whether the signer drew a signature."},
        "sealed": _text(
            "A sealed record: base64 of the HPKE blob that holds the five personal fields "
            f"({', '.join(SEALED)}), which are then empty. Kept as it comes.",
            contentEncoding="base64",
        ),
    }


def record_schema() -> dict[str, Any]:
    """The record inside an item, with exactly `RecordIn`'s fields (ValueError if the two part:
    a field added to the model must be described here too)."""
    fields = _record_fields()
    if set(fields) != set(RecordIn.model_fields):
        raise ValueError(
            f"the described record fields {sorted(fields)} are not RecordIn's "
            f"{sorted(RecordIn.model_fields)}: describe the record as it is read"
        )
    return {
        "type": "object",
        "description": "A signature as the kiosk recorded it, frozen then (docs/sync-protocol.md)."
        f" At most {MAX_RECORD_BYTES} bytes as JSON. A record that breaks any of these rules "
        "is answered `rejected` with every field's reason; the rest of the batch is taken.",
        "required": [n for n, f in RecordIn.model_fields.items() if f.is_required()],
        "properties": fields,
        "additionalProperties": True,  # kept, within the record's size
    }


def schemas() -> dict[str, Any]:
    return {
        "Message": {
            "type": "object",
            "description": f"One batch of a kiosk's records and tombstones ({PROTOCOL}). "
            f"Nested at most {MAX_DEPTH} levels deep, at most {MAX_BODY} bytes.",
            "required": ["protocol", "records"],
            "properties": {
                "protocol": {"const": PROTOCOL},
                "kiosk_id": _text(
                    "The kiosk that sends the batch, in the form of `kiosk.id`; empty or "
                    "absent, the batch names no kiosk.",
                    pattern=f"^$|{ID_PATTERN}",
                ),
                "records": {
                    "type": "array",
                    "maxItems": MAX_RECORDS,
                    "items": {"anyOf": [_ref("RecordItem"), _ref("Tombstone")]},
                },
            },
        },
        "RecordItem": {
            "type": "object",
            "description": "A record to keep. Sent again at any time: recognised by its uuid.",
            "required": ["uuid", "record"],
            "properties": {
                "uuid": _text("The record's uuid.", pattern=UUID_PATTERN),
                "record": _ref("Record"),
            },
        },
        "Tombstone": {
            "type": "object",
            "description": "The signer asked to be forgotten: erase every personal field of "
            "this record (answered `erased`, also for a record never received).",
            "required": ["uuid", "forget"],
            "properties": {
                "uuid": _text("The forgotten record's uuid.", format="uuid"),
                "forget": {"const": True},
            },
        },
        "Record": record_schema(),
        "Consent": {
            "type": "object",
            "required": ["id", "version", "given"],
            "properties": {
                "id": _text("The consent's id in the case.", pattern=ID_PATTERN),
                "version": _text("The version of its text.", minLength=1, maxLength=MAX_ID),
                "given": {"type": "boolean", "description": "Whether the signer ticked it."},
            },
            "additionalProperties": False,
        },
        "Answer": {
            "type": "object",
            "description": "One result per item the collector dealt with, in the batch's order.",
            "required": ["results"],
            "properties": {"results": {"type": "array", "items": _ref("Result")}},
            "additionalProperties": False,
        },
        "Result": {
            "oneOf": [
                {
                    "type": "object",
                    "required": ["uuid", "status"],
                    "properties": {
                        "uuid": _text("The item's uuid.", maxLength=RESULT_UUID_LENGTH),
                        "status": {
                            "enum": ["stored", "duplicate", "erased"],
                            "description": "`stored`: new, and committed. `duplicate`: received "
                            "before with the same content (or forgotten). `erased`: the "
                            "tombstone is applied.",
                        },
                    },
                    "additionalProperties": False,
                },
                {
                    "type": "object",
                    "required": ["uuid", "status", "reason"],
                    "properties": {
                        "uuid": _text(
                            "The item's uuid as sent (as text, cut to "
                            f"{RESULT_UUID_LENGTH} characters; empty when it had none).",
                            maxLength=RESULT_UUID_LENGTH,
                        ),
                        "status": {"const": "rejected"},
                        "reason": _text(
                            "Why, for a volunteer: `field: why` for each field, or "
                            "`conflict: ...` when its uuid holds a different record."
                        ),
                    },
                    "additionalProperties": False,
                },
            ]
        },
        "Error": {
            "type": "object",
            "description": "Why the request as a whole was refused; nothing in it was kept.",
            "required": ["error"],
            "properties": {"error": {"type": "string"}},
            "additionalProperties": False,
        },
    }


def _refused(why: str) -> dict[str, Any]:
    return {"description": why, "content": {"application/json": {"schema": _ref("Error")}}}


EXAMPLE_UUID = "3f0c1c2e-5d7e-4a51-9d0f-0b1e7d7c9a41"
EXAMPLE = {
    "protocol": PROTOCOL,
    "kiosk_id": "kiosk-bern-1",
    "records": [
        {
            "uuid": EXAMPLE_UUID,
            "record": {
                "uuid": EXAMPLE_UUID,
                "case_id": "maryia-kalesnikava",
                "event_id": "bern-2026",
                "kiosk_id": "kiosk-bern-1",
                "signed_at": "2026-12-10T10:31:07.204518Z",
                "language": "de",
                "given_name": "Anna",
                "family_name": "Keller",
                "postal_code": "3011",
                "town": "Bern",
                "country": "CH",
                "email": "",
                "consents": [
                    {"id": "sign", "version": "2026-1", "given": True},
                    {"id": "updates", "version": "2026-1", "given": False},
                ],
                "wants_letter": True,
                "has_drawing": True,
            },
        },
        {"uuid": "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f", "forget": True},
    ],
}


def records_operation() -> dict[str, Any]:
    return {
        "summary": "Deliver a batch of records and tombstones",
        "description": "The kiosk-sync/1 protocol (docs/sync-protocol.md). Each record is "
        "checked as the kiosk checks it, and kept once by its uuid.",
        "operationId": "deliverRecords",
        "security": [{"token": []}],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": _ref("Message"), "example": EXAMPLE},
            },
        },
        "responses": {
            "200": {
                "description": "The batch was dealt with: a result per item. Nothing absent "
                "from the results was kept.",
                "content": {"application/json": {"schema": _ref("Answer")}},
            },
            "400": _refused(
                f"Not a {PROTOCOL} message: not JSON, not this protocol, records not a list, "
                f"nested more than {MAX_DEPTH} levels, a kiosk_id that is no kiosk's id, or "
                "a body in too many tiny pieces."
            ),
            "401": _refused("No token, or not this collector's."),
            "403": _refused("The kiosk's pairing was revoked (`kiosk collect kiosks revoke`)."),
            "408": _refused("The body was not complete in time (`collector.body_timeout`)."),
            "411": _refused("The body came without a Content-Length."),
            "413": _refused(f"More than {MAX_BODY} bytes or {MAX_RECORDS} records."),
            "415": _refused("The body is said to be something other than JSON."),
            "503": {
                "description": "More connections than `collector.max_connections`: try later.",
                "content": {"text/plain": {"schema": {"type": "string"}}},
            },
        },
    }


def dashboard_paths() -> dict[str, Any]:
    """The coordinators' dashboard (`kiosk.collector.dashboard_routes`): the page and its JSON
    behind their login, the login form, logout, and the page's style sheet and script."""
    html = {"text/html": {"schema": {"type": "string"}}}
    page = {"description": "The page.", "content": html}
    to_login = {"description": "Not logged in: on to the login form (`Location`)."}
    no_password = {
        "description": "No coordinator password is set yet (`kiosk collect --set-password`).",
        "content": html,
    }

    def asset(summary: str, media: str, operation: str) -> dict[str, Any]:
        content = {media: {"schema": {"type": "string"}}}
        return {
            "get": {
                "summary": summary,
                "operationId": operation,
                "responses": {"200": {"description": summary, "content": content}},
            }
        }

    return {
        "/": {
            "get": {
                "summary": "The coordinators' dashboard: counts, never a name",
                "operationId": "dashboard",
                "responses": {"200": page, "303": to_login, "403": no_password},
            }
        },
        "/dashboard.json": {
            "get": {
                "summary": "The dashboard's figures, which its script polls",
                "operationId": "dashboardFigures",
                "responses": {
                    "200": {
                        "description": "Counts per case, event, kiosk and hour.",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    "401": _refused("Not logged in."),
                    "403": _refused("No coordinator password is set yet."),
                },
            }
        },
        "/dashboard.css": asset("The dashboard's style sheet", "text/css", "dashboardStyle"),
        "/dashboard.js": asset("The dashboard's script", "text/javascript", "dashboardScript"),
        "/login": {
            "get": {
                "summary": "The coordinators' login form",
                "operationId": "loginForm",
                "responses": {"200": page, "403": no_password},
            },
            "post": {
                "summary": "Log in with the coordinators' password",
                "operationId": "login",
                "requestBody": _form_body({"password": {"type": "string"}}),
                "responses": {
                    "303": {"description": "Logged in: a session cookie, on to the dashboard."},
                    "401": {
                        "description": "Not the password (answered after a pause).",
                        "content": html,
                    },
                    "403": no_password,
                    "429": {
                        "description": "Too many wrong passwords from this address "
                        "(`Retry-After`).",
                        "content": html,
                    },
                },
            },
        },
        "/logout": {
            "post": {
                "summary": "Log out",
                "operationId": "logout",
                "responses": {"303": {"description": "The session cookie is cleared."}},
            }
        },
    }


def kiosk_page_paths() -> dict[str, Any]:
    """The dashboard's kiosks (`kiosk.collector.kiosks_page`): adding one (its code shown once,
    after a redirect), and revoking one after a page that asks. Each POST needs the session
    and the form token of the page it came from."""
    html = {"text/html": {"schema": {"type": "string"}}}
    to_login = {"description": "Not logged in: on to the login form (`Location`)."}
    no_password = {
        "description": "No coordinator password is set yet, or the form did not come from "
        "the dashboard of this session (no or a wrong `form_token`).",
        "content": html,
    }

    def form(summary: str, operation: str, answers: dict[str, Any]) -> dict[str, Any]:
        return {
            "post": {
                "summary": summary,
                "operationId": operation,
                "requestBody": _form_body(
                    {
                        "name": {"type": "string", "examples": ["bern-1"]},
                        "form_token": {"type": "string"},
                    }
                ),
                "responses": {"303": to_login, "403": no_password, **answers},
            }
        }

    revoke = form(
        "Revoke a kiosk (its records stay waiting on it)",
        "revokeKiosk",
        {
            "303": {"description": "Revoked, or not logged in: on to the dashboard or login."},
            "404": {"description": "No kiosk of that name was added.", "content": html},
        },
    )
    revoke["get"] = {
        "summary": "The page that asks before a kiosk is revoked",
        "operationId": "confirmRevokeKiosk",
        "parameters": [
            {"name": "name", "in": "query", "required": True, "schema": {"type": "string"}}
        ],
        "responses": {
            "200": {"description": "The question, with the form.", "content": html},
            "303": to_login,
            "403": no_password,
            "404": {"description": "No kiosk of that name was added.", "content": html},
        },
    }
    return {
        ADD_PATH: form(
            "Add a kiosk (or give a waiting, expired or revoked one a new code)",
            "addKiosk",
            {
                "303": {
                    "description": "Added: on to the page that shows its code once (in a "
                    "short-lived cookie), or not logged in: on to the login form."
                },
                "400": {"description": "The name cannot name a kiosk.", "content": html},
                "409": {
                    "description": "A kiosk of that name is paired: revoke it first.",
                    "content": html,
                },
            },
        ),
        CODE_PATH: {
            "get": {
                "summary": "A new kiosk's one-time code, QR code and `kiosk pair` line, once",
                "operationId": "newKioskCode",
                "responses": {
                    "200": {"description": "The code (sent no-store).", "content": html},
                    "303": to_login,
                    "403": no_password,
                    "404": {
                        "description": "No code to show: it was shown already.",
                        "content": html,
                    },
                },
            }
        },
        REVOKE_PATH: revoke,
    }


def pairing_operation() -> dict[str, Any]:
    """`kiosk pair URL CODE`: a kiosk trades its one-time code for a token of its own
    (`kiosk.collector.pairing`; docs/sync-protocol.md, "Pairing")."""
    return {
        "summary": "Trade a one-time pairing code for the kiosk's own token",
        "operationId": "pairKiosk",
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["protocol", "code", "kiosk_id"],
                        "properties": {
                            "protocol": {"const": PAIR_PROTOCOL},
                            "code": {"type": "string", "examples": ["ABCDE-FGHJK"]},
                            "kiosk_id": {"type": "string"},
                        },
                    }
                }
            },
        },
        "responses": {
            "200": {
                "description": "Paired: the kiosk's name here and its token (shown once).",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["kiosk", "token"],
                            "properties": {
                                "kiosk": {"type": "string"},
                                "token": {"type": "string"},
                            },
                        }
                    }
                },
            },
            "400": _refused(f"Not a {PAIR_PROTOCOL} request."),
            "403": _refused("The code is wrong, used, expired or was tried wrongly too often."),
            "408": _refused("The body was not complete in time."),
            "411": _refused("The body came without a Content-Length."),
            "413": _refused("More than a pairing request's few bytes."),
            "429": _refused("Too many wrong codes from this address (`Retry-After`)."),
        },
    }


def description() -> dict[str, Any]:
    """The collector's OpenAPI 3.1 description, as JSON-ready data."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "kiosk collector",
            "version": __version__,
            "description": "Receives a stand's (or a campaign's) signatures from its kiosks. "
            "Counts only are shown; names never leave the database.",
        },
        "paths": {
            COLLECTOR_PATH: {"post": records_operation()},
            PAIR_PATH: {"post": pairing_operation()},
            **dashboard_paths(),
            **kiosk_page_paths(),
            "/health": {
                "get": {
                    "summary": "Whether the collector answers",
                    "operationId": "health",
                    "responses": {
                        "200": {
                            "description": "`ok`",
                            "content": {"text/plain": {"schema": {"const": "ok"}}},
                        }
                    },
                }
            },
            PATH: {
                "get": {
                    "summary": "This description",
                    "operationId": "openapi",
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": schemas(),
            "securitySchemes": {
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The collector's token (`kiosk collect --token-file`).",
                }
            },
        },
    }
