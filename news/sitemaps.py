"""/sitemap.xml: every live public page with its last change; an index of sitemaps past 50,000 URLs."""

from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.db.models.functions import Coalesce

from wagtail.contrib.sitemaps import Sitemap

SECTION = "trang"


class PortalSitemap(Sitemap):
    """Wagtail's sitemap of live public pages, told its newest change by one query."""

    limit = 50_000

    def items(self):
        # Wagtail's list, with the specific fields (article bodies, search text) left unread.
        return super().items().specific(defer=True)

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max(Coalesce("last_published_at", "latest_revision_created_at")))["latest"]

    def _urls(self, page, protocol, domain):
        # A page never published through the admin (the home page the migrations make) lists
        # the newest articles: its last change is the site's.
        urls = super()._urls(page, protocol, domain)
        undated = [url for url in urls if url.get("lastmod") is None]
        if undated:
            latest = self.get_latest_lastmod()
            for url in undated:
                url["lastmod"] = latest
            if latest is not None:
                self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls


def sitemap(request):
    """The sitemap itself while it fits in one file, else an index of its pages."""
    sitemaps = {SECTION: PortalSitemap(request)}
    if "p" not in request.GET and sitemaps[SECTION].paginator.num_pages > 1:
        return sitemap_views.index(request, sitemaps, sitemap_url_name="sitemap-section")
    return sitemap_views.sitemap(request, sitemaps)


def sitemap_section(request, section):
    """/sitemap-<section>.xml?p=N: one page of the index (Django raises 404 for unknown sections or pages)."""
    return sitemap_views.sitemap(request, {SECTION: PortalSitemap(request)}, section=section)
