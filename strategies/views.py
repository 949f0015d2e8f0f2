from django.db.models import Prefetch

from numbapi.filters import filterset_for
from numbapi.views import ContentViewSet, summaries
from strategies import filters, serializers
from strategies.models import FAQ, Category, Caution, Context, Fact, Strategy


class StrategyViewSet(ContentViewSet):
    """Coping strategies and treatments, filterable by category, context, condition and symptom."""

    model = Strategy
    list_serializer_class = serializers.StrategyListSerializer
    serializer_class = serializers.StrategyDetailSerializer
    filterset_class = filters.StrategyFilter
    search_fields = ["title", "summary", "description"]
    ordering_fields = ["title", "updated_at"]
    ordering = ["title"]

    def list_queryset(self, queryset):
        return queryset.prefetch_related(summaries(Strategy, "categories"), summaries(Strategy, "contexts"))

    def detail_queryset(self, queryset):
        relations = ("categories", "contexts", "conditions", "symptoms", "facts", "sources")
        return queryset.select_related("medication").prefetch_related(
            "steps",
            Prefetch("cautions", queryset=Caution.objects.select_related("context")),
            *(summaries(Strategy, relation) for relation in relations),
        )


class CategoryViewSet(ContentViewSet):
    """Kinds of strategy: mindfulness, physical activity, creative expression, …"""

    model = Category
    serializer_class = serializers.CategorySerializer
    filterset_class = filterset_for(Category)
    search_fields = ["name", "description"]
    ordering_fields = ["name", "updated_at"]
    ordering = ["name"]


class ContextViewSet(ContentViewSet):
    """Life situations such as benzodiazepine withdrawal, addiction recovery or grief."""

    model = Context
    serializer_class = serializers.ContextSerializer
    filterset_class = filterset_for(Context)
    search_fields = ["name", "description"]
    ordering_fields = ["name", "updated_at"]
    ordering = ["name"]

    def list_queryset(self, queryset):
        return queryset.prefetch_related(summaries(Context, "causes"))

    detail_queryset = list_queryset


class FAQViewSet(ContentViewSet):
    """Questions people ask about numbness, answered in plain words."""

    model = FAQ
    list_serializer_class = serializers.FAQListSerializer
    serializer_class = serializers.FAQDetailSerializer
    filterset_class = filters.FAQFilter
    search_fields = ["question", "answer"]
    ordering_fields = ["question", "updated_at"]
    ordering = ["question"]

    def detail_queryset(self, queryset):
        return queryset.prefetch_related(
            *(summaries(FAQ, relation) for relation in ("conditions", "contexts", "sources"))
        )


class FactViewSet(ContentViewSet):
    """Figures such as prevalences, each tied to what it describes and to its source."""

    model = Fact
    serializer_class = serializers.FactSerializer
    filterset_class = filterset_for(Fact)
    search_fields = ["statement"]
    ordering_fields = ["statement", "updated_at"]
    ordering = ["statement"]

    def list_queryset(self, queryset):
        relations = ("conditions", "causes", "symptoms", "strategies", "sources")
        return queryset.prefetch_related(*(summaries(Fact, relation) for relation in relations))

    detail_queryset = list_queryset
