"""Admin hooks of the portal's base app: the Help menu opens the newsroom's Vietnamese guide,
and whoever cannot publish gets "Gửi duyệt" as the page editor's main button."""

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


@hooks.register("construct_page_action_menu")
def submit_first_for_who_cannot_publish(menu_items, request, context):
    """A reporter's piece goes to an editor: "Gửi duyệt" is their main button, "Lưu nháp" beside it."""
    names = [item.name for item in menu_items]
    if "action-submit" not in names or _can_publish(request, context):
        return
    menu_items.insert(0, menu_items.pop(names.index("action-submit")))


def _can_publish(request, context):
    page = context.get("page")
    if page is not None and page.pk:
        return context["user_page_permissions_tester"].can_publish()
    parent = context.get("parent_page")
    return parent is not None and parent.permissions_for_user(request.user).can_publish_subpage()
