"""A Phóng viên edits only their own pieces; a Biên tập viên edits everyone's (issue 26, item 1).

Everything goes through the admin's own views, as a browser would, with CSRF checks on.
"""

import importlib
import io

import pytest
from PIL import Image as PILImage

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import GroupPagePermission, Page, UploadedFile, WorkflowState

from home.models import GroupProfile
from news.models import ArticlePage

from .factories import ArticlePageFactory, SectionPageFactory
from .test_roles import article_form

REPORTER, EDITOR = "Phóng viên", "Biên tập viên"
migration = importlib.import_module("news.migrations.0013_reporters_edit_their_own")
reporters_edit_their_own = migration.reporters_edit_their_own
OLD_DESCRIPTION, NEW_DESCRIPTION = migration.OLD_DESCRIPTION, migration.NEW_DESCRIPTION
DENIED = "Bạn không có quyền truy cập vào khu vực này."


@pytest.fixture
def make_user(django_user_model):
    def make(username, role):
        user = django_user_model.objects.create_user(username, f"{username}@example.gov.vn", "mat-khau-thu-nghiem")
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def reporter1(make_user):
    return make_user("reporter1", REPORTER)


@pytest.fixture
def reporter2(make_user):
    return make_user("reporter2", REPORTER)


@pytest.fixture
def editor(make_user):
    return make_user("bientap", EDITOR)


@pytest.fixture
def other_section(home):
    return SectionPageFactory(title="Tin địa phương", parent=home)


def draft(section, owner, title):
    page = ArticlePageFactory(parent=section, title=title, owner=owner, live=False)
    page.save_revision(user=owner)
    return page


