"""Sections and the articles in them (their queries: article_queries.py; their links: links.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.models import PortalImage, PortalPage
from home.renditions import CARD, FIGURE, SHARE, rendition_specs
from home.vietnamese import format_date, format_datetime
from home.widgets import AutocompleteTagWidget
from home.worker_cache import current
from news.pagination import paginate_articles
from news.search import article_search_text

from .article_form import ArticlePageForm
from .article_queries import AgreementRules, ArticlePageManager, NoticeRules
from .attachments import ArticlePageAttachment
from .links import ArticlePageRelated, read_links, read_links_with_orm
from .ratings import ArticleRatingSummary
from .taxonomy import ArticlePagePartner, ArticlePageProvince

RELATED_COUNT = 4

PROVINCE_HELP = _(
    "Type a province's name, with or without accents, and choose it from the suggestions; "
    "press Enter or a comma to add another."
)
PARTNER_HELP = _(
    "Type any word of the partner's name or full name and choose it from the suggestions; "
    "press Enter or a comma to add another."
)


class ArticleType(models.TextChoices):
    NEWS = "tin", _("News")
    NOTICE = "thong-bao", _("Notice")
    PRESS_RELEASE = "thong-cao-bao-chi", _("Press release")


class SectionPage(PortalPage):
    """A news section ("Tin tức - Sự kiện", "Tin địa phương"): its articles, newest first."""

    intro = models.TextField(_("introduction"), blank=True)

    # The first segment of the portal's own paths (news/urls.py, config/urls.py): a section
    # there would be hidden behind them, its feed behind /rss/<slug>/ too.
    RESERVED_SLUGS = frozenset(
        ["_util", "api", "danh-gia", "doi-tac", "documents", "healthz", "luot-doc", "rss"]
        + ["luu-bai", "so-do-cong", "tac-gia", "thong-bao", "tim-kiem", "tinh-thanh", "van-ban", settings.ADMIN_PATH]
    )

    content_panels = [*PortalPage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.ArticlePage"]
    nfc_fields = (*PortalPage.nfc_fields, "intro")

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def clean(self):
        super().clean()
        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError(
                {"slug": gettext("The address /%(slug)s/ belongs to the portal: choose another.") % {"slug": self.slug}}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate_articles(request, ArticlePage.objects.child_of(self).published().for_cards())
        return context


class ArticlePage(AgreementRules, NoticeRules, PortalPage):
    """A news article: lead, body, photos, authors, source and ceremony details."""

    sapo = models.TextField(_("lead (sapo)"), help_text=_("The bold opening paragraph, shown in lists and shares."))
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    date = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        db_index=True,
        help_text=_("The date readers see. Imported articles keep their original date; 00:00 means no time is shown."),
    )
    article_type = models.CharField(
        _("article type"), max_length=32, choices=ArticleType.choices, default=ArticleType.NEWS
    )
    feature_image = models.ForeignKey(
        "home.PortalImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("feature image"),
    )
    source = models.CharField(_("source"), max_length=255, blank=True, help_text=_('E.g. "Mic.gov.vn"'))
    provinces = ClusterTaggableManager(
        through=ArticlePageProvince, blank=True, verbose_name=_("provinces"), related_name="articles"
    )
    partners = ClusterTaggableManager(
        through=ArticlePagePartner, blank=True, verbose_name=_("partners"), related_name="articles"
    )
    signing_date = models.DateField(_("signing date"), null=True, blank=True)
    signing_place = models.CharField(_("signing place"), max_length=255, blank=True)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Last day the agreement is in force.")
    )
    # A notice's own dates: `valid_until` above is an agreement's, and setting it makes the
    # article report an agreement (AgreementRules), which a notice does not.
    deadline = models.DateTimeField(
        _("application deadline"),
        null=True,
        blank=True,
        help_text=_("For notices: the day and hour applications close. The notice is marked expired after it."),
    )
    notice_valid_until = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("For notices: the last day the notice applies. It is marked expired from the next day."),
    )
    pinned = models.BooleanField(
        _("pinned"),
        default=False,
        help_text=_("For notices: shown before newer notices on the home page and the notice list until it expires."),
    )
    legal_references = models.TextField(
        _("legal references"), blank=True, help_text=_('One per line, e.g. "Nghị định số 72/2013/NĐ-CP".')
    )
    correction_note = models.TextField(_("correction note"), blank=True)
    withdrawn = models.BooleanField(
        _("withdrawn"), default=False, help_text=_("Keeps the address alive but shows a notice instead of the text.")
    )
    withdrawal_note = models.TextField(_("withdrawal note"), blank=True)
    ratings_open = models.BooleanField(
        _("readers may rate"), default=True, help_text=_("Untick to close the article's ratings; votes are kept.")
    )
    search_text = models.TextField(
        _("search text"),
        blank=True,
        editable=False,
        help_text=_("Title, lead, body, authors, provinces and partners without accents, filled in on save."),
    )

    objects = ArticlePageManager()

    parent_page_types = ["news.SectionPage"]
    subpage_types = []
    base_form_class = ArticlePageForm
    nfc_fields = (
        *PortalPage.nfc_fields,
        "sapo",
        "source",
        "signing_place",
        "legal_references",
        "correction_note",
        "withdrawal_note",
    )

    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("sapo"),
        index.SearchField("body"),
        index.SearchField("search_text"),
        index.FilterField("date"),
    ]

    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("sapo"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("article_type")]),
        FieldPanel("feature_image"),
        FieldPanel("body"),
        MultipleChooserPanel("authors", chooser_field_name="author", label=_("Authors")),
        FieldPanel("source"),
    ]
    classification_panels = [
        FieldPanel(
            "provinces", widget=AutocompleteTagWidget(url_name="news_province_suggestions", help_text=PROVINCE_HELP)
        ),
        FieldPanel(
            "partners", widget=AutocompleteTagWidget(url_name="news_partner_suggestions", help_text=PARTNER_HELP)
        ),
        FieldPanel("legal_references"),
        InlinePanel("related_items", label=_("Related articles")),
    ]
    ceremony_panels = [
        FieldRowPanel([FieldPanel("signing_date"), FieldPanel("signing_place")]),
        FieldPanel("valid_until"),
        InlinePanel("signatories", label=_("Signatories")),
    ]
    notice_panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("deadline"), FieldPanel("notice_valid_until")]), FieldPanel("pinned")],
            _("Notice"),
            help_text=_('Only for articles of the type "Notice".'),
        ),
        InlinePanel("attachments", label=_("Attachments")),
    ]
    correction_panels = [
        MultiFieldPanel(
            [
                FieldPanel("correction_note"),
                FieldPanel("withdrawn"),
                FieldPanel("withdrawal_note"),
                FieldPanel("ratings_open"),
            ],
            _("Corrections and withdrawal"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(classification_panels, heading=_("Classification")),
            ObjectList(ceremony_panels, heading=_("Signing ceremony")),
            ObjectList(notice_panels, heading=_("Notice")),
            ObjectList(PortalPage.promote_panels + correction_panels, heading=_("SEO and corrections")),
            ObjectList(PortalPage.settings_panels, heading=_("Publishing")),
        ]
    )

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["-date", "-page_ptr"], name="news_article_date_idx"),
            # The notice list and its feed, newest first (and the API's ?article_type=).
            models.Index(fields=["article_type", "-date", "-page_ptr"], name="news_article_type_date_idx"),
        ]

    def save(self, *args, **kwargs):
        # A partial save (Wagtail's draft revisions) must not copy draft text into the live search text.
        if kwargs.get("update_fields") is None:
            self.search_text = article_search_text(self)
        return super().save(*args, **kwargs)

    @classmethod
    def for_routing(cls, queryset):
        """What serving an article needs, joined into the query that finds it."""
        picks = ArticlePageRelated.objects.filter(page=models.OuterRef("pk"))
        attachments = ArticlePageAttachment.objects.filter(page=models.OuterRef("pk"))
        return (
            queryset.defer("search_text")  # the folded full text: search reads it, pages never do
            .select_related("feature_image", "rating_summary")
            .annotate(has_related_picks=Exists(picks), has_attachments=Exists(attachments))
        )

    @property
    def shown_sapo(self):
        """The lead as readers see it: a withdrawn article shows a notice instead of its text."""
        return "" if self.withdrawn else self.sapo

    @property
    def legal_reference_list(self):
        return [line.strip() for line in self.legal_references.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A preview's links are the draft's, in memory: only a saved page's are read in one query.
        if current() is None or getattr(request, "is_preview", False):
            links = read_links_with_orm(self)
        else:
            links = read_links(self)
        context["article_authors"] = links.authors
        context["article_provinces"] = links.provinces
        context["article_partners"] = links.partners
        context["signatories"] = links.signatories if self.has_ceremony else []
        context["related_articles"] = self.related_articles(context["article_provinces"], context["article_partners"])
        context["page_section"] = self.get_parent()
        # Routing tells whether there are any: most articles skip this query.
        has_attachments = getattr(self, "has_attachments", True)
        context["attachments"] = list(self.attachments.select_related("document")) if has_attachments else []
        context["canonical_url"] = self.get_full_url(request)  # the page shows it seven times
        try:
            context["rating_summary"] = self.rating_summary
        except ArticleRatingSummary.DoesNotExist:
            context["rating_summary"] = None
        self.prefetch_renditions(card.feature_image for card in context["related_articles"])
        return context

    def related_articles(self, provinces, partners, count=RELATED_COUNT):
        """Hand-picked articles first, then the newest sharing a province or partner."""
        # Routing tells whether the editors picked any: most articles skip this query.
        has_picks = getattr(self, "has_related_picks", True)
        picked_ids = [item.related_article_id for item in self.related_items.all()] if has_picks else []
        published = ArticlePage.objects.published()
        related = []
        if picked_ids:
            picked = published.filter(pk__in=picked_ids).exclude(pk=self.pk).for_cards(renditions=False)
            picked = {page.pk: page for page in picked}
            related = [picked[pk] for pk in picked_ids if pk in picked][:count]
        if len(related) < count and (provinces or partners):
            # Subqueries, not joins: no duplicate rows to DISTINCT away, so the newest few come
            # straight off the date index instead of sorting every article sharing a tag.
            same_topic = (
                published.filter(
                    models.Q(pk__in=ArticlePageProvince.objects.filter(tag__in=provinces).values("content_object_id"))
                    | models.Q(pk__in=ArticlePagePartner.objects.filter(tag__in=partners).values("content_object_id"))
                )
                .exclude(pk__in=[self.pk, *(page.pk for page in related)])
                .newest_first()
                .for_cards(renditions=False)
            )
            related += list(same_topic[: count - len(related)])
        return related

    def prefetch_renditions(self, other_images=()):
        """Fetch, in one query, the renditions the page draws: its feature image's and body
        images' figure sizes (and the feature image's share size), and the card sizes of
        `other_images`; not every size made ahead of time (home/renditions.py)."""
        own = [self.feature_image] if self.feature_image is not None else []
        for block in self.body:
            if block.block_type == "image":
                own.append(block.value["image"])
            elif block.block_type == "gallery":
                own.extend(item["image"] for item in block.value["images"])
        own = [image for image in own if image is not None]
        others = [image for image in other_images if image is not None]
        if not own and not others:
            return
        rendition_model = PortalImage.get_rendition_model()
        drawn = rendition_model.objects.filter(
            Q(image__in=[image.pk for image in own], filter_spec__in=rendition_specs(FIGURE, SHARE))
            | Q(image__in=[image.pk for image in others], filter_spec__in=rendition_specs(CARD))
        )
        models.prefetch_related_objects([*own, *others], models.Prefetch("renditions", queryset=drawn))

    @property
    def date_display(self):
        return format_date(self.date)

    @property
    def deadline_display(self):
        """ "Thứ Hai, 15/12/2026 17:00", the time always shown (00:00 is the start of that day)."""
        return format_datetime(self.deadline, always_time=True)
