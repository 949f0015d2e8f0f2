"""The editorial workflow: roles, states, review dates, history, no lost edits, preview."""

import datetime

import pytest
from django.utils import timezone
from reversion.models import Version

from conditions.models import Condition, Source
from numbapi.content import REVIEW_INTERVAL
from strategies.models import Category, Fact, Strategy
from tests.conftest import if_match, make
from tests.test_read_api import RESOURCES

pytestmark = pytest.mark.django_db

# The relations a condition's screen is made of, most of them held by the other side.
LINKS = ("causes", "symptoms", "strategies", "faqs", "resources", "related_conditions", "sources")

# --- the permission matrix ------------------------------------------------------------------
# Every content route and method, for each role. Read it as: "<role> doing <action> gets <status>".
ROLES = ("anonymous", "editor", "reviewer", "admin")
MATRIX = {
    #                                    anonymous editor reviewer admin
    "GET list":                           (200,      200,   200,     200),
    "GET published item":                 (200,      200,   200,     200),
    "GET draft item":                     (404,      404,   404,     404),
    "GET draft item with ?preview=1":     (401,      200,   200,     200),
    "HEAD published item":                (200,      200,   200,     200),
    "OPTIONS list":                       (200,      200,   200,     200),
    "POST a draft":                       (401,      201,   201,     201),
    "POST a published item":              (401,      403,   201,     201),
    "PATCH a draft":                      (401,      200,   200,     200),
    "PATCH a draft to in_review":         (401,      200,   200,     200),
    "PATCH a draft to published":         (401,      403,   200,     200),
    "PATCH a published item":             (401,      403,   200,     200),
    "PATCH a published item to archived": (401,      403,   200,     200),
    "PUT a draft":                        (401,      200,   200,     200),
    "PUT a published item":               (401,      403,   200,     200),
    "DELETE a draft":                     (401,      403,   403,     204),
    "DELETE a published item":            (401,      403,   403,     204),
}  # fmt: skip

# What a valid item of each kind needs beyond slug and its display field.
BODIES = {
    "conditions": {"summary": "S.", "sources": ["seven-steps-emotional-numbness"]},
    "causes": {"summary": "S.", "sources": ["seven-steps-emotional-numbness"]},
    "symptoms": {"summary": "S.", "kind": "social", "sources": ["seven-steps-emotional-numbness"]},
    "strategies": {
        "summary": "S.",
        "categories": ["mindfulness"],
        "sources": ["seven-steps-emotional-numbness"],
    },
    "categories": {},
    "contexts": {},
    "sources": {},
    "faqs": {"answer": "A.", "sources": ["seven-steps-emotional-numbness"]},
    "facts": {"figure": "1%", "sources": ["seven-steps-emotional-numbness"]},
    "resources": {"kind": "helpline", "purpose": "P.", "country": "US", "phone": "1"},
}


@pytest.fixture
def clients(api, editor_api, reviewer_api, admin_api):
    return dict(zip(ROLES, (api, editor_api, reviewer_api, admin_api), strict=True))


