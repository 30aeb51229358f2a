from wagtail.users.apps import WagtailUsersAppConfig


class PortalUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the portal's groups view (a description per group)."""

    group_viewset = "home.groups.PortalGroupViewSet"
