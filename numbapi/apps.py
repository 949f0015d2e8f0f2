from django.apps import AppConfig


class NumbapiConfig(AppConfig):
    name = "numbapi"
    verbose_name = "numbapi"

    def ready(self):
        from numbapi import caching, schema  # noqa: F401  (schema registers its extensions)

        caching.connect_signals()
