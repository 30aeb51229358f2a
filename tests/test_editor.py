"""The editor's side of the admin: image alt text rules and the filterable article listing."""

import datetime
import html
import io
import re

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from taggit.utils import parse_tags
from wagtail.models import Collection

from home.models import PortalImage
from news.models import ArticlePage, Partner

from .factories import ArticlePageFactory, AuthorFactory, PartnerFactory, PortalImageFactory, SectionPageFactory
from .test_roles import article_form

ALT_TEXT_IS_FILE_NAME = "Hãy mô tả nội dung bức ảnh: tên tệp không phải là văn bản thay thế."


def jpeg(name="20180828-m01-LA.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), "#14365f").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def upload(client, alt_text, caption="Lễ ký kết ngày 27/8/2018."):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Lễ ký kết",
            "file": jpeg(),
            "alt_text": alt_text,
            "caption": caption,
            "credit": "",
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )


@pytest.mark.parametrize("alt_text", ["20180828-m01-LA.jpg", "20180828-m01-la", " 20180828-M01-LA.JPG "])
def test_alt_text_equal_to_the_file_name_is_refused_in_vietnamese(admin_client, alt_text):
    response = upload(admin_client, alt_text)
    assert response.status_code == 200
    assert ALT_TEXT_IS_FILE_NAME in response.content.decode()
    assert not PortalImage.objects.exists()


def test_alt_text_is_required(admin_client):
    response = upload(admin_client, "")
    assert response.status_code == 200
    assert not PortalImage.objects.exists()


def test_a_described_photo_is_accepted(admin_client):
    response = upload(admin_client, "Đại diện hai bên trao thỏa thuận hợp tác")
    assert response.status_code == 302
    assert PortalImage.objects.get().alt_text == "Đại diện hai bên trao thỏa thuận hợp tác"


def test_editing_a_photo_to_its_stored_file_name_is_refused(admin_client):
    image = PortalImageFactory()
    stored_stem = image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    response = admin_client.post(
        f"/admin/images/{image.pk}/",
        {
            "title": image.title,
            "alt_text": stored_stem,
            "caption": "",
            "credit": "",
            "collection": image.collection_id,
            "tags": "",
        },
    )
    assert response.status_code == 200
    assert ALT_TEXT_IS_FILE_NAME in response.content.decode()
    image.refresh_from_db()
    assert image.alt_text != stored_stem


@pytest.fixture
def newsroom(home, section):
    """Articles spread over two sections, provinces, partners, authors and states."""
    other = SectionPageFactory(title="Tin địa phương", parent=home)
    vng = PartnerFactory(name="Công ty Cổ phần VNG")
    cuong = AuthorFactory(name="Hùng Cường")
    pages = {
        "long_an": ArticlePageFactory(parent=other, title="Long An ký kết", provinces=["Long An"], partners=[vng]),
        "lang_son": ArticlePageFactory(parent=section, title="Lạng Sơn tập huấn", provinces=["Lạng Sơn"]),
        "by_cuong": ArticlePageFactory(parent=section, title="Bài của Hùng Cường", authors=[cuong]),
        "draft": ArticlePageFactory(parent=section, title="Bản nháp chưa đăng", live=False),
    }
    scheduled = ArticlePageFactory(parent=section, title="Bài hẹn giờ", live=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    scheduled.save_revision().publish()
    pages["scheduled"] = scheduled
    return {"other": other, "vng": vng, "cuong": cuong, **pages}


def listed(client, **filters):
    response = client.get("/admin/articles/", filters)
    assert response.status_code == 200
    text = response.content.decode()
    titles = ["Long An ký kết", "Lạng Sơn tập huấn", "Bài của Hùng Cường", "Bản nháp chưa đăng", "Bài hẹn giờ"]
    return sorted(title for title in titles if title in text)


def test_article_listing_filters_by_section_province_partner_author_and_status(admin_client, newsroom):
    assert len(listed(admin_client)) == 5
    assert listed(admin_client, section=newsroom["other"].pk) == ["Long An ký kết"]
    long_an = newsroom["long_an"].provinces.get()
    assert listed(admin_client, province=long_an.pk) == ["Long An ký kết"]
    assert listed(admin_client, partner=newsroom["vng"].pk) == ["Long An ký kết"]
    assert listed(admin_client, author=newsroom["cuong"].pk) == ["Bài của Hùng Cường"]
    assert listed(admin_client, status="draft") == ["Bài hẹn giờ", "Bản nháp chưa đăng"]
    assert listed(admin_client, status="scheduled") == ["Bài hẹn giờ"]
    assert listed(admin_client, status="live") == ["Bài của Hùng Cường", "Long An ký kết", "Lạng Sơn tập huấn"]


QUOTED_PARTNERS = ['"Sao Mai" Group', 'Công ty "ABC"', "VNG", "Viễn thông Lạng Sơn"]


def test_partner_names_with_quotes_round_trip_through_the_admin(admin_client, section):
    page = ArticlePageFactory(parent=section, title="Hội nghị chuyển đổi số")
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))

    def save(partners):
        data = {**article_form(page.title), "partners": partners, "action-publish": "action-publish"}
        assert admin_client.post(edit, data).status_code == 302
        return sorted(ArticlePage.objects.get(pk=page.pk).partners.values_list("name", flat=True))

    # What the admin's tag widget sends: names joined by commas, those with a space quoted.
    typed = '"Công ty "ABC"","Sao Mai" Group,VNG,"Viễn thông Lạng Sơn"'
    assert save(typed) == QUOTED_PARTNERS
    shown = re.search(r'name="partners" value="([^"]*)"', admin_client.get(edit).content.decode()).group(1)
    assert html.unescape(shown) == '""Sao Mai" Group", "Công ty "ABC"", "Viễn thông Lạng Sơn", VNG'
    assert save(html.unescape(shown)) == QUOTED_PARTNERS
    assert sorted(Partner.objects.values_list("name", flat=True)) == QUOTED_PARTNERS


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("VNG FPT", ["FPT", "VNG"]),
        ('"Viễn thông Lạng Sơn", VNG', ["VNG", "Viễn thông Lạng Sơn"]),
        ('Công ty "ABC"', ['Công ty "ABC"']),
        ('A"B, "C "D"" ,E', ['A"B', 'C "D"', "E"]),
        ('"chưa đóng, VNG', ['"chưa đóng', "VNG"]),
        ('"""", ""', ['""']),
        ("", []),
    ],
)
def test_tag_text_is_read_as_editors_wrote_it(text, names):
    assert parse_tags(text) == names
