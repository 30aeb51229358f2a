from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Author, Partner, Province


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "organisation", "position"]
    search_fields = ["name", "organisation"]


class ProvinceViewSet(SnippetViewSet):
    """The province list is fixed by law: editors may read it, administrators correct it."""

    model = Province
    icon = "site"
    menu_label = _("Provinces")
    list_display = ["name", "is_current", "merged_into"]
    list_filter = ["is_current", "is_pre_2025"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("is_current"),
        FieldPanel("is_pre_2025"),
        FieldPanel("merged_into"),
    ]


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "full_name", "website"]
    search_fields = ["name", "full_name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("full_name"),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, ProvinceViewSet, PartnerViewSet)
    menu_icon = "tag"
    menu_label = _("Classification")
    menu_name = "classification"


register_snippet(TaxonomyViewSetGroup)
