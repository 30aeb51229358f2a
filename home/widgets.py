import re
import unicodedata

from wagtail.admin.widgets import SlugInput

# Wagtail's admin slug controller ("w-slug") transliterates with a table that has neither
# "đ" nor the toned Vietnamese vowels: alone it turns "Đồng Nai: Ký kết thỏa thuận" into
# "dng-nai-ky-kt-tha-thun". Its regex "formatters" run first, so fold the text the way
# `home.vietnamese.slugify` does ("Đồng Nai" → "dong-nai"); the "i" flag covers capitals.
_TONED_VOWELS = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"


def _vietnamese_slug_formatters():
    groups = {}
    for char in _TONED_VOWELS:
        groups.setdefault(unicodedata.normalize("NFD", char)[0], []).append(char)
    return [
        (re.compile("đ", re.IGNORECASE), "d"),
        *[(re.compile(f"[{''.join(chars)}]", re.IGNORECASE), base) for base, chars in groups.items()],
        (r"[\u0300-\u036f]", ""),  # combining marks left by decomposed (NFD) input
    ]


VIETNAMESE_SLUG_FORMATTERS = _vietnamese_slug_formatters()


class VietnameseSlugInput(SlugInput):
    def __init__(self, attrs=None, **kwargs):
        kwargs.setdefault("formatters", VIETNAMESE_SLUG_FORMATTERS)
        super().__init__(attrs=attrs, **kwargs)
