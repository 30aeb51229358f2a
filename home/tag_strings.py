"""How the admin's tag fields read and write names (TAGGIT_TAGS_FROM_STRING, _STRING_FROM_TAGS).

taggit's format cannot hold a `"` inside a name: `Công ty "ABC"` came back from the admin's
tag widget as `"Công ty "ABC""` and was saved as junk partners. The widget sends names
joined by commas, each name with a space put in quotes (unless it starts with one), so a
text holding a quote is read that way: split at commas, one pair of outer quotes removed.
Text without a quote is read as taggit reads it.
"""

import re

from taggit.utils import _edit_string_for_tags, _parse_tags


def parse_tags(text):
    """Sorted unique names from a tag field's text: `"Công ty "ABC"",VNG` → two names."""
    if not text or '"' not in text:
        return _parse_tags(text)
    names = set()
    for item in text.split(","):
        item = item.strip()
        if len(item) >= 2 and item[0] == item[-1] == '"':
            item = item[1:-1].strip()
        if item:
            names.add(item)
    return sorted(names)


def edit_string_for_tags(tags):
    """The field's text for `tags`: taggit's, unless a name holds a quote; then names are
    joined with commas, those with a space or a quote put in quotes."""
    if not any('"' in tag.name for tag in tags):
        return _edit_string_for_tags(tags)
    return ", ".join(sorted(f'"{tag.name}"' if re.search(r'[\s"]', tag.name) else tag.name for tag in tags))
