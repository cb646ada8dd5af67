"""Shared start of the benchmarks: Django with the test settings, on a throwaway database."""

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_tmp = tempfile.TemporaryDirectory()
USE_SQLITE_FILE = not os.environ.get("DATABASE_URL")


def setup():
    """Configure Django before the benchmark imports models."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    if USE_SQLITE_FILE:
        os.environ["DATABASE_URL"] = f"sqlite:///{_tmp.name}/bench.sqlite3"
    import django

    django.setup()


@contextmanager
def throwaway_database():
    """A migrated database for one run: a temporary SQLite file, or on DATABASE_URL's server a
    test database beside the real one (never seeded), dropped at the end."""
    from django.core.management import call_command
    from django.db import connection

    real_name = None
    if USE_SQLITE_FILE:
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)  # the rate limits' cache
    else:
        real_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        if real_name is not None:
            connection.creation.destroy_test_db(real_name, verbosity=0)
        connection.close()
        _tmp.cleanup()
