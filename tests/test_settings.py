"""Settings come from the environment, and production refuses to run unsafely."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from numbapi.env import env_bool, env_int, env_list

BASE = str(settings.BASE_DIR)
PRODUCTION = {
    "NUMBAPI_SECRET_KEY": "x" * 60 + "production-like-secret-key",
    "NUMBAPI_DEBUG": "0",
    "NUMBAPI_ALLOWED_HOSTS": "api.numbapi.example",
    "NUMBAPI_HTTPS": "1",
}


def _manage(*args, env_overrides: dict, drop=()) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NUMBAPI_") and k not in drop}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deploy_check():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr


def test_without_a_secret_key_and_with_debug_off_the_service_refuses_to_start():
    result = _manage("check", env_overrides={"NUMBAPI_DEBUG": "0"})

    assert result.returncode != 0
    assert "NUMBAPI_SECRET_KEY is not set" in result.stderr


def test_a_typo_in_a_boolean_setting_stops_start_up():
    result = _manage("check", env_overrides={**PRODUCTION, "NUMBAPI_DEBUG": "ture"})

    assert result.returncode != 0
    assert "NUMBAPI_DEBUG='ture' is not a boolean" in result.stderr


def test_a_throttle_rate_that_is_not_a_rate_stops_start_up():
    result = _manage("check", env_overrides={**PRODUCTION, "NUMBAPI_THROTTLE_ANON": "lots"})

    assert result.returncode != 0
    assert "NUMBAPI_THROTTLE_ANON='lots' is not a rate" in result.stderr


def test_an_unknown_cache_url_stops_start_up():
    result = _manage("check", env_overrides={**PRODUCTION, "NUMBAPI_CACHE_URL": "memcached://x"})

    assert result.returncode != 0
    assert "NUMBAPI_CACHE_URL" in result.stderr


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("yes", True), ("off", False), ("0", False)])
def test_booleans_are_read_from_the_environment(monkeypatch, raw, expected):
    monkeypatch.setenv("NUMBAPI_TEST_FLAG", raw)

    assert env_bool("NUMBAPI_TEST_FLAG", not expected) is expected


def test_lists_are_comma_separated_and_empty_means_none(monkeypatch):
    monkeypatch.setenv("NUMBAPI_TEST_LIST", " a.example, b.example ,")
    assert env_list("NUMBAPI_TEST_LIST", []) == ["a.example", "b.example"]
    monkeypatch.setenv("NUMBAPI_TEST_LIST", "")
    assert env_list("NUMBAPI_TEST_LIST", ["default"]) == []


def test_a_negative_number_is_refused(monkeypatch):
    monkeypatch.setenv("NUMBAPI_TEST_INT", "-5")

    with pytest.raises(ImproperlyConfigured):
        env_int("NUMBAPI_TEST_INT", 1)


def test_the_database_comes_from_database_url():
    code = (
        "from django.conf import settings as s; db = s.DATABASES['default']; print(db['ENGINE'], db['NAME'])"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='numbapi.settings'; {code}",
        ],
        cwd=BASE,
        env={**os.environ, **PRODUCTION, "DATABASE_URL": "postgres://u:p@db.example:5432/numbapi"},
        capture_output=True,
        text=True,
    )

    assert result.stdout.split() == ["django.db.backends.postgresql", "numbapi"]
