"""Fast, isolated settings for the test suite."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="congtin-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PAGE_CACHE_SECONDS = 0  # tests that need the page cache turn it on
AXES_ENABLED = False  # tests of the login throttle turn it on
WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files come from the finders here; whitenoise only serves collected files in production.
MIDDLEWARE = [name for name in MIDDLEWARE if not name.startswith("whitenoise")]  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared in-memory SQLite: concurrency tests need real file locking.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.mkdtemp(prefix="congtin-test-db-")) / "test.sqlite3")}  # noqa: F405
