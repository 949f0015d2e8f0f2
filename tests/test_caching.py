"""Public responses are cacheable and fast; a content change is visible at once; drafts never cached."""

import pytest
from django.core.cache import cache

from numbapi.caching import content_version
from numbapi.env import cache_from_url
from strategies.models import Category, Strategy
from tests.conftest import make

pytestmark = pytest.mark.django_db


def test_public_responses_tell_caches_they_may_keep_them(api, settings):
    response = api.get("/api/v1/strategies/")

    assert "public" in response["Cache-Control"]
    assert f"max-age={settings.NUMBAPI_HTTP_MAX_AGE}" in response["Cache-Control"]
    assert response["ETag"]


def test_a_client_with_a_fresh_etag_gets_a_304(api):
    etag = api.get("/api/v1/strategies/massage-therapy/")["ETag"]

    response = api.get("/api/v1/strategies/massage-therapy/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""


def test_a_content_change_is_served_at_once_despite_the_cache(api):
    first = api.get("/api/v1/categories/nature/").json()
    Category.objects.filter(slug="nature").update(name="Ignored by the cache")  # bypasses signals
    cached = api.get("/api/v1/categories/nature/").json()
    category = Category.objects.get(slug="nature")
    category.name = "Nature and the outdoors"
    category.save()

    fresh = api.get("/api/v1/categories/nature/").json()

    assert cached["name"] == first["name"]
    assert fresh["name"] == "Nature and the outdoors"


def test_a_relation_change_empties_the_cache(api):
    tag = make(Category, "cache-tag")
    assert api.get("/api/v1/strategies/", {"category": "cache-tag"}).json()["count"] == 0

    Strategy.objects.get(slug="gardening").categories.add(tag)

    assert api.get("/api/v1/strategies/", {"category": "cache-tag"}).json()["count"] == 1


def test_signed_in_responses_are_private_and_not_stored(editor_api):
    response = editor_api.get("/api/v1/strategies/")

    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_an_anonymous_cached_page_is_never_served_to_a_previewing_editor(api, editor_api):
    make(Strategy, "hidden-draft", status="draft", title="Zzqhidden draft")
    api.get("/api/v1/strategies/", {"search": "zzqhidden"})

    response = editor_api.get("/api/v1/strategies/", {"search": "zzqhidden", "preview": 1})

    assert [item["slug"] for item in response.json()["results"]] == ["hidden-draft"]


def test_with_redis_configured_the_cache_is_shared_and_still_invalidated(
    api, settings, django_assert_num_queries
):
    # What production runs with several processes: NUMBAPI_CACHE_URL=redis://…
    settings.CACHES = {"default": cache_from_url("redis://127.0.0.1:6379/15")}
    cache.clear()
    api.get("/api/v1/categories/nature/")

    with django_assert_num_queries(0):
        cached = api.get("/api/v1/categories/nature/").json()
    category = Category.objects.get(slug="nature")
    category.name = "Nature, outdoors"
    category.save()
    fresh = api.get("/api/v1/categories/nature/").json()

    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cached["name"] != "Nature, outdoors"
    assert fresh["name"] == "Nature, outdoors"


def test_the_cache_is_invalidated_again_when_a_change_commits(django_capture_on_commit_callbacks):
    # Regression: a request between the save and the commit cached the old content under the
    # new version; the second bump on commit retires that copy.
    category = Category.objects.get(slug="nature")

    with django_capture_on_commit_callbacks() as callbacks:
        category.save()
    before = content_version()
    for callback in callbacks:
        callback()

    assert content_version() > before
