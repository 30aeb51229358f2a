from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from home.vietnamese import NFCTextMixin, slugify
from home.widgets import VietnameseSlugInput


class Author(NFCTextMixin, index.Indexed, models.Model):
    """A reporter or contributor named in bylines: "Hùng Cường (Sở TT&TT Long An)"."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"), max_length=255, unique=True, blank=True, help_text=_("Filled in from the name when left empty.")
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    photo = models.ForeignKey(
        "home.PortalImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("photo")
    )
    bio = models.TextField(_("short biography"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug", widget=VietnameseSlugInput()),
        FieldPanel("position"),
        FieldPanel("organisation"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
        index.AutocompleteField("organisation"),
    ]
    nfc_fields = ("name", "position", "organisation", "bio")

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return self.byline

    def save(self, *args, **kwargs):
        self.normalize_text()  # the slug is made from the stored name
        if not self.slug:
            self.slug = self._unique_slug(slugify(self.name) or "tac-gia")
        super().save(*args, **kwargs)

    @property
    def byline(self):
        """The name as bylines show it, with the unit in brackets when known."""
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    def _unique_slug(self, base):
        slug, suffix = base, 2
        while Author.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, suffix = f"{base}-{suffix}", suffix + 1
        return slug
