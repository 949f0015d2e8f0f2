"""The base viewset every content endpoint shares, and the health checks."""

from django.db import connection
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from rest_framework import viewsets
from rest_framework.exceptions import ErrorDetail, NotAuthenticated, PermissionDenied

from numbapi import caching
from numbapi.content import Status
from numbapi.errors import PROBLEM_CONTENT_TYPE, InvalidQueryParameters, problem
from numbapi.serializers import visible_attr

MAX_PARAM_LENGTH = 200
PUBLIC = (Status.PUBLISHED,)
# What an editor sees when previewing: everything that is not archived.
PREVIEW = (Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED)
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


def summaries(model, relation: str, statuses) -> Prefetch:
    """Prefetch a to-many relation as light summaries, hiding what the caller may not see.

    The result is a plain list (``to_attr``), which SummaryField reads: far cheaper than a
    related manager and queryset per item on a page of a hundred.
    """
    related = model._meta.get_field(relation).related_model
    queryset = related.objects.filter(status__in=statuses).only("pk", "slug", "status", related.display_field)
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
        return self.request.method in ("GET", "HEAD") and self.request.query_params.get("preview") in (
            "1",
            "true",
        )

    def check_preview_permission(self, request):
        opts = self.model._meta
        if not request.user.is_authenticated:
            raise NotAuthenticated("Log in (session or token) to preview unpublished content.")
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            raise PermissionDenied("Previewing needs permission to view this content.")

    def visible_statuses(self) -> tuple:
        """Statuses this request may see, for the item itself and for nested relations."""
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            return EVERYTHING  # writes find any item; permissions were checked first
        if self.is_preview:
            return PREVIEW
        return PUBLIC

    def get_queryset(self):
        statuses = self.visible_statuses()
        queryset = self.model.objects.filter(status__in=statuses)
        if self.action == "list":
            return self.list_queryset(queryset, statuses)
        return self.detail_queryset(queryset, statuses)

    def list_queryset(self, queryset, statuses):
        return queryset

    def detail_queryset(self, queryset, statuses):
        return queryset

    def get_serializer_class(self):
        if self.action == "list" and self.list_serializer_class is not None:
            return self.list_serializer_class
        return self.serializer_class

    def list(self, request, *args, **kwargs):
        return self._cached(super().list, request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._cached(super().retrieve, request, *args, **kwargs)

    def _cached(self, handler, request, *args, **kwargs):
        if not caching.is_cacheable(request) or self.is_preview:
            return handler(request, *args, **kwargs)
        key = caching.response_key(request)
        hit = caching.cache.get(key)
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
                    caching.cache.set(key, response.content, caching.settings.NUMBAPI_CACHE_SECONDS)
            else:
                caching.mark_private(response)
        return response


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
