"""Provinces (a controlled vocabulary) and partners (free tags) attached to articles."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from taggit.models import TagBase, TaggedItemBase
from wagtail.search import index

from home.vietnamese import NFCTextMixin, fold, slugify


class VietnameseTag(NFCTextMixin, TagBase):
    """A tag whose slug is an ASCII transliteration and whose name is stored in NFC."""

    nfc_fields = ("name",)

    class Meta:
        abstract = True

    def slugify(self, tag, i=None):
        slug = slugify(tag, max_length=90)
        return f"{slug}-{i}" if i is not None else slug


class Province(VietnameseTag):
    """A provincial unit. The vocabulary is fixed: editors pick, they cannot invent.

    It holds the 34 units in force since 1 July 2025 and the 63 that existed before;
    a former unit that no longer exists points at the unit it merged into.
    """

    free_tagging = False

    is_current = models.BooleanField(_("in force since 1 July 2025"), default=False)
    is_pre_2025 = models.BooleanField(_("existed before 1 July 2025"), default=False)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="former_units",
        verbose_name=_("merged into"),
        limit_choices_to={"is_current": True},
    )

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["slug"]

    def __str__(self):
        return self.display_name

    @classmethod
    def matching(cls, text, limit=None):
        """Names of the provinces having a word that starts with each word of `text`, folded:
        "dong nai" and "ĐỒNG" find "Đồng Nai". Names starting with `text` come first.
        The list is a hundred names, read whole."""
        wanted = fold(text)
        if not wanted:
            return []
        found = []
        for name in cls.objects.values_list("name", flat=True):
            folded = fold(name)
            if all(any(word.startswith(part) for word in folded.split()) for part in wanted.split()):
                found.append((not folded.startswith(wanted), folded, name))
        return [name for *_, name in sorted(found)][:limit]

    @classmethod
    def names_by_fold(cls):
        """{"dong nai": ["Đồng Nai"], …}: every name under its folded form."""
        names = {}
        for name in cls.objects.order_by("name").values_list("name", flat=True):
            names.setdefault(fold(name), []).append(name)
        return names

    @property
    def current_unit(self):
        """The unit in force today that covers this one (itself if it still exists)."""
        return self if self.is_current else self.merged_into

    def units(self):
        """This unit and, for a unit in force today, the former units merged into it (by slug):
        what its page, feed, search filter and API filter cover. A former unit is itself alone."""
        return [self, *(self.former_units.all() if self.is_current else ())]

    @property
    def display_name(self):
        """ "Long An (nay thuộc Tây Ninh)" for a former unit, the plain name otherwise."""
        if self.is_current or self.merged_into is None:
            return self.name
        return gettext("%(name)s (now part of %(successor)s)") % {
            "name": self.name,
            "successor": self.merged_into.name,
        }


class Partner(index.Indexed, VietnameseTag):
    """An organisation the agency works with; editors add new ones as they tag."""

    full_name = models.CharField(_("full name"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "home.PortalImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("logo")
    )

    nfc_fields = ("name", "full_name")
    # Found by any word of the short or full name ("vng" → "Công ty Cổ phần VNG").
    search_fields = [
        index.SearchField("name"),
        index.SearchField("full_name"),
        index.AutocompleteField("name"),
        index.AutocompleteField("full_name"),
    ]

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["slug"]


class ArticlePageProvince(TaggedItemBase):
    # No index of its own: the (tag, content_object) index below serves every lookup by tag.
    tag = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="tagged_articles", db_index=False)
    content_object = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="province_items")

    class Meta:
        # "The articles of this province" straight from the index (related articles, the
        # province's page): a province's rows are thousands at portal scale.
        indexes = [models.Index(fields=["tag", "content_object"], name="news_province_articles_idx")]


class ArticlePagePartner(TaggedItemBase):
    tag = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="tagged_articles", db_index=False)
    content_object = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="partner_items")

    class Meta:
        indexes = [models.Index(fields=["tag", "content_object"], name="news_partner_articles_idx")]
