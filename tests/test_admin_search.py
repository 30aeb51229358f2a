"""Accent-blind admin searches (issue 14 item 2): every chooser and listing folds like public search."""

import sys

import pytest

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.models import Collection
from wagtail.search.backends import get_search_backend

from home.search_backend import FoldingIndexerMixin, cap_query, fold_query
from news.models import ArticlePage, Author, Province

from .factories import ArticlePageFactory, AuthorFactory, PartnerFactory, PortalImageFactory
from .test_roles import article_form

EDITOR = "Biên tập viên"


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user("bien_tap", "bt@example.gov.vn", "mat-khau-thu-nghiem")
    user.groups.add(Group.objects.get(name=EDITOR))
    client.force_login(user)
    return client


def test_province_suggestions_ignore_accents_case_and_tone_placement(editor):
    url = reverse("news_province_suggestions")
    assert editor.get(url, {"term": "dong nai"}).json() == ["Đồng Nai"]
    assert editor.get(url, {"term": "Dong Nai"}).json() == ["Đồng Nai"]
    assert editor.get(url, {"term": "ĐỒNG"}).json() == ["Đồng Nai", "Đồng Tháp", "Lâm Đồng"]
    assert editor.get(url, {"term": "dak lak"}).json() == ["Đắk Lắk"]
    assert editor.get(url, {"term": "hoa binh"}).json() == ["Hòa Bình"]
    assert editor.get(url, {"term": "hoà bình"}).json() == ["Hòa Bình"]  # old tone placement
    assert editor.get(url, {"term": "ho\u0300a bi\u0300nh"}).json() == ["Hòa Bình"]  # NFD input
    assert editor.get(url, {"term": "atlantis"}).json() == []
    assert editor.get(url, {"term": ""}).json() == []


def test_partner_suggestions_find_any_word_of_the_name(editor):
    PartnerFactory(name="Công ty Cổ phần VNG")
    PartnerFactory(name="FPT", full_name="Công ty Cổ phần Viễn thông FPT")
    PartnerFactory(name="Viettel", full_name="Tập đoàn Công nghiệp - Viễn thông Quân đội")
    url = reverse("news_partner_suggestions")
    assert editor.get(url, {"term": "vng"}).json() == ["Công ty Cổ phần VNG"]
    assert sorted(editor.get(url, {"term": "vien thong"}).json()) == ["FPT", "Viettel"]
    assert editor.get(url, {"term": "quan doi"}).json() == ["Viettel"]
    assert editor.get(url, {"term": "cong ty co phan"}).json() == ["Công ty Cổ phần VNG", "FPT"]
    assert editor.get(url, {"term": ""}).json() == []


def test_tag_fields_ask_the_folding_suggestions(editor, section):
    page = ArticlePageFactory(parent=section)
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert f'data-w-tag-url-value="{reverse("news_province_suggestions")}"' in html
    assert f'data-w-tag-url-value="{reverse("news_partner_suggestions")}"' in html


def test_a_province_typed_without_accents_is_the_province_it_names(editor, section):
    response = editor.post(
        reverse("wagtailadmin_pages:add", args=["news", "articlepage", section.pk]),
        article_form("Ký kết thỏa thuận", provinces='"dong nai", "LONG AN"'),
    )
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="ky-ket-thoa-thuan").get_latest_revision_as_object()
    assert sorted(province.name for province in page.provinces.all()) == ["Long An", "Đồng Nai"]
    assert Province.objects.count() == 64


