"""The content library as code: load fixtures/ into the database, export it back, check it.

One YAML file per item, ``fixtures/<kind>/<slug>.yaml``, relations as lists of slugs.
Loading is idempotent (an unchanged item is not written); exporting writes the one
canonical form, so load-then-export reproduces the files byte for byte.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import reversion
import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from reversion.models import Version

from conditions.models import Cause, Condition, Resource, Source, Symptom
from numbapi.content import SLUG_PATTERN, SUMMARY_MAX_LENGTH, Status, touching_deferred
from numbapi.markdown import contains_raw_html
from strategies.models import FAQ, Category, Context, Fact, Medication, Strategy

# libyaml's loader where PyYAML was built with it: several times faster, same results.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
REVIEW_FIELDS = ("last_reviewed_at", "next_review_due")
# How load_content's revisions begin, to tell its changes from people's.
LOADED = "Loaded from"
# The end of a sentence: a stop followed by a space and a capital, or the end of the text.
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z]|\s*$)")


@dataclass(frozen=True)
class Kind:
    folder: str
    model: type
    fields: tuple  # scalar fields, in file order
    relations: tuple = ()  # (key, target folder), in file order
    markdown: tuple = ()
    lines: tuple = ()  # text fields written as a list, one entry per line
    parts: tuple = ()  # strategy parts: steps, cautions, medication
    cites_sources: bool = True

    @property
    def display(self) -> str:
        return self.model.display_field


KINDS = (
    Kind("sources", Source, ("title", "publisher", "link", "date", "note"), cites_sources=False),
    Kind("categories", Category, ("name", "description"), markdown=("description",), cites_sources=False),
    Kind("contexts", Context, ("name", "description"), markdown=("description",), cites_sources=False),
    Kind(
        "conditions",
        Condition,
        ("name", "also_known_as", "summary", "description"),
        (("related_conditions", "conditions"), ("sources", "sources")),
        markdown=("description",),
        lines=("also_known_as",),
    ),
    Kind(
        "causes",
        Cause,
        ("name", "summary", "description"),
        (("conditions", "conditions"), ("contexts", "contexts"), ("sources", "sources")),
        markdown=("description",),
    ),
    Kind(
        "symptoms",
        Symptom,
        ("name", "summary", "kind"),
        (("conditions", "conditions"), ("sources", "sources")),
    ),
    Kind(
        "resources",
        Resource,
        ("name", "kind", "purpose", "when_to_contact", "phone", "sms", "website", "country", "hours"),
        (("conditions", "conditions"),),
        cites_sources=False,
    ),
    Kind(
        "strategies",
        Strategy,
        ("title", "summary", "description", "minutes", "time_needed", "effort"),
        (
            ("categories", "categories"),
            ("contexts", "contexts"),
            ("conditions", "conditions"),
            ("symptoms", "symptoms"),
            ("sources", "sources"),
        ),
        markdown=("description",),
        parts=("steps", "cautions", "medication"),
    ),
    Kind(
        "faqs",
        FAQ,
        ("question", "answer"),
        (("conditions", "conditions"), ("contexts", "contexts"), ("sources", "sources")),
        markdown=("answer",),
    ),
    Kind(
        "facts",
        Fact,
        ("statement", "figure"),
        (
            ("conditions", "conditions"),
            ("causes", "causes"),
            ("symptoms", "symptoms"),
            ("strategies", "strategies"),
            ("sources", "sources"),
        ),
    ),
)
KINDS_BY_FOLDER = {kind.folder: kind for kind in KINDS}
PART_KEYS = {"steps", "cautions", "medication"}


def key_order(kind: Kind) -> list[str]:
    """The canonical order of keys in a file of this kind."""
    scalars = [f for f in kind.fields if f != kind.display]
    order = ["slug", kind.display, "status", *scalars]
    if kind.parts:
        # Steps and cautions read best right after the description.
        at = order.index("description") + 1
        order[at:at] = ["steps", "cautions"]
        order.append("medication")
    return [*order, *(key for key, _ in kind.relations), *REVIEW_FIELDS]


# --- reading -------------------------------------------------------------------------


class ContentError(Exception):
    pass


def _normalise_text(value: str) -> str:
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def read_items(root: Path) -> dict[str, dict[str, dict]]:
    """Parse every fixture file: {folder: {slug: data}}; raises ContentError on bad YAML."""
    items: dict[str, dict[str, dict]] = {}
    for kind in KINDS:
        items[kind.folder] = {}
        for path in sorted((root / kind.folder).glob("*.yaml")):
            try:
                data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
            except yaml.YAMLError as exc:
                raise ContentError(f"{path}: not valid YAML: {exc}") from None
            if not isinstance(data, dict):
                raise ContentError(f"{path}: expected a mapping of fields")
            data["_path"] = path
            items[kind.folder][path.stem] = data
    return items


# --- loading -------------------------------------------------------------------------


def _scalar_values(kind: Kind, data: dict) -> dict:
    values = {"status": data.get("status", Status.DRAFT)}
    for name in (*kind.fields, *REVIEW_FIELDS):
        value = data.get(name)
        if name in kind.lines:
            value = "\n".join(str(v).strip() for v in (value or []))
        model_field = kind.model._meta.get_field(name)
        if value is None:
            value = None if model_field.null else ""
        elif isinstance(value, str):
            value = _normalise_text(value)
        values[name] = value
    return values


def _differs(obj, values: dict) -> bool:
    return any(getattr(obj, name) != value for name, value in values.items())


def _desired_parts(data: dict, contexts: dict) -> dict:
    steps = [_normalise_text(str(step)) for step in data.get("steps") or []]
    cautions = [
        (_normalise_text(c["text"]), contexts[c["context"]] if c.get("context") else None)
        for c in data.get("cautions") or []
    ]
    medication = data.get("medication")
    if medication:
        medication = {k: _normalise_text(str(medication[k])) for k in Medication.FIELDS}
    return {"steps": steps, "cautions": cautions, "medication": medication}


def _current_parts(strategy: Strategy) -> dict:
    medication = Medication.objects.filter(strategy=strategy).first()
    return {
        "steps": [s.text for s in strategy.steps.all()],
        "cautions": [(c.text, c.context) for c in strategy.cautions.all()],
        "medication": medication.as_dict() if medication else None,
    }


def _save_parts(strategy: Strategy, current: dict, desired: dict) -> None:
    if current["steps"] != desired["steps"]:
        strategy.replace_steps(desired["steps"])
    if current["cautions"] != desired["cautions"]:
        strategy.replace_cautions(desired["cautions"])
    if current["medication"] != desired["medication"]:
        strategy.replace_medication(desired["medication"])


def edited_since_loaded(obj) -> bool:
    """Whether the item's last recorded change came from someone, not from load_content."""
    last = Version.objects.get_for_object(obj).select_related("revision").first()
    return last is not None and not last.revision.comment.startswith(LOADED)


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: list = field(default_factory=list)

    def __str__(self):
        text = f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"
        if self.kept:
            text += (
                f"; {len(self.kept)} kept because they were changed after loading (run export-content "
                f"to save them to fixtures/, or load_content --force to replace them): {', '.join(self.kept)}"
            )
        return text


