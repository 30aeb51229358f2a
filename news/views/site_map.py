"""/so-do-cong/: the portal's map for readers ("Sơ đồ cổng"), from the page tree and the registers."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, Site

from home.wagtail_overrides import PortalPageQuerySet
from news.models import ArticlePage, SectionPage

# The lists a reader can browse beyond the page tree, in the order the map shows them.
REGISTERS = (
    (_("Notices"), "news:notices"),
    (_("Legal documents"), "news:legal_documents"),
    (_("Provinces and cities"), "news:provinces"),
    (_("Partners"), "news:partners"),
    (_("Authors"), "news:authors"),
    (_("Search"), "news:search"),
)


def site_map(request):
    """The sections and institutional pages as a tree (articles are in their sections), and
    the registers and feeds."""
    site = Site.find_for_request(request)
    pages = []
    if site is not None:
        pages = list(
            PortalPageQuerySet(Page)
            .descendant_of(site.root_page)
            .live()
            .public()
            .not_type(ArticlePage)
            .order_by("path")
            .specific()
        )
    tree = _nest(pages, site.root_page.depth + 1 if site else 0)
    context = {
        "tree": tree,
        "registers": [(label, reverse(name)) for label, name in REGISTERS],
        "sections": [page for page, _children in tree if isinstance(page, SectionPage)],
    }
    return render(request, "news/site_map.html", context)


def _nest(pages, depth):
    """[(page, [(child, […]), …]), …] from pages in tree order, starting at `depth`; a page
    whose parent is not shown (a draft, a private page) is not shown either."""
    tree, stack = [], []
    for page in pages:
        while stack and not page.path.startswith(stack[-1][0].path):
            stack.pop()
        node = (page, [])
        if stack and stack[-1][0].depth == page.depth - 1:
            stack[-1][1].append(node)
        elif not stack and page.depth == depth:
            tree.append(node)
        else:
            continue
        stack.append(node)
    return tree
