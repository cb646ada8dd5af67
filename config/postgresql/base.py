"""Django's PostgreSQL backend, waiting a moment for the database instead of failing at once.

When PostgreSQL restarts (an upgrade, a failover) new connections are refused for a second or
two. Each new connection is tried again for up to settings.DATABASE_CONNECT_RETRY seconds, so
a request arriving then is answered a little later instead of with an error. A request whose
transaction was cut off mid-way still fails: it is rolled back whole and never retried here.
"""

import time

from django.conf import settings
from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        deadline = time.monotonic() + getattr(settings, "DATABASE_CONNECT_RETRY", 0)
        while True:
            try:
                return super().get_new_connection(conn_params)
            except self.Database.OperationalError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.1)
