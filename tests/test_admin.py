"""Editors curate in Django admin: every model is there, comfortable, and nothing is lost."""

import re

import pytest
from django.contrib.auth.models import Group

from conditions.models import Cause
from strategies.models import Caution, Medication, Step, Strategy
from tests.test_read_api import RESOURCES

pytestmark = pytest.mark.django_db

ADMIN_PATHS = {
    model: f"/admin/{model._meta.app_label}/{model._meta.model_name}/" for model in RESOURCES.values()
}


@pytest.fixture
def staff_editor(editor):
    editor.is_staff = True
    editor.save()
    return editor


@pytest.mark.parametrize("model", RESOURCES.values(), ids=RESOURCES)
def test_every_content_model_has_a_working_list_add_and_change_page(client, admin_user, model):
    client.force_login(admin_user)
    item = model.objects.published().first()

    listing = client.get(ADMIN_PATHS[model], {"q": item.slug, "status__exact": "published"})
    add = client.get(ADMIN_PATHS[model] + "add/")
    change = client.get(f"{ADMIN_PATHS[model]}{item.pk}/change/")

    assert listing.status_code == add.status_code == change.status_code == 200
    assert item.slug in listing.content.decode()


@pytest.mark.parametrize("model", RESOURCES.values(), ids=RESOURCES)
def test_the_slug_is_prefilled_from_the_name_on_add_and_fixed_afterwards(client, admin_user, model):
    client.force_login(admin_user)
    item = model.objects.published().first()

    add = client.get(ADMIN_PATHS[model] + "add/").content.decode()
    change = client.get(f"{ADMIN_PATHS[model]}{item.pk}/change/").content.decode()

    assert f'"dependency_ids": ["#id_{model.display_field}"]' in add.replace("&quot;", '"')
    assert 'name="slug"' in add
    assert 'name="slug"' not in change
    assert 'name="created_at"' not in change  # timestamps are read-only


def test_tags_use_a_two_pane_selector_and_links_an_autocomplete(client, admin_user):
    client.force_login(admin_user)

    page = client.get(ADMIN_PATHS[Strategy] + "add/").content.decode()

    for tag in ("categories", "contexts"):
        assert re.search(
            rf'<select [^>]*class="selectfilter"[^>]*id="id_{tag}"|id="id_{tag}"[^>]*class="selectfilter"',
            page,
        )
    for link in ("conditions", "symptoms", "sources"):
        assert re.search(
            rf'<select [^>]*id="id_{link}"[^>]*admin-autocomplete|admin-autocomplete[^>]*id="id_{link}"', page
        )


def test_the_autocomplete_finds_items_by_name(client, admin_user):
    client.force_login(admin_user)
    query = {"app_label": "strategies", "model_name": "strategy", "field_name": "sources", "term": "benzo"}

    response = client.get("/admin/autocomplete/", query)

    assert [r["text"] for r in response.json()["results"]] == [
        "Emotional blunting in benzodiazepine withdrawal"
    ]


def test_each_item_links_to_its_api_json(client, admin_user):
    client.force_login(admin_user)

    page = client.get(ADMIN_PATHS[Strategy]).content.decode()

    assert 'href="/api/v1/strategies/massage-therapy/"' in page


