"""The collector describes itself in OpenAPI, and keeps its word: schemathesis sends every
endpoint generated and hostile requests, with and without the token, against a real
`kiosk collect` on each store (SQLite for a stand, PostgreSQL for a campaign). No answer is a
500, and every answer is one the description allows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from openapi_spec_validator import validate
from starlette.routing import Mount

from kiosk.collector import Collector, create_app
from kiosk.collector.intake import MAX_RECORDS
from kiosk.collector.openapi import EXAMPLE, description
from kiosk.core.records import collected
from tests.collectorproc import coordinator, running_collector, set_password
from tests.faultserver import TOKEN

# Generated requests per endpoint after the coverage phase's own: enough to reach each
# refusal and the store, few enough to add seconds, not minutes, to the suite.
EXAMPLES = 20
ROOT = Path(__file__).resolve().parent.parent
CHECKS = ROOT / "tests" / "openapi_checks.py"


def endpoints(routes: list, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(method, path) of every endpoint among Starlette `routes`, in mounted apps too (HEAD
    comes with GET by itself)."""
    for route in routes:
        if isinstance(route, Mount):
            yield from endpoints(route.routes, prefix + route.path)
        else:
            for method in sorted(getattr(route, "methods", None) or {"GET"}):
                if method != "HEAD":
                    yield method, prefix + route.path


def test_every_route_of_the_collector_is_in_its_description(tmp_path):
    app = create_app(tmp_path / "stand.db", TOKEN)
    paths = description()["paths"]
    served = list(endpoints(app.routes))
    assert ("POST", "/api/records") in served
    for method, path in served:
        assert method.lower() in paths.get(path, {}), (
            f"{method} {path} is served but not described: add it to kiosk/collector/openapi.py"
        )


def test_the_description_is_valid_openapi_3_1():
    validate(description())  # OpenAPIValidationError naming the wrong part


def test_the_collector_serves_its_description(tmp_path):
    with running_collector(tmp_path) as running:
        answer = httpx.get(f"{running['base']}/openapi.json")
    assert answer.status_code == 200
    served = answer.json()
    assert served["openapi"].startswith("3.1")
    message = served["components"]["schemas"]["Message"]
    assert message["properties"]["records"]["maxItems"] == MAX_RECORDS


def test_the_example_batch_in_the_description_is_one_the_collector_takes(tmp_path):
    collector = Collector(collected.open_collection(tmp_path / "stand.db"), TOKEN)
    try:
        status, answer = collector.receive(json.dumps(EXAMPLE).encode())
    finally:
        collector.records.close()
    assert status == 200
    assert [r["status"] for r in answer["results"]] == ["stored", "erased"]


@pytest.mark.slow
@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
def test_no_request_makes_the_collector_fail_or_break_its_description(request, tmp_path, store):
    """`schemathesis run` against a real `kiosk collect`: the description's example, boundary
    and hostile values for every part of every endpoint (coverage), then generated requests
    that keep or break the description (fuzzing). Every request carries the token; its
    `ignored_auth` check sends them again without it and with a wrong one. All its checks
    run, with the protocol's own check of bad items (tests/openapi_checks.py) in place of
    `negative_data_rejection`."""
    database = request.getfixturevalue("postgres_url") if store == "postgresql" else None
    with running_collector(tmp_path, database=database) as running:
        # Read from a file, so the endpoint that serves it is tested too (schemathesis leaves
        # out the one its description came from).
        described = tmp_path / "openapi.json"
        described.write_bytes(httpx.get(f"{running['base']}/openapi.json").content)
        run = subprocess.run(
            [
                str(Path(sys.executable).with_name("schemathesis")),
                "run",
                str(described),
                f"--url={running['base']}",
                f"--header=Authorization: Bearer {TOKEN}",
                "--checks=all",
                "--exclude-checks=negative_data_rejection",
                "--phases=examples,coverage,fuzzing",
                f"--max-examples={EXAMPLES}",
                "--generation-deterministic",  # the same requests every run, and nothing kept
                "--continue-on-failure",
                "--workers=1",
                "--no-color",
            ],
            cwd=tmp_path,
            env={**os.environ, "SCHEMATHESIS_HOOKS": str(CHECKS), "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=600,
        )
        set_password(running["database"])  # after the run: the page's figures, logged in
        with coordinator(running["base"]) as client:
            figures = client.get("/dashboard.json").json()
    assert run.returncode == 0, run.stdout[-12000:] + run.stderr[-3000:]
    operations = sum(len(path) for path in json.loads(described.read_text())["paths"].values())
    assert f"{operations} selected / {operations} total" in run.stdout, run.stdout
    # The description's example reached the store: its record is counted.
    assert figures["total"] >= 1
