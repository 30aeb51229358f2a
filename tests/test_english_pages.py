"""The English section (/en/): English furniture, its pages listed, the language switch and hreflang."""

import datetime
import io
import json
import re

import pytest

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import PageViewRestriction, Site

from home.models import PortalSettings, StandardPage

from .factories import ArticlePageFactory

# Letters only Vietnamese uses (tone marks, ă, â, đ, ê, ô, ơ, ư), in either case.
VIETNAMESE = re.compile("[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.IGNORECASE)


def vietnamese_lines(response):
    assert response.status_code == 200
    return [line.strip() for line in response.content.decode().splitlines() if VIETNAMESE.search(line)]


def children_listed(response):
    return re.findall(
        r'<h2 class="standard__child-title"><a href="([^"]+)">([^<]+)</a></h2>\s*(?:<p>([^<]*)</p>)?',
        response.content.decode(),
    )


def menu(response):
    text = response.content.decode()
    nav = text[text.index('<nav class="mainnav"') : text.index("</nav>")]
    return re.findall(r'<a href="([^"]+)" ?(aria-current="page")?>([^<]+)</a>', nav)


def footer_links(response):
    text = response.content.decode()
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', text[text.index('<footer class="footer">') :])


def switch(response):
    return re.search(r'<a class="topbar__lang" href="([^"]+)"', response.content.decode()).group(1)


def alternates(response):
    return re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.content.decode())


def add_page(parent, title, slug, language="vi", live=True, **fields):
    page = StandardPage(title=title, slug=slug, language=language, live=live, **fields)
    parent.add_child(instance=page)
    return page


def test_structure_and_contacts_are_published_in_english(demo, client):
    home = client.get("/en/")
    text = home.content.decode()
    assert '<html lang="en">' in text
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in text
    assert "<h1>Department of Science and Technology (demo)</h1>" in text
    assert children_listed(home) == [
        (
            "/en/structure/",
            "Organisational structure",
            "The Department is led by a Director and Deputy Directors, with specialised divisions and public "
            "service units.",
        ),
        ("/en/contacts/", "Contacts", "How to reach the Department."),
    ]
    for url, title in (("/en/structure/", "Organisational structure"), ("/en/contacts/", "Contacts")):
        page = client.get(url)
        assert f"<h1>{title}</h1>" in page.content.decode()
        assert '<html lang="en">' in page.content.decode()
        assert children_listed(page) == []


@pytest.mark.parametrize(
    ("url", "switch_to"),
    [("/en/", "/"), ("/en/structure/", "/gioi-thieu/"), ("/en/contacts/", "/lien-he/")],
)
def test_english_pages_show_no_vietnamese_but_the_way_back(demo, client, url, switch_to):
    response = client.get(url)
    assert vietnamese_lines(response) == [
        f'<a class="topbar__lang" href="{switch_to}" hreflang="vi" lang="vi">Tiếng Việt</a>'
    ]
    text = response.content.decode()
    assert '<a class="masthead__brand" href="/en/">' in text
    assert '<span class="masthead__name">Web Portal of the Department of Science and Technology</span>' in text
    assert '<label class="visually-hidden" for="masthead-q">Search the portal (in Vietnamese)</label>' in text
    assert 'placeholder="Search (in Vietnamese)"' in text
    assert '<form class="masthead__search" role="search" action="/tim-kiem/" method="get">' in text
    assert [(href, label) for href, _current, label in menu(response)] == [
        ("/en/", "Home"),
        ("/en/structure/", "Organisational structure"),
        ("/en/contacts/", "Contacts"),
    ]
    assert [current for href, current, _label in menu(response) if href == url] == ['aria-current="page"']
    assert footer_links(response) == [
        ("tel:02000000000", "0200 000 0000"),
        ("mailto:congtin@example.gov.vn", "congtin@example.gov.vn"),
        ("/en/structure/", "Organisational structure"),
        ("/en/contacts/", "Contacts"),
        ("https://chinhphu.vn/", "Government of Viet Nam Portal"),
        ("https://dichvucong.gov.vn/", "National Public Service Portal"),
        ("https://mst.gov.vn/", "Ministry of Science and Technology"),
    ]
    assert "<p>Licence to operate a general information website (demo data)</p>" in text
    assert "<p>Address: No. 1 Mau Street, Mau Ward, Mau Province</p>" in text


def test_the_english_date_is_written_in_english(home, client, monkeypatch):
    add_page(home, "English", "en", language="en")
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: datetime.date(2026, 12, 7))
    assert '<span class="topbar__date">Monday, 7 December 2026</span>' in client.get("/en/").content.decode()
    assert '<span class="topbar__date">Thứ Hai, 07/12/2026</span>' in client.get("/").content.decode()


