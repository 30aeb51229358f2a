"""Reader ratings ("ĐÁNH GIÁ BÀI VIẾT"), kept apart from the page so revisions never touch them."""

from django.db import models
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

SCORES = (1, 2, 3, 4, 5)


class ArticleRating(models.Model):
    """One reader's score for one article; voting again changes it."""

    page = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="ratings", verbose_name=_("article")
    )
    voter_key = models.CharField(
        _("voter"), max_length=80, help_text=_("A hash of the reader's cookie, or their user id.")
    )
    address_hash = models.CharField(_("address hash"), max_length=64, blank=True)
    score = models.PositiveSmallIntegerField(_("score"), choices=[(s, str(s)) for s in SCORES])
    created_at = models.DateTimeField(_("voted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["page", "voter_key"], name="news_rating_one_vote_per_voter"),
            models.CheckConstraint(condition=Q(score__gte=1) & Q(score__lte=5), name="news_rating_score_1_to_5"),
        ]
        indexes = [models.Index(fields=["address_hash", "created_at"], name="news_rating_address_idx")]

    def __str__(self):
        return f"{self.page_id}: {self.score}"


class ArticleRatingSummary(models.Model):
    """Count, total and distribution of an article's votes, kept exact with every vote."""

    page = models.OneToOneField(
        "news.ArticlePage", on_delete=models.CASCADE, primary_key=True, related_name="rating_summary"
    )
    count = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    score_1 = models.PositiveIntegerField(default=0)
    score_2 = models.PositiveIntegerField(default=0)
    score_3 = models.PositiveIntegerField(default=0)
    score_4 = models.PositiveIntegerField(default=0)
    score_5 = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("rating summary")
        verbose_name_plural = _("rating summaries")
        indexes = [models.Index(fields=["count"], name="news_rating_summary_count_idx")]

    def __str__(self):
        return f"{self.page_id}: {self.count}"

    @property
    def average(self):
        return round(self.total / self.count, 2) if self.count else None

    @property
    def distribution(self):
        return {str(score): getattr(self, f"score_{score}") for score in SCORES}

    @classmethod
    def recompute(cls, page_id):
        """Rebuild a summary from the votes themselves (after an editor removes votes)."""
        totals = ArticleRating.objects.filter(page_id=page_id).aggregate(
            count=Count("pk"),
            total=Sum("score", default=0),
            **{f"score_{s}": Count("pk", filter=Q(score=s)) for s in SCORES},
        )
        # Update only: while a page is being deleted its summary may already be gone.
        cls.objects.filter(page_id=page_id).update(**totals)
