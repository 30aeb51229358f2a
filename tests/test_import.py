"""`manage.py import_articles` (PRODUCT.md §9): the seeds, JSON Lines, idempotence, dry runs, redirects."""

import datetime
import io
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from home.models import PortalImage
from news.importers import ProvinceMatcher, SourceArticle, from_json_line, html_to_blocks
from news.models import ArticlePage, Author, ImportRecord, Partner, Province

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "news" / "demo" / "seeds"
SEED_2010 = SEEDS / "000_5163d7da9b2bfdef.txt"
SEED_2018 = SEEDS / "004_2ccb6ac7c5283691.txt"
JSON_LINES = Path(__file__).resolve().parent / "fixtures" / "import" / "articles.jsonl"
TITLE_2010 = "Lễ ký kết hợp tác phát triển giữa Tỉnh Đoàn Lạng Sơn - Viễn Thông Lạng Sơn và Giao lưu mừng xuân"
TITLE_2018 = "Long An: Ký kết thỏa thuận hợp tác triển khai phần mềm giám sát trực tuyến"


def run(*args):
    """Run the command; (stdout, stderr, failed) where failed says it exited with status 1."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", *[str(arg) for arg in args], stdout=out, stderr=err)
    except CommandError as error:
        assert error.returncode == 1
        return out.getvalue(), err.getvalue(), True
    return out.getvalue(), err.getvalue(), False


def local(value):
    return timezone.localtime(value).replace(tzinfo=None)


def body_types(page):
    return [block.block_type for block in page.body]


def body_text(page):
    return " ".join(str(block.value.source) for block in page.body if block.block_type == "paragraph")


def bylines(page):
    return [str(item.author) for item in page.authors.all()]


def province_names(page):
    return sorted(province.name for province in page.provinces.all())


def make_photo(path, colour="#a50e24"):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (640, 400), colour).save(path, "JPEG")
    return path


def media_files():
    root = Path(django_settings.MEDIA_ROOT) / "original_images"
    return sorted(root.iterdir()) if root.exists() else []


@pytest.fixture
def jsonl(tmp_path):
    """The JSON Lines fixture beside the photo its first article names."""
    shutil.copy(JSON_LINES, tmp_path / "articles.jsonl")
    make_photo(tmp_path / "anh" / "le-ky-ket.jpg")
    return tmp_path / "articles.jsonl"


def test_2010_seed_is_imported_with_every_field(section):
    out, _, failed = run(SEED_2010)
    assert not failed
    page = ArticlePage.objects.get()
    assert page.title == TITLE_2010
    assert page.get_parent().specific == section
    assert page.slug == "le-ky-ket-hop-tac-phat-trien-giua-tinh-doan-lang-son-vien-thong-lang-son-va-giao-luu-mung-xuan"
    assert local(page.date) == datetime.datetime(2010, 2, 2)
    assert page.source == ""
    assert bylines(page) == ["Vũ Đình Chuyền (Sở Thông tin và Truyền thông)"]
    assert province_names(page) == ["Lạng Sơn"]
    assert page.sapo.startswith("Trong chương trình hợp tác phát triển, đồng hành cùng")
    assert page.sapo.endswith("cán bộ của tỉnh Đoàn Lạng Sơn và Viễn thông Lạng Sơn.")
    assert body_types(page) == ["paragraph"] * 4
    assert "<p>Dự lễ ký kết hợp tác có ông Hoàng Văn Đồng, Giám đốc Sở;" in body_text(page)
    assert "Vũ Đình Chuyền" not in body_text(page)
    assert page.feature_image is None
    assert page.live is False and page.has_unpublished_changes
    assert out.splitlines()[0] == (f"created: {SEED_2010}: {TITLE_2010} → /{section.slug}/{page.slug}/ (bản nháp)")
    assert "đã tạo 1, không đổi 0, lỗi 0" in out


def test_2018_seed_is_imported_with_every_field_and_a_warning_for_its_missing_photo(section):
    out, _, failed = run(SEED_2018)
    assert not failed
    page = ArticlePage.objects.get()
    assert page.title == TITLE_2018
    assert local(page.date) == datetime.datetime(2018, 8, 27)
    assert page.source == "Mic.gov.vn"
    assert bylines(page) == ["Hùng Cường (Sở TT&TT Long An)"]
    # Dated before 1 July 2025: tagged with the former province, not Tây Ninh.
    assert province_names(page) == ["Long An"]
    assert page.sapo.startswith("Ngày 27/8/2018, Sở Thông tin và Truyền thông (Sở TT&TT) Long An")
    assert body_types(page) == ["paragraph"] * 4
    assert "Nghị định số 72/2013/NĐ-CP" in body_text(page)
    assert "20180828-m01-LA.jpg" not in body_text(page)
    assert page.feature_image is None
    assert PortalImage.objects.count() == 0
    assert out.splitlines()[0] == (
        f"warning: {SEED_2018}: ảnh 20180828-m01-LA.jpg: không tìm thấy tệp; bài được nhập không có ảnh này"
    )
    assert out.splitlines()[1].startswith(f"created: {SEED_2018}: {TITLE_2018} → ")


def test_seed_photo_found_beside_the_export_becomes_the_feature_image(section, tmp_path):
    shutil.copy(SEED_2018, tmp_path / SEED_2018.name)
    make_photo(tmp_path / "20180828-m01-LA.jpg")
    out, _, failed = run(tmp_path / SEED_2018.name, "--publish")
    assert not failed and "warning" not in out
    page = ArticlePage.objects.get()
    image = page.feature_image
    assert image.file.name.startswith("original_images/20180828-m01-LA")
    assert image.alt_text == TITLE_2018 != "20180828-m01-LA.jpg"
    assert body_types(page) == ["paragraph"] * 4
    assert page.live is True


def test_photos_can_come_from_an_images_folder(section, tmp_path):
    make_photo(tmp_path / "photos" / "20180828-m01-LA.jpg")
    out, _, _ = run(SEED_2018, "--images", tmp_path / "photos")
    assert "warning" not in out
    assert ArticlePage.objects.get().feature_image is not None


def test_json_lines_imports_good_lines_and_reports_the_broken_one(section, jsonl):
    out, _, failed = run(jsonl, "--publish")
    assert failed, "a failed article makes the command exit with status 1"
    lines = out.splitlines()
    assert lines[0].startswith(f"created: {jsonl}:1: Đồng Nai: Ký kết thỏa thuận hợp tác chuyển đổi số → ")
    assert lines[1].startswith(f"error: {jsonl}:2: JSON không hợp lệ")
    assert lines[2] == f"warning: {jsonl}:3: không thấy ngày đăng: dùng ngày nhập"
    assert lines[3].startswith(f"created: {jsonl}:3: Tập huấn an toàn thông tin cho cán bộ cấp xã → ")
    assert lines[-1] == "đã tạo 2, không đổi 0, lỗi 1"
    assert ArticlePage.objects.count() == 2

    full = ArticlePage.objects.get(slug="dong-nai-ky-ket-thoa-thuan-hop-tac-chuyen-doi-so")
    assert local(full.date) == datetime.datetime(2025, 8, 15, 9, 30)
    assert full.sapo.startswith("Ngày 15/8/2025, UBND tỉnh Đồng Nai")
    assert full.source == "Baodongnai.com.vn"
    assert bylines(full) == ["Minh Anh (Sở KH&CN Đồng Nai)", "Lê Văn Bình"]
    # "Bình Phước" merged into Đồng Nai on 1 July 2025; the article is from August 2025.
    assert province_names(full) == ["Đồng Nai"]
    assert sorted(partner.name for partner in full.partners.all()) == ["Công ty Cổ phần VNG", "UBND tỉnh Đồng Nai"]
    assert body_types(full) == ["paragraph", "image", "paragraph"]
    image = full.body[1].value["image"]
    assert image.caption == image.alt_text == "Quang cảnh lễ ký kết tại Biên Hòa."
    assert full.feature_image is None
    text = body_text(full)
    assert "<b>chính quyền số</b>" in text
    assert '<a href="https://vng.com.vn/">đến hết năm 2027</a>' in text
    assert "script" not in text and "onclick" not in text and "alert" not in text

    minimal = ArticlePage.objects.get(slug="tap-huan-an-toan-thong-tin-cho-can-bo-cap-xa")
    assert minimal.sapo == "Sở Thông tin và Truyền thông tỉnh Lạng Sơn tổ chức lớp tập huấn an toàn thông tin."
    assert body_types(minimal) == ["paragraph"] * 2
    assert province_names(minimal) == ["Lạng Sơn"]
    assert (minimal.source, bylines(minimal)) == ("", [])


def test_importing_again_creates_nothing(section, jsonl):
    run(SEED_2010, SEED_2018, jsonl)
    counts = [model.objects.count() for model in (Page, PortalImage, Author, Partner, Redirect, ImportRecord)]
    media = media_files()
    out, _, _ = run(SEED_2010, SEED_2018, jsonl)
    assert [model.objects.count() for model in (Page, PortalImage, Author, Partner, Redirect, ImportRecord)] == counts
    assert media_files() == media
    assert [line.split(":")[0] for line in out.splitlines()] == [
        "unchanged",
        "unchanged",
        "unchanged",
        "error",
        "unchanged",
        "đã tạo 0, không đổi 4, lỗi 1",
    ]


def test_dry_run_creates_nothing(section, jsonl):
    before = [model.objects.count() for model in (Page, PortalImage, Author, Partner, Redirect, ImportRecord)]
    media = media_files()
    out, _, _ = run(SEED_2010, jsonl, "--dry-run")
    assert [model.objects.count() for model in (Page, PortalImage, Author, Partner, Redirect, ImportRecord)] == before
    assert media_files() == media
    assert out.count("would create: ") == 3
    assert out.splitlines()[-1] == "sẽ tạo 3, không đổi 0, lỗi 1 (chạy thử: không lưu gì)"


def test_legacy_url_redirects_permanently_to_the_new_page(section, jsonl, client):
    run(jsonl, "--publish")
    page = ArticlePage.objects.get(slug="dong-nai-ky-ket-thoa-thuan-hop-tac-chuyen-doi-so")
    response = client.get("/tin-tuc/chi-tiet.aspx?id=1024")
    assert response.status_code == 301
    assert response["Location"].endswith(page.url)
    assert client.get(response["Location"]).status_code == 200


def test_a_failing_article_leaves_nothing_behind_and_the_others_go_on(section, jsonl):
    Redirect.add_redirect("/tin-tuc/chi-tiet.aspx?id=1024", redirect_to="/khac/")
    media = media_files()
    out, _, failed = run(jsonl)
    assert failed
    assert f"error: {jsonl}:1: Đồng Nai: Ký kết thỏa thuận hợp tác chuyển đổi số: ValueError: địa chỉ cũ" in out
    assert list(ArticlePage.objects.values_list("title", flat=True)) == ["Tập huấn an toàn thông tin cho cán bộ cấp xã"]
    assert PortalImage.objects.count() == 0
    assert media_files() == media
    assert not Partner.objects.filter(name="UBND tỉnh Đồng Nai").exists()
    assert ImportRecord.objects.count() == 1


def test_many_files_draw_a_progress_bar_on_stderr(section, tmp_path):
    for number in range(7):
        (tmp_path / f"{number}.txt").write_text(f"Tin số {number}\nNgày 01/02/2024, nội dung của tin số {number}.\n")
    out, err, failed = run(tmp_path, "--section", section.slug)
    assert not failed
    assert out.count("created: ") == 7
    assert "[##############################] 100%  7/7 tệp" in err
    assert run(SEED_2010)[1] == "", "a single small file needs no bar"


def test_unknown_section_is_refused_with_the_known_ones(section):
    with pytest.raises(CommandError, match="Không có chuyên mục “khong-co”. Các chuyên mục: tin-tuc-su-kien"):
        call_command("import_articles", str(SEED_2010), "--section", "khong-co", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("title", "text", "day", "expected"),
    [
        ("LONG AN: KY KET", "", datetime.date(2018, 8, 27), ["Long An"]),
        ("Long An: Ký kết", "", datetime.date(2025, 8, 1), ["Tây Ninh"]),
        (
            "Hội nghị",
            "tại TINH LANG SON và thành phố Hồ Chí Minh",
            datetime.date(2020, 1, 1),
            ["Lạng Sơn", "Hồ Chí Minh"],
        ),
        ("Hội nghị", "trên địa bàn tỉnh Thừa Thiên Huế", datetime.date(2020, 1, 1), ["Thừa Thiên Huế"]),
        ("Hội nghị", "trên địa bàn tỉnh Thừa Thiên Huế", datetime.date(2025, 7, 1), ["Huế"]),
        ("Hội nghị", "tại thành phố Huế", datetime.date(2020, 1, 1), ["Thừa Thiên Huế"]),
        (
            "Hội nghị",
            "tỉnh Bà Rịa-Vũng Tàu, tỉnh Hoà Bình",
            datetime.date(2020, 1, 1),
            ["Bà Rịa - Vũng Tàu", "Hòa Bình"],
        ),
        ("Hội nghị", "Tỉnh Đoàn Lạng Sơn, Chủ tịch Hồ Chí Minh, Long An", datetime.date(2020, 1, 1), []),
    ],
)
def test_provinces_are_detected_accent_blind_as_they_were_on_the_day(db, title, text, day, expected):
    matcher = ProvinceMatcher.from_database()
    article = SourceArticle(title=title, sapo=text)
    provinces, unknown = matcher.for_article(article, day)
    assert [province.name for province in provinces] == expected
    assert unknown == []


def test_folded_province_names_are_all_distinct(db):
    matcher = ProvinceMatcher.from_database()
    assert len(matcher.provinces) == Province.objects.count()


def test_explicit_province_outside_the_list_is_a_warning(db):
    article = from_json_line('{"title": "Tin", "body_html": "<p>Nội dung.</p>", "provinces": ["Sài Gòn", "long an"]}')
    provinces, unknown = ProvinceMatcher.from_database().for_article(article, datetime.date(2019, 1, 1))
    assert [province.name for province in provinces] == ["Long An"]
    assert unknown == ["Sài Gòn"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"body_html": "<p>x</p>"}', "thiếu trường bắt buộc “title”"),
        ('{"title": "Tin"}', "thiếu trường bắt buộc “body_html”"),
        ('["Tin"]', "mỗi dòng phải là một đối tượng JSON"),
        ('{"title": "Tin", "body_html": "<p>x</p>", "date": "02/02/2010"}', "ngày “02/02/2010” không đúng ISO 8601"),
        ('{"title": "Tin", "body_html": "<p>x</p>", "authors": "Hùng Cường"}', "trường “authors” phải là danh sách"),
        ('{"title": "Tin", "body_html": "<script>x</script>"}', "body_html không có đoạn văn nào"),
    ],
)
def test_unusable_json_lines_say_why(line, reason):
    with pytest.raises(ValueError, match=reason):
        from_json_line(line)


def test_html_bodies_keep_only_safe_markup():
    blocks = html_to_blocks(
        '<div>Mở đầu<br><span style="color:red" onmouseover="x()">đỏ</span>'
        '<h1>Tiêu đề</h1><ul><li>một</li><li><a href="javascript:alert(1)">hai</a></li></ul>'
        "<table><tr><th>Năm</th><th>Số</th></tr><tr><td>2024</td><td>12</td></tr></table>"
        "<!-- ghi chú --><style>p{}</style></div>",
        {},
    )
    assert blocks == [
        ("html", "<p>Mở đầu</p>"),
        ("html", "<p>đỏ</p>"),
        ("html", "<h2>Tiêu đề</h2>"),
        ("html", "<ul><li>một</li><li>hai</li></ul>"),
        ("table", [["Năm", "Số"], ["2024", "12"]]),
    ]


def test_html_bodies_write_cdata_and_declarations_as_text():
    # Wagtail's whitelister would write a CDATA section back raw: "<![CDATA[>" then a live <script>.
    blocks = html_to_blocks(
        "<p>Mở<![CDATA[><script>alert(1)</script>]]> đầu</p>"
        "<ul><li><b><![CDATA[<img src=x onerror=alert(1)>]]></b></li></ul>",
        {},
    )
    assert blocks == [
        ("html", "<p>Mở&gt;&lt;script&gt;alert(1)&lt;/script&gt; đầu</p>"),
        ("html", "<ul><li><b>&lt;img src=x onerror=alert(1)&gt;</b></li></ul>"),
    ]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    line=st.one_of(
        st.text(max_size=500),
        st.dictionaries(
            st.sampled_from(["title", "sapo", "body_html", "date", "authors", "provinces", "images", "legacy_url"]),
            st.one_of(st.text(max_size=200), st.lists(st.text(max_size=30), max_size=3), st.integers(), st.none()),
        ).map(lambda data: json.dumps(data, ensure_ascii=False)),
    )
)
def test_json_lines_reader_fails_only_with_a_reason(line):
    try:
        article = from_json_line(line)
    except ValueError as error:
        assert str(error)
        return
    assert article.title and article.sapo
    assert "\x00" not in article.title + article.sapo + json.dumps(article.blocks, default=str)


def test_deeply_nested_input_is_an_error_line_not_a_crash():
    with pytest.raises(ValueError, match="JSON|lồng"):
        from_json_line("[" * 100_000 + "]" * 100_000)
    deep = json.dumps({"title": "Tin", "body_html": "<div>" * 5000 + "x" + "</div>" * 5000})
    with pytest.raises(ValueError, match="lồng nhau quá sâu"):
        from_json_line(deep)


def test_nul_characters_are_dropped(db):
    article = from_json_line(json.dumps({"title": "Tin\u0000 mới", "body_html": "<p>Nội\u0000 dung</p>"}))
    assert (article.title, article.sapo) == ("Tin mới", "Nội dung")
