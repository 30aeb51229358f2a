import datetime
import html
import itertools
from html.parser import HTMLParser
from xml.etree import ElementTree

import feedparser
import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.vietnamese import slugify

from .factories import ArticlePageFactory, AuthorFactory, PartnerFactory, PortalImageFactory, SectionPageFactory

_numbers = itertools.count()


def article(section, title, day=1, **kwargs):
    kwargs.setdefault("date", timezone.make_aware(datetime.datetime(2025, 3, 1, 9, 30) + datetime.timedelta(days=day)))
    slug = f"{slugify(title)}-{next(_numbers)}"
    return ArticlePageFactory(parent=section, title=title, slug=slug, **kwargs)


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


def test_main_feed_items_carry_everything_a_reader_needs(section, client):
    image = PortalImageFactory()
    page = article(
        section,
        "Long An: Ký kết thỏa thuận",
        sapo="Ngày 27/8/2018, Sở TT&TT Long An và VNG đã ký kết <thỏa thuận>.",
        authors=[AuthorFactory(name="Hùng Cường")],
        provinces=["Long An"],
        partners=[PartnerFactory(name="VNG")],
        feature_image=image,
        date=timezone.make_aware(datetime.datetime(2018, 8, 27, 9, 30)),
    )
    feed = parse(client, "/rss/")
    assert feed.feed.title == "Cổng Thông tin điện tử"
    assert feed.feed.language == "vi"
    [item] = feed.entries
    assert item.title == "Long An: Ký kết thỏa thuận"
    assert item.link == page.full_url
    assert item.id == item.link
    assert item.published == "Mon, 27 Aug 2018 09:30:00 +0700"
    assert item.description == "Ngày 27/8/2018, Sở TT&amp;TT Long An và VNG đã ký kết &lt;thỏa thuận&gt;."
    assert item.author == "Hùng Cường"
    assert [tag.term for tag in item.tags] == ["Long An", "VNG"]
    [enclosure] = item.enclosures
    rendition = image.get_rendition("fill-1200x630|format-jpeg")
    assert enclosure.href == rendition.full_url
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == rendition.file.size > 0
    raw = client.get("/rss/").content.decode()
    assert "<pubDate>Mon, 27 Aug 2018 09:30:00 +0700</pubDate>" in raw
    assert f'<guid isPermaLink="true">{page.full_url}</guid>' in raw


def test_main_feed_holds_the_newest_50_published_articles(section, client):
    for day in range(55):
        article(section, f"Tin số {day}", day=day)
    article(section, "Bản nháp mới nhất", day=99, live=False)
    feed = parse(client, "/rss/")
    assert [entry.title for entry in feed.entries] == [f"Tin số {day}" for day in range(54, 4, -1)]


def test_province_feed_takes_former_units_and_partner_feed_its_partner(section, client):
    vng = PartnerFactory(name="VNG")
    article(section, "Tin Long An", provinces=["Long An"], partners=[vng], day=1)
    article(section, "Tin Tây Ninh", provinces=["Tây Ninh"], day=2)
    article(section, "Tin Hà Nội", provinces=["Hà Nội"], day=3)
    tay_ninh = parse(client, "/rss/tinh-thanh/tay-ninh/")
    assert tay_ninh.feed.title == "Tây Ninh | Cổng Thông tin điện tử"
    assert tay_ninh.feed.link == "http://localhost/tinh-thanh/tay-ninh/"
    assert [e.title for e in tay_ninh.entries] == ["Tin Tây Ninh", "Tin Long An"]
    assert [e.title for e in parse(client, "/rss/tinh-thanh/long-an/").entries] == ["Tin Long An"]
    partner = parse(client, "/rss/doi-tac/vng/")
    assert partner.feed.title == "VNG | Cổng Thông tin điện tử"
    assert [e.title for e in partner.entries] == ["Tin Long An"]


def test_section_feed(home, section, client):
    other = SectionPageFactory(parent=home, title="Tin địa phương")
    article(section, "Tin tức chung", day=1)
    article(other, "Tin của địa phương", day=2)
    feed = parse(client, "/rss/tin-dia-phuong/")
    assert feed.feed.title == "Tin địa phương | Cổng Thông tin điện tử"
    assert [e.title for e in feed.entries] == ["Tin của địa phương"]


