"""Every place the portal replaces Wagtail's own behaviour or writes inside its objects.

Each override answers what Wagtail would, with fewer queries: most of them from the site
furniture a worker remembers (home/furniture.py, reached through home/worker_cache.py).
They are kept here, together, because each must follow Wagtail when it changes:
tests/test_wagtail_overrides.py compares every one with Wagtail's own result.

- `PortalPageOverrides.route`: a child found by querying its page type directly;
- `HomePageOverrides.route`: the home page's children from memory;
- `PortalPageOverrides.get_view_restrictions`: from the remembered restrictions;
- `PortalSettingsOverrides.for_request`: the remembered settings;
- `PortalPageQuerySet.public`: privacy checked in SQL;
- `view_restrictions`: Wagtail's rule for which restrictions apply to a page;
- `set_parent`, `set_request_site`: where treebeard and Wagtail keep what they looked up;
- `permission_label`, `label_group_forms`: the group form shows permissions in Vietnamese
  (Django stores their names in English; what is stored does not change);
- `name_unnamed_admin_labels`: labels Wagtail derives from code names ("Port", "None", "True").
"""

import copy

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet

from home import worker_cache


def set_parent(child, parent):
    """Tell treebeard `child`'s parent, so its `get_parent()` does not query it again."""
    child._cached_parent_obj = parent


def set_request_site(request, site):
    """Tell Wagtail the request's site, where `Site.find_for_request` keeps its answer."""
    request._wagtail_site = site


def view_restrictions(page, restrictions, alias_targets):
    """The restrictions that apply to `page`, as Wagtail's `get_view_restrictions` finds them:
    its own and its ancestors', an alias taking those of the page it copies.

    `restrictions`: [(path of the restricted page, restriction)] of the whole site;
    `alias_targets`: {path of an alias with children: its original's id}."""
    paths = {page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)}
    original_ids = set()
    if page.alias_of_id:
        paths.discard(page.path)
        original_ids.add(page.alias_of_id)
    for path in paths & alias_targets.keys():
        paths.discard(path)
        original_ids.add(alias_targets[path])
    return [restriction for path, restriction in restrictions if path in paths or restriction.page_id in original_ids]


class PortalPageOverrides:
    """Mixed into every page type of the portal (home.models.PortalPage)."""

    def route(self, request, path_components):
        """Find a child by querying its page type directly: one query instead of two."""
        subpage_models = self.specific_class.allowed_subpage_models()
        if (
            not path_components
            or len(subpage_models) > 2
            or not all(issubclass(m, PortalPageOverrides) for m in subpage_models)
        ):
            return super().route(request, path_components)
        for model in subpage_models:
            children = model.objects.child_of(self).filter(slug=path_components[0])
            child = (model.for_routing(children) if hasattr(model, "for_routing") else children).first()
            if child is not None:
                set_parent(child, self)
                return child.route(request, path_components[1:])
        return super().route(request, path_components)  # a child of a type no longer allowed here

    def get_view_restrictions(self):
        """While a public page is served, from the remembered restrictions: no query."""
        furniture = worker_cache.current()
        if furniture is None:
            return super().get_view_restrictions()
        return view_restrictions(self, furniture.restrictions, furniture.alias_targets)


class HomePageOverrides:
    """Mixed into home.models.HomePage."""

    def route(self, request, path_components):
        """The first step from the remembered children of the home page: no query."""
        furniture = worker_cache.current()
        if path_components and furniture is not None and furniture.home.pk == self.pk:
            child = furniture.children.get(path_components[0])
            if child is not None:
                return child.route(request, path_components[1:])
        return super().route(request, path_components)


class PortalSettingsOverrides:
    """Mixed into home.models.PortalSettings."""

    @classmethod
    def for_request(cls, request):
        """The remembered settings while a public page is served: no query."""
        attr_name = cls.get_cache_attr_name()
        furniture = worker_cache.current()
        if furniture is None or hasattr(request, attr_name) or furniture.site != Site.find_for_request(request):
            return super().for_request(request)
        instance = copy.copy(furniture.portal_settings)  # Wagtail keeps the request on it
        instance._request = request
        setattr(request, attr_name, instance)
        return instance


class PortalPageQuerySet(PageQuerySet):
    def public(self):
        """Pages outside any private section, checked in SQL rather than a query per call.

        Wagtail's own `public()` first loads every view restriction; this asks the database
        whether a restricted page is an ancestor (its path a prefix of ours), unless the
        remembered furniture of the request says no page is restricted.
        """
        furniture = worker_cache.current()
        if furniture is not None and not furniture.restrictions:
            return self
        restricted_ancestor = PageViewRestriction.objects.annotate(prefix_length=Length("page__path")).filter(
            page__path=Substr(OuterRef("path"), 1, F("prefix_length"))
        )
        return self.exclude(Exists(restricted_ancestor))


