from wagtail.admin.widgets import SlugInput

# Wagtail's slug cleaner strips tone marks but drops "đ"; map it to "d" first so the
# admin's slug matches `home.vietnamese.slugify` ("Đồng Nai" → "dong-nai").
VIETNAMESE_SLUG_FORMATTERS = [("[đĐ]", "d")]


class VietnameseSlugInput(SlugInput):
    def __init__(self, attrs=None, **kwargs):
        kwargs.setdefault("formatters", VIETNAMESE_SLUG_FORMATTERS)
        super().__init__(attrs=attrs, **kwargs)
