"""`SourceArticle`: one article as an export gives it, whatever the format, before it becomes a page."""

import datetime
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import PurePath

from bs4 import BeautifulSoup

from django.utils.translation import gettext as _

from home.vietnamese import normalize

# C0 control characters (NUL among them: PostgreSQL refuses it) that old exports sometimes carry.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BYLINE_WITH_UNIT = re.compile(r"^(?P<name>[^()]{2,60}?)\s*\((?P<unit>[^()]{2,120})\)$")

# Size caps, so that an oversized export costs an error line, never the machine's memory.
TITLE_MAX_LENGTH = 255  # ArticlePage.title
SOURCE_MAX_LENGTH = 255  # ArticlePage.source
SAPO_MAX_LENGTH = 5_000
BODY_MAX_LENGTH = 2_000_000  # characters of body, HTML or text
FIELD_MAX_LENGTH = 1_000  # any other text: an author, a province, a partner, an address, an image path or caption
LIST_MAX_ITEMS = 100  # authors, provinces, partners, images
RECORD_MAX_BYTES = 10 * 1024 * 1024  # one JSON line, or one plain-text file


def check_length(value, limit, name):
    """Raise ValueError saying which field is too long when `value` has more than `limit` characters."""
    if len(value) > limit:
        raise ValueError(
            _("the field “%(field)s” is longer than %(limit)s characters") % {"field": name, "limit": limit}
        )


@dataclass
class Byline:
    name: str
    unit: str = ""

    @classmethod
    def from_text(cls, text):
        """ "Hùng Cường (Sở TT&TT Long An)" → Byline("Hùng Cường", "Sở TT&TT Long An")."""
        text = normalize(" ".join(text.split()))
        if match := BYLINE_WITH_UNIT.match(text):
            return cls(match.group("name").strip(), match.group("unit").strip())
        return cls(text)


@dataclass
class ImageRef:
    """A photo an export names: a path on disk, with whatever text came with it."""

    path: str
    caption: str = ""
    alt_text: str = ""
    credit: str = ""

    @property
    def name(self):
        return PurePath(self.path).name


@dataclass
class SourceArticle:
    """One article as an export gives it, whatever the format.

    `blocks` holds ("paragraph", plain text), ("html", clean rich-text HTML),
    ("image", key into `images`) and ("table", rows), in reading order.
    """

    title: str
    sapo: str = ""
    blocks: list = field(default_factory=list)
    feature_image: str | None = None
    images: dict = field(default_factory=dict)
    date: datetime.datetime | None = None
    authors: list = field(default_factory=list)
    source: str = ""
    provinces: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    legacy_url: str = ""

    @property
    def paragraphs(self):
        return [value for kind, value in self.blocks if kind in ("paragraph", "html")]

    @property
    def text(self):
        """Title, lead and body as plain text, for detecting provinces."""
        parts = [self.title, self.sapo]
        for kind, value in self.blocks:
            if kind == "paragraph":
                parts.append(value)
            elif kind == "html":
                parts.append(BeautifulSoup(value, "html.parser").get_text(" "))
        return "\n".join(parts)

    def content_key(self):
        """A hash of what the export says, so that reading it again is recognised."""
        data = {
            "title": self.title,
            "sapo": self.sapo,
            "blocks": [[kind, self.images[value].name if kind == "image" else value] for kind, value in self.blocks],
            "feature_image": self.images[self.feature_image].name if self.feature_image else None,
            "date": self.date.isoformat() if self.date else None,
            "authors": [asdict(author) for author in self.authors],
            "source": self.source,
            "provinces": self.provinces,
            "partners": self.partners,
            "legacy_url": self.legacy_url,
        }
        return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