def _act(client, resource: str, action: str, role: str):
    """Do `action` on fresh items of this role, so roles never see each other's changes."""
    model = RESOURCES[resource]
    base = f"/api/v1/{resource}/"
    label = model.display_field
    extra = {k: v for k, v in BODIES[resource].items() if k not in ("sources", "categories")}
    published, draft = f"published-{role}", f"draft-{role}"
    item = make(model, published, **extra)
    make(model, draft, status="draft", **extra)
    if "sources" in BODIES[resource]:
        item.sources.set(Source.objects.filter(slug="seven-steps-emotional-numbness"))
    if resource == "strategies":
        item.categories.set(Category.objects.filter(slug="mindfulness"))
    body = {"slug": f"new-{role}", label: "New", **BODIES[resource]}

    def write(method, slug, data):
        path = f"{base}{slug}/"
        preview = client.get(path, {"preview": 1})
        headers = {"HTTP_IF_MATCH": preview["ETag"]} if preview.status_code == 200 else {}
        return getattr(client, method)(path, data, format="json", **headers)

    def put(slug):
        # The whole item as read, with one change, as a client replacing it would send it.
        read = client.get(f"{base}{slug}/", {"preview": 1})
        whole = {**read.json(), label: "Changed"} if read.status_code == 200 else {label: "Changed"}
        return write("put", slug, whole)

    return {
        "GET list": lambda: client.get(base),
        "GET published item": lambda: client.get(f"{base}{published}/"),
        "GET draft item": lambda: client.get(f"{base}{draft}/"),
        "GET draft item with ?preview=1": lambda: client.get(f"{base}{draft}/", {"preview": 1}),
        "HEAD published item": lambda: client.head(f"{base}{published}/"),
        "OPTIONS list": lambda: client.options(base),
        "POST a draft": lambda: client.post(base, {**body, "status": "draft"}, format="json"),
        "POST a published item": lambda: client.post(base, {**body, "status": "published"}, format="json"),
        "PATCH a draft": lambda: write("patch", draft, {label: "Changed"}),
        "PATCH a draft to in_review": lambda: write("patch", draft, {"status": "in_review"}),
        "PATCH a draft to published": lambda: write(
            "patch", draft, {**BODIES[resource], "status": "published"}
        ),
        "PATCH a published item": lambda: write("patch", published, {label: "Changed"}),
        "PATCH a published item to archived": lambda: write("patch", published, {"status": "archived"}),
        "PUT a draft": lambda: put(draft),
        "PUT a published item": lambda: put(published),
        "DELETE a draft": lambda: write("delete", draft, None),
        "DELETE a published item": lambda: write("delete", published, None),
    }[action]()


@pytest.mark.parametrize("action", MATRIX)
@pytest.mark.parametrize("resource", RESOURCES)
def test_permission_matrix(clients, resource, action):
    outcomes = {role: _act(clients[role], resource, action, role).status_code for role in ROLES}

    assert outcomes == dict(zip(ROLES, MATRIX[action], strict=True))


# --- editors cannot publish -----------------------------------------------------------------


def test_an_editor_cannot_publish_through_the_api(editor_api):
    make(Strategy, "my-draft", status="draft", categories=list(Category.objects.filter(slug="nature")))
    path = "/api/v1/strategies/my-draft/"

    response = editor_api.patch(path, {"status": "published"}, format="json", **if_match(editor_api, path))

    assert response.status_code == 403
    assert response.json()["detail"].startswith("Only a reviewer can publish")
    assert Strategy.objects.get(slug="my-draft").status == "draft"


@pytest.fixture
def staff(client, editor, reviewer):
    for user in (editor, reviewer):
        user.is_staff = True
        user.save()
    return {"editor": editor, "reviewer": reviewer}


def _change_data(client, model, obj, **changes) -> dict:
    """The admin change form of `obj` as a browser would post it, with `changes`."""
    page = client.get(f"/admin/{model._meta.app_label}/{model._meta.model_name}/{obj.pk}/change/")
    return {**_form_from(page), **changes}


def test_an_editor_cannot_publish_through_the_admin_form(client, staff):
    draft = make(Category, "admin-draft", status="draft")
    client.force_login(staff["editor"])

    page = client.get(f"/admin/strategies/category/{draft.pk}/change/").content.decode()
    response = client.post(
        f"/admin/strategies/category/{draft.pk}/change/",
        _change_data(client, Category, draft, status="published"),
    )

    assert 'value="published"' not in page
    assert response.status_code == 200  # the form comes back with an error
    assert "Select a valid choice" in response.content.decode()
    assert Category.objects.get(slug="admin-draft").status == "draft"


def test_an_editor_cannot_change_a_published_item_in_admin(client, staff):
    nature = Category.objects.get(slug="nature")
    client.force_login(staff["editor"])

    view = client.get(f"/admin/strategies/category/{nature.pk}/change/")
    response = client.post(
        f"/admin/strategies/category/{nature.pk}/change/", {"name": "Renamed", "status": "published"}
    )

    assert view.status_code == 200 and 'name="name"' not in view.content.decode()  # read-only view
    assert response.status_code == 403
    assert Category.objects.get(slug="nature").name != "Renamed"


