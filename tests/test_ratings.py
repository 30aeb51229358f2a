import json

import pytest

from django.core.cache import cache
from django.test import Client

from wagtail.models import PageViewRestriction

from news.models import ArticleRating, ArticleRatingSummary
from news.ratings import parse_rate_limit

from .broken_cache import CACHE_DOWN
from .factories import ArticlePageFactory, SectionPageFactory

EMPTY = {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    cache.clear()


@pytest.fixture
def article(section):
    return ArticlePageFactory(parent=section)


def url(page):
    return f"/danh-gia/{page.pk}/"


def vote(client, page, score, **extra):
    return client.post(url(page), json.dumps({"score": score}), content_type="application/json", **extra)


def test_get_summary_of_an_unrated_article(client, article):
    response = client.get(url(article))
    assert response.status_code == 200
    assert response.json() == {
        "page": article.pk,
        "count": 0,
        "average": None,
        "distribution": EMPTY,
        "your_score": None,
    }
    assert "no-store" in response["Cache-Control"]
    assert "csrftoken" in response.cookies


def test_votes_from_three_readers_are_counted_exactly(article):
    readers = [Client(), Client(), Client()]
    for reader, score in zip(readers, [5, 4, 4], strict=True):
        assert vote(reader, article, score).status_code == 200
    response = readers[0].get(url(article))
    assert response.json() == {
        "page": article.pk,
        "count": 3,
        "average": 4.33,
        "distribution": {"1": 0, "2": 0, "3": 0, "4": 2, "5": 1},
        "your_score": 5,
    }


def test_voting_again_changes_the_score_and_never_adds_a_vote(client, article):
    first = vote(client, article, 2)
    cookie = first.cookies["congtin_voter"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    second = vote(client, article, 5)
    assert second.json()["count"] == 1
    assert second.json()["distribution"] == {"1": 0, "2": 0, "3": 0, "4": 0, "5": 1}
    assert second.json()["your_score"] == 5
    assert ArticleRating.objects.count() == 1
    assert ArticleRating.objects.get().voter_key.startswith("anon:")
    assert cookie.value.split(":")[0] not in ArticleRating.objects.get().voter_key


def test_form_score_and_logged_in_user_are_one_voter(article, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x")
    client = Client()
    client.force_login(user)
    assert client.post(url(article), {"score": "3"}).json()["your_score"] == 3
    other_browser = Client()
    other_browser.force_login(user)
    assert other_browser.post(url(article), {"score": "4"}).json()["count"] == 1
    assert ArticleRating.objects.get().voter_key == f"user:{user.pk}"


def test_plain_form_post_redirects_back_with_a_message(client, article):
    response = client.post(url(article), {"score": "4", "redirect": "1"}, HTTP_ACCEPT="text/html")
    assert response.status_code == 302
    assert response["Location"] == article.url + "#danh-gia"
    page = client.get(article.url).content.decode()
    assert "Cảm ơn bạn đã đánh giá bài viết." in page
    assert "ĐÁNH GIÁ BÀI VIẾT (<span data-rating-count>1</span>)" in page
    assert "<strong data-rating-average>4,0</strong>/5" in page


@pytest.mark.parametrize(
    ("body", "content_type", "error"),
    [
        ("{}", "application/json", "Vui lòng chọn từ 1 đến 5 sao."),
        ('{"score": null}', "application/json", "Vui lòng chọn từ 1 đến 5 sao."),
        ('{"score": "abc"}', "application/json", "Điểm đánh giá phải là số nguyên từ 1 đến 5."),
        ('{"score": 4.5}', "application/json", "Điểm đánh giá phải là số nguyên từ 1 đến 5."),
        ('{"score": "4.5"}', "application/json", "Điểm đánh giá phải là số nguyên từ 1 đến 5."),
        ('{"score": 0}', "application/json", "Điểm đánh giá phải là số nguyên từ 1 đến 5."),
        ('{"score": 6}', "application/json", "Điểm đánh giá phải là số nguyên từ 1 đến 5."),
        ('{"score": -1}', "application/json", "Điểm đánh giá phải là số nguyên từ 1 đến 5."),
        ('{"score": true}', "application/json", "Điểm đánh giá phải là số nguyên từ 1 đến 5."),
        ('{"score": [5]}', "application/json", "Điểm đánh giá phải là số nguyên từ 1 đến 5."),
        ('{"score": "٣"}', "application/json", "Điểm đánh giá phải là số nguyên từ 1 đến 5."),
        ("{score: 5", "application/json", "Dữ liệu gửi lên không phải JSON hợp lệ."),
        ("[5]", "application/json", "Dữ liệu gửi lên không phải JSON hợp lệ."),
        ("", "application/x-www-form-urlencoded", "Vui lòng chọn từ 1 đến 5 sao."),
        ("score=", "application/x-www-form-urlencoded", "Vui lòng chọn từ 1 đến 5 sao."),
        ("score=five", "application/x-www-form-urlencoded", "Điểm đánh giá phải là số nguyên từ 1 đến 5."),
        ("score=3.0", "application/x-www-form-urlencoded", "Điểm đánh giá phải là số nguyên từ 1 đến 5."),
    ],
)
def test_bad_scores_are_refused_and_change_nothing(client, article, body, content_type, error):
    vote(Client(), article, 4)
    before = client.get(url(article)).json()
    response = client.post(url(article), body, content_type=content_type)
    assert response.status_code == 400
    assert response.json() == {"error": error}
    assert client.get(url(article)).json() == before
    assert ArticleRating.objects.count() == 1


def test_unknown_and_unpublished_pages_are_404(client, section, home):
    draft = ArticlePageFactory(parent=section, live=False)
    private = ArticlePageFactory(parent=section)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    withdrawn = ArticlePageFactory(parent=section, withdrawn=True)
    hidden_section = SectionPageFactory(parent=home)
    in_private_section = ArticlePageFactory(parent=hidden_section)
    PageViewRestriction.objects.create(page=hidden_section, restriction_type="password", password="x")  # noqa: S106
    for page_id in (999999, draft.pk, private.pk, withdrawn.pk, in_private_section.pk, section.pk, home.pk):
        for response in (client.get(f"/danh-gia/{page_id}/"), client.post(f"/danh-gia/{page_id}/", {"score": "5"})):
            assert response.status_code == 404
            assert response.json() == {"error": "Bài viết không tồn tại hoặc không thể đánh giá."}
    assert ArticleRating.objects.count() == 0
    assert client.get("/danh-gia/abc/").status_code == 404


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_405(client, article, method):
    response = getattr(client, method)(url(article))
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"
    assert response.json() == {"error": "Địa chỉ này chỉ nhận yêu cầu GET và POST."}


def test_missing_or_wrong_csrf_token_is_403_and_changes_nothing(article):
    client = Client(enforce_csrf_checks=True)
    missing = client.post(url(article), '{"score": 5}', content_type="application/json")
    assert missing.status_code == 403
    assert missing.json() == {"error": "Phiên làm việc đã hết hạn hoặc biểu mẫu đã cũ. Hãy tải lại trang và thử lại."}
    client.get(url(article))
    wrong = client.post(url(article), '{"score": 5}', content_type="application/json", HTTP_X_CSRFTOKEN="x" * 32)
    assert wrong.status_code == 403
    assert ArticleRating.objects.count() == 0
    token = client.cookies["csrftoken"].value
    right = client.post(url(article), '{"score": 5}', content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert right.status_code == 200


def test_closed_ratings_refuse_votes_but_keep_them(client, article):
    vote(Client(), article, 5)
    article.ratings_open = False
    article.save()
    response = vote(client, article, 1)
    assert response.status_code == 403
    assert response.json() == {"error": "Bài viết này đã đóng đánh giá."}
    assert client.get(url(article)).json()["count"] == 1
    assert "Bài viết này đã đóng đánh giá." in client.get(article.url).content.decode()


def test_rate_limit_per_address_with_retry_after(article, settings):
    settings.RATING_RATE_LIMIT = "3/10m"
    for score in (1, 2, 3):
        assert vote(Client(), article, score, REMOTE_ADDR="203.0.113.9").status_code == 200
    refused = vote(Client(), article, 5, REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    # The three votes fade out of the sliding window by a third of the next one at the latest.
    assert 0 < int(refused["Retry-After"]) <= 600 + 200
    assert refused.json()["error"].startswith("Bạn đã gửi quá nhiều đánh giá từ kết nối này.")
    assert vote(Client(), article, 5, REMOTE_ADDR="203.0.113.10").status_code == 200
    assert ArticleRatingSummary.objects.get(page=article).count == 4


def test_forwarded_address_is_trusted_only_from_configured_proxies(article, settings):
    settings.RATING_RATE_LIMIT = "1/10m"
    # Without trusted proxies, X-Forwarded-For is ignored: all these come from one address.
    assert vote(Client(), article, 5, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert vote(Client(), article, 5, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429
    settings.RATING_TRUSTED_PROXIES = ["10.0.0.0/8"]
    cache.clear()
    assert vote(Client(), article, 5, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert vote(Client(), article, 5, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200
    assert vote(Client(), article, 5, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429


@pytest.mark.parametrize("backend", CACHE_DOWN)
def test_votes_go_on_and_stay_limited_when_the_cache_is_down(article, settings, backend):
    """Without the cache, the address's votes are counted in the database."""
    settings.CACHES = {"default": backend}
    settings.RATING_RATE_LIMIT = "2/10m"
    statuses = [vote(Client(), article, 4, REMOTE_ADDR="203.0.113.9").status_code for _ in range(4)]
    assert statuses == [200, 200, 429, 429]
    refused = vote(Client(), article, 4, REMOTE_ADDR="203.0.113.9")
    assert 590 <= int(refused["Retry-After"]) <= 600
    assert vote(Client(), article, 4, REMOTE_ADDR="203.0.113.10").status_code == 200
    assert ArticleRatingSummary.objects.get(page=article).count == 3


def test_no_double_burst_at_the_edge_of_the_window(article, settings, monkeypatch):
    settings.RATING_RATE_LIMIT = "3/10m"
    clock = [600 * 3_000_000 + 599.0]  # a second before a window ends
    monkeypatch.setattr("time.time", lambda: clock[0])
    assert [vote(Client(), article, 5).status_code for _ in range(3)] == [200, 200, 200]
    clock[0] += 2  # a second into the next window
    refused = vote(Client(), article, 5)
    assert (refused.status_code, refused["Retry-After"]) == (429, "199")
    assert ArticleRatingSummary.objects.get(page=article).count == 3


def test_parse_rate_limit():
    assert parse_rate_limit("20/10m") == (20, 600)
    assert parse_rate_limit("5/30s") == (5, 30)
    assert parse_rate_limit("100/1h") == (100, 3600)
    with pytest.raises(ValueError, match="RATING_RATE_LIMIT"):
        parse_rate_limit("lots")


def test_ratings_survive_new_revisions_revert_copy_and_unpublish(client, article):
    for score in (5, 3):
        vote(Client(), article, score)
    article.title = "Tiêu đề mới"
    first_revision = article.save_revision()
    first_revision.publish()
    article.title = "Tiêu đề thứ ba"
    article.save_revision().publish()
    first_revision.publish()  # revert to the earlier revision
    copy = article.copy(update_attrs={"slug": "ban-sao", "title": "Bản sao"})
    assert client.get(url(article)).json()["count"] == 2
    assert client.get(url(copy)).json()["count"] == 0
    article.unpublish()
    assert ArticleRatingSummary.objects.get(page=article).count == 2
    assert ArticleRating.objects.filter(page=article).count() == 2
    article.delete()
    assert ArticleRating.objects.count() == 0
    assert ArticleRatingSummary.objects.count() == 0


def test_cached_article_page_still_gets_the_current_count(client, article, settings):
    settings.MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    settings.CACHE_MIDDLEWARE_SECONDS = 300
    reader = Client()
    cached = reader.get(article.url)
    assert "ĐÁNH GIÁ BÀI VIẾT (<span data-rating-count>0</span>)" in cached.content.decode()
    assert vote(Client(), article, 5).status_code == 200
    assert Client().get(article.url).content == cached.content  # the page comes from the cache...
    state = Client().get(url(article))  # ...and the widget's endpoint is never cached
    assert state.json()["count"] == 1
    assert "no-store" in state["Cache-Control"]


def form_vote(browser, page, **headers):
    return browser.post(url(page), {"score": "4", "redirect": "1"}, HTTP_ACCEPT="text/html", **headers)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_ORIGIN": "http://testserver"},  # a browser that does not send Sec-Fetch-Site
    ],
)
def test_without_javascript_the_portals_own_form_votes_in_one_step(article, headers):
    browser = Client(enforce_csrf_checks=True)
    response = form_vote(browser, article, **headers)
    assert response.status_code == 302
    assert response["Location"] == article.url + "#danh-gia"
    assert ArticleRatingSummary.objects.get(page=article).count == 1
    assert ArticleRating.objects.get().score == 4


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://news.testserver"},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "http://testserver"},  # the browser's word wins
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {},  # neither header: not provably our own page
    ],
)
def test_a_form_vote_from_another_site_is_refused_and_not_offered_back(article, headers):
    browser = Client(enforce_csrf_checks=True)
    refused = form_vote(browser, article, **headers)
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "Phiên làm việc đã hết hạn hoặc biểu mẫu đã cũ." in page
    assert 'method="post"' not in page.lower()
    assert "csrfmiddlewaretoken" not in page
    assert ArticleRating.objects.count() == 0


def test_scripts_keep_their_token_even_from_the_same_origin(article):
    browser = Client(enforce_csrf_checks=True)
    same_origin = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"}
    assert vote(browser, article, 5, **same_origin).status_code == 403
    browser.get(url(article))
    token = browser.cookies["csrftoken"].value
    assert vote(browser, article, 5, HTTP_X_CSRFTOKEN=token, **same_origin).status_code == 200
    assert ArticleRatingSummary.objects.get(page=article).count == 1


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_405_before_any_csrf_check(article, method):
    response = getattr(Client(enforce_csrf_checks=True), method)(url(article))
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"


def test_article_page_sets_no_csrf_cookie_so_it_can_be_cached(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
