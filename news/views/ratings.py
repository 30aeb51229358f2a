import json

from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from home.same_origin import posted_from_own_pages, refuse_without_token
from news import ratings
from news.models import ArticlePage, ArticleRating, ArticleRatingSummary
from news.views.errors import json_error


class BadVote(Exception):
    pass


@csrf_exempt  # checked below, after the method: see _refused_cross_site
@never_cache
def rating(request, page_id):
    """`GET` an article's rating summary; `POST` a `score` from 1 to 5 to cast or change a vote.

    JSON in and out for scripts, which send the CSRF token this GET sets; a plain form
    post (with `redirect=1`) from the portal's own page goes back to the article with a
    message, so the stars work without JavaScript in one step.
    """
    if request.method not in ("GET", "POST"):
        response = json_error(_("This address only accepts GET and POST."), 405)
        response["Allow"] = "GET, POST"
        return response
    if request.method == "POST":
        refused = _refused_cross_site(request)
        if refused is not None:
            return refused
    page = ArticlePage.objects.published().filter(pk=page_id, withdrawn=False).first()
    if page is None:
        return json_error(_("This article does not exist or cannot be rated."), 404)
    if request.method == "GET":
        get_token(request)  # a fresh CSRF cookie for pages served from a cache
        return JsonResponse(_payload(page, ratings.voter_key(request)))
    return _post(request, page)


def _refused_cross_site(request):
    """None when the vote may go on; else the CSRF failure response.

    A cached article page cannot carry a per-reader token, so its plain form is accepted
    when the browser says it was posted from the portal's own origin. Scripts keep the
    token they fetched.
    """
    if request.content_type != "application/json" and posted_from_own_pages(request):
        return None
    return refuse_without_token(request)


def _post(request, page):
    wants_redirect = request.POST.get("redirect") == "1" and "json" not in request.headers.get("Accept", "")
    try:
        if not page.ratings_open:
            raise BadVote(_("Ratings are closed for this article."), 403)
        score = _score(request)
        limited, retry_after = ratings.over_rate_limit(ratings.address_hash(request))
        if limited:
            minutes = max(1, round(retry_after / 60))
            raise BadVote(
                _("Too many votes from your connection. Please try again in %(minutes)d minutes.")
                % {"minutes": minutes},
                429,
                retry_after,
            )
        key = ratings.voter_key(request)
        token = None
        if key is None:
            token = ratings.new_voter_token()
            key = ratings.anonymous_key(token)
        ratings.cast_vote(page, key, score, ratings.address_hash(request))
    except BadVote as error:
        message, status = error.args[0], error.args[1]
        if wants_redirect:
            messages.error(request, message)
            return HttpResponseRedirect(page.url + "#danh-gia")
        response = json_error(message, status)
        if status == 429:
            response["Retry-After"] = str(error.args[2])
        return response
    except ratings.VoteBusy:
        response = json_error(_("The system is busy. Your vote was not recorded; please try again."), 503)
        response["Retry-After"] = "2"
        return response

    if wants_redirect:
        messages.success(request, _("Thank you for rating this article."))
        response = HttpResponseRedirect(page.url + "#danh-gia")
    else:
        response = JsonResponse(_payload(page, key))
    if token:
        response.set_signed_cookie(
            ratings.VOTER_COOKIE,
            token,
            salt=ratings.VOTER_COOKIE_SALT,
            max_age=ratings.VOTER_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _score(request):
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"")
        except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: deep nesting
            raise BadVote(_("The data sent is not valid JSON."), 400) from None
        if not isinstance(data, dict):
            raise BadVote(_("The data sent is not valid JSON."), 400)
        value = data.get("score")
    else:
        value = request.POST.get("score")
    if value is None or value == "":
        raise BadVote(_("Please choose a score from 1 to 5 stars."), 400)
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise BadVote(_("The score must be a whole number from 1 to 5."), 400)
    if isinstance(value, str):
        value = value.strip()
        # A score has one digit; int() raises on more than 4,300, so long text stops here.
        if not value.isascii() or not value.isdigit() or len(value) > 10:
            raise BadVote(_("The score must be a whole number from 1 to 5."), 400)
        value = int(value)
    if not 1 <= value <= 5:
        raise BadVote(_("The score must be a whole number from 1 to 5."), 400)
    return value


def _payload(page, key):
    summary = ArticleRatingSummary.objects.filter(page=page).first()
    your_score = None
    if key:
        your_score = ArticleRating.objects.filter(page=page, voter_key=key).values_list("score", flat=True).first()
    return ratings.summary_payload(page, summary, your_score)
