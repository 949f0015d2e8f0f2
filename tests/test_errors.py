"""Every error is an RFC 9457 problem document; bad input is a 4xx, never a 500."""

import pytest
from django.test import Client
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.django_db

PROBLEM_KEYS = {"type", "title", "status", "detail"}


def assert_problem(response, status: int, type_slug: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert PROBLEM_KEYS <= set(body)
    assert body["status"] == status
    assert body["type"] == f"urn:numbapi:problem:{type_slug}"
    assert body["title"] and body["detail"]
    return body


def test_unknown_slug_detail_is_a_404_problem(api):
    assert_problem(api.get("/api/v1/strategies/no-such-strategy/"), 404, "not-found")


def test_page_past_the_end_is_a_404_problem_saying_how_many_pages(api):
    body = assert_problem(api.get("/api/v1/strategies/", {"page": 999}), 404, "not-found")

    assert "999" in body["detail"]


@pytest.mark.parametrize("value", ["0", "-1", "abc", "1.5", "١"])
def test_a_page_that_is_not_a_positive_whole_number_is_a_400(api, value):
    body = assert_problem(api.get("/api/v1/strategies/", {"page": value}), 400, "invalid-parameter")

    assert body["errors"][0]["parameter"] == "page"


@pytest.mark.parametrize("value", ["0", "abc"])
def test_a_bad_page_size_is_a_400(api, value):
    body = assert_problem(api.get("/api/v1/strategies/", {"page_size": value}), 400, "invalid-parameter")

    assert body["errors"][0]["parameter"] == "page_size"


@pytest.mark.parametrize("param", ["search", "category", "updated_since", "ordering", "page"])
def test_a_nul_byte_in_a_parameter_is_a_400_not_a_500(api, param):
    body = assert_problem(api.get(f"/api/v1/strategies/?{param}=a%00b"), 400, "invalid-parameter")

    assert body["errors"] == [
        {"detail": "Must not contain a NUL byte.", "code": "null_characters_not_allowed", "parameter": param}
    ]


def test_an_over_long_parameter_is_a_400(api):
    body = assert_problem(api.get("/api/v1/strategies/", {"search": "x" * 5000}), 400, "invalid-parameter")

    assert body["errors"][0]["parameter"] == "search"


@pytest.mark.parametrize(
    "value",
    ["yesterday", "2026-13-45", "2026-01-01T25:00", "9999-12-31T23:59:59-23:00", "0001-01-01T00:00:00+05:00"],
)
def test_a_malformed_date_is_a_400_naming_updated_since(api, value):
    body = assert_problem(api.get("/api/v1/strategies/", {"updated_since": value}), 400, "invalid-parameter")

    assert body["errors"][0]["parameter"] == "updated_since"


@pytest.mark.parametrize(
    "path", ["/api/v1/strategies/%00/", "/api/v1/strategies/Massage/", "/api/v1/nowhere/"]
)
def test_unknown_api_paths_are_404_problems(api, path):
    assert_problem(api.get(path), 404, "not-found")


def test_a_missing_trailing_slash_redirects_to_the_list(api):
    response = api.get("/api/v1/strategies?page=2")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/strategies/?page=2"


def test_a_method_the_path_does_not_have_is_a_405_problem(admin_api):
    body = assert_problem(admin_api.put("/api/v1/strategies/", {}), 405, "method-not-allowed")

    assert "PUT" in body["detail"]


def test_asking_for_xml_is_a_406_problem(api):
    assert_problem(api.get("/api/v1/strategies/", HTTP_ACCEPT="application/xml"), 406, "not-acceptable")


def test_a_body_that_is_not_json_is_a_415_problem(admin_api):
    response = admin_api.post(
        "/api/v1/categories/", "name=x", content_type="application/x-www-form-urlencoded"
    )

    assert_problem(response, 415, "unsupported-media-type")


def test_malformed_json_is_a_400_problem(admin_api):
    response = admin_api.post("/api/v1/categories/", "{not json", content_type="application/json")

    assert_problem(response, 400, "malformed-request")


def test_anonymous_write_is_a_401_problem_with_the_scheme_to_use(api):
    response = api.post("/api/v1/categories/", {"slug": "x", "name": "X"}, format="json")

    assert_problem(response, 401, "not-authenticated")
    assert response["WWW-Authenticate"] == "Token"


def test_write_without_permission_is_a_403_problem(reader_api):
    response = reader_api.post("/api/v1/categories/", {"slug": "x", "name": "X"}, format="json")

    assert_problem(response, 403, "permission-denied")


def test_throttled_requests_get_a_429_problem_with_retry_after(api, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "2/minute"})
    for _ in range(2):
        assert api.get("/api/v1/categories/").status_code == 200

    response = api.get("/api/v1/categories/")

    assert_problem(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0


@pytest.mark.urls("tests.urls_boom")
def test_an_unexpected_error_is_a_500_problem_without_a_debug_page():
    client = Client(raise_request_exception=False)

    response = client.get("/api/v1/boom/")

    body = assert_problem(response, 500, "server-error")
    assert "Traceback" not in response.content.decode()
    assert "ZeroDivisionError" not in body["detail"]


@pytest.mark.urls("tests.urls_boom")
def test_an_unexpected_error_outside_the_api_is_not_json():
    response = Client(raise_request_exception=False).get("/boom/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


def test_validation_errors_point_at_each_failing_body_field(admin_api):
    response = admin_api.post(
        "/api/v1/strategies/",
        {"slug": "Bad Slug", "summary": "x" * 300, "effort": "extreme", "categories": ["no-such"]},
        format="json",
    )

    body = assert_problem(response, 400, "validation-error")
    pointers = {error["pointer"] for error in body["errors"]}
    assert {"#/slug", "#/title", "#/summary", "#/effort", "#/categories"} <= pointers


def test_nested_validation_errors_point_inside_the_list(admin_api):
    response = admin_api.post(
        "/api/v1/strategies/",
        {
            "slug": "nested-errors",
            "title": "T",
            "summary": "S",
            "cautions": [{"text": ""}],
            "steps": ["ok", ""],
        },
        format="json",
    )

    body = assert_problem(response, 400, "validation-error")
    pointers = {error["pointer"] for error in body["errors"]}
    assert {"#/cautions/0/text", "#/steps/1"} <= pointers


def test_a_non_api_404_is_html():
    response = Client().get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_disallowed_host_on_an_api_path_is_a_400_problem():
    response = APIClient(HTTP_HOST="evil.example").get("/api/v1/strategies/")

    assert_problem(response, 400, "invalid-request")
