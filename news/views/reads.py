from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from news import reads
from news.models import ArticlePage
from news.views.errors import json_error


@csrf_exempt  # a beacon carries no token and changes nothing but a count
@never_cache
def read_beacon(request, page_id):
    """`POST` from an article page once it is shown: counts one reader for "Đọc nhiều".

    A reader counts once per article and day (told apart by a random first-party cookie
    that this response sets); a read counts even when the page came from a cache. Answers
    204 with no body; a page that is not a live, public article is a 404.
    """
    if request.method != "POST":
        response = json_error(_("This address only accepts POST."), 405)
        response["Allow"] = "POST"
        return response
    if not ArticlePage.objects.published().filter(pk=page_id).exists():
        return json_error(_("This article does not exist."), 404)
    token = request.COOKIES.get(reads.READER_COOKIE, "")
    known = 0 < len(token) <= 64
    if not known:
        token = reads.new_reader_token()
    day = timezone.localdate()
    if reads.first_read_today(page_id, token, day):
        reads.count_read(page_id, day)
    response = HttpResponse(status=204)
    if not known:
        response.set_cookie(
            reads.READER_COOKIE,
            token,
            max_age=reads.READER_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response
