"""SamePage settings: one file, driven by environment variables (see README, "Configuration")."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. With DEBUG off SamePage will not start without a "
            "secret key: set DJANGO_SECRET_KEY to a long random value (or DJANGO_DEBUG=1 for "
            "local development only)."
        )
    # Only reachable with DEBUG on: a fixed key is acceptable for local development.
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_tasks_db",
    "audit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    "alignment",
    "exports",
    "checkins",
    "jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages (static files come precompressed from WhiteNoise, above it). Safe under
    # BREACH here: the only secret in a page is the CSRF token, masked anew in every response,
    # and Django pads each gzip stream with a random length (README, "Compression").
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Records views and changes of clinical data with the status the inner layers answered.
    "audit.middleware.AuditMiddleware",
    # Before the session and two-factor redirects, so that those carry its headers too.
    "accounts.middleware.PrivatePageHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.ClinicTimezoneMiddleware",
    "accounts.middleware.TwoFactorGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]


def sqlite_options():
    """SQLite tuned for several people writing at once (the `make run` default).

    IMMEDIATE takes the write lock when a transaction starts, so a transaction that reads and
    then writes never fails to upgrade its lock ("database is locked"); WAL lets readers go on
    while one writes; the busy timeout makes a writer wait its turn instead of failing.
    """
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }


DATABASES = {
    # An empty DATABASE_URL counts as unset: the embedded SQLite database.
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, trying a new connection again for a few seconds (PostgreSQL restarts).
    DATABASES["default"]["ENGINE"] = "config.postgresql"
DATABASE_CONNECT_RETRY = float(os.environ.get("DATABASE_CONNECT_RETRY", "3"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(sqlite_options())
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, as django-axes requires, so locked-out attempts never reach a password check.
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.EmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a day: long enough to find the email, short if leaked

# Two-factor sign-in (accounts/two_factor.py): an authenticator app plus ten recovery codes.
# Required for therapists, clinic admins and the platform operator whenever DEBUG is off
# (they set it up at their next sign-in and reach nothing else before); optional for clients,
# and optional for everyone in the local demo (DEBUG on).
TWO_FACTOR_REQUIRED = not DEBUG
OTP_TOTP_ISSUER = "SamePage"

# Sessions end after 30 minutes idle and after 12 hours at most
# (accounts.middleware.SessionLifetimeMiddleware, which renews the session and its cookie at
# most once a minute, so a request that changes nothing writes nothing).
SESSION_IDLE_TIMEOUT = 30 * 60
SESSION_MAX_AGE = 12 * 60 * 60
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Sign-in limits, designed so that nobody elsewhere can keep a person out (README, "Sign-in
# limits"):
# - django-axes: 5 failures for one account from one address pause that pair for 15 minutes.
#   A stranger's failures lock only the stranger's own address out of that account.
# - RATE_LIMITS["signin_account"]: a wider limit per account from all addresses together, to
#   slow a guesser spread over many addresses. An address whose pair is already paused adds
#   nothing to it, so one address alone can never reach it.
# - RATE_LIMITS["signin_ip"]: failures from one address over all accounts, so one address
#   cannot try a password on many accounts.
# A completed password reset clears every lock on the account; a sign-in clears its count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# axes.W006 warns that rotating user agents or cookies bypasses limits; neither is a parameter
# here, and the per-account and per-address limits above catch rotating addresses.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_CALLABLE = "accounts.backends.axes_username"
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout"
AXES_RESET_ON_SUCCESS = True
# Failures during a lockout must not extend it, or a stranger could keep an account locked.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_VERBOSE = False
# Trusted proxies in front (README, DJANGO_PROXY_COUNT): every limit, axes' included, reads the
# visitor's address through accounts.throttle.client_ip.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "accounts.throttle.client_ip"
AUDIT_PROXY_COUNT = PROXY_COUNT

# Rate limits (accounts/throttle.py): name -> (attempts, seconds), counted per window in the
# cache below. "_user" limits count one signed-in person, "_ip" ones one network address (a
# clinic behind one address shares it, so those are wider).
RATE_LIMITS = {
    "signin_account": (30, 60 * 60),
    "signin_ip": (40, 60 * 60),
    "password_reset_ip": (10, 60 * 60),
    "password_reset_email": (3, 60 * 60),
    "invitation_user": (30, 60 * 60),
    "invitation_ip": (60, 60 * 60),
    "comment_user": (30, 10 * 60),
    "comment_ip": (120, 10 * 60),
    "proposal_user": (30, 10 * 60),
    "proposal_ip": (120, 10 * 60),
    "label_user": (30, 10 * 60),
    "label_ip": (120, 10 * 60),
    # Wrong second-factor codes of one signed-in person (django-otp also slows each device).
    "two_factor_user": (10, 15 * 60),
}

# The database cache: every app server sees the same rate-limit counts through PostgreSQL,
# with no other service to run. `manage.py createcachetable` creates its table (make run and
# make serve do; the test database gets it automatically).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "samepage_cache",
    }
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One readable date format per language (config/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"  # stored times; pages show the clinic's own time zone

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
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

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content Security Policy: nothing but this site, no inline script or style.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    # Bootstrap draws form controls (select arrows, check marks) with data: SVG images.
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# `make serve` tries the production settings over plain HTTP on this machine only.
INSECURE_HTTP = env_bool("DJANGO_INSECURE_HTTP")
if not DEBUG and not INSECURE_HTTP:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # Load balancers probe health over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix makes browsers refuse these cookies unless they are Secure, for this
    # exact host and path /, so a sibling subdomain cannot plant or overwrite them. Not with
    # DEBUG or `make serve`: browsers drop __Host- cookies sent over plain HTTP.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# Mail: every email is queued in the database (jobs.mail) and sent by the background worker
# (`manage.py run_worker`) through the "deliver" mailer: SMTP in production, the console locally.
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "SamePage <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if DEBUG and not os.environ.get("EMAIL_HOST"):
    DELIVER_MAILER = {"BACKEND": "jobs.mail.ReadableConsoleBackend"}
else:
    DELIVER_MAILER = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", True),
            "timeout": int(os.environ.get("EMAIL_TIMEOUT", "10")),
        },
    }
MAILERS = {"default": {"BACKEND": "jobs.mail.QueuedEmailBackend"}, "deliver": DELIVER_MAILER}
# A failed delivery is tried again after 30 s, 1 min, 2 min... (at most 15 min apart); after
# 10 attempts the email is marked failed, logged, and listed in the admin to send again.
SAMEPAGE_EMAIL_MAX_ATTEMPTS = int(os.environ.get("SAMEPAGE_EMAIL_MAX_ATTEMPTS", "10"))
SAMEPAGE_EMAIL_RETRY_BASE = float(os.environ.get("SAMEPAGE_EMAIL_RETRY_BASE", "30"))
SAMEPAGE_EMAIL_RETRY_CAP = float(os.environ.get("SAMEPAGE_EMAIL_RETRY_CAP", "900"))

# Background jobs (django.tasks), stored in the database: a job enqueued inside a transaction
# exists if and only if that transaction commits.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Periodic jobs: dotted path of a task -> period in seconds, enqueued by the worker when due.
SAMEPAGE_SCHEDULE = {
    "jobs.tasks.clear_expired_sessions": 60 * 60,
    "jobs.tasks.requeue_stalled_email": 10 * 60,
    "jobs.tasks.prune_finished_jobs": 24 * 60 * 60,
    # Check-ins that a client's cadence says are due, and the one reminder after 3 days.
    "checkins.tasks.open_due_checkins": 60 * 60,
    "checkins.tasks.send_checkin_reminders": 60 * 60,
}
# /readyz reports the queue stuck when a due job has waited longer than this (seconds).
SAMEPAGE_QUEUE_STUCK_AFTER = int(os.environ.get("SAMEPAGE_QUEUE_STUCK_AFTER", "900"))
# Notifications about one round to one person within this many seconds come as one email.
SAMEPAGE_DIGEST_WINDOW = int(os.environ.get("SAMEPAGE_DIGEST_WINDOW", "600"))

# Address used in links inside emails, e.g. https://samepage.example.org (no trailing slash).
SITE_URL = os.environ.get("SAMEPAGE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Logs carry request paths and status codes only; no view logs clinical text.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # django-axes logs every sign-in with the request path and address: keep only its warnings.
    "loggers": {
        "axes": {"level": "WARNING"},
        # Django's own "django" logger prints with DEBUG on too: once is enough.
        "django.tasks": {"handlers": ["console"], "propagate": False},
    },
}
