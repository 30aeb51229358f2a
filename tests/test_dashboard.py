"""The newsroom dashboard (issue 14 item 5): five panels, each a fixed number of queries."""

import datetime

import pytest

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

from news.models import ArticleDailyReads, ArticleRating

from .factories import ArticlePageFactory

REPORTER, EDITOR = "Phóng viên", "Biên tập viên"


@pytest.fixture
def people(django_user_model):
    def make(name, role):
        user = django_user_model.objects.create_user(name, f"{name}@example.gov.vn", "mat-khau-thu-nghiem")
        user.groups.add(Group.objects.get(name=role))
        return user

    return {"reporter": make("phong_vien", REPORTER), "editor": make("bien_tap", EDITOR)}


def newsroom(section, people, n, start=0):
    """n of each: the reporter's drafts, submitted articles, scheduled ones, read and rated ones."""
    reporter = people["reporter"]
    workflow = section.get_workflow()
    for i in range(start, start + n):
        draft = ArticlePageFactory(parent=section, title=f"Bản nháp {i}", live=False, owner=reporter)
        draft.save_revision(user=reporter)
        submitted = ArticlePageFactory(parent=section, title=f"Chờ duyệt {i}", live=False, owner=reporter)
        submitted.save_revision(user=reporter)
        workflow.start(submitted, reporter)
        scheduled = ArticlePageFactory(parent=section, title=f"Hẹn giờ {i}", live=False)
        scheduled.go_live_at = timezone.now() + datetime.timedelta(days=i + 1)
        scheduled.save_revision().publish()
        read = ArticlePageFactory(parent=section, title=f"Đọc nhiều {i}")
        ArticleDailyReads.objects.create(page=read, day=timezone.localdate(), count=10 + i)
        ArticleRating.objects.create(page=read, voter_key=f"v{i}", score=1 + i % 5)


def panel_titles(html):
    return [title for title in ("Bản nháp của tôi", "Chờ tôi duyệt", "Lên lịch xuất bản", "Đọc nhiều hôm nay",
                                "Đánh giá mới nhất") if title in html]  # fmt: skip


def test_reporter_sees_drafts_scheduled_and_most_read(client, section, people):
    newsroom(section, people, 2)
    client.force_login(people["reporter"])
    response = client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert panel_titles(html) == ["Bản nháp của tôi", "Lên lịch xuất bản", "Đọc nhiều hôm nay"]
    panels = {panel.name: panel for panel in response.context["panels"] if hasattr(panel, "rows")}
    assert [row.title for row in panels["newsroom_my_drafts"].rows()] == [
        "Chờ duyệt 1", "Bản nháp 1", "Chờ duyệt 0", "Bản nháp 0"
    ]  # fmt: skip
    assert [row.title for row in panels["newsroom_scheduled"].rows()] == ["Hẹn giờ 0", "Hẹn giờ 1"]
    assert [(row.title, row.detail) for row in panels["newsroom_read_most_today"].rows()] == [
        ("Đọc nhiều 1", "11 lượt đọc"), ("Đọc nhiều 0", "10 lượt đọc")
    ]  # fmt: skip


def test_editor_sees_what_waits_for_approval_and_the_ratings(client, section, people):
    newsroom(section, people, 2)
    client.force_login(people["editor"])
    response = client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert panel_titles(html) == [
        "Bản nháp của tôi", "Chờ tôi duyệt", "Lên lịch xuất bản", "Đọc nhiều hôm nay", "Đánh giá mới nhất"
    ]  # fmt: skip
    panels = {panel.name: panel for panel in response.context["panels"] if hasattr(panel, "rows")}
    waiting = panels["newsroom_awaiting_my_approval"].rows()
    assert [row.title for row in waiting] == ["Chờ duyệt 0", "Chờ duyệt 1"]
    page = Page.objects.get(title="Chờ duyệt 0")
    assert [row.detail.split(" · ")[0] for row in waiting] == ["phong_vien", "phong_vien"]
    assert waiting[0].url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert [row.title for row in panels["newsroom_newest_ratings"].rows()] == ["Đọc nhiều 1", "Đọc nhiều 0"]
    assert f'href="{reverse("news_ratings_report")}"' in html
    assert "Bạn không có bản nháp nào." in html


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_dashboard_costs_the_same_on_a_small_and_a_large_site(client, section, people, role, django_assert_num_queries):
    client.force_login(people[role])
    newsroom(section, people, 2)  # 2 articles of each kind
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
    newsroom(section, people, 18, start=2)  # 20 of each
    with django_assert_num_queries(len(small)):
        assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_write_a_new_article_in_one_click_from_the_dashboard(client, home, section, people, role):
    from .factories import SectionPageFactory

    other = SectionPageFactory(parent=home, title="Tin địa phương")
    client.force_login(people[role])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Viết bài mới" in html
    links = [reverse("wagtailadmin_pages:add", args=("news", "articlepage", page.pk)) for page in (section, other)]
    assert [html.index(f'href="{link}"') for link in links] == sorted(html.index(f'href="{link}"') for link in links)
    form = client.get(links[1])
    assert form.status_code == 200
    assert form.context["parent_page"].pk == other.pk


def test_nobody_is_offered_a_section_they_cannot_write_in(client, section, django_user_model):
    reader = django_user_model.objects.create_user("ban_doc", password="x" * 12)
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Viết bài mới" not in html


def test_a_reporter_s_main_button_sends_the_piece_for_review(client, section, people):
    """An editor keeps "Lưu nháp" first (and publishes from the menu); a reporter, who cannot
    publish, gets the submit button as the main one, on a new article and on their draft."""
    add = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    client.force_login(people["reporter"])
    assert client.get(add).context["action_menu"].default_item.name == "action-submit"
    draft = ArticlePageFactory(parent=section, live=False, owner=people["reporter"])
    edit = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert client.get(edit).context["action_menu"].default_item.name == "action-submit"
    client.force_login(people["editor"])
    assert client.get(add).context["action_menu"].default_item.name == "action-save-draft"
