"""Admin hooks of the portal's base app: the Help menu opens the newsroom's Vietnamese guide."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .guide import EditorGuideView

# Wagtail's own help items: its English editor guide and its release notes.
WAGTAIL_HELP_ITEMS = {"editor-guide"}


@hooks.register("register_admin_urls")
def register_guide_url():
    return [path("huong-dan/", EditorGuideView.as_view(), name="editor_guide")]


@hooks.register("register_help_menu_item")
def register_guide_menu_item():
    return MenuItem(_("Editor's guide"), reverse("editor_guide"), icon_name="help", order=1000, name="huong-dan")


@hooks.register("construct_help_menu")
def hide_wagtail_guides(request, menu_items):
    menu_items[:] = [
        item for item in menu_items if item.name not in WAGTAIL_HELP_ITEMS and not item.name.startswith("whats-new")
    ]
