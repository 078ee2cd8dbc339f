"""Property-based requests against the sync API's own OpenAPI description: none may give a server error.

Bounded and seeded (derandomised), so the run is short and the same every time. Requests carry a
real laptop's token and versions, so generated bodies get past the door and reach the apply path.
"""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from app.server.app import create_app
from app.store import SCHEMA_VERSION
from app.wire.protocol import PROTOCOL_VERSION


@pytest.fixture(scope="module")
def laptop(head_office):
    _, code = head_office.new_association()
    versions = {"Quorum-Protocol": str(PROTOCOL_VERSION), "Quorum-Schema": str(SCHEMA_VERSION)}
    answer = httpx.post(f"{head_office.url}/api/v1/enrol", json={"code": code}, headers=versions).json()
    return {**versions, "Authorization": f"Bearer {answer['token']}", "Quorum-Association": answer["association_id"]}


@pytest.fixture(scope="module")
def api(head_office):
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(head_office.engine))


schema = schemathesis.pytest.from_fixture("api")


@schema.parametrize()
@settings(max_examples=20, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_request_makes_a_server_error(case, laptop, failures_forgotten):
    for headers in ({}, laptop):
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error], headers=headers)
