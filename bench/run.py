"""numbapi benchmark: latency, throughput, queries and memory of the read API.

Runs in one process against a fresh SQLite database holding the curated content, through
Django's full request stack (middleware, DRF, serializers, rendering). Prints figures and
checks them against the targets below; exits 1 if a target is missed.

    make bench            # or: python bench/run.py [--requests N]
"""

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Targets: milliseconds at the 95th percentile, and peak memory of the whole process.
TARGETS = {
    "uncached_p95_ms": 60.0,
    "cached_p95_ms": 5.0,
    "peak_rss_mb": 250.0,
}

ENDPOINTS = [
    ("strategies list, 20 per page", "/api/v1/strategies/"),
    ("strategies list, 100 per page", "/api/v1/strategies/?page_size=100"),
    (
        "strategies filtered",
        "/api/v1/strategies/?context=benzodiazepine-withdrawal&category=mindfulness,relaxation",
    ),
    ("strategies search", "/api/v1/strategies/?search=breathe"),
    ("strategy detail", "/api/v1/strategies/massage-therapy/"),
    ("condition screen", "/api/v1/conditions/emotional-numbness/"),
    ("facts list, 100 per page", "/api/v1/facts/?page_size=100"),
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint and mode")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="numbapi-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "numbapi.settings")
    os.environ.setdefault("NUMBAPI_SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("NUMBAPI_HTTPS", "0")
    os.environ["NUMBAPI_THROTTLE_ANON"] = "100000000/minute"

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_content", verbosity=0, stdout=open(os.devnull, "w"))
    load_seconds = time.perf_counter() - started

    client = Client(HTTP_HOST="127.0.0.1:8000")
    print(f"numbapi bench: {args.requests} requests per endpoint and mode; load_content {load_seconds:.2f} s")
    print(f"{'endpoint':34} {'mode':9} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'queries':>8} {'KiB':>7}")
    worst = {"uncached": 0.0, "cached": 0.0}
    for label, path in ENDPOINTS:
        for mode in ("uncached", "cached"):
            settings.NUMBAPI_CACHE_SECONDS = 0 if mode == "uncached" else 600
            cache.clear()
            client.get(path)  # warm-up (and, cached, the fill)
            timings = []
            for _ in range(args.requests):
                t0 = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (path, response.status_code)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            p50, p95 = statistics.median(timings), percentile(timings, 0.95)
            worst[mode] = max(worst[mode], p95)
            rate = 1000 / statistics.mean(timings)
            size = len(response.content) / 1024
            print(f"{label:34} {mode:9} {p50:8.2f} {p95:8.2f} {rate:8.0f} {len(queries):8d} {size:7.1f}")

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {"uncached_p95_ms": worst["uncached"], "cached_p95_ms": worst["cached"], "peak_rss_mb": peak_mb}
    print()
    failed = False
    for name, target in TARGETS.items():
        ok = figures[name] <= target
        failed |= not ok
        print(f"{name:18} {figures[name]:8.2f}  target <= {target:<8g} {'ok' if ok else 'MISSED'}")
    shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
