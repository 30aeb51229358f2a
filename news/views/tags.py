"""Suggestions for the article editor's province and partner fields, accent-blind."""

from django.http import JsonResponse

from wagtail.search.backends import get_search_backend

from home.vietnamese import fold
from news.models import Partner, Province

SUGGESTIONS = 10


def province_suggestions(request):
    """Provinces having a word that starts with each typed word, accents ignored ("dong nai")."""
    return JsonResponse(Province.matching(request.GET.get("term", ""), limit=SUGGESTIONS), safe=False)


def partner_suggestions(request):
    """Partners found by any word of their name or full name ("vng" → "Công ty Cổ phần VNG")."""
    term = request.GET.get("term", "").strip()
    if not term:
        return JsonResponse([], safe=False)
    names = [partner.name for partner in get_search_backend().autocomplete(term, Partner)[:SUGGESTIONS]]
    # Names starting with the term first, then by name: the same list on every database.
    folded = fold(term)
    return JsonResponse(sorted(names, key=lambda name: (not fold(name).startswith(folded), fold(name))), safe=False)
