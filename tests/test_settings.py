"""Start-up rules, checked in a fresh interpreter so that the real settings module is read."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_django(args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_start_up_without_secret_key_and_debug_off_fails_with_the_message():
    result = run_django(["check"], DJANGO_SETTINGS_MODULE="config.settings")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_on_starts_without_secret_key():
    result = run_django(["check"], DJANGO_SETTINGS_MODULE="config.settings", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_deploy_check_is_clean_with_production_environment():
    result = run_django(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY="k" * 10 + "a-long-random-production-secret-key-9f8e7d6c5b4a3",
        DJANGO_ALLOWED_HOSTS="samepage.example.org",
        EMAIL_HOST="smtp.example.org",
        EMAIL_HOST_USER="samepage",
        EMAIL_HOST_PASSWORD="smtp-password",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
