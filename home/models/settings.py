from types import SimpleNamespace

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from home.wagtail_overrides import PortalSettingsOverrides


class AgencyLinkBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("agency"), max_length=255)
    url = blocks.URLBlock(label=_("address"))
    name_en = blocks.CharBlock(label=_("agency in English"), max_length=255, required=False)

    class Meta:
        icon = "link"
        label = _("link")


@register_setting(icon="site")
class PortalSettings(PortalSettingsOverrides, BaseSiteSetting):
    """The agency that owns the portal: its name in the header, its legal block in the footer."""

    agency_name = models.CharField(_("agency name"), max_length=255, default="Cổng Thông tin điện tử")
    agency_parent = models.CharField(
        _("parent agency"), max_length=255, blank=True, help_text=_('Shown above the name, e.g. "UBND tỉnh Lạng Sơn"')
    )
    logo = models.ForeignKey(
        "home.PortalImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("logo")
    )
    owning_agency = models.CharField(_("owning agency"), max_length=255, blank=True)
    person_responsible = models.CharField(_("person responsible"), max_length=255, blank=True)
    licence = models.CharField(_("licence"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    email = models.EmailField(_("email"), blank=True)
    # The same in English, for the English pages (Nghị định 42/2022 Điều 7.2); empty: the Vietnamese.
    agency_parent_en = models.CharField(_("parent agency in English"), max_length=255, blank=True)
    agency_name_en = models.CharField(_("agency name in English"), max_length=255, blank=True)
    owning_agency_en = models.CharField(_("owning agency in English"), max_length=255, blank=True)
    person_responsible_en = models.CharField(_("person responsible in English"), max_length=255, blank=True)
    licence_en = models.CharField(_("licence in English"), max_length=255, blank=True)
    address_en = models.CharField(_("address in English"), max_length=255, blank=True)
    # Nghị định 42/2022 Điều 7.1.b: links to other agencies' portals, in the footer.
    agency_links = StreamField(
        [("link", AgencyLinkBlock())],
        blank=True,
        verbose_name=_("links to other agencies"),
        help_text=_('Shown in the footer under "Website links", in this order.'),
    )

    panels = [
        MultiFieldPanel([FieldPanel("agency_parent"), FieldPanel("agency_name"), FieldPanel("logo")], _("Header")),
        MultiFieldPanel(
            [
                FieldPanel("owning_agency"),
                FieldPanel("person_responsible"),
                FieldPanel("licence"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            _("Legal block in the footer"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("agency_parent_en"),
                FieldPanel("agency_name_en"),
                FieldPanel("owning_agency_en"),
                FieldPanel("person_responsible_en"),
                FieldPanel("licence_en"),
                FieldPanel("address_en"),
            ],
            _("In English"),
            help_text=_("Shown on the English pages instead of the Vietnamese; left empty, the Vietnamese is shown."),
        ),
        FieldPanel("agency_links"),
    ]

    # The fields that have an English version `<name>_en`.
    TRANSLATED = ("agency_parent", "agency_name", "owning_agency", "person_responsible", "licence", "address")

    class Meta:
        verbose_name = _("portal settings")

    def in_current_language(self):
        """The header's and footer's texts in the language being shown: on English pages the
        English ones, each falling back to the Vietnamese when it is empty."""
        english = translation.get_language() == "en"
        texts = {name: (english and getattr(self, f"{name}_en")) or getattr(self, name) for name in self.TRANSLATED}
        links = [
            SimpleNamespace(url=link.value["url"], name=(english and link.value.get("name_en")) or link.value["name"])
            for link in self.agency_links
        ]
        return SimpleNamespace(**texts, phone=self.phone, email=self.email, agency_links=links)
