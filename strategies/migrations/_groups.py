"""Shared by the migrations that create the Editors and Reviewers groups."""

from django.contrib.auth.management import create_permissions


def ensure_permissions(apps):
    # On a fresh database permissions are only created after all migrations; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def permissions_for(apps, models_by_app: dict, actions: tuple) -> list:
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
        for app_label, models in models_by_app.items()
        for model in models
        for action in actions
    ]
