from conditions.models import Cause, Condition, Symptom
from numbapi.filters import ChoiceListFilter, ContentFilterSet, SlugFilter


def _related(model, relation):
    return model._meta.get_field(relation).related_model


class CauseFilter(ContentFilterSet):
    condition = SlugFilter(
        field_name="conditions",
        related_model=Condition,
        help_text="Causes of these conditions (condition slugs; repeat or comma-separate for any of).",
    )
    context = SlugFilter(
        field_name="contexts",
        related_model=_related(Cause, "contexts"),
        help_text="Causes that belong to these situations (context slugs; any of).",
    )

    class Meta:
        model = Cause
        fields = ["condition", "context", "updated_since"]


class SymptomFilter(ContentFilterSet):
    condition = SlugFilter(
        field_name="conditions",
        related_model=Condition,
        help_text="Symptoms of these conditions (condition slugs; any of).",
    )
    kind = ChoiceListFilter(
        choices=Symptom.Kind.choices,
        help_text="Only symptoms of these kinds (any of).",
    )

    class Meta:
        model = Symptom
        fields = ["condition", "kind", "updated_since"]
