"""The editorial flow in a real browser: an editor drafts and submits, a reviewer publishes, apps see it.

Playwright drives Debian's Chromium (Playwright's own browser download does not work
offline). A screenshot of each admin step is saved under test-artifacts/browser/.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import connections

from conditions.models import Source
from strategies.models import Category, Context, Strategy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "browser"
CHROMIUM = "/usr/bin/chromium"
# As root, in a sandbox with no network: no sandboxing, no calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "a-long-test-passphrase"


@pytest.fixture(scope="session")
def chromium_path():
    """Debian's Chromium, installed with apt-get where it is missing."""
    if not Path(CHROMIUM).exists():
        apt = ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]
        if subprocess.run(apt, capture_output=True).returncode != 0:
            subprocess.run(["apt-get", "update"], capture_output=True, check=True)
            subprocess.run(apt, capture_output=True, check=True)
    return CHROMIUM


@pytest.fixture
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    # The ORM runs in the test thread beside Playwright's event loop; the calls never overlap.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # The ORM ran beside Playwright's event loop, in a context of its own: close that
        # connection too, or PostgreSQL cannot drop the test database afterwards.
        connections.close_all()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _staff(username: str, group: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def _log_in(browser, base: str, username: str):
    page = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900}).new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    return page


def _run_action(page, title: str, action: str, shot: str):
    page.goto(
        "/admin/strategies/strategy/?status__exact="
        + ("draft" if action == "submit_for_review" else "in_review")
    )
    page.locator("tr", has_text=title).locator("input.action-select").check()
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")
    page.wait_for_selector("text=are you sure?")
    page.screenshot(path=ARTIFACTS / f"{shot}-confirm.png", full_page=True)
    page.click("input[type=submit][value]:not([name])")
    page.wait_for_selector("ul.messagelist")
    page.screenshot(path=ARTIFACTS / f"{shot}-done.png", full_page=True)


def test_editor_drafts_and_submits_reviewer_publishes_and_apps_see_it(browser, live_server):
    _staff("eddie", "Editors")
    _staff("rosa", "Reviewers")
    Category.objects.get_or_create(
        slug="browser-calm", defaults={"name": "Browser calm", "status": "published"}
    )
    Context.objects.get_or_create(
        slug="browser-life", defaults={"name": "Browser life", "status": "published"}
    )
    Source.objects.get_or_create(
        slug="browser-source", defaults={"title": "Browser source", "status": "published"}
    )
    title = "Slow breathing by the window"

    # The editor logs in and drafts a strategy with a category, a context, a source and a step.
    editor = _log_in(browser, live_server.url, "eddie")
    editor.screenshot(path=ARTIFACTS / "01-editor-logged-in.png", full_page=True)
    editor.goto("/admin/strategies/strategy/add/")
    editor.locator("#id_title").press_sequentially(title)  # typed, as prepopulate listens for keys
    assert editor.input_value("#id_slug") == "slow-breathing-by-the-window"  # prefilled from the title
    editor.fill("#id_summary", "Sit by a window and breathe slowly for five minutes.")
    editor.fill(
        "#id_description", "Open the window a little.\n\n**Why it helps:** fresh air and slow breaths."
    )
    editor.fill("#id_time_needed", "5 minutes")
    for tag, label in (("categories", "Browser calm"), ("contexts", "Browser life")):  # two-pane selectors
        editor.select_option(f"#id_{tag}_from", label=label)
        editor.click(f"#id_{tag}_add")
    editor.click(".field-sources .select2-selection")  # an autocomplete: type, then pick
    editor.keyboard.type("Browser so")
    editor.click(".select2-results__option:has-text('Browser source')")
    editor.fill("#id_steps-0-text", "Breathe in for four and out for six.")
    assert [o.strip() for o in editor.locator("#id_status option").all_inner_texts()] == [
        "Draft",
        "In review",
    ]
    editor.screenshot(path=ARTIFACTS / "02-editor-draft-form.png", full_page=True)
    editor.click("input[name=_save]")
    editor.wait_for_selector("ul.messagelist")
    editor.screenshot(path=ARTIFACTS / "03-editor-draft-saved.png", full_page=True)
    assert Strategy.objects.get(slug="slow-breathing-by-the-window").status == "draft"

    _run_action(editor, title, "submit_for_review", "04-editor-submit")
    assert Strategy.objects.get(slug="slow-breathing-by-the-window").status == "in_review"
    assert editor.locator("select[name=action] option[value=publish]").count() == 0

    # A reviewer publishes it.
    reviewer = _log_in(browser, live_server.url, "rosa")
    _run_action(reviewer, title, "publish", "05-reviewer-publish")
    strategy = Strategy.objects.get(slug="slow-breathing-by-the-window")
    assert strategy.status == "published"
    assert strategy.reviewed_by.username == "rosa"

    # Apps now get it from the public API, without credentials.
    public = browser.new_context(base_url=live_server.url).new_page()
    response = public.goto("/api/v1/strategies/slow-breathing-by-the-window/")
    public.screenshot(path=ARTIFACTS / "06-public-api.png", full_page=True)
    body = response.json()
    assert response.status == 200
    assert body["title"] == title
    assert body["steps"] == ["Breathe in for four and out for six."]
    assert [c["slug"] for c in body["categories"]] == ["browser-calm"]
    assert [c["slug"] for c in body["contexts"]] == ["browser-life"]
    listed = public.request.get("/api/v1/strategies/?context=browser-life").json()
    assert [item["slug"] for item in listed["results"]] == ["slow-breathing-by-the-window"]
    assert len(list(ARTIFACTS.glob("*.png"))) == 8
