from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Portal")

    def ready(self):
        from . import renditions, signals  # noqa: F401
        from .admin_forms import label_link_choosers

        label_link_choosers()
        renditions.connect()
