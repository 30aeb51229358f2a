import django_filters

from django.db.models import CharField
from django.db.models.functions import Cast
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Revision, WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from .dashboard import newsroom_panels
from .models import ArticlePage, ArticleRating, Author, LegalDocument, Partner, Province, SectionPage
from .reports import RatingsReportView
from .views import tags


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "organisation", "position"]


class ProvinceIndexView(IndexView):
    def search_queryset(self, queryset):
        # Accent-blind like every other admin search; the list is too short to need an index.
        if not self.is_searching:
            return queryset
        return queryset.filter(name__in=Province.matching(self.search_query))


class ProvinceViewSet(SnippetViewSet):
    """The province list is fixed by law: editors may read it, administrators correct it."""

    model = Province
    index_view_class = ProvinceIndexView
    icon = "site"
    menu_label = _("Provinces")
    list_display = [
        "name",
        # Yes/no in words: Wagtail's BooleanColumn titles its icons "True"/"False", in English.
        Column(
            "is_current",
            label=Province._meta.get_field("is_current").verbose_name,
            accessor=lambda province: _("Yes") if province.is_current else _("No"),
        ),
        "merged_into",
    ]
    list_filter = ["is_current", "is_pre_2025"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("is_current"),
        FieldPanel("is_pre_2025"),
        FieldPanel("merged_into"),
    ]


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "full_name", "website"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("full_name"),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, ProvinceViewSet, PartnerViewSet)
    menu_icon = "tag"
    menu_label = _("Classification")
    menu_name = "classification"


register_snippet(TaxonomyViewSetGroup)


class LegalDocumentViewSet(SnippetViewSet):
    """The legal-document register: editors keep it, /van-ban/ publishes it, articles link to it."""

    model = LegalDocument
    icon = "doc-full-inverse"
    menu_label = _("Legal documents")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["symbol", "document_type", "issuer", "issued_on", "status"]
    list_filter = ["document_type", "status"]
    ordering = ["-issued_on", "symbol"]


register_snippet(LegalDocumentViewSet)


class ArticleRatingViewSet(SnippetViewSet):
    """Single votes, so that an editor with the delete permission can remove abusive ones."""

    model = ArticleRating
    icon = "pick"
    menu_label = _("Votes")
    add_to_admin_menu = False
    list_display = ["page", "score", "created_at", "address_hash"]
    list_filter = ["score", "created_at"]
    inspect_view_enabled = True
    ordering = ["-created_at"]


register_snippet(ArticleRatingViewSet)


@hooks.register("register_admin_urls")
def register_ratings_report_urls():
    return [
        path("reports/danh-gia/", RatingsReportView.as_view(), name="news_ratings_report"),
        path(
            "reports/danh-gia/results/",
            RatingsReportView.as_view(results_only=True),
            name="news_ratings_report_results",
        ),
        path("goi-y/tinh-thanh/", tags.province_suggestions, name="news_province_suggestions"),
        path("goi-y/doi-tac/", tags.partner_suggestions, name="news_partner_suggestions"),
    ]


class RatingsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("news.view_articlerating")


@hooks.register("register_reports_menu_item")
def register_ratings_report_menu_item():
    return RatingsReportMenuItem(_("Article ratings"), reverse("news_ratings_report"), icon_name="pick", order=950)


class ArticleStatus:
    LIVE = "live"
    DRAFT = "draft"
    CHANGED = "changed"
    IN_MODERATION = "in_moderation"
    SCHEDULED = "scheduled"
    EXPIRED = "expired"
    CHOICES = [
        (LIVE, _("Published")),
        (DRAFT, _("Draft, never published or unpublished")),
        (CHANGED, _("Published, with unpublished changes")),
        (IN_MODERATION, _("Awaiting approval")),
        (SCHEDULED, _("Scheduled")),
        (EXPIRED, _("Expired")),
    ]


class ArticleFilterSet(PageListingViewSet.filterset_class):
    """Filters of the flat article listing: section, province, partner, author and status."""

    section = django_filters.ModelChoiceFilter(
        label=_("Section"), queryset=SectionPage.objects.order_by("path"), method="filter_section"
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Province"), queryset=Province.objects.order_by("name"), field_name="province_items__tag"
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"), queryset=Partner.objects.order_by("name"), field_name="partner_items__tag"
    )
    author = django_filters.ModelChoiceFilter(
        label=_("Author"), queryset=Author.objects.order_by("name"), field_name="authors__author"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ArticleStatus.CHOICES, method="filter_status")

    class Meta:
        model = ArticlePage
        fields = []

    def filter_section(self, queryset, name, value):
        return queryset.child_of(value) if value else queryset

    def filter_status(self, queryset, name, value):
        if value == ArticleStatus.LIVE:
            return queryset.filter(live=True)
        if value == ArticleStatus.DRAFT:
            return queryset.filter(live=False, expired=False)
        if value == ArticleStatus.CHANGED:
            return queryset.filter(live=True, has_unpublished_changes=True)
        if value == ArticleStatus.EXPIRED:
            return queryset.filter(expired=True)
        if value == ArticleStatus.SCHEDULED:
            scheduled = Revision.page_revisions.filter(approved_go_live_at__isnull=False).values("object_id")
            return queryset.annotate(pk_text=Cast("pk", CharField())).filter(pk_text__in=scheduled)
        if value == ArticleStatus.IN_MODERATION:
            in_progress = WorkflowState.objects.active().filter(base_content_type__model="page").values("object_id")
            return queryset.annotate(pk_text=Cast("pk", CharField())).filter(pk_text__in=in_progress)
        return queryset


class ArticleListingViewSet(PageListingViewSet):
    """Every article in one list, whatever its section, for editors to find and triage."""

    model = ArticlePage
    icon = "doc-full"
    menu_label = _("Articles")
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = ArticleFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("date", label=_("Publication date"), sort_key="date", accessor="date_display"),
    ]


@hooks.register("register_admin_viewset")
def register_article_listing():
    return ArticleListingViewSet("articles")


hooks.register("construct_homepage_panels", newsroom_panels)


@hooks.register("insert_editor_js")
def autosave_guard_js():
    """The page editor's actions wait for an autosave in progress (site/static/js/admin-autosave-guard.js)."""
    return format_html('<script src="{}"></script>', static("js/admin-autosave-guard.js"))
