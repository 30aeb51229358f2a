"""Turning a `SourceArticle` into an unsaved ArticlePage with its authors and tags.

Shared by `load_demo` and `import_articles`, so the demo articles and imported ones are built alike.
"""

from django.utils import timezone
from django.utils.html import escape

from wagtail.models import Page

from home.vietnamese import normalize, slugify
from news.models import ArticlePage, ArticlePageAuthor, Author, Partner

SLUG_MAX_LENGTH = 200


def author_for(byline):
    """The Author of a byline ("Hùng Cường", "Sở TT&TT Long An"), created the first time it is seen."""
    name, unit = normalize(byline.name.strip()), normalize(byline.unit.strip())
    author = Author.objects.filter(name=name, organisation=unit).first()
    if author is None and not unit:
        author = Author.objects.filter(name=name).first()
    return author or Author.objects.create(name=name, organisation=unit)


def partner_for(name):
    """The Partner called `name` (partners are free tags), created the first time it is seen."""
    name = normalize(" ".join(name.split()))
    slug = slugify(name, max_length=90)
    partner = Partner.objects.filter(name__iexact=name).first() or Partner.objects.filter(slug=slug).first()
    return partner or Partner.objects.create(name=name, slug=slug)


def unique_slug(parent, title):
    """An ASCII slug of `title` that no sibling under `parent` uses yet."""
    base = slugify(title, max_length=SLUG_MAX_LENGTH) or "bai-viet"
    taken = set(Page.objects.child_of(parent).filter(slug__startswith=base).values_list("slug", flat=True))
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def body_stream(blocks, images):
    """The StreamField value of a `SourceArticle`'s blocks; images not in `images` are left out."""
    body = []
    for kind, value in blocks:
        if kind == "paragraph":
            body.append(("paragraph", f"<p>{escape(value)}</p>"))
        elif kind == "html":
            body.append(("paragraph", value))
        elif kind == "image" and value in images:
            body.append(("image", {"image": images[value], "caption": "", "credit": ""}))
        elif kind == "table":
            body.append(("table", {"data": value, "first_row_is_table_header": False, "first_col_is_header": False}))
    return body


def build_article_page(article, images, provinces=(), feature_image=None):
    """An unsaved ArticlePage for `article`, to be added under a section with `add_child`.

    `images` maps the article's image keys to PortalImages; `feature_image`, when given,
    replaces the export's own first photo (which then opens the body).
    """
    blocks = list(article.blocks)
    feature = images.get(article.feature_image) if article.feature_image else None
    if feature_image is not None:
        if feature is not None:
            blocks.insert(0, ("image", article.feature_image))
        feature = feature_image
    page = ArticlePage(
        title=article.title,
        sapo=article.sapo,
        body=body_stream(blocks, images),
        date=article.date or timezone.now(),
        source=article.source,
        feature_image=feature,
    )
    page.authors = [ArticlePageAuthor(author=author_for(byline)) for byline in article.authors]
    page.provinces.set(list(provinces))
    page.partners.set([partner_for(name) for name in article.partners])
    return page
