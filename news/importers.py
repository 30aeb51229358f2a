"""Reading articles exported from older portals: plain text (the seeds' format) and JSON Lines.

A plain-text export holds: page boilerplate, a title line, an optional "(Source) - " lead,
one paragraph per line, image file names on lines of their own, and a byline last
("Name (Unit)" on one line, or name and unit on two).

A JSON Lines export holds one article per line: `title` and `body_html` (required), `sapo`,
`date` (ISO 8601), `authors` (["Name (Unit)", …]), `source`, `provinces`, `partners`,
`images` (paths on disk) and `legacy_url`.

Both become a `SourceArticle`, which `news.article_builder` turns into a page. Nothing here
writes to the database; `ProvinceMatcher` only reads the province vocabulary.
"""

import datetime
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from django.utils import timezone
from django.utils.html import escape

from home.vietnamese import fold, normalize

BOILERPLATE = re.compile(r"^(skip to main content|đánh giá bài viết\s*\(\s*\d*\s*\))$", re.IGNORECASE)
SOURCE_LEAD = re.compile(r"^\((?P<source>[^()]{2,80})\)\s*-\s*(?P<rest>.*)$")
IMAGE_LINE = re.compile(r"^[\w.\-]+\.(?:jpe?g|png|gif|webp)$", re.IGNORECASE)
BYLINE_WITH_UNIT = re.compile(r"^(?P<name>[^()]{2,60}?)\s*\((?P<unit>[^()]{2,120})\)$")
BYLINE_MAX_LENGTH = 80
SENTENCE_END = (".", "…", "/", ";", ":", "!", "?")
# "Ngày 27/8/2018", "ngày 02/02/2010", matched in folded text.
DAY_IN_TEXT = re.compile(r"\bngay\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b")
TITLE_MAX_LENGTH = 255
# C0 control characters (NUL among them: PostgreSQL refuses it) that old exports sometimes carry.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Provinces were merged on this day (Nghị quyết 202/2025/QH15): before it, articles name the former units.
PROVINCE_REFORM_DATE = datetime.date(2025, 7, 1)


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
        raise ValueError("no title line")
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
    sapo_index = next((index for index, (kind, _) in enumerate(blocks) if kind == "paragraph"), None)
    if sapo_index is None:
        raise ValueError("bài không có đoạn văn nào")
    sapo = blocks.pop(sapo_index)[1]
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


def from_json_line(line):
    """A `SourceArticle` from one JSON Lines record; raises ValueError with the reason when it is unusable."""
    try:
        return _from_json_line(line)
    except RecursionError as error:
        raise ValueError("dữ liệu lồng nhau quá sâu") from error


def _from_json_line(line):
    try:
        data = _without_controls(json.loads(CONTROL_CHARACTERS.sub("", line)))
    except json.JSONDecodeError as error:
        raise ValueError(f"JSON không hợp lệ ({error.msg}, cột {error.colno})") from error
    if not isinstance(data, dict):
        raise ValueError("mỗi dòng phải là một đối tượng JSON")
    title = _text(data, "title", required=True)
    if len(title) > TITLE_MAX_LENGTH:
        raise ValueError(f"tiêu đề dài quá {TITLE_MAX_LENGTH} ký tự")
    images = {}
    for index, item in enumerate(_list(data, "images")):
        ref = _image_ref(item, index)
        images[ref.path] = ref
    blocks = html_to_blocks(_text(data, "body_html", required=True), images)
    sapo = _text(data, "sapo")
    if not sapo:
        first = next((index for index, (kind, _) in enumerate(blocks) if kind == "html"), None)
        if first is None:
            raise ValueError("body_html không có đoạn văn nào")
        sapo = BeautifulSoup(blocks.pop(first)[1], "html.parser").get_text(" ").strip()
    placed = {value for kind, value in blocks if kind == "image"}
    unplaced = [key for key in images if key not in placed]
    feature = unplaced.pop(0) if unplaced else None
    blocks += [("image", key) for key in unplaced]
    return SourceArticle(
        title=title,
        sapo=normalize(" ".join(sapo.split())),
        blocks=blocks,
        feature_image=feature,
        images=images,
        date=_parse_date(data.get("date")),
        authors=[Byline.from_text(item) for item in _list(data, "authors") if item.strip()],
        source=_text(data, "source"),
        provinces=[normalize(item.strip()) for item in _list(data, "provinces") if item.strip()],
        partners=[normalize(" ".join(item.split())) for item in _list(data, "partners") if item.strip()],
        legacy_url=_text(data, "legacy_url"),
    )


