"""Create the "Editors" group: view, add and change on the content, nothing on users or groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "conditions": ["source", "condition", "cause", "symptom", "resource"],
    "strategies": ["category", "context", "strategy", "faq", "fact"],
}
# Parts edited inline with a strategy: editors add and remove steps and cautions.
PARTS = {"strategies": ["step", "caution", "medication"]}


def _ensure_permissions(apps):
    # On a fresh database permissions are only created after all migrations; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_editors(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    codenames = []
    for app_label, models in CONTENT.items():
        codenames += [(app_label, f"{action}_{m}") for m in models for action in ("view", "add", "change")]
    for app_label, models in PARTS.items():
        codenames += [(app_label, f"{action}_{m}") for m in models for action in ("view", "add", "change", "delete")]
    perms = [Permission.objects.get(content_type__app_label=app, codename=code) for app, code in codenames]
    editors.permissions.add(*perms)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("conditions", "0001_initial"),
        ("strategies", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
