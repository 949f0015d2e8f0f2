"""The base viewset every content endpoint shares, and the health checks."""

import hashlib

import reversion
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.utils.cache import quote_etag, set_response_etag
from django.utils.http import parse_etags
from django.views.decorators.cache import never_cache
from rest_framework import viewsets
from rest_framework.exceptions import ErrorDetail, NotAuthenticated, PermissionDenied
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from numbapi import caching
from numbapi.content import Status
from numbapi.errors import (
    PROBLEM_CONTENT_TYPE,
    InvalidQueryParameters,
    PreconditionFailed,
    PreconditionRequired,
    problem,
)
from numbapi.serializers import visible_attr

MAX_PARAM_LENGTH = 200
PUBLIC = (Status.PUBLISHED,)
EVERYTHING = tuple(Status.values)


def guard_query_params(request) -> None:
    """NUL bytes and absurd lengths never reach a filter or the database."""
    errors = {}
    for key, values in request.query_params.lists():
        name = key.replace("\x00", "\\x00")
        for value in values:
            if "\x00" in key or "\x00" in value:
                errors[name] = [
                    ErrorDetail("Must not contain a NUL byte.", code="null_characters_not_allowed")
                ]
            elif len(value) > MAX_PARAM_LENGTH:
                errors[name] = [
                    ErrorDetail(f"Must be at most {MAX_PARAM_LENGTH} characters.", code="max_length")
                ]
    if errors:
        raise InvalidQueryParameters(errors)


def summaries(model, relation: str) -> Prefetch:
    """Prefetch a to-many relation as light summaries of its published items.

    Nested items are always the published ones, for everybody and in previews alike: an
    item reads exactly as apps get it. The result is a plain list (``to_attr``), which
    SummaryField reads: far cheaper than a related manager per item on a page of a hundred.
    """
    related = model._meta.get_field(relation).related_model
    queryset = related.objects.published().only("pk", "slug", "status", related.display_field)
    return Prefetch(
        relation, queryset=queryset.order_by(related.display_field, "slug"), to_attr=visible_attr(relation)
    )


