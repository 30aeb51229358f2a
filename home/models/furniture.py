import uuid

from django.db import models


class FurnitureVersion(models.Model):
    """One row whose token changes whenever the site furniture does (see home/furniture.py)."""

    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = "site furniture version"

    def __str__(self):
        return str(self.token)
