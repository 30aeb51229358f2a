"""The English section and the language switch.

English pages (StandardPage with language "en") live under one child of the home page,
/en/. While one is shown, English is active (StandardPage.serve) and base.html takes its
furniture from here: the home link and menu lead to the English section's pages instead of
the Vietnamese sections. "English" / "Tiếng Việt" lead to the page's counterpart when an
English page names one (StandardPage.counterpart), else to the other language's home, and
a page with a counterpart carries `hreflang` links to both.

What this reads is kept with each worker's site furniture (home/worker_cache.py): any
publish, move or privacy change of an institutional page renews it (home/signals.py).
"""

from dataclasses import dataclass, field

from django.utils import translation

from wagtail.models import Page, Site

from home.models import StandardPage
from home.wagtail_overrides import PortalPageQuerySet
from home.worker_cache import current, remember


@dataclass
class EnglishSection:
    root: StandardPage | None = None  # the home page's English child, /en/
    pages: list = field(default_factory=list)  # its live public children, in tree order
    vietnamese_of: dict = field(default_factory=dict)  # English page id → its Vietnamese counterpart
    english_of: dict = field(default_factory=dict)  # Vietnamese page id → the English page naming it


@dataclass
class LanguageLinks:
    english: bool  # English is being shown
    home_url: str  # where "Home" and the logo lead
    home_id: int | None  # the page at home_url (None: the site's home page)
    switch_url: str | None  # where "English" / "Tiếng Việt" lead (None: no English section)
    alternates: list  # (hreflang, absolute URL) when the page has a counterpart


def english_section(request):
    """The site's English section, built once per worker (and once per request without one)."""
    if request is None:
        return EnglishSection()
    if not hasattr(request, "_english_section"):
        furniture = current()
        site = furniture.site if furniture is not None else Site.find_for_request(request)
        request._english_section = remember("english_section", lambda: _build(site)) if site else EnglishSection()
    return request._english_section


def _build(site):
    home = site.root_page
    standard = PortalPageQuerySet(StandardPage)
    roots = list(standard.child_of(home).live().public().filter(language="en").order_by("path"))
    root = next((page for page in roots if page.slug == "en"), roots[0] if roots else None)
    section = EnglishSection(root=root, pages=root.public_children() if root else [])
    english = standard.descendant_of(home).live().public().filter(language="en", counterpart__isnull=False)
    english = list(english.order_by("path"))
    ids = {page.counterpart_id for page in english}
    vietnamese = {page.pk: page for page in PortalPageQuerySet(Page).filter(pk__in=ids).live().public()} if ids else {}
    for page in english:
        counterpart = vietnamese.get(page.counterpart_id)
        if counterpart is not None:
            section.vietnamese_of[page.pk] = counterpart
            section.english_of.setdefault(counterpart.pk, page)
    return section


def language_links(request, page):
    """Where the home link and the language switch of `page` (None off the page tree) lead."""
    section = english_section(request)
    english_home = section.root.get_url(request) if section.root else None
    english = translation.get_language() == "en"
    page_id = getattr(page, "pk", None)
    vietnamese_page, english_page = section.vietnamese_of.get(page_id), section.english_of.get(page_id)
    if vietnamese_page is not None:
        english_page = page
    elif english_page is not None:
        vietnamese_page = page
    if english:
        switch_url = vietnamese_page.get_url(request) if vietnamese_page is not None else "/"
    else:
        switch_url = english_page.get_url(request) if english_page is not None else english_home
    alternates = []
    if vietnamese_page is not None:
        vietnamese_url, english_url = vietnamese_page.get_full_url(request), english_page.get_full_url(request)
        if vietnamese_url and english_url:
            alternates = [("vi", vietnamese_url), ("en", english_url), ("x-default", vietnamese_url)]
    return LanguageLinks(
        english=english,
        home_url=(english_home or "/") if english else "/",
        home_id=section.root.pk if english and section.root else None,
        switch_url=switch_url,
        alternates=alternates,
    )
