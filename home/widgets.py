import re
import unicodedata

from django.urls import reverse

from wagtail.admin.widgets import AdminTagWidget, SlugInput

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


class AutocompleteTagWidget(AdminTagWidget):
    """Wagtail's tag widget asking `url_name` for suggestions instead of Wagtail's own view,
    which matches only the start of a name, accents and all.

    `help_text` replaces Wagtail's, which is about tags and quotation marks: a province or a
    partner is chosen from the suggestions, and the editor should read what to do."""

    def __init__(self, *args, url_name, help_text=None, **kwargs):
        self.url_name = url_name
        self.help_text = help_text
        super().__init__(*args, **kwargs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-w-tag-url-value"] = reverse(self.url_name)
        if self.help_text is not None:
            context["widget"]["help_text"] = self.help_text
        return context
