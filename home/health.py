"""/healthz/: the load balancer's question, "can this server serve?", answered in JSON.

The database decides the status (503 when it cannot be reached: nothing can be served).
Anyone gets the status, for one `SELECT 1`. Addresses in HEALTHZ_DETAIL_NETWORKS (the
operator's) also get the cache and the storage, which the site serves without (the cache
is an optimisation, a missing image is not an outage): those probes write to the cache and
ask the storage, and their state is nobody else's business.
"""

import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .client_address import client_address

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


def _may_see_details(request):
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net, strict=False) for net in settings.HEALTHZ_DETAIL_NETWORKS)


@never_cache
def healthz(request):
    """200 when the database answers, else 503; the operator's addresses also get the
    database, cache and storage report."""
    database = _check("database", _database)
    if database != "ok":
        connection.close()  # the next request reconnects from scratch
    status = 200 if database == "ok" else 503
    if not _may_see_details(request):
        return JsonResponse({"status": "ok" if status == 200 else "error"}, status=status)
    report = {"database": database, "cache": _check("cache", _cache), "storage": _check("storage", _storage)}
    return JsonResponse(report, status=status)


class SkipHealthzAccess(logging.Filter):
    """Drop the access lines of /healthz/ below WARNING (runserver's django.server logger).

    A load balancer asks every few seconds; its answers would bury every other line.
    """

    def filter(self, record):
        return record.levelno >= logging.WARNING or "/healthz/" not in record.getMessage()
