"""Vietnamese text rules shared by every app: slugs, folding, NFC, dates.

Django's `slugify` drops "đ" ("Đồng Nai" → "ong-nai") and its `vi` locale writes
"Thứ 7" and "21-11-2026"; Vietnamese readers expect "dong-nai" and
"Thứ Bảy, 21/11/2026 09:30". Everything the portal shows or matches goes through here.
"""

import datetime
import re
import unicodedata

from django.utils import timezone

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def normalize(text):
    """Return `text` in Unicode NFC, the form the portal stores (None stays None)."""
    if not text:
        return text
    return unicodedata.normalize("NFC", text)


class NFCTextMixin:
    """Stores the text fields a model names in `nfc_fields` in NFC, whatever the keyboard or
    the source sent: one spelling for search, slugs and comparisons. Put it before the
    model's base class."""

    nfc_fields = ()

    def normalize_text(self):
        for name in self.nfc_fields:
            setattr(self, name, normalize(getattr(self, name)))

    def save(self, *args, **kwargs):
        self.normalize_text()
        return super().save(*args, **kwargs)


def fold(text):
    """Lower-case `text` and strip tone marks and diacritics, mapping đ to d.

    "Hoà Bình", "Hòa Bình" and "HOA BINH" all fold to "hoa binh", so a search
    text folded the same way on both sides matches regardless of accents.
    """
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def slugify(text, max_length=255):
    """ASCII slug of `text`: "Đồng Nai: Ký kết thỏa thuận" → "dong-nai-ky-ket-thoa-thuan"."""
    slug = _NON_ALNUM.sub("-", fold(text)).strip("-")
    return slug[:max_length].rstrip("-")


def format_date(value):
    """Date as "02/02/2010"; empty string for None."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.strftime("%d/%m/%Y")


def format_datetime(value, always_time=False):
    """Date and time as "Thứ Bảy, 21/11/2026 09:30" in the portal's time zone.

    A local time of exactly 00:00 means "time unknown" (imported articles keep
    only their day), so only the weekday and date are shown, unless `always_time`
    (a deadline at 00:00 is the start of that day, and must say so).
    """
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        day = f"{WEEKDAYS[value.weekday()]}, {value.strftime('%d/%m/%Y')}"
        if value.hour == 0 and value.minute == 0 and not always_time:
            return day
        return f"{day} {value.strftime('%H:%M')}"
    return f"{WEEKDAYS[value.weekday()]}, {value.strftime('%d/%m/%Y')}"


def format_decimal(value, places=1):
    """A number with the Vietnamese decimal comma: 4.333 → "4,3"; empty string for None."""
    if value is None or value == "":
        return ""
    return f"{float(value):.{places}f}".replace(".", ",")


def format_file_size(size):
    """A file size as Vietnamese readers write it: 850 → "850 B", 48_000 → "47 KB",
    1_250_000 → "1,2 MB" (decimal comma, 1 KB = 1024 B); empty string for None."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    value, unit = size / 1024**2, "MB"
    if value >= 1024:
        value, unit = value / 1024, "GB"
    return f"{value:.1f}".replace(".", ",").removesuffix(",0") + f" {unit}"
