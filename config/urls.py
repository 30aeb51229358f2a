from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as document_views

from home import (
    converters,  # noqa: F401  (registers <db_id:…>)
    health,
    icons,
)
from news import sitemaps
from news.api import api_router

urlpatterns = [
    path(f"{settings.ADMIN_PATH}/", include(wagtailadmin_urls)),
    # Wagtail's own route for this view takes any run of digits as the id (a 500 past 4,300).
    path("documents/<db_id:document_id>/<path:document_filename>", document_views.serve),
    path("documents/<db_id:document_id>/", document_views.serve, {"document_filename": ""}),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz/", health.healthz, name="healthz"),
    path("favicon.ico", icons.favicon),
    path("site.webmanifest", icons.web_manifest, name="web_manifest"),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    path("", include("news.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree serves everything else: /, /<section>/, /<section>/<article>/.
urlpatterns += [path("", include(wagtail_urls))]
