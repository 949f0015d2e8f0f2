"""Server-side cache of anonymous API responses, invalidated by any content change.

Every cache key carries a content version; a save, delete or relation change on any
content model bumps the version, so a stale response is never served after an edit.
With several server processes the cache (and so the version) must be shared: set
NUMBAPI_CACHE_URL to Redis. The local-memory default suits one process.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_cache_control

VERSION_KEY = "numbapi:content-version"
CONTENT_APPS = {"conditions", "strategies"}


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A clock-based start never reuses a version whose responses may still be cached.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_content_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def _on_change(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        bump_content_version()
        # Again once the change is committed: a request served between the first bump and
        # the commit would otherwise store the old content under the new version.
        transaction.on_commit(bump_content_version)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"numbapi-cache-{signal!r}")


def response_key(request) -> str:
    digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"numbapi:response:{content_version()}:{digest}"


def is_cacheable(request) -> bool:
    return (
        settings.NUMBAPI_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
    )


def mark_public(response) -> None:
    patch_cache_control(response, public=True, max_age=settings.NUMBAPI_HTTP_MAX_AGE)


def mark_private(response) -> None:
    # Editors' views may hold drafts: no shared cache may keep them.
    patch_cache_control(response, private=True, no_store=True)
