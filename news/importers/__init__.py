"""Reading articles exported from older portals, and turning them into pages (PRODUCT.md §9).

- `source`: `SourceArticle`, an article as an export gives it, whatever the format;
- `plain_text`: plain-text exports (the seeds' format);
- `json_lines`: JSON Lines exports, one article per line;
- `html_blocks`: an HTML body split into body blocks, cleaned by Wagtail's whitelister;
- `provinces`: the provinces an article names, as they stood on its date;
- `images`: the photos an export names, found inside its folder, checked like uploads, stored once;
- `builder`: a `SourceArticle` made into an unsaved ArticlePage.

Only `images` and `builder` write to the database; `provinces` reads the province vocabulary.
"""

from news.importers.builder import build_article_page, unique_slug
from news.importers.html_blocks import html_to_blocks
from news.importers.images import image_from_file, image_problem, image_refusal, locate_images
from news.importers.json_lines import from_json_line, read_lines
from news.importers.plain_text import from_plain_text, parse_plain_text
from news.importers.provinces import ProvinceMatcher
from news.importers.source import Byline, ImageRef, SourceArticle

__all__ = [
    "Byline",
    "ImageRef",
    "ProvinceMatcher",
    "SourceArticle",
    "build_article_page",
    "from_json_line",
    "from_plain_text",
    "html_to_blocks",
    "image_from_file",
    "image_problem",
    "image_refusal",
    "locate_images",
    "parse_plain_text",
    "read_lines",
    "unique_slug",
]
