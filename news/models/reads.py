"""How often articles are read, per day, for "Đọc nhiều" (most read)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleDailyReads(models.Model):
    """Readers who opened an article on one day (Vietnam's date), counted by the page's beacon.

    Kept apart from the page, like ratings, so that revisions never touch the counts.
    """

    page = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="daily_reads", verbose_name=_("article")
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("readers"), default=0)

    class Meta:
        verbose_name = _("daily reads")
        verbose_name_plural = _("daily reads")
        constraints = [models.UniqueConstraint(fields=["page", "day"], name="news_reads_one_row_per_day")]
        # "Most read" sums the last days' rows: it reads them off this index.
        indexes = [models.Index(fields=["day", "page", "count"], name="news_reads_day_idx")]

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.count}"
