from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.urls import reverse

from wagtail.signals import page_published, page_unpublished, post_page_move

from home.cache import renew
from home.furniture import content_changed

from . import sitemaps
from .models import (
    ArticlePage,
    ArticlePageAuthor,
    ArticlePagePartner,
    ArticlePageProvince,
    ArticleRating,
    ArticleRatingSummary,
    Author,
    Partner,
    Province,
)

# Pages listing every article, whichever its section and tags. The notice list and feed are
# renewed for every article: one that was a notice before this publish must leave them too.
LISTS_OF_EVERY_ARTICLE = ("news:feed", "news:search", "news:provinces", "news:partners", "news:authors", "sitemap")
LISTS_OF_EVERY_ARTICLE += ("news:notices", "news:notice_feed")


@receiver(post_delete, sender=ArticleRating)
def follow_removed_vote(sender, instance, **kwargs):
    """An editor removed an abusive vote: the article's summary follows, exactly."""
    ArticleRatingSummary.recompute(instance.page_id)


@receiver(post_save, sender=Author)
@receiver(post_save, sender=Partner)
@receiver(post_save, sender=Province)
@receiver(post_delete, sender=Author)
@receiver(post_delete, sender=Partner)
@receiver(post_delete, sender=Province)
def byline_or_tag_changed(sender, **kwargs):
    """Names shown on cached pages changed: the page cache turns over, and the search
    filters' options remembered by each worker (news/views/discovery.py) are rebuilt."""
    content_changed()


@receiver(page_published, sender=ArticlePage)
@receiver(page_unpublished, sender=ArticlePage)
@receiver(pre_delete, sender=ArticlePage)
def article_changed(sender, instance, **kwargs):
    """Renew what lists the article beyond its section and the home page (home/signals.py):
    feeds, the sitemap, search, its provinces', partners' and authors' pages, the API."""
    renew(article_urls(instance, instance.get_parent()))


@receiver(post_page_move, sender=ArticlePage)
def article_moved(sender, instance, parent_page_before, **kwargs):
    instance = instance.specific
    renew(article_urls(instance, instance.get_parent()) + article_urls(instance, parent_page_before))


@receiver(post_save, sender=ArticlePageProvince)
@receiver(post_delete, sender=ArticlePageProvince)
@receiver(post_save, sender=ArticlePagePartner)
@receiver(post_delete, sender=ArticlePagePartner)
@receiver(post_save, sender=ArticlePageAuthor)
@receiver(post_delete, sender=ArticlePageAuthor)
def article_link_changed(sender, instance, **kwargs):
    """A publish that drops a province, partner or author renews the page that listed it."""
    article = ArticlePage.objects.filter(
        pk=instance.page_id if sender is ArticlePageAuthor else instance.content_object_id
    )
    site_root = _site_root(article.first())
    if site_root is None:
        return
    if sender is ArticlePageAuthor:
        renew([site_root + path for path in _author_paths([instance.author])])
    else:
        renew([site_root + path for path in _tag_paths(sender, [instance.tag])])


def article_urls(article, section):
    """Full URLs of the lists that show `article` when it sits in `section`."""
    site_root = _site_root(article)
    if site_root is None:
        return []
    paths = [reverse(name) for name in LISTS_OF_EVERY_ARTICLE]
    paths += [reverse("news:section_feed", args=[section.slug]), reverse("sitemap-section", args=[sitemaps.SECTION])]
    paths += ["/api/v2/pages/", f"/api/v2/pages/{article.pk}/", reverse("news:saved_copy", args=[article.pk])]
    paths += _tag_paths(ArticlePageProvince, Province.objects.filter(tagged_articles__content_object=article))
    paths += _tag_paths(ArticlePagePartner, Partner.objects.filter(tagged_articles__content_object=article))
    paths += _author_paths(Author.objects.filter(pk__in=article.authors.values("author")))
    return [site_root + path for path in paths]


def _site_root(article):
    site = article.get_site() if article is not None else None
    return site.root_url if site is not None else None


def _tag_paths(through, tags):
    if through is ArticlePagePartner:
        return [
            path
            for tag in tags
            for path in (reverse("news:partner", args=[tag.slug]), reverse("news:partner_feed", args=[tag.slug]))
        ]
    # A former province's articles are also on the page of the unit it merged into.
    units = {unit for tag in tags for unit in (tag, tag.current_unit) if unit is not None}
    return [
        path
        for unit in units
        for path in (reverse("news:province", args=[unit.slug]), reverse("news:province_feed", args=[unit.slug]))
    ]


def _author_paths(authors):
    return [reverse("news:author", args=[author.slug]) for author in authors]
