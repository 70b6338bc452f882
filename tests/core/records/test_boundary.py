"""Only the records package talks to the signatures database, and no module reaches into
another's private members: the next change to the schema finds every statement in one folder.

The checks read the source with `ast`, so they see what the code does, not what it says in
comments: an import of sqlite3 or sqlite_utils, a string (f-strings included) that holds an SQL
statement, or `something._private` on anything but `self` or `cls`. SQL is recognised by its
upper-case keywords in statement form (`SELECT ... FROM`, `INSERT INTO`, `PRAGMA name`...), as
every statement in this code base is written, so English prose ("select a case from the list")
does not count.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
RECORDS = Path("kiosk/core/records")
KNOWN: dict[Path, str] = {}  # modules allowed past the boundary, with the reason: none
DATABASE_MODULES = {"sqlite3", "sqlite_utils", "psycopg", "psycopg_pool"}
SQL = re.compile(
    r"\bSELECT\b[\s\S]*\bFROM\b"
    r"|\bINSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\b"
    r"|\bREPLACE\s+INTO\b"
    r"|\bUPDATE\s+\S+\s+SET\b"
    r"|\bDELETE\s+FROM\b"
    r"|\b(?:CREATE|DROP|ALTER)\s+(?:UNIQUE\s+|TEMP\s+|VIRTUAL\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)\b"
    r"|\bPRAGMA\s+\w+"
    r"|^\s*(?:BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|VACUUM|ATTACH)\b"
)


def violations(root: Path) -> list[str]:
    """Every break of the boundary in the `kiosk` package under `root`, as 'file:line: what'."""
    found = []
    for path in sorted((root / "kiosk").rglob("*.py")):
        relative = path.relative_to(root)
        if relative.is_relative_to(RECORDS) or relative in KNOWN:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(relative))
        found += [f"{relative}:{line}: {what}" for line, what in _breaks(tree)]
    return found


def _breaks(tree: ast.AST) -> list[tuple[int, str]]:
    breaks = []
    in_fstrings = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in DATABASE_MODULES:
                    breaks.append((node.lineno, f"imports {alias.name}"))
        elif isinstance(node, ast.ImportFrom):
            if (node.module or "").split(".")[0] in DATABASE_MODULES:
                breaks.append((node.lineno, f"imports from {node.module}"))
        elif isinstance(node, ast.JoinedStr):
            text = "".join(
                part.value if isinstance(part, ast.Constant) else "?" for part in node.values
            )
            if SQL.search(text):
                breaks.append((node.lineno, f"holds SQL: {text[:60]!r}"))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in in_fstrings
            and SQL.search(node.value)
        ):
            breaks.append((node.lineno, f"holds SQL: {node.value[:60]!r}"))
        elif isinstance(node, ast.Attribute) and _private(node.attr):
            owner = node.value
            if not (isinstance(owner, ast.Name) and owner.id in ("self", "cls")):
                breaks.append((node.lineno, f"reaches into {ast.unparse(node)}"))
    return breaks


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_only_the_records_package_touches_the_database_or_private_members():
    assert violations(REPO) == []


def test_the_known_exceptions_are_still_there_to_be_dropped():
    """An exception whose module is gone must leave the list, or it would hide a new one."""
    for path in KNOWN:
        assert (REPO / path).is_file(), f"{path} is gone: drop it from KNOWN"


PLANTED = {
    "an import of sqlite3": "import sqlite3\n",
    "an import from sqlite_utils": "from sqlite_utils import Database\n",
    "a query": 'COUNT = "SELECT count(*) FROM signatures WHERE case_id = ?"\n',
    "a query built in an f-string": (
        'def where(table, clause):\n    return f"DELETE FROM {table} WHERE {clause}"\n'
    ),
    "a pragma": 'MODE = "PRAGMA journal_mode"\n',
    "a transaction of its own": 'START = "BEGIN IMMEDIATE"\n',
    "a private member of another object": "def peek(store):\n    return store._conn\n",
    "a private name of another module": "from kiosk.core import clock\nNOW = clock._now\n",
}


@pytest.fixture(scope="module")
def copy_of_the_code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("code")
    shutil.copytree(REPO / "kiosk", root / "kiosk", ignore=shutil.ignore_patterns("__pycache__"))
    return root


@pytest.mark.parametrize("planted", list(PLANTED), ids=list(PLANTED))
def test_a_planted_break_outside_the_records_package_is_caught(copy_of_the_code, planted):
    module = copy_of_the_code / "kiosk" / "core" / "export.py"
    original = module.read_text(encoding="utf-8")
    try:
        module.write_text(original + "\n" + PLANTED[planted], encoding="utf-8")
        [found] = violations(copy_of_the_code)
        assert found.startswith("kiosk/core/export.py:"), found
    finally:
        module.write_text(original, encoding="utf-8")


def test_the_same_code_inside_the_records_package_is_allowed(copy_of_the_code):
    module = copy_of_the_code / "kiosk" / "core" / "records" / "store.py"
    original = module.read_text(encoding="utf-8")
    try:
        module.write_text(original + "\n" + PLANTED["a query"], encoding="utf-8")
        assert violations(copy_of_the_code) == []
    finally:
        module.write_text(original, encoding="utf-8")


def test_prose_and_self_are_not_mistaken_for_breaks():
    quiet = ast.parse(
        'HELP = "Select the cases from the list, then update the kiosk."\n'
        "class A:\n"
        "    def f(self):\n"
        "        return self._conn, type(self).__name__\n"
        "    @classmethod\n"
        "    def g(cls):\n"
        "        return cls._made\n"
    )
    assert _breaks(quiet) == []
