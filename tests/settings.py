"""Test settings: the real settings with a test key, fast hashing and plain static storage."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")

from config.settings import *  # noqa: E402,F403

# Manifest storage needs collectstatic; live_server serves files from the finders instead.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
# Serve static files straight from the finders: no collectstatic before tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Two-factor sign-in is required with DEBUG off; most tests sign people in directly and test
# other things. tests/accounts/test_two_factor.py turns it on and tests every rule of it.
TWO_FACTOR_REQUIRED = False
