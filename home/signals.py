from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

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


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate()


@receiver(post_save, sender=PortalSettings)
def settings_changed(sender, created, **kwargs):
    # Settings are created with their defaults on first use: nothing shown changes then.
    if not created:
        invalidate()
