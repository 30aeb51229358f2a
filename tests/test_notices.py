"""Notices as first-class content (issue 27.2): deadline and validity, attachments, the home
block, /thong-bao/, /rss/thong-bao/ and the API's ?article_type=."""

import datetime
import re

import feedparser
import pytest

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from wagtail.documents import get_document_model

from home import furniture
from home.vietnamese import format_file_size
from news.models import ArticlePage, ArticlePageAttachment, ArticleType

from .factories import ArticlePageFactory, SectionPageFactory

NOTICE = ArticleType.NOTICE
NOW = timezone.make_aware(datetime.datetime(2026, 12, 15, 10, 0))  # Asia/Ho_Chi_Minh


@pytest.fixture
def clock(monkeypatch):
    """The time the portal reads, set by the test: `clock(moment)`."""

    def set_time(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    set_time(NOW)
    return set_time


def notice(section, title, days_ago=0, **kwargs):
    date = NOW - datetime.timedelta(days=days_ago)
    return ArticlePageFactory(parent=section, title=title, article_type=NOTICE, date=date, **kwargs)


def home_notices(client):
    return [page.title for page in client.get("/").context["notices"]]


def headings(html):
    return [int(level) for level in re.findall(r"<h([1-6])\b", html)]


def attach(page, name, size, label=""):
    document = get_document_model()(title=f"Tệp {name}", file=ContentFile(b"x" * size, name=name))
    document._set_document_file_metadata()
    document.save()
    return ArticlePageAttachment.objects.create(page=page, document=document, label=label)


# Expiry


def test_a_notice_expires_at_its_deadline_or_after_the_last_day_of_its_validity_in_vietnam(section, clock):
    by_deadline = notice(section, "Tuyển dụng viên chức", deadline=NOW + datetime.timedelta(hours=1))
    by_validity = notice(section, "Lịch tiếp công dân", notice_valid_until=datetime.date(2026, 12, 15))
    news = ArticlePageFactory(parent=section, deadline=NOW - datetime.timedelta(days=9))  # not a notice

    def expired():
        pages = ArticlePage.objects.filter(pk__in=[by_deadline.pk, by_validity.pk, news.pk])
        rows = sorted(page.title for page in ArticlePage.objects.notices(expired=True))
        return [page.is_expired for page in (by_deadline, by_validity, news)], rows, pages.count()

    assert expired() == ([False, False, False], [], 3)
    clock(NOW + datetime.timedelta(hours=1, seconds=1))
    assert expired() == ([True, False, False], ["Tuyển dụng viên chức"], 3)
    # 23:59 on the last day in Vietnam, then 00:01 the next day: still 15/12 in UTC (17:01).
    clock(timezone.make_aware(datetime.datetime(2026, 12, 15, 23, 59)))
    assert expired()[0] == [True, False, False]
    clock(timezone.make_aware(datetime.datetime(2026, 12, 16, 0, 1)))
    assert timezone.now().astimezone(datetime.UTC).date() == datetime.date(2026, 12, 15)
    assert expired() == ([True, True, False], ["Lịch tiếp công dân", "Tuyển dụng viên chức"], 3)
    assert sorted(page.title for page in ArticlePage.objects.notices(expired=False)) == []


def test_an_expired_notice_is_marked_on_its_page_and_its_cards(section, client, clock):
    page = notice(section, "Thông báo tuyển dụng", deadline=NOW - datetime.timedelta(minutes=1))
    open_notice = notice(section, "Thông báo lịch họp", days_ago=1, deadline=NOW + datetime.timedelta(days=2))

    html = client.get(page.url).content.decode()
    assert '<span class="badge badge--expired">Đã hết hạn</span> Thông báo đã hết hạn.' in html
    assert "<dt>Hạn nộp hồ sơ</dt><dd><time" in html
    assert ">Thứ Ba, 15/12/2026 09:59</time>" in html
    assert "Đã hết hạn" not in client.get(open_notice.url).content.decode()

    section_html = client.get(section.url).content.decode()
    assert section_html.count("Đã hết hạn") == 1  # the section's cards: only the expired one
    assert section_html.index("Thông báo tuyển dụng") < section_html.index("Đã hết hạn")
    assert section_html.index("Đã hết hạn") < section_html.index("Thông báo lịch họp")


def test_a_deadline_at_midnight_shows_its_time(section, client, clock):
    page = notice(section, "Mời thầu", deadline=timezone.make_aware(datetime.datetime(2026, 12, 20, 0, 0)))
    assert ">Chủ Nhật, 20/12/2026 00:00</time>" in client.get(page.url).content.decode()


# The home block


def test_home_block_holds_five_open_notices_pinned_first_and_drops_an_expired_one_by_itself(
    home, section, client, clock
):
    notice(section, "Cũ đã ghim", days_ago=30, pinned=True, deadline=NOW + datetime.timedelta(days=3))
    notice(section, "Hết hạn đã ghim", days_ago=1, pinned=True, deadline=NOW - datetime.timedelta(days=1))
    notice(section, "Sắp hết hạn", days_ago=2, deadline=NOW + datetime.timedelta(minutes=30))
    for day in range(3, 8):
        notice(section, f"Thông báo {day}", days_ago=day)
    ArticlePageFactory(parent=section, title="Tin thường", date=NOW)  # news: never in the block

    assert home_notices(client) == ["Cũ đã ghim", "Sắp hết hạn", "Thông báo 3", "Thông báo 4", "Thông báo 5"]
    html = client.get("/").content.decode()
    assert '<h2 class="section-block__title" id="notices-heading"><a href="/thong-bao/">Thông báo</a></h2>' in html
    assert '<span class="notice-item__pin">Ghim</span> <a href="/' in html
    assert "Hạn nộp hồ sơ: <time" in html

    # Half an hour later, with no publish and no job, "Sắp hết hạn" has left the block.
    clock(NOW + datetime.timedelta(minutes=31))
    assert home_notices(client)[:3] == ["Cũ đã ghim", "Thông báo 3", "Thông báo 4"]
    furniture.forget()  # the remembered list is read again (NOTICES_MAX_AGE): the sixth one fills in
    assert home_notices(client) == ["Cũ đã ghim", "Thông báo 3", "Thông báo 4", "Thông báo 5", "Thông báo 6"]


def test_publishing_a_notice_shows_it_in_the_home_block_at_once(home, section, client, clock):
    notice(section, "Thông báo cũ", days_ago=2)
    assert home_notices(client) == ["Thông báo cũ"]
    notice(section, "Thông báo mới")  # the factory publishes: the remembered lists are renewed
    assert home_notices(client) == ["Thông báo mới", "Thông báo cũ"]


def _queries(client, url, cold=False):
    client.get(url)
    if cold:
        furniture.forget()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_home_block_costs_no_query_per_notice(home, client, clock):
    section = SectionPageFactory(parent=home, title="Tin tức")
    notice(section, "Thông báo 0", deadline=NOW + datetime.timedelta(days=1), pinned=True)
    small = (_queries(client, "/"), _queries(client, "/", cold=True))
    for day in range(1, 8):
        notice(section, f"Thông báo {day}", days_ago=day, deadline=NOW + datetime.timedelta(days=day))
    assert len(client.get("/").context["notices"]) == 5
    # Warm: the token, the newest article, the section's newest (the notices are remembered).
    assert (_queries(client, "/"), _queries(client, "/", cold=True)) == small
    assert small[0] == 3


# The list at /thong-bao/


def test_notice_list_pinned_open_first_then_newest_expired_marked(section, client, clock):
    notice(section, "Ghim còn hạn", days_ago=20, pinned=True, deadline=NOW + datetime.timedelta(days=1))
    notice(section, "Ghim hết hạn", days_ago=5, pinned=True, deadline=NOW - datetime.timedelta(days=1))
    notice(section, "Mới nhất", days_ago=1)
    notice(section, "Hết hiệu lực", days_ago=3, notice_valid_until=datetime.date(2026, 12, 14))
    ArticlePageFactory(parent=section, title="Tin thường", date=NOW)

    response = client.get("/thong-bao/")
    assert response.status_code == 200
    assert [page.title for page in response.context["notices"]] == [
        "Ghim còn hạn",
        "Mới nhất",
        "Hết hiệu lực",
        "Ghim hết hạn",
    ]
    html = response.content.decode()
    assert html.count('<span class="badge badge--expired">Đã hết hạn</span>') == 2
    assert html.count('<span class="notice-item__pin">Ghim</span>') == 1
    assert "<title>Thông báo | " in html
    assert '<link rel="alternate" type="application/rss+xml" title="Thông báo" href="/rss/thong-bao/">' in html

    def titles(query):
        return [page.title for page in client.get(f"/thong-bao/?{query}").context["notices"]]

    assert titles("hieu-luc=con-hieu-luc") == ["Ghim còn hạn", "Mới nhất"]
    assert titles("hieu-luc=het-hieu-luc") == ["Hết hiệu lực", "Ghim hết hạn"]
    expired_only = client.get("/thong-bao/?hieu-luc=het-hieu-luc").content.decode()
    assert '<span aria-current="page">Đã hết hạn</span>' in expired_only
    assert client.get("/thong-bao/?hieu-luc=khac").status_code == 404
    assert client.get("/thong-bao/?page=2").status_code == 404
    assert client.get("/thong-bao/?page=abc").status_code == 404


def test_notice_list_headings_go_h1_then_h2(section, client, clock):
    notice(section, "Ghim", pinned=True)
    notice(section, "Thông báo", days_ago=1)
    levels = headings(client.get("/thong-bao/").content.decode())
    assert levels.count(1) == 1
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False))
    assert levels[levels.index(1) + 1 :][:2] == [2, 2]
    # The home block's items sit under its h2.
    home_levels = headings(client.get("/").content.decode())
    assert all(later <= earlier + 1 for earlier, later in zip(home_levels, home_levels[1:], strict=False))


