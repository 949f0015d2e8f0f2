"""The read contract every resource shares: root, envelope, pagination, order, slugs, sync."""

import datetime

import pytest
from django.utils import timezone

from conditions.models import Cause, Condition, Resource, Source, Symptom
from strategies.models import FAQ, Category, Context, Fact, Strategy
from tests.conftest import all_slugs, make, slugs

pytestmark = pytest.mark.django_db

RESOURCES = {
    "conditions": Condition,
    "causes": Cause,
    "symptoms": Symptom,
    "strategies": Strategy,
    "categories": Category,
    "contexts": Context,
    "sources": Source,
    "faqs": FAQ,
    "facts": Fact,
    "resources": Resource,
}


def test_root_lists_every_resource_in_order(api):
    response = api.get("/api/v1/")

    assert response.status_code == 200
    assert response.json() == {name: f"http://testserver/api/v1/{name}/" for name in RESOURCES}


@pytest.mark.parametrize("resource", RESOURCES)
def test_list_uses_the_envelope_and_every_item_has_slug_and_absolute_url(api, resource):
    response = api.get(f"/api/v1/{resource}/")

    body = response.json()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert list(body) == ["count", "next", "previous", "results"]
    assert body["count"] == RESOURCES[resource].objects.published().count() > 0
    for item in body["results"]:
        assert item["url"] == f"http://testserver/api/v1/{resource}/{item['slug']}/"


@pytest.mark.parametrize("resource", RESOURCES)
def test_detail_is_found_by_slug(api, resource):
    item = RESOURCES[resource].objects.published().first()

    response = api.get(f"/api/v1/{resource}/{item.slug}/")

    assert response.status_code == 200
    assert response.json()["slug"] == item.slug
    assert response.json()["url"] == f"http://testserver/api/v1/{resource}/{item.slug}/"


def test_page_size_defaults_to_20_and_is_capped_at_100(api):
    assert len(api.get("/api/v1/strategies/").json()["results"]) == 20
    assert len(api.get("/api/v1/strategies/", {"page_size": 5}).json()["results"]) == 5
    capped = api.get("/api/v1/strategies/", {"page_size": 1000}).json()
    assert len(capped["results"]) == min(100, capped["count"])


def test_next_and_previous_link_the_neighbouring_pages(api):
    page2 = api.get("/api/v1/strategies/", {"page": 2, "page_size": 5}).json()

    assert page2["next"] == "http://testserver/api/v1/strategies/?page=3&page_size=5"
    assert page2["previous"] == "http://testserver/api/v1/strategies/?page_size=5"


def test_pages_follow_one_stable_order_with_no_item_twice(api):
    paged = all_slugs(api, "/api/v1/strategies/")
    titles = list(Strategy.objects.published().order_by("title", "slug").values_list("slug", flat=True))

    assert paged == titles
    assert len(set(paged)) == len(paged)


def test_equal_sort_keys_break_ties_by_slug(api):
    # Regression: ordering by updated_at alone let equal timestamps shuffle between pages.
    moment = timezone.now()
    for slug in ("tie-c", "tie-a", "tie-b"):
        make(Category, slug, name="Tie")
    Category.objects.filter(slug__startswith="tie-").update(updated_at=moment)

    ordered = [
        s for s in all_slugs(api, "/api/v1/categories/", ordering="updated_at") if s.startswith("tie-")
    ]

    assert ordered == ["tie-a", "tie-b", "tie-c"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [("title", ["order-a", "order-b"]), ("-title", ["order-b", "order-a"])],
)
def test_ordering_by_title_both_ways(api, ordering, expected):
    category = make(Category, "order-test")
    make(Strategy, "order-b", title="Bbb", categories=[category])
    make(Strategy, "order-a", title="Aaa", categories=[category])

    response = api.get("/api/v1/strategies/", {"category": "order-test", "ordering": ordering})

    assert slugs(response) == expected


def test_ordering_by_updated_at_puts_newest_first_when_descending(api):
    category = make(Category, "recent-test")
    old = make(Strategy, "older-one", categories=[category])
    make(Strategy, "newer-one", categories=[category])
    Strategy.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=3))

    response = api.get("/api/v1/strategies/", {"category": "recent-test", "ordering": "-updated_at"})

    assert slugs(response) == ["newer-one", "older-one"]


@pytest.mark.parametrize("resource", RESOURCES)
def test_updated_since_keeps_recent_changes_and_drops_older_ones(api, resource):
    model = RESOURCES[resource]
    model.objects.update(updated_at=timezone.now() - datetime.timedelta(days=30))
    fresh = model.objects.published().first()
    fresh.save()  # bumps updated_at to now

    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    response = api.get(f"/api/v1/{resource}/", {"updated_since": since})

    assert response.status_code == 200
    assert slugs(response) == [fresh.slug]


def test_updated_since_accepts_a_plain_date(api):
    response = api.get("/api/v1/strategies/", {"updated_since": "2000-01-01"})

    assert response.status_code == 200
    assert response.json()["count"] == Strategy.objects.published().count()


@pytest.mark.parametrize(
    ("resource", "word", "expected"),
    [
        ("strategies", "massage", "massage-therapy"),
        ("conditions", "blunting", "emotional-numbness"),
        ("causes", "glutamate", "gaba-glutamate-imbalance"),
        ("symptoms", "hollow", "feeling-empty"),
        ("faqs", "families", "is-numbness-inherited"),
        ("resources", "suicidal", "988-suicide-and-crisis-lifeline"),
    ],
)
def test_search_finds_items_by_their_words(api, resource, word, expected):
    response = api.get(f"/api/v1/{resource}/", {"search": word})

    assert response.status_code == 200
    assert expected in slugs(response)


def test_search_drops_items_without_the_words(api):
    response = api.get("/api/v1/strategies/", {"search": "massage"})

    assert "mindfulness-meditation" not in slugs(response)
    assert 0 < response.json()["count"] < Strategy.objects.published().count()


def test_search_needs_every_word_to_match(api):
    both = slugs(api.get("/api/v1/strategies/", {"search": "massage withdrawal"}))
    nonsense = api.get("/api/v1/strategies/", {"search": "massage xylophonic"}).json()

    assert "massage-therapy" in both
    assert nonsense["count"] == 0


def test_search_looks_in_the_description_too(api):
    make(Strategy, "deep-text", title="Plain", summary="Plain.", description="Mention of zanzibarian lakes.")

    assert slugs(api.get("/api/v1/strategies/", {"search": "zanzibarian"})) == ["deep-text"]
