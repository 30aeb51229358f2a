"""What `import_articles` has already brought in, so that importing a file again creates nothing."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRecord(models.Model):
    """One imported article: the content key of what was read, and the page it became."""

    key = models.CharField(_("content key"), max_length=64, unique=True)
    page = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="import_records", verbose_name=_("article")
    )
    origin = models.CharField(_("imported from"), max_length=500, blank=True)
    legacy_url = models.CharField(_("legacy address"), max_length=1000, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("imported article")
        verbose_name_plural = _("imported articles")

    def __str__(self):
        return self.origin or self.key
