"""Wagtail's database search backend, accent-blind: the admin's searches fold like public search.

Every admin search (page search, the page, image, document and snippet choosers, snippet
listings) goes through the search backend. This one is Wagtail's own database backend
(SQLite FTS5 or PostgreSQL full text) with the text indexed and the query both run through
`home.vietnamese.fold`, so "dong nai", "ĐỒNG NAI", "hoà" and "hòa" are one query.

The indexers of Wagtail's database backends are module classes their indexes build directly:
this module gives them a folding `prepare_value`, the one method every indexed value passes
through (tests/test_admin_search.py checks it against the original). After upgrading, run
`manage.py update_index` once so that entries indexed before are folded too.
"""

import sys

from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import And, Boost, Fuzzy, Not, Or, Phrase, PlainText

from home.vietnamese import fold


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
        return super()._search(query_compiler_class, fold_query(query), model_or_queryset, **kwargs)


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
