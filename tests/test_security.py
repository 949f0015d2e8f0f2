"""What keeps readers and editors safe: sanitised HTML, no drafts for the public."""

import pytest

from numbapi.markdown import contains_raw_html, render_markdown
from strategies.models import Strategy
from tests.conftest import make

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="https://x.example" onclick="alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
    ],
)
def test_markdown_html_never_carries_script(attack):
    html = render_markdown(f"Hello\n\n{attack}")

    for bad in ("<script", "onerror", "javascript:", "onclick", "<iframe", "<img"):
        assert bad not in html


def test_markdown_keeps_what_editors_write():
    html = render_markdown("**Why it helps:** it [calms](https://example.org) you.\n\n- one\n- two")

    assert "<strong>Why it helps:</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">calms</a>' in html
    assert "<li>one</li>" in html


def test_the_api_serves_markdown_raw_and_as_sanitised_html(api):
    make(Strategy, "unsafe-text", description="Do this.\n\n<script>alert(1)</script>", summary="S.")

    body = api.get("/api/v1/strategies/unsafe-text/").json()

    assert body["description"] == "Do this.\n\n<script>alert(1)</script>"
    assert body["description_html"] == "<p>Do this.</p>"


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("plain **bold**", False),
        ("a <b>tag</b>", True),
        ("<!-- hidden -->", True),
        ("5 < 6 and 7 > 3", False),
    ],
)
def test_raw_html_in_markdown_is_detected(text, raw):
    assert contains_raw_html(text) is raw
