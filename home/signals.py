from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .cache import invalidate
from .models import PortalSettings


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(page_slug_changed)
def page_changed(sender, **kwargs):
    invalidate()
    page = kwargs.get("instance")
    if page is not None and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_listings(page)


def purge_listings(page):
    """Purge from a CDN or proxy cache the pages that list `page`: its ancestors and the feed.

    Wagtail's frontend_cache purges the page itself; everything else (province, partner,
    author pages) expires within the proxy's short cache lifetime.
    """
    batch = PurgeBatch()
    ancestors = list(page.get_ancestors().filter(depth__gt=1).specific())
    batch.add_pages([page, *ancestors])
    if ancestors:
        batch.add_url(ancestors[0].full_url + "rss/")
    batch.purge()


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate()


@receiver(post_save, sender=PortalSettings)
def settings_changed(sender, created, **kwargs):
    # Settings are created with their defaults on first use: nothing shown changes then.
    if not created:
        invalidate()
