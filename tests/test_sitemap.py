import datetime
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own output

from django.utils import timezone

from news.sitemaps import PortalSitemap

from .factories import ArticlePageFactory, hidden_articles

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)  # noqa: S314


def published(section, **kwargs):
    """An article published the way editors do it, so it has a publication time."""
    page = ArticlePageFactory(parent=section, **kwargs)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def urls(root):
    return {url.find("sm:loc", NS).text: url.find("sm:lastmod", NS).text for url in root.findall("sm:url", NS)}


def test_sitemap_lists_live_public_pages_with_lastmod(home, section, client):
    article = published(section, title="Tin công khai")
    when = timezone.make_aware(datetime.datetime(2025, 3, 4, 10, 0))
    type(article).objects.filter(pk=article.pk).update(last_published_at=when)
    section.save_revision().publish()
    hidden_articles(section)
    root = parse(client.get("/sitemap.xml"))
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    found = urls(root)
    assert set(found) == {
        "http://localhost/",
        f"http://localhost{section.url}",
        f"http://localhost{article.url}",
    }
    assert found[f"http://localhost{article.url}"] == "2025-03-04"
    today = timezone.localdate().isoformat()
    assert found[f"http://localhost{section.url}"] == today
    assert found["http://localhost/"] == today  # never published in the admin: the site's newest change


def test_sitemap_becomes_an_index_past_its_limit(home, section, client, monkeypatch):
    for _ in range(3):
        published(section)
    monkeypatch.setattr(PortalSitemap, "limit", 2)
    index = parse(client.get("/sitemap.xml"))
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    locations = [item.find("sm:loc", NS).text for item in index.findall("sm:sitemap", NS)]
    assert locations == [
        "http://testserver/sitemap-trang.xml",
        "http://testserver/sitemap-trang.xml?p=2",
        "http://testserver/sitemap-trang.xml?p=3",
    ]
    assert all(item.find("sm:lastmod", NS).text for item in index.findall("sm:sitemap", NS))
    pages = [urls(parse(client.get(location.removeprefix("http://testserver")))) for location in locations]
    assert [len(page) for page in pages] == [2, 2, 1]  # home, section and three articles
    assert client.get("/sitemap-trang.xml?p=4").status_code == 404
    assert client.get("/sitemap-khac.xml").status_code == 404


def test_sitemap_stays_one_file_at_its_limit(home, section, client, monkeypatch):
    published(section)
    monkeypatch.setattr(PortalSitemap, "limit", 3)
    root = parse(client.get("/sitemap.xml"))
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    assert len(urls(root)) == 3
    assert client.get("/sitemap.xml?p=2").status_code == 404
    assert client.get("/sitemap.xml?p=abc").status_code == 404
