"""OpenAPI generation: summaries, the preview parameter, problem responses and examples.

Response examples are real responses, recorded from the published fixtures by
``manage.py build_api_examples`` into ``numbapi/api_examples.json``; a test keeps
them in step with the API.
"""

import copy
import json
import re
from pathlib import Path

from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from numbapi.errors import PROBLEMS, TYPE_PREFIX
from numbapi.serializers import summary_serializer_class

EXAMPLES_FILE = Path(__file__).with_name("api_examples.json")

# The value each documented parameter shows; a test checks every one returns results.
PARAMETER_EXAMPLES = {
    "category": "mindfulness",
    "context": "benzodiazepine-withdrawal",
    "condition": "emotional-numbness",
    "symptom": "isolation",
    "kind": "emotional",
    "ordering": "-updated_at",
    "updated_since": "2026-01-01T00:00:00Z",
    "page": 1,
    "page_size": 20,
    "preview": True,
    "If-Match": '"3f2a9c0d1e6b4f5a8c7d9e0f1a2b3c4d"',
}

ETAG_HEADER = {
    "ETag": {
        "description": "Identifies this version of the response. Send it back in `If-None-Match` to get "
        "a 304 when nothing changed, or, for an item, in `If-Match` when you change it.",
        "schema": {"type": "string"},
    }
}

# A word each list's search example looks for.
SEARCH_EXAMPLES = {
    "conditions": "blunting",
    "causes": "stress",
    "symptoms": "sleep",
    "strategies": "breathing",
    "categories": "body",
    "contexts": "withdrawal",
    "sources": "numbness",
    "faqs": "antidepressants",
    "facts": "article",
    "resources": "crisis",
}

# The item each resource's detail example shows (and its path parameter example).
DETAIL_EXAMPLES = {
    "conditions": "emotional-detachment",
    "causes": "gaba-glutamate-imbalance",
    "symptoms": "feeling-empty",
    "strategies": "breathing-exercises",
    "categories": "mindfulness",
    "contexts": "benzodiazepine-withdrawal",
    "sources": "betterhelp-overcome-emotional-numbness",
    "faqs": "is-emotional-numbness-permanent",
    "facts": "pleasure-loss-prevalence",
    "resources": "988-suicide-and-crisis-lifeline",
}

ACTION_SUMMARIES = {
    "list": "List {plural}",
    "retrieve": "Get a {name}",
    "create": "Create a {name}",
    "update": "Replace a {name}",
    "partial_update": "Change part of a {name}",
    "destroy": "Delete a {name}",
}
WRITE_PERMISSION = {"create": "add", "update": "change", "partial_update": "change", "destroy": "delete"}


class AutoSchema(openapi.AutoSchema):
    def _model(self):
        return getattr(self.view, "model", None)

    def get_summary(self):
        model = self._model()
        action = getattr(self.view, "action", None)
        if model is None or action not in ACTION_SUMMARIES:
            return super().get_summary()
        opts = model._meta
        return ACTION_SUMMARIES[action].format(name=opts.verbose_name, plural=opts.verbose_name_plural)

    def get_description(self):
        description = super().get_description()
        model = self._model()
        action = getattr(self.view, "action", None)
        if model is None:
            return description
        opts = model._meta
        if action in WRITE_PERMISSION:
            codename = f"{opts.app_label}.{WRITE_PERMISSION[action]}_{opts.model_name}"
            description += (
                f"\n\nNeeds a signed-in user (token or session) with the `{codename}` permission; "
                "anonymous calls get 401."
            )
        elif action == "list":
            description += (
                "\n\nOnly published items. Paginated (`page`, `page_size`); filters narrow together, "
                "and a repeated or comma-separated filter means *any of*."
            )
        elif action == "retrieve":
            description += "\n\nOnly published items, unless an editor previews with `?preview=1`."
        return description

    def get_override_parameters(self):
        params = super().get_override_parameters()
        if getattr(self.view, "action", None) in ("update", "partial_update", "destroy"):
            params = [
                *params,
                OpenApiParameter(
                    "If-Match",
                    OpenApiTypes.STR,
                    location=OpenApiParameter.HEADER,
                    required=True,
                    description=(
                        "The `ETag` of the item as you last read it (its detail, with `?preview=1` for "
                        "unpublished items). A write without it gets 428; if someone changed the item "
                        "since, 412, and nothing is overwritten."
                    ),
                ),
            ]
        if getattr(self.view, "action", None) in ("list", "retrieve"):
            params = [
                *params,
                OpenApiParameter(
                    "preview",
                    OpenApiTypes.BOOL,
                    description=(
                        "Editors only: also show drafts, items in review and archived items, as apps "
                        "will get them once published (related items show only when published). Needs "
                        "a signed-in user with view permission; anonymous callers get 401. Never cached."
                    ),
                ),
            ]
        return params