def logged_in(user):
    """A client that checks CSRF, as a browser's requests are checked."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def csrf_post(client, url, data=None):
    client.get(reverse("wagtailadmin_home"))
    return client.post(url, {**(data or {}), "csrfmiddlewaretoken": client.cookies["csrftoken"].value})


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def save_draft(client, page, title, **actions):
    return csrf_post(client, edit_url(page), {**article_form(title), **actions})


def latest_title(page):
    return ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object().title


def in_review(page):
    return WorkflowState.objects.filter(
        base_content_type__model="page", object_id=str(page.pk), status="in_progress"
    ).exists()


def snapshot(page):
    return Page.objects.filter(pk=page.pk).values("path", "live", "latest_revision_id", "title").first()


ACTIONS = ["edit_get", "edit_post", "delete", "move", "submit"]


def attempt(client, action, page, destination):
    if action == "edit_get":
        return client.get(edit_url(page))
    if action == "edit_post":
        return save_draft(client, page, "Bài đã bị sửa")
    if action == "delete":
        return csrf_post(client, reverse("wagtailadmin_pages:delete", args=(page.pk,)))
    if action == "move":
        return csrf_post(client, reverse("wagtailadmin_pages:move_confirm", args=(page.pk, destination.pk)))
    return save_draft(client, page, page.title, **{"action-submit": "on"})


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("whose", ["someone_elses_draft", "someone_elses_live_article"])
def test_a_reporter_cannot_touch_someone_elses_piece(
    section, other_section, reporter1, reporter2, editor, whose, action
):
    if whose == "someone_elses_draft":
        page = draft(section, reporter2, "Bản nháp của phóng viên khác")
    else:
        page = ArticlePageFactory(parent=section, title="Bài đã đăng của biên tập viên", owner=editor)
    before = snapshot(page)

    client = logged_in(reporter1)
    response = attempt(client, action, page, other_section)

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert DENIED in client.get("/admin/").content.decode()
    assert snapshot(page) == before
    assert not in_review(page)


@pytest.mark.parametrize("action", ACTIONS)
def test_a_reporter_does_all_of_that_to_their_own_draft(section, other_section, reporter1, action):
    page = draft(section, reporter1, "Bản nháp của tôi")
    before = snapshot(page)

    response = attempt(logged_in(reporter1), action, page, other_section)

    after = snapshot(page)
    if action == "edit_get":
        assert response.status_code == 200
    else:
        assert response.status_code == 302, response.content.decode()[:2000]
    if action == "edit_post":
        assert latest_title(page) == "Bài đã bị sửa"
        assert after["latest_revision_id"] != before["latest_revision_id"]
    elif action == "delete":
        assert after is None
    elif action == "move":
        assert Page.objects.get(pk=page.pk).get_parent().pk == other_section.pk
    elif action == "submit":
        assert in_review(page)


def test_a_reporter_writes_submits_and_reworks_a_piece_sent_back(section, reporter1, editor):
    reporter = logged_in(reporter1)
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    assert csrf_post(reporter, url, article_form("Hội nghị chuyển đổi số")).status_code == 302
    page = ArticlePage.objects.get(slug="hoi-nghi-chuyen-doi-so")
    assert page.owner == reporter1
    assert save_draft(reporter, page, "Hội nghị chuyển đổi số", **{"action-submit": "on"}).status_code == 302
    assert in_review(page)

    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk), status="in_progress")
    reject = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "reject", state.current_task_state.pk))
    assert csrf_post(logged_in(editor), reject, {"comment": "Bổ sung số liệu."}).status_code == 302
    state.refresh_from_db()
    assert state.status == "needs_changes"

    assert reporter.get(edit_url(page)).status_code == 200
    response = save_draft(reporter, page, "Hội nghị chuyển đổi số năm 2025", **{"action-submit": "on"})
    assert response.status_code == 302
    assert latest_title(page) == "Hội nghị chuyển đổi số năm 2025"
    assert in_review(page)


@pytest.mark.parametrize("whose", ["reporters_draft", "live_article"])
def test_an_editor_edits_everyones_pieces(section, reporter2, editor, whose):
    if whose == "reporters_draft":
        page = draft(section, reporter2, "Bản nháp của phóng viên")
    else:
        page = ArticlePageFactory(parent=section, title="Bài đã đăng", owner=reporter2)
    client = logged_in(editor)
    assert client.get(edit_url(page)).status_code == 200
    assert save_draft(client, page, "Biên tập viên đã sửa").status_code == 302
    assert latest_title(page) == "Biên tập viên đã sửa"


def test_a_reporter_uploads_photos_and_documents(reporter1):
    client = logged_in(reporter1)
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 600), "#14365f").save(buffer, "PNG")
    uploads = {
        "/admin/images/multiple/add/": SimpleUploadedFile("hoi-nghi.png", buffer.getvalue(), content_type="image/png"),
        "/admin/documents/multiple/add/": SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4\n%%EOF\n"),
    }
    for url, upload in uploads.items():
        client.get(reverse("wagtailadmin_home"))
        response = client.post(
            url,
            {"files[]": upload, "csrfmiddlewaretoken": client.cookies["csrftoken"].value},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        assert (response.status_code, response.json()["success"]) == (200, True)
    # The photo waits for its alt text and credit as an UploadedFile, as Wagtail keeps it.
    assert list(UploadedFile.objects.values_list("uploaded_by_user__username", flat=True)) == ["reporter1"]
    assert list(get_document_model().objects.values_list("uploaded_by_user__username", flat=True)) == ["reporter1"]


def test_existing_installs_lose_the_reporters_edit_all_permission(home):
    reporters = Group.objects.get(name=REPORTER)
    GroupPagePermission.objects.create(group=reporters, page=home, permission_type="change")
    GroupProfile.objects.filter(group=reporters).update(description=OLD_DESCRIPTION)

    reporters_edit_their_own(apps, None)

    assert sorted(reporters.page_permissions.values_list("page_id", "permission__codename")) == [(home.pk, "add_page")]
    assert reporters.profile.description == NEW_DESCRIPTION
    editors = Group.objects.get(name=EDITOR)
    assert "change_page" in editors.page_permissions.values_list("permission__codename", flat=True)


def test_a_description_an_administrator_rewrote_is_kept(home):
    reporters = Group.objects.get(name=REPORTER)
    GroupProfile.objects.filter(group=reporters).update(description="Viết tin địa phương.")
    reporters_edit_their_own(apps, None)
    assert GroupProfile.objects.get(group=reporters).description == "Viết tin địa phương."
