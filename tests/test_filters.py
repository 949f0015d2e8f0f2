"""Every filter both ways: what it keeps, what it drops, "any of", narrowing, unknown slugs."""

import pytest

from conditions.models import Cause, Condition, Symptom
from strategies.models import FAQ, Category, Context, Strategy
from tests.conftest import make, slugs

pytestmark = pytest.mark.django_db

# (list path, parameter, item model, relation on the item, tag model)
SLUG_FILTERS = [
    ("strategies", "category", Strategy, "categories", Category),
    ("strategies", "context", Strategy, "contexts", Context),
    ("strategies", "condition", Strategy, "conditions", Condition),
    ("strategies", "symptom", Strategy, "symptoms", Symptom),
    ("causes", "condition", Cause, "conditions", Condition),
    ("causes", "context", Cause, "contexts", Context),
    ("symptoms", "condition", Symptom, "conditions", Condition),
    ("faqs", "condition", FAQ, "conditions", Condition),
    ("faqs", "context", FAQ, "contexts", Context),
]
IDS = [f"{path}?{param}" for path, param, *_ in SLUG_FILTERS]


def _tagged(item_model, relation, tag_model):
    tag_a, tag_b = make(tag_model, "tag-a"), make(tag_model, "tag-b")
    make(item_model, "item-a", **{relation: [tag_a]})
    make(item_model, "item-b", **{relation: [tag_b]})
    make(item_model, "item-none")


@pytest.mark.parametrize(("path", "param", "item_model", "relation", "tag_model"), SLUG_FILTERS, ids=IDS)
def test_slug_filter_keeps_tagged_items_and_drops_the_rest(api, path, param, item_model, relation, tag_model):
    _tagged(item_model, relation, tag_model)

    response = api.get(f"/api/v1/{path}/", {param: "tag-a", "page_size": 100})

    assert response.status_code == 200
    assert slugs(response) == ["item-a"]


@pytest.mark.parametrize(("path", "param", "item_model", "relation", "tag_model"), SLUG_FILTERS, ids=IDS)
def test_repeated_or_comma_separated_slugs_mean_any_of(api, path, param, item_model, relation, tag_model):
    _tagged(item_model, relation, tag_model)

    repeated = api.get(f"/api/v1/{path}/?{param}=tag-a&{param}=tag-b")
    commas = api.get(f"/api/v1/{path}/", {param: "tag-a,tag-b"})

    assert sorted(slugs(repeated)) == ["item-a", "item-b"]
    assert sorted(slugs(commas)) == ["item-a", "item-b"]


@pytest.mark.parametrize(("path", "param", "item_model", "relation", "tag_model"), SLUG_FILTERS, ids=IDS)
def test_unknown_filter_slug_is_a_400_naming_the_parameter(api, path, param, item_model, relation, tag_model):
    response = api.get(f"/api/v1/{path}/", {param: "no-such-slug"})

    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "urn:numbapi:problem:invalid-parameter"
    assert body["errors"] == [
        {
            "detail": f"Unknown {tag_model._meta.verbose_name} slug: no-such-slug.",
            "code": "invalid_choice",
            "parameter": param,
        }
    ]


def test_an_item_matching_two_of_the_slugs_appears_once(api):
    a, b = make(Category, "tag-a"), make(Category, "tag-b")
    make(Strategy, "both-tags", categories=[a, b])

    response = api.get("/api/v1/strategies/", {"category": "tag-a,tag-b"})

    assert slugs(response) == ["both-tags"]
    assert response.json()["count"] == 1


def test_a_draft_tag_is_unknown_to_filters(api):
    make(Category, "secret-tag", status="draft")

    assert api.get("/api/v1/strategies/", {"category": "secret-tag"}).status_code == 400


def test_different_parameters_narrow_together(api):
    calm, move = make(Category, "calm-test"), make(Category, "move-test")
    grief = make(Context, "grief-test")
    make(Strategy, "calm-grief", categories=[calm], contexts=[grief])
    make(Strategy, "calm-only", categories=[calm])
    make(Strategy, "move-grief", categories=[move], contexts=[grief])

    response = api.get("/api/v1/strategies/", {"category": "calm-test", "context": "grief-test"})

    assert slugs(response) == ["calm-grief"]


def test_benzodiazepine_withdrawal_context_finds_strategies_from_that_article(api):
    response = api.get("/api/v1/strategies/", {"context": "benzodiazepine-withdrawal", "page_size": 100})

    found = slugs(response)
    assert "massage-therapy" in found
    assert "emdr-therapy" not in found


@pytest.mark.parametrize(
    ("kinds", "expected"), [("physical", ["body-sign"]), ("physical,social", ["body-sign", "people-sign"])]
)
def test_symptom_kind_filter_keeps_those_kinds_and_drops_others(api, kinds, expected):
    condition = make(Condition, "kind-test")
    make(Symptom, "body-sign", kind="physical", conditions=[condition])
    make(Symptom, "people-sign", kind="social", conditions=[condition])
    make(Symptom, "mood-sign", kind="emotional", conditions=[condition])

    response = api.get("/api/v1/symptoms/", {"condition": "kind-test", "kind": kinds})

    assert sorted(slugs(response)) == expected


def test_unknown_symptom_kind_is_a_400(api):
    response = api.get("/api/v1/symptoms/", {"kind": "spiritual"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "kind"


def test_unknown_ordering_is_a_400_listing_the_choices(api):
    response = api.get("/api/v1/strategies/", {"ordering": "popularity"})

    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["parameter"] == "ordering"
    assert "title, updated_at" in error["detail"]
