"""/luu-bai/<id>/: an article saved as one self-contained HTML file (Nghị định 42/2022 Điều 7.1.c)."""

import base64

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string

from news.models import ArticlePage
from news.models.links import read_links_with_orm

# One size for every picture: sharp on paper and on a phone, a few hundred kilobytes each.
EMBEDDED_SPEC = "max-1000x1000|format-jpeg|jpegquality-75"


def saved_copy(request, page_id):
    """The live article's title, date, source, lead, pictures, body, byline and address in one
    file that opens anywhere, offline, with its pictures inside it."""
    article = get_object_or_404(ArticlePage.objects.published().select_related("feature_image"), pk=page_id)
    if article.withdrawn:
        raise Http404  # nothing of a withdrawn article to keep
    links = read_links_with_orm(article)
    context = {
        "page": article,
        "article_authors": links.authors,
        "canonical_url": article.get_full_url(request),
        "feature_image": embedded(article.feature_image),
        "body": [(block, embedded_block(block)) for block in article.body],
    }
    response = HttpResponse(render_to_string("news/saved_copy.html", context, request=request))
    response["Content-Disposition"] = f'attachment; filename="{article.slug[:120]}.html"'
    return response


def embedded(image):
    """(data: URL, alt text) of an image as a JPEG inside the page, or None."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(EMBEDDED_SPEC)
        with rendition.file.open("rb") as file:
            data = base64.b64encode(file.read()).decode("ascii")
    except OSError:  # a missing original: the copy is still worth having without it
        return None
    return {"src": f"data:image/jpeg;base64,{data}", "alt": image.alt_text, "image": image}


def embedded_block(block):
    """The pictures of an image or gallery block, embedded; other blocks render as on the page."""
    if block.block_type == "image":
        return [(embedded(block.value["image"]), block.value)]
    if block.block_type == "gallery":
        return [(embedded(item["image"]), item) for item in block.value["images"]]
    return None
