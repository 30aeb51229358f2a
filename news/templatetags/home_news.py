"""The home page's news blocks: editors' picks, notices, each section's latest, most read, top rated.

`home` knows nothing of news (home/templates/home/home_page.html only loads this tag), so
the news app fills in the home page.
"""

from django import template
from django.db import models

from home.renditions import CARD, LEAD_CARD, drawn_renditions
from home.worker_cache import current, remember
from news.models import ArticlePage, SectionPage
from news.models.article_queries import CARD_FIELDS

register = template.Library()

LATEST_PER_SECTION = 5
TOP_RATED_MIN_VOTES = 5
TOP_RATED_COUNT = 5
MOST_READ_DAYS = 7
MOST_READ_COUNT = 5
MOST_READ_MAX_AGE = 300  # seconds: counts move with every reader, the list need not
TOP_RATED_MAX_AGE = 300  # seconds: likewise with every vote (the article's own widget is always current)
NOTICES_COUNT = 5
NOTICES_MAX_AGE = 60  # seconds: the remembered notices are read again this often, to fill the places of expired ones


@register.inclusion_tag("news/includes/home_news.html", takes_context=True)
def home_news(context, page):
    """The news blocks of the home page `page`."""
    request = context["request"]
    furniture = current()
    if furniture is not None and (furniture.home.pk != page.pk or getattr(request, "is_preview", False)):
        furniture = None  # a preview shows the draft's picks; another site's home its own
    # The picks are rows of the live home page: publishing it renews the furniture.
    if furniture is None:
        picked = page.featured_article_ids()
        sections = SectionPage.objects.child_of(page).live().public().order_by("path")
    else:
        picked = remember("featured_article_ids", page.featured_article_ids)
        sections = furniture.public_children(SectionPage)
    featured = ArticlePage.objects.featured(picked)
    articles = ArticlePage.objects
    # Publishing or unpublishing renews the furniture, so an article taken down leaves both lists at once.
    top_rated = remember(
        "top_rated", lambda: list(articles.top_rated(TOP_RATED_MIN_VOTES, TOP_RATED_COUNT)), max_age=TOP_RATED_MAX_AGE
    )
    most_read = remember(
        "most_read", lambda: articles.most_read(MOST_READ_DAYS, MOST_READ_COUNT), max_age=MOST_READ_MAX_AGE
    )
    # Twice as many as shown, remembered until an article is published or NOTICES_MAX_AGE; those
    # expired since are dropped at each render, so an expired notice leaves at once by itself.
    notices = remember(
        "current_notices",
        lambda: list(articles.notices(expired=False).only(*CARD_FIELDS)[: NOTICES_COUNT * 2]),
        max_age=NOTICES_MAX_AGE,
    )
    blocks = articles.latest_by_section(sections, per_section=LATEST_PER_SECTION)
    # One renditions query for every picture on the page.
    cards = [*featured, *(article for _, articles in blocks for article in articles)]
    models.prefetch_related_objects(cards, drawn_renditions("feature_image__renditions", LEAD_CARD, CARD))
    return {
        "request": request,
        "featured_articles": featured,
        "notices": [notice for notice in notices if not notice.is_expired][:NOTICES_COUNT],
        "section_blocks": [(section, articles) for section, articles in blocks if articles],
        "top_rated_articles": top_rated,
        "most_read_articles": most_read,
    }
