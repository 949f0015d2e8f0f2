"""The write API: who may write, what is validated, what is ignored, nothing lost."""

import pytest
from rest_framework.test import APIClient

from conditions.models import Cause, Condition
from strategies.models import Category, Strategy
from tests.conftest import if_match, make
from tests.test_read_api import RESOURCES

pytestmark = pytest.mark.django_db

NEW_STRATEGY = {
    "slug": "box-breathing",
    "title": "Box breathing",
    "summary": "Breathe in, hold, out and hold again, four counts each.",
    "description": "Sit down.\n\n**Why it helps:** it slows you down.",
    "steps": ["Breathe in for four.", "Hold for four.", "Breathe out for four."],
    "cautions": [
        {"text": "Stop if you feel dizzy."},
        {"text": "Go gently in withdrawal.", "context": "benzodiazepine-withdrawal"},
    ],
    "minutes": 5,
    "time_needed": "5 minutes",
    "effort": "low",
    "categories": ["mindfulness", "relaxation"],
    "contexts": ["anxiety"],
    "conditions": ["emotional-numbness"],
    "symptoms": ["muted-emotions"],
    "sources": ["seven-steps-emotional-numbness"],
    "status": "draft",
}


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_anonymous_writes_are_refused_with_401(api, resource, method):
    item = RESOURCES[resource].objects.published().first()
    path = f"/api/v1/{resource}/" if method == "post" else f"/api/v1/{resource}/{item.slug}/"

    response = getattr(api, method)(path, {"slug": "x"}, format="json")

    assert response.status_code == 401
    assert RESOURCES[resource].objects.filter(pk=item.pk, slug=item.slug).exists()


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_signed_in_users_without_permission_are_refused_with_403(reader_api, resource, method):
    item = RESOURCES[resource].objects.published().first()
    path = f"/api/v1/{resource}/" if method == "post" else f"/api/v1/{resource}/{item.slug}/"

    assert getattr(reader_api, method)(path, {"slug": "x"}, format="json").status_code == 403


def test_reads_need_no_credentials_even_for_users_without_permissions(reader_api):
    assert reader_api.get("/api/v1/strategies/").status_code == 200


