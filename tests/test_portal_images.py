"""home/templatetags/portal_images: Wagtail's image tags, with their parsed filters kept."""

import pytest

from django.template import Context, Template, TemplateSyntaxError

from tests.factories import PortalImageFactory

TAGS = [
    '{% picture img format-{webp,jpeg} fill-{320x200,640x400} sizes="320px" loading="lazy" %}',
    '{% picture img format-{avif,webp,jpeg} width-{480,800} alt=text class="a&b" hidden=True title=None %}',
    '{% picture img width-{400,800} sizes="100vw" alt=text %}',
    "{% picture img fill-320x200 %}",
    "{% picture img format-{webp,jpeg} width-400 as pic %}{{ pic }}",
    '{% srcset_image img width-{400,800} sizes="100vw" %}',
    '{% image img fill-1200x630 alt="Ảnh" %}',
    "{% image img fill-1200x630 as og %}{{ og.url }} {{ og.width }}x{{ og.height }}",
]


@pytest.mark.django_db
@pytest.mark.parametrize("tag", TAGS)
def test_same_html_as_wagtails_tag(tag):
    image = PortalImageFactory(width=1600, height=1000)
    context = {"img": image, "text": "Lễ ký kết \"Tỉnh Đoàn\" & <VNPT> 'Lạng Sơn'"}
    ours = Template("{% load portal_images %}" + tag).render(Context(context))
    wagtails = Template("{% load wagtailimages_tags %}" + tag).render(Context(context))
    assert ours == wagtails
    assert "/images/" in ours


@pytest.mark.django_db
def test_a_tag_parses_its_filters_once_for_every_render():
    template = Template("{% load portal_images %}{% picture img format-{webp,jpeg} width-{480,800} %}")
    node = template.nodelist[-1]
    first = node.get_filters()
    for image in PortalImageFactory.create_batch(2, width=1600, height=1000):
        html = template.render(Context({"img": image}))
        assert html.count("<source") == 1 and html.count(".webp") == 2
    specs = ["format-webp|width-480", "format-webp|width-800", "format-jpeg|width-480", "format-jpeg|width-800"]
    assert [item.spec for item in first] == specs
    assert node.get_filters() is first


def test_bad_spec_is_refused_as_wagtails_tag_refuses_it():
    with pytest.raises(TemplateSyntaxError, match="filter specs in image tags"):
        Template("{% load portal_images %}{% picture img fill-10x10! %}")


def test_missing_image_renders_nothing():
    assert Template("{% load portal_images %}{% picture img width-400 %}").render(Context({"img": None})) == ""


def test_attributes_are_written_as_djangos_flatatt_writes_them():
    from django.forms.utils import flatatt
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    from home.templatetags.portal_images import attributes

    attrs = {"src": "/a b.jpg", "alt": 'Ảnh "Lạng Sơn" & <VNPT>', "hidden": True, "title": None, "open": False}
    attrs |= {"data-safe": mark_safe("<b>"), "lang": gettext_lazy("Home"), "width": 320}
    assert attributes(attrs) == str(flatatt(attrs))
    assert attributes(attrs) == (
        ' alt="Ảnh &quot;Lạng Sơn&quot; &amp; &lt;VNPT&gt;" data-safe="<b>" lang="Trang chủ"'
        ' src="/a b.jpg" width="320" hidden'
    )
