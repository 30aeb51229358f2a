"""What an article page shows of the rows linked to it: bylines, provinces, partners, signatories.

The ORM read them in four queries, and building those queries and their objects was a
fifth of the article's time. Here the links come in one UNION ALL query of four small
tables, and the authors, provinces and partners they name are remembered by each worker
with the site furniture (home/furniture.py), looked up the first time an article names
them: any save or delete of an author, province or partner writes a new token
(news/signals.py), which drops them all, so no worker shows a stale name.
"""

from dataclasses import dataclass

from django.db import connections

from .models import (
    ArticlePageAuthor,
    ArticlePagePartner,
    ArticlePageProvince,
    ArticlePageSignatory,
    Author,
    Partner,
    Province,
)

AUTHOR, PROVINCE, PARTNER, SIGNATORY = "a", "p", "o", "s"


@dataclass
class ArticleLinks:
    authors: list  # ArticlePageAuthor rows in byline order, each with its `author`
    provinces: list  # Province, by slug, each with its `merged_into`
    partners: list  # Partner, in the order they were tagged
    signatories: list  # ArticlePageSignatory in their order


# How the rows an article names are read when this worker does not know them yet.
LOADERS = {
    AUTHOR: lambda ids: Author.objects.in_bulk(ids),
    PROVINCE: lambda ids: Province.objects.select_related("merged_into").in_bulk(ids),
    PARTNER: lambda ids: Partner.objects.in_bulk(ids),
}


# Kind (the letters above), linked row's id, order, row id, and a signatory's own columns.
LINK_QUERY = """
SELECT 'a', author_id, sort_order, id, NULL, NULL, NULL FROM {authors} WHERE page_id = %s
UNION ALL SELECT 'p', tag_id, NULL, id, NULL, NULL, NULL FROM {provinces} WHERE content_object_id = %s
UNION ALL SELECT 'o', tag_id, NULL, id, NULL, NULL, NULL FROM {partners} WHERE content_object_id = %s
UNION ALL SELECT 's', NULL, sort_order, id, name, position, organisation FROM {signatories} WHERE page_id = %s
"""
LINK_TABLES = {
    "authors": ArticlePageAuthor,
    "provinces": ArticlePageProvince,
    "partners": ArticlePagePartner,
    "signatories": ArticlePageSignatory,
}


def read_links(page, remembered):
    """The links of the saved `page`, their names from `remembered` (the request's furniture).

    Names no article has shown since the last change cost one query per kind, once."""
    connection = connections[page._state.db or "default"]
    with connection.cursor() as cursor:
        tables = {name: connection.ops.quote_name(model._meta.db_table) for name, model in LINK_TABLES.items()}
        cursor.execute(LINK_QUERY.format(**tables), [page.pk] * 4)
        rows = cursor.fetchall()
    known = remembered.remember("news.link_names", lambda: {AUTHOR: {}, PROVINCE: {}, PARTNER: {}})
    for kind, load in LOADERS.items():
        missing = [ref for row_kind, ref, *_ in rows if row_kind == kind and ref not in known[kind]]
        if missing:
            known[kind].update(load(missing))
    # A row deleted since the links were read is left out, as its link would have been.
    rows = [row for row in rows if row[0] == SIGNATORY or row[1] in known[row[0]]]

    def in_order(row):  # Orderable's sort_order may be empty: those go last, then by row id
        return (row[2] is None, row[2] or 0, row[3])

    authors, provinces, partners, signatories = [], [], [], []
    for kind, ref, sort_order, row_id, name, position, organisation in sorted(rows, key=in_order):
        if kind == AUTHOR:
            authors.append(
                ArticlePageAuthor(id=row_id, page_id=page.pk, author=known[AUTHOR][ref], sort_order=sort_order)
            )
        elif kind == PROVINCE:
            provinces.append(known[PROVINCE][ref])
        elif kind == PARTNER:
            partners.append(known[PARTNER][ref])
        else:
            signatories.append(
                ArticlePageSignatory(
                    id=row_id,
                    page_id=page.pk,
                    sort_order=sort_order,
                    name=name,
                    position=position,
                    organisation=organisation,
                )
            )
    provinces.sort(key=lambda province: province.slug)
    return ArticleLinks(authors, provinces, partners, signatories)
