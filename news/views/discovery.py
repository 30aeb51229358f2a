"""Finding articles: search, and the province, partner and author pages (PRODUCT.md §5, §7)."""

import datetime

from django import forms
from django.db.models import F
from django.forms.utils import flatatt
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from home.worker_cache import remember
from news import listings
from news.models import ArticlePage, Author, Partner, Province, SectionPage
from news.pagination import paginate_articles, paginate_list
from news.search import RANKED_MATCHES, SearchQuery, highlight, snippet, words

PARTNERS_PAGE_SIZE = 60
AGREEMENTS_SHOWN = 20
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
FILTERS = ("tinh", "doi-tac", "chuyen-muc", "tu-ngay", "den-ngay")
# Dates searched are kept in this range: at year 1 or 9999, turning a day into a UTC
# range overflows Python's dates.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)
RANKED_MATCHES_SHOWN = f"{RANKED_MATCHES:,}".replace(",", ".")  # "1.000"


class QuickSelect(forms.Select):
    """A <select> written out in Python, the same markup as Django's: rendering the ~300
    provinces, partners and sections through one widget template per option took more
    time than the whole search."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(option), mark_safe(" selected") if str(option) in chosen else "", label)  # noqa: S308
                for option, label in self.choices
            ),
        )
        return format_html(
            "<select{}>{}</select>", flatatt({"name": name, **self.build_attrs(self.attrs, attrs)}), options
        )


class SearchForm(forms.Form):
    """The search box and its filters; the field names are the public query parameters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Day first, as Vietnamese write dates: a browser's own date picker follows its
        # language, not the page's, and shows month/day/year in most.
        date_widget = forms.DateInput(
            format="%d/%m/%Y",
            attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "autocomplete": "off", "maxlength": 10},
        )
        self.fields["q"] = forms.CharField(label=_("Keywords"), required=False, strip=True)
        self.fields["tinh"] = forms.ModelChoiceField(
            Province.objects.select_related("merged_into"),
            to_field_name="slug",
            required=False,
            widget=QuickSelect,
            label=_("Province"),
            empty_label=_("All provinces"),
        )
        self.fields["doi-tac"] = forms.ModelChoiceField(
            Partner.objects.all(),
            to_field_name="slug",
            required=False,
            widget=QuickSelect,
            label=_("Partner"),
            empty_label=_("All partners"),
        )
        self.fields["chuyen-muc"] = forms.ModelChoiceField(
            SectionPage.objects.live().public().order_by("path"),
            to_field_name="slug",
            required=False,
            widget=QuickSelect,
            label=_("Section"),
            empty_label=_("All sections"),
        )
        for name in ("tinh", "doi-tac", "chuyen-muc"):
            self._remember_options(name)
        self.fields["tu-ngay"] = forms.DateField(
            label=_("From"), required=False, input_formats=DATE_INPUT_FORMATS, widget=date_widget
        )
        self.fields["den-ngay"] = forms.DateField(
            label=_("To"), required=False, input_formats=DATE_INPUT_FORMATS, widget=date_widget
        )

    def _remember_options(self, name):
        """The filter's ~100–300 options built once per worker until a province, partner or
        section changes (their signals call `content_changed()`); choosing one still looks
        it up in the database."""
        field = self.fields[name]
        key = ("search-options", name, get_language())
        field.widget.choices = remember(key, lambda: [(str(value), str(label)) for value, label in field.choices])

    def clean(self):
        cleaned = super().clean()
        self.notices = []
        for name in ("tu-ngay", "den-ngay"):
            day = cleaned.get(name)
            if day and not EARLIEST_DATE <= day <= LATEST_DATE:
                cleaned[name] = min(max(day, EARLIEST_DATE), LATEST_DATE)
                self.notices = [
                    gettext(
                        "Articles are searched from %(earliest)s to %(latest)s: "
                        "a date outside was changed to the nearest of the two."
                    )
                    % {"earliest": EARLIEST_DATE.strftime("%d/%m/%Y"), "latest": LATEST_DATE.strftime("%d/%m/%Y")}
                ]
        start, end = cleaned.get("tu-ngay"), cleaned.get("den-ngay")
        if start and end and start > end:
            raise forms.ValidationError(gettext("The start date must not be after the end date."))
        return cleaned

    @property
    def filters_in_use(self):
        """How many filters the query sets, valid or not: shown on the "Lọc" control."""
        return sum(1 for name in FILTERS if self.data.get(name))

    @property
    def has_filters(self):
        return any(self.cleaned_data.get(name) for name in FILTERS)

    def filter(self, articles):
        data = self.cleaned_data
        if data.get("tinh"):
            articles = listings.in_provinces(articles, listings.province_units(data["tinh"]))
        if data.get("doi-tac"):
            articles = listings.with_partner(articles, data["doi-tac"])
        if data.get("chuyen-muc"):
            articles = articles.child_of(data["chuyen-muc"])
        if data.get("tu-ngay"):
            articles = articles.filter(date__gte=_start_of(data["tu-ngay"]))
        if data.get("den-ngay"):
            articles = articles.filter(date__lt=_start_of(data["den-ngay"] + datetime.timedelta(days=1)))
        return articles


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def search(request):
    """/tim-kiem/?q=…&tinh=…&doi-tac=…&chuyen-muc=…&tu-ngay=…&den-ngay=…&page=N"""
    form = SearchForm(request.GET)
    context = {"form": form, "search_query": request.GET.get("q", "")[:255], "searched": False}
    if not form.is_valid():
        return render(request, "news/search.html", context)
    query = SearchQuery.parse(form.cleaned_data["q"])
    if not query and not form.has_filters:
        return render(request, "news/search.html", context)

    articles = form.filter(ArticlePage.objects.published())
    promotions = promoted_pages(form.cleaned_data["q"]) if query else []
    if promotions:
        articles = articles.exclude(pk__in=[page.pk for page, _ in promotions])
    # Only the newest RANKED_MATCHES matches are ranked and paged (narrow rows: ids and
    # titles); the page's articles are then fetched in full.
    if query:
        ids, more = query.ranked_ids(articles)
    else:
        ids = list(articles.newest_first().values_list("pk", flat=True)[: RANKED_MATCHES + 1])
        ids, more = ids[:RANKED_MATCHES], len(ids) > RANKED_MATCHES
    results = paginate_list(request, ids)
    found = ArticlePage.objects.filter(pk__in=list(results)).for_cards().in_bulk()
    results.object_list = [found[pk] for pk in results.object_list if pk in found]
    marked = query.highlight_words
    context.update(
        searched=True,
        results=results,
        more_results=more,
        ranked_matches=RANKED_MATCHES_SHOWN,
        highlighted=[
            (
                article,
                highlight(article.title, marked),
                highlight(snippet(article.shown_sapo, marked), marked),
            )
            for article in results
        ],
        promotions=promotions if results.number == 1 else [],
    )
    return render(request, "news/search.html", context)


