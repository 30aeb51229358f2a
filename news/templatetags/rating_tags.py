from django import template
from django.contrib.messages.storage.cookie import CookieStorage

from home.personal import is_personal
from news import ratings
from news.models import ArticleRating

register = template.Library()


@register.simple_tag(takes_context=True)
def own_score(context, page):
    """The reader's own score on the page a vote without JavaScript returns to, or None.

    That page carries the vote's thank-you message, which keeps it out of every cache; any
    other page may be cached for everyone, so it names nobody's score (the script asks the
    uncached endpoint instead)."""
    request = context.get("request")
    if request is None or CookieStorage.cookie_name not in request.COOKIES or not is_personal(request):
        return None
    key = ratings.voter_key(request)
    if key is None:
        return None
    return ArticleRating.objects.filter(page=page, voter_key=key).values_list("score", flat=True).first()
