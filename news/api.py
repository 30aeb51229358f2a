"""The read-only Wagtail API v2 at /api/v2/pages/, PRODUCT.md §7.

Articles (`?type=news.ArticlePage`) expose their lead, date, authors, provinces, partners,
feature image, reader rating and a notice's deadline, validity and pin, and can be filtered
by province and partner slugs and by type (`?article_type=thong-bao`: the notices).
Bad query parameters are answered with 400 and a message, never a 500.

There is no images endpoint: Wagtail's lists every image in the library with its
original's address, drafts' images too. An article's feature image comes with the
article, as a rendition.
"""

from rest_framework.fields import Field

from django.core.exceptions import ObjectDoesNotExist, ValidationError

from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError
from wagtail.search.query import MATCH_NONE

from home.renditions import SHARE, drawn_renditions
from news import listings
from news.models import ArticlePage, ArticleType, Partner, Province
from news.search import MAX_QUERY_LENGTH, MAX_TERMS, SearchQuery, words

FEATURE_IMAGE_SPEC = "fill-1200x630"
MAX_OFFSET = 2**63 - 1  # the database's integers (ids, OFFSET) are signed 64-bit


class AuthorsField(Field):
    """ "authors": [{"name": "Hùng Cường", "unit": "Sở TT&TT Long An", "slug": "hung-cuong"}]"""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return [
            {"name": item.author.name, "unit": item.author.organisation, "slug": item.author.slug}
            for item in page.authors.all()
        ]


class SapoField(Field):
    """The lead; a withdrawn article's page no longer shows it, so neither does the API."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return page.shown_sapo


class TagsField(Field):
    """ "provinces": [{"name": "Long An", "slug": "long-an"}], from the prefetched tagged items."""

    def to_representation(self, items):
        return [{"name": item.tag.name, "slug": item.tag.slug} for item in items.all()]


class RatingField(Field):
    """ "rating": {"count": 3, "average": 4.33}; no votes yet gives {"count": 0, "average": null}."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        try:
            summary = page.rating_summary
        except ObjectDoesNotExist:
            return {"count": 0, "average": None}
        return {"count": summary.count, "average": summary.average}


ARTICLE_API_FIELDS = [
    APIField("sapo", serializer=SapoField(read_only=True)),
    APIField("date"),
    APIField("article_type"),
    APIField("deadline"),  # a notice's; with notice_valid_until, null for other articles
    APIField("notice_valid_until"),
    APIField("pinned"),
    APIField("source"),
    APIField("authors", serializer=AuthorsField(read_only=True)),
    APIField("provinces", serializer=TagsField(source="province_items", read_only=True)),
    APIField("partners", serializer=TagsField(source="partner_items", read_only=True)),
    APIField("feature_image", serializer=ImageRenditionField(FEATURE_IMAGE_SPEC, read_only=True)),
    APIField("rating", serializer=RatingField(read_only=True)),
]
# Filtered by their own backends below, or not filterable at all (a withdrawn lead stays unread).
NOT_FIELD_FILTERS = {"sapo", "authors", "provinces", "partners", "rating"}


