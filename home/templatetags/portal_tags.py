from django import template
from django.utils import timezone, translation

from wagtail.models import Page, Site

from home import languages, vietnamese
from home.models import StandardPage
from home.wagtail_overrides import PortalPageQuerySet
from home.worker_cache import current

register = template.Library()

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@register.filter
def vi_datetime(value):
    """ "Thứ Bảy, 21/11/2026 09:30" (no time when it is 00:00)."""
    return vietnamese.format_datetime(value)


@register.filter
def vi_date(value):
    """ "02/02/2010"."""
    return vietnamese.format_date(value)


@register.filter
def vi_decimal(value, places=1):
    """4.333 → "4,3" (Vietnamese decimal comma)."""
    return vietnamese.format_decimal(value, int(places))


@register.simple_tag
def today():
    """ "Thứ Ba, 08/12/2026", or "Tuesday, 8 December 2026" on English pages."""
    day = timezone.localdate()
    if translation.get_language() == "en":
        return f"{WEEKDAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year}"
    return vietnamese.format_datetime(day)


@register.simple_tag(takes_context=True)
def language_links(context):
    """The home link, the language switch and the `hreflang` alternates of this page."""
    return languages.language_links(context.get("request"), context.get("page"))


@register.simple_tag(takes_context=True)
def english_pages(context):
    """The English section's pages (/en/'s children), the menu and footer of English pages."""
    return languages.english_section(context.get("request")).pages


@register.simple_tag(takes_context=True)
def main_sections(context):
    """The home page's children shown in menus, for the header navigation."""
    furniture = current()
    if furniture is not None:
        return furniture.menu
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    children = PortalPageQuerySet(Page).child_of(site.root_page).live().in_menu().public()
    return list(children.order_by("path"))


@register.simple_tag(takes_context=True)
def institutional_pages(context, language="vi"):
    """The home page's live, public institutional pages in `language` ("Giới thiệu", "Liên hệ")."""
    furniture = current()
    if furniture is not None:
        children = furniture.public_children(StandardPage)
    else:
        request = context.get("request")
        site = Site.find_for_request(request) if request else None
        if site is None:
            return []
        children = PortalPageQuerySet(StandardPage).child_of(site.root_page).live().public().order_by("path")
    return [page for page in children if page.language == language and page.slug != "en"]
