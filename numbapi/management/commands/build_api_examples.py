import json
import re

from django.core.management.base import BaseCommand
from django.test import Client, override_settings

from numbapi.schema import DETAIL_EXAMPLES, EXAMPLES_FILE

HOST = "127.0.0.1:8000"
# Timestamps differ on every load; the examples show one fixed moment.
TIMESTAMP = re.compile(r'"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))"')
FIXED_TIMESTAMP = '"2026-11-22T09:00:00Z"'


def record() -> dict:
    """Real responses from the public API, as the schema's examples show them."""
    client = Client(HTTP_HOST=HOST)
    examples = {}
    with override_settings(SECURE_SSL_REDIRECT=False, NUMBAPI_CACHE_SECONDS=0):
        for resource, slug in DETAIL_EXAMPLES.items():
            listing = client.get(f"/api/v1/{resource}/", {"page_size": 2})
            detail = client.get(f"/api/v1/{resource}/{slug}/")
            if listing.status_code != 200 or detail.status_code != 200:
                raise RuntimeError(
                    f"{resource}: {listing.status_code}/{detail.status_code}; is the content loaded?"
                )
            examples[resource] = {"list": listing.json(), "detail": detail.json()}
    text = TIMESTAMP.sub(FIXED_TIMESTAMP, json.dumps(examples, ensure_ascii=False))
    return json.loads(text)


def render(examples: dict) -> str:
    return json.dumps(examples, indent=1, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Record the OpenAPI examples from the published content (run after changing content or fields)."

    def handle(self, *args, **options):
        EXAMPLES_FILE.write_text(render(record()), encoding="utf-8")
        self.stdout.write(f"Wrote {EXAMPLES_FILE}.")
