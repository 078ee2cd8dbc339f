"""Property-based requests against the sync API's own OpenAPI description, over the real uvicorn, with
every one of schemathesis's checks: no server error, and every answer (its status, headers, body and
content type) is one the description promises; bad data is refused and good data accepted.

Bounded and seeded (derandomised), so the run is short and the same every time. Requests carry a
real laptop's token and versions, so generated bodies get past the door and reach the apply path.
"""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from app.store import SCHEMA_VERSION
from app.wire.protocol import PROTOCOL_VERSION


@pytest.fixture(scope="module")
def laptop(head_office):
    _, code = head_office.new_association()
    versions = {"Quorum-Protocol": str(PROTOCOL_VERSION), "Quorum-Schema": str(SCHEMA_VERSION)}
    answer = httpx.post(f"{head_office.url}/api/v1/enrol", json={"code": code}, headers=versions).json()
    return {"Authorization": f"Bearer {answer['token']}", "Quorum-Association": answer["association_id"]}


# Every version header out of range (or missing) gets 426 before anything else, as the description says;
# schemathesis's own lists of refusals do not name 426, so it is added to them.
REFUSALS = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "426", "428", "429"]
CONFIG = {"checks": {"negative_data_rejection": {"expected-statuses": REFUSALS},
                     "missing_required_header": {"expected-statuses": REFUSALS}}}


@pytest.fixture(scope="module")
def api(head_office):
    return schemathesis.openapi.from_url(f"{head_office.url}/api/v1/openapi.json",
                                         config=schemathesis.config.SchemathesisConfig.from_dict(CONFIG))


schema = schemathesis.pytest.from_fixture("api")


@schema.parametrize()
@settings(max_examples=20, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_every_answer_is_the_one_the_description_promises(case, laptop, failures_forgotten):
    """Once as a stranger, once with a real laptop's token; the headers schemathesis made (versions,
    and the association when it made one) are kept, so a request it made invalid stays invalid."""
    made = {name.lower() for name in case.headers or {}}
    for extra in ({}, {k: v for k, v in laptop.items() if k.lower() not in made}):
        response = case.call(headers=extra)
        case.validate_response(response, headers=extra)  # every check