def test_vietnamese_pages_link_to_the_english_section(demo, client):
    text = client.get("/").content.decode()
    assert '<html lang="vi">' in text
    assert '<a class="topbar__lang" href="/en/" hreflang="en" lang="en">English</a>' in text
    assert "Chuyển đến nội dung chính" in text


@pytest.mark.parametrize(
    ("url", "switch_to"),
    [
        ("/", "/en/"),
        ("/gioi-thieu/", "/en/structure/"),
        ("/lien-he/", "/en/contacts/"),
        ("/tin-tuc-su-kien/", "/en/"),
        ("/tim-kiem/?q=hop+tac", "/en/"),
        ("/van-ban/", "/en/"),
    ],
)
def test_the_language_switch_leads_to_the_counterpart_or_the_english_home(demo, client, url, switch_to):
    response = client.get(url)
    assert switch(response) == switch_to
    assert '<html lang="vi">' in response.content.decode()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/lien-he/", ("/lien-he/", "/en/contacts/")),
        ("/en/contacts/", ("/lien-he/", "/en/contacts/")),
        ("/gioi-thieu/", ("/gioi-thieu/", "/en/structure/")),
        ("/en/structure/", ("/gioi-thieu/", "/en/structure/")),
        ("/", None),
        ("/en/", None),
        ("/tin-tuc-su-kien/", None),
    ],
)
def test_pages_with_a_counterpart_name_both_languages_for_search_engines(demo, client, url, expected):
    # From the site's root, whatever Host the request names.
    found = alternates(client.get(url, HTTP_HOST="localhost"))
    if expected is None:
        assert found == []
    else:
        vietnamese, english = (f"http://testserver{path}" for path in expected)
        assert found == [("vi", vietnamese), ("en", english), ("x-default", vietnamese)]


def test_a_counterpart_that_is_not_public_is_not_offered(home, client):
    about = add_page(home, "Giới thiệu", "gioi-thieu")
    english = add_page(home, "English", "en", language="en")
    add_page(english, "About", "about", language="en", counterpart=about)
    assert switch(client.get("/en/about/")) == "/gioi-thieu/"
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/en/about/")
    assert (switch(response), alternates(response)) == ("/", [])
    assert switch(client.get("/")) == "/en/"


def test_without_an_english_section_there_is_no_english_link(home, client):
    assert 'class="topbar__lang"' not in client.get("/").content.decode()


def test_empty_english_settings_fall_back_to_the_vietnamese(home, client):
    add_page(home, "English", "en", language="en")
    portal = PortalSettings.for_site(Site.objects.get())
    portal.agency_name, portal.agency_name_en = "Cổng Sở", ""
    portal.address, portal.address_en = "Số 1 đường Mẫu", "No. 1 Mau Street"
    portal.agency_links = json.dumps(
        [{"type": "link", "value": {"name": "Cổng Chính phủ", "url": "https://chinhphu.vn/"}}]
    )
    portal.save()
    text = client.get("/en/").content.decode()
    assert '<p class="footer__name">Cổng Sở</p>' in text
    assert "<title>English | Cổng Sở</title>" in text
    assert "<p>Address: No. 1 Mau Street</p>" in text
    assert '<a href="https://chinhphu.vn/" rel="noopener">Cổng Chính phủ</a>' in text
    assert "<p>Địa chỉ: Số 1 đường Mẫu</p>" in client.get("/").content.decode()


def test_any_institutional_page_lists_its_live_public_children(home, client):
    about = add_page(home, "Giới thiệu", "gioi-thieu")
    add_page(about, "Cơ cấu tổ chức", "co-cau-to-chuc", intro="Lãnh đạo và các phòng.")
    add_page(about, "Lịch sử", "lich-su")
    add_page(about, "Bản nháp", "ban-nhap", live=False)
    private = add_page(about, "Nội bộ", "noi-bo")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert children_listed(client.get("/gioi-thieu/")) == [
        ("/gioi-thieu/co-cau-to-chuc/", "Cơ cấu tổ chức", "Lãnh đạo và các phòng."),
        ("/gioi-thieu/lich-su/", "Lịch sử", ""),
    ]


