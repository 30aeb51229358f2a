import datetime
import html
import json
import re

from django.utils import timezone

from wagtail.models import Site

from home.models import PortalSettings
from news.models import ArticlePage

from .factories import ArticlePageFactory, AuthorFactory, PortalImageFactory, hidden_articles


def head(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode().split("</head>")[0]


def meta(text, attribute, name):
    return [
        html.unescape(value) for value in re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', text)
    ]


def json_ld(text):
    [raw] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    return json.loads(raw)


def rich_article(section):
    page = ArticlePageFactory(
        parent=section,
        title="Long An: Ký kết thỏa thuận hợp tác",
        sapo="Ngày 27/8/2018, Sở TT&TT Long An và VNG đã ký kết thỏa thuận.",
        date=timezone.make_aware(datetime.datetime(2018, 8, 27, 9, 30)),
        authors=[
            AuthorFactory(name="Hùng Cường", organisation="Sở TT&TT Long An"),
            AuthorFactory(name="Minh An", organisation=""),
        ],
        feature_image=PortalImageFactory(alt_text="Quang cảnh lễ ký kết"),
    )
    page.save_revision().publish()
    ArticlePage.objects.filter(pk=page.pk).update(
        last_published_at=timezone.make_aware(datetime.datetime(2025, 1, 2, 3, 4))
    )
    return ArticlePage.objects.get(pk=page.pk)


def test_canonical_description_open_graph_and_dublin_core(section, client):
    page = rich_article(section)
    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal.agency_name = "Sở Thông tin và Truyền thông"
    portal.save()
    text = head(client, page)
    url = page.full_url
    rendition = page.feature_image.get_rendition("fill-1200x630")
    assert f'<link rel="canonical" href="{url}">' in text
    sapo = "Ngày 27/8/2018, Sở TT&TT Long An và VNG đã ký kết thỏa thuận."
    assert meta(text, "name", "description") == [sapo]
    assert meta(text, "property", "og:type") == ["article"]
    assert meta(text, "property", "og:title") == ["Long An: Ký kết thỏa thuận hợp tác"]
    assert meta(text, "property", "og:description") == [sapo]
    assert meta(text, "property", "og:url") == [url]
    assert meta(text, "property", "og:site_name") == ["Sở Thông tin và Truyền thông"]
    assert meta(text, "property", "og:image") == [rendition.full_url]
    assert (rendition.width, rendition.height) == (1200, 630)
    assert meta(text, "property", "og:image:width") == ["1200"]
    assert meta(text, "property", "og:image:height") == ["630"]
    assert meta(text, "property", "og:image:alt") == ["Quang cảnh lễ ký kết"]
    assert meta(text, "property", "article:published_time") == ["2018-08-27T09:30:00+07:00"]
    assert meta(text, "name", "DC.title") == ["Long An: Ký kết thỏa thuận hợp tác"]
    assert meta(text, "name", "DC.creator") == ["Hùng Cường", "Minh An"]
    assert meta(text, "name", "DC.date") == ["2018-08-27"]
    assert meta(text, "name", "DC.description") == [sapo]
    assert meta(text, "name", "DC.publisher") == ["Sở Thông tin và Truyền thông"]
    assert meta(text, "name", "DC.identifier") == [url]
    assert meta(text, "name", "DC.language") == ["vi"]


def test_news_article_json_ld(section, client):
    page = rich_article(section)
    data = json_ld(head(client, page))
    url = page.full_url
    assert data == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Long An: Ký kết thỏa thuận hợp tác",
        "description": "Ngày 27/8/2018, Sở TT&TT Long An và VNG đã ký kết thỏa thuận.",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": "2018-08-27T09:30:00+07:00",
        "dateModified": "2025-01-02T03:04:00+07:00",
        "inLanguage": "vi",
        "author": [
            {
                "@type": "Person",
                "name": "Hùng Cường",
                "url": "http://localhost/tac-gia/hung-cuong/",
                "affiliation": {"@type": "Organization", "name": "Sở TT&TT Long An"},
            },
            {"@type": "Person", "name": "Minh An", "url": "http://localhost/tac-gia/minh-an/"},
        ],
        "publisher": {"@type": "Organization", "name": "Cổng Thông tin điện tử"},
        "image": [page.feature_image.get_rendition("fill-1200x630").full_url],
    }


def test_json_ld_cannot_be_closed_by_article_text(section, client):
    page = ArticlePageFactory(
        parent=section,
        title='Tiêu đề </script><script>alert("x")</script> & <!--',
        sapo="Dòng đầu </SCRIPT> kết thúc",
    )
    text = head(client, page)
    raw = text.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = json_ld(text)
    assert data["headline"] == 'Tiêu đề </script><script>alert("x")</script> & <!--'
    assert data["description"] == "Dòng đầu </SCRIPT> kết thúc"
    assert "image" not in data and data["author"] == []


def test_withdrawn_article_metadata_does_not_repeat_its_text(section, client):
    page = ArticlePageFactory(parent=section, sapo="Nội dung sai đã gỡ", withdrawn=True)
    text = head(client, page)
    assert "Nội dung sai đã gỡ" not in text
    assert json_ld(text)["description"] == "Bài viết này đã được gỡ bỏ."


def test_related_articles_never_show_hidden_pages_or_itself(section, client):
    page = ArticlePageFactory(parent=section, provinces=["Long An"])
    hidden = hidden_articles(section, provinces=["Long An"])
    for target in hidden.values():
        page.related_items.create(related_article=target)
    visible = ArticlePageFactory(parent=section, title="Tin cùng tỉnh", provinces=["Tây Ninh", "Long An"])
    response = client.get(page.url)
    assert [article.title for article in response.context["related_articles"]] == ["Tin cùng tỉnh"]
    assert visible.pk != page.pk
