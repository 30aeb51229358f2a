import datetime
import unicodedata
import zoneinfo

import pytest

from home.vietnamese import fold, format_date, format_datetime, normalize, slugify

UTC = datetime.UTC
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đồng Nai: Ký kết thỏa thuận", "dong-nai-ky-ket-thoa-thuan"),
        ("Long An: Ký kết thỏa thuận hợp tác", "long-an-ky-ket-thoa-thuan-hop-tac"),
        ("Đắk Lắk", "dak-lak"),
        ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"),
        ("Sở TT&TT Long An", "so-tt-tt-long-an"),
        ("  ĐẠI HỘI  đảng bộ  ", "dai-hoi-dang-bo"),
        ("Hoà Bình", "hoa-binh"),
    ],
)
def test_slugify_transliterates_vietnamese(text, slug):
    assert slugify(text) == slug


def test_slugify_handles_decomposed_input():
    assert slugify(unicodedata.normalize("NFD", "Đồng Nai: Ký kết")) == "dong-nai-ky-ket"


def test_slugify_respects_max_length_without_trailing_dash():
    assert slugify("Ký kết thỏa thuận", max_length=8) == "ky-ket-t"
    assert slugify("Ký kết thỏa thuận", max_length=7) == "ky-ket"


def test_fold_ignores_tones_diacritics_case_and_tone_placement():
    assert fold("Ký Kết") == fold("KY KET") == fold("ký kết") == "ky ket"
    assert fold("Hoà Bình") == fold("Hòa Bình") == "hoa binh"
    assert fold("Đồng Nai") == "dong nai"
    assert fold("") == ""


def test_normalize_composes_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Thỏa thuận")
    assert decomposed != "Thỏa thuận"
    assert normalize(decomposed) == "Thỏa thuận"
    assert normalize(None) is None


def test_format_datetime_uses_weekday_names_and_local_time():
    moment = datetime.datetime(2026, 11, 21, 2, 30, tzinfo=UTC)  # 09:30 in Hà Nội
    assert format_datetime(moment) == "Thứ Bảy, 21/11/2026 09:30"
    assert format_datetime(datetime.datetime(2026, 11, 22, 8, 5, tzinfo=HANOI)) == "Chủ Nhật, 22/11/2026 08:05"


def test_format_datetime_without_time_at_midnight():
    assert format_datetime(datetime.datetime(2010, 2, 2, 0, 0, tzinfo=HANOI)) == "Thứ Ba, 02/02/2010"
    assert format_datetime(datetime.date(2018, 8, 27)) == "Thứ Hai, 27/08/2018"
    assert format_datetime(None) == ""


def test_format_date():
    assert format_date(datetime.date(2020, 12, 31)) == "31/12/2020"
    assert format_date(datetime.datetime(2010, 2, 1, 20, 0, tzinfo=UTC)) == "02/02/2010"
    assert format_date(None) == ""


def test_dates_typed_in_forms_are_read_day_first():
    from django import forms
    from django.utils import translation

    with translation.override("vi"):
        assert forms.DateField().clean("10/01/2026") == datetime.date(2026, 1, 10)
        assert forms.DateField().clean("22/11/2026") == datetime.date(2026, 11, 22)
        moment = forms.DateTimeField().clean("22/11/2026 09:30")
        assert (moment.day, moment.month, moment.hour, moment.minute) == (22, 11, 9, 30)
