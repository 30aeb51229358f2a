import re

import pytest

from django.db.models import ProtectedError

from wagtail.models import Page

from news.models import ArticlePage, Partner, Province

from .factories import ArticlePageFactory

# PRODUCT.md §4: current unit ← former units merged into it.
EXPECTED_MERGERS = {
    "Tuyên Quang": {"Hà Giang"},
    "Lào Cai": {"Yên Bái"},
    "Thái Nguyên": {"Bắc Kạn"},
    "Phú Thọ": {"Vĩnh Phúc", "Hòa Bình"},
    "Bắc Ninh": {"Bắc Giang"},
    "Hưng Yên": {"Thái Bình"},
    "Hải Phòng": {"Hải Dương"},
    "Ninh Bình": {"Hà Nam", "Nam Định"},
    "Quảng Trị": {"Quảng Bình"},
    "Đà Nẵng": {"Quảng Nam"},
    "Quảng Ngãi": {"Kon Tum"},
    "Gia Lai": {"Bình Định"},
    "Khánh Hòa": {"Ninh Thuận"},
    "Lâm Đồng": {"Đắk Nông", "Bình Thuận"},
    "Đắk Lắk": {"Phú Yên"},
    "Hồ Chí Minh": {"Bình Dương", "Bà Rịa - Vũng Tàu"},
    "Đồng Nai": {"Bình Phước"},
    "Tây Ninh": {"Long An"},
    "Cần Thơ": {"Sóc Trăng", "Hậu Giang"},
    "Vĩnh Long": {"Bến Tre", "Trà Vinh"},
    "Đồng Tháp": {"Tiền Giang"},
    "Cà Mau": {"Bạc Liêu"},
    "An Giang": {"Kiên Giang"},
    "Huế": {"Thừa Thiên Huế"},
}
UNCHANGED = {
    "Hà Nội", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh",
    "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng",
}  # fmt: skip


def test_vocabulary_holds_34_current_and_63_former_units(db):
    assert Province.objects.filter(is_current=True).count() == 34
    assert Province.objects.filter(is_pre_2025=True).count() == 63
    # Units that kept their name are one row, both current and former; Huế is new, Thừa Thiên Huế gone.
    assert Province.objects.count() == 64
    current = set(Province.objects.filter(is_current=True).values_list("name", flat=True))
    assert current == UNCHANGED | set(EXPECTED_MERGERS)


def test_every_former_unit_points_at_the_unit_it_merged_into(db):
    gone = Province.objects.filter(is_current=False).select_related("merged_into")
    assert gone.count() == 30
    actual = {}
    for province in gone:
        assert province.is_pre_2025
        assert province.merged_into is not None and province.merged_into.is_current
        actual.setdefault(province.merged_into.name, set()).add(province.name)
    assert actual == EXPECTED_MERGERS
    assert not Province.objects.filter(is_current=True, merged_into__isnull=False).exists()


def test_province_slugs_are_ascii_transliterations(db):
    slugs = dict(Province.objects.values_list("name", "slug"))
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", slug) for slug in slugs.values())
    assert slugs["Đắk Lắk"] == "dak-lak"
    assert slugs["Bà Rịa - Vũng Tàu"] == "ba-ria-vung-tau"
    assert slugs["Thừa Thiên Huế"] == "thua-thien-hue"
    assert slugs["Hồ Chí Minh"] == "ho-chi-minh"
    assert slugs["Điện Biên"] == "dien-bien"


def test_former_province_displays_with_its_successor(db):
    assert Province.objects.get(slug="long-an").display_name == "Long An (nay thuộc Tây Ninh)"
    assert Province.objects.get(slug="tay-ninh").display_name == "Tây Ninh"
    assert Province.objects.get(slug="long-an").current_unit == Province.objects.get(slug="tay-ninh")
    assert Province.objects.get(slug="lang-son").current_unit.slug == "lang-son"


def test_province_is_a_closed_vocabulary_and_partner_is_free(db):
    assert Province.free_tagging is False
    assert getattr(Partner, "free_tagging", True) is True


def test_provinces_in_use_cannot_be_deleted(section):
    ArticlePageFactory(parent=section, provinces=["Long An"])
    with pytest.raises(ProtectedError):
        Province.objects.get(slug="long-an").delete()


def _article_form(section, admin_user, provinces):
    page = ArticlePage()
    form_class = ArticlePage.get_edit_handler().get_form_class()
    data = {
        "title": "Đồng Nai: Ký kết thỏa thuận",
        "slug": "dong-nai-ky-ket-thoa-thuan",
        "sapo": "Hai bên đã ký kết.",
        "date": "2026-11-21 09:30",
        "article_type": "tin",
        "provinces": provinces,
        "partners": "",
        "body-count": "0",
        "authors-TOTAL_FORMS": "0",
        "authors-INITIAL_FORMS": "0",
        "signatories-TOTAL_FORMS": "0",
        "signatories-INITIAL_FORMS": "0",
        "related_items-TOTAL_FORMS": "0",
        "related_items-INITIAL_FORMS": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
    }
    return form_class(data, instance=page, parent_page=section, for_user=admin_user)


def test_editor_cannot_invent_a_province(section, admin_user):
    form = _article_form(section, admin_user, "Đồng Nai, Atlantis")
    assert not form.is_valid()
    assert form.errors["provinces"] == [
        "Không có trong danh mục tỉnh, thành phố: Atlantis. Hãy chọn từ danh sách gợi ý."
    ]
    assert not Province.objects.filter(name="Atlantis").exists()


def test_editor_picks_provinces_from_the_vocabulary(section, admin_user):
    form = _article_form(section, admin_user, "Đồng Nai, Long An")
    assert form.is_valid(), form.errors
    page = form.save(commit=False)
    section.add_child(instance=page)
    saved = ArticlePage.objects.get(pk=page.pk)
    assert sorted(p.slug for p in saved.provinces.all()) == ["dong-nai", "long-an"]
    assert Province.objects.count() == 64
    assert Page.objects.type(ArticlePage).count() == 1


def test_admin_form_reads_the_article_date_day_first(section, admin_user):
    form = _article_form(section, admin_user, '"Long An"')  # the admin's tag widget quotes names with spaces
    form.data = {**form.data, "date": "10/01/2026 09:30"}
    assert form.is_valid(), form.errors
    date = form.cleaned_data["date"]
    assert (date.day, date.month, date.year, date.hour) == (10, 1, 2026, 9)
