from conditions.models import Condition, Symptom
from numbapi.filters import ContentFilterSet, SlugFilter
from strategies.models import FAQ, Category, Context, Strategy


class StrategyFilter(ContentFilterSet):
    category = SlugFilter(
        field_name="categories",
        related_model=Category,
        help_text="Strategies in any of these categories (slugs; repeat the parameter or comma-separate).",
    )
    context = SlugFilter(
        field_name="contexts",
        related_model=Context,
        help_text="Strategies suited to any of these situations (context slugs).",
    )
    condition = SlugFilter(
        field_name="conditions",
        related_model=Condition,
        help_text="Strategies that help with any of these conditions (slugs).",
    )
    symptom = SlugFilter(
        field_name="symptoms",
        related_model=Symptom,
        help_text="Strategies that help with any of these symptoms (slugs).",
    )

    class Meta:
        model = Strategy
        fields = ["category", "context", "condition", "symptom", "updated_since"]


class FAQFilter(ContentFilterSet):
    condition = SlugFilter(
        field_name="conditions", related_model=Condition, help_text="FAQs about any of these conditions."
    )
    context = SlugFilter(
        field_name="contexts", related_model=Context, help_text="FAQs about any of these situations."
    )

    class Meta:
        model = FAQ
        fields = ["condition", "context", "updated_since"]
