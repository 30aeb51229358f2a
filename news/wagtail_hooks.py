from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ArticleRating, Author, Partner, Province
from .reports import RatingsReportView


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "organisation", "position"]
    search_fields = ["name", "organisation"]


class ProvinceViewSet(SnippetViewSet):
    """The province list is fixed by law: editors may read it, administrators correct it."""

    model = Province
    icon = "site"
    menu_label = _("Provinces")
    list_display = ["name", "is_current", "merged_into"]
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
    search_fields = ["name", "full_name"]
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
    ]


class RatingsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("news.view_articlerating")


@hooks.register("register_reports_menu_item")
def register_ratings_report_menu_item():
    return RatingsReportMenuItem(_("Article ratings"), reverse("news_ratings_report"), icon_name="pick", order=950)
