"""/thong-bao/: the notices, those pinned and still open first, then the newest (PRODUCT.md §7)."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy

from news.models import ArticlePage
from news.models.article_queries import notice_expired, notice_open
from news.pagination import PAGE_SIZE, paginate_articles

# ?hieu-luc= (the legal register's parameter, already part of the page cache's key).
FILTER_PARAM = "hieu-luc"
FILTERS = {
    "": (None, pgettext_lazy("notices", "All")),
    "con-hieu-luc": (False, pgettext_lazy("notice", "Open")),
    "het-hieu-luc": (True, pgettext_lazy("notice", "Expired")),
}
PINNED_SHOWN = PAGE_SIZE


def notice_index(request):
    """Every notice, expired ones marked, or only the open or expired ones. Page 1 starts with
    the pinned notices still open; the others follow newest first, paged like every article list."""
    chosen = request.GET.get(FILTER_PARAM, "")
    if chosen not in FILTERS:
        raise Http404(gettext("This page of the list does not exist."))
    expired = FILTERS[chosen][0]
    notices = ArticlePage.objects.notices(expired=expired).for_cards(renditions=False)
    # A pinned notice leaves the top when it expires, and then takes its place by date.
    articles = paginate_articles(request, notices.filter(Q(pinned=False) | notice_expired()))
    pinned = []
    if articles.number == 1 and expired is not True:
        pinned = list(notices.filter(Q(pinned=True) & notice_open())[:PINNED_SHOWN])
    filters = [
        (label, request.path + (f"?{FILTER_PARAM}={value}" if value else ""), value == chosen)
        for value, (_expired, label) in FILTERS.items()
    ]
    context = {
        "notices": [*pinned, *articles],
        "articles": articles,
        "filters": filters,
        "feed_url": reverse("news:notice_feed"),
    }
    return render(request, "news/notice_index.html", context)
