"""JSON Lines exports: one article per line.

A line holds `title` and `body_html` (required), `sapo`, `date` (ISO 8601), `authors`
(["Name (Unit)", …]), `source`, `provinces`, `partners`, `images` (paths on disk, or
{"path", "caption", "alt_text", "credit"}) and `legacy_url`.
"""

import datetime
import json

from bs4 import BeautifulSoup

from django.utils import timezone
from django.utils.translation import gettext as _

from home.vietnamese import normalize
from news.importers.html_blocks import html_to_blocks
from news.importers.source import (
    BODY_MAX_LENGTH,
    CONTROL_CHARACTERS,
    FIELD_MAX_LENGTH,
    LIST_MAX_ITEMS,
    RECORD_MAX_BYTES,
    SAPO_MAX_LENGTH,
    SOURCE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Byline,
    ImageRef,
    SourceArticle,
    check_length,
)

# The longest text each field may hold; any other field holds at most FIELD_MAX_LENGTH characters.
TEXT_LIMITS = {
    "title": TITLE_MAX_LENGTH,
    "body_html": BODY_MAX_LENGTH,
    "sapo": SAPO_MAX_LENGTH,
    "source": SOURCE_MAX_LENGTH,
}


def read_lines(handle, limit=RECORD_MAX_BYTES):
    """Yield (line, size) for each line of a binary file; `line` is None when longer than `limit` bytes.

    A long line is read past in chunks, so memory holds at most `limit` bytes of it.
    """
    while line := handle.readline(limit + 1):
        size = len(line)
        if size <= limit or line.endswith(b"\n"):
            yield line, size
            continue
        while chunk := handle.readline(1 << 20):
            size += len(chunk)
            if chunk.endswith(b"\n"):
                break
        yield None, size


def from_json_line(line):
    """A `SourceArticle` from one JSON Lines record; raises ValueError with the reason when it is unusable."""
    try:
        return _from_json_line(line)
    except RecursionError as error:
        raise ValueError(_("the data is nested too deeply")) from error


def _from_json_line(line):
    try:
        data = _without_controls(json.loads(CONTROL_CHARACTERS.sub("", line)))
    except json.JSONDecodeError as error:
        reason = _("invalid JSON (%(error)s, column %(column)s)") % {"error": error.msg, "column": error.colno}
        raise ValueError(reason) from error
    if not isinstance(data, dict):
        raise ValueError(_("each line must be a JSON object"))
    title = _text(data, "title", required=True)
    images = {}
    for index, item in enumerate(_list(data, "images")):
        ref = _image_ref(item, index)
        images[ref.path] = ref
    blocks = html_to_blocks(_text(data, "body_html", required=True), images)
    sapo = _text(data, "sapo")
    if not sapo:
        first = next((index for index, (kind, _value) in enumerate(blocks) if kind == "html"), None)
        if first is None:
            raise ValueError(_("body_html has no paragraph"))
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
            raise ValueError(_("the required field “%(field)s” is missing") % {"field": key})
        return ""
    if not isinstance(value, str):
        raise ValueError(_("the field “%(field)s” must be a string") % {"field": key})
    value = value.strip()
    if key == "title" and len(value) > TITLE_MAX_LENGTH:
        raise ValueError(_("the title is longer than %(limit)s characters") % {"limit": TITLE_MAX_LENGTH})
    check_length(value, TEXT_LIMITS.get(key, FIELD_MAX_LENGTH), key)
    return normalize(value)


def _list(data, key):
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(_("the field “%(field)s” must be a list") % {"field": key})
    if len(value) > LIST_MAX_ITEMS:
        raise ValueError(
            _("the field “%(field)s” has more than %(limit)s items") % {"field": key, "limit": LIST_MAX_ITEMS}
        )
    if key != "images":
        if not all(isinstance(item, str) for item in value):
            raise ValueError(_("the field “%(field)s” must be a list of strings") % {"field": key})
        for item in value:
            check_length(item, FIELD_MAX_LENGTH, key)
    return value


def _image_ref(item, index):
    if isinstance(item, str) and item.strip():
        check_length(item.strip(), FIELD_MAX_LENGTH, "images")
        return ImageRef(item.strip())
    if isinstance(item, dict) and isinstance(item.get("path"), str) and item["path"].strip():
        extra = {key: normalize(str(item.get(key) or "").strip()) for key in ("caption", "alt_text", "credit")}
        for value in (item["path"].strip(), *extra.values()):
            check_length(value, FIELD_MAX_LENGTH, "images")
        return ImageRef(item["path"].strip(), **extra)
    raise ValueError(_("image %(number)s must be a file path") % {"number": index + 1})


def _parse_date(value):
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(_("the field “date” must be an ISO 8601 string"))
    try:
        parsed = datetime.datetime.fromisoformat(value.strip())
    except ValueError as error:
        raise ValueError(_("the date “%(date)s” is not ISO 8601") % {"date": value}) from error
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
