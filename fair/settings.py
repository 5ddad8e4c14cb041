"""Settings for praktikmesse, read from the environment (see README, "Configuration")."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str | None = None) -> str | None:
    """Read NAME or DJANGO_NAME from the environment (both spellings are accepted)."""
    for key in (name, f"DJANGO_{name}"):
        if key in os.environ:
            return os.environ[key]
    return default


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG and not env_bool("FAIR_INSECURE_DEV", False):
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - only with DEBUG

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "axes",
    "fair",
    "booking",
    "badges",
    "partners",
    "outcomes",
    "outreach",
    "fair.dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fair.middleware.NulCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "fair.site.SiteUrlMiddleware",  # links in e-mails sent during a request use its host
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fair.middleware.LanguageMiddleware",
    "fair.api_guard.JsonOnlyApiMiddleware",  # API bodies only as application/json (415)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "fair.middleware.NoStoreMiddleware",
    # Last, as django-axes asks: it turns a locked-out staff log-in into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fair.urls"
# Widgets render through TEMPLATES, so that templates/includes/ can hold our own widgets.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "fair.wsgi.application"
AUTH_USER_MODEL = "fair.User"
LOGIN_URL = "fair:login"
LOGIN_REDIRECT_URL = "fair:me"
LOGOUT_REDIRECT_URL = "fair:home"
# django-axes counts failed staff log-ins (password) first; the model backend then checks them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite file by default, PostgreSQL in production through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("FAIR_CONN_MAX_AGE", "60") or 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite: serialise write transactions so that bookings behave as under PostgreSQL.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Danish first, English when chosen; Europe/Copenhagen.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Copenhagen"
LANGUAGE_COOKIE_NAME = "praktikmesse_language"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Serve from the apps' and project's static folders too, so that a server started before
# `collectstatic` (a quick trial, a load test) still has its CSS, scripts and API docs.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "fair.storage.StaticStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# E-mail: the console by default; SMTP through the environment in production.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))  # the file backend's folder
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Praktikmesse <noreply@praktikmesse.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: immediate by default, the database worker in production.
TASKS = {
    "default": {
        "BACKEND": env("FAIR_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

# Security: strict in production; SECURE_SSL_REDIRECT=0 where TLS ends at a proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000") or 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Project settings.
FAIR_MAGIC_LINK_MAX_AGE = int(env("FAIR_MAGIC_LINK_MAX_AGE", "1800") or 1800)
FAIR_BASE_URL = env("FAIR_BASE_URL", "http://localhost:8000")
# Calendar UIDs stay stable across a change of address when this is set (e.g. praktikmesse.dk).
FAIR_CALENDAR_UID_DOMAIN = env("FAIR_CALENDAR_UID_DOMAIN", "")
# Check-in, stand scans and outcome marks count only on the fair's day: from this local time
# (Europe/Copenhagen) on the fair's date until the same time the next day (badges/fairday.py).
FAIR_DAY_STARTS = env("FAIR_DAY_STARTS", "06:00")
# Outcome follow-up e-mails: rounds in weeks after the fair, and how long their links work.
FAIR_FOLLOWUP_WEEKS = [int(w) for w in env_list("FAIR_FOLLOWUP_WEEKS", "2,8")]
FAIR_OUTCOME_LINK_DAYS = int(env("FAIR_OUTCOME_LINK_DAYS", "60") or 60)

# Abuse limits (README, "Security"). Counters live in the cache, which is the database so
# that every gunicorn worker shares them (`migrate` creates its table).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "praktikmesse_cache",
    }
}
# Behind a reverse proxy: how many proxies append to X-Forwarded-For (0: use REMOTE_ADDR).
FAIR_PROXY_COUNT = int(env("FAIR_PROXY_COUNT", "0") or 0)
FAIR_LOGIN_MAILS_PER_ADDRESS_HOUR = int(env("FAIR_LOGIN_MAILS_PER_ADDRESS_HOUR", "5") or 5)
# A school class signs up from one address: the per-IP limit leaves room for a class.
FAIR_LOGIN_MAILS_PER_IP_MINUTE = int(env("FAIR_LOGIN_MAILS_PER_IP_MINUTE", "30") or 30)
FAIR_SIGNUPS_PER_IP_MINUTE = int(env("FAIR_SIGNUPS_PER_IP_MINUTE", "30") or 30)

# Staff log-in (password) through django-axes: 5 failures for one account from one address
# lock that combination for 15 minutes; a successful log-in resets the count.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(env("FAIR_STAFF_LOGIN_FAILURES", "5") or 5)
AXES_COOLOFF_TIME = timedelta(minutes=int(env("FAIR_STAFF_LOCKOUT_MINUTES", "15") or 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"  # the log-in form's field (it holds the e-mail)
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "fair.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "fair.throttle.staff_lockout_response"
AXES_VERBOSE = False

# Content-Security-Policy (django-csp): only our own scripts, styles, images and fonts; the
# pages carry no inline script or style. The door camera reads frames into a canvas (blob:).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The 500 page is plain HTML with its own <style> (tests/fair/test_security_headers.py
        # checks that this hash still matches it).
        "style-src": ["'self'", "'sha256-QV06kszFn4WwitR4Eele5Hc/SFNau8OP8ZjE87daQIk='"],
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Log-in links, calendar feeds and invitations carry secrets in their paths: redacted.
    "filters": {"redact_tokens": {"()": "fair.log_filters.RedactTokensFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]}},
    "root": {"handlers": ["console"], "level": env("FAIR_LOG_LEVEL", "INFO")},
    # Every task logs its start and end at INFO: too much for the console; failures still show.
    "loggers": {
        "django_tasks": {"level": env("FAIR_TASKS_LOG_LEVEL", "WARNING")},
        # django-axes logs every log-in at INFO; lockouts still show as warnings.
        "axes": {"level": "WARNING"},
    },
}
