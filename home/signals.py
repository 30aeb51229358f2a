from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .furniture import bump, content_changed
from .models import PortalSettings

# Pages the furniture keeps: the root, the home pages and their children. A new page one
# level below changes its parent's `numchild`, which treebeard reads, so it counts too.
FURNITURE_DEPTH = 3


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(page_slug_changed)
def page_changed(sender, **kwargs):
    content_changed()
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
        content_changed()


@receiver(post_save)
def page_saved(sender, instance, created, **kwargs):
    """Drafts, titles and menu flags of the pages the furniture keeps."""
    if isinstance(instance, Page) and instance.depth and instance.depth <= FURNITURE_DEPTH + created:
        bump()


@receiver(post_save, sender=PortalSettings)
def settings_changed(sender, created, **kwargs):
    # Settings are created with their defaults on first use: nothing shown changes then.
    if not created:
        content_changed()


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def site_changed(sender, **kwargs):
    content_changed()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def privacy_changed(sender, **kwargs):
    """A section made private must leave every cache at once, not when its pages expire."""
    content_changed()
