"""The site furniture each worker remembers: never stale, whoever changed the database."""

import uuid

import pytest

from wagtail.models import Page, PageViewRestriction, Site

from home import furniture
from home.models import FurnitureVersion, PortalSettings
from news.models import SectionPage

from .factories import ArticlePageFactory, SectionPageFactory


def _menu(client):
    html = client.get("/").content.decode()
    nav = html[html.index('class="mainnav"') : html.index("</nav>", html.index('class="mainnav"'))]
    return [title for title in ("Tin tức - Sự kiện", "Tin địa phương", "Thông báo mới") if title in nav]


def test_publishing_a_section_title_shows_at_once_in_menu_and_breadcrumbs(section, client):
    article = ArticlePageFactory(parent=section, title="Ký kết hợp tác")
    assert _menu(client) == ["Tin tức - Sự kiện"]
    section.title = "Thông báo mới"
    section.save_revision().publish()
    assert _menu(client) == ["Thông báo mới"]
    breadcrumbs = client.get(article.url).content.decode().split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert "Thông báo mới" in breadcrumbs


def test_a_change_made_by_another_process_shows_after_its_new_token(section, client):
    """Another worker (or a script) changed the section and wrote a new token: no signal reaches us."""
    assert _menu(client) == ["Tin tức - Sự kiện"]
    Page.objects.filter(pk=section.pk).update(title="Tin địa phương")  # no signal, like another process
    assert _menu(client) == ["Tin tức - Sự kiện"]  # remembered until the token changes
    FurnitureVersion.objects.filter(pk=1).update(token=uuid.uuid4())
    assert _menu(client) == ["Tin địa phương"]


def test_new_sections_and_articles_are_routed_at_once(home, client):
    assert client.get("/").status_code == 200  # the furniture is built without the section
    section = SectionPageFactory(parent=home, title="Tin địa phương")
    article = ArticlePageFactory(parent=section)
    assert (client.get(section.url).status_code, client.get(article.url).status_code) == (200, 200)
    assert _menu(client) == ["Tin địa phương"]


def test_making_a_section_private_hides_it_at_once(section, client):
    article = ArticlePageFactory(parent=section)
    assert client.get(article.url).status_code == 200
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(article.url).status_code == 302  # to the login page
    assert client.get(section.url).status_code == 302
    assert _menu(client) == []
    PageViewRestriction.objects.filter(page=section).delete()
    assert client.get(article.url).status_code == 200


def test_unpublished_sections_leave_the_menu_and_answer_404(section, client):
    assert _menu(client) == ["Tin tức - Sự kiện"]
    section.unpublish()
    assert _menu(client) == []
    assert client.get(section.url).status_code == 404


def test_settings_saved_in_the_admin_show_at_once(home, client):
    client.get("/")
    portal = PortalSettings.for_site(Site.objects.get())
    portal.agency_name = "Sở Khoa học và Công nghệ tỉnh Lạng Sơn"
    portal.save()
    assert "<title>Sở Khoa học và Công nghệ tỉnh Lạng Sơn</title>" in client.get("/").content.decode()


def test_serving_a_page_reads_the_token_once_and_no_site_settings_or_menu(section, client, django_assert_num_queries):
    client.get(section.url)
    with django_assert_num_queries(3) as context:  # the token, the capped count, the (empty) list
        client.get(section.url)
    tables = [query["sql"].split(" FROM ")[1].split()[0] for query in context.captured_queries]
    assert tables[0] == '"home_furnitureversion"'
    assert not {'"wagtailcore_site"', '"home_portalsettings"', '"wagtailcore_pageviewrestriction"'} & set(tables)


def test_pages_are_served_when_the_token_cannot_be_read(section, client):
    FurnitureVersion.objects.all().delete()
    assert client.get(section.url).status_code == 200
    furniture.bump()  # recreates the row
    assert FurnitureVersion.objects.count() == 1


@pytest.mark.parametrize("alias", [False, True])
def test_remembered_restrictions_are_the_ones_wagtail_finds(home, rf, alias):
    open_section = SectionPageFactory(parent=home, title="Tin tức - Sự kiện")
    private_section = SectionPageFactory(parent=home, title="Nội bộ")
    inside = ArticlePageFactory(parent=private_section)
    outside = ArticlePageFactory(parent=open_section)
    PageViewRestriction.objects.create(page=private_section, restriction_type=PageViewRestriction.LOGIN)
    page = outside
    if alias:  # an alias of the private article, published in the open section
        page = inside.create_alias(parent=open_section, update_slug="ban-sao")
    remembered = furniture.for_request(rf.get("/", HTTP_HOST="localhost"))
    for candidate in (home, open_section, private_section, inside, page):
        candidate = Page.objects.get(pk=candidate.pk).specific
        expected = sorted(r.pk for r in Page.get_view_restrictions(candidate))
        assert sorted(r.pk for r in remembered.view_restrictions(candidate)) == expected
    assert [child.title for child in remembered.public_children(SectionPage)] == ["Tin tức - Sự kiện"]


def test_featured_articles_published_on_the_home_page_show_at_once(home, section, client):
    first, second = (
        ArticlePageFactory(parent=section, title="Bài một"),
        ArticlePageFactory(parent=section, title="Bài hai"),
    )
    home.featured_articles.create(article=first)
    home.save_revision().publish()
    assert [page.pk for page in client.get("/").context["featured_articles"]] == [first.pk]
    home = home.specific_class.objects.get(pk=home.pk)
    home.featured_articles.all().delete()
    home.featured_articles.create(article=second)
    home.save_revision().publish()
    assert [page.pk for page in client.get("/").context["featured_articles"]] == [second.pk]