class SummaryFieldExtension(OpenApiSerializerFieldExtension):
    """Read as a summary object, written as a slug."""

    target_class = "numbapi.serializers.SummaryField"

    def map_serializer_field(self, auto_schema, direction):
        model = self.target.model
        if direction == "request":
            schema = build_basic_type(OpenApiTypes.STR)
            schema["description"] = f"Slug of a {model._meta.verbose_name}."
            schema["pattern"] = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
            return schema
        component = auto_schema.resolve_serializer(summary_serializer_class(model), direction)
        return component.ref


def _problem_schema(with_errors: bool) -> dict:
    schema = {
        "type": "object",
        "description": "An RFC 9457 problem-details document.",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {
                "type": "string",
                "description": f"Stable problem type to switch on, e.g. `{TYPE_PREFIX}not-found`.",
            },
            "title": {"type": "string", "description": "Short, human-readable summary of the problem type."},
            "status": {"type": "integer", "description": "The HTTP status code."},
            "detail": {"type": "string", "description": "What went wrong in this request."},
        },
    }
    if with_errors:
        schema["properties"]["errors"] = {
            "type": "array",
            "description": "Each failing query parameter or body field.",
            "items": {
                "type": "object",
                "required": ["detail", "code"],
                "properties": {
                    "detail": {"type": "string", "description": "What is wrong with it."},
                    "code": {"type": "string", "description": "Machine-readable reason, e.g. `required`."},
                    "parameter": {"type": "string", "description": "The query parameter (query errors)."},
                    "pointer": {
                        "type": "string",
                        "description": "JSON Pointer to the body field (body errors), e.g. `#/steps/0`.",
                    },
                },
            },
        }
    return schema


