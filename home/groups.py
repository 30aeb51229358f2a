"""The admin's groups with a one-line description of what their members may do."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.users.forms import GroupForm
from wagtail.users.views import groups

from .models import GroupProfile


class GroupProfileForm(GroupForm):
    description = forms.CharField(
        label=_("Description"),
        max_length=255,
        required=False,
        help_text=_("One line: what members of this group may do."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            profile = GroupProfile.objects.filter(group=self.instance).first()
            self.initial["description"] = profile.description if profile else ""

    def save(self, commit=True):
        group = super().save(commit=commit)
        if commit:
            GroupProfile.objects.update_or_create(
                group=group, defaults={"description": self.cleaned_data["description"]}
            )
        return group


class GroupIndexView(groups.IndexView):
    columns = [
        *groups.IndexView.columns,
        Column("description", label=_("Description"), accessor="profile.description"),
    ]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("profile")


class PortalGroupViewSet(groups.GroupViewSet):
    index_view_class = GroupIndexView
    create_template_name = edit_template_name = "home/admin/group_form.html"

    def get_form_class(self, for_update=False):
        return GroupProfileForm
