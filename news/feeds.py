"""RSS 2.0 feeds of the newest published articles (PRODUCT.md §7).

A feed object is shared by every request, so nothing request-specific is stored on it:
`get_object` returns a `FeedSubject` that the other methods read.
"""

import html
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.translation import gettext

from wagtail.models import Site

from home.models import PortalSettings
from home.renditions import ENCLOSURE
from news import listings
from news.models import ArticlePage, Partner, Province, SectionPage

FEED_SIZE = 50
ENCLOSURE_SPEC = "fill-1200x630|format-jpeg"
_AMPERSAND = re.compile(r"&[#0-9A-Za-z]*;?")


def plain_text_as_html(text):
    """A plain-text lead as the HTML a description holds, escaped no more than it must be.

    Readers parse a description as HTML, so "<" and ">" are escaped. "&" is escaped only
    where HTML would read a character reference ("&lt;", "&copy"): escaping every one put
    "&amp;amp;" in the XML and "Sở TT&amp;TT" before readers that show the text as it is.
    """
    text = _AMPERSAND.sub(lambda m: m[0] if html.unescape(m[0]) == m[0] else "&amp;" + m[0][1:], text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class FeedSubject:
    title: str
    link: str
    description: str
    articles: QuerySet
    site_root: str = ""  # the site's configured root URL, set by `get_feed`
    feed_path: str = ""


class ArticleFeed(Feed):
    """The newest articles of the whole portal: /rss/."""

    feed_type = Rss201rev2Feed
    language = "vi"

    def get_feed(self, subject, request):
        # Absolute URLs come from the site's configured root, never from the request's Host:
        # a port or spelling in it would be cached and served to every reader.
        site = Site.find_for_request(request)
        if site is None:
            raise Http404
        subject.site_root, subject.feed_path = site.root_url, request.path
        return super().get_feed(subject, request)

    def get_object(self, request, *args, **kwargs):
        agency = _agency_name(request)
        return FeedSubject(
            title=agency,
            link="/",
            description=gettext("The newest articles of %(agency)s") % {"agency": agency},
            articles=ArticlePage.objects.published(),
        )

    def title(self, subject):
        return subject.title

    def link(self, subject):
        return urljoin(subject.site_root, subject.link)

    def feed_url(self, subject):
        return urljoin(subject.site_root, subject.feed_path)

    def description(self, subject):
        return subject.description

    def items(self, subject):
        articles = subject.articles.newest_first().for_cards(sizes=(ENCLOSURE,)).with_authors()
        return list(listings.with_tags(articles)[:FEED_SIZE])

    def item_title(self, article):
        return article.title

    def item_link(self, article):
        return article.full_url

    def item_guid(self, article):
        return article.full_url

    item_guid_is_permalink = True

    def item_description(self, article):
        if article.withdrawn:
            return plain_text_as_html(gettext("This article has been withdrawn."))
        return plain_text_as_html(article.sapo)

    def item_pubdate(self, article):
        return timezone.localtime(article.date)

    def item_author_name(self, article):
        return ", ".join(item.author.name for item in article.authors.all()) or None

    def item_categories(self, article):
        return [item.tag.name for item in article.province_items.all()] + [
            item.tag.name for item in article.partner_items.all()
        ]

    def item_enclosures(self, article):
        if article.feature_image is None:
            return []
        try:
            rendition = article.feature_image.get_rendition(ENCLOSURE_SPEC)
            # The size is the only thing a feed asks the storage: remember it, so a feed of 50
            # items makes no storage request (an S3 HEAD each) once its renditions exist.
            length = cache.get_or_set(f"rendition-size:{rendition.file.name}", lambda: rendition.file.size, 86400)
        except OSError:  # SourceImageIOError included
            return []
        return [Enclosure(rendition.full_url, str(length), "image/jpeg")]


class ProvinceFeed(ArticleFeed):
    """/rss/tinh-thanh/<slug>/: a unit and the former units merged into it."""

    def get_object(self, request, slug):
        province = get_object_or_404(Province.objects.select_related("merged_into"), slug=slug)
        agency = _agency_name(request)
        return FeedSubject(
            title=f"{province.display_name} | {agency}",
            link=reverse("news:province", args=[slug]),
            description=gettext("Articles about %(province)s") % {"province": province.display_name},
            articles=listings.province_articles(province),
        )


class PartnerFeed(ArticleFeed):
    """/rss/doi-tac/<slug>/"""

    def get_object(self, request, slug):
        partner = get_object_or_404(Partner, slug=slug)
        agency = _agency_name(request)
        return FeedSubject(
            title=f"{partner.name} | {agency}",
            link=reverse("news:partner", args=[slug]),
            description=gettext("Articles about %(partner)s") % {"partner": partner.full_name or partner.name},
            articles=listings.partner_articles(partner),
        )


class NoticeFeed(ArticleFeed):
    """/rss/thong-bao/: the newest notices, each saying when it closes."""

    def get_object(self, request):
        agency = _agency_name(request)
        return FeedSubject(
            title=f"{gettext('Notices')} | {agency}",
            link=reverse("news:notices"),
            description=gettext("The notices of %(agency)s") % {"agency": agency},
            articles=ArticlePage.objects.notices(),
        )

    def item_description(self, article):
        description = super().item_description(article)
        if article.withdrawn or article.deadline is None:
            return description
        deadline = gettext("Application deadline: %(date)s.") % {"date": article.deadline_display}
        return f"{plain_text_as_html(deadline)} {description}"


class SectionFeed(ArticleFeed):
    """/rss/<section-slug>/: the articles of one section of the site's home page."""

    def get_object(self, request, slug):
        site = Site.find_for_request(request)
        if site is None:
            raise Http404
        sections = SectionPage.objects.child_of(site.root_page).live().public()
        section = get_object_or_404(sections, slug=slug)
        agency = _agency_name(request)
        return FeedSubject(
            title=f"{section.title} | {agency}",
            link=section.get_url(request),
            description=section.intro or section.title,
            articles=ArticlePage.objects.published().child_of(section),
        )


def _agency_name(request):
    return PortalSettings.for_request(request).agency_name
