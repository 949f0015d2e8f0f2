"""What every content admin shares: status filters, stable slugs, timestamps, a link to the API."""

from django.contrib import admin
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from numbapi.serializers import detail_view_name

REVIEW_FIELDS = ("status", "last_reviewed_at", "reviewed_by", "next_review_due")
TIMESTAMPS = ("created_at", "updated_at")


class ContentAdmin(admin.ModelAdmin):
    """Base admin for content models; subclasses set `main_fields` and `relation_fields`."""

    main_fields: tuple = ()
    relation_fields: tuple = ()
    list_filter = ("status",)
    list_per_page = 50
    # Review dates are set by the "mark reviewed" step, not typed in.
    readonly_fields = (*TIMESTAMPS, "api_link", "last_reviewed_at", "reviewed_by")
    save_on_top = True
    # Editors paste addresses without a scheme; they are web pages, so https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_list_display(self, request):
        return (self.model.display_field, "slug", "status", "updated_at", "api_link")

    def get_search_fields(self, request):
        return self.search_fields or (self.model.display_field, "slug")

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": (self.model.display_field, "slug", *self.main_fields)}),
        ]
        if self.relation_fields:
            fieldsets.append(("Tags and links", {"fields": self.relation_fields}))
        fieldsets.append(("Status and review", {"fields": REVIEW_FIELDS}))
        fieldsets.append(("Record", {"fields": (*TIMESTAMPS, "api_link"), "classes": ("collapse",)}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        # Apps link to slugs, so a slug is fixed once the item exists.
        return (*readonly, "slug") if obj is not None else readonly

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else {"slug": (self.model.display_field,)}

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
