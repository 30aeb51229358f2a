from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class ReadableImageField(WagtailImageField):
    """Wagtail's image upload field, for files the image library cannot read to the end.

    Wagtail opens the image to count its pixels; a truncated PNG raised OSError there,
    a 500 for the editor. It is refused as a damaged file instead.
    """

    def to_python(self, data):
        try:
            return super().to_python(data)
        except (OSError, SyntaxError, ValueError) as error:
            raise ValidationError(
                _("This image file is damaged or incomplete. Save it again and upload the new copy."),
                code="invalid_image",
            ) from error


class PortalImageForm(BaseImageForm):
    """The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE), with the field above."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds the file field in its form factory, so it is swapped here,
        # keeping the label and widget Wagtail gave it.
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = ReadableImageField(label=field.label, widget=field.widget)