class ContentViewSet(viewsets.ModelViewSet):
    """Read for everyone, write for editors; lists and details by slug."""

    lookup_field = "slug"
    lookup_value_regex = r"[a-z0-9]+(?:-[a-z0-9]+)*"
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    model = None
    list_serializer_class = None

    def initial(self, request, *args, **kwargs):
        guard_query_params(request)
        super().initial(request, *args, **kwargs)
        if self.is_preview:
            self.check_preview_permission(request)

    @property
    def is_preview(self) -> bool:
        asked = self.request.query_params.get("preview") in ("1", "true")
        return asked and self.request.method in ("GET", "HEAD")

    def check_preview_permission(self, request):
        opts = self.model._meta
        if not request.user.is_authenticated:
            raise NotAuthenticated("Log in (session or token) to preview unpublished content.")
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            raise PermissionDenied("Previewing needs permission to view this content.")

    def item_statuses(self) -> tuple:
        """Which items this request can reach: the public sees published ones only."""
        if self.request.method not in ("GET", "HEAD", "OPTIONS") or self.is_preview:
            return EVERYTHING  # editors preview and write any item; permissions were checked first
        return PUBLIC

    def get_queryset(self):
        queryset = self.model.objects.filter(status__in=self.item_statuses())
        if self.action == "list":
            return self.list_queryset(queryset)
        return self.detail_queryset(queryset)

    def list_queryset(self, queryset):
        return queryset

    def detail_queryset(self, queryset):
        return queryset

    def get_serializer_class(self):
        if self.action == "list" and self.list_serializer_class is not None:
            return self.list_serializer_class
        return self.serializer_class

    # --- reads: a server-side cache for anonymous callers --------------------------------

    def list(self, request, *args, **kwargs):
        return self._cached(super().list, request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._cached(super().retrieve, request, *args, **kwargs)

    def _cached(self, handler, request, *args, **kwargs):
        if not caching.is_cacheable(request) or self.is_preview:
            return handler(request, *args, **kwargs)
        key = caching.response_key(request)
        hit = cache.get(key)
        if hit is not None:
            return HttpResponse(hit, content_type="application/json")
        response = handler(request, *args, **kwargs)
        self._cache_key = key
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            if caching.is_cacheable(request) and not self.is_preview:
                caching.mark_public(response)
                key = getattr(self, "_cache_key", None)
                if key is not None:
                    response.render()
                    cache.set(key, response.content, settings.NUMBAPI_CACHE_SECONDS)
            else:
                caching.mark_private(response)
                # ConditionalGetMiddleware skips no-store responses, but an editor's copy
                # needs its ETag to write back with If-Match.
                response.render()
                set_response_etag(response)
        return response

    # --- writes: no lost edits, every change recorded ---------------------------------------

    def representation(self, instance) -> tuple[dict, str]:
        """The item's detail as a GET returns it, read afresh, with the ETag that GET carries."""
        fresh = self.detail_queryset(self.model.objects.filter(pk=instance.pk)).get()
        data = self.serializer_class(fresh, context=self.get_serializer_context()).data
        content = JSONRenderer().render(data)
        return data, quote_etag(hashlib.md5(content, usedforsecurity=False).hexdigest())

    def check_if_match(self, instance) -> None:
        """Refuse a write made from a stale copy: the second of two editors gets a 412."""
        header = self.request.headers.get("If-Match")
        if header is None:
            raise PreconditionRequired()
        if header.strip() == "*":
            return
        if self.representation(instance)[1] not in parse_etags(header):
            raise PreconditionFailed()

    def get_object(self):
        instance = super().get_object()
        # Only real writes: an OPTIONS request also calls get_object, as a pretend PUT.
        if self.action in ("update", "partial_update", "destroy"):
            # Hold the row until the write commits, so two writers cannot both pass the check.
            self.model.objects.select_for_update().filter(pk=instance.pk).exists()
            self.check_if_match(instance)
        return instance

    def _written(self, instance, status_code: int) -> Response:
        # Read the item again: relations prefetched before the write are stale now.
        data, etag = self.representation(instance)
        return Response(data, status=status_code, headers={"ETag": etag, "Location": data["url"]})

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        return self._written(self._saved, 201)

    def update(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self.get_object()
            serializer = self.get_serializer(
                instance, data=request.data, partial=kwargs.get("partial", False)
            )
            serializer.is_valid(raise_exception=True)
            self.perform_update(serializer)
        return self._written(self._saved, 200)

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().destroy(request, *args, **kwargs)

    def _review_fields(self, serializer) -> dict:
        """Publishing is a reviewer's check of the item, so it records a review."""
        old = None if serializer.instance is None else serializer.instance.status
        if serializer.validated_data.get("status") == Status.PUBLISHED and old != Status.PUBLISHED:
            stamp = self.model()
            stamp.mark_reviewed(self.request.user)
            return {f: getattr(stamp, f) for f in ("last_reviewed_at", "reviewed_by", "next_review_due")}
        return {}

    def _save(self, serializer, comment: str):
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(self.request.user)
            reversion.set_comment(comment)
            self._saved = serializer.save(**self._review_fields(serializer))
            # Snapshot again now that relations and parts are saved too.
            reversion.add_to_revision(self._saved)

    def perform_create(self, serializer):
        self._save(serializer, "Created through the API.")

    def perform_update(self, serializer):
        self._save(serializer, "Changed through the API.")

    def perform_destroy(self, instance):
        instance.delete_recoverably(self.request.user, "Deleted through the API.")


@never_cache
def healthz(request):
    """The process answers."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """The database answers; a load balancer sends traffic only when it does."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not ready"
        body = problem(503, f"The database is not reachable: {exc.__class__.__name__}.")
        body["checks"] = {"database": "error"}
        return JsonResponse(body, status=503, content_type=PROBLEM_CONTENT_TYPE)
    return JsonResponse({"status": "ok", "checks": {"database": "ok"}})
