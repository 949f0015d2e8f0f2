from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from conditions.models import Cause, Condition, Resource, Source, Symptom
from numbapi.serializers import ContentSerializer, LinesField, MarkdownHTMLField, summaries_of

B = ContentSerializer.base_fields


class SourceSerializer(ContentSerializer):
    class Meta:
        model = Source
        fields = (*B, "title", "publisher", "link", "date", "note")


class ResourceSerializer(ContentSerializer):
    conditions = summaries_of(Resource, "conditions", writable=True)

    class Meta:
        model = Resource
        fields = (
            *B, "name", "kind", "purpose", "when_to_contact", "phone", "sms", "website", "country",
            "hours", "conditions",
        )  # fmt: skip


class ConditionListSerializer(ContentSerializer):
    also_known_as = LinesField(required=False, help_text="Other names people use for it.")

    class Meta:
        model = Condition
        fields = ("slug", "url", "name", "also_known_as", "summary", "updated_at")


class ConditionDetailSerializer(ContentSerializer):
    """A whole condition screen: everything an app shows, in one request."""

    also_known_as = LinesField(required=False, help_text="Other names people use for it.")
    description_html = extend_schema_field(OpenApiTypes.STR)(
        MarkdownHTMLField(source="description", help_text="`description` as sanitised HTML.")
    )
    related_conditions = summaries_of(Condition, "related_conditions", writable=True)
    sources = summaries_of(Condition, "sources", writable=True)
    causes = summaries_of(Condition, "causes", help_text="What can lead to it.")
    symptoms = summaries_of(Condition, "symptoms", help_text="How it shows.")
    strategies = summaries_of(Condition, "strategies", help_text="What helps.")
    faqs = summaries_of(Condition, "faqs", help_text="Questions people ask about it.")
    facts = summaries_of(Condition, "facts", help_text="Figures about it, each with its source.")
    resources = ResourceSerializer(
        many=True, read_only=True, help_text="Crisis and support lines to show on this screen."
    )

    class Meta:
        model = Condition
        fields = (
            *B, "name", "also_known_as", "summary", "description", "description_html",
            "related_conditions", "causes", "symptoms", "strategies", "faqs", "facts", "resources",
            "sources",
        )  # fmt: skip


class CauseListSerializer(ContentSerializer):
    class Meta:
        model = Cause
        fields = ("slug", "url", "name", "summary", "updated_at")


class CauseDetailSerializer(ContentSerializer):
    description_html = extend_schema_field(OpenApiTypes.STR)(
        MarkdownHTMLField(source="description", help_text="`description` as sanitised HTML.")
    )
    conditions = summaries_of(Cause, "conditions", writable=True)
    contexts = summaries_of(Cause, "contexts", writable=True)
    sources = summaries_of(Cause, "sources", writable=True)
    facts = summaries_of(Cause, "facts", help_text="Figures about it, each with its source.")

    class Meta:
        model = Cause
        fields = (
            *B, "name", "summary", "description", "description_html", "conditions", "contexts",
            "facts", "sources",
        )  # fmt: skip


class SymptomListSerializer(ContentSerializer):
    class Meta:
        model = Symptom
        fields = ("slug", "url", "name", "summary", "kind", "updated_at")


class SymptomDetailSerializer(ContentSerializer):
    conditions = summaries_of(Symptom, "conditions", writable=True)
    sources = summaries_of(Symptom, "sources", writable=True)
    strategies = summaries_of(Symptom, "strategies", help_text="What helps with it.")
    facts = summaries_of(Symptom, "facts", help_text="Figures about it, each with its source.")

    class Meta:
        model = Symptom
        fields = (*B, "name", "summary", "kind", "conditions", "strategies", "facts", "sources")
