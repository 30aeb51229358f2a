import json
from urllib.parse import urljoin

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext

from news.models import ArticlePage, SectionPage

register = template.Library()

# What django.utils.html.json_script escapes, so the JSON can never close its <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def feed_links(context):
    """RSS autodiscovery: the portal's feed, the section's feed, and any `feeds` the view names."""
    links = [(gettext("Latest articles"), reverse("news:feed"))]
    page = context.get("page")
    section = page if isinstance(page, SectionPage) else None
    if isinstance(page, ArticlePage):
        section = context.get("page_section")
    if section is not None:
        links.append((section.title, reverse("news:section_feed", args=[section.slug])))
    links += context.get("feeds", [])
    return format_html_join("\n  ", '<link rel="alternate" type="application/rss+xml" title="{}" href="{}">', links)


@register.simple_tag(takes_context=True)
def article_json_ld(context, page, url, image=None, publisher=""):
    """schema.org NewsArticle for `page` at `url`, escaped like `json_script` so text can never end the script."""
    published = localtime(page.date)
    modified = max(published, localtime(page.last_published_at)) if page.last_published_at else published
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": gettext("This article has been withdrawn.") if page.withdrawn else page.sapo,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": published.isoformat(),
        "dateModified": modified.isoformat(),
        "inLanguage": "vi",
        "author": [
            {
                "@type": "Person",
                "name": item.author.name,
                # From the canonical address, not the request's host: the page is cached for every reader.
                "url": urljoin(url, reverse("news:author", args=[item.author.slug])),
                **(
                    {"affiliation": {"@type": "Organization", "name": item.author.organisation}}
                    if item.author.organisation
                    else {}
                ),
            }
            for item in context.get("article_authors", [])
        ],
        "publisher": {"@type": "Organization", "name": publisher},
    }
    if image:
        data["image"] = [image.full_url]
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
