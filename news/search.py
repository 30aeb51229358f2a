"""Accent-blind article search (PRODUCT.md §5) that behaves the same on SQLite and PostgreSQL.

Every article keeps a folded copy of its text in `ArticlePage.search_text`: the words of the
title, then " | ", then the words of the lead, body, authors, provinces and partners, all run
through `home.vietnamese.fold` ("Hoà Bình", "HÒA BÌNH" → "hoa binh") and padded with spaces.
A query is folded the same way, so `ky ket`, `KÝ KẾT` and decomposed input are one query,
each word is matched whole (" an " never matches inside " thanh "), and a result holds every
word of the query (a quoted phrase: its words side by side, in order).

This module imports no models: `news.models` uses it to fill the search text on save.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import StrIndex, Substr
from django.db.models.lookups import GreaterThan, LessThan
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from home.search_backend import MAX_TERMS
from home.vietnamese import fold

MAX_QUERY_LENGTH = 255
MAX_TERM_LENGTH = 40
RANKED_MATCHES = 200
TITLE_PREFIX = 300
TITLE_SEPARATOR = " | "
SNIPPET_WORDS = 40

_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"')


def words(text):
    """The folded words of `text`: "Đồng Nai: Ký kết" → ["dong", "nai", "ky", "ket"]."""
    return _WORD.findall(fold(text))


def article_search_text(page):
    """The folded text an article is found by; read from memory so unsaved tags and authors count."""
    if page.withdrawn:
        # A withdrawn article keeps its address and title, never the text it no longer shows.
        rest = []
    else:
        body_field = page._meta.get_field("body")
        rest = [
            page.sapo,
            *body_field.get_searchable_content(page.body),
            page.legal_references,
            *(item.author.name for item in page.authors.all()),
            *(province.name for province in page.provinces.all()),
            *(f"{partner.name} {partner.full_name}" for partner in page.partners.all()),
        ]
    return search_text(page.title, rest)


def search_text(title, texts):
    """The folded words of `title`, then " | ", then those of every text in `texts`, padded with spaces."""
    body = " ".join(word for text in texts for word in words(text))
    return f" {' '.join(words(title))}{TITLE_SEPARATOR}{body} "


@dataclass(frozen=True)
class SearchQuery:
    """A reader's query: words and quoted phrases, every one of which a result must hold."""

    terms: tuple
    phrases: tuple

    @classmethod
    def parse(cls, text):
        text = unicodedata.normalize("NFC", text or "")[:MAX_QUERY_LENGTH]
        phrases = []
        for quoted in _PHRASE.findall(text):
            phrase = tuple(word[:MAX_TERM_LENGTH] for word in words(quoted))
            if phrase and phrase not in phrases:
                phrases.append(phrase)
        terms = []
        for word in words(_PHRASE.sub(" ", text)):
            word = word[:MAX_TERM_LENGTH]
            if word not in terms:
                terms.append(word)
        budget = MAX_TERMS
        phrases = phrases[:budget]
        terms = terms[: max(0, budget - len(phrases))]
        return cls(tuple(terms), tuple(phrases))

    def __bool__(self):
        return bool(self.terms or self.phrases)

    @property
    def highlight_words(self):
        return set(self.terms) | {word for phrase in self.phrases for word in phrase}

    @property
    def needles(self):
        """What the folded text must hold: each word whole, each phrase as written."""
        return [_padded((term,)) for term in self.terms] + [_padded(phrase) for phrase in self.phrases]

    def filter(self, queryset):
        """Articles holding every word and every phrase."""
        condition = Q()
        for needle in self.needles:
            condition &= Q(search_text__contains=needle)
        return queryset.filter(condition)

    def ranked_ids(self, queryset, limit=None):
        """(ids, more): the ids of the newest `limit` articles of `queryset` holding every word
        and phrase, best first, and whether older ones match too.

        Best first: most words and phrases in the title, then the words side by side in the
        order given, then the newest. Only the newest `limit` matches are ranked: the
        database reads them off the date index (or, for rare words, the text index) and stops,
        so a word found in nearly every article costs the same on 1,000 articles as on
        100,000, where ranking every match took seconds.
        """
        limit = RANKED_MATCHES if limit is None else limit
        # The title is the start of the folded text, before " | ": only that prefix is read
        # (a title has at most 255 characters, folding never lengthens it).
        prefix = Substr(F("search_text"), 1, TITLE_PREFIX)
        title_end = StrIndex(prefix, Value(TITLE_SEPARATOR))
        in_title = Value(0)
        for needle in self.needles:
            position = StrIndex(prefix, Value(needle))
            in_title += _flag(Q(GreaterThan(position, 0), LessThan(position, title_end)))
        sequence = Value(0)
        if len(self.terms) > 1:
            sequence = _flag(Q(search_text__contains=_padded(self.terms)))
        rows = list(
            self.filter(queryset)
            .order_by("-date", "-pk")
            .annotate(search_in_title=in_title, search_sequence=sequence)
            .values_list("search_in_title", "search_sequence", "pk")[: limit + 1]
        )
        ranked = sorted(rows[:limit], key=lambda row: (-row[0], -row[1]))  # stable: newest first within a rank
        return [pk for *_, pk in ranked], len(rows) > limit

    def rank(self, queryset):
        """`queryset` ordered best first in SQL, for the API (which pages with LIMIT/OFFSET):
        most words in the title, then the words side by side, then the newest. It ranks every
        match; the site's search ranks only the newest ones (`ranked_ids`)."""
        title_end = StrIndex(F("search_text"), Value(TITLE_SEPARATOR))
        in_title = Value(0)
        for needle in self.needles:
            position = StrIndex(F("search_text"), Value(needle))
            in_title += _flag(Q(GreaterThan(position, 0), LessThan(position, title_end)))
        ordering = [F("search_in_title").desc()]
        annotations = {"search_in_title": in_title}
        if len(self.terms) > 1:
            annotations["search_sequence"] = _flag(Q(search_text__contains=_padded(self.terms)))
            ordering.append(F("search_sequence").desc())
        return queryset.annotate(**annotations).order_by(*ordering, "-date", "-pk")


def _padded(sequence):
    return f" {' '.join(sequence)} "


def _flag(condition):
    """1 when `condition` holds, else 0."""
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def highlight(text, words_to_mark):
    """`text`, HTML-escaped, with every word whose folded form was searched for in <mark>."""
    if not text:
        return ""
    output, last = [], 0
    for match in _WORD.finditer(text):
        if fold(match.group()) in words_to_mark:
            output.append(escape(text[last : match.start()]))
            output.append(format_html("<mark>{}</mark>", match.group()))
            last = match.end()
    output.append(escape(text[last:]))
    return mark_safe("".join(output))  # noqa: S308 - every piece above is escaped


def snippet(text, words_to_mark, length=SNIPPET_WORDS):
    """About `length` words of `text` around its first searched-for word, with "…" where cut."""
    tokens = text.split()
    if len(tokens) <= length:
        return text
    first = next((i for i, token in enumerate(tokens) if set(words(token)) & words_to_mark), 0)
    start = 0 if first < length * 3 // 4 else max(0, min(first - length // 4, len(tokens) - length))
    piece = " ".join(tokens[start : start + length])
    return f"{'… ' if start else ''}{piece}{' …' if start + length < len(tokens) else ''}"
