from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The portal's user: editors, approvers and administrators.

    A custom model from the first migration, so that fields (unit, phone) can be
    added later without a painful swap.
    """

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
