"""Site furniture: the few rows every public page needs, kept in each worker between requests.

The site, its home page, the home page's children (the sections and institutional pages
the router and the menu need), the portal settings and the view restrictions change
rarely but were read on every request. Each worker keeps them in memory under a token
stored in the database: any change that could alter them writes a new token in the same
transaction (`content_changed`, or `bump` alone for drafts the page cache never shows,
from the apps' signals), so one primary-key read per request tells every worker, with
or without a shared cache, whether its copy is current.

This module builds the furniture and checks its token; home/worker_cache.py makes it
current for the request and keeps other values with it (`remember`); the Wagtail methods
that read it are in home/wagtail_overrides.py. These objects are shared by every request
a worker serves: what Wagtail writes on them per request (the settings' `_request`) goes
on a copy (see PortalSettingsOverrides.for_request).
"""

import logging
import threading
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, connection
from django.http.request import split_domain_port

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from .cache import invalidate
from .models import FurnitureVersion, PortalSettings
from .wagtail_overrides import set_parent, set_request_site, view_restrictions
from .worker_cache import serving

logger = logging.getLogger(__name__)

MAX_CHILDREN = 200  # a home page with more children is routed by query, not from memory
MAX_SITES = 16  # distinct (host, port) pairs kept per token


@dataclass
class Furniture:
    site: Site
    home: Page  # the site's root page, specific
    children: dict  # slug → specific child of the home page (any state: routing checks `live`)
    menu: list  # live, public children shown in menus, in tree order
    restrictions: list = field(default_factory=list)  # (path of the restricted page, restriction)
    alias_targets: dict = field(default_factory=dict)  # path of an alias with children → its original's id
    portal_settings: object = None
    derived: dict = field(default_factory=dict)  # what worker_cache.remember() keeps with it

    def public_children(self, model=Page):
        """Live children of the home page of type `model` that anyone may read, in tree order."""
        return [
            child
            for child in self.children.values()
            if isinstance(child, model) and child.live and not self.view_restrictions(child)
        ]

    def view_restrictions(self, page):
        """The restrictions that apply to `page` (see wagtail_overrides.view_restrictions)."""
        return view_restrictions(page, self.restrictions, self.alias_targets)


_lock = threading.Lock()
_token = None
_by_host = {}


def content_changed():
    """Published content, names, settings or privacy changed: every cached page and every
    worker's furniture (and what it remembers) are renewed. Call it inside the transaction
    that makes the change."""
    invalidate()
    bump()


def bump():
    """Tell every worker its furniture is stale, leaving the page cache (a draft changed)."""
    if not FurnitureVersion.objects.filter(pk=1).update(token=uuid.uuid4()):
        FurnitureVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4()})


def forget():
    """Drop this worker's copy (tests, whose transactions roll tokens back)."""
    global _token
    with _lock:
        _token = None
        _by_host.clear()


def current_token():
    table = connection.ops.quote_name(FurnitureVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = 1")  # noqa: S608 -- a model's table name
        row = cursor.fetchone()
    return str(row[0]) if row else None


def for_request(request):
    """This request's furniture, or None when it cannot be had (then pages query as usual)."""
    if not hasattr(request, "_portal_furniture"):
        request._portal_furniture = _lookup(request)
    return request._portal_furniture


def _lookup(request):
    global _token
    try:
        token = current_token()
    except DatabaseError:
        logger.warning("site furniture: token unreadable, serving without", exc_info=True)
        return None
    if token is None:
        return None
    hostname = split_domain_port(request._get_raw_host())[0]
    key = (hostname, request.get_port())
    with _lock:
        if token != _token:
            _token = token
            _by_host.clear()
        furniture = _by_host.get(key)
    if furniture is None:
        furniture = _build(*key)
        with _lock:
            if token == _token and len(_by_host) < MAX_SITES:
                _by_host[key] = furniture
    return furniture


def _build(hostname, port):
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    home = site.root_page.specific
    site.root_page = home
    children = list(Page.objects.child_of(home).order_by("path")[: MAX_CHILDREN + 1].specific())
    if len(children) > MAX_CHILDREN:
        return None
    for child in children:
        set_parent(child, home)
    restrictions = [
        (restriction.page.path, restriction) for restriction in PageViewRestriction.objects.select_related("page")
    ]
    alias_targets = dict(Page.objects.filter(alias_of__isnull=False, numchild__gt=0).values_list("path", "alias_of_id"))
    furniture = Furniture(
        site=site,
        home=home,
        children={child.slug: child for child in children},
        menu=[],
        restrictions=restrictions,
        alias_targets=alias_targets,
    )
    furniture.menu = [child for child in furniture.public_children() if child.show_in_menus]
    furniture.portal_settings = PortalSettings.for_site(site)
    return furniture


class FurnitureMiddleware:
    """Hand Wagtail the remembered site, so serving a page starts without looking it up."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.skip_prefixes = tuple(settings.PAGE_CACHE_SKIP_PREFIXES)

    def __call__(self, request):
        if request.path.startswith(self.skip_prefixes):
            return self.get_response(request)
        furniture = for_request(request)
        if furniture is None:
            return self.get_response(request)
        set_request_site(request, furniture.site)
        with serving(furniture):
            return self.get_response(request)
