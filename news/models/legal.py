"""The register of legal documents a portal must publish (Nghị định 42/2022/NĐ-CP, Điều 4)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.search import index

from home.cache import invalidate
from home.vietnamese import NFCTextMixin, fold, normalize, slugify

# A full symbol: number, optional year, issuer suffix — "72/2013/NĐ-CP", "202/2025/QH15", "1234/QĐ-UBND".
# The suffix is what tells documents apart: "Thông tư 22/2023" alone names four different circulars.
SYMBOL = r"\d{1,5}[a-zA-Z]?(?:/\d{4})?/[A-ZĐ][A-ZĐ0-9]*(?:[-&][A-ZĐ0-9]+)*"
SYMBOL_PATTERN = re.compile(rf"^{SYMBOL}$")
# In running text: a symbol not glued to other letters, digits, slashes or hyphens.
SYMBOL_IN_TEXT = re.compile(rf"(?<![\w/\-]){SYMBOL}(?![\w/\-])")


def canonical_symbol(text):
    """ "72/2013/nđ-cp", "72/2013/NÐ-CP" (Icelandic Ð, common in old texts) → "72/2013/NĐ-CP"."""
    text = normalize(re.sub(r"\s+", "", text or "")).replace("Ð", "Đ").replace("ð", "đ")
    number, _, rest = text.partition("/")
    return f"{number}/{rest.upper()}" if rest else text


class LegalDocumentType(models.TextChoices):
    LAW = "luat", _("Law")
    RESOLUTION = "nghi-quyet", _("Resolution")
    DECREE = "nghi-dinh", _("Decree")
    DECISION = "quyet-dinh", _("Decision")
    CIRCULAR = "thong-tu", _("Circular")
    DIRECTIVE = "chi-thi", _("Directive")
    OFFICIAL_LETTER = "cong-van", _("Official letter")
    PLAN = "ke-hoach", _("Plan")
    OTHER = "khac", _("Other")


class LegalDocumentStatus(models.TextChoices):
    IN_FORCE = "con-hieu-luc", _("In force")
    NOT_YET = "chua-co-hieu-luc", _("Not yet in force")
    AMENDED = "da-sua-doi", _("Amended")
    REPEALED = "het-hieu-luc", _("No longer in force")


class LegalDocumentQuerySet(models.QuerySet):
    def search(self, query):
        """Accent-blind search over type, symbol, issuer and abstract; every word must match the start of a word."""
        queryset = self
        for word in re.findall(r"[a-z0-9]+", fold(query))[:8]:
            queryset = queryset.filter(search_text__contains=f" {word}")
        return queryset

    def by_symbols(self, symbols):
        """{symbol: document} for the registered documents among `symbols`."""
        canonical = {canonical_symbol(symbol) for symbol in symbols}
        return {document.symbol: document for document in self.filter(symbol__in=canonical)} if canonical else {}


class LegalDocument(NFCTextMixin, index.Indexed, models.Model):
    """A legal document in the public register: editors enter it once, articles that cite it link to it."""

    symbol = models.CharField(
        _("symbol"),
        max_length=80,
        unique=True,
        help_text=_('The full symbol with the issuer\'s suffix, e.g. "72/2013/NĐ-CP" or "22/2023/TT-BTTTT".'),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True, editable=False)
    document_type = models.CharField(_("document type"), max_length=20, choices=LegalDocumentType.choices)
    issuer = models.CharField(_("issuing body"), max_length=255, help_text=_('E.g. "Chính phủ", "Bộ TT&TT"'))
    issued_on = models.DateField(_("date issued"))
    effective_on = models.DateField(_("effective date"), null=True, blank=True)
    abstract = models.TextField(_("abstract (trích yếu)"), help_text=_("What the document is about, as issued."))
    file = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("file"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=LegalDocumentStatus.choices, default=LegalDocumentStatus.IN_FORCE
    )
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        verbose_name=_("replaced or amended by"),
    )
    search_text = models.TextField(editable=False, blank=True)

    objects = LegalDocumentQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("symbol"), FieldPanel("document_type")]),
        FieldPanel("issuer"),
        FieldRowPanel([FieldPanel("issued_on"), FieldPanel("effective_on")]),
        FieldPanel("abstract"),
        FieldPanel("file"),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("replaced_by")], _("Validity")),
    ]
    search_fields = [
        index.SearchField("symbol"),
        index.AutocompleteField("symbol"),
        index.SearchField("abstract"),
        index.SearchField("search_text"),
        index.FilterField("document_type"),
        index.FilterField("status"),
    ]
    nfc_fields = ("issuer", "abstract")

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = ["-issued_on", "symbol"]

    def __str__(self):
        return f"{self.get_document_type_display()} {self.symbol}"

    def save(self, *args, **kwargs):
        self.symbol = canonical_symbol(self.symbol)
        self.normalize_text()  # the search text is made from the stored text
        self.slug = slugify(self.symbol, max_length=100)
        with translation.override("vi"):
            text = f"{self.get_document_type_display()} {self.symbol} {self.issuer} {self.abstract}"
        self.search_text = f" {' '.join(re.findall(r'[a-z0-9]+', fold(text)))} "
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:legal_document", args=[self.slug])

    def clean(self):
        super().clean()
        self.symbol = canonical_symbol(self.symbol)
        if not SYMBOL_PATTERN.match(self.symbol):
            raise ValidationError(
                {
                    "symbol": _(
                        'Enter the full symbol with the issuer\'s suffix, e.g. "72/2013/NĐ-CP": '
                        '"22/2023" alone names several documents.'
                    )
                }
            )
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            raise ValidationError({"replaced_by": _("A document cannot replace itself.")})
        if self.effective_on and self.issued_on and self.effective_on < self.issued_on:
            raise ValidationError({"effective_on": _("The effective date cannot be before the date issued.")})

    @property
    def title(self):
        """ "Nghị định 72/2013/NĐ-CP" """
        return str(self)


@receiver(post_save, sender=LegalDocument)
@receiver(post_delete, sender=LegalDocument)
def register_changed(sender, **kwargs):
    """/van-ban/ and the articles linking to the register are cached: the page cache turns over."""
    invalidate()
