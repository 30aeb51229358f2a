"""The article's bylines, provinces, partners and signatories: one query, with the names
each worker remembers (news/models/links.py), never stale."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from home import furniture
from news.models import ArticlePage, ArticlePageAuthor, ArticlePageSignatory, Author, Partner, Province
from news.models.links import read_links_with_orm

from .factories import ArticlePageFactory, AuthorFactory, PartnerFactory


def shown(client, article):
    html = client.get(article.url).content.decode()
    return {
        "bylines": re.findall(r'<a class="byline__author" href="[^"]+">([^<]+)</a>', html),
        "provinces": re.findall(r'<a class="tag tag--province" href="[^"]+">([^<]+)</a>', html),
        "partners": re.findall(r'<a class="tag tag--partner" href="[^"]+">([^<]+)</a>', html),
        "signatories": re.findall(r"<li><strong>([^<]+)</strong>", html),
    }


def make_article(section):
    authors = [AuthorFactory(name="Thu Hà", organisation=""), AuthorFactory(name="Hùng Cường", organisation="")]
    partners = [PartnerFactory(name="VNPT Lạng Sơn"), PartnerFactory(name="Tỉnh Đoàn Lạng Sơn")]
    article = ArticlePageFactory(
        parent=section,
        authors=authors,
        provinces=["Lạng Sơn", "Long An", "Cao Bằng"],
        partners=partners,
        signing_date="2024-01-05",
    )
    for order, author in enumerate(authors):  # as the editor's form saves them
        ArticlePageAuthor.objects.filter(page=article, author=author).update(sort_order=order)
    ArticlePageSignatory.objects.create(page=article, name="Vi Văn Phương", position="Giám đốc", sort_order=1)
    ArticlePageSignatory.objects.create(page=article, name="Hoàng Thị Mai", position="Bí thư", sort_order=0)
    return article


def test_the_page_shows_every_link_in_order_from_one_query(client, section):
    article = make_article(section)
    client.get(article.url)  # the worker reads the names once
    with CaptureQueriesContext(connection) as context:
        links = shown(client, article)
    assert links == {
        "bylines": ["Thu Hà", "Hùng Cường"],
        "provinces": ["Cao Bằng", "Lạng Sơn", "Long An (nay thuộc Tây Ninh)"],  # by slug
        "partners": ["VNPT Lạng Sơn", "Tỉnh Đoàn Lạng Sơn"],  # as tagged
        "signatories": ["Hoàng Thị Mai", "Vi Văn Phương"],
    }
    link_queries = [q["sql"] for q in context.captured_queries if "news_articlepageauthor" in q["sql"]]
    assert len(link_queries) == 1
    assert all(table in link_queries[0] for table in ("province", "partner", "signatory"))


def test_the_same_links_as_the_orm_reads_them(client, section):
    article = make_article(section)
    response = client.get(article.url)
    orm = read_links_with_orm(ArticlePage.objects.get(pk=article.pk))
    assert [item.author for item in response.context["article_authors"]] == [item.author for item in orm.authors]
    assert response.context["article_provinces"] == orm.provinces
    assert response.context["article_partners"] == orm.partners
    assert response.context["signatories"] == orm.signatories
    assert [p.display_name for p in response.context["article_provinces"]] == [p.display_name for p in orm.provinces]


def test_a_renamed_author_or_partner_shows_at_once(client, section):
    article = make_article(section)
    assert shown(client, article)["bylines"] == ["Thu Hà", "Hùng Cường"]
    author = Author.objects.get(name="Thu Hà")
    author.name = "Nguyễn Thu Hà"
    author.save()
    partner = Partner.objects.get(name="VNPT Lạng Sơn")
    partner.name = "Viễn thông Lạng Sơn"
    partner.save()
    links = shown(client, article)
    assert (links["bylines"], links["partners"]) == (
        ["Nguyễn Thu Hà", "Hùng Cường"],
        ["Viễn thông Lạng Sơn", "Tỉnh Đoàn Lạng Sơn"],
    )


def test_a_name_the_worker_does_not_know_yet_is_looked_up_once(client, section):
    article = make_article(section)
    shown(client, article)
    # Rows added without a signal (a bulk insert), so the worker's remembered names stay.
    newcomer = Author.objects.bulk_create([Author(name="Phóng viên mới", slug="phong-vien-moi")])[0]
    ArticlePageAuthor.objects.bulk_create([ArticlePageAuthor(page_id=article.pk, author=newcomer, sort_order=5)])
    with CaptureQueriesContext(connection) as first:
        assert shown(client, article)["bylines"] == ["Thu Hà", "Hùng Cường", "Phóng viên mới"]
    with CaptureQueriesContext(connection) as again:
        assert shown(client, article)["bylines"] == ["Thu Hà", "Hùng Cường", "Phóng viên mới"]
    assert len(first.captured_queries) == len(again.captured_queries) + 1


def test_a_province_merged_elsewhere_shows_its_new_successor(client, section):
    article = make_article(section)
    assert "Long An (nay thuộc Tây Ninh)" in shown(client, article)["provinces"]
    long_an = Province.objects.get(name="Long An")
    long_an.merged_into = Province.objects.get(name="Đồng Nai")
    long_an.save()
    assert "Long An (nay thuộc Đồng Nai)" in shown(client, article)["provinces"]


def test_previews_show_the_drafts_links(section):
    article = make_article(section)
    draft = ArticlePage.objects.get(pk=article.pk)
    draft.authors = [ArticlePageAuthor(author=AuthorFactory(name="Chỉ trong bản nháp", organisation=""))]
    furniture.forget()
    preview = draft.make_preview_request()
    preview.render()
    assert re.findall(r'<a class="byline__author" href="[^"]+">([^<]+)</a>', preview.content.decode()) == [
        "Chỉ trong bản nháp"
    ]
