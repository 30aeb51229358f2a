from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The portal's user: editors, approvers and administrators.

    A custom model from the first migration, so that fields (unit, phone) can be
    added later without a painful swap.
    """

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class GroupProfile(models.Model):
    """What a group's members may do, in one line, shown with the group in the admin."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="profile", verbose_name=_("group"))
    description = models.CharField(_("description"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("group description")
        verbose_name_plural = _("group descriptions")

    def __str__(self):
        return self.description
