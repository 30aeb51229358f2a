"""The admin report "Đánh giá bài viết": every article's votes, sortable, filterable, exportable."""

import django_filters

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from home.vietnamese import format_decimal

from .models import ArticlePage, ArticleRating, Province, SectionPage


def local_date(page):
    """The day of publication in the portal's time zone (a UTC date is a day early before 07:00)."""
    return timezone.localdate(page.date)


class RatingsReportFilterSet(WagtailFilterSet):
    section = django_filters.ModelChoiceFilter(
        label=_("Section"), queryset=SectionPage.objects.order_by("title"), method="filter_section"
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Province"), queryset=Province.objects.order_by("name"), method="filter_province"
    )
    date = django_filters.DateFromToRangeFilter(label=_("Publication date"), widget=DateRangePickerWidget)

    class Meta:
        model = ArticlePage
        fields = ["section", "province", "date"]

    def filter_section(self, queryset, name, value):
        return queryset.child_of(value) if value else queryset

    def filter_province(self, queryset, name, value):
        return queryset.filter(province_items__tag__in=value.units()).distinct()


# Cells a spreadsheet would run as a formula (OWASP "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value):
    """A text cell for the CSV export: one that a spreadsheet would run as a formula
    ("=HYPERLINK(…)" in an article title) gets a leading "'", so it shows as text.
    (Wagtail's XLSX export already stores such cells as text.)"""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


class RatingsReportView(ReportView):
    """Count, average and distribution of reader ratings per article."""

    page_title = _("Article ratings")
    header_icon = "pick"
    model = ArticleRating
    permission_policy = ModelPermissionPolicy(ArticleRating)
    permission_required = "view"
    filterset_class = RatingsReportFilterSet
    index_url_name = "news_ratings_report"
    index_results_url_name = "news_ratings_report_results"
    default_ordering = "-rating_summary__count"
    columns = [
        TitleColumn("title", label=_("Article"), url_name="wagtailadmin_pages:edit"),
        Column("date", label=_("Publication date"), accessor=local_date, sort_key="date"),
        Column("count", label=_("Votes"), accessor="rating_summary.count", sort_key="rating_summary__count"),
        Column("average", label=_("Average"), accessor=lambda page: format_decimal(page.rating_summary.average, 2)),
        *[
            Column(
                f"score_{s}", label=f"{s}★", accessor=f"rating_summary.score_{s}", sort_key=f"rating_summary__score_{s}"
            )
            for s in range(1, 6)
        ],
    ]
    list_export = ["title", "date_display", "rating_summary.count", "rating_summary.average"] + [
        f"rating_summary.score_{s}" for s in range(1, 6)
    ]
    custom_value_preprocess = {**ReportView.custom_value_preprocess, str: {ReportView.FORMAT_CSV: csv_text}}
    # As on screen ("4,83"); the XLSX keeps the number, which Excel shows in its own locale.
    custom_field_preprocess = {
        "rating_summary.average": {ReportView.FORMAT_CSV: lambda value: format_decimal(value, 2)}
    }
    export_headings = {
        "title": _("Article"),
        "date_display": _("Publication date"),
        "rating_summary.count": _("Votes"),
        "rating_summary.average": _("Average"),
        **{f"rating_summary.score_{s}": f"{s}★" for s in range(1, 6)},
    }

    def get_filename(self):
        return f"danh-gia-bai-viet-{timezone.localdate():%Y-%m-%d}"

    def stream_csv(self, queryset):
        # A byte-order mark first: Excel on Windows reads a CSV without one in the system's
        # code page, and the Vietnamese comes out garbled.
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def get_queryset(self):
        self.queryset = ArticlePage.objects.filter(rating_summary__count__gt=0).select_related("rating_summary")
        return super().get_queryset()

    def get_index_url(self):
        return reverse(self.index_url_name)