def test_an_editor_creates_a_strategy_with_relations_steps_and_cautions(editor_api):
    response = editor_api.post("/api/v1/strategies/", NEW_STRATEGY, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["steps"] == NEW_STRATEGY["steps"]
    assert body["cautions"] == [
        {"text": "Stop if you feel dizzy.", "context": None},
        {
            "text": "Go gently in withdrawal.",
            "context": {
                "slug": "benzodiazepine-withdrawal",
                "name": "Benzodiazepine withdrawal",
                "url": "http://testserver/api/v1/contexts/benzodiazepine-withdrawal/",
            },
        },
    ]
    assert [c["slug"] for c in body["categories"]] == ["mindfulness", "relaxation"]
    strategy = Strategy.objects.get(slug="box-breathing")
    assert strategy.status == "draft"
    assert list(strategy.steps.values_list("position", "text")) == list(enumerate(NEW_STRATEGY["steps"], 1))
    assert set(strategy.sources.values_list("slug", flat=True)) == {"seven-steps-emotional-numbness"}


def test_relations_can_be_written_back_as_the_summaries_that_were_read(editor_api):
    editor_api.post("/api/v1/strategies/", NEW_STRATEGY, format="json")
    path = "/api/v1/strategies/box-breathing/"
    read = editor_api.get(path, {"preview": 1})

    response = editor_api.put(path, read.json(), format="json", HTTP_IF_MATCH=read["ETag"])

    assert response.status_code == 200, response.json()
    assert response.json()["categories"] == read.json()["categories"]


def test_read_only_fields_sent_in_a_write_are_ignored(editor_api):
    payload = {
        **NEW_STRATEGY,
        "id": 999999,
        "created_at": "2000-01-01T00:00:00Z",
        "updated_at": "2000-01-01T00:00:00Z",
        "url": "http://evil.example/",
        "facts": ["pleasure-loss-prevalence"],
    }

    response = editor_api.post("/api/v1/strategies/", payload, format="json")

    assert response.status_code == 201
    strategy = Strategy.objects.get(slug="box-breathing")
    assert strategy.pk != 999999
    assert strategy.created_at.year > 2000
    assert response.json()["url"] == "http://testserver/api/v1/strategies/box-breathing/"
    assert not strategy.facts.exists()


def test_patch_replaces_steps_and_keeps_everything_else(editor_api):
    editor_api.post("/api/v1/strategies/", NEW_STRATEGY, format="json")
    path = "/api/v1/strategies/box-breathing/"

    response = editor_api.patch(
        path, {"steps": ["Just breathe."]}, format="json", **if_match(editor_api, path)
    )

    assert response.status_code == 200
    strategy = Strategy.objects.get(slug="box-breathing")
    assert [s.text for s in strategy.steps.all()] == ["Just breathe."]
    assert strategy.cautions.count() == 2
    assert strategy.categories.count() == 2


def test_a_medicine_strategy_carries_its_medication_block(admin_api):
    payload = {
        **NEW_STRATEGY,
        "slug": "test-medicine",
        "medication": {"drug_class": "Test class", "primary_use": "Testing", "typical_timeline": "2 weeks"},
    }
    path = "/api/v1/strategies/test-medicine/"

    created = admin_api.post("/api/v1/strategies/", payload, format="json")
    cleared = admin_api.patch(path, {"medication": None}, format="json", **if_match(admin_api, path))

    assert created.json()["medication"] == payload["medication"]
    assert cleared.json()["medication"] is None


def test_a_slug_never_changes(reviewer_api):
    path = "/api/v1/strategies/massage-therapy/"

    response = reviewer_api.patch(path, {"slug": "massage"}, format="json", **if_match(reviewer_api, path))

    assert response.status_code == 400
    assert response.json()["errors"][0]["pointer"] == "#/slug"
    assert Strategy.objects.filter(slug="massage-therapy").exists()


def test_a_slug_in_use_is_a_400(editor_api):
    response = editor_api.post(
        "/api/v1/strategies/", {**NEW_STRATEGY, "slug": "massage-therapy"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["pointer"] == "#/slug"


def test_an_unknown_relation_slug_is_a_400_naming_the_field(editor_api):
    response = editor_api.post(
        "/api/v1/strategies/", {**NEW_STRATEGY, "contexts": ["no-such"]}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "detail": "There is no context with slug 'no-such'.",
            "code": "does_not_exist",
            "pointer": "#/contexts",
        }
    ]
    assert not Strategy.objects.filter(slug="box-breathing").exists()


def test_the_models_own_rules_apply_to_api_writes(reviewer_api):
    # A published item needs a summary: a CheckConstraint and Model.clean(), not a 500.
    response = reviewer_api.post(
        "/api/v1/causes/", {"slug": "no-summary", "name": "X", "status": "published"}, format="json"
    )

    assert response.status_code == 400
    pointers = {error["pointer"] for error in response.json()["errors"]}
    assert pointers == {"#/summary", "#/sources"}  # the model's rule and the publishing rule, together
    assert not Cause.objects.filter(slug="no-summary").exists()


def test_a_nul_byte_in_a_body_field_is_a_400(editor_api):
    response = editor_api.post("/api/v1/categories/", {"slug": "nul", "name": "a\x00b"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["pointer"] == "#/name"


def test_a_cause_is_tagged_with_contexts_by_slug(reviewer_api):
    path = "/api/v1/causes/grief/"
    contexts = {"contexts": ["grief", "trauma"]}

    response = reviewer_api.patch(path, contexts, format="json", **if_match(reviewer_api, path))

    assert response.status_code == 200
    assert set(Cause.objects.get(slug="grief").contexts.values_list("slug", flat=True)) == {"grief", "trauma"}


def test_also_known_as_is_written_as_a_list(reviewer_api):
    path = "/api/v1/conditions/emotional-detachment/"
    names = {"also_known_as": ["Detachment", "Cut-off"]}

    response = reviewer_api.patch(path, names, format="json", **if_match(reviewer_api, path))

    assert response.status_code == 200
    assert Condition.objects.get(slug="emotional-detachment").aliases == ["Detachment", "Cut-off"]
    assert response.json()["also_known_as"] == ["Detachment", "Cut-off"]


def test_editors_may_not_delete(editor_api):
    response = editor_api.delete("/api/v1/categories/nature/")

    assert response.status_code == 403
    assert Category.objects.filter(slug="nature").exists()


def test_a_user_with_delete_permission_deletes(admin_api):
    make(Category, "doomed")
    path = "/api/v1/categories/doomed/"

    assert admin_api.delete(path, **if_match(admin_api, path)).status_code == 204
    assert not Category.objects.filter(slug="doomed").exists()


def test_session_writes_need_the_csrf_token(editor):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)

    refused = client.post("/api/v1/categories/", {"slug": "by-session", "name": "S"}, format="json")
    client.get("/admin/login/")  # any page that sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        "/api/v1/categories/", {"slug": "by-session", "name": "S"}, format="json", HTTP_X_CSRFTOKEN=token
    )

    assert refused.status_code == 403
    assert accepted.status_code == 201


def test_a_write_answers_with_the_item_as_it_now_is(reviewer_api):
    # Regression: the response showed relations prefetched before the write.
    path = "/api/v1/strategies/gardening/"

    response = reviewer_api.patch(
        path, {"categories": ["mindfulness"]}, format="json", **if_match(reviewer_api, path)
    )

    assert [c["slug"] for c in response.json()["categories"]] == ["mindfulness"]
    assert response["ETag"] == reviewer_api.get(path)["ETag"]


def test_a_new_draft_answers_with_published_relations_only(editor_api):
    make(Category, "draft-category", status="draft")
    payload = {**NEW_STRATEGY, "categories": ["draft-category", "nature"]}

    response = editor_api.post("/api/v1/strategies/", payload, format="json")

    assert [c["slug"] for c in response.json()["categories"]] == ["nature"]
    assert response["Location"] == "http://testserver/api/v1/strategies/box-breathing/"


def test_put_without_the_medication_block_keeps_it(reviewer_api):
    path = "/api/v1/strategies/ssri-antidepressants/"
    read = reviewer_api.get(path)
    body = {k: v for k, v in read.json().items() if k != "medication"}

    response = reviewer_api.put(path, body, format="json", HTTP_IF_MATCH=read["ETag"])

    assert response.status_code == 200, response.json()
    assert response.json()["medication"] == read.json()["medication"]
    assert Strategy.objects.get(slug="ssri-antidepressants").medication.drug_class


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_options_describes_the_writes_without_taking_a_lock(editor_api):
    # Regression: OPTIONS ran the write lock outside a transaction, a 500 on PostgreSQL;
    # only a test without a surrounding transaction can see it.
    make(Strategy, "options-probe")

    response = editor_api.options("/api/v1/strategies/options-probe/")

    assert response.status_code == 200
