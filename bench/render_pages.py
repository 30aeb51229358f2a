"""Render a fixed set of public pages of a bench database into a folder, to `cmp` two commits.

Run from the project directory with the bench environment (bench/lib.sh's app_env, page
cache off):

    python bench/render_pages.py OUT_DIR

Pages: home, a section (pages 1 and 2), an article with a ceremony and one without, a
province, a partner, an author, a search, the RSS feed and the sitemap. Each request is
anonymous, as a new reader's.
"""

import os
import sys
from pathlib import Path


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.test import Client

    from news.models import ArticlePage, Author, Partner, Province, SectionPage

    articles = ArticlePage.objects.live().order_by("pk")
    section = SectionPage.objects.live().order_by("path").first()
    paths = {
        "home": "/",
        "section": section.url,
        "section-2": section.url + "?page=2",
        "article": articles.first().url,
        "article-ceremony": articles.exclude(signing_date=None).first().url,
        "article-last": articles.last().url,
        "province": f"/tinh-thanh/{Province.objects.order_by('pk').first().slug}/",
        "partner": f"/doi-tac/{Partner.objects.order_by('pk').first().slug}/",
        "author": f"/tac-gia/{Author.objects.order_by('pk').first().slug}/",
        "provinces": "/tinh-thanh/",
        "partners": "/doi-tac/",
        "search": "/tim-kiem/?q=ha+noi",
        "search-2": "/tim-kiem/?q=&page=2",
        "legal": "/van-ban/",
        "rss": "/rss/",
        "sitemap": "/sitemap.xml",
    }
    client = Client(HTTP_HOST="127.0.0.1")
    for name, path in paths.items():
        for round_ in range(2):  # the second request is served from the worker's memory
            response = client.get(path)
            client.cookies.clear()
            (out / f"{name}.{round_}.html").write_bytes(f"{response.status_code} {path}\n".encode() + response.content)


if __name__ == "__main__":
    main()
