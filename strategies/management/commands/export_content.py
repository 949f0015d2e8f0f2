from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from strategies import library


class Command(BaseCommand):
    help = "Write the database's content to fixtures/ in its canonical form, for review and commit."

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, default=settings.BASE_DIR / "fixtures")

    def handle(self, *args, path, **options):
        count = library.export(path)
        self.stdout.write(f"Exported {count} items to {path}.")
