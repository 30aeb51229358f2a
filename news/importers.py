"""Reading articles exported as plain text from older portals (the seeds' format).

An export holds: page boilerplate, a title line, an optional "(Source) - " lead,
one paragraph per line, image file names on lines of their own, and a byline last
("Name (Unit)" on one line, or name and unit on two).
"""

import re
from dataclasses import dataclass, field

from home.vietnamese import normalize

BOILERPLATE = re.compile(r"^(skip to main content|đánh giá bài viết\s*\(\s*\d*\s*\))$", re.IGNORECASE)
SOURCE_LEAD = re.compile(r"^\((?P<source>[^()]{2,80})\)\s*-\s*(?P<rest>.*)$")
IMAGE_LINE = re.compile(r"^[\w.\-]+\.(?:jpe?g|png|gif|webp)$", re.IGNORECASE)
BYLINE_WITH_UNIT = re.compile(r"^(?P<name>[^()]{2,60}?)\s*\((?P<unit>[^()]{2,120})\)$")
BYLINE_MAX_LENGTH = 80
SENTENCE_END = (".", "…", "/", ";", ":", "!", "?")


@dataclass
class Byline:
    name: str
    unit: str = ""


@dataclass
class ParsedArticle:
    title: str
    source: str = ""
    # ("paragraph", text) or ("image", file name), in reading order.
    blocks: list = field(default_factory=list)
    byline: Byline | None = None

    @property
    def paragraphs(self):
        return [value for kind, value in self.blocks if kind == "paragraph"]

    @property
    def images(self):
        return [value for kind, value in self.blocks if kind == "image"]


def _is_byline_line(line):
    return len(line) <= BYLINE_MAX_LENGTH and not line.endswith(SENTENCE_END) and not IMAGE_LINE.match(line)


def parse_plain_text(text):
    """Parse one plain-text export into a `ParsedArticle`; raises ValueError if it has no title."""
    lines = [normalize(line.strip()) for line in text.lstrip("\ufeff").splitlines()]
    lines = [line for line in lines if line and not BOILERPLATE.match(line)]
    if not lines:
        raise ValueError("no title line")
    article = ParsedArticle(title=lines.pop(0))

    if lines and (lead := SOURCE_LEAD.match(lines[0])):
        article.source = lead.group("source").strip()
        rest = lead.group("rest").strip()
        lines[0:1] = [rest] if rest else []

    if lines and _is_byline_line(lines[-1]):
        last = lines.pop()
        if match := BYLINE_WITH_UNIT.match(last):
            article.byline = Byline(match.group("name").strip(), match.group("unit").strip())
        elif lines and _is_byline_line(lines[-1]):
            article.byline = Byline(lines.pop(), last)
        else:
            article.byline = Byline(last)

    for line in lines:
        article.blocks.append(("image" if IMAGE_LINE.match(line) else "paragraph", line))
    return article
