from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wagtail.users.apps import WagtailUsersAppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Portal")

    def ready(self):
        from . import signals  # noqa: F401


class PortalUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the portal's groups view (a description per group)."""

    group_viewset = "home.groups.PortalGroupViewSet"
