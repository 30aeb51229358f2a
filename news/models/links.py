"""The rows an article links to, and how an article page reads them.

Link models: the authors in byline order, the signatories of an agreement, the related
articles the editors pick (provinces and partners are tags: taxonomy.py).

Reading them: the ORM read them in four queries, and building those queries and their
objects was a fifth of the article's time. `read_links` reads them in one UNION ALL query
of four small tables; the authors, provinces and partners they name are remembered by
each worker (home/worker_cache.py), looked up the first time an article names them: any
save or delete of an author, province or partner calls `content_changed()`
(news/signals.py), which drops them all, so no worker shows a stale name.
`read_links_with_orm` reads a preview's, from its draft in memory.
"""

from dataclasses import dataclass

from django.db import connections, models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.models import Orderable

from home.worker_cache import remember

from .authors import Author
from .taxonomy import ArticlePagePartner, ArticlePageProvince, Partner, Province


class ArticlePageAuthor(Orderable):
    """An author of an article, in byline order."""

    page = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="authors")
    author = models.ForeignKey("news.Author", on_delete=models.CASCADE, related_name="+", verbose_name=_("author"))

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


class ArticlePageSignatory(Orderable):
    """Someone who signed the agreement the article reports."""

    page = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(_("name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("position"), FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")


class ArticlePageRelated(Orderable):
    """An article the editor links as related, shown before automatic suggestions."""

    page = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="related_items")
    related_article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )

    panels = [PageChooserPanel("related_article", page_type="news.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")


@dataclass
class ArticleLinks:
    authors: list  # ArticlePageAuthor rows in byline order, each with its `author`
    provinces: list  # Province, by slug, each with its `merged_into`
    partners: list  # Partner, in the order they were tagged
    signatories: list  # ArticlePageSignatory in their order


def read_links_with_orm(page):
    """Bylines, provinces, partners and signatories as the ORM reads them, from the page's
    own relations: a preview's come from its draft."""
    return ArticleLinks(
        authors=list(page.authors.select_related("author")),
        provinces=list(Province.objects.filter(tagged_articles__content_object=page).select_related("merged_into")),
        partners=list(page.partners.all()),
        signatories=list(page.signatories.all()),
    )


AUTHOR, PROVINCE, PARTNER, SIGNATORY = "a", "p", "o", "s"


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


def read_links(page):
    """The links of the saved `page`, their names remembered by the worker (home/worker_cache.py).

    Names no article has shown since the last change cost one query per kind, once."""
    connection = connections[page._state.db or "default"]
    with connection.cursor() as cursor:
        tables = {name: connection.ops.quote_name(model._meta.db_table) for name, model in LINK_TABLES.items()}
        cursor.execute(LINK_QUERY.format(**tables), [page.pk] * 4)
        rows = cursor.fetchall()
    known = remember("news.link_names", lambda: {AUTHOR: {}, PROVINCE: {}, PARTNER: {}})
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
