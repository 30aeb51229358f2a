"""Crawl every public address of the demo site: hidden articles never appear anywhere."""

import json
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

from news.models import SectionPage

from .factories import hidden_articles

LINK = re.compile(r"""(?:href|src)=["']([^"'#]+)""")
MAX_PAGES = 400
START = ["/", "/rss/", "/sitemap.xml", "/tim-kiem/?q=tin+mat", "/tim-kiem/?q=ky+ket", "/api/v2/pages/?limit=20"]


def crawl(client):
    """Breadth-first over same-site links from the public entry points (bounded)."""
    seen, queue, responses = set(), deque(START), {}
    while queue and len(responses) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        responses[url] = response
        if response.status_code != 200:
            continue
        body = response.content.decode("utf-8", "replace")
        links = LINK.findall(body)
        if response["Content-Type"].startswith("application/json"):
            links += [item["meta"]["html_url"] for item in json.loads(body).get("items", []) if "meta" in item]
            links += [item["meta"]["detail_url"] for item in json.loads(body).get("items", []) if "meta" in item]
        for link in links:
            parts = urlsplit(urljoin("http://localhost" + url, link.replace("&amp;", "&")))
            if parts.hostname not in ("localhost", "testserver") or parts.path.startswith(("/static/", "/media/")):
                continue
            if parts.path.startswith(("/admin/", "/documents/")):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return responses


def test_no_hidden_article_title_in_any_public_response(demo, client):
    section = SectionPage.objects.get(slug="tin-dia-phuong")
    hidden = hidden_articles(section, title="Tin mật", provinces=["Long An"])
    responses = crawl(client)
    assert len(responses) > 40  # home, sections, articles, provinces, partners, authors, feeds, API…
    assert not [url for url, r in responses.items() if r.status_code >= 500]
    for url, response in responses.items():
        text = response.content.decode("utf-8", "replace")
        for page in hidden.values():
            assert page.title not in text, f"{page.title!r} leaked at {url}"
            assert f"/{page.slug}/" not in text, f"a link to {page.slug} leaked at {url}"
    crawled = set(responses)
    assert {"/tinh-thanh/tay-ninh/", "/rss/", "/sitemap.xml"} <= crawled