# Django names a model's default permissions "Can add author", in English, in the database.
DEFAULT_PERMISSION_ACTIONS = {
    "add": gettext_lazy("Add"),
    "change": gettext_lazy("Change"),
    "delete": gettext_lazy("Delete"),
    "view": gettext_lazy("View"),
}


def permission_label(permission):
    """A permission as the group form shows it: "Thêm tác giả" for Django's "Can add author";
    Wagtail's own permissions ("Publish any page") by their translation."""
    action, _, model_name = permission.codename.partition("_")
    model = permission.content_type.model_class()
    if action in DEFAULT_PERMISSION_ACTIONS and model is not None and model_name == permission.content_type.model:
        return f"{DEFAULT_PERMISSION_ACTIONS[action]} {model._meta.verbose_name}"
    return capfirst(gettext(permission.name))


def _labelled(permission):
    shown = copy.copy(permission)  # never saved: the stored name stays Django's
    shown.name = permission_label(permission)
    return shown


def label_group_forms():
    """Called once from HomeConfig.ready(): the group form's permission panels in Vietnamese.

    - Wagtail's `format_permissions` tag prints each permission's stored `name` as its
      checkbox label; it is wrapped to hand the template labelled copies instead;
    - the page-permission and workflow forms label their page field by its English name
      ("Page") and each page permission by `str(permission)` ("Wagtail core | page | …").
    """
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.users.forms import PagePermissionsForm
    from wagtail.users.templatetags import wagtailusers_tags

    original = wagtailusers_tags.format_permissions
    if getattr(original, "labels_permissions", False):
        return

    def format_permissions(permission_bound_field):
        context = original(permission_bound_field)
        for row in context["object_perms"]:
            for action in DEFAULT_PERMISSION_ACTIONS:
                if action in row:
                    row[action] = {**row[action], "perm": _labelled(row[action]["perm"])}
        return context

    format_permissions.labels_permissions = True
    format_permissions.original = original
    template = "wagtailusers/groups/includes/formatted_permissions.html"
    wagtailusers_tags.format_permissions = format_permissions
    wagtailusers_tags.register.inclusion_tag(template, name="format_permissions")(format_permissions)
    PagePermissionsForm.base_fields["permissions"].label_from_instance = permission_label
    for form in (PagePermissionsForm, WorkflowPageForm):
        form.base_fields["page"].label = gettext_lazy("Page")


class ShownBoolean:
    """True or False as a yes/no column prints it: its tooltip says "Có"/"Không", not Python's "True"."""

    def __init__(self, value):
        self.value = bool(value)

    def __bool__(self):
        return self.value

    def __str__(self):
        return gettext("Yes") if self.value else gettext("No")


def name_unnamed_admin_labels():
    """Called once from HomeConfig.ready(): Wagtail labels a few things by their code name.

    - the Sites listing's columns ("Port", "Site name", "Root page"): by the fields' verbose names;
    - the page search's count ("1-2 of 2 None"): pages are "trang";
    - the aging-pages report prints the publisher of a page nobody published as "None": blank;
    - yes/no columns (the users' "Active") tooltip Python's True/False: "Có"/"Không";
    - comparing two versions prints an empty field as Python's None: "Không có".
    """
    from wagtail.admin.compare import FieldComparison
    from wagtail.admin.ui.tables import BooleanColumn
    from wagtail.admin.views.pages.search import SearchView
    from wagtail.admin.views.reports.aging_pages import AgingPagesView
    from wagtail.sites.views import IndexView as SiteIndexView

    if getattr(BooleanColumn.get_value, "shows_yes_no", False):
        return
    for column in SiteIndexView.columns:
        if column.name in ("port", "site_name", "root_page"):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)
    SearchView.verbose_name = Page._meta.verbose_name
    SearchView.verbose_name_plural = Page._meta.verbose_name_plural

    original_publisher = AgingPagesView.add_last_publisher_name_to_page

    def add_last_publisher_name_to_page(self, username_mapping, page):
        original_publisher(self, username_mapping, page)
        if page.last_published_by is None:  # the template would print the missing user itself
            page.last_published_by = ""

    AgingPagesView.add_last_publisher_name_to_page = add_last_publisher_name_to_page

    original_value = BooleanColumn.get_value

    def get_value(self, instance):
        value = original_value(self, instance)
        return None if value is None else ShownBoolean(value)

    get_value.shows_yes_no = True
    BooleanColumn.get_value = get_value

    original_htmldiff = FieldComparison.htmldiff

    def htmldiff(self):
        shown = copy.copy(self)
        shown.val_a, shown.val_b = (gettext("None") if value is None else value for value in (self.val_a, self.val_b))
        return original_htmldiff(shown)

    FieldComparison.htmldiff = htmldiff
