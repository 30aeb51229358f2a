from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Portal")

    def ready(self):
        from . import renditions, signals  # noqa: F401
        from .admin_forms import label_link_choosers
        from .wagtail_overrides import label_group_forms, name_unnamed_admin_labels

        label_link_choosers()
        label_group_forms()
        name_unnamed_admin_labels()
        renditions.connect()
