"""Labels Wagtail's admin forms leave to Django's English default (the field's own name).

A field without a label is shown as its name ("Password", "Link text"), which no catalogue
can translate: these give them translatable labels.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import choosers
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

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
