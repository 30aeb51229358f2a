"""An old portal's HTML body, split into the blocks of `BodyStreamBlock`.

The splitting (paragraphs, headings, lists, tables, photos in reading order) is ours; the
markup inside each block is cleaned by Wagtail's own whitelister (`wagtail.whitelist`), with
the rules Wagtail registers for the paragraph editor's inline features, so an import keeps
no more than an editor could type.
"""

import re
from functools import cache
from pathlib import PurePath

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from django.utils.html import escape

from wagtail.admin.rich_text.converters.editor_html import WhitelistRule
from wagtail.rich_text import features as feature_registry
from wagtail.whitelist import Whitelister, allow_without_attributes

from home.blocks import BodyStreamBlock
from home.vietnamese import normalize

# Removed with their content; any other unknown element is unwrapped by the whitelister.
DROPPED_TAGS = {"script", "style", "iframe", "noscript", "object", "embed", "form", "svg", "head", "title", "button"}
BLOCK_CONTAINERS = {"div", "section", "article", "main", "header", "footer", "center", "body", "html", "aside"}
# The paragraph editor offers h2 and h3 only.
HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
INLINE_FEATURES = ("bold", "italic", "link")
# The names the editor itself writes, so an import reads like an edited article.
CANONICAL_NAMES = {"strong": "b", "em": "i"}
# Relative links of an old portal point nowhere on this one: only absolute ones and site paths are kept.
KEPT_LINK = re.compile(r"^(https?://|mailto:|/)", re.IGNORECASE)


def html_to_blocks(body_html, images):
    """Split an old portal's HTML into paragraph, image and table blocks, keeping only safe markup.

    Kept: paragraphs, h2/h3 headings, lists, bold, italic, links to http(s)/mailto, line breaks.
    An <img> whose file name matches a path in `images` becomes an image block at its place.
    """
    by_name = {ref.name.casefold(): key for key, ref in images.items()}
    blocks = []
    pending = []

    def flush():
        html = "".join(pending).strip()
        pending.clear()
        if _has_text(html):
            blocks.append(("html", f"<p>{html}</p>"))

    def add_image(attrs, caption=""):
        name = PurePath((attrs.get("src") or "").split("?")[0]).name.casefold()
        key = by_name.get(name)
        if key is None:
            return
        if caption and not images[key].caption:
            images[key].caption = normalize(" ".join(caption.split()))
        if not images[key].alt_text and attrs.get("alt", "").strip():
            images[key].alt_text = normalize(" ".join(attrs["alt"].split()))
        blocks.append(("image", key))

    def walk(node):
        for child in list(node.children):
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                pending.append(escape(str(child)))
                continue
            name = child.name.lower()
            if name in DROPPED_TAGS:
                continue
            if name == "img":
                flush()
                add_image(child.attrs)
            elif name == "figure":
                flush()
                caption = child.find("figcaption")
                for img in child.find_all("img"):
                    add_image(img.attrs, caption.get_text(" ") if caption else "")
            elif name == "table":
                flush()
                rows = [
                    [normalize(" ".join(cell.get_text(" ").split())) for cell in row.find_all(["td", "th"])]
                    for row in child.find_all("tr")
                ]
                if any(any(row) for row in rows):
                    blocks.append(("table", rows))
            elif name == "p":
                flush()
                photos = _photos(child)
                pending.append(_inline(child))
                flush()
                for img in photos:
                    add_image(img)
            elif name in HEADINGS or name in ("ul", "ol", "blockquote"):
                flush()
                html = _block(child)
                if _has_text(html):
                    blocks.append(("html", html))
            elif name == "br":
                flush()
            elif name in BLOCK_CONTAINERS:
                flush()
                walk(child)
                flush()
            else:
                photos = _photos(child)
                pending.append(_inline(child, keep_self=True))
                for img in photos:
                    flush()
                    add_image(img)

    walk(BeautifulSoup(normalize(body_html), "html.parser"))
    flush()
    return blocks


def _photos(tag):
    """The attributes of the <img> elements in `tag`, read before cleaning removes them."""
    return [dict(img.attrs) for img in tag.find_all("img")]


def _block(tag):
    name = tag.name.lower()
    if name in HEADINGS:
        return f"<{HEADINGS[name]}>{_inline(tag)}</{HEADINGS[name]}>"
    if name == "blockquote":
        return f"<p><i>{_inline(tag)}</i></p>"
    items = "".join(f"<li>{_inline(item)}</li>" for item in tag.find_all("li", recursive=False))
    return f"<{name}>{items}</{name}>"


def _inline(tag, keep_self=False):
    """The children of `tag` (and `tag` itself when `keep_self`) as clean inline HTML; cleans in place."""
    container = tag.wrap(Tag(name="holder")) if keep_self else tag
    whitelister = inline_whitelister()
    for child in list(container.contents):
        whitelister.clean_node(container, child)
    return container.decode_contents(formatter=escape)


def _has_text(html):
    return bool(BeautifulSoup(html, "html.parser").get_text().strip())


class InlineWhitelister(Whitelister):
    """Wagtail's whitelister with the rules of the paragraph editor's inline features.

    Dropped elements go with their content (Wagtail would keep a <script>'s text), strong/em
    take the editor's names, and a link or emphasis left with nothing to carry is unwrapped.
    """

    def __init__(self, features):
        self.element_rules = {"br": allow_without_attributes}
        for feature in features:
            for rule in feature_registry.get_converter_rule("editorhtml", feature) or []:
                if isinstance(rule, WhitelistRule):
                    self.element_rules[rule.element] = rule.handler

    def clean_string_node(self, doc, node):
        if isinstance(node, Comment):
            node.extract()
        elif type(node) is not NavigableString:
            # CDATA, declarations, processing instructions: decode() would write them unescaped.
            node.replace_with(NavigableString(str(node)))

    def clean_tag_node(self, doc, tag):
        name = tag.name.lower()
        if name in DROPPED_TAGS:
            tag.decompose()
            return
        tag.name = CANONICAL_NAMES.get(name, name)
        super().clean_tag_node(doc, tag)
        if tag.parent is None:
            return  # unwrapped: not an element the editor keeps
        if tag.name == "a":
            href = tag.get("href", "").strip()
            if KEPT_LINK.match(href):
                tag["href"] = href
            else:
                tag.unwrap()
        elif tag.name in ("b", "i") and not tag.decode_contents().strip():
            tag.unwrap()


@cache
def inline_whitelister():
    """The whitelister for the inline features the body's paragraph block enables.

    Built once: the feature registry does not change after start-up.
    """
    enabled = BodyStreamBlock.base_blocks["paragraph"].features
    return InlineWhitelister([feature for feature in INLINE_FEATURES if feature in enabled])
