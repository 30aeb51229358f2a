"""What an article page shows of the rows linked to it: bylines, provinces, partners, signatories.

The ORM read them in four queries, and building those queries and their objects was a
fifth of the article's time. Here the links come in one UNION ALL query of four small
tables, and the authors, provinces and partners they name come from the vocabularies each
worker keeps with the site furniture (home/furniture.py): any save or delete of an author,
province or partner writes a new token (news/signals.py), so no worker shows a stale name.
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


def vocabularies():
    """Every author, province and partner by primary key: small tables that change rarely."""
    provinces = Province.objects.in_bulk()
    for province in provinces.values():
        if province.merged_into_id is not None:
            province.merged_into = provinces[province.merged_into_id]
    return {AUTHOR: Author.objects.in_bulk(), PROVINCE: provinces, PARTNER: Partner.objects.in_bulk()}


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
    """The links of the saved, live `page`, named from `remembered` (the request's furniture).

    None if a link names a row the vocabularies do not hold (a change committed after they
    were read): the caller then reads them with the ORM."""
    connection = connections[page._state.db or "default"]
    with connection.cursor() as cursor:
        tables = {name: connection.ops.quote_name(model._meta.db_table) for name, model in LINK_TABLES.items()}
        cursor.execute(LINK_QUERY.format(**tables), [page.pk] * 4)
        rows = cursor.fetchall()
    known = remembered.remember("news.vocabularies", vocabularies)
    if any(kind != SIGNATORY and ref not in known[kind] for kind, ref, *_ in rows):
        return None

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
