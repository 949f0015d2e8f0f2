from django.contrib import admin

from conditions.models import Cause, Condition, Resource, Source, Symptom
from numbapi.admin import ContentAdmin


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    main_fields = ("publisher", "link", "date", "note")
    search_fields = ("title", "publisher", "slug")


@admin.register(Condition)
class ConditionAdmin(ContentAdmin):
    main_fields = ("also_known_as", "summary", "description")
    link_fields = ("related_conditions", "sources")
    search_fields = ("name", "also_known_as", "slug", "summary")


class CauseContextInline(admin.TabularInline):
    """A cause's contexts; the relation is declared on Context so `conditions` stays independent."""

    model = Cause._meta.get_field("contexts").through
    autocomplete_fields = ("context",)
    extra = 0
    verbose_name = "context"
    verbose_name_plural = "contexts (life situations this cause belongs to)"


@admin.register(Cause)
class CauseAdmin(ContentAdmin):
    main_fields = ("summary", "description")
    link_fields = ("conditions", "sources")
    inlines = (CauseContextInline,)
    search_fields = ("name", "slug", "summary")
    extra_list_filter = ("conditions", "contexts")


@admin.register(Symptom)
class SymptomAdmin(ContentAdmin):
    main_fields = ("summary", "kind")
    link_fields = ("conditions", "sources")
    search_fields = ("name", "slug", "summary")
    extra_list_filter = ("kind", "conditions")


@admin.register(Resource)
class ResourceAdmin(ContentAdmin):
    main_fields = ("kind", "purpose", "when_to_contact", "phone", "sms", "website", "country", "hours")
    link_fields = ("conditions",)
    search_fields = ("name", "slug", "purpose")
    extra_list_filter = ("kind", "country")
