"""Wagtail's database search backend, accent-blind: the admin's searches fold like public search.

Every admin search (page search, the page, image, document and snippet choosers, snippet
listings) goes through the search backend. This one is Wagtail's own database backend
(SQLite FTS5 or PostgreSQL full text) with the text indexed and the query both run through
`home.vietnamese.fold`, so "dong nai", "ĐỒNG NAI", "hoà" and "hòa" are one query.

The indexers of Wagtail's database backends are module classes their indexes build directly:
this module gives them a folding `prepare_value`, the one method every indexed value passes
through (tests/test_admin_search.py checks it against the original). After upgrading, run
`manage.py update_index` once so that entries indexed before are folded too.

Every query keeps only its first `MAX_TERMS` words and phrases, as public search does
(news/search.py): each word is one more condition the backend nests inside the others, and a
query of a hundred-odd words overflowed Python's recursion on PostgreSQL.
"""

import re
import sys

from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import And, Boost, Fuzzy, Not, Or, Phrase, PlainText

from home.vietnamese import fold

MAX_TERMS = 8  # words and quoted phrases of a query, in public search and every admin search
_SEPARATORS = re.compile(r"[\s\-]+")  # where the database backends split a query into words


def fold_query(query):
    """The query with the text of every leaf folded: a string, or a tree of query objects."""
    if isinstance(query, str):
        return fold(query)
    if isinstance(query, PlainText):
        return PlainText(fold(query.query_string), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(fold(query.query_string))
    if isinstance(query, Fuzzy):
        query.query_string = fold(query.query_string)
        return query
    if isinstance(query, (And, Or)):
        return type(query)([fold_query(subquery) for subquery in query.subqueries])
    if isinstance(query, Not):
        return Not(fold_query(query.subquery))
    if isinstance(query, Boost):
        return Boost(fold_query(query.subquery), query.boost)
    return query  # MatchAll and the like carry no text


def _first_words(text, budget):
    words = [word for word in _SEPARATORS.split(text) if word]
    return (text if len(words) <= budget else " ".join(words[:budget])), min(len(words), budget)


def cap_query(query, budget=MAX_TERMS):
    """(the query with at most `budget` words and phrases, how many it kept); a query within the
    budget comes back as it was."""
    if isinstance(query, str):
        return _first_words(query, budget)
    if isinstance(query, PlainText):
        text, kept = _first_words(query.query_string, budget)
        if text is not query.query_string:
            query = PlainText(text, operator=query.operator, boost=query.boost)
        return query, kept
    if isinstance(query, (And, Or)):
        subqueries, kept = [], 0
        for subquery in query.subqueries:
            if kept >= budget:
                break
            subquery, used = cap_query(subquery, budget - kept)
            subqueries.append(subquery)
            kept += used
        return type(query)(subqueries), kept
    if isinstance(query, Not):
        subquery, kept = cap_query(query.subquery, budget)
        return Not(subquery), kept
    if isinstance(query, Boost):
        subquery, kept = cap_query(query.subquery, budget)
        return Boost(subquery, query.boost), kept
    if isinstance(query, (Phrase, Fuzzy)):
        return query, 1
    return query, 0  # MatchAll and the like carry no words


class FoldingIndexerMixin:
    def prepare_value(self, value):
        return fold(super().prepare_value(value))


def fold_indexer(module):
    """Give the indexer of a database backend's module (SQLite's or PostgreSQL's) a folding
    `prepare_value`. Only the active database's module is touched: each imports models that
    exist only on its own database."""
    indexer = getattr(module, "ObjectIndexer", None)
    if indexer is not None and not issubclass(indexer, FoldingIndexerMixin):
        module.ObjectIndexer = type("ObjectIndexer", (FoldingIndexerMixin, indexer), {})


class FoldingSearchMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        query, _ = cap_query(fold_query(query))
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


_classes = {}


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name
    """Wagtail's database backend for this database, folding what it indexes and searches."""
    backend = DatabaseSearchBackend(params)
    base = type(backend)
    fold_indexer(sys.modules[base.__module__])
    if base not in _classes:
        _classes[base] = type(base.__name__, (FoldingSearchMixin, base), {})
    backend.__class__ = _classes[base]
    return backend
