"""Wagtail's image tags (`image`, `srcset_image`, `picture`), with their filters parsed once.

Wagtail's nodes build new `Filter` objects on every render, and each new filter parses its
operations again (through `inspect`): a third of a picture's cost, on pages with twenty
pictures. A tag's filter specs are literal text, so the parsed filters are kept on the
compiled template's node and reused by every render; filters hold no per-render state.

`picture` also writes its HTML itself: Django's `flatatt`, which Wagtail uses for every
`<source>` and `<img>`, made half of a picture's remaining cost (a safe string and a lazy-text
check per attribute). The HTML is the same, to the character (tests/test_portal_images.py).
"""

import html

from django import template
from django.apps import apps
from django.utils.functional import Promise, cached_property
from django.utils.safestring import mark_safe

from wagtail.images.models import Picture
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


def _escaped(value):
    """What Django's `conditional_escape` makes of an attribute's name or value."""
    if isinstance(value, Promise):
        value = str(value)
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def attributes(attrs):
    """The text Django's `flatatt` makes of `attrs`: valued attributes sorted by name, then
    the ones set to True; None and False left out."""
    valued = sorted((name, value) for name, value in attrs.items() if value is not None and not isinstance(value, bool))
    flags = [name for name, value in attrs.items() if value is True]
    return "".join(f' {_escaped(name)}="{_escaped(value)}"' for name, value in valued) + "".join(
        f" {_escaped(name)}" for name in flags
    )


class PortalPicture(Picture):
    """Wagtail's `Picture`, written out with `attributes` instead of `flatatt`."""

    def __html__(self):
        attrs = dict(self.attrs or {})
        if self.formats:
            fallback = self.get_fallback_format()
            fallback_renditions = self.formats[fallback]
            sources = [
                "<source{}>".format(
                    attributes(
                        {
                            "srcset": self.get_width_srcset(self.formats[source.name]),
                            "sizes": attrs.get("sizes"),
                            "type": source.mime_type,
                        }
                    )
                )
                for source in self.source_format_order
                if source.name != fallback and source.name in self.formats
            ]
        else:
            fallback_renditions, sources = self.renditions, []
        if len(fallback_renditions) > 1:
            attrs["srcset"] = self.get_width_srcset(fallback_renditions)
        first = fallback_renditions[0]
        img = {**first.attrs_dict, **apps.get_app_config("wagtailimages").default_attrs, **attrs}
        return mark_safe(f"<picture>{''.join(sources)}<img{attributes(img)}></picture>")  # noqa: S308 -- escaped above


class PictureNode(KeptFilters, wagtail_tags.PictureNode):
    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = wagtail_tags.get_renditions_or_not_found(image, self.get_filters())
        if self.output_var_name:
            context[self.output_var_name] = PortalPicture(renditions)
            return ""
        return PortalPicture(renditions, {key: value.resolve(context) for key, value in self.attrs.items()}).__html__()


NODES = {"image": ImageNode, "srcset_image": SrcsetImageNode, "picture": PictureNode}


@register.tag("image")
@register.tag("srcset_image")
@register.tag("picture")
def image(parser, token):
    """The same syntax and output as Wagtail's tag of that name (its parser checks the arguments)."""
    parsed = wagtail_tags.image(parser, token)
    node = NODES[token.split_contents()[0]]
    return node(parsed.image_expr, parsed.filter_specs, output_var_name=parsed.output_var_name, attrs=parsed.attrs)
