from django.contrib import admin

from numbapi.admin import ContentAdmin
from strategies.models import FAQ, Category, Caution, Context, Fact, Medication, Step, Strategy


@admin.register(Category)
class CategoryAdmin(ContentAdmin):
    main_fields = ("description",)
    search_fields = ("name", "slug")


@admin.register(Context)
class ContextAdmin(ContentAdmin):
    main_fields = ("description",)
    relation_fields = ("causes",)
    filter_horizontal = relation_fields
    search_fields = ("name", "slug")


class StepInline(admin.TabularInline):
    model = Step
    extra = 1
    fields = ("position", "text")


class CautionInline(admin.StackedInline):
    model = Caution
    extra = 0
    fields = ("position", "text", "context")
    autocomplete_fields = ("context",)


class MedicationInline(admin.StackedInline):
    model = Medication
    extra = 0
    max_num = 1
    verbose_name_plural = "medication (medicines only: guidance to discuss with a prescriber)"


@admin.register(Strategy)
class StrategyAdmin(ContentAdmin):
    main_fields = ("summary", "description", "minutes", "time_needed", "effort")
    relation_fields = ("categories", "contexts", "conditions", "symptoms", "sources")
    filter_horizontal = relation_fields
    inlines = (StepInline, CautionInline, MedicationInline)
    search_fields = ("title", "slug", "summary")
    extra_list_filter = ("categories", "contexts", "effort")


@admin.register(FAQ)
class FAQAdmin(ContentAdmin):
    main_fields = ("answer",)
    relation_fields = ("conditions", "contexts", "sources")
    filter_horizontal = relation_fields
    search_fields = ("question", "slug", "answer")
    extra_list_filter = ("conditions", "contexts")


@admin.register(Fact)
class FactAdmin(ContentAdmin):
    main_fields = ("figure",)
    relation_fields = ("conditions", "causes", "symptoms", "strategies", "sources")
    filter_horizontal = relation_fields
    search_fields = ("statement", "slug", "figure")
