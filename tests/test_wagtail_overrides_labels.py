"""The labels home/wagtail_overrides.py puts on Wagtail's admin answer what Wagtail's own code answers,
in Vietnamese, and never change what is stored (issue 28.2)."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.utils import translation

from wagtail.admin.compare import FieldComparison
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.models import Page
from wagtail.users.forms import GroupForm
from wagtail.users.templatetags import wagtailusers_tags

from home.wagtail_overrides import permission_label


@pytest.mark.django_db
def test_a_default_permission_reads_as_its_action_and_model_and_keeps_its_stored_name():
    permission = Permission.objects.get(codename="add_author")
    with translation.override("vi"):
        assert permission_label(permission) == "Thêm tác giả"
        assert permission_label(Permission.objects.get(codename="delete_group")) == "Xoá nhóm"
        assert permission_label(Permission.objects.get(codename="publish_page")) == "Xuất bản mọi trang"
    assert Permission.objects.get(codename="add_author").name == "Can add author"


@pytest.mark.django_db
def test_the_group_forms_permission_table_is_wagtails_with_vietnamese_labels():
    field = GroupForm(instance=Group.objects.get(name="Biên tập viên"))["permissions"]
    ours = wagtailusers_tags.format_permissions(field)
    theirs = wagtailusers_tags.format_permissions.original(field)
    assert ours["other_perms"] == theirs["other_perms"]
    assert ours["extra_perms_exist"] == theirs["extra_perms_exist"]
    assert len(ours["object_perms"]) == len(theirs["object_perms"])
    for our_row, their_row in zip(ours["object_perms"], theirs["object_perms"], strict=True):
        assert our_row.keys() == their_row.keys()
        for action in ("add", "change", "delete"):
            if action in their_row:
                assert our_row[action]["perm"].pk == their_row[action]["perm"].pk
                assert our_row[action]["checkbox"] is their_row[action]["checkbox"]
                assert our_row[action]["perm"].name == permission_label(their_row[action]["perm"])
                assert their_row[action]["perm"].name.startswith("Can ")


def test_a_yes_no_cell_is_as_true_as_wagtails_and_says_co_or_khong():
    column = BooleanColumn("is_active")
    for value in (True, False, 1, 0, None):
        row = type("Row", (), {"is_active": value})()
        shown = column.get_value(row)
        assert (shown is None) == (value is None)
        if value is not None:
            assert bool(shown) == bool(value)
            with translation.override("vi"):
                assert str(shown) == ("Có" if value else "Không")


@pytest.mark.django_db
def test_comparing_an_empty_field_says_khong_co_and_else_what_wagtail_says():
    field = Page._meta.get_field("go_live_at")
    a, b = Page(title="A"), Page(title="B")
    with translation.override("vi"):
        assert FieldComparison(field, a, b).htmldiff() == "Không có"
        b.seo_title = "B"
        title = FieldComparison(Page._meta.get_field("title"), a, b)
        assert title.htmldiff() == '<span class="deletion">A</span><span class="addition">B</span>'
