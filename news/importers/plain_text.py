"""Plain-text exports, the seeds' format.

A plain-text export holds: page boilerplate, a title line, an optional "(Source) - " lead,
one paragraph per line, image file names on lines of their own, and a byline last
("Name (Unit)" on one line, or name and unit on two).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from home.vietnamese import fold, normalize
from news.importers.source import (
    BODY_MAX_LENGTH,
    BYLINE_WITH_UNIT,
    CONTROL_CHARACTERS,
    SAPO_MAX_LENGTH,
    SOURCE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Byline,
    ImageRef,
    SourceArticle,
    check_length,
)

BOILERPLATE = re.compile(r"^(skip to main content|đánh giá bài viết\s*\(\s*\d*\s*\))$", re.IGNORECASE)
SOURCE_LEAD = re.compile(r"^\((?P<source>[^()]{2,80})\)\s*-\s*(?P<rest>.*)$")
IMAGE_LINE = re.compile(r"^[\w.\-]+\.(?:jpe?g|png|gif|webp)$", re.IGNORECASE)
BYLINE_MAX_LENGTH = 80
SENTENCE_END = (".", "…", "/", ";", ":", "!", "?")
# "Ngày 27/8/2018", "ngày 02/02/2010", matched in folded text.
DAY_IN_TEXT = re.compile(r"\bngay\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b")


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
    text = CONTROL_CHARACTERS.sub("", text)
    lines = [normalize(line.strip()) for line in text.lstrip("\ufeff").splitlines()]
    lines = [line for line in lines if line and not BOILERPLATE.match(line)]
    if not lines:
        raise ValueError(_("no title line"))
    article = ParsedArticle(title=lines.pop(0))

    if lines and (lead := SOURCE_LEAD.match(lines[0])):
        article.source = lead.group("source").strip()
        rest = lead.group("rest").strip()
        lines[0:1] = [rest] if rest else []

    if lines and _is_byline_line(lines[-1]):
        last = lines.pop()
        if BYLINE_WITH_UNIT.match(last):
            article.byline = Byline.from_text(last)
        elif lines and _is_byline_line(lines[-1]):
            article.byline = Byline(lines.pop(), last)
        else:
            article.byline = Byline(last)

    for line in lines:
        article.blocks.append(("image" if IMAGE_LINE.match(line) else "paragraph", line))
    return article


def find_date(text):
    """The first "Ngày 27/8/2018" in `text` as midnight in the portal's time zone, or None."""
    for match in DAY_IN_TEXT.finditer(fold(text)):
        day, month, year = (int(part) for part in match.groups())
        try:
            day = datetime.date(year, month, day)
        except ValueError:
            continue
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    return None


def from_plain_text(text):
    """A `SourceArticle` from a plain-text export; its images are file names beside the export."""
    parsed = parse_plain_text(text)
    blocks = list(parsed.blocks)
    sapo_index = next((index for index, block in enumerate(blocks) if block[0] == "paragraph"), None)
    if sapo_index is None:
        raise ValueError(_("the article has no paragraph"))
    sapo = blocks.pop(sapo_index)[1]
    check_length(parsed.title, TITLE_MAX_LENGTH, "title")
    check_length(parsed.source, SOURCE_MAX_LENGTH, "source")
    check_length(sapo, SAPO_MAX_LENGTH, "sapo")
    check_length("".join(value for _kind, value in blocks), BODY_MAX_LENGTH, "body")
    images = {name: ImageRef(name) for name in parsed.images}
    feature = None
    if blocks and blocks[0][0] == "image":
        # An export's first photo, right under the lead, is the article's feature image.
        feature = blocks.pop(0)[1]
    article = SourceArticle(
        title=parsed.title,
        sapo=sapo,
        blocks=blocks,
        feature_image=feature,
        images=images,
        authors=[parsed.byline] if parsed.byline else [],
        source=parsed.source,
    )
    article.date = find_date(article.text)
    return article
