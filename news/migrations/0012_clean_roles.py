"""Only the newsroom's roles (issue 14): Wagtail's default groups and workflow go, each role says what it may do.

Wagtail's first migrations create the groups "Editors" and "Moderators" and the workflow
"Moderators approval" (with its task of the same name), which sat next to ours in English.
Any page that used that workflow moves to "Duyệt bài"; reviews still open under it are
cancelled (their history goes with the workflow) and can be submitted again. The groups'
members keep their accounts and lose only those groups.

Descriptions are frozen here on purpose, like the roles of 0006.
"""

from django.db import migrations

DEFAULT_GROUPS = ["Editors", "Moderators"]
DEFAULT_WORKFLOW = "Moderators approval"
WORKFLOW = "Duyệt bài"
DESCRIPTIONS = {
    "Phóng viên": "Viết bài, lưu bản nháp, thêm ảnh và tài liệu, gửi duyệt; không xuất bản.",
    "Biên tập viên": "Sửa, duyệt, lên lịch, xuất bản và gỡ xuống bài; quản lý tác giả và đối tác.",
    "Quản trị": "Mọi quyền: người dùng, nhóm, quy trình duyệt, cài đặt và danh mục tỉnh, thành phố.",
}


def clean_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupProfile = apps.get_model("home", "GroupProfile")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    Task = apps.get_model("wagtailcore", "Task")

    ours = Workflow.objects.filter(name=WORKFLOW).first()
    for old in Workflow.objects.filter(name=DEFAULT_WORKFLOW):
        if ours is not None:
            WorkflowPage.objects.filter(workflow=old).update(workflow=ours)
        WorkflowContentType.objects.filter(workflow=old).delete()
        task_ids = list(old.workflow_tasks.values_list("task_id", flat=True))
        old.delete()
        # The task goes only if no other workflow uses it.
        Task.objects.filter(pk__in=task_ids, workflow_tasks__isnull=True).delete()
    Group.objects.filter(name__in=DEFAULT_GROUPS).delete()
    for name, description in DESCRIPTIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            GroupProfile.objects.update_or_create(group=group, defaults={"description": description})


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0011_drop_redundant_tag_indexes"),
        ("home", "0007_group_profile"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(clean_roles, migrations.RunPython.noop)]
