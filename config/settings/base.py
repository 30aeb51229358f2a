"""Settings shared by every environment.

The environment is read here, once (object storage's own variables in object_storage.py);
the other modules only adjust what this one decides. Every variable is listed in
`.env.example` and the README.
"""

import os
from pathlib import Path

import dj_database_url

from django.utils.translation import gettext_lazy as _

from .object_storage import (  # django-storages reads these settings by name
    AWS_S3_ADDRESSING_STYLE,  # noqa: F401
    AWS_S3_CUSTOM_DOMAIN,
    AWS_S3_ENDPOINT_URL,
    AWS_S3_REGION_NAME,
    AWS_STORAGE_BUCKET_NAME,
    s3_storage,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def _env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- The environment -------------------------------------------------------
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = _env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASE_CONN_MAX_AGE = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
REDIS_URL = os.environ.get("REDIS_URL", "")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "static"))
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
SECURE_SSL_REDIRECT = _env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]  # a load balancer asks each server over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_PRELOAD = _env_bool("DJANGO_HSTS_PRELOAD", True)
BEHIND_TLS_PROXY = _env_bool("DJANGO_BEHIND_TLS_PROXY", False)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "cong-tin@localhost")
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "WARNING")
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin").strip("/") or "admin"
LOGIN_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL", "")
# The page cache must be shared by every worker to be cleared by a publish in any of them:
# on by default only with Redis (a per-process memory cache would serve stale pages).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300" if REDIS_URL else "0"))
PAGE_CACHE_STALE_SECONDS = int(os.environ.get("PAGE_CACHE_STALE_SECONDS", "60"))
# Cache-Control of cached pages: browsers revalidate (a reader back from voting sees the
# message), shared caches keep them this long (raise it with a CDN purged by publishes).
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "0"))
PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("PAGE_CACHE_SHARED_MAX_AGE", "5"))
RATING_RATE_LIMIT = os.environ.get("RATING_RATE_LIMIT", "20/10m")
# The proxies whose X-Forwarded-For is believed: by the vote and read limits and the login lockout.
RATING_TRUSTED_PROXIES = _env_list("RATING_TRUSTED_PROXIES")
READ_RATE_LIMIT = os.environ.get("READ_RATE_LIMIT", "60/10m")
# Who may read /healthz/'s details (database, cache, storage); everyone else gets the status.
HEALTHZ_DETAIL_NETWORKS = _env_list("HEALTHZ_DETAIL_NETWORKS") or ["127.0.0.1/32", "::1/128"]

# --- Applications ----------------------------------------------------------
INSTALLED_APPS = [
    "home",
    "news",
    "axes",
    "csp",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "home.users_app.PortalUsersConfig",  # wagtail.users, with group descriptions
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # its Vietnamese catalogue: the admin's "2 phút trước"
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "home.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Security headers sit outside the page cache so cached responses carry them too.
    "home.middleware.PortalCSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "home.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "home.middleware.DatabaseUnavailableMiddleware",
    "home.furniture.FurnitureMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Data ------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=DATABASE_CONN_MAX_AGE, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction starts and wait for each other, so
    # concurrent votes queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "home.User"

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": 300,
            # The cache is an optimisation: when Redis is down the site serves uncached.
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
            "KEY_PREFIX": "congtin",
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # locks out repeated failed logins
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
AXES_RESET_ON_SUCCESS = True
# Lock by username and the real reader address behind the trusted proxy (not the proxy's own);
# an IPv6 reader by their /64, as the vote and read limits do.
AXES_CLIENT_IP_CALLABLE = "home.client_address.lockout_address"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time -----------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese"))]
# Both catalogues beat every installed app's. site/locale is the project's, kept by
# `makemessages` (which writes to the first entry); site/locale-overrides is edited by hand
# and rewords Wagtail's and Django's own messages. No msgid is in both (tests/test_catalogues.py).
LOCALE_PATHS = [BASE_DIR / "site" / "locale", BASE_DIR / "site" / "locale-overrides"]
FORMAT_MODULE_PATH = ["home.formats"]  # day-first input formats for Vietnamese
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media files ------------------------------------------------
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
STATIC_URL = "/static/"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The page editor of an article with a long body posts many fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Security defaults (production tightens the rest) ----------------------
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "home.views.csrf_failure"
# Paths the anonymous page cache never serves: the admin, uploads, votes.
PAGE_CACHE_SKIP_PREFIXES = [f"/{ADMIN_PATH}/", "/documents/", "/danh-gia/", "/static/", "/media/"]
# The query parameters views read (pagination, search and register filters, the sitemap's
# `p`): the only ones in cache keys, in this order; deploy/nginx-microcache.conf keys the same.
PAGE_CACHE_QUERY_PARAMETERS = ["page", "truoc", "q", "tinh", "doi-tac", "chuyen-muc", "tu-ngay", "den-ngay"]
PAGE_CACHE_QUERY_PARAMETERS += ["loai", "co-quan", "nam", "hieu-luc", "p"]
PAGE_CACHE_FULL_QUERY_PREFIXES = ["/api/"]  # the API answers 400 to parameters it does not know
PAGE_CACHE_WAIT_SECONDS = 2  # for another worker's render of a renewed page, before rendering too

# Content-Security-Policy on public pages: no inline or third-party scripts. The admin is
# Wagtail's own and keeps its defaults.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [f"/{ADMIN_PATH}/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],  # embeds and the editors' userbar set inline styles
        "img-src": ["'self'", "data:"],
        "frame-src": ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Messages in a cookie, not the session: reading them never makes a public page vary on the session.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

# --- Wagtail ---------------------------------------------------------------
WAGTAIL_SITE_NAME = "Cổng Tin"
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAILIMAGES_IMAGE_MODEL = "home.PortalImage"
WAGTAILADMIN_USER_LOGIN_FORM = "home.admin_forms.LoginForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.admin_forms.PortalImageForm"
# Autosave half a second after a change (Wagtail's default). An action pressed while a new
# page's first autosave is in flight waits for it (site/static/js/admin-autosave-guard.js).
WAGTAIL_AUTOSAVE_INTERVAL = 500
# Editors on the same page see each other, and a warning when one saves (every 10 s).
WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "zip"]
# Every download goes through Wagtail's view, which checks the collection's privacy, and is
# streamed from the storage: never a redirect to a bucket address anyone could reuse (on S3
# the bucket keeps documents private: deploy/s3-bucket-policy.json).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
if FRONTEND_CACHE_PURGE_URL:
    # A CDN or Varnish/nginx in front: Wagtail sends PURGE requests there on publish.
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
# Wagtail's database backend, folding accents like public search (home/search_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "home.search_backend"}}
# Avatars are initials, never gravatar.com: no e-mail hashes to a third party, no broken image offline.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "home.tag_strings.parse_tags"
TAGGIT_STRING_FROM_TAGS = "home.tag_strings.edit_string_for_tags"

