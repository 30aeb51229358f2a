"""The folded search text of articles (PRODUCT.md §5), filled in for articles saved before it existed.

The backfill is frozen here on purpose: it reads the stored rows, not today's models.
Saving an article recomputes its text exactly with `news.search.article_search_text`.
"""

import html
import json
import re

from django.db import migrations, models

from home.vietnamese import fold

_WORD = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<[^>]+>")


def _words(text):
    return _WORD.findall(fold(html.unescape(_TAG.sub(" ", text or ""))))


def _block_texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _block_texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("type", "id"):
                yield from _block_texts(item)


def fill_search_text(apps, schema_editor):
    ArticlePage = apps.get_model("news", "ArticlePage")
    ArticlePageAuthor = apps.get_model("news", "ArticlePageAuthor")
    ArticlePageProvince = apps.get_model("news", "ArticlePageProvince")
    ArticlePagePartner = apps.get_model("news", "ArticlePagePartner")
    for page in ArticlePage.objects.all().iterator():
        rest = []
        if not page.withdrawn:
            body = page.body
            raw = body.raw_data if hasattr(body, "raw_data") else body
            if isinstance(raw, str):
                raw = json.loads(raw or "[]")
            rest = [page.sapo, *_block_texts(list(raw or [])), page.legal_references]
            rest += ArticlePageAuthor.objects.filter(page=page).values_list("author__name", flat=True)
            rest += ArticlePageProvince.objects.filter(content_object=page).values_list("tag__name", flat=True)
            for name, full_name in ArticlePagePartner.objects.filter(content_object=page).values_list(
                "tag__name", "tag__full_name"
            ):
                rest.append(f"{name} {full_name}")
        text = " ".join(word for item in rest for word in _words(item))
        page.search_text = f" {' '.join(_words(page.title))} | {text} "
        page.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_ratings"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlepage",
            name="search_text",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="Title, lead, body, authors, provinces and partners without accents, filled in on save.",
                verbose_name="search text",
            ),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
