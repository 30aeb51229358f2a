import re
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition

from home.vietnamese import NFCTextMixin, fold

# Django's storage appends "_" and seven random characters when a name is taken.
_STORAGE_SUFFIX = re.compile(r"_[A-Za-z0-9]{7}$")


class PortalImage(NFCTextMixin, AbstractImage):
    """A photo in the media library, with the alt text, caption and credit shown beside it."""

    alt_text = models.CharField(
        _("alt text"),
        max_length=255,
        help_text=_("Describe what the photo shows for readers who cannot see it."),
    )
    caption = models.CharField(
        _("caption"), max_length=500, help_text=_("Shown under the photo: who, what, where, when.")
    )
    credit = models.CharField(_("photo credit"), max_length=255, blank=True, help_text=_('E.g. "Ảnh: Hùng Cường"'))

    admin_form_fields = (
        "title",
        "file",
        "alt_text",
        "caption",
        "credit",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    nfc_fields = ("title", "alt_text", "caption", "credit")

    @property
    def default_alt_text(self):
        return self.alt_text or self.title

    def clean(self):
        super().clean()
        if self.alt_text and self.alt_text_is_file_name():
            raise ValidationError({"alt_text": _("Describe what the photo shows: its file name is not an alt text.")})

    def alt_text_is_file_name(self):
        """True when the alt text is only the file's name ("20180828-m01-LA.jpg"), with or without extension."""
        if not self.file:
            return False
        name = PurePath(self.file.name).name
        stem = PurePath(name).stem
        names = {fold(name), fold(stem), fold(_STORAGE_SUFFIX.sub("", stem))}
        return fold(self.alt_text.strip()) in names

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
