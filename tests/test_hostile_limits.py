"""Hostile input at the edges: numbers at and past every limit, deep nesting, great lengths.

Each answer is a 400 or a 404 (or the page itself), never a 500, and nothing is stored.
"""

import datetime
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wagtail.models import Collection

from home.models import PortalImage
from news.models import ArticleDailyReads, ArticleRating

from .factories import ArticlePageFactory, AuthorFactory, PartnerFactory

FUZZ = settings(
    max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
BIGINT = 2**63 - 1
# Where integer parsing and storage break: 32- and 64-bit edges, float precision, Python's
# 4,300-digit int() limit, and spellings int() accepts that a reader never types.
EDGE_NUMBERS = [
    "0",
    "-1",
    "1",
    str(2**31 - 1),
    str(2**31),
    str(2**53 + 1),
    str(BIGINT),
    str(BIGINT + 1),
    str(2**64),
    "9" * 4300,
    "9" * 4301,
    "9" * 20000,
    "1e309",
    "+1",
    " 1 ",
    "1_000",
    "٣",
    "²",
    "0x10",
]
numbers = st.sampled_from(EDGE_NUMBERS) | st.integers(min_value=-(2**70), max_value=2**70).map(str)
ALL_STATUSES_BUT_500 = (200, 301, 302, 400, 404, 405)


@pytest.fixture
def article(section):
    cache.clear()
    page = ArticlePageFactory(
        parent=section, provinces=["Long An"], partners=[PartnerFactory(name="VNG")], authors=[AuthorFactory()]
    )
    ArticlePageFactory(parent=section)
    return page


def public_pages(article):
    partner, author = article.partners.first(), article.authors.first().author
    return [
        article.get_parent().url,
        "/tinh-thanh/tay-ninh/",
        "/tinh-thanh/long-an/",
        f"/doi-tac/{partner.slug}/",
        "/doi-tac/",
        f"/tac-gia/{author.slug}/",
        "/van-ban/",
    ]


def assert_nothing_stored():
    assert ArticleRating.objects.count() == 0
    assert ArticleDailyReads.objects.count() == 0


@FUZZ
@given(number=numbers)
def test_every_integer_parameter_at_its_limits(article, number):
    client = Client()
    for url in public_pages(article):
        for name in ("page", "truoc"):
            assert client.get(url, {name: number}).status_code in (200, 404), (url, name)
    for name in ("page", "truoc"):
        assert client.get("/tim-kiem/", {"q": "ky ket", name: number}).status_code in (200, 404)
    for name in ("offset", "limit", "id", "child_of", "descendant_of", "translation_of"):
        response = client.get("/api/v2/pages/", {name: number})
        assert response.status_code in (200, 400), (name, response.content[:300])
        if response.status_code == 400:
            assert response.json()["message"]
    assert client.get("/api/v2/pages/find/", {"id": number}).status_code in ALL_STATUSES_BUT_500
    if number.isascii() and number.isdigit():
        for url in (
            f"/api/v2/pages/{number}/",
            f"/documents/{number}/tep.pdf",
            f"/documents/{number}/",
            f"/documents/authenticate_with_password/{number}/",
            f"/_util/authenticate_with_password/{number}/{number}/",
        ):
            assert client.get(url).status_code in ALL_STATUSES_BUT_500, url
    for body, content_type in (
        (f"score={number}", "application/x-www-form-urlencoded"),
        (f'{{"score": {number}}}', "application/json"),
        (f'{{"score": "{number}"}}', "application/json"),
    ):
        response = client.post(f"/danh-gia/{article.pk}/", body, content_type=content_type)
        if number.strip() in ("1", "+1"):  # a real vote: the rest of this test stores nothing
            ArticleRating.objects.all().delete()
            continue
        assert response.status_code == 400, (body, response.content[:300])
    assert_nothing_stored()


@pytest.mark.parametrize("page_id", [str(BIGINT), str(BIGINT + 1), str(2**64), "9" * 30, "9" * 5000])
def test_page_ids_past_the_database_range_are_unknown_pages(client, article, page_id):
    unknown = {"error": "Bài viết không tồn tại hoặc không thể đánh giá."}
    for response in (client.get(f"/danh-gia/{page_id}/"), client.post(f"/danh-gia/{page_id}/", {"score": "5"})):
        assert (response.status_code, response.json()) == (404, unknown)
    beacon = client.post(f"/luot-doc/{page_id}/")
    assert (beacon.status_code, beacon.json()) == (404, {"error": "Bài viết không tồn tại."})
    assert_nothing_stored()


@pytest.mark.parametrize("name", ["offset", "limit"])
@pytest.mark.parametrize("value", [str(BIGINT + 1), str(2**64), "9" * 4301])
def test_api_offset_and_limit_past_the_database_range_are_400(client, article, name, value):
    response = client.get("/api/v2/pages/", {name: value})
    assert response.status_code == 400
    message = {
        ("offset", str(BIGINT + 1)): f"offset cannot be higher than {BIGINT}",
        ("offset", str(2**64)): f"offset cannot be higher than {BIGINT}",
        ("offset", "9" * 4301): "offset must be a positive integer",
        ("limit", "9" * 4301): "limit must be a positive integer",
    }.get((name, value), "limit cannot be higher than 20")
    assert response.json() == {"message": message}


def test_api_offset_at_the_database_limit_is_an_empty_page(client, article):
    response = client.get("/api/v2/pages/", {"offset": str(BIGINT)})
    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.parametrize("type_", [None, "news.ArticlePage"])
def test_long_api_searches_are_400(client, article, type_):
    params = {"type": type_} if type_ else {}
    too_long = {"message": "search cannot be longer than 255 characters or 8 words"}
    for text in (" ".join(f"tu{n}" for n in range(500)), "a " * 9, "x" * 256):
        response = client.get("/api/v2/pages/", {**params, "search": text})
        assert (response.status_code, response.json()) == (400, too_long)
    assert client.get("/api/v2/pages/", {**params, "search": "ky ket " * 4}).status_code == 200


@pytest.mark.parametrize("depth", [100, 1_000, 100_000])
def test_deeply_nested_json_votes_are_400(client, article, depth):
    for body in ("[" * depth + "]" * depth, '{"score": ' + "[" * depth + "]" * depth + "}", '{"a":' * depth + "1"):
        response = client.post(f"/danh-gia/{article.pk}/", body, content_type="application/json")
        assert response.status_code == 400
        assert response.json()["error"]
    assert_nothing_stored()


@pytest.mark.parametrize("length", [10_000, 1_000_000])
def test_long_values_are_read_no_further_than_needed(client, article, length):
    assert client.get("/tim-kiem/", {"q": "ky " * (length // 3)}).status_code == 200
    response = client.post(f"/danh-gia/{article.pk}/", {"score": "5" * length})
    assert (response.status_code, response.json()) == (400, {"error": "Điểm đánh giá phải là số nguyên từ 1 đến 5."})
    response = client.post(f"/danh-gia/{article.pk}/", {"score": "0" * length + "5"})
    assert response.status_code == 400
    assert_nothing_stored()


MOVED = (
    "Chỉ tìm được bài viết từ ngày 01/01/1900 đến ngày 31/12/2100: "
    "ngày nằm ngoài khoảng này đã được đổi thành ngày gần nhất."
)


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"tu-ngay": "0001-01-01"}, True),
        ({"den-ngay": "9999-12-31"}, True),
        ({"tu-ngay": "0001-01-01", "den-ngay": "9999-12-31"}, True),
        ({"tu-ngay": "9999-12-31"}, False),
        ({"den-ngay": "01/01/0001"}, False),
    ],
)
def test_search_dates_at_the_ends_of_the_calendar_are_moved_with_a_notice(client, article, params, found):
    response = client.get("/tim-kiem/", {"q": "le ky ket", **params})
    assert response.status_code == 200
    text = response.content.decode()
    assert f'<p class="notice" role="status">{MOVED}</p>' in text
    assert (f'href="{article.url}"' in text) is found


