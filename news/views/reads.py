from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from home.rate_limit import LimiterUnavailable
from news import reads
from news.models import ArticlePage
from news.views.errors import json_error


@csrf_exempt  # a beacon carries no token and changes nothing but a count
@never_cache
def read_beacon(request, page_id):
    """`POST` from an article page once it is shown: counts one reader for "Đọc nhiều".

    A reader counts once per article and day, told apart by a signed first-party cookie.
    Only a cookie issued by an earlier response counts: a beacon without one gets one and
    answers 202 (the page's script then sends once more), so each counted reader costs a
    script two requests, and every beacon counts against READ_RATE_LIMIT per address
    (429 beyond it). A read counts even when the page came from a cache; nothing counts
    while the cache is down. Answers 204 with no body; a page that is not a live, public,
    not withdrawn article is a 404.
    """
    if request.method != "POST":
        response = json_error(_("This address only accepts POST."), 405)
        response["Allow"] = "POST"
        return response
    if not ArticlePage.objects.published().filter(pk=page_id, withdrawn=False).exists():
        return json_error(_("This article does not exist."), 404)
    countable, limited = True, False
    try:
        limited, retry_after = reads.over_read_limit(request)
    except LimiterUnavailable:  # the cache is down: answer as usual, count nothing
        countable = False
    if limited:
        response = json_error(_("Too many requests from your connection. Please try again later."), 429)
        response["Retry-After"] = str(retry_after)
        return response
    token = reads.reader_token(request)
    if token is None:
        response = HttpResponse(status=202)
        reads.set_reader_cookie(request, response)
        return response
    day = timezone.localdate()
    if countable and reads.first_read_today(page_id, token, day):
        reads.count_read(page_id, day)
    return HttpResponse(status=204)
