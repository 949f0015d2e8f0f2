"""Apps keep an offline copy in step with ?updated_since=: an item counts as changed whenever
anything its detail shows changed, including the names, status and links of related items."""

import datetime

import pytest
from django.utils import timezone

from conditions.models import Condition, Resource
from strategies.models import Category, Strategy
from tests.conftest import make, slugs
from tests.test_read_api import RESOURCES

pytestmark = pytest.mark.django_db


@pytest.fixture
def since():
    """Every item last changed a month ago; returns a moment after that."""
    month_ago = timezone.now() - datetime.timedelta(days=30)
    for model in RESOURCES.values():
        model.objects.update(updated_at=month_ago)
    return (timezone.now() - datetime.timedelta(minutes=1)).isoformat()


def changed(api, resource: str, since: str) -> list[str]:
    return slugs(api.get(f"/api/v1/{resource}/", {"updated_since": since, "page_size": 100}))


def test_tagging_a_strategy_with_a_condition_changes_the_condition(api, since):
    Strategy.objects.get(slug="gardening").conditions.add(Condition.objects.get(slug="emotional-detachment"))

    assert changed(api, "conditions", since) == ["emotional-detachment"]
    assert changed(api, "strategies", since) == ["gardening"]


def test_renaming_a_category_changes_its_strategies(api, since):
    category = Category.objects.get(slug="nature")
    category.name = "Nature and the open air"
    category.save()

    assert set(changed(api, "strategies", since)) == set(
        category.strategies.published().values_list("slug", flat=True)
    )
    assert changed(api, "categories", since) == ["nature"]


def test_publishing_a_strategy_changes_the_conditions_that_now_list_it(api, since):
    draft = make(
        Strategy,
        "late-arrival",
        status="draft",
        conditions=[Condition.objects.get(slug="emotional-detachment")],
    )
    Condition.objects.update(updated_at=timezone.now() - datetime.timedelta(days=30))

    draft.status = "published"
    draft.save()

    assert changed(api, "conditions", since) == ["emotional-detachment"]


def test_changing_a_crisis_line_changes_every_condition_screen_showing_it(api, since):
    line = Resource.objects.get(slug="988-suicide-and-crisis-lifeline")
    line.hours = "Always: 24 hours a day, 7 days a week"
    line.save()

    assert set(changed(api, "conditions", since)) == set(line.conditions.values_list("slug", flat=True))


def test_an_edit_that_related_items_do_not_show_leaves_them_alone(api, since):
    # Otherwise editors with a related item open in admin would be told someone else saved it.
    category = Category.objects.get(slug="nature")
    category.description = "A new description, shown only on the category itself."
    category.save()

    assert changed(api, "strategies", since) == []
    assert changed(api, "categories", since) == ["nature"]


def test_deleting_an_item_changes_the_items_that_showed_it(api, since):
    Strategy.objects.get(slug="gardening").delete()

    assert "nature" in changed(api, "categories", since)
