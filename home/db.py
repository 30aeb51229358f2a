"""Small database helpers shared by the apps."""

import time

from django.db import OperationalError

LOCK_RETRIES = 3


def retry_when_locked(attempt, retries=LOCK_RETRIES):
    """`attempt()`, tried again after a short pause while the database reports it busy.

    SQLite under heavy write load raises OperationalError ("database is locked");
    PostgreSQL waits for the row lock instead and never gets here. The last error is raised.
    """
    for number in range(retries):
        try:
            return attempt()
        except OperationalError:
            if number == retries - 1:
                raise
            time.sleep(0.05 * (number + 1))
    return None
