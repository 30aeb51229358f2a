import datetime

import pytest

from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail.models import Page

from news.models import ArticleDailyReads, ArticlePage, ArticlePageAuthor, SectionPage


def test_generates_live_articles_in_a_valid_page_tree(home, client, settings):
    call_command("generate_articles", "120", "--seed", "7", stdout=None, stderr=None)
    assert ArticlePage.objects.published().count() == 120
    assert Page.find_problems() == ([], [], [], [], [])
    assert SectionPage.objects.child_of(home).count() == 5
    for section in SectionPage.objects.all():
        assert section.numchild == ArticlePage.objects.child_of(section).count()
    article = ArticlePage.objects.order_by("-date").first()
    assert 1 <= article.provinces.count() <= 3
    assert 0 <= article.partners.count() <= 3
    assert 1 <= ArticlePageAuthor.objects.filter(page=article).count() <= 2
    assert article.search_text.startswith(" ")
    response = client.get(article.url)
    assert response.status_code == 200
    assert article.title in response.content.decode()
    dates = ArticlePage.objects.values_list("date", flat=True)
    assert (max(dates) - min(dates)).days > 365 * 10
    # About a tenth were read in the last seven days, so the home page has a "Đọc nhiều" block.
    read_days = ArticleDailyReads.objects.values_list("day", flat=True)
    assert 3 <= ArticleDailyReads.objects.values("page").distinct().count() <= 30
    today = timezone.localdate()
    assert set(read_days) <= {today - datetime.timedelta(days=ago) for ago in range(7)}
    assert len(client.get("/").context["most_read_articles"]) == 5


def test_generating_twice_appends_without_breaking_the_tree(home):
    call_command("generate_articles", "30", stdout=None, stderr=None)
    call_command("generate_articles", "30", "--seed", "8", stdout=None, stderr=None)
    assert ArticlePage.objects.count() == 60
    assert Page.find_problems() == ([], [], [], [], [])


def test_refuses_production_settings_without_force(home, settings):
    settings.IS_PRODUCTION = True
    with pytest.raises(CommandError, match="refusing under production settings"):
        call_command("generate_articles", "5")
    assert ArticlePage.objects.count() == 0
    call_command("generate_articles", "5", "--force", stdout=None, stderr=None)
    assert ArticlePage.objects.count() == 5
