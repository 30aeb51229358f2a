"""The admin speaks Vietnamese in every state a page can be in (issue 28.2).

A Phóng viên's article is read by its reporter and by a Biên tập viên as a draft, in review,
scheduled, locked, live with a newer draft and after a save that failed validation; with it the
explorer, history and choosers that show those states, the author picker and the duplicate-photo
screen. An administrator reads the group form, the Sites form and the admin's 404 page. The
English detector is the crawl's own (tests/test_admin_vietnamese.py).
"""

import datetime
import json

import pytest

from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from wagtail.models import Page, Site

from news.models import ArticlePage, SectionPage

from .factories import ArticlePageFactory, PortalImageFactory
from .test_admin_vietnamese import EDITOR, REPORTER, desk, english_in, page_content, user_words, visible_text  # noqa: F401
from .test_roles import article_form

STATES = {
    "draft": "Bài nháp",
    "draft_with_schedule": "Bài nháp có ngày giờ xuất bản",
    "in_review": "Bài chờ duyệt",
    "scheduled": "Bài đã lên lịch",
    "locked": "Bài đang khoá",
    "live_with_draft": "Bài đã xuất bản",
}


@pytest.fixture
def users(desk):  # noqa: F811 (the crawl's fixture, imported above)
    """The demo portal's administrator, Biên tập viên and Phóng viên (the crawl's `desk`)."""
    return desk


@pytest.fixture
def articles(users):
    """One of the reporter's articles in each state, all in the reporter's section."""
    reporter, editor = users[REPORTER], users[EDITOR]
    section = SectionPage.objects.get(slug="tin-dia-phuong")
    made = {}
    for state, title in STATES.items():
        page = ArticlePageFactory(parent=section, title=title, owner=reporter, live=False)
        page.save_revision(user=reporter)
        made[state] = page
    made["in_review"].get_workflow().start(made["in_review"], reporter)
    scheduled = made["scheduled"]
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=2)
    scheduled.save_revision(user=editor).publish(user=editor)
    draft = made["draft_with_schedule"]
    draft.go_live_at = timezone.now() + datetime.timedelta(days=3)
    draft.save_revision(user=reporter)
    made["live_with_draft"].save_revision(user=editor).publish(user=editor)
    live = ArticlePage.objects.get(pk=made["live_with_draft"].pk)
    live.title = "Bài đã xuất bản, có bản nháp mới"
    live.save_revision(user=reporter)
    Page.objects.filter(pk=made["locked"].pk).update(locked=True, locked_by=editor, locked_at=timezone.now())
    return made


def _english(client, url, own_words, data=None):
    chooser = {"x-requested-with": "XMLHttpRequest"} if "choose" in url else {}
    response = client.post(url, data) if data is not None else client.get(url, headers=chooser)
    assert response.status_code in (200, 403, 404), (url, response.status_code)
    return english_in(visible_text(page_content(response)), own_words), response


def state_urls(articles):
    section = SectionPage.objects.get(slug="tin-dia-phuong")
    urls = [f"/admin/pages/{section.pk}/", "/admin/", "/admin/pages/search/?q=bai"]
    for page in articles.values():
        for view in ("edit/", "history/", "workflow_history/", "revisions/compare/earliest...latest/"):
            urls.append(f"/admin/pages/{page.pk}/{view}")
    urls += [
        "/admin/snippets/choose/news/author/?multiple=1",
        "/admin/choose-page/?page_type=news.articlepage",
        f"/admin/choose-page/{section.pk}/?page_type=news.articlepage",
    ]
    return urls


@pytest.mark.parametrize("role", [REPORTER, EDITOR])
def test_every_state_of_an_article_is_vietnamese(users, articles, role):
    client = Client()
    client.force_login(users[role])
    own_words = user_words()
    english = {}
    for url in state_urls(articles):
        found, _ = _english(client, url, own_words)
        if found:
            english[url] = found
    assert english == {}


@pytest.mark.parametrize("role", [REPORTER, EDITOR])
def test_a_save_that_fails_validation_is_vietnamese(users, articles, role):
    """An empty title, and a slug already used beside it."""
    client = Client()
    client.force_login(users[role])
    page, sibling = articles["draft"], articles["scheduled"]
    own_words = user_words()
    url = f"/admin/pages/{page.pk}/edit/"
    found, response = _english(client, url, own_words, data=article_form("", slug=page.slug))
    assert response.status_code == 200 and found == []
    assert "Chưa lưu được trang vì dữ liệu có lỗi." in response.content.decode()
    found, response = _english(client, url, own_words, data=article_form("Bài trùng", slug=sibling.slug))
    slug_in_use = f"Đường dẫn &#x27;{sibling.slug}&#x27; đã có trang khác dùng trong cùng trang cha."
    assert slug_in_use in response.content.decode()
    assert found == []


def test_the_duplicate_photo_screen_is_vietnamese(users):
    """A photo uploaded twice through the image chooser: the reporter is offered the one already there."""
    client = Client()
    client.force_login(users[REPORTER])
    image = PortalImageFactory()
    image._set_image_file_metadata()
    image.save()
    data = {"title": "Lễ ký kết", "alt_text": "Quang cảnh lễ ký kết", "caption": "Lễ ký kết", "credit": "Ảnh: PV"}
    data["collection"] = image.collection_id
    with image.file.open("rb") as upload:
        fields = {f"image-chooser-upload-{name}": value for name, value in {**data, "file": upload}.items()}
        response = client.post("/admin/images/chooser/create/", fields, headers={"x-requested-with": "XMLHttpRequest"})
    answer = json.loads(response.content)
    assert answer["step"] == "duplicate_found", answer
    shown = visible_text(answer["htmlFragment"])
    assert english_in(shown, user_words()) == []
    assert "Dùng ảnh mới" in shown and "Dùng ảnh đã có, xoá ảnh mới" in shown


def test_the_administrators_forms_and_404_are_vietnamese(users):
    client = Client()
    client.force_login(users["admin"])
    own_words = user_words()
    group = Group.objects.get(name=EDITOR)
    site = Site.objects.get(is_default_site=True)
    english = {}
    urls = ["/admin/groups/new/", f"/admin/groups/edit/{group.pk}/", "/admin/sites/", "/admin/sites/new/"]
    for url in [*urls, f"/admin/sites/edit/{site.pk}/", "/admin/users/", "/admin/khong-co-trang-nay/"]:
        found, _ = _english(client, url, own_words)
        if found:
            english[url] = found
    assert english == {}
