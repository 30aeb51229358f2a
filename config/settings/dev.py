"""Local development: DEBUG on, plain HTTP, an insecure key when none is given."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
STORAGES = {
    "default": STORAGES["default"],  # noqa: F405  local disk, or the bucket when AWS_STORAGE_BUCKET_NAME is set
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Static files come from the finders here; whitenoise only serves collected files in production.
MIDDLEWARE = [name for name in MIDDLEWARE if not name.startswith("whitenoise")]  # noqa: F405
