"""The editorial roles and the "Duyệt bài" workflow, exercised through the admin's own HTTP views."""

import pytest

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from wagtail.models import GroupPagePermission, Page, Site, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.vietnamese import slugify
from news.models import ArticlePage, Author

from .factories import ArticlePageFactory, SectionPageFactory

REPORTER, EDITOR, ADMINISTRATOR = "Phóng viên", "Biên tập viên", "Quản trị"


@pytest.fixture
def make_user(django_user_model):
    def make(role, username=None):
        username = username or slugify(role).replace("-", "_")
        user = django_user_model.objects.create_user(username, f"{username}@example.gov.vn", "mat-khau-thu-nghiem")
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def as_role(client, make_user):
    """A test client logged in with a user of the given role."""

    def login(role):
        client.force_login(make_user(role))
        return client

    return login


def article_form(title, **extra):
    data = {
        "title": title,
        "slug": slugify(title),
        "sapo": "Ngày 10/01/2026, Sở tổ chức hội nghị tổng kết công tác chuyển đổi số.",
        "date": "2026-01-10 09:30",
        "article_type": "tin",
        "body": streamfield([("paragraph", rich_text("<p>Hội nghị đánh giá kết quả năm 2025.</p>"))]),
        "authors": inline_formset([]),
        "source": "",
        "provinces": "",
        "partners": "",
        "legal_references": "",
        "related_items": inline_formset([]),
        "signing_date": "",
        "signing_place": "",
        "valid_until": "",
        "signatories": inline_formset([]),
        "deadline": "",
        "notice_valid_until": "",
        "attachments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "correction_note": "",
        "withdrawal_note": "",
        "ratings_open": "on",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


def add_article(client, section, title, **actions):
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    return client.post(url, {**article_form(title), **actions})


def edit_article(client, page, **actions):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    return client.post(url, {**article_form(page.title), **actions})


def denied(response):
    """Wagtail answers a forbidden admin view with 403, or a redirect to the dashboard with a message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def test_roles_and_workflow_exist_after_migrating(section):
    assert set(Group.objects.values_list("name", flat=True)) >= {REPORTER, EDITOR, ADMINISTRATOR}
    workflow = section.get_workflow()
    assert workflow.name == "Duyệt bài"
    tasks = [task.specific for task in workflow.tasks]
    assert [list(task.groups.values_list("name", flat=True)) for task in tasks] == [[EDITOR]]


def test_reporter_writes_a_draft_and_cannot_publish_it(section, as_role):
    client = as_role(REPORTER)
    response = add_article(client, section, "Hội nghị tổng kết chuyển đổi số", **{"action-publish": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ArticlePage.objects.get(slug="hoi-nghi-tong-ket-chuyen-doi-so")
    assert page.live is False
    edit_article(client, page, **{"action-publish": "on"})
    page.refresh_from_db()
    assert page.live is False
    assert client.get(page.url).status_code == 404


def test_workflow_from_draft_to_approval_to_public_page(section, as_role, make_user, client):
    editor = make_user(EDITOR, "bien_tap")
    reporter_client = as_role(REPORTER)
    add_article(reporter_client, section, "Hội nghị tổng kết chuyển đổi số")
    page = ArticlePage.objects.get(slug="hoi-nghi-tong-ket-chuyen-doi-so")

    mail.outbox.clear()
    response = edit_article(reporter_client, page, **{"action-submit": "on"})
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == "in_progress" and state.workflow.name == "Duyệt bài"
    assert [message.to for message in mail.outbox] == [[editor.email]], "the editors are told"
    page.refresh_from_db()
    assert page.live is False

    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert "Hội nghị tổng kết chuyển đổi số" in dashboard
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.current_task_state.pk))
    response = client.post(url, {"comment": "Đồng ý đăng."})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live is True
    state.refresh_from_db()
    assert state.status == "approved"
    client.logout()
    assert client.get(page.url).status_code == 200


def test_editor_publishes_directly_and_manages_authors(section, as_role):
    client = as_role(EDITOR)
    add_article(client, section, "Thông báo lịch tiếp công dân", **{"action-publish": "on"})
    assert ArticlePage.objects.get(slug="thong-bao-lich-tiep-cong-dan").live is True
    response = client.post("/admin/snippets/news/author/add/", {"name": "Hùng Cường", "slug": "", "organisation": ""})
    assert response.status_code == 302
    assert Author.objects.filter(name="Hùng Cường").exists()


def test_reporter_cannot_manage_authors_users_or_settings(section, as_role):
    client = as_role(REPORTER)
    assert denied(client.post("/admin/snippets/news/author/add/", {"name": "Ai Đó", "slug": ""}))
    assert not Author.objects.exists()
    assert denied(client.get("/admin/users/"))
    assert denied(client.get("/admin/settings/home/portalsettings/"))


def test_reporter_cannot_delete_or_unpublish_a_live_article(section, as_role):
    page = ArticlePageFactory(parent=section, title="Bài đã đăng")
    client = as_role(REPORTER)
    assert denied(client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,))))
    assert denied(client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,))))
    assert Page.objects.get(pk=page.pk).live is True


ROLE_MATRIX = [
    # (path, Phóng viên, Biên tập viên, Quản trị)
    ("/admin/", True, True, True),
    ("/admin/pages/add/news/articlepage/{section}/", True, True, True),
    ("/admin/images/multiple/add/", True, True, True),
    ("/admin/snippets/news/author/", True, True, True),
    ("/admin/snippets/news/author/add/", False, True, True),
    ("/admin/snippets/news/partner/add/", False, True, True),
    ("/admin/users/", False, False, True),
    ("/admin/groups/", False, False, True),
    ("/admin/settings/home/portalsettings/{site}/", False, False, True),
    ("/admin/workflows/list/", False, False, True),
]


@pytest.mark.parametrize(("path", "reporter", "editor", "administrator"), ROLE_MATRIX)
def test_role_matrix(section, as_role, path, reporter, editor, administrator):
    for role, allowed in ((REPORTER, reporter), (EDITOR, editor), (ADMINISTRATOR, administrator)):
        client = as_role(role)
        response = client.get(path.format(section=section.pk, site=Site.objects.get().pk))
        if allowed:
            assert response.status_code == 200, (role, path, response.status_code)
        else:
            assert denied(response), (role, path, response.status_code)
        client.logout()


def test_a_reporter_kept_to_one_section_cannot_write_in_another(home, section, make_user, client):
    other = SectionPageFactory(title="Tin địa phương", parent=home)
    local_reporters = Group.objects.create(name="Phóng viên - Tin địa phương")
    for permission_type in ("add", "change"):
        GroupPagePermission.objects.create(group=local_reporters, page=other, permission_type=permission_type)
    user = make_user(REPORTER)
    user.groups.set([local_reporters, *Group.objects.filter(name=REPORTER)])
    Group.objects.get(name=REPORTER).page_permissions.all().delete()
    client.force_login(user)
    assert client.get(f"/admin/pages/add/news/articlepage/{other.pk}/").status_code == 200
    assert denied(client.get(f"/admin/pages/add/news/articlepage/{section.pk}/"))
