"""One envelope for every list: {"count", "next", "previous", "results"}."""

from django.core.paginator import InvalidPage
from rest_framework import pagination
from rest_framework.exceptions import ErrorDetail, NotFound

from numbapi.errors import InvalidQueryParameters


def _positive_int(request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1 or str(value) != raw.strip():
        raise InvalidQueryParameters(
            {name: [ErrorDetail(f"{name} must be a whole number from 1 up.", code="invalid")]}
        )
    return value


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    page_query_description = "Page number, from 1. A page past the last one is a 404."
    page_size_query_description = "Results per page: default 20, at most 100 (larger values are capped)."

    def get_page_size(self, request):
        size = _positive_int(request, self.page_size_query_param)
        if size is None:
            return self.page_size
        return min(size, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        _positive_int(request, self.page_query_param)
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, page_size)
        page_number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(page_number)
        except InvalidPage:
            raise NotFound(
                f"Page {page_number} does not exist; there are {paginator.num_pages} page(s)."
            ) from None
        self.request = request
        return list(self.page)