def test_an_editor_has_no_publish_action(client, staff):
    draft = make(Category, "action-draft", status="draft")
    client.force_login(staff["editor"])

    page = client.get("/admin/strategies/category/").content.decode()
    client.post(
        "/admin/strategies/category/", {"action": "publish", "_selected_action": [draft.pk], "confirm": "yes"}
    )

    assert 'value="submit_for_review"' in page
    assert 'value="publish"' not in page
    assert Category.objects.get(slug="action-draft").status == "draft"


def test_an_editor_submits_a_draft_for_review_after_confirming(client, staff):
    draft = make(Category, "to-submit", status="draft")
    client.force_login(staff["editor"])
    selection = {"action": "submit_for_review", "_selected_action": [draft.pk]}

    confirmation = client.post("/admin/strategies/category/", selection)
    unchanged = Category.objects.get(slug="to-submit").status
    client.post("/admin/strategies/category/", {**selection, "confirm": "yes"})

    assert "are you sure?" in confirmation.content.decode()
    assert unchanged == "draft"
    assert Category.objects.get(slug="to-submit").status == "in_review"


def test_a_reviewer_publishes_with_a_recorded_review(client, staff):
    item = make(
        Strategy, "to-publish", status="in_review", categories=list(Category.objects.filter(slug="nature"))
    )
    item.sources.set(Source.objects.filter(slug="seven-steps-emotional-numbness"))
    client.force_login(staff["reviewer"])

    client.post(
        "/admin/strategies/strategy/", {"action": "publish", "_selected_action": [item.pk], "confirm": "yes"}
    )

    item.refresh_from_db()
    today = timezone.localdate()
    assert item.status == "published"
    assert (item.last_reviewed_at, item.reviewed_by, item.next_review_due) == (
        today,
        staff["reviewer"],
        today + REVIEW_INTERVAL,
    )


def test_publishing_is_refused_without_a_source_or_category(client, staff):
    item = make(Strategy, "bare-draft", status="in_review")
    client.force_login(staff["reviewer"])

    response = client.post(
        "/admin/strategies/strategy/",
        {"action": "publish", "_selected_action": [item.pk], "confirm": "yes"},
        follow=True,
    )

    assert Strategy.objects.get(slug="bare-draft").status == "in_review"
    assert "needs at least one source" in response.content.decode()


def test_archived_items_leave_the_api_but_are_kept(reviewer_api, api):
    path = "/api/v1/strategies/gardening/"

    reviewer_api.patch(path, {"status": "archived"}, format="json", **if_match(reviewer_api, path))

    assert api.get(path).status_code == 404
    assert Strategy.objects.get(slug="gardening").status == "archived"


# --- review dates -----------------------------------------------------------------------------


def test_the_public_api_shows_last_reviewed_and_next_review_due(api):
    body = api.get("/api/v1/strategies/gardening/").json()

    assert body["last_reviewed_at"] == "2026-11-22"
    assert body["next_review_due"] == "2027-11-22"
    assert "reviewed_by" not in body


def test_publishing_through_the_api_records_the_review(reviewer_api, reviewer):
    draft = make(Category, "api-draft", status="draft")
    path = f"/api/v1/categories/{draft.slug}/"

    reviewer_api.patch(path, {"status": "published"}, format="json", **if_match(reviewer_api, path))

    draft.refresh_from_db()
    assert draft.reviewed_by == reviewer
    assert draft.next_review_due == timezone.localdate() + datetime.timedelta(days=365)


def test_a_review_falls_due_12_months_later_unless_a_date_is_set(reviewer):
    item = Category.objects.get(slug="nature")
    chosen = datetime.date(2027, 3, 1)

    item.mark_reviewed(reviewer, today=datetime.date(2026, 1, 10))
    default_due = item.next_review_due
    item.mark_reviewed(reviewer, today=datetime.date(2026, 1, 10), next_due=chosen)

    assert default_due == datetime.date(2027, 1, 10)
    assert item.next_review_due == chosen


