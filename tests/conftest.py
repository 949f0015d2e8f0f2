"""Shared test set-up: the real content is loaded once; helpers make test items and clients."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conditions.models import Cause, Condition, Resource, Source, Symptom
from strategies import library
from strategies.models import FAQ, Category, Context, Fact, Strategy

FIXTURES = Path(settings.BASE_DIR) / "fixtures"

# Fields each model needs beyond slug and its display field.
REQUIRED = {
    Condition: {"summary": "A test condition."},
    Cause: {"summary": "A test cause."},
    Symptom: {"summary": "A test symptom.", "kind": "emotional"},
    Strategy: {"summary": "A test strategy.", "effort": "low"},
    Resource: {"kind": "crisis", "purpose": "Test support.", "country": "US", "phone": "000"},
    FAQ: {"answer": "A test answer."},
    Fact: {"figure": "50%"},
    Source: {},
    Category: {},
    Context: {},
}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the curated library, as `make run` serves it."""
    with django_db_blocker.unblock():
        library.load(FIXTURES)


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # collectstatic has not run in tests; serve admin assets unhashed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    yield
    cache.clear()
    # Content types made inside a rolled-back test (history of link rows makes some) must
    # not outlive it in Django's cache.
    ContentType.objects.clear_cache()


def make(model, slug: str, **fields):
    """Create a content item; lists in `fields` set relations. Published unless told otherwise."""
    relations = {k: fields.pop(k) for k in list(fields) if isinstance(fields[k], list | tuple)}
    values = {
        "status": "published",
        model.display_field: slug.replace("-", " ").capitalize(),
        **REQUIRED[model],
        **fields,
    }
    obj = model.objects.create(slug=slug, **values)
    for name, items in relations.items():
        getattr(obj, name).set(items)
    return obj


@pytest.fixture
def api():
    return APIClient()


def _user(username: str, group: str | None = None, perms: tuple = (), **flags) -> User:
    user = User.objects.create_user(username, password="correct-horse-battery", **flags)
    if group:
        user.groups.add(Group.objects.get(name=group))
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


def token_client(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def editor(db):
    return _user("edith", group="Editors")


@pytest.fixture
def editor_api(editor):
    return token_client(editor)


@pytest.fixture
def reviewer(db):
    return _user("ruth", group="Reviewers")


@pytest.fixture
def reviewer_api(reviewer):
    return token_client(reviewer)


@pytest.fixture
def reader_api(db):
    """Signed in, but with no permissions at all."""
    return token_client(_user("rita"))


@pytest.fixture
def admin_user(db):
    return _user("ada", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_api(admin_user):
    return token_client(admin_user)


def if_match(client, path: str) -> dict:
    """The If-Match header a write needs: the ETag of the item as this client reads it."""
    response = client.get(path, {"preview": 1})
    assert response.status_code == 200, response.content
    return {"HTTP_IF_MATCH": response["ETag"]}


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["results"]]


def all_slugs(client, path: str, **params) -> list[str]:
    """Every slug a list returns, following its pages."""
    found, page = [], 1
    while True:
        response = client.get(path, {**params, "page": page, "page_size": 100})
        assert response.status_code == 200, response.content
        found += slugs(response)
        if not response.json()["next"]:
            return found
        page += 1
