"""The legal-document register (PRODUCT.md §3): the snippet, /van-ban/, and links from the articles that cite it."""

import datetime
import html

import pytest

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from news.legal_links import LegalDocumentLinker
from news.models import LegalDocument, LegalDocumentStatus, LegalDocumentType
from news.models.legal import canonical_symbol

from .factories import ArticlePageFactory

ABSTRACT_72 = "Về quản lý, cung cấp, sử dụng dịch vụ Internet và thông tin trên mạng"


def text_of(response):
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.fixture
def decree(db):
    document = get_document_model().objects.create(title="Nghị định 72/2013/NĐ-CP")
    document.file.save("nghi-dinh-72-2013-nd-cp.pdf", ContentFile(b"%PDF-1.4 van ban"), save=False)
    document._set_document_file_metadata()  # as the admin's upload view does
    document.save()
    return LegalDocument.objects.create(
        symbol="72/2013/NĐ-CP",
        document_type=LegalDocumentType.DECREE,
        issuer="Chính phủ",
        issued_on=datetime.date(2013, 7, 15),
        effective_on=datetime.date(2013, 9, 1),
        abstract=ABSTRACT_72,
        file=document,
        status=LegalDocumentStatus.AMENDED,
    )


@pytest.fixture
def register(decree):
    """A small register: the decree, the decree amending it, and two circulars numbered 22/2023."""
    amending = LegalDocument.objects.create(
        symbol="27/2018/NĐ-CP",
        document_type=LegalDocumentType.DECREE,
        issuer="Chính phủ",
        issued_on=datetime.date(2018, 3, 1),
        abstract="Sửa đổi, bổ sung một số điều của Nghị định số 72/2013/NĐ-CP",
    )
    decree.replaced_by = amending
    decree.save()
    circulars = [
        LegalDocument.objects.create(
            symbol=f"22/2023/{suffix}",
            document_type=LegalDocumentType.CIRCULAR,
            issuer=issuer,
            issued_on=datetime.date(2023, 12, 1),
            abstract=f"Thông tư số 22/2023 của {issuer}",
            status=LegalDocumentStatus.IN_FORCE,
        )
        for suffix, issuer in (("TT-BTTTT", "Bộ Thông tin và Truyền thông"), ("TT-BTC", "Bộ Tài chính"))
    ]
    return {"decree": decree, "amending": amending, "circulars": circulars}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("72/2013/nđ-cp", "72/2013/NĐ-CP"),
        ("72/2013/NÐ-CP", "72/2013/NĐ-CP"),  # Icelandic Ð, common in old exports
        (" 22/2023/TT-BTTTT ", "22/2023/TT-BTTTT"),
        ("1234/QĐ-UBND", "1234/QĐ-UBND"),
    ],
)
def test_symbols_are_stored_in_one_canonical_form(raw, expected):
    assert canonical_symbol(raw) == expected


@pytest.mark.parametrize("symbol", ["22/2023", "Thông tư 22/2023", "72/2013/", "NĐ-CP"])
def test_a_symbol_without_its_issuer_suffix_is_refused(db, symbol):
    document = LegalDocument(
        symbol=symbol,
        document_type=LegalDocumentType.CIRCULAR,
        issuer="Bộ",
        issued_on=datetime.date(2023, 1, 1),
        abstract="x",
    )
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "symbol" in error.value.message_dict


def test_register_lists_documents_newest_first(client, register):
    text = text_of(client.get("/van-ban/"))
    assert text.index("22/2023/TT-BTTTT") < text.index("27/2018/NĐ-CP") < text.index("72/2013/NĐ-CP")
    assert '<a href="/van-ban/72-2013-nd-cp/">' in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "nghi dinh internet"}, ["72/2013/NĐ-CP"]),
        ({"q": "INTERNET"}, ["72/2013/NĐ-CP"]),
        ({"q": "72/2013"}, ["27/2018/NĐ-CP", "72/2013/NĐ-CP"]),
        ({"loai": "thong-tu"}, ["22/2023/TT-BTC", "22/2023/TT-BTTTT"]),
        ({"co-quan": "Bộ Tài chính"}, ["22/2023/TT-BTC"]),
        ({"nam": "2018"}, ["27/2018/NĐ-CP"]),
        ({"hieu-luc": "da-sua-doi"}, ["72/2013/NĐ-CP"]),
        ({"loai": "nghi-dinh", "nam": "2013"}, ["72/2013/NĐ-CP"]),
    ],
)
def test_register_search_and_filters(client, register, query, expected):
    text = text_of(client.get("/van-ban/", query))
    symbols = ["72/2013/NĐ-CP", "27/2018/NĐ-CP", "22/2023/TT-BTTTT", "22/2023/TT-BTC"]
    assert sorted(symbol for symbol in symbols if f">{LegalDocument.objects.get(symbol=symbol).title}</a>" in text) == (
        sorted(expected)
    )


def test_register_answers_bad_input_clearly(client, register):
    assert client.get("/van-ban/", {"loai": "khong-co"}).status_code == 400
    assert client.get("/van-ban/", {"nam": "abc"}).status_code == 400
    assert client.get("/van-ban/", {"page": "99"}).status_code == 404
    assert client.get("/van-ban/", {"page": "abc"}).status_code == 404
    assert client.get("/van-ban/khong-co/").status_code == 404
    assert "Không có văn bản nào phù hợp" in text_of(client.get("/van-ban/", {"q": "khongcogi"}))


