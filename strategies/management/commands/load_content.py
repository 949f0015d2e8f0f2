from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from strategies import library


class Command(BaseCommand):
    help = "Load the curated content from fixtures/ (idempotent: unchanged items are not written)."

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, default=settings.BASE_DIR / "fixtures")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Also replace items changed after they were loaded (their old state stays in the history).",
        )

    def handle(self, *args, path, force, **options):
        try:
            report = library.load(path, force=force)
        except library.ContentError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Content loaded from {path}: {report}.")
