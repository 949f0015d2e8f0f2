"""What every content row shares: a stable slug, a review status and review dates."""

import contextlib
import contextvars
import datetime

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.utils import timezone

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SUMMARY_MAX_LENGTH = 160
REVIEW_INTERVAL = datetime.timedelta(days=365)


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


# Statuses only a reviewer may set, or change an item out of (the four-eyes step).
REVIEWED = (Status.PUBLISHED, Status.ARCHIVED)


def publish_permissions(model_name: str, plural: str) -> list[tuple[str, str]]:
    """The Meta.permissions of a content model: reviewers hold this, editors do not."""
    return [(f"publish_{model_name}", f"Can publish, unpublish and archive {plural}")]


_touching = contextvars.ContextVar("numbapi_touching", default=True)


def touch(queryset) -> None:
    """Mark items as changed for apps syncing with ?updated_since=, without a new version.

    An update, not save(): no signals, no history, and an editor who has the item open
    is not told that someone else saved it.
    """
    if _touching.get():
        queryset.update(updated_at=timezone.now())


@contextlib.contextmanager
def touching_deferred(changed: dict):
    """Touch the items linked to `changed` ({model: pks}) once at the end, not per save.

    For bulk writes such as load_content: a few queries instead of thousands.
    """
    token = _touching.set(False)
    try:
        yield
    finally:
        _touching.reset(token)
    for model, pks in changed.items():
        if pks:
            for queryset in model.items_linked_to(list(pks)):
                touch(queryset)


def publish_blockers(model, related) -> list[tuple[str, str]]:
    """What stops an item being published, as (field, reason) pairs.

    `related(name)` gives the item's values for a to-many relation: from a form, a request
    body or the database, so the admin, the API and bulk actions share one rule.
    """
    blockers = []
    for name in model.publish_requirements:
        values = related(name)
        if values is None or not list(values):
            target = model._meta.get_field(name).related_model._meta.verbose_name
            blockers.append((name, f"A published {model._meta.verbose_name} needs at least one {target}."))
    return blockers


class ContentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def review_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(next_review_due__lt=today).exclude(status=Status.ARCHIVED)


class ContentManager(models.Manager.from_queryset(ContentQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class ContentModel(models.Model):
    """Abstract base of every curated item (condition, strategy, source, …)."""

    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text=(
            "Stable identifier used in URLs and filters: lowercase words joined by hyphens, "
            "e.g. `box-breathing`. Never changes once created."
        ),
    )
    status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        # Serves .published(), which every public list and relation applies.
        db_index=True,
        help_text="Only published items are public. Editors archive rather than delete.",
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text="When the item was created.")
    updated_at = models.DateTimeField(
        auto_now=True,
        # Serves ?updated_since= and ?ordering=updated_at.
        db_index=True,
        help_text=(
            "When anything an app sees in this item last changed: its own fields, or the links, "
            "names or status of related items."
        ),
    )
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Counts the saves of this item; the admin refuses a save made from an older copy.",
    )
    last_reviewed_at = models.DateField(
        null=True,
        blank=True,
        help_text="When a reviewer last checked the item against its sources.",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The reviewer who last checked the item.",
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="When the item is due for its next review (12 months after a review unless set).",
    )

    objects = ContentManager()

    # The field apps show as the item's label in lists and nested summaries.
    display_field = "name"
    # True where other items' details show this one in full, not as a summary.
    shown_whole = False
    # Relations that must not be empty once the item is published.
    publish_requirements: tuple = ()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(slug__regex=SLUG_PATTERN),
                name="%(app_label)s_%(class)s_slug_format",
            ),
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        if self.last_reviewed_at and not self.next_review_due:
            self.next_review_due = self.last_reviewed_at + REVIEW_INTERVAL
        if not self._state.adding:
            self.version += 1
        # Items that show this one nested change with its label, its status, or (when they
        # show it whole) with anything; the post_save receiver touches them.
        self._touch_linked = self.shown_whole or self._state.adding or self._label_or_status_changed()
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        return getattr(self, self.display_field)

    def natural_key(self):
        return (self.slug,)

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED

    @classmethod
    def publish_permission(cls) -> str:
        return f"{cls._meta.app_label}.publish_{cls._meta.model_name}"

    @classmethod
    def workflow_refusal(cls, user, *, old_status: str | None, new_status: str) -> str | None:
        """Why `user` may not move an item from `old_status` (None: a new item) to `new_status`.

        Editors write drafts and submit them for review; only reviewers publish, unpublish
        and archive, and only they change what is already published or archived.
        """
        if user.has_perm(cls.publish_permission()):
            return None
        if old_status in REVIEWED:
            return (
                f"This item is {Status(old_status).label.lower()}: only a reviewer can change it. "
                "Ask a reviewer to return it to draft."
            )
        if new_status in REVIEWED:
            return "Only a reviewer can publish or archive. Submit the item for review instead."
        return None

    def summary_missing(self) -> bool:
        return hasattr(self, "summary") and not self.summary.strip()

    def _label_or_status_changed(self) -> bool:
        stored = type(self).objects.filter(pk=self.pk).values_list(self.display_field, "status").first()
        return stored != (self.label, self.status)

    def linked_items(self):
        """Querysets of the items linked to this one, which show it nested (and it them)."""
        return type(self).items_linked_to([self.pk])

    @classmethod
    def items_linked_to(cls, pks):
        for field in cls._meta.many_to_many:
            if field.remote_field.model is cls:
                query = field.name  # a symmetrical self-link
            else:
                query = field.related_query_name()
            yield field.related_model.objects.filter(**{f"{query}__in": pks})
        for relation in cls._meta.related_objects:
            if relation.many_to_many:
                yield relation.related_model.objects.filter(**{f"{relation.field.name}__in": pks})

    def link_rows(self) -> list:
        """Every row that links this item to another: its own many-to-many rows and others'."""
        rows = []
        for field in self._meta.many_to_many:
            through = field.remote_field.through
            rows += through.objects.filter(**{field.m2m_field_name(): self.pk})
            if field.remote_field.model is type(self):  # a self-link is stored both ways
                rows += through.objects.filter(**{field.m2m_reverse_field_name(): self.pk})
        for relation in self._meta.related_objects:
            if relation.many_to_many and relation.related_model is not type(self):
                field = relation.field
                rows += field.remote_field.through.objects.filter(**{field.m2m_reverse_field_name(): self.pk})
        return rows

    def delete_recoverably(self, user, comment: str) -> None:
        """Delete, keeping a last revision that "recover deleted" restores with every link.

        django-reversion stores only an item's own fields; the link rows saved beside it
        bring back the relations other items hold to it (a condition's strategies, say).
        """
        with transaction.atomic():
            # The revision is saved when its block ends, and only for rows that still exist.
            with reversion.create_revision():
                reversion.set_user(user)
                reversion.set_comment(comment)
                reversion.add_to_revision(self)
                for row in self.link_rows():
                    reversion.add_to_revision(row)
            self.delete()

    def mark_reviewed(self, user, *, today=None, next_due=None) -> None:
        """Record a review: today, by `user`, next due in 12 months unless a date is given."""
        today = today or timezone.localdate()
        self.last_reviewed_at = today
        self.reviewed_by = user
        self.next_review_due = next_due or today + REVIEW_INTERVAL


