"""Files attached to an article (a notice's application forms, its signed decision)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable

from home.vietnamese import format_file_size


class ArticlePageAttachment(Orderable):
    """A document readers download from the article, in the editors' order, with an optional label."""

    page = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        get_document_model_string(), on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )
    label = models.CharField(
        _("label"), max_length=255, blank=True, help_text=_("What readers see; the document's title when empty.")
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    @property
    def title(self):
        return self.label or self.document.title

    @property
    def file_type(self):
        """ "PDF", "DOCX": the file's extension, as readers name the format."""
        return self.document.file_extension.upper()

    @property
    def size_display(self):
        """ "1,2 MB", from the size Wagtail stored on upload (never asked of the storage: on S3
        that would be a request per attachment per page view); empty when none was stored."""
        return format_file_size(self.document.file_size)

    @property
    def description(self):
        """ "PDF, 1,2 MB" """
        return ", ".join(part for part in (self.file_type, self.size_display) if part)