def load(root: Path, *, force: bool = False) -> LoadReport:
    """Create or update every item in the fixtures; items only in the database stay.

    An item someone changed (in admin or through the API) since it was last loaded is kept
    as it is, unless `force`: `make run` must never undo an editor's work. Each changed item
    gets its own revision in the history, so restoring one never rolls back the others.
    """
    changed: dict = {}
    with transaction.atomic(), touching_deferred(changed):
        return _load(root, force, changed)


def _load(root: Path, force: bool, changed: dict) -> LoadReport:
    items = read_items(root)
    problems = check_items(items)
    if problems:
        raise ContentError("The content does not pass its checks:\n" + "\n".join(problems))
    report = LoadReport()
    objects: dict[str, dict] = {}
    touched: set = set()
    kept: set = set()

    def keep(kind, slug, obj) -> bool:
        if force or (kind.folder, slug) in touched or not edited_since_loaded(obj):
            return False
        kept.add((kind.folder, slug))
        return True

    # Pass 1: every item's own fields, so that pass 2 can link to any of them.
    for kind in KINDS:
        objects[kind.folder] = {}
        existing = {obj.slug: obj for obj in kind.model.objects.filter(slug__in=items[kind.folder])}
        for slug, data in items[kind.folder].items():
            values = _scalar_values(kind, data)
            obj = existing.get(slug)
            # check_items() above ran each model's full validation on these values.
            if obj is None:
                obj = kind.model(slug=slug, **values)
                obj.save()
                report.created += 1
                touched.add((kind.folder, slug))
            elif _differs(obj, values) and not keep(kind, slug, obj):
                for name, value in values.items():
                    setattr(obj, name, value)
                obj.save()
                touched.add((kind.folder, slug))
            objects[kind.folder][slug] = obj
    # Pass 2: relations and a strategy's parts.
    for kind in KINDS:
        for slug, data in items[kind.folder].items():
            if (kind.folder, slug) in kept:
                continue
            obj = objects[kind.folder][slug]
            relations = {}
            for key, target in kind.relations:
                wanted = {objects[target][s].pk for s in data.get(key) or []}
                if set(getattr(obj, key).values_list("pk", flat=True)) != wanted:
                    relations[key] = wanted
            current = _current_parts(obj) if kind.parts else {}
            desired = _desired_parts(data, objects["contexts"]) if kind.parts else {}
            if (relations or current != desired) and not keep(kind, slug, obj):
                for key, wanted in relations.items():
                    getattr(obj, key).set(wanted)
                if kind.parts:
                    _save_parts(obj, current, desired)
                if (kind.folder, slug) not in touched:
                    obj.save(update_fields=["updated_at"])
                    touched.add((kind.folder, slug))
            if (kind.folder, slug) in touched:
                # Snapshot by hand, once, now that relations and parts are in place.
                with reversion.create_revision(manage_manually=True):
                    reversion.set_comment(f"{LOADED} {root.name}/ by load_content.")
                    reversion.add_to_revision(obj)
    for folder, slug in touched:
        changed.setdefault(KINDS_BY_FOLDER[folder].model, set()).add(objects[folder][slug].pk)
    report.updated = len(touched) - report.created
    report.kept = sorted(f"{folder}/{slug}" for folder, slug in kept)
    report.unchanged = sum(len(v) for v in items.values()) - len(touched) - len(kept)
    return report


