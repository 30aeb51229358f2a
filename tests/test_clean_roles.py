"""Only the newsroom's roles (issue 14 item 4): Wagtail's default groups and workflow are gone."""

import importlib

import pytest

from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import GroupApprovalTask, Page, Task, Workflow, WorkflowPage, WorkflowTask

clean_roles = importlib.import_module("news.migrations.0012_clean_roles").clean_roles

DESCRIPTIONS = {
    "Biên tập viên": "Sửa, duyệt, lên lịch, xuất bản và gỡ xuống bài; quản lý tác giả và đối tác.",
    "Phóng viên": (
        "Viết bài, sửa bài của chính mình, thêm ảnh và tài liệu, gửi duyệt; "
        "không sửa, xoá hay di chuyển bài của người khác, không xuất bản."
    ),
    "Quản trị": "Mọi quyền: người dùng, nhóm, quy trình duyệt, cài đặt và danh mục tỉnh, thành phố.",
}


@pytest.mark.django_db
def test_after_migrating_only_the_newsroom_roles_and_workflow_remain():
    assert sorted(Group.objects.values_list("name", flat=True)) == ["Biên tập viên", "Phóng viên", "Quản trị"]
    assert list(Workflow.objects.values_list("name", flat=True)) == ["Duyệt bài"]
    assert list(Task.objects.values_list("name", flat=True)) == ["Biên tập viên duyệt"]
    assert {row.page_id: row.workflow.name for row in WorkflowPage.objects.all()} == {
        Page.objects.get(depth=1).pk: "Duyệt bài",
        Page.objects.get(depth=2).pk: "Duyệt bài",
    }
    assert {group.name: group.profile.description for group in Group.objects.select_related("profile")} == DESCRIPTIONS


def test_pages_on_the_default_workflow_move_to_duyet_bai(section):
    moderators = Group.objects.create(name="Moderators")
    Group.objects.create(name="Editors")
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.set([moderators])
    old = Workflow.objects.create(name="Moderators approval")
    WorkflowTask.objects.create(workflow=old, task=task, sort_order=0)
    WorkflowPage.objects.create(page=section, workflow=old)

    clean_roles(apps, None)

    assert WorkflowPage.objects.get(page=section).workflow.name == "Duyệt bài"
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert Page.objects.get(pk=section.pk).get_workflow().name == "Duyệt bài"


def test_groups_listing_and_form_show_the_description(admin_client):
    html = admin_client.get(reverse("wagtailusers_groups:index")).content.decode()
    for description in DESCRIPTIONS.values():
        assert description in html
    group = Group.objects.get(name="Phóng viên")
    url = reverse("wagtailusers_groups:edit", args=[group.pk])
    assert DESCRIPTIONS["Phóng viên"] in admin_client.get(url).content.decode()
    data = {"name": "Phóng viên", "description": "Viết bài và gửi duyệt.", "permissions": []}
    data.update(_empty_permission_formsets(admin_client.get(url)))
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    group.profile.refresh_from_db()
    assert group.profile.description == "Viết bài và gửi duyệt."


def _empty_permission_formsets(response):
    """The permission panels' management forms, kept as they are."""
    data = {}
    for panel in response.context["permission_panels"]:
        formset = getattr(panel, "management_form", None)
        if formset is not None:
            prefix = formset.prefix
            data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data
