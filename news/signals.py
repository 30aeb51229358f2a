from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from home.furniture import content_changed

from .models import ArticleRating, ArticleRatingSummary, Author, Partner, Province


@receiver(post_delete, sender=ArticleRating)
def follow_removed_vote(sender, instance, **kwargs):
    """An editor removed an abusive vote: the article's summary follows, exactly."""
    ArticleRatingSummary.recompute(instance.page_id)


@receiver(post_save, sender=Author)
@receiver(post_save, sender=Partner)
@receiver(post_save, sender=Province)
@receiver(post_delete, sender=Author)
@receiver(post_delete, sender=Partner)
@receiver(post_delete, sender=Province)
def byline_or_tag_changed(sender, **kwargs):
    """Names shown on cached pages changed: the page cache turns over, and the search
    filters' options remembered by each worker (news/views/discovery.py) are rebuilt."""
    content_changed()
