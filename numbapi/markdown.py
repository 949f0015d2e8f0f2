"""Markdown as editors write it, served as HTML that is safe to put in a page.

Python-Markdown passes raw HTML through, so its output is cleaned by an allowlist
sanitiser (nh3) instead of trusting any "safe mode".
"""

import re
from functools import lru_cache

import markdown as python_markdown
import nh3

ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol", "p", "pre",
    "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?\s*>|<!--")


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML; cached because the same texts are served again and again."""
    if not text:
        return ""
    html = python_markdown.markdown(text, extensions=["tables", "sane_lists"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    ).strip()


def contains_raw_html(text: str) -> bool:
    """True when Markdown source holds an HTML tag or comment, which content must not."""
    return bool(RAW_HTML.search(text or ""))
