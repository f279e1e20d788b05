"""Every error the API gives is RFC 9457 problem+json with one actionable sentence, over real
HTTP: unauthenticated, unknown route, wrong method, invalid input, missing object, and a bug
(500), which names the request id and never the exception's text."""

from __future__ import annotations

import pytest

from cloudwarden.platform.security.roles import Role
from cloudwarden.platform.services import spaces

LEAKY = "the database password is hunter2"


def boom() -> None:
    raise RuntimeError(LEAKY)


@pytest.fixture
def caller(live_without_worker):
    rt = live_without_worker.platform.runtime
    token = spaces.bootstrap_user(rt, "owner@example.com", "acme", Role.OWNER).token
    return live_without_worker.as_user(token)


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("GET", "/api/v1/nowhere", None, 404),
        ("DELETE", "/api/v1/spaces", None, 405),
        ("POST", "/api/v1/spaces", {"name": ""}, 422),
        ("POST", "/api/v1/spaces", {"nom": "x"}, 422),
        ("GET", "/api/v1/spaces/0123456789abcdef0123456789abcdef", None, 404),
        ("GET", "/api/v1/spaces/x/reports/y/diff", None, 404),
    ],
)
def test_errors_are_problem_json_with_one_sentence(caller, method, path, body, status):
    response = caller.request(method, path, json=body)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert problem["title"]
    assert problem["detail"].strip()
    assert "\n" not in problem["detail"]


def test_an_unauthenticated_call_is_a_problem_with_a_challenge(live_without_worker):
    response = live_without_worker.as_user(None).get("/api/v1/spaces")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_bug_answers_500_problem_json_with_the_request_id_and_no_exception_text(
    live_without_worker, caller
):
    live_without_worker.platform.app.add_api_route("/api/v1/boom", boom)
    response = caller.get("/api/v1/boom", headers={"X-Request-ID": "trace-42"})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert "trace-42" in problem["detail"]
    assert "hunter2" not in response.text
    assert "RuntimeError" not in response.text
