"""The star widget's markup and colours: keyboard order and WCAG AA contrast (issue 3).

The browser test (tests/e2e/test_journeys.py) drives it with the keyboard; these pin, without
a browser, what that journey depends on.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

from .factories import ArticlePageFactory

CSS = Path(settings.BASE_DIR) / "site" / "static" / "css"


class _Stars(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sequence = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") == "score":
            self.sequence.append(("input", attrs["value"]))
        elif tag == "label" and (attrs.get("for") or "").startswith("rating-"):
            self.sequence.append(("label", attrs["for"].removeprefix("rating-")))


def test_stars_run_from_one_to_five_in_reading_order(client, section):
    """Arrow keys follow the document's order: right must go to the next star up, as it looks."""
    article = ArticlePageFactory(parent=section)
    stars = _Stars()
    stars.feed(client.get(article.url).content.decode())
    assert stars.sequence == [(kind, str(score)) for score in range(1, 6) for kind in ("input", "label")]
    # Nothing lays them out backwards (the stars used to be 5 to 1, reversed by CSS).
    assert "row-reverse" not in (CSS / "rating.css").read_text()


def _luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one, other):
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _variables(css):
    return dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})\b", css))


def test_star_outlines_and_focus_ring_stand_out_from_the_background():
    """WCAG 2.1 AA, 1.4.11: parts of a control and the focus indicator at 3:1 at least."""
    rating_css = (CSS / "rating.css").read_text()
    colours = {**_variables((CSS / "portal.css").read_text()), **_variables(rating_css)}
    background = colours["--wash"]  # the widget's box
    for name in ("--star-empty", "--star-edge"):
        assert _contrast(colours[name], background) >= 3, name
    ring = re.search(r"input:focus-visible \+ label \{[^}]*outline: 3px solid var\((--[\w-]+)\)", rating_css)
    assert ring, "the focused star has no solid outline"
    assert _contrast(colours[ring.group(1)], background) >= 3


def test_after_a_vote_without_javascript_the_reader_sees_their_own_score(client, section, settings, redis_cache):
    settings.PAGE_CACHE_SECONDS = 300
    article = ArticlePageFactory(parent=section)
    client.get(article.url)  # the article is in the page cache
    voted = client.post(f"/danh-gia/{article.pk}/", {"score": "4", "redirect": "1"})
    assert voted.status_code == 302
    back = client.get(article.url).content.decode()
    assert "Bạn đã chấm: 4/5" in back
    assert re.search(r'<input[^>]*value="4" id="rating-4" checked>', back)
    assert len(re.findall(r"checked", back)) == 1
    # The next view (message shown) and any other reader get the shared page, naming nobody's score.
    for reader in (client, type(client)()):
        again = reader.get(article.url)
        assert (again["X-Page-Cache"], "Bạn đã chấm" in again.content.decode()) == ("HIT", False)
    forged = type(client)()
    forged.cookies = client.cookies  # the voter's own cookie, and a made-up message beside it
    forged.cookies["messages"] = "x"
    assert "Bạn đã chấm" not in forged.get(article.url).content.decode()
