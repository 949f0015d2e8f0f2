"""numbapi settings: one file, every value from the environment (see README, "Settings")."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from numbapi.env import cache_from_url, env_bool, env_int, env_list, env_rate, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("NUMBAPI_DEBUG", False)

SECRET_KEY = env_str("NUMBAPI_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "NUMBAPI_SECRET_KEY is not set. Set it to a long random string "
            '(python -c "import secrets; print(secrets.token_urlsafe(50))"), '
            "or set NUMBAPI_DEBUG=1 for local development only."
        )
    SECRET_KEY = "insecure-development-key-used-only-with-NUMBAPI_DEBUG"

ALLOWED_HOSTS = env_list("NUMBAPI_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("NUMBAPI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "reversion",
    "reversion_compare",
    "numbapi",
    "conditions",
    "strategies",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "numbapi.urls"
WSGI_APPLICATION = "numbapi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "numbapi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite next to the code is the zero-setup default; production sets DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("NUMBAPI_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Take the write lock when a transaction starts, so that of two concurrent writes the
        # second waits and then sees the first (a 412), instead of failing on a locked database.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file too, so that threads get real connections and locks, as in production.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


CACHES = {"default": cache_from_url(env_str("NUMBAPI_CACHE_URL"))}
# How long a rendered anonymous API response stays in the server cache. Any content
# change invalidates it at once (see numbapi/caching.py); 0 turns the cache off.
NUMBAPI_CACHE_SECONDS = env_int("NUMBAPI_CACHE_SECONDS", 600)
# What public GET responses tell browsers and CDNs (Cache-Control: public, max-age=…).
NUMBAPI_HTTP_MAX_AGE = env_int("NUMBAPI_HTTP_MAX_AGE", 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# HTTPS hardening is on whenever debug is off; `make run` turns it off explicitly
# because it serves plain http on 127.0.0.1.
HTTPS = env_bool("NUMBAPI_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("NUMBAPI_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("NUMBAPI_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("NUMBAPI_HSTS_PRELOAD", False)
# Preloading commits the domain to browser vendors' lists; the operator opts in with
# NUMBAPI_HSTS_PRELOAD, so the reminder that it is off is not a deploy problem.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
if env_bool("NUMBAPI_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Apps read from any origin by default: the read API is public and needs no cookies.
_cors = env_list("NUMBAPI_CORS_ALLOWED_ORIGINS", ["*"])
CORS_ALLOW_ALL_ORIGINS = _cors == ["*"]
CORS_ALLOWED_ORIGINS = [] if CORS_ALLOW_ALL_ORIGINS else _cors
CORS_URLS_REGEX = r"^/api/.*$"
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Token first, so that an anonymous write is told how to authenticate (401).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["numbapi.permissions.ContentPermissions"],
    "DEFAULT_PAGINATION_CLASS": "numbapi.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "numbapi.filters.FilterBackend",
        "numbapi.filters.SearchFilter",
        "numbapi.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("NUMBAPI_THROTTLE_ANON", "120/minute"),
        "user": env_rate("NUMBAPI_THROTTLE_USER", "600/minute"),
    },
    "EXCEPTION_HANDLER": "numbapi.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "numbapi.schema.AutoSchema",
    "URL_FORMAT_OVERRIDE": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "numbapi",
    "VERSION": "1.0.0",
    "DESCRIPTION": (BASE_DIR / "numbapi" / "api_description.md").read_text(),
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "COMPONENT_NO_READ_ONLY_REQUIRED": False,
    "ENUM_NAME_OVERRIDES": {
        "StatusEnum": "numbapi.content.Status",
        "SymptomKindEnum": "conditions.models.Symptom.Kind",
        "ResourceKindEnum": "conditions.models.Resource.Kind",
        "EffortEnum": "strategies.models.Strategy.Effort",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "numbapi.schema.add_problem_responses",
    ],
    "TAGS": [
        {"name": "conditions", "description": "Emotional numbness and the conditions set apart from it."},
        {"name": "causes", "description": "What can lead to numbness."},
        {"name": "symptoms", "description": "How numbness shows."},
        {"name": "strategies", "description": "Coping strategies and treatments."},
        {"name": "categories", "description": "Kinds of strategy (mindfulness, movement, …)."},
        {"name": "contexts", "description": "Life situations (benzodiazepine withdrawal, trauma, …)."},
        {"name": "sources", "description": "The articles the content is curated from."},
        {"name": "faqs", "description": "Questions people ask, answered."},
        {"name": "facts", "description": "Figures, each attributed to its source."},
        {"name": "resources", "description": "Crisis and support lines."},
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("NUMBAPI_LOG_LEVEL", "INFO")},
}
