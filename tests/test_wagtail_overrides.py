"""Each override in home/wagtail_overrides.py answers what Wagtail's own method answers."""

import pytest

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet

from home import furniture, wagtail_overrides
from home.models import HomePage, PortalSettings
from home.wagtail_overrides import PortalPageQuerySet
from home.worker_cache import serving

from .factories import ArticlePageFactory, SectionPageFactory


@pytest.fixture
def tree(home):
    """A public and a private section, an article in each, and an alias of the private one."""
    open_section = SectionPageFactory(parent=home, title="Tin tức - Sự kiện")
    private_section = SectionPageFactory(parent=home, title="Nội bộ")
    article = ArticlePageFactory(parent=open_section, title="Bài công khai")
    inside = ArticlePageFactory(parent=private_section, title="Bài nội bộ")
    alias = inside.create_alias(parent=open_section, update_slug="ban-sao")
    PageViewRestriction.objects.create(page=private_section, restriction_type=PageViewRestriction.LOGIN)
    return {"open": open_section, "private": private_section, "article": article, "inside": inside, "alias": alias}


def _furniture(rf):
    remembered = furniture.for_request(rf.get("/", HTTP_HOST="localhost"))
    assert remembered is not None
    return remembered


def _routed(result):
    page = result.page if hasattr(result, "page") else result[0]
    return type(page), page.pk, page.url_path


@pytest.mark.parametrize("remembered", [False, True])
def test_routing_finds_what_wagtail_finds(tree, rf, remembered):
    home = HomePage.objects.get()
    paths = [
        [tree["open"].slug],
        [tree["open"].slug, tree["article"].slug],
        [tree["private"].slug, tree["inside"].slug],
        [tree["open"].slug, "ban-sao"],
    ]
    request = rf.get("/", HTTP_HOST="localhost")
    with serving(_furniture(rf) if remembered else None):
        for path in paths:
            assert _routed(home.route(request, path)) == _routed(Page.route(home, request, path))
            section = Page.objects.get(url_path=f"{home.url_path}{path[0]}/").specific
            if path[1:]:
                expected = _routed(Page.route(section, request, path[1:]))
                assert _routed(section.route(request, path[1:])) == expected


def test_routing_refuses_what_wagtail_refuses(tree, rf):
    from django.http import Http404

    home = HomePage.objects.get()
    request = rf.get("/", HTTP_HOST="localhost")
    with serving(_furniture(rf)):
        for owner in (home, tree["open"]):
            with pytest.raises(Http404):
                Page.route(owner, request, ["khong-co"])
            with pytest.raises(Http404):
                owner.route(request, ["khong-co"])


def test_view_restrictions_are_the_ones_wagtail_finds(tree, rf):
    with serving(_furniture(rf)):
        for page in (HomePage.objects.get(), *tree.values()):
            page = Page.objects.get(pk=page.pk).specific
            expected = sorted(r.pk for r in Page.get_view_restrictions(page))
            assert sorted(r.pk for r in page.get_view_restrictions()) == expected
    assert [r.page_id for r in Page.objects.get(pk=tree["inside"].pk).specific.get_view_restrictions()] == [
        tree["private"].pk
    ]


@pytest.mark.parametrize("remembered", [False, True])
def test_public_pages_are_the_ones_wagtail_finds(tree, rf, remembered):
    with serving(_furniture(rf) if remembered else None):
        ours = sorted(PortalPageQuerySet(Page).public().values_list("pk", flat=True))
    assert ours == sorted(PageQuerySet(Page).public().values_list("pk", flat=True))
    assert tree["inside"].pk not in ours


def test_public_pages_without_any_restriction(home, rf):
    SectionPageFactory(parent=home)
    with serving(_furniture(rf)):
        ours = sorted(PortalPageQuerySet(Page).public().values_list("pk", flat=True))
    assert ours == sorted(PageQuerySet(Page).public().values_list("pk", flat=True))


def test_settings_are_the_ones_wagtail_reads(home, rf):
    portal = PortalSettings.for_site(Site.objects.get())
    portal.agency_name = "Sở Khoa học và Công nghệ"
    portal.save()
    remembered = _furniture(rf)
    ours_request, wagtails_request = (rf.get("/", HTTP_HOST="localhost") for _ in range(2))
    with serving(remembered):
        ours = PortalSettings.for_request(ours_request)
    wagtails = BaseSiteSetting.for_request.__func__(PortalSettings, wagtails_request)
    fields = [field.attname for field in PortalSettings._meta.concrete_fields]
    assert [getattr(ours, name) for name in fields] == [getattr(wagtails, name) for name in fields]
    assert ours.agency_name == "Sở Khoa học và Công nghệ"
    assert ours is not remembered.portal_settings  # the request is kept on a copy
    assert ours._request is ours_request


def test_the_remembered_site_and_parent_are_what_wagtail_finds(section, rf):
    remembered = _furniture(rf)
    request = rf.get("/", HTTP_HOST="localhost")
    wagtail_overrides.set_request_site(request, remembered.site)
    assert Site.find_for_request(request) == Site.find_for_request(rf.get("/", HTTP_HOST="localhost"))
    child = remembered.children[section.slug]
    assert child.get_parent().pk == Page.objects.get(pk=section.pk).get_parent().pk