def test_admin_lists_filter_overdue_reviews_and_sort_by_due_date(client, admin_user):
    Category.objects.filter(slug="nature").update(next_review_due=datetime.date(2020, 1, 1))
    client.force_login(admin_user)

    overdue = client.get("/admin/strategies/category/", {"review": "overdue"})
    by_due = client.get("/admin/strategies/category/", {"o": "4"})  # the "next review due" column

    assert [c.slug for c in overdue.context["cl"].result_list] == ["nature"]
    assert by_due.context["cl"].result_list[0].slug == "nature"


# --- no lost edits ------------------------------------------------------------------------------


def test_a_write_with_a_stale_etag_is_refused_with_412(reviewer_api, admin_api):
    path = "/api/v1/strategies/gardening/"
    first, second = if_match(reviewer_api, path), if_match(admin_api, path)

    saved = reviewer_api.patch(path, {"summary": "First editor's summary."}, format="json", **first)
    refused = admin_api.patch(path, {"summary": "Second editor's summary."}, format="json", **second)

    assert saved.status_code == 200
    assert refused.status_code == 412
    assert refused.json()["type"] == "urn:numbapi:problem:precondition-failed"
    assert Strategy.objects.get(slug="gardening").summary == "First editor's summary."


def test_the_etag_a_write_returns_allows_the_next_write(reviewer_api):
    path = "/api/v1/strategies/gardening/"
    first = reviewer_api.patch(path, {"summary": "One."}, format="json", **if_match(reviewer_api, path))

    second = reviewer_api.patch(path, {"summary": "Two."}, format="json", HTTP_IF_MATCH=first["ETag"])

    assert second.status_code == 200


