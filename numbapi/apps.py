from django.apps import AppConfig


class NumbapiConfig(AppConfig):
    name = "numbapi"
    verbose_name = "numbapi"

    def ready(self):
        from numbapi import caching, content, schema  # noqa: F401  (schema registers its extensions)

        caching.connect_signals()
        content.connect_sync_signals()
        register_link_history()


def register_link_history():
    """Record the many-to-many link rows too, so a deleted item comes back with its links."""
    import reversion
    from django.apps import apps

    for app_label in ("conditions", "strategies"):
        for model in apps.get_app_config(app_label).get_models():
            for field in model._meta.many_to_many:
                through = field.remote_field.through
                if through._meta.auto_created and not reversion.is_registered(through):
                    reversion.register(through)
