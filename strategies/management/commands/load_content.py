from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from strategies import library


class Command(BaseCommand):
    help = "Load the curated content from fixtures/ (idempotent: unchanged items are not written)."

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, default=settings.BASE_DIR / "fixtures")

    def handle(self, *args, path, **options):
        try:
            report = library.load(path)
        except library.ContentError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Content loaded from {path}: {report}.")
