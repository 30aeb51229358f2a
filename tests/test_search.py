import datetime
import itertools
import re
import unicodedata

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from home.vietnamese import slugify
from news.models import ArticlePage
from news.search import SearchQuery

from .factories import (
    ArticlePageFactory,
    AuthorFactory,
    PartnerFactory,
    PortalImageFactory,
    SectionPageFactory,
    hidden_articles,
)

SEARCH = "/tim-kiem/"
SEARCH_PAGE_HINT = "Kết quả chứa mọi từ bạn gõ"
_numbers = itertools.count()
PLAIN_SAPO = "Bản tin tổng hợp trong tuần."


def article(section, title, sapo=PLAIN_SAPO, day=1, **kwargs):
    date = timezone.make_aware(datetime.datetime(2025, 3, day, 8, 0))
    slug = f"{slugify(title)}-{next(_numbers)}"
    return ArticlePageFactory(parent=section, title=title, slug=slug, sapo=sapo, date=date, **kwargs)


def found(client, **params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    if not response.context["searched"]:
        return None
    return [item.title for item in response.context["results"]]


def test_accents_case_and_decomposed_input_give_the_same_results(section, client):
    article(section, "Đồng Nai: Ký kết thỏa thuận hợp tác", day=2)
    article(section, "Hội nghị tổng kết năm", sapo="Hai bên đã ký kết biên bản ghi nhớ.", day=1)
    article(section, "Khai trương bưu cục mới", day=3)
    expected = ["Đồng Nai: Ký kết thỏa thuận hợp tác", "Hội nghị tổng kết năm"]
    for query in [
        "ky ket",
        "KÝ KẾT",
        "ký kết",
        "Ký Kết",
        "KY KET",
        unicodedata.normalize("NFD", "ký kết"),
        "  ký   kết ",
    ]:
        assert found(client, q=query) == expected, query


def test_d_with_stroke_and_old_and_new_tone_placement_are_folded(section, client):
    article(section, "Đồng Nai đón nhà đầu tư", day=1)
    article(section, "Tỉnh Hòa Bình mở đường mới", day=2)
    article(section, "Hoà Bình: mùa lúa chín", day=3)
    article(section, "Tin Bình Dương", day=4)
    assert found(client, q="dong nai") == ["Đồng Nai đón nhà đầu tư"]
    # Every word must match: "Tin Bình Dương" holds "binh" only.
    assert found(client, q="hoa binh") == ["Hoà Bình: mùa lúa chín", "Tỉnh Hòa Bình mở đường mới"]
    assert found(client, q='"hoa binh"') == ["Hoà Bình: mùa lúa chín", "Tỉnh Hòa Bình mở đường mới"]
    assert found(client, q="HOÀ BÌNH") == found(client, q="hòa bình") == found(client, q="hoa binh")


def test_words_match_whole_never_inside_other_words(section, client):
    article(section, "Thành phố Thanh Hóa", day=1)
    article(section, "Long An phát triển", day=2)
    assert found(client, q="an") == ["Long An phát triển"]
    assert found(client, q="thanh") == ["Thành phố Thanh Hóa"]


def test_authors_provinces_partners_and_body_are_searched(section, client):
    article(section, "Tin thứ nhất", authors=[AuthorFactory(name="Hùng Cường")], day=1)
    article(section, "Tin thứ hai", provinces=["Đắk Lắk"], day=2)
    article(section, "Tin thứ ba", partners=[PartnerFactory(name="Viễn thông Lạng Sơn")], day=3)
    article(section, "Tin thứ tư", body=[("paragraph", "<p>Phần mềm <b>giám sát</b> trực tuyến</p>")], day=4)
    assert found(client, q="hung cuong") == ["Tin thứ nhất"]
    assert found(client, q="dak lak") == ["Tin thứ hai"]
    assert found(client, q="vien thong lang son") == ["Tin thứ ba"]
    assert found(client, q="giam sat") == ["Tin thứ tư"]


def test_every_word_must_match_then_title_then_side_by_side_then_newest(section, client):
    article(section, "Một từ: kết nối", day=9)
    article(section, "Cả hai từ trong bài", sapo="Lễ ký xong, hai bên kết thúc buổi làm việc.", day=4)
    article(section, "Ký kết trong tiêu đề", day=2)
    article(section, "Cũng đủ hai từ", sapo="Hai bên ký kết.", day=3)
    article(section, "Ký một nửa trong tiêu đề", sapo="Hai bên kết nối.", day=1)
    assert found(client, q="ky ket") == [
        "Ký kết trong tiêu đề",  # both words in the title
        "Ký một nửa trong tiêu đề",  # one word in the title, although oldest
        "Cũng đủ hai từ",  # side by side
        "Cả hai từ trong bài",  # apart, although newer
    ]  # "Một từ: kết nối" holds one word only: not a result
    assert "chứa mọi từ" in SEARCH_PAGE_HINT


def test_quoted_phrase_must_appear_as_written(section, client):
    article(section, "Hai bên ký kết thỏa thuận", day=1)
    article(section, "Kết quả bầu cử ký tên", day=2)
    assert found(client, q='"ky ket"') == ["Hai bên ký kết thỏa thuận"]
    assert found(client, q='"ket qua" ky') == ["Kết quả bầu cử ký tên"]
    assert found(client, q="ky ket") == ["Hai bên ký kết thỏa thuận", "Kết quả bầu cử ký tên"]


def test_query_parsing_is_bounded():
    query = SearchQuery.parse('"Ký kết" Đồng NAI nai ' + "từ " * 1000)
    assert query.phrases == (("ky", "ket"),)
    assert query.terms == ("dong", "nai", "tu")
    assert len(SearchQuery.parse(" ".join(f"w{i}" for i in range(100))).terms) == 8
    assert SearchQuery.parse("x" * 2000).terms == ("x" * 40,)
    assert not SearchQuery.parse("  \t ") and not SearchQuery.parse("!!! 🙂 —")


def test_province_filter_takes_current_and_former_units(section, client):
    article(section, "Tin Long An", provinces=["Long An"], day=1)
    article(section, "Tin Tây Ninh", provinces=["Tây Ninh"], day=2)
    article(section, "Tin Đồng Nai", provinces=["Đồng Nai"], day=3)
    assert found(client, q="tin", tinh="tay-ninh") == ["Tin Tây Ninh", "Tin Long An"]
    assert found(client, q="tin", tinh="long-an") == ["Tin Long An"]
    assert found(client, tinh="tay-ninh") == ["Tin Tây Ninh", "Tin Long An"]  # filters alone list newest first


def test_partner_section_and_date_filters(home, section, client):
    vng = PartnerFactory(name="VNG")
    other_section = SectionPageFactory(parent=home, title="Tin địa phương")
    article(section, "Ký kết với VNG", partners=[vng], day=5)
    article(section, "Ký kết khác", day=10)
    article(other_section, "Ký kết ở địa phương", day=20)
    assert found(client, q="ky ket", **{"doi-tac": "vng"}) == ["Ký kết với VNG"]
    assert found(client, q="ky ket", **{"chuyen-muc": "tin-dia-phuong"}) == ["Ký kết ở địa phương"]
    assert found(client, q="ky ket", **{"tu-ngay": "2025-03-05", "den-ngay": "2025-03-10"}) == [
        "Ký kết khác",
        "Ký kết với VNG",
    ]
    assert found(client, q="ky ket", **{"tu-ngay": "06/03/2025"}) == ["Ký kết ở địa phương", "Ký kết khác"]


@pytest.mark.parametrize(
    "params",
    [
        {"tinh": "khong-co"},
        {"doi-tac": "khong-co"},
        {"chuyen-muc": "khong-co"},
        {"tu-ngay": "31/02/2025"},
        {"tu-ngay": "2025-03-10", "den-ngay": "2025-03-01"},
    ],
)
def test_bad_filters_show_the_form_with_an_error_not_a_500(section, client, params):
    article(section, "Ký kết", provinces=["Long An"])
    response = client.get(SEARCH, {"q": "ky ket", **params})
    assert response.status_code == 200
    assert response.context["searched"] is False
    assert response.context["form"].errors


def test_results_are_paginated_with_query_and_filters_kept(section, client):
    for day in range(1, 26):
        article(section, f"Ký kết số {day}", provinces=["Long An"], day=day)
    first = client.get(SEARCH, {"q": "ký kết", "tinh": "tay-ninh"})
    assert [a.title for a in first.context["results"]] == [f"Ký kết số {day}" for day in range(25, 5, -1)]
    assert "Trang 1 / 2" in first.content.decode()
    assert 'href="?q=k%C3%BD+k%E1%BA%BFt&amp;tinh=tay-ninh&amp;page=2"' in first.content.decode()
    second = client.get(SEARCH, {"q": "ký kết", "tinh": "tay-ninh", "page": 2})
    assert [a.title for a in second.context["results"]] == [f"Ký kết số {day}" for day in range(5, 0, -1)]
    assert 'href="?q=k%C3%BD+k%E1%BA%BFt&amp;tinh=tay-ninh&amp;page=1"' in second.content.decode()
    for page in ["3", "abc", "0", "1e9"]:
        assert client.get(SEARCH, {"q": "ky ket", "page": page}).status_code == 404


def test_the_page_says_every_word_must_match(db, client):
    assert SEARCH_PAGE_HINT in client.get(SEARCH).content.decode()


def test_only_the_newest_matches_are_ranked_and_the_page_says_there_are_more(section, client, monkeypatch):
    monkeypatch.setattr("news.search.RANKED_MATCHES", 3)
    monkeypatch.setattr("news.views.discovery.RANKED_MATCHES", 3)
    monkeypatch.setattr("news.views.discovery.RANKED_MATCHES_SHOWN", "3")
    article(section, "Ký kết cũ nhất", day=1)
    article(section, "Tin thứ hai", sapo="Hai bên ký kết.", day=2)
    article(section, "Tin thứ ba", sapo="Hai bên ký kết.", day=3)
    article(section, "Ký kết mới", day=4)
    response = client.get(SEARCH, {"q": "ky ket"})
    # The oldest match is left out although its title holds both words; the newest three are ranked.
    assert [a.title for a in response.context["results"]] == ["Ký kết mới", "Tin thứ ba", "Tin thứ hai"]
    text = response.content.decode()
    assert "Tìm thấy hơn 3 bài viết" in text and "Trang 1 / 1" not in text
    response = client.get(SEARCH, {"q": "ky ket", "den-ngay": "2025-03-03"})
    assert [a.title for a in response.context["results"]] == ["Ký kết cũ nhất", "Tin thứ ba", "Tin thứ hai"]
    assert "Tìm thấy 3 bài viết" in response.content.decode()
    # Filters alone list the newest, with the same bound.
    assert [a.title for a in client.get(SEARCH, {"tinh": "", "tu-ngay": "2025-03-01"}).context["results"]] == [
        "Ký kết mới",
        "Tin thứ ba",
        "Tin thứ hai",
    ]


def test_matches_are_highlighted_and_text_is_escaped(section, client):
    article(section, "Đồng Nai: <b>Ký kết</b> & hợp tác", sapo="Sở TT&TT Đồng Nai ký kết với VNG.")
    text = client.get(SEARCH, {"q": "dong nai"}).content.decode()
    assert "<mark>Đồng</mark> <mark>Nai</mark>: &lt;b&gt;Ký kết&lt;/b&gt; &amp; hợp tác" in text
    assert "Sở TT&amp;TT <mark>Đồng</mark> <mark>Nai</mark> ký kết với VNG." in text


def test_promotions_come_first_whatever_the_accents(home, section, client):
    promoted = article(section, "Hướng dẫn thủ tục hành chính", day=1)
    draft = article(section, "Bản nháp được đề xuất", day=2, live=False)
    article(section, "Ký kết mới", day=3)
    also_matching = article(section, "Ký kết cũ được đề xuất", day=4)
    query = Query.get("Ký Kết")
    SearchPromotion.objects.create(query=query, page=draft, sort_order=0)
    SearchPromotion.objects.create(query=query, page=promoted, sort_order=1, description="Xem trước khi ký")
    SearchPromotion.objects.create(query=query, page=also_matching, sort_order=2)
    for text in ["ky ket", "KÝ KẾT"]:
        response = client.get(SEARCH, {"q": text})
        assert [(page.title, note) for page, note in response.context["promotions"]] == [
            ("Hướng dẫn thủ tục hành chính", "Xem trước khi ký"),
            ("Ký kết cũ được đề xuất", ""),
        ]
        assert [a.title for a in response.context["results"]] == ["Ký kết mới"]
        assert "Bản nháp được đề xuất" not in response.content.decode()
    assert client.get(SEARCH, {"q": "ky"}).context["promotions"] == []


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_empty_query_shows_the_form(section, client, query):
    article(section, "Ký kết")
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert response.context["searched"] is False
    assert 'role="search"' in response.content.decode()
    assert "Ký kết" not in response.content.decode().split("</form>")[-1]


@pytest.mark.parametrize(
    "query",
    [
        "ký kết " * 300,
        "x" * 2000,
        "' OR 1=1; DROP TABLE news_articlepage; --",
        "%_%\\",
        "🙂🇻🇳 \u202etiếng\u202c \u200b\ufeff",
        "\u0301\u0300\u0309",
        "ﾃｽﾄ 測試 اختبار",
    ],
)
def test_long_sql_like_or_odd_input_costs_no_more_than_a_word(section, client, query):
    article(section, "Ký kết")
    client.get(SEARCH, {"q": "ký"})
    with CaptureQueriesContext(connection) as word:
        client.get(SEARCH, {"q": "ký"})
    with CaptureQueriesContext(connection) as odd:
        response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert len(odd) <= len(word)  # no query per word or per character of the input
    assert ArticlePage.objects.count() == 1


def test_nul_characters_are_refused_before_the_search(section, client):
    # home.middleware answers 400 for any address holding NUL (PostgreSQL refuses it in text).
    assert client.get(SEARCH, {"q": "a\x00b"}).status_code == 400
    assert client.get(SEARCH, {"q": "ky ket", "tinh": "long-an\x00"}).status_code == 400


def test_search_text_follows_the_live_version_only(section, client):
    page = article(section, "Tin cũ")
    page.title = "Tin có bí mật chưa duyệt"
    page.save_revision()
    assert found(client, q="bi mat") == []
    page.get_latest_revision().publish()
    assert found(client, q="bi mat") == ["Tin có bí mật chưa duyệt"]


def test_hidden_articles_are_never_found(section, client):
    hidden_articles(section, title="Ký kết mật")
    article(section, "Ký kết công khai")
    assert found(client, q="ky ket") == ["Ký kết công khai"]
    assert found(client, q="ky ket mat") == []


def test_withdrawn_articles_are_found_by_title_only(section, client):
    article(section, "Bài đã gỡ", sapo="Nội dung sai sót", withdrawn=True)
    assert found(client, q="bai da go") == ["Bài đã gỡ"]
    assert found(client, q="sai sot") == []
    assert "Nội dung sai sót" not in client.get(SEARCH, {"q": "bai da go"}).content.decode()


def _queries(client, params):
    client.get(SEARCH, params)  # renditions are made on the first view
    with CaptureQueriesContext(connection) as context:
        response = client.get(SEARCH, params)
    assert response.status_code == 200
    return len(context.captured_queries)


SEARCH_QUERIES = 6
FILTERED_SEARCH_QUERIES = 10


def test_search_query_count_is_fixed_whatever_the_number_of_results(section, client):
    vng = PartnerFactory(name="VNG")

    def add(count):
        for _ in range(count):
            authors = [AuthorFactory(), AuthorFactory()]
            image = PortalImageFactory()
            article(section, "Ký kết", feature_image=image, authors=authors, provinces=["Long An"], partners=[vng])

    plain = {"q": "ky ket"}
    filtered = {
        "q": "ky ket",
        "tinh": "tay-ninh",
        "doi-tac": "vng",
        "chuyen-muc": section.slug,
        "tu-ngay": "2025-01-01",
    }
    add(2)
    small = (_queries(client, plain), _queries(client, filtered))
    add(25)
    assert (_queries(client, plain), _queries(client, filtered)) == small == (SEARCH_QUERIES, FILTERED_SEARCH_QUERIES)


def test_header_search_form_is_on_every_page(section, client):
    text = client.get("/").content.decode()
    assert re.search(r'<form class="masthead__search" role="search" action="/tim-kiem/" method="get">', text)
    assert '<input id="masthead-q" type="search" name="q"' in text


def test_long_leads_are_cut_around_the_first_match(section, client):
    words = [f"từ{i}" for i in range(100)]
    article(section, "Tin dài", sapo=" ".join(words[:60] + ["Đồng", "Nai"] + words[60:]), day=1)
    article(section, "Tin ngắn gọn", sapo=" ".join(words[:5] + ["Đồng", "Nai"] + words[5:]), day=2)
    response = client.get(SEARCH, {"q": "dong nai"})
    snippets = [str(sapo) for _, _, sapo in response.context["highlighted"]]
    assert snippets[0] == " ".join(words[:5]) + " <mark>Đồng</mark> <mark>Nai</mark> " + " ".join(words[5:38]) + " …"
    assert (
        snippets[1]
        == "… " + " ".join(words[50:60]) + " <mark>Đồng</mark> <mark>Nai</mark> " + " ".join(words[60:88]) + " …"
    )


def test_filter_options_are_remembered_and_follow_a_new_partner_at_once(section, client):
    client.get("/tim-kiem/?q=ky+ket")  # the options are remembered from here on
    PartnerFactory(name="Viettel Lạng Sơn")
    html = client.get("/tim-kiem/?q=ky+ket&doi-tac=viettel-lang-son").content.decode()
    assert '<option value="viettel-lang-son" selected>Viettel Lạng Sơn</option>' in html


def test_on_a_phone_the_results_come_first_and_dates_are_day_first(section, client):
    """The filters wait behind "Lọc" once there are results; dates read and show dd/mm/yyyy."""
    article(section, "Ký kết ở địa phương", day=5)
    blank = client.get(SEARCH).content.decode()
    assert '<details class="search-form__more" data-open-wide open>' in blank  # nothing to show first
    text = client.get(SEARCH, {"q": "ky ket", "tu-ngay": "01/03/2025", "chuyen-muc": ""}).content.decode()
    assert '<details class="search-form__more" data-open-wide>' in text
    assert "<summary>Lọc (1)</summary>" in text
    assert text.index("search-results") > text.index("search-form__more")
    field = re.search(r'<input type="text" name="tu-ngay"[^>]*>', text).group(0)
    assert 'value="01/03/2025"' in field and 'placeholder="ngày/tháng/năm"' in field
    assert 'inputmode="numeric"' in field
    wrong = client.get(SEARCH, {"q": "ky ket", "tu-ngay": "31/02/2025"}).content.decode()
    assert '<details class="search-form__more" data-open-wide open>' in wrong  # the error is in view
