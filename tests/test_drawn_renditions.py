"""Pages read back only the renditions they draw, and never make one that exists already."""

import pytest

from django.db.models.signals import post_init

from home.models import PortalImage
from home.renditions import rendition_specs

from .factories import ArticlePageFactory, PortalImageFactory


@pytest.fixture
def rendered():
    """Renditions loaded from the database while a block runs, and how many rows exist."""
    loaded = []

    def count(sender, instance, **kwargs):
        if instance.pk is not None:
            loaded.append(instance.filter_spec)

    rendition_model = PortalImage.get_rendition_model()
    post_init.connect(count, sender=rendition_model)
    yield loaded
    post_init.disconnect(count, sender=rendition_model)


@pytest.fixture
def site(section, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # every template size, made on upload
        images = [PortalImageFactory() for _ in range(4)]
    lead = ArticlePageFactory(
        parent=section,
        feature_image=images[0],
        provinces=["Long An"],
        body=[("image", {"image": images[1], "caption": "", "credit": ""})],
    )
    for image in images[2:]:
        ArticlePageFactory(parent=section, feature_image=image, provinces=["Long An"])
    return lead


@pytest.mark.parametrize(
    ("url", "most"),
    [
        ("article", 7 * 2 + 4 * 2),  # own figure sizes (and share), two related cards
        ("/", 10 * 3),  # the lead card and the small cards
        ("section", 4 * 3),
        ("/tim-kiem/?q=ky+ket", 4 * 3),
        ("/rss/", 1 * 3),
        ("/api/v2/pages/?type=news.ArticlePage&fields=feature_image", 1 * 3),
    ],
)
def test_a_page_loads_only_the_sizes_it_draws_and_makes_none(client, site, section, rendered, url, most):
    rendition_model = PortalImage.get_rendition_model()
    before = rendition_model.objects.count()
    assert before == 4 * len(rendition_specs())
    path = {"article": site.url, "section": section.url}.get(url, url)
    client.get(path)  # the worker's furniture
    rendered.clear()
    response = client.get(path)
    assert response.status_code == 200
    assert rendition_model.objects.count() == before  # nothing made again
    assert len(rendered) <= most, sorted(rendered)
