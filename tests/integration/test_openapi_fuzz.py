"""The API does what /openapi.json says: schemathesis generates requests for every /api/v1
operation from the app's own schema, valid ones and invalid ones, sends them in process, and
checks that no answer is a server error and that each answer's status, content type, headers
and body are the documented ones.

100 examples per operation and mode, derandomized so that every run sends the same requests.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, given, settings, strategies
from schemathesis.checks import not_a_server_error
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy.orm import Session

from app.services import NewVersion, create_story
from app.services.batches import create_upload_batch
from app.settings import Settings
from app.store import make_engine
from app.web.app import create_app
from app.web.routes import api
from tests.integration.batch_helpers import jsonl, new_story, run_batch_here

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
]
OPERATIONS = sorted(
    (method, route.path)
    for route in api.router.routes
    if isinstance(route, APIRoute)
    for method in route.methods or ()
)
EXAMPLES = 100


@pytest.fixture
def api_headers(accounts: dict[str, str]) -> dict[str, str]:
    """The headers of every generated request: an admin's API token."""
    return {"Authorization": f"Bearer {accounts['token']}"}


@pytest.fixture(scope="module")
def api_app(settings: Settings) -> Iterator[FastAPI]:
    """The app, started once by schemathesis's in-process client and stopped at the end."""
    yield create_app(settings)
    shutdown_lifespans()


@pytest.fixture(scope="module")
def api_schema(api_app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", api_app)


@pytest.fixture(scope="module")
def stored(database_url: str) -> dict[str, list[int]]:
    """Path parameters that name something: a story of two versions and an imported batch,
    so that the fuzzing reaches the 200 answers and not only 404s."""
    engine = make_engine(database_url)
    with Session(engine) as session:
        one, two = new_story(), new_story()
        ref = create_story(
            session, "", [NewVersion(one.text), NewVersion(one.edited())], max_chars=10**6
        )
        records = [{"title": "fuzz", "text": t} for t in (one.text, two.text, "")]
        batch_id = create_upload_batch(session, "fuzz.jsonl", jsonl(records))
    run_batch_here(engine, batch_id)
    engine.dispose()
    return {"story_id": [ref.id], "version_id": ref.version_ids, "batch_id": [batch_id]}


def test_every_api_operation_is_fuzzed(api_schema: schemathesis.BaseSchema) -> None:
    documented = {
        (method.upper(), path)
        for path, item in api_schema.raw_schema["paths"].items()
        if path.startswith("/api/v1/")
        for method in item
    }
    assert documented == set(OPERATIONS)


@pytest.mark.parametrize("mode", list(schemathesis.GenerationMode), ids=str)
@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_api_answers_as_documented(
    api_schema: schemathesis.BaseSchema,
    stored: dict[str, list[int]],
    api_headers: dict[str, str],
    method: str,
    path: str,
    mode: schemathesis.GenerationMode,
) -> None:
    operation = api_schema[path][method]
    cases = operation.as_strategy(mode)
    if mode is schemathesis.GenerationMode.POSITIVE:  # also ask for things that exist
        cases |= strategies.one_of(
            [
                operation.as_strategy(mode, path_parameters={name: ident})
                for name, idents in stored.items()
                if "{" + name + "}" in path
                for ident in idents
            ]
        )

    @given(case=cases)
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def answers_as_documented(case: schemathesis.Case[Any]) -> None:
        statuses.append(case.call_and_validate(headers=api_headers, checks=CHECKS).status_code)

    statuses: list[int] = []
    answers_as_documented()
    # Some examples carry credentials of their own (the schema declares the bearer scheme);
    # the rest, with the admin's token, must get past sign-in to the operation itself.
    assert any(s != 401 for s in statuses), statuses
    if mode is schemathesis.GenerationMode.POSITIVE:
        assert any(s < 300 for s in statuses), statuses
