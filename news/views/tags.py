"""Suggestions for the article editor's province and partner fields, accent-blind."""

from django.http import JsonResponse

from wagtail.search.backends import get_search_backend

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
    found = get_search_backend().autocomplete(term, Partner)
    return JsonResponse([partner.name for partner in found[:SUGGESTIONS]], safe=False)
