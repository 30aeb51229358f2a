from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from home.wagtail_overrides import PortalSettingsOverrides


class AgencyLinkBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("agency"), max_length=255)
    url = blocks.URLBlock(label=_("address"))

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
        FieldPanel("agency_links"),
    ]

    class Meta:
        verbose_name = _("portal settings")
