"""schemathesis against the OpenAPI schema: generated requests to every operation, signed
in as an investigator by API token, never get a server error.

The app is served over a store of its own, since generated uploads are ingested.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from kadiyan.access.login import issue_api_token
from kadiyan.api.app import create_app
from kadiyan.store.access import user_by_name
from tests.api.conftest import serving
from tests.api.world import build_store


@dataclass(frozen=True)
class Fuzzed:
    base_url: str
    token: str


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuzzed]:
    folder = tmp_path_factory.mktemp("fuzzed")
    store = build_store(folder)
    token = issue_api_token(store, user_by_name(store, "investigator").id, "schemathesis")
    with serving(create_app(store, secure_cookies=False, uploads=folder / "uploads")) as url:
        yield Fuzzed(url, token)
    store.engine.dispose()


def test_no_generated_request_gets_a_server_error(fuzzed: Fuzzed) -> None:
    schema = schemathesis.openapi.from_url(f"{fuzzed.base_url}/api/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15

    for operation in operations:
        @settings(max_examples=25, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def call(case: schemathesis.Case) -> None:
            response = case.call(base_url=fuzzed.base_url,
                                 headers={"authorization": f"Bearer {fuzzed.token}"})
            case.validate_response(response, checks=[not_a_server_error])

        call()
