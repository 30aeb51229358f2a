"""Wagtail's admin forms as the portal's editors need them.

Labels Wagtail leaves to Django's English default (a field without a label is shown as its
name, "Password", "Link text", which no catalogue can translate), and an image upload that
refuses a damaged file instead of failing.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import choosers
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# (form, field) -> label, for the link choosers of the rich-text editor.
LINK_CHOOSER_LABELS = {
    (choosers.ExternalLinkChooserForm, "link_text"): _("Link text"),
    (choosers.AnchorLinkChooserForm, "link_text"): _("Link text"),
    (choosers.EmailLinkChooserForm, "email_address"): _("Email address"),
    (choosers.EmailLinkChooserForm, "link_text"): _("Link text"),
    (choosers.EmailLinkChooserForm, "subject"): _("Subject"),
    (choosers.EmailLinkChooserForm, "body"): _("Body"),
    (choosers.PhoneLinkChooserForm, "phone_number"): _("Phone number"),
    (choosers.PhoneLinkChooserForm, "link_text"): _("Link text"),
}


class LoginForm(WagtailLoginForm):
    """Wagtail's login form, its password field labelled (WAGTAILADMIN_USER_LOGIN_FORM)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")


def label_link_choosers():
    """Give the link choosers' fields translatable labels (called once, from HomeConfig.ready)."""
    for (form, field), label in LINK_CHOOSER_LABELS.items():
        form.base_fields[field].label = label


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