def _without_controls(value):
    """`value` with control characters removed from every string in it ("\\u0000" escapes included)."""
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value)
    if isinstance(value, list):
        return [_without_controls(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_controls(item) for key, item in value.items()}
    return value


def _text(data, key, required=False):
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValueError(f"thiếu trường bắt buộc “{key}”")
        return ""
    if not isinstance(value, str):
        raise ValueError(f"trường “{key}” phải là chuỗi")
    return normalize(value.strip())


def _list(data, key):
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"trường “{key}” phải là danh sách")
    if key != "images" and not all(isinstance(item, str) for item in value):
        raise ValueError(f"trường “{key}” phải là danh sách chuỗi")
    return value


def _image_ref(item, index):
    if isinstance(item, str) and item.strip():
        return ImageRef(item.strip())
    if isinstance(item, dict) and isinstance(item.get("path"), str) and item["path"].strip():
        extra = {key: normalize(str(item.get(key) or "").strip()) for key in ("caption", "alt_text", "credit")}
        return ImageRef(item["path"].strip(), **extra)
    raise ValueError(f"ảnh thứ {index + 1} phải là đường dẫn tệp")


def _parse_date(value):
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError("trường “date” phải là chuỗi ISO 8601")
    try:
        parsed = datetime.datetime.fromisoformat(value.strip())
    except ValueError as error:
        raise ValueError(f"ngày “{value}” không đúng ISO 8601") from error
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


# --- HTML bodies ------------------------------------------------------------

DROPPED_TAGS = {"script", "style", "iframe", "noscript", "object", "embed", "form", "svg", "head", "title", "button"}
BLOCK_CONTAINERS = {"div", "section", "article", "main", "header", "footer", "center", "body", "html", "aside"}
INLINE_TAGS = {"b": "b", "strong": "b", "i": "i", "em": "i"}
HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
SAFE_LINK = re.compile(r"^(https?://|mailto:|/)", re.IGNORECASE)


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

    def add_image(tag, caption=""):
        name = PurePath((tag.get("src") or "").split("?")[0]).name.casefold()
        key = by_name.get(name)
        if key is None:
            return
        if caption and not images[key].caption:
            images[key].caption = normalize(" ".join(caption.split()))
        if not images[key].alt_text and tag.get("alt", "").strip():
            images[key].alt_text = normalize(" ".join(tag["alt"].split()))
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
                add_image(child)
            elif name == "figure":
                flush()
                caption = child.find("figcaption")
                for img in child.find_all("img"):
                    add_image(img, caption.get_text(" ") if caption else "")
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
                pending.append(_inline(child))
                flush()
                for img in child.find_all("img"):
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
                pending.append(_inline(child, keep_self=True))
                for img in child.find_all("img"):
                    flush()
                    add_image(img)

    walk(BeautifulSoup(normalize(body_html), "html.parser"))
    flush()
    return blocks


def _block(tag):
    name = tag.name.lower()
    if name in HEADINGS:
        return f"<{HEADINGS[name]}>{_inline(tag)}</{HEADINGS[name]}>"
    if name == "blockquote":
        return f"<p><i>{_inline(tag)}</i></p>"
    items = "".join(f"<li>{_inline(item)}</li>" for item in tag.find_all("li", recursive=False))
    return f"<{name}>{items}</{name}>"


