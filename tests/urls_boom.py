"""URLs with a view that fails, to see what a real bug looks like to a client."""

from django.urls import path

from numbapi.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def boom(request):
    return 1 / 0


urlpatterns = [path("api/v1/boom/", boom), path("boom/", boom), *urlpatterns]
