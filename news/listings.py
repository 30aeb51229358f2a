"""Article lists shared by the discovery pages, the feeds and the API.

Every list starts from `ArticlePage.objects.published()`: live, public articles only.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from .models import ArticlePage, ArticlePageAuthor, ArticlePagePartner, ArticlePageProvince, Author, Partner, Province


def province_units(province):
    """The ids of Province.units(): the province and the former units it covers."""
    return [unit.pk for unit in province.units()]


def in_provinces(queryset, province_ids):
    return queryset.filter(
        Exists(ArticlePageProvince.objects.filter(content_object=OuterRef("pk"), tag_id__in=province_ids))
    )


def with_partner(queryset, partner):
    return queryset.filter(Exists(ArticlePagePartner.objects.filter(content_object=OuterRef("pk"), tag_id=partner.pk)))


def by_author(queryset, author):
    return queryset.filter(Exists(ArticlePageAuthor.objects.filter(page=OuterRef("pk"), author_id=author.pk)))


def province_articles(province):
    return in_provinces(ArticlePage.objects.published(), province_units(province))


def partner_articles(partner):
    return with_partner(ArticlePage.objects.published(), partner)


def author_articles(author):
    return by_author(ArticlePage.objects.published(), author)


def with_tags(queryset):
    """Prefetch provinces (with their successors) and partners for a whole list."""
    return queryset.prefetch_related(
        Prefetch(
            "province_items",
            queryset=ArticlePageProvince.objects.select_related("tag__merged_into").order_by("tag__slug"),
        ),
        Prefetch("partner_items", queryset=ArticlePagePartner.objects.select_related("tag").order_by("tag__slug")),
    )


def province_counts():
    """{province id: published articles tagged with it} and {current unit id: articles of the
    unit and its former units, each article counted once}."""
    tagged = ArticlePageProvince.objects.filter(content_object__in=ArticlePage.objects.published())
    own = dict(tagged.values_list("tag_id").annotate(count=Count("content_object_id", distinct=True)))
    totals = dict(
        tagged.annotate(unit=Coalesce("tag__merged_into_id", "tag_id"))
        .values_list("unit")
        .annotate(count=Count("content_object_id", distinct=True))
    )
    return own, totals


def current_provinces_with_counts():
    """The units in force today, each with `.former` (its former units) and article counts."""
    provinces = list(Province.objects.order_by("slug"))
    own, totals = province_counts()
    by_id = {province.pk: province for province in provinces}
    current = []
    for province in provinces:
        province.article_count = own.get(province.pk, 0)
        province.former = []
        if province.is_current:
            province.total_count = totals.get(province.pk, 0)
            current.append(province)
    for province in provinces:
        if not province.is_current and province.merged_into_id in by_id:
            by_id[province.merged_into_id].former.append(province)
    return current


def partners_with_counts():
    """Partners that have at least one published article, with `article_count`."""
    published = ArticlePage.objects.published()
    return (
        Partner.objects.annotate(
            article_count=Count("tagged_articles", filter=Q(tagged_articles__content_object__in=published))
        )
        .filter(article_count__gt=0)
        .order_by("slug")
    )


def authors_with_counts():
    """Authors of at least one published article, with `article_count`, by name without accents."""
    counts = (
        ArticlePageAuthor.objects.filter(author=OuterRef("pk"), page__in=ArticlePage.objects.published())
        .order_by()
        .values("author")
        .annotate(count=Count("page", distinct=True))
        .values("count")
    )
    return (
        Author.objects.annotate(article_count=Coalesce(Subquery(counts), 0))
        .filter(article_count__gt=0)
        .order_by("slug")
    )