def test_a_new_english_page_is_in_every_english_menu_at_once(home, client):
    english = add_page(home, "English", "en", language="en")
    add_page(english, "Structure", "structure", language="en")
    assert [label for _href, _current, label in menu(client.get("/en/structure/"))] == ["Home", "Structure"]
    history = StandardPage(title="History", slug="history", language="en")
    english.add_child(instance=history)
    history.save_revision().publish()
    assert [label for _href, _current, label in menu(client.get("/en/structure/"))] == ["Home", "Structure", "History"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/en/", 2),  # the furniture token, the children listed
        ("/en/child-1/", 2),  # the furniture token, the child routed from /en/
    ],
)
def test_an_english_page_s_queries_do_not_grow_with_its_children(home, client, url, expected):
    vietnamese = add_page(home, "Liên hệ", "lien-he")
    english = add_page(home, "English", "en", language="en")
    add_page(english, "Child 1", "child-1", language="en", counterpart=vietnamese)

    def queries():
        client.get(url)  # the worker's furniture
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for number in range(2, 8):
        add_page(english, f"Child {number}", f"child-{number}", language="en")
    ArticlePageFactory.create_batch(3)
    assert (few, queries()) == (expected, expected)


def test_a_counterpart_is_named_by_an_english_page_and_is_vietnamese(home):
    about = add_page(home, "Giới thiệu", "gioi-thieu")
    english = add_page(home, "English", "en", language="en")
    with (
        translation.override("vi"),
        pytest.raises(ValidationError, match="Chỉ trang tiếng Anh mới chọn bản tiếng Việt"),
    ):
        StandardPage(title="Khác", slug="khac", language="vi", counterpart=about).clean()
    with translation.override("vi"), pytest.raises(ValidationError, match="Hãy chọn một trang tiếng Việt"):
        StandardPage(title="Other", slug="other", language="en", counterpart=english).clean()
    StandardPage(title="About", slug="about", language="en", counterpart=about).clean()


def test_load_demo_names_the_counterparts_and_a_second_run_changes_nothing(demo):
    assert {
        page.slug: page.counterpart.slug
        for page in StandardPage.objects.filter(language="en", counterpart__isnull=False)
    } == {"structure": "gioi-thieu", "contacts": "lien-he"}
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert "created" not in output.getvalue() and "updated" not in output.getvalue()


def test_load_demo_completes_a_demo_loaded_before_the_english_furniture(demo):
    StandardPage.objects.filter(language="en").update(counterpart=None)
    portal = PortalSettings.for_site(Site.objects.get())
    for name in PortalSettings.TRANSLATED:
        setattr(portal, f"{name}_en", "")
    portal.agency_links = json.dumps(
        [{"type": "link", "value": {"name": "Cổng Chính phủ", "url": "https://chinhphu.vn/"}}]
    )
    portal.save()
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert [line for line in output.getvalue().splitlines() if not line.startswith("unchanged")] == [
        "created: Portal settings in English",
        "updated: Organisational structure",
        "updated: Contacts",
    ]
    portal = PortalSettings.for_site(Site.objects.get())
    assert portal.agency_name_en == "Web Portal of the Department of Science and Technology"
    assert [(link.value["name"], link.value["name_en"]) for link in portal.agency_links] == [
        ("Cổng Chính phủ", "Government of Viet Nam Portal")
    ]
    assert StandardPage.objects.get(slug="contacts").counterpart.slug == "lien-he"


def test_editors_choose_the_counterpart_and_the_english_settings_in_vietnamese(home, admin_client):
    about = add_page(home, "Giới thiệu", "gioi-thieu")
    english = add_page(home, "English", "en", language="en")
    page = add_page(english, "About", "about", language="en", counterpart=about)
    text = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="counterpart"' in text and "Bản tiếng Việt" in text
    text = admin_client.get(f"/admin/settings/home/portalsettings/{Site.objects.get().pk}/").content.decode()
    assert 'name="agency_name_en"' in text and "Bằng tiếng Anh" in text


def test_publishing_an_english_page_renews_every_cached_page_that_shows_it(home, client, settings, redis_cache):
    settings.PAGE_CACHE_SECONDS = 300
    contacts = add_page(home, "Liên hệ", "lien-he")
    english = add_page(home, "English", "en", language="en")
    structure = add_page(english, "Structure", "structure", language="en")
    add_page(structure, "Divisions", "divisions", language="en")
    urls = ["/lien-he/", "/en/", "/en/structure/", "/en/structure/divisions/"]
    for url in urls:
        client.get(url)
        assert client.get(url).get("X-Page-Cache") == "HIT", url
    page = StandardPage(title="Contacts", slug="contacts", language="en", counterpart=contacts)
    english.add_child(instance=page)
    page.save_revision().publish()
    assert {url: client.get(url).get("X-Page-Cache") for url in urls} == dict.fromkeys(urls, "MISS")
    assert switch(client.get("/lien-he/")) == "/en/contacts/"
    assert ("/en/contacts/", "Contacts") in footer_links(client.get("/en/structure/divisions/"))