def test_document_page_shows_its_facts_status_and_download(client, register):
    text = text_of(client.get("/van-ban/72-2013-nd-cp/"))
    assert '<h1 class="section-title">Nghị định 72/2013/NĐ-CP</h1>' in text
    assert ABSTRACT_72 in text
    assert "<dt>Cơ quan ban hành</dt><dd>Chính phủ</dd>" in text
    assert '<time datetime="2013-07-15">15/07/2013</time>' in text
    assert '<time datetime="2013-09-01">01/09/2013</time>' in text
    assert 'Đã được sửa đổi — được thay thế hoặc sửa đổi bởi <a href="/van-ban/27-2018-nd-cp/">' in text
    download = register["decree"].file.url
    assert f'<a class="button" href="{download}" download>Tải văn bản (PDF, 16\xa0byte)</a>' in text
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 van ban"
    amending = text_of(client.get("/van-ban/27-2018-nd-cp/"))
    assert '<a href="/van-ban/72-2013-nd-cp/">Nghị định 72/2013/NĐ-CP</a>' in amending


def test_articles_link_registered_full_symbols_only(client, section, register):
    article = ArticlePageFactory(
        parent=section,
        title="Long An: Ký kết thỏa thuận",
        body=[
            (
                "paragraph",
                RichText(
                    "<p>Theo Nghị định số 72/2013/NĐ-CP ngày 15/7/2013 và Nghị định số 27/2018/NĐ-CP; "
                    "Thông tư 22/2023 (chưa rõ cơ quan) và Thông tư 99/2024/TT-BTTTT (chưa đăng ký). "
                    '<a href="https://vanban.chinhphu.vn/">72/2013/NĐ-CP trên Cổng Chính phủ</a></p>'
                ),
            )
        ],
        legal_references="Nghị định số 72/2013/NĐ-CP\nThông tư 22/2023",
    )
    text = client.get(article.url).content.decode()
    body = text.split('class="article__body"')[1].split("</div>")[0]
    title = html.escape(ABSTRACT_72)
    link_72 = f'<a class="legal-link" href="/van-ban/72-2013-nd-cp/" title="{title}">72/2013/NĐ-CP</a>'
    assert f"Theo Nghị định số {link_72} ngày 15/7/2013" in body
    assert 'href="/van-ban/27-2018-nd-cp/"' in body
    assert "Thông tư 22/2023 (chưa rõ cơ quan)" in body
    assert "99/2024/TT-BTTTT (chưa đăng ký)" in body and "99-2024" not in body
    assert '<a href="https://vanban.chinhphu.vn/">72/2013/NĐ-CP trên Cổng Chính phủ</a>' in body
    references = text.split('class="legal-refs"')[1].split("</section>")[0]
    assert f"<li>Nghị định số {link_72}</li><li>Thông tư 22/2023</li>" in references


def test_linking_a_page_costs_one_query(db, register, django_assert_num_queries):
    linker = LegalDocumentLinker()
    with django_assert_num_queries(1):
        linker.prefetch({"72/2013/NĐ-CP", "27/2018/NĐ-CP", "1/2020/QĐ-TTg"})
        linker.link_html("<p>Nghị định 72/2013/NĐ-CP, 27/2018/NĐ-CP và 1/2020/QĐ-TTg</p>")
        linker.link_text("Nghị định số 72/2013/NĐ-CP")
    with django_assert_num_queries(0):
        assert LegalDocumentLinker().link_html("<p>Không dẫn văn bản nào, chỉ ngày 15/7/2013.</p>")


def test_document_page_lists_the_articles_citing_it(client, section, register):
    ArticlePageFactory(parent=section, title="Bài dẫn nghị định", legal_references="Nghị định số 72/2013/NĐ-CP")
    ArticlePageFactory(parent=section, title="Bài không dẫn", legal_references="Nghị định số 27/2018/NĐ-CP")
    text = text_of(client.get("/van-ban/72-2013-nd-cp/"))
    assert "Bài dẫn nghị định" in text
    assert "Bài không dẫn" not in text


def test_editors_keep_the_register_and_reporters_only_read_it(client, django_user_model, register):
    for role, add_allowed in (("Biên tập viên", True), ("Phóng viên", False), ("Quản trị", True)):
        user = django_user_model.objects.create_user(f"user_{len(role)}_{add_allowed}", password="x")
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        response = client.get("/admin/snippets/news/legaldocument/add/")
        assert (response.status_code == 200) is add_allowed, role
        assert client.get("/admin/snippets/news/legaldocument/").status_code == 200
        client.logout()


def test_a_new_document_shows_at_once_on_cached_pages(client, settings, section, decree):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    article = ArticlePageFactory(parent=section, title="Bài dẫn", legal_references="Thông tư số 22/2023/TT-BTTTT")
    assert "22/2023/TT-BTTTT" not in client.get("/van-ban/").content.decode()
    assert client.get("/van-ban/")["X-Page-Cache"] == "HIT"
    assert "legal-link" not in client.get(article.url).content.decode()
    LegalDocument.objects.create(
        symbol="22/2023/TT-BTTTT",
        document_type=LegalDocumentType.CIRCULAR,
        issuer="Bộ Thông tin và Truyền thông",
        issued_on=datetime.date(2023, 12, 1),
        abstract="Thông tư mới",
    )
    assert "22/2023/TT-BTTTT" in client.get("/van-ban/").content.decode()
    assert 'href="/van-ban/22-2023-tt-btttt/"' in client.get(article.url).content.decode()