def test_notice_list_pages_and_costs_the_same_whatever_its_length(section, client, clock):
    notice(section, "Ghim", pinned=True)
    notice(section, "Một", days_ago=1)
    small = _queries(client, "/thong-bao/")
    for day in range(2, 32):
        notice(section, f"Thông báo {day}", days_ago=day)
    assert _queries(client, "/thong-bao/") == small == 4  # the token, the pinned, the capped count, the page
    first = client.get("/thong-bao/").context
    assert [len(first["notices"]), first["articles"].num_pages] == [21, 2]  # the pinned one, then 20
    second = client.get("/thong-bao/?page=2").context["notices"]
    assert [page.title for page in second][0] == "Thông báo 21"
    assert len(second) == 11
    assert "Ghim" not in [page.title for page in second]


def test_notice_list_shows_no_hidden_notice(section, client, clock):
    from .factories import hidden_articles

    hidden_articles(section, title="Thông báo mật", article_type=NOTICE)
    html = client.get("/thong-bao/").content.decode()
    assert "Thông báo mật" not in html
    assert "Chưa có thông báo nào." in html


# The feed


def test_notice_feed_lists_notices_with_their_deadline_and_links_from_the_site(section, client, clock):
    notice(section, "Tuyển dụng", deadline=timezone.make_aware(datetime.datetime(2026, 12, 31, 17, 0)))
    notice(section, "Lịch tiếp dân", days_ago=1)
    ArticlePageFactory(parent=section, title="Tin thường", date=NOW)

    response = client.get("/rss/thong-bao/", HTTP_HOST="localhost:9999")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0
    assert feed.feed.link == "http://localhost/thong-bao/"
    assert [entry.title for entry in feed.entries] == ["Tuyển dụng", "Lịch tiếp dân"]
    assert feed.entries[0].link.startswith("http://localhost/")
    assert feed.entries[0].description.startswith("Hạn nộp hồ sơ: Thứ Năm, 31/12/2026 17:00. Ngày 27/8/2018")
    assert feed.feed.title.startswith("Thông báo | ")