class SafeFieldsFilter(FieldsFilter):
    """Wagtail's ?field=value filter, with values the database refuses answered as 400."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValidationError, ValueError, TypeError) as error:
            raise BadRequestError(f"field filter error: {error}") from error


class ArticleTypeFilter:
    """?article_type=thong-bao: articles of one type; a type that does not exist is a 400,
    not an empty list that looks like "no notices"."""

    def filter_queryset(self, request, queryset, view):
        if "article_type" not in request.GET:
            return queryset
        if not issubclass(queryset.model, ArticlePage):
            raise BadRequestError("filtering by article_type needs type=news.ArticlePage")
        value = request.GET["article_type"]
        if value not in ArticleType.values:
            known = ", ".join(ArticleType.values)
            raise BadRequestError(f"unknown article_type: {value or '(empty)'} (one of {known})")
        return queryset  # Wagtail's field filter (SafeFieldsFilter) filters by it


class TaxonomyFilter:
    """?provinces=long-an,tay-ninh and ?partners=vng: articles tagged with every slug given.

    A current province also matches the former units merged into it.
    """

    def filter_queryset(self, request, queryset, view):
        for name, model in (("provinces", Province), ("partners", Partner)):
            if name not in request.GET:
                continue
            if not issubclass(queryset.model, ArticlePage):
                raise BadRequestError(f"filtering by {name} needs type=news.ArticlePage")
            slugs = [slug.strip() for slug in request.GET[name].split(",") if slug.strip()]
            found = {tag.slug: tag for tag in model.objects.filter(slug__in=slugs)}
            unknown = [slug for slug in slugs if slug not in found]
            if unknown or not slugs:
                raise BadRequestError(f"unknown {name}: {', '.join(unknown) or '(empty)'}")
            for slug in slugs:
                if model is Province:
                    queryset = listings.in_provinces(queryset, listings.province_units(found[slug]))
                else:
                    queryset = listings.with_partner(queryset, found[slug])
        return queryset


class FoldedSearchFilter:
    """?search=: accent-blind like the site's search; articles are found and ranked the same way,
    other pages through the Wagtail search index with the query folded."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        text = request.GET["search"]
        # Long queries cost the database more and, past a few hundred words, overflow
        # the stack of Wagtail's query builder; readers' searches are short.
        if len(text) > MAX_QUERY_LENGTH or len(words(text)) > MAX_TERMS:
            raise BadRequestError(f"search cannot be longer than {MAX_QUERY_LENGTH} characters or {MAX_TERMS} words")
        if getattr(queryset, "_filtered_by_tag", False):
            raise BadRequestError("filtering by tag with a search query is not supported")
        operator = request.GET.get("search_operator") or None
        if operator not in (None, "and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if issubclass(queryset.model, ArticlePage):
            query = SearchQuery.parse(text)
            if not query:
                return queryset.none()
            found = query.filter(queryset)
            return found if "order" in request.GET else query.rank(found)
        try:
            return get_search_backend().search(
                " ".join(words(text)) or MATCH_NONE,
                queryset,
                operator=operator,
                order_by_relevance="order" not in request.GET,
            )
        except (FilterFieldError, OrderByFieldError) as error:
            raise BadRequestError(f"cannot search with this filter or order: {error.field_name}") from error


class BoundedPagination(WagtailPagination):
    """Wagtail's ?offset=&limit=, with an offset the database cannot take answered as 400."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            offset = int(request.GET.get("offset", 0))
        except ValueError:
            offset = 0  # Wagtail's own message follows
        if offset > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class PortalPagesAPIViewSet(PagesAPIViewSet):
    pagination_class = BoundedPagination
    filter_backends = [
        ArticleTypeFilter,
        SafeFieldsFilter,
        TaxonomyFilter,
        *[backend for backend in PagesAPIViewSet.filter_backends if backend not in (FieldsFilter, SearchFilter)],
        FoldedSearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["provinces", "partners", "article_type"])

    @classmethod
    def get_body_fields(cls, model):
        fields = super().get_body_fields(model)
        if issubclass(model, ArticlePage):
            fields += ARTICLE_API_FIELDS
        return fields

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only)
        if db_fields_only:
            fields = [field for field in fields if field not in NOT_FIELD_FILTERS]
        return fields

    def get_queryset(self):
        queryset = super().get_queryset()
        if issubclass(queryset.model, ArticlePage):
            queryset = (
                ArticlePage.objects.published()
                .filter(pk__in=queryset.values("pk"))
                .select_related("locale", "feature_image", "rating_summary")
                .prefetch_related(drawn_renditions("feature_image__renditions", SHARE))
                .with_authors()
            )
            queryset = listings.with_tags(queryset).order_by("id")
        return queryset

    def find_object(self, queryset, request):
        # /find/?id=: Wagtail hands the text to the query, where "abc" or a number past
        # the 64-bit range raised a 500.
        if "html_path" not in request.GET and "id" in request.GET:
            value = request.GET["id"]
            if not (value.isascii() and value.isdigit()):
                raise BadRequestError("id must be a positive integer")
            if len(value) > len(str(MAX_OFFSET)) or int(value) > MAX_OFFSET:
                return None
        return super().find_object(queryset, request)

    def get_base_queryset(self):
        # Private pages stay out even for readers who could open them on the site. Built once
        # per request: Wagtail reads the view restrictions each time it is asked.
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = super().get_base_queryset().public()
        return self._base_queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
