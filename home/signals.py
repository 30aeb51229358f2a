from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .cache import renew
from .furniture import bump, content_changed
from .models import PortalSettings, StandardPage

# Pages the furniture keeps: the root, the home pages and their children. A new page one
# level below changes its parent's `numchild`, which treebeard reads, so it counts too.
FURNITURE_DEPTH = 3


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    renew_page(instance)


@receiver(pre_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        renew_page(instance)


@receiver(post_page_move)
def page_moved(sender, instance, parent_page_before, **kwargs):
    renew_page(instance, old_parent=parent_page_before)


@receiver(page_slug_changed)
def slug_changed(sender, instance, instance_before, **kwargs):
    renew_page(instance, old_url=instance_before.get_full_url())


def renew_page(page, old_parent=None, old_url=None):
    """Renew the cached pages that show `page`: itself and the pages above it (its section's
    listings, the home page). Apps renew what else lists it (news/signals.py). The home page
    and its children are in every page's menu: a change to them renews the whole cache, and
    so does one to an institutional page or a page one names as its counterpart (in the
    menu of every English page, the language switch of its counterpart)."""
    if (
        page.depth <= FURNITURE_DEPTH
        or (old_parent is not None and old_parent.depth < FURNITURE_DEPTH)
        or issubclass(page.specific_class or Page, StandardPage)
        or StandardPage.objects.filter(counterpart_id=page.pk).exists()
    ):
        content_changed()
        return
    bump()  # the lists each worker remembers with its furniture ("Đọc nhiều", featured articles)
    urls = page_urls(page)
    if old_parent is not None:
        urls += page_urls(old_parent) + [old_parent.get_full_url() + page.slug + "/"]
    if old_url:
        urls.append(old_url)
    renew(urls)


def page_urls(page):
    """The full URLs of `page` and its ancestors below the root (those that have one)."""
    pages = [page, *page.get_ancestors().filter(depth__gt=1)]
    return [url for url in (each.get_full_url() for each in pages) if url]


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