def test_the_public_etag_is_accepted_for_a_published_item(api, reviewer_api):
    etag = api.get("/api/v1/strategies/gardening/")["ETag"]

    response = reviewer_api.patch(
        "/api/v1/strategies/gardening/", {"summary": "S."}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 200


def test_a_write_without_if_match_is_refused_with_428(reviewer_api):
    response = reviewer_api.patch("/api/v1/strategies/gardening/", {"summary": "S."}, format="json")

    assert response.status_code == 428
    assert Strategy.objects.get(slug="gardening").summary != "S."


def test_a_stale_admin_save_is_refused_with_a_clear_message(client, admin_user):
    client.force_login(admin_user)
    category = Category.objects.get(slug="nature")
    url = f"/admin/strategies/category/{category.pk}/change/"
    first = _change_data(client, Category, category, description="First.")
    second = _change_data(client, Category, category, description="Second.")

    saved = client.post(url, first)
    refused = client.post(url, second)

    assert saved.status_code == 302
    assert refused.status_code == 200
    assert "Someone else saved this item after you opened it" in refused.content.decode()
    assert Category.objects.get(slug="nature").description == "First."


# --- history -------------------------------------------------------------------------------------


def test_every_api_change_is_recorded_with_who_and_when(reviewer_api, reviewer):
    path = "/api/v1/strategies/gardening/"

    reviewer_api.patch(path, {"steps": ["Dig."]}, format="json", **if_match(reviewer_api, path))

    version = Version.objects.get_for_object(Strategy.objects.get(slug="gardening")).first()
    assert version.revision.user == reviewer
    assert version.revision.date_created > timezone.now() - datetime.timedelta(minutes=1)
    steps = [v.field_dict["text"] for v in version.revision.version_set.all() if v._model.__name__ == "Step"]
    assert steps == ["Dig."]


def test_an_editor_compares_two_versions_and_restores_the_earlier_one(client, admin_user, reviewer_api):
    path = "/api/v1/categories/nature/"
    category = Category.objects.get(slug="nature")
    original = category.description
    reviewer_api.patch(path, {"description": "Version two."}, format="json", **if_match(reviewer_api, path))
    reviewer_api.patch(path, {"description": "Version three."}, format="json", **if_match(reviewer_api, path))
    newest, older = Version.objects.get_for_object(category)[:2]
    client.force_login(admin_user)

    history = client.get(f"/admin/strategies/category/{category.pk}/history/")
    compare = client.get(
        f"/admin/strategies/category/{category.pk}/history/compare/",
        {"version_id1": older.pk, "version_id2": newest.pk},
    )
    restore_form = client.get(f"/admin/strategies/category/{category.pk}/history/{older.pk}/")
    client.post(f"/admin/strategies/category/{category.pk}/history/{older.pk}/", _form_from(restore_form))

    assert history.status_code == 200
    assert history.content.decode().count("Changed through the API.") == 2
    assert compare.status_code == 200
    assert "Version two." in compare.content.decode() and "Version three." in compare.content.decode()
    assert Category.objects.get(slug="nature").description == "Version two."
    assert original != "Version two."


def test_a_deleted_item_can_be_recovered(client, admin_user, admin_api):
    path = "/api/v1/facts/adults-facing-trauma/"
    fact = Fact.objects.get(slug="adults-facing-trauma")
    links = set(fact.conditions.values_list("slug", flat=True))
    admin_api.delete(path, **if_match(admin_api, path))
    client.force_login(admin_user)

    changelist = client.get("/admin/strategies/fact/").content.decode()
    recover_list = client.get("/admin/strategies/fact/recover/")
    version = Version.objects.get_deleted(Fact).get(object_id=str(fact.pk))
    form = client.get(f"/admin/strategies/fact/recover/{version.pk}/")
    client.post(f"/admin/strategies/fact/recover/{version.pk}/", _form_from(form))

    assert 'href="/admin/strategies/fact/recover/"' in changelist
    assert recover_list.status_code == 200
    assert f"/admin/strategies/fact/recover/{version.pk}/" in recover_list.content.decode()
    recovered = Fact.objects.get(slug="adults-facing-trauma")
    assert set(recovered.conditions.values_list("slug", flat=True)) == links


def _form_from(response) -> dict:
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None else value
    for formset in response.context["inline_admin_formsets"]:
        fs = formset.formset
        data.update({f"{fs.prefix}-TOTAL_FORMS": "0", f"{fs.prefix}-INITIAL_FORMS": "0"})
    return data


# --- preview -------------------------------------------------------------------------------------


def test_anonymous_callers_can_never_preview(api):
    make(Strategy, "secret-draft", status="draft")

    response = api.get("/api/v1/strategies/secret-draft/", {"preview": 1})

    assert response.status_code == 401
    assert response.json()["type"] == "urn:numbapi:problem:not-authenticated"


def test_a_user_without_view_permission_cannot_preview(reader_api):
    make(Strategy, "secret-draft", status="draft")

    assert reader_api.get("/api/v1/strategies/secret-draft/", {"preview": 1}).status_code == 403


def test_an_editor_previews_a_draft_exactly_as_apps_will_get_it(editor_api, api):
    draft = make(
        Strategy, "preview-me", status="draft", categories=list(Category.objects.filter(slug="nature"))
    )
    draft_tag = make(Category, "draft-tag", status="draft")
    draft.categories.add(draft_tag)

    preview = editor_api.get("/api/v1/strategies/preview-me/", {"preview": 1})
    Strategy.objects.filter(pk=draft.pk).update(status="published")
    public = api.get("/api/v1/strategies/preview-me/")

    assert preview.status_code == 200
    assert preview["Cache-Control"] == "private, no-store"
    body = preview.json()
    assert body["status"] == "draft"
    assert [c["slug"] for c in body["categories"]] == ["nature"]  # the draft tag is not public
    assert {k: v for k, v in body.items() if k not in ("status", "updated_at")} == {
        k: v for k, v in public.json().items() if k not in ("status", "updated_at")
    }


def test_preview_lists_include_drafts_for_editors(editor_api):
    make(Strategy, "zzz-preview-draft", status="draft", title="Zzqpreview")

    response = editor_api.get("/api/v1/strategies/", {"preview": 1, "search": "zzqpreview"})

    assert [item["slug"] for item in response.json()["results"]] == ["zzz-preview-draft"]


def test_no_route_shows_draft_text_to_anonymous_callers(api):
    word = "xylocarpous"
    for resource, model in RESOURCES.items():
        make(model, f"secret-{resource}", status="draft", **{model.display_field: f"Secret {word}"})

    pages = [api.get(f"/api/v1/{resource}/", {"search": word, "page_size": 100}) for resource in RESOURCES]
    pages += [api.get(f"/api/v1/{resource}/secret-{resource}/") for resource in RESOURCES]
    pages += [api.get("/api/schema/"), api.get("/api/v1/")]

    assert all(word not in page.content.decode() for page in pages)


def test_restoring_one_item_never_rolls_back_another(client, admin_user, reviewer_api):
    # Regression: one revision for a whole load_content or bulk action let a restore of one
    # item silently restore every item in it.
    nature, relaxation = Category.objects.get(slug="nature"), Category.objects.get(slug="relaxation")
    client.force_login(admin_user)
    ids = [nature.pk, relaxation.pk]
    client.post(
        "/admin/strategies/category/", {"action": "mark_reviewed", "_selected_action": ids, "confirm": "yes"}
    )
    path = "/api/v1/categories/relaxation/"
    reviewer_api.patch(path, {"description": "Changed later."}, format="json", **if_match(reviewer_api, path))
    bulk_version = Version.objects.get_for_object(nature).first()

    form = client.get(f"/admin/strategies/category/{nature.pk}/history/{bulk_version.pk}/")
    client.post(f"/admin/strategies/category/{nature.pk}/history/{bulk_version.pk}/", _form_from(form))

    assert bulk_version.revision.version_set.count() == 1
    assert Category.objects.get(slug="relaxation").description == "Changed later."


def test_each_item_loaded_from_the_fixtures_has_its_own_revision():
    strategy = Strategy.objects.get(slug="massage-therapy")

    revision = Version.objects.get_for_object(strategy).first().revision

    models = {version._model.__name__ for version in revision.version_set.all()}
    assert models == {"Strategy", "Step", "Caution"}
    assert revision.comment == "Loaded from fixtures/ by load_content."


def test_a_deleted_condition_comes_back_with_the_links_other_items_hold_to_it(client, admin_user, admin_api):
    # Regression: django-reversion stores only the item's own fields, so a recovered
    # condition came back with no causes, symptoms, strategies, FAQs or resources.
    condition = Condition.objects.get(slug="emotional-detachment")
    before = {name: set(getattr(condition, name).values_list("slug", flat=True)) for name in LINKS}
    path = "/api/v1/conditions/emotional-detachment/"
    admin_api.delete(path, **if_match(admin_api, path))
    version = Version.objects.get_deleted(Condition).get(object_id=str(condition.pk))
    client.force_login(admin_user)

    form = client.get(f"/admin/conditions/condition/recover/{version.pk}/")
    client.post(f"/admin/conditions/condition/recover/{version.pk}/", _form_from(form))

    recovered = Condition.objects.get(slug="emotional-detachment")
    assert {name: set(getattr(recovered, name).values_list("slug", flat=True)) for name in LINKS} == before
    assert all(before.values())


def test_deleting_in_admin_is_recoverable_too(client, admin_user):
    fact = Fact.objects.get(slug="adults-facing-trauma")
    client.force_login(admin_user)

    client.post(f"/admin/strategies/fact/{fact.pk}/delete/", {"post": "yes"})

    last = Version.objects.get_deleted(Fact).get(object_id=str(fact.pk))
    assert not Fact.objects.filter(slug="adults-facing-trauma").exists()
    assert (last.revision.comment, last.revision.user) == ("Deleted in admin.", admin_user)
    assert last.revision.version_set.count() > 1  # the fact and its link rows
