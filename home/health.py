"""/healthz/: the load balancer's question, "can this server serve?", answered in JSON.

The database decides the status (503 when it cannot be reached: nothing can be served);
the cache and the storage are reported so an operator sees them, but the site still serves
without them (the cache is an optimisation, a missing image is not an outage).
"""

import logging

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)
PROBE_KEY = "healthz-probe"


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache():
    cache.set(PROBE_KEY, "ok", 10)
    return cache.get(PROBE_KEY) == "ok"  # None when a cache that ignores errors is down


def _storage():
    default_storage.exists(PROBE_KEY)  # one cheap request: a stat on disk, a HEAD on S3
    return True


def _check(name, probe):
    try:
        return "ok" if probe() else "error"
    except Exception as error:  # noqa: BLE001  any failure is a report, never a 500
        logger.warning("healthz: %s unavailable: %s", name, error)
        return "error"


@never_cache
def healthz(request):
    """Report the database, the cache and the storage; 503 when the database is unreachable."""
    probes = {"database": _database, "cache": _cache, "storage": _storage}
    report = {name: _check(name, probe) for name, probe in probes.items()}
    if report["database"] != "ok":
        connection.close()  # the next request reconnects from scratch
    return JsonResponse(report, status=200 if report["database"] == "ok" else 503)


class SkipHealthzAccess(logging.Filter):
    """Drop the access lines of /healthz/ below WARNING (runserver's django.server logger).

    A load balancer asks every few seconds; its answers would bury every other line.
    """

    def filter(self, record):
        return record.levelno >= logging.WARNING or "/healthz/" not in record.getMessage()