@pytest.mark.parametrize(
    "url", ["/rss/khong-co/", "/rss/tinh-thanh/khong-co/", "/rss/doi-tac/khong-co/", "/rss/tin-tuc-su-kien/x/"]
)
def test_unknown_feeds_are_404(section, client, url):
    assert client.get(url).status_code == 404


def test_draft_section_has_no_feed(home, client):
    SectionPageFactory(parent=home, title="Chuyên mục nháp", live=False)
    assert client.get("/rss/chuyen-muc-nhap/").status_code == 404


def test_withdrawn_article_feeds_the_notice_not_its_text(section, client):
    article(section, "Tin đã gỡ", sapo="Nội dung sai", withdrawn=True)
    [item] = parse(client, "/rss/").entries
    assert item.description == "Bài viết này đã được gỡ bỏ."


def test_pages_announce_their_feeds(home, section, client):
    page = article(section, "Tin", provinces=["Long An"], partners=[PartnerFactory(name="VNG")])
    main = '<link rel="alternate" type="application/rss+xml" title="Tin mới nhất" href="/rss/">'
    section_feed = (
        f'<link rel="alternate" type="application/rss+xml" title="{section.title}" href="/rss/{section.slug}/">'
    )
    home_text = client.get("/").content.decode()
    assert main in home_text and section_feed not in home_text
    assert main in client.get(section.url).content.decode() and section_feed in client.get(section.url).content.decode()
    assert section_feed in client.get(page.url).content.decode()
    assert 'href="/rss/tinh-thanh/long-an/"' in client.get("/tinh-thanh/long-an/").content.decode()
    assert 'href="/rss/doi-tac/vng/"' in client.get("/doi-tac/vng/").content.decode()


FEED_QUERIES = 6


def test_feed_query_count_is_fixed(section, client):
    def add(count):
        for day in range(count):
            article(
                section,
                "Tin",
                day=day,
                provinces=["Long An"],
                partners=[PartnerFactory()],
                authors=[AuthorFactory(), AuthorFactory()],
                feature_image=PortalImageFactory(),
            )

    def queries():
        client.get("/rss/")
        with CaptureQueriesContext(connection) as context:
            client.get("/rss/")
        return len(context.captured_queries)

    add(2)
    small = queries()
    add(10)
    assert queries() == small == FEED_QUERIES


@pytest.mark.parametrize(
    ("sapo", "xml"),
    [
        ("Sở TT&TT Long An và VNG", "Sở TT&amp;TT Long An và VNG"),
        ("ký kết <thỏa thuận>", "ký kết &amp;lt;thỏa thuận&amp;gt;"),
        # Only where HTML would read a character reference is "&" escaped for HTML too.
        ("Bến Tre &notice &copy; &#39;", "Bến Tre &amp;amp;notice &amp;amp;copy; &amp;amp;#39;"),
    ],
)
def test_descriptions_are_escaped_once_for_xml_and_only_as_html_needs(section, client, sapo, xml):
    article(section, "Ký kết", sapo=sapo)
    content = client.get("/rss/").content.decode()
    assert f"<description>{xml}</description>" in content
    text = ElementTree.fromstring(content).find("channel/item/description").text  # noqa: S314 (our own feed)
    # What a reader shows: the XML text read as HTML is the lead as the editor wrote it.
    assert html.unescape(text) == sapo
    assert html_text(text) == sapo


def html_text(fragment):
    """The text a browser shows for an HTML fragment (entities and all)."""
    parts = []
    parser = HTMLParser(convert_charrefs=True)
    parser.handle_data = parts.append
    parser.feed(fragment)
    parser.close()
    return "".join(parts)


def test_feed_links_come_from_the_site_never_from_the_host_header(section, client, settings, redis_cache):
    """A port in Host must not reach a feed that the page cache then serves to everyone."""
    settings.PAGE_CACHE_SECONDS = 300
    article(section, "Ký kết hợp tác")
    for url in ("/rss/", f"/rss/{section.slug}/"):
        poisoned = client.get(url, HTTP_HOST="localhost:9999").content.decode()
        assert ":9999" not in poisoned
        feed = ElementTree.fromstring(client.get(url).content).find("channel")  # noqa: S314 (our own feed)
        atom_link = feed.find("{http://www.w3.org/2005/Atom}link")
        assert (feed.findtext("link"), atom_link.get("href")) == (
            "http://localhost" + ("/" if url == "/rss/" else section.url),
            "http://localhost" + url,
        )
