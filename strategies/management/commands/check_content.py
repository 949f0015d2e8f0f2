import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from strategies import library


class Command(BaseCommand):
    help = (
        "Check the content: sources, categories, dangling or duplicate slugs, summaries, raw HTML "
        "in Markdown, crisis resources. Checks fixtures/ unless --database is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, default=settings.BASE_DIR / "fixtures")
        parser.add_argument(
            "--database", action="store_true", help="Check what is in the database (e.g. after admin edits)."
        )

    def handle(self, *args, path, database, **options):
        try:
            if database:
                with tempfile.TemporaryDirectory() as tmp:
                    library.export(Path(tmp))
                    problems = library.check_items(library.read_items(Path(tmp)))
            else:
                problems = library.check_items(library.read_items(path))
        except library.ContentError as exc:
            raise CommandError(str(exc)) from None
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(problems)} content problem(s).")
        self.stdout.write("Content checks passed.")