def test_a_section_cannot_take_the_portals_own_addresses(home):
    with pytest.raises(ValidationError) as error:
        SectionPageFactory(parent=home, title="Thông báo")
    assert error.value.message_dict["slug"] == ["Địa chỉ /thong-bao/ là của cổng thông tin: hãy chọn địa chỉ khác."]


def test_every_first_segment_of_the_portals_paths_is_reserved(db):
    from news.models import SectionPage

    segments = set()
    for pattern in get_resolver().url_patterns:
        patterns = pattern.url_patterns if isinstance(pattern, URLResolver) else [pattern]
        prefix = str(pattern.pattern) if isinstance(pattern, URLResolver) else ""
        for inner in patterns:
            route = prefix + str(inner.pattern) if isinstance(inner, URLPattern) else prefix
            first = route.lstrip("^").split("/")[0]
            if first and "<" not in first and "." not in first and "(" not in first:
                segments.add(first)
    assert segments - SectionPage.RESERVED_SLUGS == set()


# Attachments


def test_attachments_show_their_type_and_size_without_asking_the_storage(section, client, clock, monkeypatch):
    page = notice(section, "Tuyển dụng viên chức")
    attach(page, "mau-don.pdf", 1_250_000, label="Mẫu đơn dự tuyển")
    attach(page, "danh-muc.docx", 48_000)

    def no_storage(*args):
        raise AssertionError("the storage was asked for a size")

    monkeypatch.setattr(FileSystemStorage, "size", no_storage)
    html = client.get(page.url).content.decode()
    assert '<h2 id="attachments-heading">Tệp đính kèm</h2>' in html
    first = re.search(r'<li><a href="(/documents/\d+/mau-don[^"]*\.pdf)" download>Mẫu đơn dự tuyển</a>', html)
    assert first is not None
    assert '<span class="attachments__meta">(PDF, 1,2 MB)</span>' in html
    assert 'download>Tệp danh-muc.docx</a> <span class="attachments__meta">(DOCX, 47 KB)</span>' in html
    assert html.index("Mẫu đơn dự tuyển") < html.index("Tệp danh-muc.docx")
    assert client.get(first[1]).status_code == 200


