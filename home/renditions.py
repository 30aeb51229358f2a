"""Renditions made ahead of time: a new image gets every size the templates ask for.

Without this, the first reader of a page with a new picture waits while Pillow resizes it
into eight files. `TEMPLATE_IMAGE_SPECS` are the filter specs of the templates' `picture` and
`image` tags, as written there; tests/test_tasks.py checks them against the templates.
With `TASKS_BACKEND=database` the worker makes them, otherwise they are made on upload.
A page reads back only the sizes it draws (`drawn_renditions`), not all of an image's.
"""

from django_tasks import task

from django.db import transaction
from django.db.models import Prefetch
from django.db.models.signals import post_save

from wagtail.images import get_image_model
from wagtail.images.models import Filter

FIGURE = "format-{webp,jpeg} width-{480,800,1200}"  # includes/figure.html
LEAD_CARD = "format-{webp,jpeg} fill-{480x300,800x500,1200x750}"  # includes/article_card.html, lead
CARD = "format-{webp,jpeg} fill-{320x200,640x400}"  # includes/article_card.html, news/search.html
SHARE = "fill-1200x630"  # news/article_page.html (og:image), the API
ENCLOSURE = "fill-1200x630|format-jpeg"  # the RSS enclosure
TEMPLATE_IMAGE_SPECS = [FIGURE, LEAD_CARD, CARD, SHARE, ENCLOSURE]


def rendition_specs(*patterns):
    """Every single spec of `patterns` (all of TEMPLATE_IMAGE_SPECS by default), braces
    expanded, without repeats."""
    specs = []
    for pattern in patterns or TEMPLATE_IMAGE_SPECS:
        specs += [spec for spec in Filter.expand_spec(pattern) if spec not in specs]
    return specs


def drawn_renditions(lookup, *patterns):
    """A prefetch of the renditions at `lookup` that `patterns` draw, not every size made ahead
    of time. Wagtail takes prefetched renditions as all there are: a size drawn but not
    listed here would be made again, so list every pattern the page draws."""
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(lookup, queryset=rendition_model.objects.filter(filter_spec__in=rendition_specs(*patterns)))


@task()
def make_renditions_task(image_id):
    """Make the template sizes of one image; an image deleted meanwhile needs none."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        image.get_renditions(*rendition_specs())


def image_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        transaction.on_commit(lambda: make_renditions_task.enqueue(instance.pk))


def connect():
    post_save.connect(image_saved, sender=get_image_model(), dispatch_uid="home.renditions.image_saved")
