"""Filtering, search and ordering shared by every list endpoint.

Rules apps rely on: filters take slugs; a repeated parameter or a comma-separated list
means "any of"; different parameters narrow together; an unknown slug, value or
ordering is a 400 that names the parameter, never an empty 200 that hides a typo.
"""

import datetime

import django_filters
from django import forms
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters as drf_filters
from rest_framework.exceptions import ErrorDetail

from numbapi.content import Status
from numbapi.errors import InvalidQueryParameters


class SlugListWidget(forms.SelectMultiple):
    """Reads ``?x=a&x=b`` and ``?x=a,b`` alike."""

    def value_from_datadict(self, data, files, name):
        values = super().value_from_datadict(data, files, name) or []
        return [part.strip() for value in values for part in value.split(",") if part.strip()]


class SlugFilter(django_filters.ModelMultipleChoiceFilter):
    """Filter by the slugs of published related items ("any of")."""

    def __init__(self, *args, related_model, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("widget", SlugListWidget)
        kwargs.setdefault("queryset", related_model.objects.filter(status=Status.PUBLISHED))
        label = related_model._meta.verbose_name
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": f"Unknown {label} slug: %(value)s.",
                "invalid_pk_value": f"Unknown {label} slug.",
            },
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        # A subquery rather than a join keeps each item once without DISTINCT.
        matching = qs.model.objects.filter(**{f"{self.field_name}__in": value}).values("pk")
        return qs.filter(pk__in=matching)


class ChoiceListFilter(django_filters.MultipleChoiceFilter):
    """Filter by one or more values of a choices field ("any of")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", SlugListWidget)
        super().__init__(*args, **kwargs)
        self.extra.setdefault("error_messages", {"invalid_choice": "Unknown value: %(value)s."})


class InRangeIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    def clean(self, value):
        value = super().clean(value)
        try:
            # The database compares in UTC; a moment that has no UTC date is a bad value.
            if value is not None:
                value.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError("This moment is out of range.", code="invalid") from None
        return value


class UpdatedSinceFilter(django_filters.IsoDateTimeFilter):
    field_class = InRangeIsoDateTimeField


class ContentFilterSet(django_filters.FilterSet):
    updated_since = UpdatedSinceFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text=(
            "Only items changed at or after this moment (ISO 8601, e.g. `2026-01-31T00:00:00Z`), "
            "counting changes to the names, status and links of the items they show. Use it to "
            "sync an app's offline copy; items no longer published are not listed, so compare "
            "your copy's slugs with a full list now and then to drop them."
        ),
    )


class FilterBackend(DjangoFilterBackend):
    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None and not filterset.is_valid():
            raise InvalidQueryParameters(
                {
                    name: [ErrorDetail(" ".join(error.messages), code=error.code) for error in errors]
                    for name, errors in filterset.form.errors.as_data().items()
                }
            )
        return filterset


class SearchFilter(drf_filters.SearchFilter):
    search_description = (
        "Words to look for in the item's name or title, summary and text. Every word must "
        "match; case does not matter."
    )


class OrderingFilter(drf_filters.OrderingFilter):
    """DRF's ordering, but an unknown field is a 400 and ties always break by slug."""

    ordering_description = "Sort order: a field name, `-` in front for descending."

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params:
            fields = [param.strip() for param in params.split(",") if param.strip()]
            allowed = {name for name, _label in self.get_valid_fields(queryset, view, {"request": request})}
            unknown = [f for f in fields if f.lstrip("-") not in allowed]
            if unknown or not fields:
                choices = ", ".join(sorted(allowed))
                raise InvalidQueryParameters(
                    {
                        self.ordering_param: [
                            f"Unknown ordering {', '.join(unknown) or params!r}; use one of: {choices}."
                        ]
                    }
                )
            ordering = fields
        else:
            ordering = list(self.get_default_ordering(view) or [])
        if "slug" not in {f.lstrip("-") for f in ordering}:
            ordering.append("slug")
        return ordering

    def get_schema_operation_parameters(self, view):
        params = super().get_schema_operation_parameters(view)
        fields = getattr(view, "ordering_fields", None) or []
        for param in params:
            param["schema"] = {"type": "string", "enum": [*fields, *[f"-{f}" for f in fields]]}
        return params


def filterset_for(model):
    """The filter set of a list that has no filters beyond ``updated_since``."""
    meta = type("Meta", (), {"model": model, "fields": ["updated_since"]})
    return type(f"{model.__name__}Filter", (ContentFilterSet,), {"Meta": meta})
