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
    link_fields = ("causes",)
    search_fields = ("name", "slug")


class PositionOptional:
    """Editors may leave a step's or caution's position empty: it goes at the end."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields["position"]
        field.required = False
        field.help_text = "Order, from 1. Leave empty to add it at the end."
        return formset


class StepInline(PositionOptional, admin.TabularInline):
    model = Step
    extra = 1
    fields = ("position", "text")


class CautionInline(PositionOptional, admin.StackedInline):
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
    tag_fields = ("categories", "contexts")
    link_fields = ("conditions", "symptoms", "sources")
    inlines = (StepInline, CautionInline, MedicationInline)
    search_fields = ("title", "slug", "summary")
    extra_list_filter = ("categories", "contexts", "effort")

    def save_formset(self, request, form, formset, change):
        if formset.model not in (Step, Caution):
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for removed in formset.deleted_objects:
            removed.delete()
        kept = formset.model.objects.filter(strategy=form.instance).exclude(
            pk__in=[i.pk for i in instances if i.pk]
        )
        last = max(
            [*kept.values_list("position", flat=True), *(i.position or 0 for i in instances)], default=0
        )
        for instance in instances:
            if instance.position is None:
                last += 1
                instance.position = last
            instance.save()
        formset.save_m2m()


@admin.register(FAQ)
class FAQAdmin(ContentAdmin):
    main_fields = ("answer",)
    tag_fields = ("contexts",)
    link_fields = ("conditions", "sources")
    search_fields = ("question", "slug", "answer")
    extra_list_filter = ("conditions", "contexts")


@admin.register(Fact)
class FactAdmin(ContentAdmin):
    main_fields = ("figure",)
    link_fields = ("conditions", "causes", "symptoms", "strategies", "sources")
    search_fields = ("statement", "slug", "figure")
