from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import ArticleRating, ArticleRatingSummary


@receiver(post_delete, sender=ArticleRating)
def follow_removed_vote(sender, instance, **kwargs):
    """An editor removed an abusive vote: the article's summary follows, exactly."""
    ArticleRatingSummary.recompute(instance.page_id)
