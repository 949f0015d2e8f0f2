"""The OpenAPI docs: valid, complete, offline, and with examples that are true."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from numbapi.management.commands.build_api_examples import record, render
from numbapi.schema import EXAMPLES_FILE

pytestmark = pytest.mark.django_db

ERRORS_BY_METHOD = {
    "get": {"400", "404", "406", "429", "500"},
    "post": {"400", "401", "403", "406", "415", "429", "500"},
    "put": {"400", "401", "403", "404", "406", "415", "429", "500"},
    "patch": {"400", "401", "403", "404", "406", "415", "429", "500"},
    "delete": {"401", "403", "404", "406", "429", "500"},
}


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        response = Client().get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def _operations(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def test_schema_generates_without_warnings_and_validates(tmp_path):
    # Raises on any warning or on a schema that breaks the OpenAPI 3 specification.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))

    assert (tmp_path / "schema.yaml").read_text().startswith("openapi: 3")


def test_every_operation_has_a_summary_a_description_and_its_errors(schema):
    for path, method, operation in _operations(schema):
        assert operation.get("summary"), (path, method)
        assert len(operation.get("description", "")) > 40, (path, method)
        missing = ERRORS_BY_METHOD[method] - set(operation["responses"])
        assert not missing, (path, method, missing)


def test_every_parameter_has_a_description_and_an_example(schema):
    for path, method, operation in _operations(schema):
        for param in operation.get("parameters", []):
            assert param.get("description"), (path, method, param["name"])
            assert "example" in param, (path, method, param["name"])


def test_every_success_body_has_an_example(schema):
    for path, method, operation in _operations(schema):
        for status in ("200", "201"):
            content = operation["responses"].get(status, {}).get("content", {})
            for media in content.values():
                assert media.get("examples"), (path, method, status)
        body = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if body is not None:
            assert body.get("examples"), (path, method)


def test_every_error_response_is_a_problem_document_with_an_example(schema):
    for name, response in schema["components"]["responses"].items():
        media = response["content"]["application/problem+json"]
        assert media["schema"]["$ref"].endswith(("/Problem", "/ValidationProblem")), name
        for example in media["examples"].values():
            assert {"type", "title", "status", "detail"} <= set(example["value"]), name


def test_every_filter_value_in_the_examples_returns_results(schema, api):
    for path, method, operation in _operations(schema):
        if method != "get" or "{slug}" in path:
            continue
        for param in operation.get("parameters", []):
            if param["name"] in ("page", "page_size", "preview", "ordering"):
                continue
            value = param["example"]
            value = ",".join(value) if isinstance(value, list) else value
            response = api.get(path, {param["name"]: value})
            assert response.status_code == 200, (path, param["name"], response.content)
            assert response.json()["count"] > 0, (path, param["name"], value)


def test_every_path_example_slug_is_published(schema, api):
    for path, _method, operation in _operations(schema):
        for param in operation.get("parameters", []):
            if param["name"] == "slug":
                assert api.get(path.replace("{slug}", param["example"])).status_code == 200, path


def test_recorded_examples_match_what_the_api_returns_today():
    # If this fails, run `manage.py build_api_examples` after loading the fixtures.
    assert EXAMPLES_FILE.read_text(encoding="utf-8") == render(record())


def _assets(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)


def test_docs_pages_use_only_local_assets(client):
    for page in ("/api/docs/", "/api/redoc/"):
        response = client.get(page)
        assert response.status_code == 200
        assets = _assets(response.content.decode())
        assert assets, page
        for asset in assets:
            assert asset.startswith("/static/"), (page, asset)
            assert finders.find(asset.removeprefix("/static/")), asset


def test_docs_and_admin_assets_are_served_in_production(settings, tmp_path):
    # As `make run` does: collectstatic with hashed names, then WhiteNoise serves them.
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--no-input", verbosity=0)
    client = Client()

    for page in ("/api/docs/", "/api/redoc/", "/admin/login/"):
        assets = _assets(client.get(page).content.decode())
        assert assets, page
        for asset in assets:
            response = client.get(asset)
            assert response.status_code == 200, asset
            assert "max-age" in response["Cache-Control"], asset
