"""Wagtail messages that editors meet but Wagtail's own `vi` catalogue leaves in English.

Listed here only so `makemessages` keeps their Vietnamese in site/locale; our catalogue is
searched before Wagtail's, so the translation applies where Wagtail shows the message.
"""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop("This file has too many pixels (%(num_pixels)s). Maximum pixels %(max_pixels_count)s."),
    gettext_noop("This file is too big (%(file_size)s). Maximum filesize %(max_filesize)s."),
    gettext_noop("This file is too big. Maximum filesize %(max_filesize)s."),
    gettext_noop("Not a supported image format. Supported formats: %(supported_formats)s."),
    # Admin labels Wagtail's catalogue leaves in English, or words stiffly.
    gettext_noop("Images"),
    gettext_noop("Documents"),
    gettext_noop("Reports"),
    gettext_noop("Help"),
    gettext_noop("Snippets"),
    gettext_noop("Save draft"),
    gettext_noop("More actions"),
    gettext_noop("Request changes"),
    gettext_noop("Awaiting your review"),
    gettext_noop("Collapse all"),
    gettext_noop("Approve and publish"),
    gettext_noop("Approve"),
    gettext_noop("Submit to %(workflow_name)s"),
]