# --- exporting -----------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    pass


def _str_representer(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def _item_data(kind: Kind, obj) -> dict:
    data = {"slug": obj.slug, "status": obj.status}
    for name in (*kind.fields, *REVIEW_FIELDS):
        value = getattr(obj, name)
        if name in kind.lines:
            value = [line.strip() for line in (value or "").splitlines() if line.strip()]
        elif isinstance(value, str):
            value = _normalise_text(value)
            if "\n" in value:
                value += "\n"  # written as a `|` block
        data[name] = value
    for key, _target in kind.relations:
        data[key] = sorted(related.slug for related in getattr(obj, key).all())
    if kind.parts:
        data["steps"] = [_normalise_text(step.text) for step in obj.steps.all()]
        data["cautions"] = [
            {"text": _normalise_text(c.text), **({"context": c.context.slug} if c.context else {})}
            for c in obj.cautions.all()
        ]
        medication = getattr(obj, "medication", None)
        data["medication"] = medication.as_dict() if medication else None
    ordered = {key: data[key] for key in key_order(kind) if data.get(key) not in (None, "", [], {})}
    return ordered


def dump_item(kind: Kind, obj) -> str:
    return yaml.dump(
        _item_data(kind, obj),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=float("inf"),
        default_flow_style=False,
    )


def export(root: Path) -> int:
    """Write every item in the database to root; files of items no longer there are removed."""
    written = 0
    for kind in KINDS:
        folder = root / kind.folder
        folder.mkdir(parents=True, exist_ok=True)
        queryset = kind.model.objects.order_by("slug").prefetch_related(*(key for key, _ in kind.relations))
        if kind.parts:
            queryset = queryset.prefetch_related("steps", "cautions__context").select_related("medication")
        keep = set()
        for obj in queryset:
            path = folder / f"{obj.slug}.yaml"
            text = dump_item(kind, obj)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
            keep.add(path.name)
            written += 1
        for stale in folder.glob("*.yaml"):
            if stale.name not in keep:
                stale.unlink()
    return written


# --- checking ------------------------------------------------------------------------


def check_items(items: dict[str, dict[str, dict]]) -> list[str]:
    """Every rule the library keeps; returns one line per problem."""
    slug_re = re.compile(SLUG_PATTERN)
    problems: list[str] = []
    seen: dict[str, str] = {}

    def say(kind, slug, message):
        problems.append(f"{kind.folder}/{slug}.yaml: {message}")

    crisis_conditions: set[str] = set()
    for data in items.get("resources", {}).values():
        if data.get("status") == Status.PUBLISHED and data.get("kind") in ("crisis", "emergency"):
            crisis_conditions.update(data.get("conditions") or [])

    for kind in KINDS:
        allowed = set(key_order(kind)) | {"_path"}
        for slug, data in items.get(kind.folder, {}).items():
            published = data.get("status") == Status.PUBLISHED
            if data.get("slug") != slug:
                say(
                    kind,
                    slug,
                    f"slug {data.get('slug')!r} differs from the file name (duplicate or dangling slug)",
                )
            if not slug_re.match(slug):
                say(kind, slug, "slug must be lowercase words joined by hyphens")
            if slug in seen and seen[slug] == kind.folder:
                say(kind, slug, "duplicate slug")
            seen[slug] = kind.folder
            unknown = set(data) - allowed
            if unknown:
                say(kind, slug, f"unknown field(s): {', '.join(sorted(unknown))}")
            if data.get("status") not in Status.values:
                say(kind, slug, f"status must be one of {', '.join(Status.values)}")
            if not data.get(kind.display):
                say(kind, slug, f"{kind.display} is empty")
            if "summary" in kind.fields:
                summary = (data.get("summary") or "").strip()
                if not summary:
                    say(kind, slug, "summary is empty")
                elif len(summary) > SUMMARY_MAX_LENGTH:
                    say(
                        kind,
                        slug,
                        f"summary is {len(summary)} characters; a list row holds {SUMMARY_MAX_LENGTH}",
                    )
            for name in kind.markdown:
                if contains_raw_html(data.get(name) or ""):
                    say(kind, slug, f"raw HTML in {name}; write Markdown")
            for key, target in kind.relations:
                values = data.get(key) or []
                if not isinstance(values, list):
                    say(kind, slug, f"{key} must be a list of slugs")
                    continue
                if len(set(values)) != len(values):
                    say(kind, slug, f"{key} lists a slug twice")
                for value in values:
                    if value not in items.get(target, {}):
                        say(kind, slug, f"{key}: no {target} item has slug {value!r} (dangling slug)")
            if published and kind.cites_sources and not data.get("sources"):
                say(kind, slug, "published without a source")
            if kind.folder == "strategies":
                summary = (data.get("summary") or "").strip()
                if len(SENTENCE_END.findall(summary)) > 1:
                    say(kind, slug, "a strategy's summary is one sentence")
                if not data.get("categories"):
                    say(kind, slug, "a strategy needs at least one category")
                for caution in data.get("cautions") or []:
                    if not isinstance(caution, dict) or not caution.get("text"):
                        say(kind, slug, "each caution needs a text")
                    elif caution.get("context") and caution["context"] not in items.get("contexts", {}):
                        say(
                            kind,
                            slug,
                            f"caution context {caution['context']!r} does not exist (dangling slug)",
                        )
                if data.get("medication") and not data.get("cautions"):
                    say(kind, slug, "a medicine needs a caution (prescriber only, never stop abruptly)")
            if kind.folder == "faqs" and published and not (data.get("conditions") and data.get("contexts")):
                say(kind, slug, "a published FAQ is tagged with at least one condition and one context")
            if kind.folder == "conditions":
                for other in data.get("related_conditions") or []:
                    back = items["conditions"].get(other, {}).get("related_conditions") or []
                    if other in items["conditions"] and slug not in back:
                        say(kind, slug, f"related to {other!r}, but {other!r} does not list it back")
                if published and slug not in crisis_conditions:
                    say(kind, slug, "no published crisis or emergency resource links to this condition")
            problems.extend(_model_problems(kind, slug, data))
    return problems


def _model_problems(kind: Kind, slug: str, data: dict) -> list[str]:
    """The model's own validation (lengths, choices, constraints) on the file's values."""
    try:
        values = _scalar_values(kind, data)
    except Exception as exc:  # a value of the wrong type in the file
        return [f"{kind.folder}/{slug}.yaml: {exc}"]
    obj = kind.model(slug=slug, **values)
    try:
        obj.full_clean(validate_unique=False, validate_constraints=True)
    except ValidationError as exc:
        return [
            f"{kind.folder}/{slug}.yaml: {name}: {' '.join(msgs)}" for name, msgs in exc.message_dict.items()
        ]
    except TypeError as exc:
        return [f"{kind.folder}/{slug}.yaml: {exc}"]
    return []