def _problem(status: int, detail: str, type_slug: str | None = None, errors=None) -> dict:
    slug, title = PROBLEMS[status]
    body = {"type": TYPE_PREFIX + (type_slug or slug), "title": title, "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    return body


PROBLEM_RESPONSES = {
    "400": (
        "Invalid query parameter or request body. Query errors name the `parameter`; body errors "
        "give a `pointer` to the field.",
        "ValidationProblem",
        {
            "invalid-parameter": _problem(
                400,
                "Invalid query parameter: category.",
                "invalid-parameter",
                [
                    {
                        "detail": "Unknown category slug: mindfullness.",
                        "code": "invalid_choice",
                        "parameter": "category",
                    }
                ],
            ),
            "validation-error": _problem(
                400,
                "This field is required.",
                "validation-error",
                [{"detail": "This field is required.", "code": "required", "pointer": "#/title"}],
            ),
        },
    ),
    "401": (
        "No valid credentials: send `Authorization: Token <key>` or a session cookie.",
        "Problem",
        {"not-authenticated": _problem(401, "Authentication credentials were not provided.")},
    ),
    "403": (
        "Signed in, but without the permission this needs.",
        "Problem",
        {"permission-denied": _problem(403, "You do not have permission to perform this action.")},
    ),
    "404": (
        "No published item has this slug, or the page is past the last one.",
        "Problem",
        {"not-found": _problem(404, "No Strategy matches the given query.")},
    ),
    "405": (
        "The path exists but not for this method.",
        "Problem",
        {"method-not-allowed": _problem(405, 'Method "PUT" not allowed.')},
    ),
    "406": (
        "The `Accept` header asks for something other than JSON.",
        "Problem",
        {"not-acceptable": _problem(406, "Could not satisfy the request Accept header.")},
    ),
    "412": (
        "The item changed since you read it: read it again and reapply your change.",
        "Problem",
        {
            "precondition-failed": _problem(
                412, "The item was changed by someone else since you read it. Reload and try again."
            )
        },
    ),
    "428": (
        "A write to an existing item needs its ETag in `If-Match`.",
        "Problem",
        {"precondition-required": _problem(428, "Send the item's ETag in an If-Match header to change it.")},
    ),
    "415": (
        "The body is not `application/json`.",
        "Problem",
        {"unsupported-media-type": _problem(415, 'Unsupported media type "text/plain" in request.')},
    ),
    "429": (
        "Too many requests; `Retry-After` says how many seconds to wait.",
        "Problem",
        {"throttled": _problem(429, "Request was throttled. Expected available in 42 seconds.")},
    ),
    "500": (
        "An error on the server; it has been logged.",
        "Problem",
        {"server-error": _problem(500, "The error has been logged. Please try again later.")},
    ),
}

READ_ERRORS = ("406", "429", "500")
WRITE_ERRORS = ("400", "401", "403", "406", "415", "429", "500")


def _errors_for(method: str, is_detail: bool) -> tuple:
    if method == "get":
        return ("400", *(("404",) if is_detail else ("404", "405")), *READ_ERRORS)
    if method == "delete":
        return ("401", "403", "404", "406", "412", "428", "429", "500")
    return (*WRITE_ERRORS, *(("404", "412", "428") if is_detail else ()))


def _load_examples() -> dict:
    if EXAMPLES_FILE.exists():
        return json.loads(EXAMPLES_FILE.read_text())
    return {}


def _as_request(example, request_schema: dict) -> dict:
    """Turn a response example into a request body: summaries become slugs, read-only goes."""
    writable = set(request_schema.get("properties", {}))

    def slugs(value):
        if isinstance(value, dict) and "slug" in value and "url" in value:
            return value["slug"]
        if isinstance(value, list):
            return [slugs(v) for v in value]
        if isinstance(value, dict):
            return {k: slugs(v) for k, v in value.items()}
        return value

    return {key: slugs(value) for key, value in example.items() if key in writable}


def _attach_examples(operation, method, resource, is_detail, recorded, shared, schemas):
    """Point an operation's bodies at the shared, recorded examples."""
    name = resource.capitalize()
    shared.setdefault(f"{name}Page", {"summary": "A page of results", "value": recorded["list"]})
    shared.setdefault(f"{name}Detail", {"summary": DETAIL_EXAMPLES[resource], "value": recorded["detail"]})
    responses = operation.get("responses", {})
    for status in ("200", "201"):
        content = responses.get(status, {}).get("content", {}).get("application/json")
        if content is not None:
            key = f"{name}Page" if method == "get" and not is_detail else f"{name}Detail"
            content["examples"] = {key: {"$ref": f"#/components/examples/{key}"}}
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if body is not None:
        ref = body.get("schema", {}).get("$ref", "")
        value = _as_request(copy.deepcopy(recorded["detail"]), schemas.get(ref.rsplit("/", 1)[-1], {}))
        if method == "patch":
            value = {"summary": value["summary"]} if "summary" in value else {"status": "in_review"}
            body["examples"] = {"change": {"summary": "Change one field", "value": value}}
        else:
            shared.setdefault(
                f"{name}Request", {"summary": "A whole item, relations as slugs", "value": value}
            )
            body["examples"] = {f"{name}Request": {"$ref": f"#/components/examples/{name}Request"}}


def add_problem_responses(result, generator, request, public):
    """Postprocessing hook: error responses, parameter examples and payload examples."""
    components = result.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas["Problem"] = _problem_schema(with_errors=False)
    schemas["ValidationProblem"] = _problem_schema(with_errors=True)
    responses = components.setdefault("responses", {})
    for status, (description, schema_name, examples) in PROBLEM_RESPONSES.items():
        responses[f"Problem{status}"] = {
            "description": description,
            "content": {
                "application/problem+json": {
                    "schema": {"$ref": f"#/components/schemas/{schema_name}"},
                    "examples": {name: {"value": value} for name, value in examples.items()},
                }
            },
        }

    recorded = _load_examples()
    shared = components.setdefault("examples", {})
    for path, operations in result.get("paths", {}).items():
        match = re.match(r"^/api/v1/([a-z]+)/(\{slug\}/)?$", path)
        resource = match.group(1) if match else None
        is_detail = bool(match and match.group(2))
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            for status in _errors_for(method, is_detail):
                operation.setdefault("responses", {}).setdefault(
                    status, {"$ref": f"#/components/responses/Problem{status}"}
                )
            for param in operation.get("parameters", []):
                if param["name"] == "slug" and resource in DETAIL_EXAMPLES:
                    param["example"] = DETAIL_EXAMPLES[resource]
                    param["description"] = "The item's slug: its stable identifier."
                elif param["name"] == "search" and resource in SEARCH_EXAMPLES:
                    param["example"] = SEARCH_EXAMPLES[resource]
                elif param["name"] in PARAMETER_EXAMPLES and "example" not in param:
                    value = PARAMETER_EXAMPLES[param["name"]]
                    param["example"] = [value] if param.get("schema", {}).get("type") == "array" else value
            for status in ("200", "201"):
                if status in operation["responses"] and "$ref" not in operation["responses"][status]:
                    operation["responses"][status]["headers"] = ETAG_HEADER
            if resource in recorded:
                _attach_examples(operation, method, resource, is_detail, recorded[resource], shared, schemas)
    return result
