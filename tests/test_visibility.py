"""Only published content is public: no draft, item in review or archived item by any route."""

import pytest

from conditions.models import Cause, Condition, Resource, Source, Symptom
from strategies.models import FAQ, Category, Caution, Context, Fact, Strategy
from tests.conftest import all_slugs, make
from tests.test_read_api import RESOURCES

pytestmark = pytest.mark.django_db

HIDDEN = ["draft", "in_review", "archived"]
WORD = "quetzalcoatlus"  # a word no published item uses


@pytest.mark.parametrize("status", HIDDEN)
@pytest.mark.parametrize("resource", RESOURCES)
def test_unpublished_items_are_in_no_list_search_or_detail(api, resource, status):
    model = RESOURCES[resource]
    make(model, f"hidden-{resource}", status=status, **{model.display_field: f"Hidden {WORD}"})

    assert f"hidden-{resource}" not in all_slugs(api, f"/api/v1/{resource}/")
    assert api.get(f"/api/v1/{resource}/", {"search": WORD}).json()["count"] == 0
    assert api.get(f"/api/v1/{resource}/hidden-{resource}/").status_code == 404


def test_unpublished_items_do_not_change_counts(api):
    before = api.get("/api/v1/strategies/").json()["count"]
    for status in HIDDEN:
        make(Strategy, f"uncounted-{status.replace('_', '-')}", status=status)

    assert api.get("/api/v1/strategies/").json()["count"] == before


# (detail path, relation shown there, model of the hidden related item, how to link it)
NESTED = [
    ("conditions/emotional-numbness", "causes", Cause, "conditions"),
    ("conditions/emotional-numbness", "symptoms", Symptom, "conditions"),
    ("conditions/emotional-numbness", "strategies", Strategy, "conditions"),
    ("conditions/emotional-numbness", "faqs", FAQ, "conditions"),
    ("conditions/emotional-numbness", "facts", Fact, "conditions"),
    ("conditions/emotional-numbness", "resources", Resource, "conditions"),
    ("strategies/massage-therapy", "categories", Category, "strategies"),
    ("strategies/massage-therapy", "contexts", Context, "strategies"),
    ("strategies/massage-therapy", "facts", Fact, "strategies"),
    ("causes/grief", "contexts", Context, "causes"),
    ("symptoms/isolation", "strategies", Strategy, "symptoms"),
    ("contexts/trauma", "causes", Cause, "contexts"),
]


@pytest.mark.parametrize(
    ("path", "relation", "model", "link"), NESTED, ids=[f"{p}:{r}" for p, r, *_ in NESTED]
)
def test_unpublished_items_never_appear_nested_in_a_published_detail(api, path, relation, model, link):
    owner_resource, owner_slug = path.split("/")
    owner = RESOURCES[owner_resource].objects.get(slug=owner_slug)
    hidden = make(model, "nested-draft", status="draft", **{model.display_field: f"Hidden {WORD}"})
    getattr(hidden, link).add(owner)

    body = api.get(f"/api/v1/{path}/").json()

    assert "nested-draft" not in {item["slug"] for item in body[relation]}
    assert WORD not in str(body)


def test_unpublished_tags_never_appear_in_list_rows(api):
    hidden = make(Category, "draft-tag", status="draft")
    Strategy.objects.get(slug="gardening").categories.add(hidden)

    rows = api.get("/api/v1/strategies/", {"search": "gardening"}).json()["results"]

    assert "draft-tag" not in {c["slug"] for row in rows for c in row["categories"]}


def test_a_caution_tied_to_an_unpublished_context_shows_without_the_context(api):
    hidden = make(Context, "draft-situation", status="draft", name=f"Secret {WORD}")
    strategy = Strategy.objects.get(slug="gardening")
    Caution.objects.create(strategy=strategy, position=99, text="Mind the tools.", context=hidden)

    cautions = api.get("/api/v1/strategies/gardening/").json()["cautions"]

    assert {"text": "Mind the tools.", "context": None} in cautions
    assert WORD not in str(cautions)


def test_a_published_source_cited_only_by_drafts_is_still_public(api):
    source = make(Source, "lonely-source")
    make(Strategy, "draft-citing", status="draft", sources=[source])

    assert api.get("/api/v1/sources/lonely-source/").status_code == 200
    assert api.get("/api/v1/strategies/draft-citing/").status_code == 404


def test_a_draft_condition_hides_from_related_conditions(api):
    hidden = make(Condition, "draft-condition", status="draft")
    hidden.related_conditions.add(Condition.objects.get(slug="emotional-numbness"))

    body = api.get("/api/v1/conditions/emotional-numbness/").json()

    assert "draft-condition" not in {c["slug"] for c in body["related_conditions"]}