def _inline(tag, keep_self=False):
    """The children of `tag` (and `tag` itself when `keep_self`) as safe inline HTML."""
    if keep_self:
        return _inline_node(tag)
    return "".join(_inline_node(child) for child in tag.children)


def _inline_node(node):
    if isinstance(node, Comment):
        return ""
    if isinstance(node, NavigableString):
        return escape(str(node))
    if not isinstance(node, Tag):
        return ""
    name = node.name.lower()
    if name in DROPPED_TAGS or name == "img":
        return ""
    inner = "".join(_inline_node(child) for child in node.children)
    if name == "br":
        return "<br/>"
    if name in INLINE_TAGS:
        return f"<{INLINE_TAGS[name]}>{inner}</{INLINE_TAGS[name]}>" if inner.strip() else inner
    if name == "a":
        href = (node.get("href") or "").strip()
        return f'<a href="{escape(href)}">{inner}</a>' if SAFE_LINK.match(href) else inner
    return inner


def _has_text(html):
    return bool(BeautifulSoup(html, "html.parser").get_text().strip())


# --- Provinces ----------------------------------------------------------------


class ProvinceMatcher:
    """Finds provinces named in an article and tags each as it was on the article's date.

    A name counts at the start of the title ("Long An: …") or after "tỉnh", "thành phố" or
    "TP." anywhere ("tỉnh Lạng Sơn"); matching ignores accents and case. An article dated
    before 1 July 2025 keeps the former unit (Long An); a later one gets the current unit
    (Tây Ninh).
    """

    def __init__(self, provinces):
        self.provinces = {}
        for province in provinces:
            self.provinces[self._key(province.name)] = province
        # Longest first, so "Thừa Thiên Huế" wins over "Huế".
        names = sorted(self.provinces, key=len, reverse=True)
        alternatives = "|".join(r"[\s\-–.]+".join(map(re.escape, name.split())) for name in names)
        self.title_pattern = re.compile(rf"^\s*({alternatives})\s*[:\-–]")
        self.text_pattern = re.compile(rf"(?<![a-z0-9])(?:tinh|thanh pho|tp\.?)\s*({alternatives})(?![a-z0-9])")

    @classmethod
    def from_database(cls):
        from news.models import Province

        return cls(Province.objects.select_related("merged_into").prefetch_related("former_units"))

    @staticmethod
    def _key(name):
        return " ".join(re.findall(r"[a-z0-9]+", fold(name)))

    def lookup(self, name):
        return self.provinces.get(self._key(name))

    def mentioned(self, title, text):
        """The provinces named in the title or the text, in order of first mention."""
        found = []
        folded_title = fold(title)
        if match := self.title_pattern.match(folded_title):
            found.append(match.group(1))
        for source in (folded_title, fold(text)):
            found.extend(match.group(1) for match in self.text_pattern.finditer(source))
        provinces = []
        for name in found:
            province = self.lookup(name)
            if province is not None and province not in provinces:
                provinces.append(province)
        return provinces

    @staticmethod
    def unit_on(province, day):
        """The unit that stood for `province` on `day`: the former one before the 2025 merger."""
        if day >= PROVINCE_REFORM_DATE:
            return province.current_unit or province
        if province.is_pre_2025:
            return province
        former = list(province.former_units.all())
        return former[0] if len(former) == 1 else province

    def for_article(self, article, day):
        """(provinces to tag, names that are not provinces) for a `SourceArticle` dated `day`."""
        named, unknown = [], []
        for name in article.provinces:
            province = self.lookup(name)
            if province is None:
                unknown.append(name)
            else:
                named.append(province)
        tagged = []
        for province in named + self.mentioned(article.title, article.text):
            unit = self.unit_on(province, day)
            if unit not in tagged:
                tagged.append(unit)
        return tagged, unknown


def image_path(ref, base_dir):
    """Where an image of an export is on disk: absolute as given, else relative to `base_dir`."""
    path = Path(ref.path).expanduser()
    return path if path.is_absolute() else Path(base_dir) / path
