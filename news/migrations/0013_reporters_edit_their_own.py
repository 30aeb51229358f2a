"""Reporters edit only their own pieces (issue 26, item 1).

0006 gave Phóng viên Wagtail's "change" page permission, which Wagtail reads as "edit, move
and delete every page below": a reporter could open, rewrite, move or delete anyone's draft and
save a draft over anyone's live article. Wagtail's "add" permission, which the group keeps, is
the reporter's job: create pages, and edit, move and delete (while unpublished) the pages they
own. Biên tập viên keep "change" and edit everyone's.

The group's description says so too, unless an administrator has already rewritten it.
Names and descriptions are frozen here on purpose, like the roles of 0006.
"""

from django.db import migrations

REPORTER = "Phóng viên"
OLD_DESCRIPTION = "Viết bài, lưu bản nháp, thêm ảnh và tài liệu, gửi duyệt; không xuất bản."
NEW_DESCRIPTION = (
    "Viết bài, sửa bài của chính mình, thêm ảnh và tài liệu, gửi duyệt; "
    "không sửa, xoá hay di chuyển bài của người khác, không xuất bản."
)


def reporters_edit_their_own(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupProfile = apps.get_model("home", "GroupProfile")

    reporters = Group.objects.filter(name=REPORTER).first()
    if reporters is None:
        return
    GroupPagePermission.objects.filter(
        group=reporters, permission__content_type__app_label="wagtailcore", permission__codename="change_page"
    ).delete()
    GroupProfile.objects.filter(group=reporters, description=OLD_DESCRIPTION).update(description=NEW_DESCRIPTION)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0012_clean_roles"),
        ("home", "0007_group_profile"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(reporters_edit_their_own, migrations.RunPython.noop)]
