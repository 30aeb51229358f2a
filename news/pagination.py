"""Pages of article lists that cost the same on page 1 and on page 500 (issue 6).

Django's Paginator counts every article of a list and skips `OFFSET` rows to reach a
page: on a portal with 100,000 articles, page 500 of a section read and threw away 10,000
rows, and every page counted all of them. Here:

- Numbered pages (`?page=N`) go as deep as `MAX_NUMBERED_PAGES`: the database counts at
  most that many pages' worth of articles and never skips more rows than that.
- Past them, pages are key-set: the last numbered page links to `?truoc=<id>`, "the
  articles older than article <id>", read off the (date, id) index from that article on,
  however deep it is. Each of those pages links to the next one the same way, so a
  crawler reaches the oldest article and a reader on a slow phone loads one short page
  at a time. The link stays valid while that article exists, whatever is published since.

Shorter lists (search results, partners, the legal register) are numbered to the end
(`paginate_list`). Every list shows its pages with news/includes/list_pagination.html.
A page number or article id that is not a page of the list is a 404, never a 500.
"""

import math
from collections.abc import Sequence

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext

PAGE_SIZE = 20
MAX_NUMBERED_PAGES = 10
PAGE_PARAM = "page"
CURSOR_PARAM = "truoc"
_MAX_NUMBER_DIGITS = 9


class ListPage(Sequence):
    """One page of a list, with what the pagination include shows: where the reader is
    (`number` of `num_pages`, or `since` a date on key-set pages) and the links around it."""

    def __init__(self, request, object_list, *, number=None, num_pages=None, count=None, more=False, since=None):
        self.object_list = object_list
        self.number = number  # None on key-set pages
        self.num_pages = num_pages  # None when there are more articles than numbered pages show
        self.count = count  # articles in the list, None when more than the numbered pages hold
        self.since = since  # key-set pages: the date of the first article, the others are older
        self.more = more  # True when the numbered pages do not reach the oldest article
        self._request = request
        self.next_url = self.previous_url = self.first_url = None

    def __len__(self):
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def __repr__(self):
        return f"<ListPage {self.number or 'since ' + str(self.since)} ({len(self)} items)>"

    @property
    def has_next(self):
        return self.next_url is not None

    @property
    def has_previous(self):
        return self.previous_url is not None

    def has_other_pages(self):
        return bool(self.next_url or self.previous_url or self.first_url)

    def url(self, **params):
        """This list's address with `params` set (None drops one); other parameters (the search
        query, its filters) are kept."""
        query = self._request.GET.copy()
        for name in (PAGE_PARAM, CURSOR_PARAM):
            query.pop(name, None)
        for name, value in params.items():
            if value is not None:
                query[name] = value
        return f"?{query.urlencode()}" if query else self._request.path


def paginate_articles(request, articles, per_page=PAGE_SIZE):
    """The page of `articles` (a queryset of ArticlePage) that the request asks for, newest first.

    SectionPage.get_context, the province, partner and author pages all use it:
    `context["articles"] = paginate_articles(request, articles)`.
    """
    articles = articles.order_by("-date", "-pk")
    cursor = request.GET.get(CURSOR_PARAM)
    if cursor is not None:
        return _older_than(request, articles, cursor, per_page)
    number = page_number(request)
    if number > MAX_NUMBERED_PAGES:
        raise _not_a_page()
    numbered = MAX_NUMBERED_PAGES * per_page
    # At most `numbered + 1` rows are counted: enough to tell "more than the numbered pages".
    count = articles.order_by().values("pk")[: numbered + 1].count()
    more = count > numbered
    num_pages = max(1, math.ceil(min(count, numbered) / per_page))
    if number > num_pages:
        raise _not_a_page()
    start = (number - 1) * per_page
    page = ListPage(
        request,
        list(articles[start : start + per_page]),
        number=number,
        num_pages=None if more else num_pages,
        count=None if more else count,
        more=more,
    )
    if number > 1:
        page.previous_url = page.url(**{PAGE_PARAM: str(number - 1)})
    if number < num_pages:
        page.next_url = page.url(**{PAGE_PARAM: str(number + 1)})
    elif more and page.object_list:
        page.next_url = page.url(**{CURSOR_PARAM: str(page.object_list[-1].pk)})
    return page


def paginate_list(request, items, per_page=PAGE_SIZE):
    """A numbered page of a short list: one in memory (the ranked search results, the
    partners) or a queryset counted first (the legal register)."""
    number = page_number(request)
    count = items.count() if isinstance(items, QuerySet) else len(items)
    num_pages = max(1, math.ceil(count / per_page))
    if number > num_pages:
        raise _not_a_page()
    start = (number - 1) * per_page
    page = ListPage(request, list(items[start : start + per_page]), number=number, num_pages=num_pages, count=count)
    if number > 1:
        page.previous_url = page.url(**{PAGE_PARAM: str(number - 1)})
    if number < num_pages:
        page.next_url = page.url(**{PAGE_PARAM: str(number + 1)})
    return page


def page_number(request):
    """`?page=N` as a number from 1, page 1 when absent; anything else is a 404."""
    value = request.GET.get(PAGE_PARAM, "1")
    if not (value.isascii() and value.isdigit()) or len(value) > _MAX_NUMBER_DIGITS or int(value) < 1:
        raise _not_a_page()
    return int(value)


def _older_than(request, articles, cursor, per_page):
    """The `per_page` articles of the list older than article `cursor`, by (date, id).

    `date <= anchor date` is the range the (date, id) index starts from; the few articles
    of that very date with a higher id are dropped after. No count, no offset.
    """
    if not (cursor.isascii() and cursor.isdigit()) or len(cursor) > 18:
        raise _not_a_page()
    anchor = articles.model.objects.filter(pk=int(cursor)).values_list("date", flat=True).first()
    if anchor is None:
        raise _not_a_page()
    rows = list(articles.filter(date__lte=anchor).exclude(date=anchor, pk__gte=int(cursor))[: per_page + 1])
    if not rows:
        raise _not_a_page()
    page = ListPage(request, rows[:per_page], since=rows[0].date)
    page.first_url = page.url()
    if len(rows) > per_page:
        page.next_url = page.url(**{CURSOR_PARAM: str(rows[per_page - 1].pk)})
    return page


def _not_a_page():
    return Http404(gettext("This page of the list does not exist."))
