"""What every content admin shares: the review workflow, history, no lost edits, comfort."""

import datetime

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion_compare.admin import CompareVersionAdmin

from numbapi.content import REVIEWED, Status, publish_blockers
from numbapi.serializers import detail_view_name

TIMESTAMPS = ("created_at", "updated_at")
EDITOR_STATUSES = (Status.DRAFT, Status.IN_REVIEW)


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review date"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Review overdue"),
            ("soon", "Due in the next 30 days"),
            ("never", "Never reviewed"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.review_overdue(today)
        if self.value() == "soon":
            return queryset.filter(
                next_review_due__gte=today, next_review_due__lte=today + datetime.timedelta(days=30)
            )
        if self.value() == "never":
            return queryset.filter(last_reviewed_at__isnull=True)
        return queryset


class ContentForm(forms.ModelForm):
    """Refuses a save made from a stale copy, and a status change the user may not make."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    user = None  # set by ContentAdmin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["loaded_version"].initial = self.instance.version
        self.stored_status = self.instance.status if self.instance.pk else None
        status = self.fields.get("status")
        if status is not None and not self.user.has_perm(self._meta.model.publish_permission()):
            status.choices = [(value, label) for value, label in status.choices if value in EDITOR_STATUSES]
            status.help_text = "Editors save drafts and submit them for review; a reviewer publishes."

    def clean(self):
        cleaned = super().clean()
        model = self._meta.model
        if self.instance.pk:
            loaded = self.cleaned_data.get("loaded_version")
            # Lock the row: on PostgreSQL a second save waits here until the first commits.
            current = (
                model.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
            )
            if loaded is None or current.first() != loaded:
                raise ValidationError(
                    "Someone else saved this item after you opened it, so your save was refused to keep "
                    "their changes. Open the item again (your browser's back button keeps your text) and "
                    "make your change on top of theirs.",
                    code="stale",
                )
        new_status = cleaned.get("status", self.stored_status)
        refusal = model.workflow_refusal(self.user, old_status=self.stored_status, new_status=new_status)
        if refusal:
            raise ValidationError(refusal, code="workflow")
        if new_status == Status.PUBLISHED:
            for name, message in publish_blockers(model, lambda n: cleaned.get(n)):
                self.add_error(name if name in self.fields else None, message)
        return cleaned


class ContentAdmin(CompareVersionAdmin):
    """Base admin for content models.

    Subclasses set `main_fields`, `tag_fields` (categories and contexts: a two-pane selector,
    since editors pick from a short list) and `link_fields` (links to other content: an
    autocomplete, since editors search a long list).
    """

    form = ContentForm
    main_fields: tuple = ()
    tag_fields: tuple = ()
    link_fields: tuple = ()
    extra_list_filter: tuple = ()
    list_per_page = 50
    readonly_fields = (*TIMESTAMPS, "api_link", "last_reviewed_at", "reviewed_by")
    save_on_top = True
    history_latest_first = True
    actions = ("submit_for_review", "publish", "return_to_draft", "archive", "mark_reviewed")
    # Editors paste addresses without a scheme; they are web pages, so https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_list_display(self, request):
        return (self.model.display_field, "slug", "status", "next_review_due", "updated_at", "api_link")

    def get_list_filter(self, request):
        return ("status", ReviewDueFilter, *self.extra_list_filter)

    def get_autocomplete_fields(self, request):
        return self.link_fields

    @property
    def filter_horizontal(self):
        return self.tag_fields

    def get_search_fields(self, request):
        return self.search_fields or (self.model.display_field, "slug")

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(None, {"fields": (self.model.display_field, "slug", *self.main_fields)})]
        if self.tag_fields or self.link_fields:
            fieldsets.append(("Tags and links", {"fields": (*self.tag_fields, *self.link_fields)}))
        review = ("status", "last_reviewed_at", "reviewed_by", "next_review_due", "loaded_version")
        fieldsets.append(("Status and review", {"fields": review}))
        fieldsets.append(("Record", {"fields": (*TIMESTAMPS, "api_link"), "classes": ("collapse",)}))
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        # Apps link to slugs, so a slug is fixed once the item exists.
        return (*readonly, "slug") if obj is not None else readonly

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else {"slug": (self.model.display_field,)}

    def changelist_view(self, request, extra_context=None):
        # django-reversion would wrap the whole list, and so a bulk action, in one revision;
        # the actions below record one revision per item instead.
        context = {"has_change_permission": self.has_change_permission(request), **(extra_context or {})}
        return admin.ModelAdmin.changelist_view(self, request, context)

    def has_publish_permission(self, request):
        return request.user.has_perm(self.model.publish_permission())

    def has_change_permission(self, request, obj=None):
        # What is published or archived has passed a reviewer; only a reviewer changes it.
        if obj is not None and obj.status in REVIEWED and not self.has_publish_permission(request):
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if obj.status == Status.PUBLISHED and form.stored_status != Status.PUBLISHED:
            chosen = (
                form.cleaned_data.get("next_review_due") if "next_review_due" in form.changed_data else None
            )
            obj.mark_reviewed(request.user, next_due=chosen)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        obj.delete_recoverably(request.user, "Deleted in admin.")

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            obj.delete_recoverably(request.user, "Deleted in admin.")

    @admin.display(description="API")
    def api_link(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        try:
            url = reverse(detail_view_name(type(obj)), kwargs={"slug": obj.slug})
        except NoReverseMatch:
            return "-"
        if not obj.is_public:
            url += "?preview=1"
        return format_html('<a href="{}" target="_blank" rel="noopener">JSON</a>', url)

    # --- bulk actions, each confirmed before it runs ----------------------------------------

    @admin.action(description="Submit selected items for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        return self._change_status(request, queryset, Status.IN_REVIEW, "Submit for review", (Status.DRAFT,))

    @admin.action(description="Publish selected items (records a review)", permissions=["publish"])
    def publish(self, request, queryset):
        return self._change_status(
            request, queryset, Status.PUBLISHED, "Publish", (Status.DRAFT, Status.IN_REVIEW, Status.ARCHIVED)
        )

    @admin.action(description="Return selected items to draft (unpublish)", permissions=["publish"])
    def return_to_draft(self, request, queryset):
        return self._change_status(
            request,
            queryset,
            Status.DRAFT,
            "Return to draft",
            (Status.IN_REVIEW, Status.PUBLISHED, Status.ARCHIVED),
        )

    @admin.action(description="Archive selected items", permissions=["publish"])
    def archive(self, request, queryset):
        return self._change_status(
            request, queryset, Status.ARCHIVED, "Archive", (Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED)
        )

    @admin.action(description="Mark selected items as reviewed today", permissions=["publish"])
    def mark_reviewed(self, request, queryset):
        return self._change_status(request, queryset, None, "Mark as reviewed", tuple(Status.values))

    def _change_status(self, request, queryset, new_status, verb, allowed_from):
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": f"{verb}: are you sure?",
                "opts": self.model._meta,
                "queryset": queryset,
                "verb": verb,
                "new_status": Status(new_status).label if new_status else None,
                "action": request.POST.get("action"),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/numbapi/confirm_status_change.html", context)

        done, skipped = [], []
        with transaction.atomic():
            for obj in queryset.select_for_update():
                reason = self._refusal(request, obj, new_status, allowed_from)
                if reason:
                    skipped.append(f"{obj}: {reason}")
                    continue
                if new_status is None or new_status == Status.PUBLISHED:
                    obj.mark_reviewed(request.user)
                if new_status is not None:
                    obj.status = new_status
                # One revision per item: restoring one later must not roll back the others.
                with reversion.create_revision():
                    reversion.set_user(request.user)
                    reversion.set_comment(f"{verb} (bulk action).")
                    obj.save()
                done.append(obj)
        if done:
            self.message_user(request, f"{verb}: done for {len(done)} item(s).", messages.SUCCESS)
        for line in skipped:
            self.message_user(request, f"Not changed: {line}", messages.WARNING)
        return None

    def _refusal(self, request, obj, new_status, allowed_from) -> str | None:
        if obj.status not in allowed_from:
            return f"it is {obj.get_status_display().lower()}."
        refusal = obj.workflow_refusal(
            request.user, old_status=obj.status, new_status=new_status or obj.status
        )
        if refusal:
            return refusal
        if new_status == Status.PUBLISHED:
            blockers = publish_blockers(type(obj), lambda name: getattr(obj, name).all())
            if obj.summary_missing():
                blockers.append(("summary", "it needs a summary."))
            if blockers:
                return " ".join(message for _name, message in blockers)
        return None