def test_a_name_outside_the_province_list_is_refused(editor, section):
    response = editor.post(
        reverse("wagtailadmin_pages:add", args=["news", "articlepage", section.pk]),
        article_form("Ký kết thỏa thuận", provinces='"dong nai", Atlantis'),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["provinces"] == [
        "Không có trong danh mục tỉnh, thành phố: Atlantis. Hãy chọn từ danh sách gợi ý."
    ]
    assert not ArticlePage.objects.exists()


def test_page_search_and_page_chooser_are_accent_blind(editor, section):
    wanted = ArticlePageFactory(parent=section, title="Đồng Nai ký kết thỏa thuận chuyển đổi số")
    ArticlePageFactory(parent=section, title="Long An tổng kết năm")
    found = editor.get(reverse("wagtailadmin_pages:search"), {"q": "dong nai"}).context["pages"]
    assert [page.pk for page in found] == [wanted.pk]
    found = editor.get(reverse("wagtailadmin_pages:search"), {"q": "THOÀ THUẬN"}).context["pages"]
    assert [page.pk for page in found] == [wanted.pk]
    found = editor.get(reverse("wagtailadmin_choose_page_search"), {"q": "thoa thuan"}).context["pages"]
    assert [page.pk for page in found] == [wanted.pk]


def test_image_search_and_image_chooser_are_accent_blind(editor):
    wanted = PortalImageFactory(title="Lễ ký kết tại Đắk Lắk")
    PortalImageFactory(title="Hội nghị tại Hà Nội")
    found = editor.get(reverse("wagtailimages:index"), {"q": "dak lak"}).context["images"]
    assert [image.pk for image in found] == [wanted.pk]
    found = editor.get(reverse("wagtailimages_chooser:choose_results"), {"q": "le ky"}).context["results"]
    assert [image.pk for image in found] == [wanted.pk]


def test_document_chooser_is_accent_blind(editor):
    collection = Collection.get_first_root_node()
    wanted = Document.objects.create(
        title="Quyết định phê duyệt đề án", file=ContentFile(b"%PDF-1.4", name="qd.pdf"), collection=collection
    )
    other = ContentFile(b"%PDF-1.4", name="bc.pdf")
    Document.objects.create(title="Báo cáo tổng kết", file=other, collection=collection)
    found = editor.get(reverse("wagtaildocs_chooser:choose_results"), {"q": "quyet dinh phe"}).context["results"]
    assert [document.pk for document in found] == [wanted.pk]


def test_author_chooser_and_snippet_listings_are_accent_blind(editor):
    wanted = AuthorFactory(name="Nguyễn Thị Hoà", organisation="Sở Nội vụ Đồng Nai")
    AuthorFactory(name="Trần Văn Bình", organisation="Sở TT&TT Long An")
    for url, results in (
        (reverse("wagtailsnippetchoosers_news_author:choose_results"), "results"),
        (reverse("wagtailsnippets_news_author:list_results"), "object_list"),
    ):
        assert [author.pk for author in editor.get(url, {"q": "nguyen thi hòa"}).context[results]] == [wanted.pk]
        assert [author.pk for author in editor.get(url, {"q": "dong nai"}).context[results]] == [wanted.pk]
    partner = PartnerFactory(name="Công ty Cổ phần VNG")
    found = editor.get(reverse("wagtailsnippets_news_partner:list_results"), {"q": "vng"}).context["object_list"]
    assert [item.pk for item in found] == [partner.pk]
    found = editor.get(reverse("wagtailsnippets_news_province:list_results"), {"q": "dak"}).context["object_list"]
    assert sorted(province.name for province in found) == ["Đắk Lắk", "Đắk Nông"]


def test_index_text_is_the_original_indexer_s_folded():
    backend = get_search_backend()
    module = sys.modules[type(backend).__mro__[2].__module__]  # Wagtail's backend for this database
    folding = module.ObjectIndexer(Author(name="Nguyễn Thị Hoà"), backend)
    original = module.ObjectIndexer.__mro__[2](Author(name="Nguyễn Thị Hoà"), backend)
    assert isinstance(folding, FoldingIndexerMixin)
    assert original.prepare_value(["Nguyễn Thị Hoà", "ĐỒNG NAI"]) == "Nguyễn Thị Hoà, ĐỒNG NAI"
    assert folding.prepare_value(["Nguyễn Thị Hoà", "ĐỒNG NAI"]) == "nguyen thi hoa, dong nai"


def test_queries_fold_whatever_their_form():
    from modelsearch.query import And, Not, Phrase, PlainText

    assert fold_query("Đồng NAI") == "dong nai"
    folded = fold_query(And([PlainText("Hoà"), Not(Phrase("Đắk Lắk"))]))
    assert folded.subqueries[0].query_string == "hoa"
    assert folded.subqueries[1].subquery.query_string == "dak lak"


# A query's first eight words find the item; the other 142 would find nothing if they counted.
TITLE = "Đồng Nai ký kết thỏa thuận chuyển đổi số"
LONG_QUERY = " ".join(["dong nai ky ket thoa thuan chuyen doi", *(f"tu{number}" for number in range(142))])


@pytest.fixture
def findable(section):
    """One article, author and partner a normal query and a 150-word query both find."""
    article = ArticlePageFactory(parent=section, title=TITLE)
    ArticlePageFactory(parent=section, title="Long An tổng kết năm")
    author = AuthorFactory(name="Đồng Nai ký kết thỏa thuận chuyển đổi số", organisation="Sở Nội vụ")
    AuthorFactory(name="Trần Văn Bình", organisation="Sở TT&TT Long An")
    PartnerFactory(name="VNG", full_name=TITLE)
    PartnerFactory(name="FPT", full_name="Công ty Cổ phần Viễn thông FPT")
    return {"article": article.pk, "author": author.pk}


def found_ids(editor, url, results, query):
    response = editor.get(url, {"q": query})
    assert response.status_code == 200
    return [item.pk for item in response.context[results]]


@pytest.mark.parametrize("query", ["dong nai", LONG_QUERY])
@pytest.mark.parametrize(
    ("url_name", "results", "wanted"),
    [
        ("wagtailadmin_pages:search", "pages", "article"),
        ("wagtailadmin_choose_page_search", "pages", "article"),
        ("articles:index", "object_list", "article"),
        ("wagtailsnippets_news_author:list", "object_list", "author"),
        ("wagtailsnippets_news_author:list_results", "object_list", "author"),
        ("wagtailsnippetchoosers_news_author:choose_results", "results", "author"),
    ],
)
def test_admin_search_keeps_the_first_eight_words_of_a_long_query(editor, findable, url_name, results, wanted, query):
    assert len(LONG_QUERY.split()) == 150
    assert found_ids(editor, reverse(url_name), results, query) == [findable[wanted]]


@pytest.mark.parametrize("query", ["dong nai", LONG_QUERY])
def test_tag_suggestions_answer_a_long_query(editor, findable, query):
    partners = editor.get(reverse("news_partner_suggestions"), {"term": query})
    assert (partners.status_code, partners.json()) == (200, ["VNG"])
    provinces = editor.get(reverse("news_province_suggestions"), {"term": query})
    # Every typed word must start a word of the province's name: 142 made-up words match none.
    assert (provinces.status_code, provinces.json()) == (200, ["Đồng Nai"] if query == "dong nai" else [])


def test_a_query_within_eight_words_reaches_the_backend_as_it_was():
    from modelsearch.query import And, Phrase, PlainText

    assert cap_query("dong nai ky-ket") == ("dong nai ky-ket", 4)
    query = And([Phrase("dong nai"), PlainText("ky ket")])
    assert cap_query(query)[0].subqueries[1] is query.subqueries[1]
    capped, kept = cap_query(And([Phrase("dong nai"), PlainText(LONG_QUERY), Phrase("long an")]))
    assert kept == 8
    assert [type(sub).__name__ for sub in capped.subqueries] == ["Phrase", "PlainText"]
    assert capped.subqueries[1].query_string == "dong nai ky ket thoa thuan chuyen"
