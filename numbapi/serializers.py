"""Serializer plumbing shared by every content endpoint."""

import copy
import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import exceptions, serializers
from rest_framework.fields import get_error_detail
from rest_framework.relations import MANY_RELATION_KWARGS
from rest_framework.reverse import reverse

from numbapi.content import SLUG_PATTERN, Status, publish_blockers
from numbapi.markdown import render_markdown

_SLUG = re.compile(SLUG_PATTERN)


def detail_view_name(model) -> str:
    return f"{model._meta.model_name}-detail"


def absolute_url(obj, request) -> str:
    """The item's detail URL. Reversed once per model and request: a list page builds hundreds."""
    model = type(obj)
    prefixes = getattr(request, "_numbapi_url_prefixes", None)
    if prefixes is None:
        prefixes = {}
        if request is not None:
            request._numbapi_url_prefixes = prefixes
    if model not in prefixes:
        placeholder = reverse(detail_view_name(model), kwargs={"slug": "slug"}, request=request)
        prefixes[model] = placeholder[: -len("slug/")]
    return f"{prefixes[model]}{obj.slug}/"


def visible_attr(relation: str) -> str:
    """Where a view's prefetch leaves the visible items of a to-many relation."""
    return f"visible_{relation}"


class SummaryListField(serializers.ManyRelatedField):
    def get_attribute(self, instance):
        prefetched = getattr(instance, visible_attr(self.source), None)
        if prefetched is not None:
            return prefetched
        return super().get_attribute(instance)

    def to_representation(self, iterable):
        # Without the views' prefetch, unpublished items read as None: leave them out.
        return [item for item in super().to_representation(iterable) if item is not None]


class SummaryField(serializers.RelatedField):
    """A related item: read as ``{"slug", <name|title|…>, "url"}``, written as its slug.

    Writing also accepts the summary object itself, so a client can PUT back what it read.
    """

    default_error_messages = {
        "does_not_exist": "There is no {model} with slug {value!r}.",
        "invalid": "Give a slug (a string such as `box-breathing`).",
    }

    def __init__(self, model=None, **kwargs):
        # Read-only fields have no queryset, yet the docs need to know what they point at.
        self.model = model or kwargs["queryset"].model
        super().__init__(**kwargs)

    def to_representation(self, obj):
        if not obj.is_public:
            return None  # a relation to an unpublished item reads as none, as apps get it
        return {
            "slug": obj.slug,
            obj.display_field: obj.label,
            "url": absolute_url(obj, self.context.get("request")),
        }

    def to_internal_value(self, data):
        if isinstance(data, dict):
            data = data.get("slug")
        if not isinstance(data, str) or not _SLUG.match(data) or len(data) > 80:
            self.fail("invalid")
        try:
            return self.get_queryset().get(slug=data)
        except models.ObjectDoesNotExist:
            self.fail("does_not_exist", model=self.get_queryset().model._meta.verbose_name, value=data)

    def use_pk_only_optimization(self):
        return False

    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        for key in kwargs:
            if key in MANY_RELATION_KWARGS:
                list_kwargs[key] = kwargs[key]
        return SummaryListField(**list_kwargs)


class MarkdownHTMLField(serializers.ReadOnlyField):
    """The sanitised HTML rendering of a Markdown field."""

    def to_representation(self, value):
        return render_markdown(value or "")


class LinesField(serializers.ListField):
    """A text field that holds one entry per line, served as a list of strings."""

    child = serializers.CharField(max_length=200)

    def to_representation(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def to_internal_value(self, data):
        items = super().to_internal_value(data)
        for item in items:
            if "\n" in item or "\r" in item:
                raise serializers.ValidationError("Each entry must be a single line.")
        return "\n".join(item.strip() for item in items if item.strip())


class ContentSerializer(serializers.ModelSerializer):
    """Base of every content serializer: slug, url, status and timestamps, model rules enforced.

    The model's own validation (``full_clean``: constraints and ``clean()``) runs on
    every write, so a rule lives once, in the model, and breaks no write with a 500.
    """

    url = serializers.SerializerMethodField(help_text="Absolute link to this item's detail.")

    base_fields = ("slug", "url", "status", "created_at", "updated_at", "last_reviewed_at", "next_review_due")
    base_read_only_fields = ("created_at", "updated_at", "last_reviewed_at", "next_review_due")

    def get_url(self, obj) -> str:
        return absolute_url(obj, self.context.get("request"))

    def get_fields(self):
        fields = super().get_fields()
        for name in self.base_read_only_fields:
            if name in fields:
                fields[name].read_only = True
        return fields

    def _related_values(self, attrs, name):
        if name in attrs:
            return attrs[name]
        return getattr(self.instance, name).all() if self.instance is not None else []

    def validate_slug(self, value):
        if self.instance is not None and value != self.instance.slug:
            raise serializers.ValidationError("A slug never changes once created; apps link to it.")
        return value

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        old_status = None if self.instance is None else self.instance.status
        new_status = attrs.get("status", old_status or model._meta.get_field("status").default)
        request = self.context.get("request")
        if request is not None:
            refusal = model.workflow_refusal(request.user, old_status=old_status, new_status=new_status)
            if refusal:
                raise exceptions.PermissionDenied(refusal)
        errors = {}
        if new_status == Status.PUBLISHED:
            for name, message in publish_blockers(model, lambda name: self._related_values(attrs, name)):
                errors[name] = [message]
        concrete = {f.name for f in model._meta.concrete_fields}
        instance = model() if self.instance is None else copy.copy(self.instance)
        for name, value in attrs.items():
            if name in concrete:
                setattr(instance, name, value)
        try:
            # Uniqueness is checked by the serializer's own validators, with field names.
            instance.full_clean(validate_unique=False)
        except DjangoValidationError as exc:
            errors.update(get_error_detail(exc))
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


def summaries_of(model, relation: str, *, writable: bool = False, **kwargs) -> SummaryField:
    """Summary field for a to-many relation, resolved by name (forward or reverse).

    Resolving by name lets `conditions` show relations declared in `strategies`
    without importing it.
    """
    related = model._meta.get_field(relation).related_model
    if writable:
        return SummaryField(queryset=related.objects.all(), many=True, required=False, **kwargs)
    return SummaryField(model=related, many=True, read_only=True, **kwargs)


_summary_serializers: dict = {}


def summary_serializer_class(model):
    """A named serializer describing a model's summary, so the docs show one component."""
    if model not in _summary_serializers:
        display = model.display_field
        attrs = {
            "slug": serializers.SlugField(help_text=f"The {model._meta.verbose_name}'s slug."),
            display: serializers.CharField(help_text=f"The {model._meta.verbose_name}'s {display}."),
            "url": serializers.URLField(help_text="Absolute link to its detail."),
        }
        _summary_serializers[model] = type(
            f"{model.__name__}SummarySerializer", (serializers.Serializer,), attrs
        )
    return _summary_serializers[model]