def test_search_dates_in_range_carry_no_notice(client, article):
    response = client.get("/tim-kiem/", {"q": "le ky ket", "tu-ngay": "1900-01-01", "den-ngay": "2100-12-31"})
    assert f'href="{article.url}"' in response.content.decode()
    assert MOVED not in response.content.decode()


@FUZZ
@given(
    day=st.sampled_from([datetime.date.min, datetime.date.max]) | st.dates(),
    end=st.sampled_from([datetime.date.min, datetime.date.max]) | st.dates(),
)
def test_search_any_dates(article, day, end):
    response = Client().get("/tim-kiem/", {"tu-ngay": day.isoformat(), "den-ngay": end.isoformat()})
    assert response.status_code == 200


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "#14365f").save(buffer, "PNG")
    return buffer.getvalue()


DAMAGED = "Tệp ảnh này bị hỏng hoặc không đầy đủ. Hãy lưu lại ảnh rồi tải lên bản mới."


@pytest.mark.parametrize("keep", [60, 100, 0.5, 0.9])
def test_a_truncated_png_upload_is_a_form_error(admin_client, keep):
    data = png_bytes()
    data = data[: int(len(data) * keep) if isinstance(keep, float) else keep]
    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "Ảnh hỏng",
            "alt_text": "Quang cảnh buổi lễ",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("anh.png", data, content_type="image/png"),
        },
    )
    assert response.status_code == 200
    assert DAMAGED in response.content.decode()
    multiple = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("anh.png", data, content_type="image/png")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert multiple.status_code == 200
    assert multiple.json()["success"] is False
    assert DAMAGED in multiple.json()["error_message"]
    assert not PortalImage.objects.exists()


def test_bad_requests_get_the_vietnamese_400_page(client, db):
    response = Client(HTTP_HOST="attacker.example").get("/")
    assert response.status_code == 400
    text = response.content.decode()
    assert "<title>Yêu cầu không hợp lệ</title>" in text
    assert "Không đọc được địa chỉ hoặc dữ liệu gửi lên. Vui lòng kiểm tra lại địa chỉ và thử lại." in text
    assert '<a class="button" href="/">Về trang chủ</a>' in text
