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
- `set_parent`, `set_request_site`: where treebeard and Wagtail keep what they looked up.
"""

import copy

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr

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
