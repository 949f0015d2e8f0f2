"""Create the "Reviewers" group: everything editors may do, plus publish, unpublish and archive."""

from django.db import migrations

from strategies.migrations._groups import ensure_permissions, permissions_for

CONTENT = {
    "conditions": ["source", "condition", "cause", "symptom", "resource"],
    "strategies": ["category", "context", "strategy", "faq", "fact"],
}


def create_reviewers(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.get(name="Editors")
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    reviewers.permissions.add(*editors.permissions.all())
    reviewers.permissions.add(*permissions_for(apps, CONTENT, ("publish",)))


def remove_reviewers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Reviewers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("strategies", "0003_publish_permissions"),
        ("conditions", "0002_publish_permissions"),
    ]

    operations = [migrations.RunPython(create_reviewers, remove_reviewers)]
