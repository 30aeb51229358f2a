"""Linking the legal documents an article cites ("Nghị định số 72/2013/NĐ-CP") to their page in the register.

Only full symbols with the issuer's suffix are linked, and only when the document is registered:
"Thông tư 22/2023" alone names several circulars and is left as text.
"""

import re

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from news.models.legal import SYMBOL_IN_TEXT, LegalDocument, canonical_symbol

_TAG = re.compile(r"(<[^>]*>)")
_LINK_OPEN = re.compile(r"^<a[\s>]", re.IGNORECASE)
_LINK_CLOSE = re.compile(r"^</a\s*>", re.IGNORECASE)


def symbols_in(text):
    return {match.group(0) for match in SYMBOL_IN_TEXT.finditer(text or "")}


class LegalDocumentLinker:
    """Looks registered documents up once per set of symbols, then links them in any HTML it is given."""

    def __init__(self):
        self.documents = {}

    def prefetch(self, symbols):
        missing = {canonical_symbol(symbol) for symbol in symbols} - self.documents.keys()
        if missing:
            found = LegalDocument.objects.by_symbols(missing)
            self.documents.update({symbol: found.get(symbol) for symbol in missing})

    def link_html(self, html):
        """`html` (trusted, already escaped) with registered symbols outside existing links turned into links."""
        html = str(html)
        parts = _TAG.split(html)
        self.prefetch(symbol for index, part in enumerate(parts) if index % 2 == 0 for symbol in symbols_in(part))
        if not any(self.documents.values()):
            return mark_safe(html)  # noqa: S308 - the input is trusted HTML and is returned unchanged
        inside_link = 0
        out = []
        for index, part in enumerate(parts):
            if index % 2:
                if _LINK_OPEN.match(part):
                    inside_link += 1
                elif _LINK_CLOSE.match(part):
                    inside_link = max(inside_link - 1, 0)
                out.append(part)
            elif inside_link:
                out.append(part)
            else:
                out.append(SYMBOL_IN_TEXT.sub(self._replace, part))
        return mark_safe("".join(out))  # noqa: S308 - only links built with format_html are added

    def link_text(self, text):
        """Plain `text`, escaped, with registered symbols linked."""
        return self.link_html(conditional_escape(text))

    def _replace(self, match):
        document = self.documents.get(canonical_symbol(match.group(0)))
        if document is None:
            return match.group(0)
        return format_html(
            '<a class="legal-link" href="{}" title="{}">{}</a>',
            document.get_absolute_url(),
            document.abstract,
            match.group(0),
        )