def test_saving_a_strategy_in_admin_keeps_its_steps_cautions_and_tags(client, admin_user):
    client.force_login(admin_user)
    strategy = Strategy.objects.get(slug="massage-therapy")
    before = (
        list(strategy.steps.values_list("text", flat=True)),
        list(strategy.cautions.values_list("text", "context__slug")),
        set(strategy.categories.values_list("slug", flat=True)),
    )
    page = client.get(f"{ADMIN_PATHS[Strategy]}{strategy.pk}/change/")
    form = page.context["adminform"].form
    data = _form_data(form)
    for formset in page.context["inline_admin_formsets"]:
        data.update(_formset_data(formset.formset))
    data["summary"] = "A gentler summary."

    response = client.post(f"{ADMIN_PATHS[Strategy]}{strategy.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    strategy.refresh_from_db()
    after = (
        list(strategy.steps.values_list("text", flat=True)),
        list(strategy.cautions.values_list("text", "context__slug")),
        set(strategy.categories.values_list("slug", flat=True)),
    )
    assert strategy.summary == "A gentler summary."
    assert after == before


def test_a_cause_is_tagged_with_contexts_in_admin(client, admin_user):
    client.force_login(admin_user)

    page = client.get(f"{ADMIN_PATHS[Cause]}{Cause.objects.get(slug='grief').pk}/change/").content.decode()

    assert "contexts (life situations this cause belongs to)" in page.lower()
    assert 'name="Context_causes-0-context"' in page


def test_editors_group_can_view_add_and_change_content_but_not_users_or_groups():
    codenames = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))

    for model in RESOURCES.values():
        name = model._meta.model_name
        assert {f"view_{name}", f"add_{name}", f"change_{name}"} <= codenames
        assert f"delete_{name}" not in codenames
    assert not {c for c in codenames if c.endswith(("_user", "_group", "_permission"))}


def test_an_editor_can_use_the_admin_but_not_the_user_pages(client, staff_editor):
    client.force_login(staff_editor)

    assert client.get(ADMIN_PATHS[Strategy]).status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403


def _form_data(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if hasattr(value, "all"):
            value = [obj.pk for obj in value.all()]
        if isinstance(value, list):
            data[name] = [v.pk if hasattr(v, "pk") else v for v in value]
        elif value is None:
            data[name] = ""
        else:
            data[name] = getattr(value, "pk", value)
    return data


def _formset_data(formset) -> dict:
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(len(formset.forms)),
        f"{formset.prefix}-INITIAL_FORMS": str(formset.initial_form_count()),
        f"{formset.prefix}-MIN_NUM_FORMS": "0",
        f"{formset.prefix}-MAX_NUM_FORMS": "1000",
    }
    for form in formset.forms:
        for name, value in _form_data(form).items():
            if form.instance.pk is None and name not in ("id",):
                continue
            data[f"{form.prefix}-{name}"] = value
    return data


def test_steps_without_a_position_are_added_in_order_at_the_end(client, admin_user):
    client.force_login(admin_user)
    strategy = Strategy.objects.get(slug="hydration")
    before = list(strategy.steps.values_list("text", flat=True))
    page = client.get(f"{ADMIN_PATHS[Strategy]}{strategy.pk}/change/")
    data = _form_data(page.context["adminform"].form)
    data["loaded_version"] = strategy.version
    for formset in page.context["inline_admin_formsets"]:
        data.update(_formset_data(formset.formset))
    prefix = "steps"
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    for offset, text in enumerate(["Fill a glass.", "Drink it slowly."]):
        data[f"{prefix}-{total + offset}-text"] = text
        data[f"{prefix}-{total + offset}-position"] = ""
    data[f"{prefix}-TOTAL_FORMS"] = str(total + 2)

    response = client.post(f"{ADMIN_PATHS[Strategy]}{strategy.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    steps = list(strategy.steps.order_by("position").values_list("position", "text"))
    assert [text for _position, text in steps] == [*before, "Fill a glass.", "Drink it slowly."]
    assert [position for position, _text in steps] == list(range(1, len(before) + 3))


@pytest.mark.parametrize(
    "model", [*RESOURCES.values(), Step, Caution, Medication], ids=lambda model: model.__name__
)
def test_every_field_explains_itself_to_editors_and_app_developers(model):
    # help_text reaches the admin forms and, through drf-spectacular, the OpenAPI docs.
    missing = [
        field.name
        for field in model._meta.get_fields()
        if field.concrete and not field.auto_created and not getattr(field, "help_text", "")
    ]

    assert missing == []
