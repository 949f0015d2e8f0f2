"""Every API error as an RFC 9457 problem-details document.

Shape: ``{"type", "title", "status", "detail"}`` plus, for validation errors, an
``errors`` list naming each failing query ``parameter`` or body field (``pointer``, a
JSON Pointer into the request body). ``type`` is a stable URN an app can switch on.
"""

import logging
import math

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.views.defaults import bad_request, page_not_found, permission_denied, server_error
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:numbapi:problem:"

# status -> (type slug, title)
PROBLEMS = {
    400: ("invalid-request", "The request is not valid."),
    401: ("not-authenticated", "Authentication is required."),
    403: ("permission-denied", "You do not have permission to do this."),
    404: ("not-found", "Not found."),
    405: ("method-not-allowed", "This method is not allowed here."),
    406: ("not-acceptable", "The requested media type cannot be served."),
    409: ("conflict", "The request conflicts with the current content."),
    412: ("precondition-failed", "The item changed since you read it."),
    415: ("unsupported-media-type", "The request body's media type is not supported."),
    428: ("precondition-required", "This write needs an If-Match header."),
    429: ("throttled", "Too many requests."),
    500: ("server-error", "Something went wrong on our side."),
    503: ("unavailable", "The service is not ready."),
}


class InvalidQueryParameters(exceptions.ValidationError):
    """A validation error about query parameters rather than the request body."""

    default_code = "invalid_parameter"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The item was changed by someone else since you read it. Reload and try again."
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "Send the item's ETag in an If-Match header to change it."
    default_code = "precondition_required"


def problem(status_code: int, detail: str, *, type_slug: str | None = None, **extra) -> dict:
    slug, title = PROBLEMS.get(status_code, PROBLEMS[500 if status_code >= 500 else 400])
    body = {
        "type": TYPE_PREFIX + (type_slug or slug),
        "title": title,
        "status": status_code,
        "detail": str(detail),
    }
    body.update(extra)
    return body


def _pointer(path: list) -> str:
    return "#/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in path)


def _flatten(detail, path: list) -> list[tuple[list, exceptions.ErrorDetail]]:
    """DRF nests errors as dicts (fields) and lists (items or messages); walk them all."""
    if isinstance(detail, dict):
        out = []
        for key, value in detail.items():
            sub = path if key in ("non_field_errors", "__all__") else [*path, key]
            out.extend(_flatten(value, sub))
        return out
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return [(path, item) for item in detail]
        out = []
        for index, item in enumerate(detail):
            if isinstance(item, dict | list):
                out.extend(_flatten(item, [*path, index]))
            else:
                out.append((path, item))
        return out
    return [(path, detail)]


def validation_problem(exc: exceptions.ValidationError) -> dict:
    in_query = isinstance(exc, InvalidQueryParameters)
    errors = []
    for path, message in _flatten(exc.detail, []):
        entry = {"detail": str(message), "code": getattr(message, "code", "invalid")}
        if in_query:
            entry["parameter"] = ".".join(str(p) for p in path)
        else:
            entry["pointer"] = _pointer(path)
        errors.append(entry)
    if in_query:
        names = sorted({e["parameter"] for e in errors if e["parameter"]})
        detail = "Invalid query parameter: " + ", ".join(names) + "." if names else ""
        return problem(
            400, detail or "Invalid query parameters.", type_slug="invalid-parameter", errors=errors
        )
    first = errors[0]["detail"] if len(errors) == 1 else f"{len(errors)} fields are not valid."
    return problem(400, first, type_slug="validation-error", errors=errors)


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: map every exception DRF sees to a problem response."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, IntegrityError):
        set_rollback()
        logger.warning("Integrity error turned into 409: %s", exc)
        return Response(
            problem(409, "The change conflicts with existing content (for example a slug in use)."),
            status=409,
            content_type=PROBLEM_CONTENT_TYPE,
        )
    if not isinstance(exc, exceptions.APIException):
        return None  # a real bug: Django's handler500 answers with a problem document

    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(math.ceil(exc.wait))

    if isinstance(exc, exceptions.ValidationError):
        body = validation_problem(exc)
    elif isinstance(exc, exceptions.ParseError):
        body = problem(400, exc.detail, type_slug="malformed-request")
    else:
        body = problem(exc.status_code, exc.detail)

    set_rollback()
    return Response(body, status=exc.status_code, headers=headers, content_type=PROBLEM_CONTENT_TYPE)


def _wants_problem(request) -> bool:
    return request.path.startswith("/api/") or request.path in ("/healthz", "/readyz")


def problem_response(status_code: int, detail: str) -> JsonResponse:
    return JsonResponse(problem(status_code, detail), status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def api_not_found(request, *args, **kwargs):
    """Catch-all for unknown /api/ paths, so even a debug server answers with a problem."""
    if request.method in ("GET", "HEAD") and not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not api_not_found:
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
    return problem_response(404, f"There is nothing at {request.path}.")


def handler400(request, exception=None):
    if _wants_problem(request):
        return problem_response(400, "The request could not be understood.")
    return bad_request(request, exception)


def handler403(request, exception=None):
    if _wants_problem(request):
        return problem_response(403, "You do not have permission to do this.")
    return permission_denied(request, exception)


def handler404(request, exception=None):
    if _wants_problem(request):
        return problem_response(404, f"There is nothing at {request.path}.")
    return page_not_found(request, exception)


def handler500(request):
    if _wants_problem(request):
        return problem_response(500, "The error has been logged. Please try again later.")
    return server_error(request)