class SummarisedContentModel(ContentModel):
    """Content that an app lists with a one-line summary."""

    summary = models.CharField(
        max_length=SUMMARY_MAX_LENGTH,
        blank=True,
        help_text=(
            f"One or two plain sentences (at most {SUMMARY_MAX_LENGTH} characters) an app "
            "shows in a list row. Required before publishing."
        ),
    )

    class Meta(ContentModel.Meta):
        abstract = True
        constraints = [
            *ContentModel.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | ~Q(summary=""),
                name="%(app_label)s_%(class)s_published_has_summary",
            ),
        ]

    def clean(self):
        super().clean()
        if self.status == Status.PUBLISHED and not self.summary.strip():
            raise ValidationError({"summary": "A published item needs a summary."})


# --- keeping updated_at true for apps that sync with ?updated_since= ----------------------


def _is_content(model) -> bool:
    return isinstance(model, type) and issubclass(model, ContentModel)


def _after_save(sender, instance, **kwargs):
    if _is_content(sender) and getattr(instance, "_touch_linked", False):
        for queryset in instance.linked_items():
            touch(queryset)


def _before_delete(sender, instance, **kwargs):
    if _is_content(sender):
        for queryset in instance.linked_items():
            touch(queryset)


def _links_changed(sender, instance, action, model, pk_set, **kwargs):
    """A link added or removed changes both ends' details."""
    if not (_is_content(type(instance)) and _is_content(model)):
        return
    if action in ("post_add", "post_remove"):
        touch(type(instance).objects.filter(pk=instance.pk))
        touch(model.objects.filter(pk__in=pk_set))
    elif action == "pre_clear":
        # After the clear there is nothing left to find the other ends by.
        touch(type(instance).objects.filter(pk=instance.pk))
        for queryset in instance.linked_items():
            if queryset.model is model:
                touch(queryset)


def connect_sync_signals() -> None:
    post_save.connect(_after_save, dispatch_uid="numbapi-sync-save")
    pre_delete.connect(_before_delete, dispatch_uid="numbapi-sync-delete")
    m2m_changed.connect(_links_changed, dispatch_uid="numbapi-sync-links")
