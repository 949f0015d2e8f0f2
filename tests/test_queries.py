"""Every list and detail issues a fixed number of SQL queries, whatever its page size."""

import pytest
from django.core.cache import cache

from tests.test_read_api import RESOURCES

pytestmark = pytest.mark.django_db

# Each list: COUNT for the envelope, the page itself, then one query per prefetched relation.
LIST_QUERIES = {
    "conditions": 2,  # count, page
    "causes": 2,  # count, page
    "symptoms": 2,  # count, page
    "strategies": 4,  # count, page, categories, contexts
    "categories": 2,  # count, page
    "contexts": 3,  # count, page, causes
    "sources": 2,  # count, page
    "faqs": 2,  # count, page
    "facts": 7,  # count, page, conditions, causes, symptoms, strategies, sources
    "resources": 3,  # count, page, conditions
}

# Each detail: the item (with select_related parts), then one query per prefetched relation.
DETAIL_QUERIES = {
    # condition; related_conditions, causes, symptoms, strategies, faqs, facts, sources;
    # resources and their conditions
    "conditions": 10,
    "causes": 5,  # cause; conditions, contexts, facts, sources
    "symptoms": 5,  # symptom; conditions, strategies, facts, sources
    "strategies": 9,  # strategy+medication; steps, cautions+context; 6 tag and link relations
    "categories": 1,  # category
    "contexts": 2,  # context; causes
    "sources": 1,  # source
    "faqs": 4,  # faq; conditions, contexts, sources
    "facts": 6,  # fact; conditions, causes, symptoms, strategies, sources
    "resources": 2,  # resource; conditions
}

# Slugs whose details carry every kind of relation, so no prefetch is skipped as empty.
RICH_DETAILS = {
    "conditions": "emotional-numbness",
    "causes": "trauma",
    "symptoms": "isolation",
    "strategies": "massage-therapy",
    "categories": "mindfulness",
    "contexts": "trauma",
    "sources": "seven-steps-emotional-numbness",
    "faqs": "is-emotional-numbness-permanent",
    "facts": "adults-facing-trauma",
    "resources": "988-suicide-and-crisis-lifeline",
}


@pytest.mark.parametrize("page_size", [1, 100])
@pytest.mark.parametrize("resource", RESOURCES)
def test_list_query_count_does_not_grow_with_page_size(api, django_assert_num_queries, resource, page_size):
    with django_assert_num_queries(LIST_QUERIES[resource]):
        response = api.get(f"/api/v1/{resource}/", {"page_size": page_size})

    assert response.status_code == 200
    assert len(response.json()["results"]) == min(page_size, response.json()["count"])


@pytest.mark.parametrize("resource", RESOURCES)
def test_detail_query_count_is_fixed(api, django_assert_num_queries, resource):
    with django_assert_num_queries(DETAIL_QUERIES[resource]):
        response = api.get(f"/api/v1/{resource}/{RICH_DETAILS[resource]}/")

    assert response.status_code == 200


def test_filters_add_one_validation_query_each_whatever_the_page_size(api, django_assert_num_queries):
    params = {"category": "mindfulness,relaxation", "context": "trauma", "search": "breathe"}
    for page_size in (1, 100):
        cache.clear()
        # category and context slugs are each checked once, then count, page, categories, contexts
        with django_assert_num_queries(6):
            api.get("/api/v1/strategies/", {**params, "page_size": page_size})


def test_a_cached_response_needs_no_query_at_all(api, django_assert_num_queries):
    api.get("/api/v1/strategies/")

    with django_assert_num_queries(0):
        assert api.get("/api/v1/strategies/").status_code == 200
