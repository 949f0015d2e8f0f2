from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from numbapi.serializers import ContentSerializer, MarkdownHTMLField, SummaryField, summaries_of
from strategies.models import FAQ, Category, Caution, Context, Fact, Medication, Strategy

B = ContentSerializer.base_fields


def markdown_html(source: str):
    return extend_schema_field(OpenApiTypes.STR)(
        MarkdownHTMLField(source=source, help_text=f"`{source}` as sanitised HTML.")
    )


class CategorySerializer(ContentSerializer):
    description_html = markdown_html("description")

    class Meta:
        model = Category
        fields = (*B, "name", "description", "description_html")


class ContextSerializer(ContentSerializer):
    description_html = markdown_html("description")
    causes = summaries_of(Context, "causes", writable=True)

    class Meta:
        model = Context
        fields = (*B, "name", "description", "description_html", "causes")


class StepsField(serializers.ListField):
    """Ordered steps, read and written as a list of sentences."""

    child = serializers.CharField(max_length=300)

    def to_representation(self, steps):
        return [step.text for step in steps.all()]


class CautionSerializer(serializers.ModelSerializer):
    context = SummaryField(
        queryset=Context.objects.all(),
        required=False,
        allow_null=True,
        help_text="The situation the caution applies to; null means everyone.",
    )

    class Meta:
        model = Caution
        fields = ("text", "context")


class MedicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Medication
        fields = Medication.FIELDS


class StrategyListSerializer(ContentSerializer):
    categories = summaries_of(Strategy, "categories")
    contexts = summaries_of(Strategy, "contexts")

    class Meta:
        model = Strategy
        fields = (
            "slug", "url", "title", "summary", "minutes", "time_needed", "effort", "categories",
            "contexts", "updated_at",
        )  # fmt: skip


class StrategyDetailSerializer(ContentSerializer):
    """Everything an app shows for a strategy: steps, cautions, time, effort and tags."""

    description_html = markdown_html("description")
    steps = StepsField(required=False, help_text="What to do, in order.")
    cautions = CautionSerializer(
        many=True, required=False, help_text="Text an app must show with the strategy."
    )
    medication = MedicationSerializer(
        required=False,
        allow_null=True,
        help_text=(
            "For medicines only: what the medicine is, to discuss with a prescriber. Left out of a "
            "write, it stays as it is; null removes it."
        ),
    )
    categories = summaries_of(Strategy, "categories", writable=True)
    contexts = summaries_of(Strategy, "contexts", writable=True)
    conditions = summaries_of(Strategy, "conditions", writable=True)
    symptoms = summaries_of(Strategy, "symptoms", writable=True)
    sources = summaries_of(Strategy, "sources", writable=True)
    facts = summaries_of(Strategy, "facts", help_text="Figures about it, each with its source.")

    class Meta:
        model = Strategy
        fields = (
            *B, "title", "summary", "description", "description_html", "steps", "cautions",
            "minutes", "time_needed", "effort", "medication", "categories", "contexts",
            "conditions", "symptoms", "facts", "sources",
        )  # fmt: skip

    @transaction.atomic
    def create(self, validated_data):
        parts = self._pop_parts(validated_data)
        strategy = super().create(validated_data)
        self._save_parts(strategy, parts)
        return strategy

    @transaction.atomic
    def update(self, instance, validated_data):
        parts = self._pop_parts(validated_data)
        strategy = super().update(instance, validated_data)
        self._save_parts(strategy, parts)
        return strategy

    @staticmethod
    def _pop_parts(validated_data):
        return {
            name: validated_data.pop(name)
            for name in ("steps", "cautions", "medication")
            if name in validated_data
        }

    @staticmethod
    def _save_parts(strategy, parts):
        if "steps" in parts:
            strategy.replace_steps(parts["steps"])
        if "cautions" in parts:
            strategy.replace_cautions((c["text"], c.get("context")) for c in parts["cautions"])
        if "medication" in parts:
            strategy.replace_medication(parts["medication"])


class FAQListSerializer(ContentSerializer):
    class Meta:
        model = FAQ
        fields = ("slug", "url", "question", "updated_at")


class FAQDetailSerializer(ContentSerializer):
    answer_html = markdown_html("answer")
    conditions = summaries_of(FAQ, "conditions", writable=True)
    contexts = summaries_of(FAQ, "contexts", writable=True)
    sources = summaries_of(FAQ, "sources", writable=True)

    class Meta:
        model = FAQ
        fields = (*B, "question", "answer", "answer_html", "conditions", "contexts", "sources")


class FactSerializer(ContentSerializer):
    conditions = summaries_of(Fact, "conditions", writable=True)
    causes = summaries_of(Fact, "causes", writable=True)
    symptoms = summaries_of(Fact, "symptoms", writable=True)
    strategies = summaries_of(Fact, "strategies", writable=True)
    sources = summaries_of(Fact, "sources", writable=True)

    class Meta:
        model = Fact
        fields = (*B, "statement", "figure", "conditions", "causes", "symptoms", "strategies", "sources")