def promoted_pages(text):
    """[(page, description)] that editors promoted for this query, matched without accents."""
    folded = words(text)
    if not folded:
        return []
    promoted_queries = Query.objects.filter(editors_picks__isnull=False).distinct().values_list("pk", "query_string")
    query_ids = [pk for pk, query_string in promoted_queries if words(query_string) == folded]
    if not query_ids:
        return []
    picks = list(
        SearchPromotion.objects.filter(query_id__in=query_ids, page__isnull=False).order_by("sort_order", "pk")
    )
    visible = Page.objects.live().public().filter(pk__in=[pick.page_id for pick in picks]).specific()
    pages = {page.pk: page for page in visible}
    seen, promoted = set(), []
    for pick in picks:
        if pick.page_id in pages and pick.page_id not in seen:
            seen.add(pick.page_id)
            promoted.append((pages[pick.page_id], pick.description))
    return promoted


def province_index(request):
    """/tinh-thanh/: the 34 units in force, each with its former units and article counts."""
    return render(request, "news/province_index.html", {"provinces": listings.current_provinces_with_counts()})


def province_detail(request, slug):
    """/tinh-thanh/<slug>/: a unit's articles, with those of the former units merged into it."""
    province = get_object_or_404(Province.objects.select_related("merged_into"), slug=slug)
    units = province.units()
    articles = listings.in_provinces(ArticlePage.objects.published(), [unit.pk for unit in units])
    context = {
        "province": province,
        "former_units": units[1:],
        "articles": paginate_articles(request, articles.for_cards()),
        "feed_url": reverse("news:province_feed", args=[province.slug]),
    }
    return render(request, "news/province_detail.html", context)


def partner_index(request):
    """/doi-tac/: partners with published articles, with their counts."""
    return render(
        request,
        "news/partner_index.html",
        {"partners": paginate_list(request, list(listings.partners_with_counts()), PARTNERS_PAGE_SIZE)},
    )


def partner_detail(request, slug):
    """/doi-tac/<slug>/: a partner's articles and its agreements, in force or expired."""
    partner = get_object_or_404(Partner.objects.select_related("logo"), slug=slug)
    articles = listings.partner_articles(partner)
    page = paginate_articles(request, articles.for_cards())
    context = {
        "partner": partner,
        "articles": page,
        "feed_url": reverse("news:partner_feed", args=[partner.slug]),
    }
    if page.number == 1:
        order = (F("signing_date").desc(nulls_last=True), "-date", "-pk")
        context["agreements_in_force"] = list(articles.agreements(in_force=True).order_by(*order)[:AGREEMENTS_SHOWN])
        context["agreements_expired"] = list(articles.agreements(in_force=False).order_by(*order)[:AGREEMENTS_SHOWN])
    return render(request, "news/partner_detail.html", context)


def author_index(request):
    """/tac-gia/: authors of published articles, with their counts."""
    authors = paginate_list(request, list(listings.authors_with_counts()), PARTNERS_PAGE_SIZE)
    return render(request, "news/author_index.html", {"authors": authors})


def author_detail(request, slug):
    """/tac-gia/<slug>/: an author's articles, newest first."""
    author = get_object_or_404(Author, slug=slug)
    articles = paginate_articles(request, listings.author_articles(author).for_cards())
    return render(request, "news/author_detail.html", {"author": author, "articles": articles})
