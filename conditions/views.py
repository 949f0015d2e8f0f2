from django.db.models import Prefetch

from conditions import filters, serializers
from conditions.models import Cause, Condition, Resource, Source, Symptom
from numbapi.filters import filterset_for
from numbapi.views import ContentViewSet, summaries


class ConditionViewSet(ContentViewSet):
    """Emotional numbness and the conditions the sources set apart from it.

    A condition's detail is a whole screen in one request: causes, symptoms,
    strategies, FAQs, facts, crisis resources and sources.
    """

    model = Condition
    list_serializer_class = serializers.ConditionListSerializer
    serializer_class = serializers.ConditionDetailSerializer
    filterset_class = filterset_for(Condition)
    search_fields = ["name", "also_known_as", "summary", "description"]
    ordering_fields = ["name", "updated_at"]
    ordering = ["name"]

    def detail_queryset(self, queryset):
        relations = ["related_conditions", "causes", "symptoms", "strategies", "faqs", "facts", "sources"]
        return queryset.prefetch_related(
            *(summaries(Condition, relation) for relation in relations),
            Prefetch(
                "resources",
                queryset=Resource.objects.published().prefetch_related(summaries(Resource, "conditions")),
            ),
        )


class CauseViewSet(ContentViewSet):
    """What can lead to numbness: brain mechanisms, experiences, conditions and medicines."""

    model = Cause
    list_serializer_class = serializers.CauseListSerializer
    serializer_class = serializers.CauseDetailSerializer
    filterset_class = filters.CauseFilter
    search_fields = ["name", "summary", "description"]
    ordering_fields = ["name", "updated_at"]
    ordering = ["name"]

    def detail_queryset(self, queryset):
        return queryset.prefetch_related(
            *(summaries(Cause, relation) for relation in ("conditions", "contexts", "facts", "sources"))
        )


class SymptomViewSet(ContentViewSet):
    """How numbness shows: emotional, cognitive, physical, social and behavioural signs."""

    model = Symptom
    list_serializer_class = serializers.SymptomListSerializer
    serializer_class = serializers.SymptomDetailSerializer
    filterset_class = filters.SymptomFilter
    search_fields = ["name", "summary"]
    ordering_fields = ["name", "updated_at"]
    ordering = ["name"]

    def detail_queryset(self, queryset):
        return queryset.prefetch_related(
            *(summaries(Symptom, relation) for relation in ("conditions", "strategies", "facts", "sources"))
        )


class SourceViewSet(ContentViewSet):
    """The articles numbapi's content is curated from."""

    model = Source
    serializer_class = serializers.SourceSerializer
    filterset_class = filterset_for(Source)
    search_fields = ["title", "publisher"]
    ordering_fields = ["title", "updated_at"]
    ordering = ["title"]


class ResourceViewSet(ContentViewSet):
    """Crisis and support lines, with when to contact them."""

    model = Resource
    serializer_class = serializers.ResourceSerializer
    filterset_class = filterset_for(Resource)
    search_fields = ["name", "purpose"]
    ordering_fields = ["name", "updated_at"]
    ordering = ["name"]

    def list_queryset(self, queryset):
        return queryset.prefetch_related(summaries(Resource, "conditions"))

    detail_queryset = list_queryset
