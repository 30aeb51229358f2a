"""Wagtail's image tags (`image`, `srcset_image`, `picture`), with their filters parsed once.

Wagtail's nodes build new `Filter` objects on every render, and each new filter parses its
operations again (through `inspect`): a third of a picture's cost, on pages with twenty
pictures. A tag's filter specs are literal text, so the parsed filters are kept on the
compiled template's node and reused by every render; filters hold no per-render state.
"""

from django import template
from django.utils.functional import cached_property

from wagtail.images.templatetags import wagtailimages_tags as wagtail_tags

register = template.Library()


class KeptFilters:
    """What Wagtail's nodes build on every render (`get_filter` for `image`, `get_filters` for
    the others), built on the first and kept."""

    @cached_property
    def kept_filter(self):
        return super().get_filter()

    def get_filter(self):
        return self.kept_filter

    @cached_property
    def kept_filters(self):
        return super().get_filters()

    def get_filters(self):
        return self.kept_filters


class ImageNode(KeptFilters, wagtail_tags.ImageNode):
    pass


class SrcsetImageNode(KeptFilters, wagtail_tags.SrcsetImageNode):
    pass


class PictureNode(KeptFilters, wagtail_tags.PictureNode):
    pass


NODES = {"image": ImageNode, "srcset_image": SrcsetImageNode, "picture": PictureNode}


@register.tag("image")
@register.tag("srcset_image")
@register.tag("picture")
def image(parser, token):
    """The same syntax and output as Wagtail's tag of that name (its parser checks the arguments)."""
    parsed = wagtail_tags.image(parser, token)
    node = NODES[token.split_contents()[0]]
    return node(parsed.image_expr, parsed.filter_specs, output_var_name=parsed.output_var_name, attrs=parsed.attrs)