def test_attachments_cost_one_query_however_many(section, client, clock):
    plain = notice(section, "Không tệp")
    one, three = notice(section, "Một tệp"), notice(section, "Ba tệp")
    attach(one, "a.pdf", 10)
    for name in ("b.pdf", "c.pdf", "d.pdf"):
        attach(three, name, 10)
    counts = [_queries(client, page.url) for page in (plain, one, three)]
    assert counts == [3, 4, 4]  # the token, the article, its links; then the attachments with their documents


@pytest.mark.parametrize(
    ("size", "shown"),
    [(None, ""), (850, "850 B"), (48_000, "47 KB"), (1_250_000, "1,2 MB"), (20 * 1024**2, "20 MB")]
    + [(3 * 1024**3, "3 GB")],
)
def test_file_sizes_read_the_vietnamese_way(size, shown):
    assert format_file_size(size) == shown


# The API


def test_api_filters_articles_by_type(section, client, clock):
    deadline = timezone.make_aware(datetime.datetime(2026, 12, 31, 17, 0))
    notice(section, "Tuyển dụng", deadline=deadline, notice_valid_until=datetime.date(2027, 1, 31), pinned=True)
    ArticlePageFactory(parent=section, title="Tin thường")
    fields = "article_type,deadline,notice_valid_until,pinned"
    response = client.get(f"/api/v2/pages/?type=news.ArticlePage&article_type=thong-bao&fields={fields}")
    assert response.status_code == 200
    assert [
        (item["title"], item["article_type"], item["deadline"], item["notice_valid_until"], item["pinned"])
        for item in response.json()["items"]
    ] == [("Tuyển dụng", "thong-bao", "2026-12-31T17:00:00+07:00", "2027-01-31", True)]
    bad = client.get("/api/v2/pages/?type=news.ArticlePage&article_type=khac")
    assert (bad.status_code, bad.json()) == (
        400,
        {"message": "unknown article_type: khac (one of tin, thong-bao, thong-cao-bao-chi)"},
    )
    untyped = client.get("/api/v2/pages/?article_type=thong-bao")
    assert (untyped.status_code, untyped.json()) == (
        400,
        {"message": "filtering by article_type needs type=news.ArticlePage"},
    )


# The editor


def test_the_editor_has_a_notice_tab_in_vietnamese(section, admin_client):
    page = notice(section, "Tuyển dụng")
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    for text in ("Hạn nộp hồ sơ", "Hiệu lực đến", "Ghim", "Tệp đính kèm", "Chỉ dùng cho bài thuộc loại"):
        assert text in html, text


def test_an_editor_attaches_documents_and_sets_the_deadline_in_the_admin(section, admin_client, clock):
    from wagtail.test.utils.form_data import inline_formset

    from .test_roles import article_form

    page = notice(section, "Tuyển dụng")
    documents = [attach(page, name, 2048).document for name in ("a.pdf", "b.docx")]
    ArticlePageAttachment.objects.all().delete()
    form = article_form(
        page.title,
        article_type="thong-bao",
        deadline="2026-12-31 17:00",
        notice_valid_until="2027-01-31",
        pinned="on",
        attachments=inline_formset(
            [
                {"document": documents[1].pk, "label": "Danh mục hồ sơ"},
                {"document": documents[0].pk, "label": ""},
            ]
        ),
    )
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", {**form, "action-publish": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ArticlePage.objects.get(pk=page.pk)
    assert (page.deadline, page.notice_valid_until, page.pinned) == (
        timezone.make_aware(datetime.datetime(2026, 12, 31, 17, 0)),
        datetime.date(2027, 1, 31),
        True,
    )
    assert [(item.title, item.description) for item in page.attachments.all()] == [
        ("Danh mục hồ sơ", "DOCX, 2 KB"),
        ("Tệp a.pdf", "PDF, 2 KB"),
    ]
