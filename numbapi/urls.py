from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from conditions import views as conditions
from numbapi.errors import api_not_found
from numbapi.views import healthz, readyz
from strategies import views as strategies


class Router(DefaultRouter):
    include_format_suffixes = False


admin.site.site_header = "numbapi content"
admin.site.site_title = "numbapi content"
admin.site.index_title = "Curate the library"
admin.site.site_url = "/api/docs/"

# Registered in the order the API root lists them.
router = Router(trailing_slash=True)
router.register("conditions", conditions.ConditionViewSet, basename="condition")
router.register("causes", conditions.CauseViewSet, basename="cause")
router.register("symptoms", conditions.SymptomViewSet, basename="symptom")
router.register("strategies", strategies.StrategyViewSet, basename="strategy")
router.register("categories", strategies.CategoryViewSet, basename="category")
router.register("contexts", strategies.ContextViewSet, basename="context")
router.register("sources", conditions.SourceViewSet, basename="source")
router.register("faqs", strategies.FAQViewSet, basename="faq")
router.register("facts", strategies.FactViewSet, basename="fact")
router.register("resources", conditions.ResourceViewSet, basename="resource")

urlpatterns = [
    path("", RedirectView.as_view(url="/api/docs/", permanent=False)),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    re_path(r"^api/", api_not_found),
]

handler400 = "numbapi.errors.handler400"
handler403 = "numbapi.errors.handler403"
handler404 = "numbapi.errors.handler404"
handler500 = "numbapi.errors.handler500"
