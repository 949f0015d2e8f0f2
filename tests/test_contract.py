"""Whole payloads, so that an accidental field change fails loudly: the contract apps ship against."""

import datetime

import pytest

from conditions.models import Cause, Condition, Resource, Source, Symptom
from strategies.models import FAQ, Category, Caution, Context, Fact, Medication, Step, Strategy
from tests.conftest import make

pytestmark = pytest.mark.django_db

API = "http://testserver/api/v1"


def iso(moment: datetime.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def summary(resource: str, slug: str, **label) -> dict:
    return {"slug": slug, **label, "url": f"{API}/{resource}/{slug}/"}


@pytest.fixture
def world():
    source = make(Source, "test-source", title="A test article", publisher="Test Press")
    category = make(Category, "test-category", name="Test category", description="For *tests*.")
    context = make(Context, "test-context", name="Test context")
    condition = make(
        Condition, "test-condition", name="Test condition", also_known_as="Other name\nThird name"
    )
    symptom = make(Symptom, "test-symptom", name="Test symptom", kind="social", conditions=[condition])
    cause = make(Cause, "test-cause", name="Test cause", description="Why.", conditions=[condition])
    cause.contexts.add(context)
    strategy = make(
        Strategy,
        "test-strategy",
        title="Test strategy",
        summary="Do the test thing.",
        description="Do it.\n\n**Why it helps:** tests.",
        minutes=10,
        time_needed="10 minutes a day",
        effort="medium",
        categories=[category],
        contexts=[context],
        conditions=[condition],
        symptoms=[symptom],
        sources=[source],
    )
    Step.objects.create(strategy=strategy, position=1, text="First.")
    Step.objects.create(strategy=strategy, position=2, text="Second.")
    Caution.objects.create(strategy=strategy, position=1, text="Careful.", context=context)
    Medication.objects.create(
        strategy=strategy, drug_class="Tests", primary_use="Testing", typical_timeline="A week"
    )
    fact = make(
        Fact, "test-fact", statement="One article reports 50%.", strategies=[strategy], sources=[source]
    )
    faq = make(
        FAQ, "test-faq", question="Is this a test?", answer="Yes.", conditions=[condition], contexts=[context]
    )
    resource = make(
        Resource,
        "test-line",
        name="Test line",
        sms="123",
        website="https://line.example",
        conditions=[condition],
    )
    return locals()


def test_strategy_list_row(api, world):
    strategy = Strategy.objects.get(slug="test-strategy")

    row = api.get("/api/v1/strategies/", {"category": "test-category"}).json()["results"][0]

    assert row == {
        "slug": "test-strategy",
        "url": f"{API}/strategies/test-strategy/",
        "title": "Test strategy",
        "summary": "Do the test thing.",
        "minutes": 10,
        "time_needed": "10 minutes a day",
        "effort": "medium",
        "categories": [summary("categories", "test-category", name="Test category")],
        "contexts": [summary("contexts", "test-context", name="Test context")],
        "updated_at": iso(strategy.updated_at),
    }


def test_strategy_detail(api, world):
    strategy = Strategy.objects.get(slug="test-strategy")

    body = api.get("/api/v1/strategies/test-strategy/").json()

    assert body == {
        "slug": "test-strategy",
        "url": f"{API}/strategies/test-strategy/",
        "status": "published",
        "created_at": iso(strategy.created_at),
        "updated_at": iso(strategy.updated_at),
        "last_reviewed_at": None,
        "next_review_due": None,
        "title": "Test strategy",
        "summary": "Do the test thing.",
        "description": "Do it.\n\n**Why it helps:** tests.",
        "description_html": "<p>Do it.</p>\n<p><strong>Why it helps:</strong> tests.</p>",
        "steps": ["First.", "Second."],
        "cautions": [
            {"text": "Careful.", "context": summary("contexts", "test-context", name="Test context")}
        ],
        "minutes": 10,
        "time_needed": "10 minutes a day",
        "effort": "medium",
        "medication": {"drug_class": "Tests", "primary_use": "Testing", "typical_timeline": "A week"},
        "categories": [summary("categories", "test-category", name="Test category")],
        "contexts": [summary("contexts", "test-context", name="Test context")],
        "conditions": [summary("conditions", "test-condition", name="Test condition")],
        "symptoms": [summary("symptoms", "test-symptom", name="Test symptom")],
        "facts": [summary("facts", "test-fact", statement="One article reports 50%.")],
        "sources": [summary("sources", "test-source", title="A test article")],
    }


def test_condition_detail_is_a_whole_screen(api, world):
    condition = Condition.objects.get(slug="test-condition")
    line = Resource.objects.get(slug="test-line")

    body = api.get("/api/v1/conditions/test-condition/").json()

    assert body == {
        "slug": "test-condition",
        "url": f"{API}/conditions/test-condition/",
        "status": "published",
        "created_at": iso(condition.created_at),
        "updated_at": iso(condition.updated_at),
        "last_reviewed_at": None,
        "next_review_due": None,
        "name": "Test condition",
        "also_known_as": ["Other name", "Third name"],
        "summary": "A test condition.",
        "description": "",
        "description_html": "",
        "related_conditions": [],
        "causes": [summary("causes", "test-cause", name="Test cause")],
        "symptoms": [summary("symptoms", "test-symptom", name="Test symptom")],
        "strategies": [summary("strategies", "test-strategy", title="Test strategy")],
        "faqs": [summary("faqs", "test-faq", question="Is this a test?")],
        "facts": [],
        "resources": [
            {
                "slug": "test-line",
                "url": f"{API}/resources/test-line/",
                "status": "published",
                "created_at": iso(line.created_at),
                "updated_at": iso(line.updated_at),
                "last_reviewed_at": None,
                "next_review_due": None,
                "name": "Test line",
                "kind": "crisis",
                "purpose": "Test support.",
                "when_to_contact": "",
                "phone": "000",
                "sms": "123",
                "website": "https://line.example",
                "country": "US",
                "hours": "",
                "conditions": [summary("conditions", "test-condition", name="Test condition")],
            }
        ],
        "sources": [],
    }


def test_cause_symptom_faq_fact_and_context_details(api, world):
    cause = api.get("/api/v1/causes/test-cause/").json()
    symptom = api.get("/api/v1/symptoms/test-symptom/").json()
    faq = api.get("/api/v1/faqs/test-faq/").json()
    fact = api.get("/api/v1/facts/test-fact/").json()
    context = api.get("/api/v1/contexts/test-context/").json()
    category = api.get("/api/v1/categories/test-category/").json()
    source = api.get("/api/v1/sources/test-source/").json()

    assert cause["contexts"] == [summary("contexts", "test-context", name="Test context")]
    assert cause["description_html"] == "<p>Why.</p>"
    assert symptom["kind"] == "social"
    assert symptom["strategies"] == [summary("strategies", "test-strategy", title="Test strategy")]
    assert faq["answer_html"] == "<p>Yes.</p>"
    assert fact["figure"] == "50%"
    assert fact["strategies"] == [summary("strategies", "test-strategy", title="Test strategy")]
    assert context["causes"] == [summary("causes", "test-cause", name="Test cause")]
    assert category["description_html"] == "<p>For <em>tests</em>.</p>"
    assert {k: source[k] for k in ("title", "publisher", "link", "date", "note")} == {
        "title": "A test article",
        "publisher": "Test Press",
        "link": "",
        "date": None,
        "note": "",
    }


@pytest.mark.parametrize(
    ("resource", "keys"),
    [
        ("conditions", ["slug", "url", "name", "also_known_as", "summary", "updated_at"]),
        ("causes", ["slug", "url", "name", "summary", "updated_at"]),
        ("symptoms", ["slug", "url", "name", "summary", "kind", "updated_at"]),
        ("faqs", ["slug", "url", "question", "updated_at"]),
    ],
)
def test_list_rows_stay_light(api, world, resource, keys):
    row = api.get(f"/api/v1/{resource}/").json()["results"][0]

    assert list(row) == keys