# --- Mail and logs ---------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# --- Media on S3-compatible object storage (django-storages) ----------------
# Off unless AWS_STORAGE_BUCKET_NAME is set (config/settings/object_storage.py).
if AWS_STORAGE_BUCKET_NAME:
    from home.media_origins import media_origins

    STORAGES["default"] = s3_storage()
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += media_origins(
        AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_S3_CUSTOM_DOMAIN, AWS_S3_REGION_NAME
    )

# --- Health check ------------------------------------------------------------
# /healthz/ is asked every few seconds by each load balancer: never the page cache, never the
# furniture's database lookups, and its access lines below INFO (home.logging).
PAGE_CACHE_SKIP_PREFIXES += ["/healthz/"]
# runserver's access lines, as Django logs them by default, less the health checks.
LOGGING["filters"] = {"skip_healthz_access": {"()": "home.health.SkipHealthzAccess"}}
_SERVER_FORMAT = {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
LOGGING["formatters"] = {"django.server": _SERVER_FORMAT}
_SERVER_HANDLER = {"class": "logging.StreamHandler", "formatter": "django.server", "filters": ["skip_healthz_access"]}
LOGGING["handlers"]["django.server"] = _SERVER_HANDLER
LOGGING["loggers"] = {"django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False}}

# --- Read replicas -------------------------------------------------------------
# DATABASE_REPLICA_URLS (comma-separated) adds the aliases replica1, replica2…: anonymous
# GET/HEAD requests read from one of them (home.db_router); writes, the admin, logged-in users
# and, for DATABASE_READ_YOUR_WRITES_SECONDS after a POST, that reader stay on the primary.
DATABASE_REPLICA_URLS = _env_list("DATABASE_REPLICA_URLS")
DATABASE_READ_YOUR_WRITES_SECONDS = int(os.environ.get("DATABASE_READ_YOUR_WRITES_SECONDS", "10"))
for _number, _url in enumerate(DATABASE_REPLICA_URLS, start=1):
    DATABASES[f"replica{_number}"] = dj_database_url.parse(
        _url, conn_max_age=DATABASE_CONN_MAX_AGE, conn_health_checks=True
    ) | {
        # Tests create their database on the primary only; it reaches the replica by streaming.
        "TEST": {"MIRROR": "default"}
    }
if DATABASE_REPLICA_URLS:
    DATABASE_ROUTERS = ["home.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(1, "home.db_router.ReplicaMiddleware")

# --- Work off the request path (django-tasks) ----------------------------------
# Wagtail queues frontend-cache purges and search/reference-index updates through django-tasks;
# home.renditions a new image's template sizes. By default (make run, tests) they run at once, in
# the request. TASKS_BACKEND=database stores them for `manage.py db_worker` (make worker).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
_QUEUED = TASKS_BACKEND == "database"
_IMMEDIATE = "django_tasks.backends.immediate.ImmediateBackend"
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend" if _QUEUED else _IMMEDIATE}}
TASKS_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # the worker's, for queued mail (home.mail)
if _QUEUED:
    EMAIL_BACKEND = "home.mail.TaskEmailBackend"

# --- Observability ----------------------------------------------------------------
# A request id on every log line (home.request_id), JSON lines on demand, errors to Sentry/GlitchTip.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "text")
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", "production")
MIDDLEWARE.insert(0, "home.request_id.RequestIdMiddleware")
LOGGING["filters"]["request_id"] = {"()": "home.request_id.RequestIdFilter"}
LOGGING["formatters"]["json"] = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
    "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
}
for _handler in LOGGING["handlers"].values():
    _handler["filters"] = [*_handler.get("filters", []), "request_id"]
    if LOG_FORMAT == "json":
        _handler["formatter"] = "json"
if SENTRY_DSN:  # errors only (no tracing), and no personal data: readers' addresses stay out
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        SENTRY_DSN, environment=SENTRY_ENVIRONMENT, integrations=[DjangoIntegration()], send_default_pii=False
    )
